/* The moderation queue from the keyboard: j/k choose a comment, a/r/s decide it, t opens
 * "Trả lời với tư cách tòa soạn" under it (Esc closes it, Ctrl+Enter sends it). The work is
 * done by moderation-keys.js, loaded before this script. */
window.moderationKeys({
  list: "[data-queue]",
  keys: { a: "approve", r: "reject", s: "spam" },
  replyKey: "t",
  // The summary's count and the "Chờ duyệt (n)" tab's.
  counters: '[data-pending-count], [data-tab-count="pending"]',
  remaining: "pending"
});

/* The "Bị báo cáo" tab from the keyboard: j/k choose a comment, g keeps it, r rejects it,
 * s marks it spam. The work is done by moderation-keys.js, loaded before this script. */
window.moderationKeys({
  list: "[data-reported]",
  keys: { g: "keep", r: "reject", s: "spam" },
  // The summary's count and the "Bị báo cáo (n)" tab's.
  counters: '[data-reported-count], [data-tab-count="reported"]',
  remaining: "reported"
});

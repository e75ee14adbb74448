/* "Đọc nhiều": tell the site once a day that this browser opened this story (a beacon), so
 * that pages served from the cache are counted too. The server counts a browser once per
 * story and day anyway; remembering it here saves the request. Nothing else is sent. */
(function () {
  "use strict";
  var story = document.querySelector("[data-read-url]");
  if (!story) { return; }
  var url = story.getAttribute("data-read-url");
  var id = story.getAttribute("data-read-story");
  var KEY = "newsroom:reads";

  function today() {  /* the day in Asia/Ho_Chi_Minh (UTC+7, no summer time) */
    return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  }

  function remembered() {  /* {day: "YYYY-MM-DD", ids: [...]}: only today's stories are kept */
    try {
      var seen = JSON.parse(localStorage.getItem(KEY) || "null");
      if (seen && seen.day === today() && Array.isArray(seen.ids)) { return seen; }
    } catch (e) { /* storage off or garbled: start again */ }
    return { day: today(), ids: [] };
  }

  function remember(seen) {
    seen.ids.push(id);
    try { localStorage.setItem(KEY, JSON.stringify(seen)); } catch (e) { /* storage off */ }
  }

  function send() {
    var seen = remembered();
    if (seen.ids.indexOf(id) !== -1) { return; }
    var sent = false;
    if (navigator.sendBeacon) {
      try { sent = navigator.sendBeacon(url); } catch (e) { sent = false; }
    }
    if (!sent && window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" }).catch(function () {});
    }
    remember(seen);
  }

  /* A page the browser prerenders is not read until the reader opens it. */
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();

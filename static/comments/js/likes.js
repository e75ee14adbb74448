/* "Thích" without a page load: toggle with fetch, mark this browser's own likes and refresh the
 * counts of the cached page, which every reader shares and which may be five minutes old.
 * The reader's own likes live in localStorage, never in the page. Without JavaScript the
 * button posts the page's like form and the server redirects back to the comment. */
(function () {
  "use strict";
  var section = document.getElementById("binh-luan");
  var buttons = section ? section.querySelectorAll("[data-like]") : [];
  if (!buttons.length) { return; }
  var KEY = "newsroom.likes";
  var RECENT_MS = 60000;  // a count older than this may not know the reader's own toggle yet
  var KEPT = 500;

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY)) || {};
    } catch (error) {
      return {};
    }
  }

  function save(store) {
    var now = Date.now();
    var ids = Object.keys(store).filter(function (id) {
      return store[id].on || now - store[id].t < RECENT_MS;
    });
    ids.sort(function (a, b) { return store[b].t - store[a].t; });
    var kept = {};
    ids.slice(0, KEPT).forEach(function (id) { kept[id] = store[id]; });
    try {
      window.localStorage.setItem(KEY, JSON.stringify(kept));
    } catch (error) { /* storage full or refused: the like still counts on the server */ }
  }

  function part(button, name) {
    return button.closest(".like").querySelector("[data-like-" + name + "]");
  }

  /* The server's count, unless this browser toggled since the count was taken. */
  function reconcile(id, count) {
    var mine = load()[id];
    if (!mine || Date.now() - mine.t > RECENT_MS) { return count; }
    return mine.on ? Math.max(count, mine.n) : Math.min(count, mine.n);
  }

  function showCounts(likes) {
    buttons.forEach(function (button) {
      var id = button.dataset.like;
      var count = likes ? likes[id] : parseInt(part(button, "count").textContent, 10);
      if (typeof count === "number" && !isNaN(count)) {
        part(button, "count").textContent = reconcile(id, count);
      }
    });
  }

  var store = load();
  buttons.forEach(function (button) {
    var mine = store[button.dataset.like];
    button.setAttribute("aria-pressed", mine && mine.on ? "true" : "false");
  });
  showCounts(null);
  fetch(section.dataset.likeCounts, { cache: "no-cache", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data && data.likes) { showCounts(data.likes); } })
    .catch(function () { /* the page's own counts stay */ });

  function toggle(button) {
    var id = button.dataset.like;
    var status = part(button, "status");
    button.setAttribute("aria-busy", "true");
    fetch(button.formAction, {
      method: "POST",
      body: new FormData(button.form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.json()
          .catch(function () { return {}; })
          .then(function (data) {
            if (!response.ok || typeof data.liked !== "boolean") {
              throw { reader: data.error };
            }
            return data;
          });
      })
      .then(function (data) {
        var mine = load();
        mine[id] = { on: data.liked, n: data.count, t: Date.now() };
        save(mine);
        button.setAttribute("aria-pressed", data.liked ? "true" : "false");
        part(button, "count").textContent = data.count;
        status.textContent = "";
      })
      .catch(function (error) {
        var message = (error && error.reader) || section.dataset.likeFailed;
        status.textContent = "";  // the same message again is announced again
        window.setTimeout(function () { status.textContent = message; }, 50);
      })
      .finally(function () { button.removeAttribute("aria-busy"); });
  }

  section.addEventListener("click", function (event) {
    var button = event.target.closest("[data-like]");
    if (!button) { return; }
    event.preventDefault();
    if (button.getAttribute("aria-busy") !== "true") { toggle(button); }
  });
})();

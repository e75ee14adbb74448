/* The reader's own parts of a story page that every reader shares (a cache keeps it):
 * their remembered name and email in the form, their comments awaiting moderation in place in
 * the thread (with "Sửa" and "Rút lại"), and a fresh form time for the anti-bot check.
 *
 * They come from one small private request (`data-personal`, under /cua-ban/), made only when
 * the hint cookie says this browser has something personal, or when the reader first enters
 * the comment form.
 *
 * A post sent from this page says so (`landing=shared`): when it waits for a moderator, the
 * server sends the browser back to this shared page, which a cache serves, with a cookie that
 * says "posted" for a minute; this script thanks the reader and puts the comment in place.
 * Without JavaScript a post lands on the personal copy of the page, which the server draws
 * with the same parts. */
(function () {
  "use strict";
  var section = document.getElementById("binh-luan");
  var address = section && section.dataset.personal;
  if (!address) { return; }
  var HINT = "newsroom_has_personal=1";
  var POSTED = "newsroom_posted=1";
  var form = document.querySelector("#gui-binh-luan form.comment-form");
  var asked = null;

  function hasCookie(cookie) {
    return document.cookie.split(/;\s*/).indexOf(cookie) !== -1;
  }

  function thank() {  // as the server shows a message, above the page's content
    document.cookie = "newsroom_posted=; Max-Age=0; Path=" + window.location.pathname +
      "; SameSite=Lax";
    var main = document.getElementById("noi-dung");
    if (!main || !section.dataset.posted) { return; }
    var box = document.createElement("div");
    box.className = "wrap messages";
    box.setAttribute("role", "status");
    main.before(box);  // the live region first, then its words: screen readers announce them
    window.setTimeout(function () {
      var message = document.createElement("p");
      message.className = "message message-success";
      message.textContent = section.dataset.posted;
      box.appendChild(message);
    }, 50);
  }

  function ask() {
    if (!asked) {
      asked = fetch(address + window.location.search, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; });  // the shared page works without them
    }
    return asked;
  }

  function fill(data) {
    if (!data || !form) { return; }
    var fields = form.elements;
    if (fields.rendered && data.rendered) { fields.rendered.value = data.rendered; }
    if (fields.name && !fields.name.value && data.name) { fields.name.value = data.name; }
    if (fields.email && !fields.email.value && data.email) { fields.email.value = data.email; }
    if (fields.remember && data.remember) { fields.remember.checked = true; }
  }

  function topList() {
    var list = section.querySelector("ol.comment-list");
    if (list) { return list; }
    list = document.createElement("ol");
    list.className = "comment-list";
    var empty = section.querySelector(".comments-empty");
    var wrap = document.getElementById("gui-binh-luan");
    if (empty) {
      empty.replaceWith(list);
    } else if (wrap && wrap.parentNode === section) {
      section.insertBefore(list, wrap);
    } else {
      section.appendChild(list);
    }
    return list;
  }

  function repliesOf(parentId) {
    var parent = document.getElementById("binh-luan-" + parentId);
    if (!parent) { return null; }
    var list = parent.querySelector(":scope > ol.comment-replies");
    if (!list) {
      list = document.createElement("ol");
      list.className = "comment-replies";
      parent.appendChild(list);
    }
    return list;
  }

  function place(item) {
    if (document.getElementById("binh-luan-" + item.id)) { return null; }
    var list = item.parent === null ? topList() : repliesOf(item.parent);
    if (!list) { return null; }
    var drawn = document.createElement("template");
    drawn.innerHTML = item.html;
    var comment = drawn.content.firstElementChild;
    var next = item.before === null ? null : document.getElementById("binh-luan-" + item.before);
    list.insertBefore(comment, next && next.parentNode === list ? next : null);
    return comment;
  }

  function show(data) {
    if (!data) { return; }
    fill(data);
    (data.pending || []).forEach(function (item) {
      var comment = place(item);
      if (comment && window.location.hash === "#" + comment.id) { comment.scrollIntoView(); }
    });
  }

  if (hasCookie(POSTED)) { thank(); }
  if (hasCookie(HINT)) { ask().then(show); }
  if (form) {
    form.addEventListener("focusin", function () { ask().then(fill); }, { once: true });
    form.addEventListener("submit", function () {
      if (!form.elements.landing) {
        var landing = document.createElement("input");
        landing.type = "hidden";
        landing.name = "landing";
        landing.value = "shared";
        form.appendChild(landing);
      }
    });
  }
})();

/* The reader's own parts of a story page that every reader shares (a cache keeps it):
 * their remembered name and email in the form, their comments awaiting moderation in place in
 * the thread (with "Sửa" and "Rút lại"), and a fresh form time for the anti-bot check.
 *
 * The name and email of a reader who ticked "Lưu tên và email" are kept by this browser
 * (localStorage, written as the form is sent): the form is filled with no request at all. The
 * rest comes from one small private request (`data-personal`, under /cua-ban/), made only
 * when the hint cookie says this browser has comments waiting for a moderator, or when the
 * reader first enters the comment form; its answer is the server's word on the remembered
 * name too (the cookie of a reader who posted without JavaScript, or asked to be forgotten).
 *
 * A post sent from this page says so (`landing=shared`): when it waits for a moderator, the
 * server sends the browser back to this shared page, which a cache serves, with a cookie that
 * says "posted" for a minute; this script thanks the reader and puts the comment in place.
 * Without JavaScript a post lands on the personal copy of the page, which the server draws
 * with the same parts. There (no `data-personal`: the server filled the form) this script only
 * keeps or forgets the name as the form is sent, so that unticking the box there is not undone
 * by the browser's storage on the next shared page. */
(function () {
  "use strict";
  var section = document.getElementById("binh-luan");
  var form = document.querySelector("#gui-binh-luan form.comment-form");
  var address = section && section.dataset.personal;
  var HINT = "newsroom_has_personal=1";
  var POSTED = "newsroom_posted=1";
  var KEPT = "newsroom.commenter";  // {"name", "email"} in localStorage
  var asked = null;
  var sent = false;  // the form is on its way: what it says is kept, no answer undoes it
  var changed = {};  // fields the reader changed: an answer arriving later leaves them be
  var filledFromStorage = null;  // the kept name and email this page's form shows

  function keep(data) {  // storage may be off (a private window): the form still works
    try {
      if (data) {
        window.localStorage.setItem(KEPT, JSON.stringify({ name: data.name, email: data.email }));
      } else {
        window.localStorage.removeItem(KEPT);
      }
    } catch (error) { /* nothing kept */ }
  }

  function kept() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEPT) || "null");
      return data && typeof data.name === "string" ? data : null;
    } catch (error) { return null; }
  }

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
    if ("remember" in data && !sent && !changed.remember) {
      keep(data.remember ? data : null);
      if (!data.remember) { unfill(fields); }
    }
    if (fields.rendered && data.rendered) { fields.rendered.value = data.rendered; }
    if (fields.name && !fields.name.value && data.name) { fields.name.value = data.name; }
    if (fields.email && !fields.email.value && data.email) { fields.email.value = data.email; }
    if (fields.remember && data.remember && !changed.remember) { fields.remember.checked = true; }
  }

  function unfill(fields) {  // the server forgot this reader: so does the form, unless they typed
    var shown = filledFromStorage;
    filledFromStorage = null;
    if (!shown) { return; }
    if (fields.name && !changed.name && fields.name.value === shown.name) { fields.name.value = ""; }
    if (fields.email && !changed.email && fields.email.value === shown.email) {
      fields.email.value = "";
    }
    if (fields.remember) { fields.remember.checked = false; }
  }

  function remember() {  // as the form is sent: what the reader asked for, kept or forgotten
    sent = true;
    var fields = form.elements;
    if (fields.remember && fields.name && fields.email) {
      keep(fields.remember.checked ? { name: fields.name.value, email: fields.email.value } : null);
    }
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

  if (!address) {  // the personal copy: the server filled the form
    if (form) { form.addEventListener("submit", remember); }
    return;
  }
  if (hasCookie(POSTED)) { thank(); }
  var remembered = kept();
  if (remembered) {
    fill({ name: remembered.name, email: remembered.email });
    if (form && form.elements.remember) { form.elements.remember.checked = true; }
    filledFromStorage = remembered;
  }
  if (hasCookie(HINT)) { ask().then(show); }
  if (form) {
    form.addEventListener("focusin", function () { ask().then(fill); }, { once: true });
    form.addEventListener("change", function (event) { changed[event.target.name] = true; });
    form.addEventListener("submit", function () {
      remember();
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

/* One moderation tab from the keyboard ("Chờ duyệt", "Bị báo cáo"): j/k choose a comment,
 * the tab's keys decide it; where a comment has "Trả lời với tư cách tòa soạn" under it, the
 * reply key opens it (Esc closes it, Ctrl+Enter sends it).
 *
 * Without JavaScript each comment's buttons post a plain form; the server decides and
 * redirects back to the next comment. This script posts the same forms with fetch (asking for
 * JSON), takes the comment off the page and moves on to the next one at once. A refused answer
 * stays in place with its text and the server's reason.
 *
 * A tab's own script calls moderationKeys({...}) with:
 *   list      the selector of the list of comments (.queue-item each);
 *   keys      key -> the data-action of the button it presses;
 *   replyKey  the key that opens the answer form (none: the tab has no answer);
 *   counters  the selector of the counts to update (the summary's and the tab's);
 *   remaining the field of the server's JSON that holds how many comments are left. */
window.moderationKeys = function (options) {
  "use strict";
  var list = document.querySelector(options.list);
  if (!list) { return; }
  var statusLine = document.querySelector("[data-queue-status]");
  var counters = document.querySelectorAll(options.counters);
  var KEYS = options.keys;
  var selected = null;

  document.querySelector("[data-queue-legend]").hidden = false;

  function items() {
    return Array.prototype.slice.call(list.querySelectorAll(".queue-item"));
  }

  function waiting() {
    return items().filter(function (item) { return !item.hasAttribute("aria-busy"); });
  }

  function announce(text) {
    statusLine.textContent = "";
    // A fresh text node, so the same message twice in a row is still announced.
    window.setTimeout(function () { statusLine.textContent = text; }, 50);
  }

  function count(value) {
    Array.prototype.forEach.call(counters, function (counter) { counter.textContent = value; });
  }

  function select(item, focus) {
    if (selected) {
      selected.classList.remove("is-selected");
      selected.removeAttribute("aria-current");
    }
    selected = item || null;
    if (!selected) { return; }
    selected.classList.add("is-selected");
    selected.setAttribute("aria-current", "true");
    if (focus) {
      selected.focus({ preventScroll: true });
      selected.scrollIntoView({ block: "start" });
      history.replaceState(null, "", "#" + selected.id);  // a reload comes back here
    }
  }

  function move(step) {
    var all = waiting();
    var index = all.indexOf(selected);
    var target = all[Math.min(Math.max(index + step, 0), all.length - 1)];
    if (target) { select(target, true); }
  }

  /* The comment to go on to when `item` is decided: the next waiting one, else the one before. */
  function neighbour(item) {
    var all = items();
    var index = all.indexOf(item);
    var free = function (other) { return other !== item && !other.hasAttribute("aria-busy"); };
    return all.slice(index + 1).filter(free)[0] || all.slice(0, index).filter(free).pop() || null;
  }

  function whenEmpty(remaining) {
    if (items().length) { return; }
    var note = document.querySelector(remaining > 0 ? "[data-queue-more]" : "[data-queue-done]");
    note.hidden = false;
    note.tabIndex = -1;
    note.focus();
  }

  function openReply(item) {
    var reply = item.querySelector("[data-reply]");
    if (!reply) { return; }
    reply.open = true;
    reply.querySelector("textarea").focus();
  }

  function closeReply(reply) {
    var item = reply.closest(".queue-item");
    reply.open = false;
    select(item, true);
  }

  /* The server did not publish the answer: its reason by the field, the text left as it is. */
  function refuse(item, form, message) {
    var error = form.querySelector("[data-reply-error]");
    var field = form.elements.body;
    item.removeAttribute("aria-busy");
    error.textContent = message;
    error.hidden = false;
    field.setAttribute("aria-invalid", "true");
    select(item, false);
    field.focus();
    announce(message);
  }

  function act(item, button) {
    if (!item || !button || item.hasAttribute("aria-busy")) { return; }
    var form = button.form;
    var replying = button.dataset.action === "reply";
    item.setAttribute("aria-busy", "true");
    if (item === selected && !replying) { select(neighbour(item), true); }
    // A button without its own formaction posts to the form's action (.formAction would not).
    var url = button.hasAttribute("formaction") ? button.formAction : form.action;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "X-CSRFToken": form.elements.csrfmiddlewaretoken.value
      }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (replying && response.status === 400 && data.message) {  // an answer refused: say why
          data.refused = true;
          return data;
        }
        // 409: someone else decided it first; 404: it is gone. Either way it leaves the list.
        if (!response.ok && response.status !== 409 && response.status !== 404) {
          throw new Error(data.message);
        }
        return data;
      });
    }).then(function (data) {
      if (data.refused) {
        refuse(item, form, data.message);
        return;
      }
      if (item === selected) { select(neighbour(item), true); }
      item.remove();
      count(data[options.remaining]);
      announce(data.message);
      whenEmpty(data[options.remaining]);
    }).catch(function () {
      item.removeAttribute("aria-busy");
      announce(list.dataset.errorMessage);
    });
  }

  list.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.dataset.action) { return; }  // old browsers: a plain POST
    event.preventDefault();
    act(button.closest(".queue-item"), button);
  });

  list.addEventListener("focusin", function (event) {
    var item = event.target.closest(".queue-item");
    if (item && item !== selected && !item.hasAttribute("aria-busy")) { select(item, false); }
  });

  list.addEventListener("click", function (event) {
    var item = event.target.closest(".queue-item");
    if (item && !event.target.closest("a, button, input") && !item.hasAttribute("aria-busy")) {
      select(item, false);
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var reply = target.closest && target.closest("[data-reply]");
    if (reply && !event.defaultPrevented && !event.isComposing) {
      if (event.key === "Escape" && reply.open) {
        closeReply(reply);
        event.preventDefault();
        return;
      }
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.form) {
        target.form.requestSubmit(target.form.querySelector('[data-action="reply"]'));
        event.preventDefault();
        return;
      }
    }
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey ||
        event.altKey || target.isContentEditable ||
        target.closest("input, textarea, select")) {
      return;
    }
    var key = event.key.length === 1 ? event.key.toLowerCase() : "";
    if (key === "j") {
      move(1);
    } else if (key === "k") {
      move(-1);
    } else if (KEYS[key] && selected) {
      act(selected, selected.querySelector('[data-action="' + KEYS[key] + '"]'));
    } else if (options.replyKey && key === options.replyKey && selected) {
      openReply(selected);
    } else {
      return;
    }
    event.preventDefault();
  });

  // After a plain POST the server's message sits at the top of the page, out of view.
  var serverMessage = document.querySelector(".messagelist li");
  if (serverMessage) { statusLine.textContent = serverMessage.textContent.trim(); }

  var fromLink = /^#c-\d+$/.test(location.hash) && document.querySelector(location.hash);
  if (fromLink && list.contains(fromLink)) {
    select(fromLink, true);
  } else {
    select(items()[0], false);
  }
};

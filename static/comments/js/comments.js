/* "Trả lời" without a page load: move the comment form under the comment being answered.
 * Without JavaScript the link goes to ?reply_to=ID#gui-binh-luan and the server does the same. */
(function () {
  "use strict";
  var wrap = document.getElementById("gui-binh-luan");
  var form = wrap && wrap.querySelector("form");
  if (!form) { return; }
  var parentInput = form.querySelector("input[name=parent]");
  var note = form.querySelector("[data-replying-to]");
  var home = wrap.parentNode;
  var homeNext = wrap.nextSibling;

  function replyTo(link) {
    var item = document.getElementById("binh-luan-" + link.dataset.replyTo);
    parentInput.value = link.dataset.replyTo;
    note.querySelector("[data-reply-name]").textContent = link.dataset.replyName;
    note.hidden = false;
    item.querySelector("article").after(wrap);
    form.querySelector("textarea").focus();
  }

  function cancel() {
    parentInput.value = "";
    note.hidden = true;
    home.insertBefore(wrap, homeNext);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link) {
      event.preventDefault();
      replyTo(link);
    } else if (event.target.closest("[data-cancel-reply]")) {
      event.preventDefault();
      cancel();
    }
  });
})();

/* The live length counter under the text box: "còn N ký tự" in place of "Tối đa N ký tự.".
 * The visible count follows every key; the polite live region speaks only near the limit, once
 * typing pauses. Without JavaScript the limit is said, and the box's maxlength and the server's
 * check still hold. */
(function () {
  "use strict";
  var counters = document.querySelectorAll("[data-char-counter]");
  Array.prototype.forEach.call(counters, function (counter) {
    var box = document.getElementById(counter.dataset.for);
    if (!box) { return; }
    var limit = parseInt(box.getAttribute("maxlength"), 10);
    var near = parseInt(counter.dataset.near, 10);
    var shown = counter.querySelector("[data-counter-text]");
    var live = counter.querySelector("[data-counter-live]");
    var pause = null;

    function text(left) {
      return counter.dataset.template.replace("%(n)s", String(left));
    }

    function update() {
      var left = Math.max(limit - box.value.replace(/\r\n/g, "\n").length, 0);
      shown.textContent = text(left);
      counter.classList.toggle("is-near", left <= near);
      window.clearTimeout(pause);
      pause = window.setTimeout(function () {
        live.textContent = left <= near ? text(left) : "";
      }, 600);
    }

    box.addEventListener("input", update);
    if (box.value) { update(); }
  });
})();

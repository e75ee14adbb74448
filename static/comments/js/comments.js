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

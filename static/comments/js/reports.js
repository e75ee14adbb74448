/* "Báo cáo vi phạm" in place: the report form opens under the comment and is sent without
 * leaving the story.
 *
 * Without JavaScript each link goes to the comment's report page, a small form of its own.
 * This script fetches that page, moves its form under the comment, posts it asking for JSON
 * and says thanks in place. Which comments this browser has reported is kept in localStorage
 * (never on the server's pages, which every reader shares), so their links read "Đã báo cáo"
 * after a reload. The words come from the server's page (translated there) and are kept too. */
(function () {
  "use strict";
  var STORE = "newsroom.reported-comments";
  var KEEP = 500;  // the most recent reports remembered

  function stored() {
    try {
      var data = JSON.parse(window.localStorage.getItem(STORE)) || {};
      return { ids: Array.isArray(data.ids) ? data.ids : [], label: data.label || "" };
    } catch (error) {
      return { ids: [], label: "" };
    }
  }

  function remember(id, label) {
    var data = stored();
    if (data.ids.indexOf(id) === -1) { data.ids.push(id); }
    data.ids = data.ids.slice(-KEEP);
    data.label = label || data.label;
    try {
      window.localStorage.setItem(STORE, JSON.stringify(data));
    } catch (error) { /* private mode or full: the page still works */ }
  }

  function markReported(link, label) {
    if (!label) { return; }
    link.textContent = label;
    link.classList.add("is-reported");
  }

  function linkFor(id) {
    return document.querySelector('a[data-report="' + id + '"]');
  }

  function boxFor(id) {
    return document.getElementById("bao-cao-hop-" + id);
  }

  function say(status, text) {
    status.textContent = "";
    // A fresh text node, so the same message twice in a row is still announced.
    window.setTimeout(function () { status.textContent = text || ""; }, 50);
  }

  function close(box, focus) {
    var link = linkFor(box.dataset.reportBox);
    box.remove();
    if (link) {
      link.setAttribute("aria-expanded", "false");
      if (focus) { link.focus(); }
    }
  }

  function insert(link, form) {
    var id = link.dataset.report;
    var box = document.createElement("div");
    var status = document.createElement("p");
    box.className = "report-inline";
    box.id = "bao-cao-hop-" + id;
    box.dataset.reportBox = id;
    status.className = "report-status";
    status.setAttribute("role", "status");
    status.dataset.reportStatus = "";
    box.appendChild(form);
    box.appendChild(status);
    (link.closest(".comment-actions") || link).after(box);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    var first = form.querySelector("input[type=radio]");
    if (first) { first.focus(); }
  }

  function open(link) {
    if (link.hasAttribute("aria-busy")) { return; }
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var form = page.querySelector("[data-report-form]");
        if (!form) { throw new Error("no form"); }  // e.g. hidden meanwhile: show its page
        insert(link, document.importNode(form, true));
      })
      .catch(function () { window.location.href = link.href; })
      .then(function () { link.removeAttribute("aria-busy"); });
  }

  function errorsText(data) {
    var texts = [data.message];
    Object.keys(data.errors || {}).forEach(function (name) {
      texts = texts.concat(data.errors[name]);
    });
    return texts.join(" ");
  }

  function send(form) {
    var box = form.closest("[data-report-box]");
    var status = box.querySelector("[data-report-status]");
    var button = form.querySelector("button[type=submit]");
    if (form.hasAttribute("aria-busy")) { return; }
    form.setAttribute("aria-busy", "true");
    button.disabled = true;
    say(status, form.dataset.sendingMessage);
    // Logged-in staff's forms carry Django's token (sent in the form data); readers' carry none.
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) {
        status.classList.toggle("is-error", !response.ok || !data.ok);
        if (!response.ok || !data.ok) {
          say(status, errorsText(data));  // the reader's choice and note stay in the form
          return;
        }
        var id = box.dataset.reportBox;
        var link = linkFor(id);
        var label = form.dataset.reportedLabel;
        remember(id, label);
        form.remove();
        box.classList.add("is-done");
        say(status, data.message);
        if (link) {
          markReported(link, label);
          link.setAttribute("aria-expanded", "false");
          link.focus();
        }
      });
    }).catch(function () {
      status.classList.add("is-error");
      say(status, form.dataset.errorMessage);
    }).then(function () {
      form.removeAttribute("aria-busy");
      button.disabled = false;
    });
  }

  var data = stored();
  Array.prototype.forEach.call(document.querySelectorAll("a[data-report]"), function (link) {
    link.setAttribute("aria-expanded", "false");
    if (data.ids.indexOf(String(link.dataset.report)) !== -1) {
      markReported(link, link.dataset.reportedLabel || data.label);
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-report]");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      var box = boxFor(link.dataset.report);
      if (box) { close(box, true); } else { open(link); }
      return;
    }
    var cancel = event.target.closest("[data-report-box] [data-report-cancel]");
    if (cancel) {
      event.preventDefault();
      close(cancel.closest("[data-report-box]"), true);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-report-box] [data-report-form]");
    if (!form) { return; }
    event.preventDefault();
    send(form);
  });

  document.addEventListener("keydown", function (event) {
    var box = event.key === "Escape" && event.target.closest("[data-report-box]");
    if (box) { close(box, true); }
  });
})();

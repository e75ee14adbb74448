/* The admin follows a video being processed: every two seconds it asks the video's state
   (admin:articles_video_progress) and updates the badge and its progress bar, so an editor
   sees "queued → processing 42 % → ready" without reloading (and losing) the form. */
(function () {
  "use strict";
  var WAITING = ["queued", "processing"];

  function render(badge, data) {
    badge.dataset.state = data.state;
    badge.className = "video-state video-state--" + data.state;
    var bar = badge.querySelector("progress");
    var label = badge.querySelector(".video-state-label");
    if (data.state === "processing") {
      if (!bar) {
        bar = document.createElement("progress");
        bar.max = 100;
        badge.insertBefore(bar, badge.firstChild);
      }
      bar.value = data.progress;
      bar.textContent = data.progress + " %";
    } else if (bar) {
      bar.remove();
    }
    if (label) {
      label.textContent = data.state === "processing"
        ? data.label + " " + data.progress + " %"
        : data.label;
    }
  }

  function follow(badge) {
    var timer = window.setInterval(function () {
      fetch(badge.dataset.progressUrl, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          render(badge, data);
          if (WAITING.indexOf(data.state) === -1) { window.clearInterval(timer); }
        })
        .catch(function () { window.clearInterval(timer); });
    }, 2000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-progress-url]").forEach(function (badge) {
      if (WAITING.indexOf(badge.dataset.state) !== -1) { follow(badge); }
    });
  });
})();

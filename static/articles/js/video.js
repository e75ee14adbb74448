/* Video: HLS for browsers without native HLS, and YouTube embeds loaded on the reader's click.
 *
 * Loaded with <script defer> after vendor/hls/hls.light.min.js (window.Hls), which may be
 * missing: then every player keeps its MP4 <source> elements, and nothing breaks.
 *
 * 1. <video class="js-video" preload="none" data-hls="…/master.m3u8"> with MP4 <source>s and
 *    a captions <track>:
 *    - Browsers that play HLS natively (Safari, iOS, and recent Chrome, whose canPlayType
 *      answers "maybe"): left as they are (the MP4 sources play).
 *    - Elsewhere, if hls.js runs (Media Source Extensions), it is attached on the first
 *      "play" only, so preload="none" is honoured: nothing is fetched until the reader
 *      presses play. If hls.js fails (a fatal error, or the browser refuses its blob: media),
 *      it is taken off and the MP4 sources play instead, from the same point.
 * 2. <a class="js-youtube" href="https://www.youtube.com/watch?v=ID" data-youtube-id="ID">:
 *    a click swaps the link for a youtube-nocookie.com player. Without JavaScript, or with an
 *    id that does not look like a YouTube id, the link simply goes to YouTube.
 */
(function () {
  "use strict";

  // ---- 1. HLS -----------------------------------------------------------------------------

  function play(video) {
    // play() returns a promise in current browsers; a refusal (autoplay rules) is not an
    // error worth reporting: the controls are there for the reader to press play again.
    var result = video.play();
    if (result && typeof result.catch === "function") {
      result.catch(function () {});
    }
  }

  function attachHls(video, Hls) {
    var fellBack = false;
    // If the reader moved the playhead before pressing play, start the stream there.
    var start = video.currentTime > 0 ? video.currentTime : -1;
    // The MP4 fallbacks, kept: with ManagedMediaSource hls.js empties the <source>s.
    var sources = Array.prototype.slice.call(video.querySelectorAll("source"));
    var hls = new Hls({
      enableWorker: false, // the CSP allows no worker from a blob: URL
      capLevelToPlayerSize: true, // no 1080p rendition for a 360-pixel-wide player
      preferManagedMediaSource: false, // plain MSE where both exist: the <source>s stay put
      startPosition: start
    });

    function restoreSources() {
      Array.prototype.forEach.call(video.querySelectorAll("source"), function (source) {
        if (sources.indexOf(source) === -1) { source.remove(); } // hls.js's own blob: one
      });
      var track = video.querySelector("track");
      sources.forEach(function (source) {
        if (!source.parentNode) { video.insertBefore(source, track); }
      });
    }

    function fallBack() {
      if (fellBack) { return; }
      fellBack = true;
      var position = video.currentTime || (start > 0 ? start : 0);
      video.removeEventListener("error", onMediaError);
      hls.destroy(); // detaches: removes the blob: src, so the <source> elements count again
      video.removeAttribute("src");
      restoreSources();
      if (position > 0) {
        video.addEventListener("loadedmetadata", function () {
          video.currentTime = position;
        }, { once: true });
      }
      video.load();
      play(video);
    }

    // An error on the <video> itself while hls.js owns it (e.g. a CSP without media-src
    // blob:): hls.js may never hear of it, so treat it as fatal too. Errors of the MP4
    // <source> elements fire on those elements, not here.
    function onMediaError() {
      if (video.error) { fallBack(); }
    }

    hls.on(Hls.Events.ERROR, function (event, data) {
      if (data && data.fatal) { fallBack(); }
    });
    hls.once(Hls.Events.MANIFEST_PARSED, function () {
      if (!fellBack) { play(video); }
    });
    video.addEventListener("error", onMediaError);
    hls.loadSource(video.dataset.hls);
    hls.attachMedia(video); // replaces the MP4 the browser had just begun to fetch
  }

  function setUpVideo(video) {
    if (!video.dataset.hls) { return; }
    // Native HLS (Safari, iOS, recent Chrome): nothing to do, the MP4 <source>s play.
    if (video.canPlayType("application/vnd.apple.mpegurl")) { return; }
    var Hls = window.Hls;
    if (!Hls || typeof Hls.isSupported !== "function" || !Hls.isSupported()) { return; }
    video.addEventListener("play", function () { attachHls(video, Hls); }, { once: true });
  }

  Array.prototype.forEach.call(document.querySelectorAll("video.js-video[data-hls]"), setUpVideo);

  // ---- 2. YouTube click-to-load -------------------------------------------------------------

  var YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

  function embedYouTube(link, id) {
    var image = link.querySelector("img");
    var frame = document.createElement("iframe");
    // Attributes one by one (no innerHTML): the title comes from the page's data.
    frame.setAttribute("src", "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1&rel=0");
    frame.setAttribute("title", link.dataset.title || link.textContent.trim() || "YouTube");
    frame.setAttribute("allow", "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("loading", "lazy");
    // The site's Referrer-Policy is same-origin; YouTube's player refuses to play (error 153)
    // when it is not told which site embeds it, so this one frame sends the origin only.
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("width", (image && image.getAttribute("width")) || "1280");
    frame.setAttribute("height", (image && image.getAttribute("height")) || "720");
    link.replaceWith(frame);
    frame.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.js-youtube");
    if (!link) { return; }
    // Ctrl/Cmd/Shift-click ("open in a new tab"): the link does what the reader asked.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    var id = link.dataset.youtubeId || "";
    if (!YOUTUBE_ID.test(id)) { return; } // not an id we trust: let the link go to YouTube
    event.preventDefault();
    embedYouTube(link, id);
  });
})();

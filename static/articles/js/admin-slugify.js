/* Vietnamese-aware slugs in the admin's prepopulated fields.
 * Mirrors articles.text.vietnamese_slugify so that the slug an editor sees is the one saved:
 * "Đảng bộ tỉnh Kon Tum" -> "dang-bo-tinh-kon-tum" (Django's URLify gives "djng-b-tnh-kon-tum").
 */
(function (root) {
  "use strict";
  var EXTRA = { "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o" };

  function vietnameseSlugify(text, maxLength) {
    var s = String(text).replace(/[đĐðÐłŁø]/g, function (ch) { return EXTRA[ch]; });
    s = s.normalize("NFKD").replace(/[^\x00-\x7F]/g, "").toLowerCase();
    s = s.replace(/[^\w\s-]/g, "").replace(/[-\s]+/g, "-").replace(/^[-_]+|[-_]+$/g, "");
    if (maxLength) {
      s = s.substring(0, maxLength).replace(/-+$/g, "");
    }
    return s;
  }

  root.vietnameseSlugify = vietnameseSlugify;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = vietnameseSlugify;
  } else {
    // prepopulate.js looks URLify up each time the title changes.
    root.URLify = function (s, numChars) { return vietnameseSlugify(s, numChars); };
    document.addEventListener("DOMContentLoaded", function () {
      root.URLify = function (s, numChars) { return vietnameseSlugify(s, numChars); };
    });
  }
})(typeof window !== "undefined" ? window : globalThis);

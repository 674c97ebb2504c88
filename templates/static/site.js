// Briefing's page script: the search box (Pagefind, when the site has an index) and,
// under `briefing serve`, the overlay that shows a failed rebuild's errors.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? script.src.replace(/static\/site\.js(\?.*)?$/, "") : "";

  function loadSearch() {
    var box = document.getElementById("search");
    if (!box || location.protocol === "file:") return;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = root + "pagefind/pagefind-ui.css";
    var js = document.createElement("script");
    js.src = root + "pagefind/pagefind-ui.js";
    js.onload = function () {
      box.hidden = false;
      new window.PagefindUI({ element: "#search", showSubResults: true, showImages: false,
        translations: { placeholder: "Search the briefing" } });
    };
    document.head.appendChild(css);
    document.head.appendChild(js);
  }

  function showBuildError() {
    if (!document.querySelector('script[src*="livereload.js"]')) return;
    fetch(root + ".build-error.txt", { cache: "no-store" }).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (text) {
      if (!text) return;
      var pre = document.createElement("pre");
      pre.id = "build-error";
      pre.setAttribute("role", "alert");
      pre.textContent = "The last rebuild failed; this is the last good site.\n\n" + text;
      document.body.appendChild(pre);
    }).catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadSearch();
    showBuildError();
  });
})();

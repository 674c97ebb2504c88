// Briefing's page script: the search box (Pagefind, when the site has an index), the
// who-said-what filter by speaker type (without this script every speaker simply stays listed), old
// who-said-what and chronology anchors followed to their new pages and,
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
      // A placeholder is not a label: give the box a name screen readers announce.
      var input = box.querySelector("input");
      if (input) input.setAttribute("aria-label", "Search the briefing");
    };
    document.head.appendChild(css);
    document.head.appendChild(js);
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function setUpFilters() {
    var form = document.getElementById("said-filters");
    if (!form) return;
    var rows = document.querySelectorAll("table.speakers tbody tr[data-speaker-type]");
    var count = document.getElementById("said-count");
    var scope = count.textContent.indexOf("on this page") >= 0 ? " on this page." : ".";
    function checked(name) {
      return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'),
        function (box) { return box.value; });
    }
    function apply() {
      var types = checked("speaker-type"), shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var keep = types.indexOf(row.dataset.speakerType) >= 0;
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = (shown === rows.length ? "Showing all " + plural(rows.length, "speaker")
        : "Showing " + shown + " of " + plural(rows.length, "speaker")) + scope;
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
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

  // Who-said-what and the chronology were single pages; an old link to one of their anchors
  // (`who-said-what/#article-c1`) is sent on to the page that now holds that statement or event.
  function followMovedAnchor() {
    var marker = document.querySelector("[data-moved-anchors]");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!marker || !id || document.getElementById(id) || location.protocol === "file:") return;
    var map = new URL(marker.getAttribute("data-moved-anchors"), location.href);
    fetch(map).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (moved) {
      if (Object.prototype.hasOwnProperty.call(moved, id)) location.replace(new URL(moved[id], map).href);
    }).catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    followMovedAnchor();
    loadSearch();
    setUpFilters();
    showBuildError();
  });
})();

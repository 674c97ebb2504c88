// Briefing's page script: the search box (Pagefind, when the site has an index), the
// who-said-what filters (without this script every statement simply stays visible) and,
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
    var rows = document.querySelectorAll("section.speaker > .said-list > li.said");
    var count = document.getElementById("said-count");
    function checked(name) {
      return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'),
        function (box) { return box.value; });
    }
    function apply() {
      var types = checked("speaker-type"), forms = checked("form"), article = form.elements.article.value;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var keep = types.indexOf(row.dataset.speakerType) >= 0 && forms.indexOf(row.dataset.form) >= 0 &&
          (!article || row.dataset.article === article);
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      Array.prototype.forEach.call(document.querySelectorAll("section.speaker"), function (section) {
        var visible = section.querySelectorAll(":scope > .said-list > li.said:not([hidden])").length;
        var all = section.querySelectorAll(":scope > .said-list > li.said").length;
        section.hidden = visible === 0;
        section.querySelector("h2 .count").textContent = visible === all ? plural(all, "statement") : visible + " of " + plural(all, "statement");
        var entry = document.querySelector('.toc li[data-speaker="' + section.id + '"]');
        if (entry) { entry.hidden = visible === 0; entry.querySelector(".count").textContent = visible; }
      });
      count.textContent = shown === rows.length ? "Showing all " + plural(rows.length, "statement") + "."
        : "Showing " + shown + " of " + plural(rows.length, "statement") + ".";
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

  document.addEventListener("DOMContentLoaded", function () {
    loadSearch();
    setUpFilters();
    showBuildError();
  });
})();

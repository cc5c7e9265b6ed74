/* gazette default theme: filters the rows of a catalogue page (公开目录) by
 * text, genre, year and validity. No dependencies, no network. Without this
 * script the page is a plain table and the facet pages do the browsing. */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("[data-catalogue-filter]");
    var table = document.querySelector(".catalogue-table");
    if (!form || !table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (rows.length === 0) { return; }
    var text = form.querySelector("[data-filter=text]");
    var selects = {
      genre: form.querySelector("[data-filter=genre]"),
      year: form.querySelector("[data-filter=year]"),
      validity: form.querySelector("[data-filter=validity]")
    };
    var status = form.querySelector("[data-filter-status]");

    Object.keys(selects).forEach(function (key) {
      var seen = {};
      var values = [];
      rows.forEach(function (row) {
        var v = row.getAttribute("data-" + key);
        if (v && !seen[v]) { seen[v] = true; values.push(v); }
      });
      values.sort();
      if (key === "year") { values.reverse(); }
      values.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        selects[key].appendChild(option);
      });
    });

    function apply() {
      var words = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var content = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return content.indexOf(w) !== -1; });
        Object.keys(selects).forEach(function (key) {
          var want = selects[key].value;
          if (want && row.getAttribute("data-" + key) !== want) { ok = false; }
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      status.textContent = "本页显示 " + shown + " / " + rows.length + " 件";
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// gazette preview: reload after each rebuild, show build errors over the page.
// Injected by `gazette serve` only; never part of a built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = me ? me.getAttribute("data-generation") : null;
  var source = new EventSource("/__gazette/events");
  function hide() {
    var old = document.getElementById("gazette-overlay");
    if (old) old.remove();
  }
  function show(problems) {
    hide();
    var box = document.createElement("section");
    box.id = "gazette-overlay";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-label", "构建错误 Build errors");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.94);color:#fff;padding:2rem;font:16px/1.6 monospace;";
    var h = document.createElement("h2");
    h.textContent = "构建失败，仍显示上一次成功的版本 / Build failed; showing the last good build";
    h.style.cssText = "color:#ff8a80;font-size:1.25rem;margin:0 0 1rem";
    box.appendChild(h);
    problems.forEach(function (p) {
      var item = document.createElement("div");
      item.className = "gazette-problem";
      item.style.cssText = "border-left:4px solid #ff8a80;padding:.5rem 1rem;margin:0 0 1rem;white-space:pre-wrap";
      var where = (p.file || "") + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "");
      item.textContent = (where ? where + "\n" : "") + p.message + (p.hint ? "\n提示：" + p.hint : "");
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }
  source.addEventListener("hello", function (e) {
    if (generation !== null && generation !== e.data) location.reload();
    generation = e.data;
  });
  source.addEventListener("reload", function (e) {
    generation = e.data;
    location.reload();
  });
  source.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
  source.addEventListener("ok", function () { hide(); });
})();

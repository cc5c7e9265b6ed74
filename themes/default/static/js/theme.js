/* gazette default theme: small progressive enhancements, no dependencies.
 * - font size switch (适老化): 标准 / 大 / 特大, remembered in localStorage
 * - print button on article pages
 * Everything works without this script; the controls stay hidden then. */
(function () {
  "use strict";
  var KEY = "gazette-font-size";
  var root = document.documentElement;

  function read() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function write(v) {
    try { window.localStorage.setItem(KEY, v); } catch (e) { /* private mode */ }
  }
  function apply(size, buttons) {
    if (size === "large" || size === "xlarge") {
      root.setAttribute("data-font", size);
    } else {
      size = "normal";
      root.removeAttribute("data-font");
    }
    if (buttons) {
      for (var i = 0; i < buttons.length; i++) {
        var on = buttons[i].getAttribute("data-font") === size;
        buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      }
    }
  }

  apply(read(), null);

  function init() {
    var tools = document.querySelector("[data-a11y-tools]");
    if (tools) {
      var buttons = tools.querySelectorAll("button[data-font]");
      apply(read(), buttons);
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].addEventListener("click", function (ev) {
          var size = ev.currentTarget.getAttribute("data-font");
          write(size);
          apply(size, buttons);
        });
      }
      tools.hidden = false;
    }
    var printButtons = document.querySelectorAll("[data-print]");
    for (var j = 0; j < printButtons.length; j++) {
      printButtons[j].addEventListener("click", function () { window.print(); });
      printButtons[j].hidden = false;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

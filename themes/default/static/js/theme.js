/* gazette default theme: small progressive enhancements, no dependencies.
 * - 关怀版 (seniors' mode) toggle, remembered in localStorage; care.js
 *   applies the stored choice before the first paint
 * - print button on article pages
 * Everything works without this script; the controls stay hidden then. */
(function () {
  "use strict";
  var KEY = "gazette-care";
  var root = document.documentElement;

  function write(on) {
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
  }
  function show(button) {
    var on = root.classList.contains("care");
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function init() {
    var toggle = document.querySelector("[data-care-toggle]");
    if (toggle) {
      show(toggle);
      toggle.addEventListener("click", function () {
        var on = !root.classList.contains("care");
        root.classList.toggle("care", on);
        write(on);
        show(toggle);
      });
      toggle.hidden = false;
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

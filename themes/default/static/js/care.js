/* 关怀版 (seniors' mode), applied before the first paint: this file is
 * loaded without defer in <head>, so a reader who chose the mode never
 * sees the page flash in the standard size. theme.js wires the button. */
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("gazette-care") === "on") {
      document.documentElement.classList.add("care");
    }
  } catch (e) { /* storage disabled: standard mode */ }
})();

// Small enhancements; every page works without them.
(function () {
  "use strict";
  // Move focus to the error summary so screen-reader users hear what went wrong.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
  // Buttons that print the page, without inline script (the CSP forbids it).
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-print]");
    if (target) { event.preventDefault(); window.print(); }
  });
})();
// Browsers that cannot show a closed <details> open on wide screens (no ::details-content):
// open the header's menu there. Phones keep it folded behind the "Menu" button.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var menu = document.querySelector(".site-menu");
    if (!menu || (window.CSS && CSS.supports("selector(::details-content)"))) { return; }
    var wide = window.matchMedia("(min-width: 48rem)");
    function follow() { if (wide.matches) { menu.open = true; } }
    follow();
    wide.addEventListener("change", follow);
  });
})();

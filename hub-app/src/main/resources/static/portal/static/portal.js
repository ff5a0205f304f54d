/* Portal behaviour beyond htmx: small, CSP-safe (no eval, no inline handlers); every page works without it. */
"use strict";

/* "印刷" links (data-print): print this page; without JavaScript the link opens the ?print variant. */
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-print]") : null;
  if (link && typeof window.print === "function") {
    event.preventDefault();
    window.print();
  }
});

// Starts Swagger UI on the docs page; the OpenAPI address comes from a data attribute, so
// the page needs no inline script (Content-Security-Policy).
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  if (!element || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: element.getAttribute("data-openapi-url"),
    domNode: element,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No deep links: Swagger UI puts them as links inside the buttons that open an
    // operation, which a screen reader cannot reach (axe: nested-interactive).
    deepLinking: false,
    // No calls to an outside validator: everything stays on this server.
    validatorUrl: null,
  });
})();

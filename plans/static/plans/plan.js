// Keyboard focus on the plan pages after htmx swaps a row or a form in place.
// htmx itself puts focus back on a control with the same id (a state button
// that was clicked) and on an [autofocus] field of a form it swapped in; this
// covers the rest, so focus is never dropped to <body>.
(function () {
  "use strict";

  // htmx copies an old element's style attribute onto its replacement while
  // settling. Browsers and extensions (autofill, password managers) put style
  // attributes on form fields, and copying them back trips the strict CSP.
  if (window.htmx) { htmx.config.attributesToSettle = ["class", "width", "height"]; }

  function focusable(el) {
    if (!el.matches("a, button, input, select, textarea, [tabindex]")) {
      el.setAttribute("tabindex", "-1");
    }
    return el;
  }

  function lost() {
    var active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  // After Save or Cancel the form is gone: focus the row's Edit link (or its title).
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.elt;
    if (!(root instanceof Element) || !root.isConnected || !lost()) { return; }
    var row = root.closest(".item") || root.querySelector(".item");
    if (!row) { return; }
    var target = row.querySelector(".is-invalid") || row.querySelector(".item-edit") || row.querySelector(".item-title") || row;
    focusable(target).focus();
  });

  // Sent by the server after a delete: where focus goes once the item is gone.
  document.body.addEventListener("plan-focus", function (event) {
    var target = event.detail && document.querySelector(event.detail.target);
    if (target && lost()) { focusable(target).focus(); }
  });
})();

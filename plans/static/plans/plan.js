// Keyboard focus on the plan page after HTMX swaps an item in place.
// htmx itself puts focus back on a control with the same id (a status button
// that was clicked); this covers the rest, so focus is never dropped to <body>.
(function () {
  "use strict";

  var FIELDS = "input:not([type=hidden]), select, textarea";

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

  // event.target is the new content: the item that replaced the old one, or
  // the element added to a list.
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.target;
    if (!(root instanceof Element) || !root.isConnected || !root.closest(".plan-item, .add-form")) { return; }
    var target =
      root.querySelector(".is-invalid") ||                                  // a rejected form: its first error
      (root.matches("[data-swap-focus]") ? root : null) ||                 // a newly added item
      (root.querySelector("form.item-form") && root.querySelector("form.item-form").querySelector(FIELDS)); // an opened edit form
    if (!target && lost()) {
      target = root.querySelector("[data-focus-return]") || root.querySelector("h3") || root;  // after Save or Cancel
    }
    if (target) { focusable(target).focus(); }
  });

  // Sent by the server after a delete: where focus goes once the item is gone.
  document.body.addEventListener("plan-focus", function (event) {
    var target = event.detail && document.querySelector(event.detail.target);
    if (target && lost()) { focusable(target).focus(); }
  });
})();

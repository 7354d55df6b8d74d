// Site behaviour that templates cannot carry inline (strict CSP).
(function () {
  "use strict";

  // A failed HTMX request (server error, network down) must never fail silently:
  // show the error next to the element that made the request, and announce it.
  function showRequestError(event, text) {
    var source = event.detail.elt;
    var holder = source && source.closest("[data-error-holder]");
    var box = holder ? holder.querySelector(".request-error") : null;
    if (!box && holder) {
      box = document.createElement("div");
      box.className = "request-error alert alert-danger mt-2 mb-0";
      box.setAttribute("role", "alert");
      holder.appendChild(box);
    }
    if (box) {
      box.textContent = text;
    } else {
      var messages = document.getElementById("messages");
      var alert = document.createElement("div");
      alert.className = "alert alert-danger request-error";
      alert.setAttribute("role", "alert");
      alert.textContent = text;
      messages.appendChild(alert);
    }
  }

  // The messages come from the server, in the page's language: base.html renders
  // them as data-msg-* attributes on <body>.
  function message(name) {
    return document.body.getAttribute("data-msg-" + name) || "";
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var text = status >= 500
      ? message("server")
      : message("client").replace("{status}", String(status));
    showRequestError(event, text);
  });

  document.addEventListener("htmx:sendError", function (event) {
    showRequestError(event, message("network"));
  });

  // Clear an earlier error once the same area succeeds.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var holder = event.detail.elt && event.detail.elt.closest("[data-error-holder]");
    var box = holder ? holder.querySelector(".request-error") : null;
    if (box) { box.remove(); }
  });

  // When the new content names its own focus target, keep htmx from first focusing the
  // old focused element's namesake (same id) in it: Chromium would then enter the next
  // step's radio group at that answer instead of its first when tabbing in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    var response = event.detail.serverResponse || "";
    if (active && active !== document.body && target && target.contains(active) &&
        response.indexOf("data-swap-focus") !== -1) {
      active.blur();
    }
  });

  // Swapped-in content names where keyboard focus goes next (the new step's
  // heading, or its error message) with a data-swap-focus attribute.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.elt;
    if (!root || !root.querySelector) { return; }
    var target = root.matches("[data-swap-focus]") ? root : root.querySelector("[data-swap-focus]");
    if (target && root.isConnected) { target.focus(); }
  });
})();

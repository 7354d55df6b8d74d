// Light, dark or the system's choice. Loaded in <head> without defer, before the
// stylesheets, so <html data-bs-theme> is right before the first paint.
// The choice: the account's when signed in (the server renders it as
// data-theme-choice with data-theme-account), else this browser's localStorage,
// else "system". The switch (a form of three buttons) also works without
// JavaScript: it then posts to the server, which remembers the choice.
(function () {
  "use strict";
  var KEY = "pmplanner-theme";
  var CHOICES = { light: 1, dark: 1, system: 1 };
  var root = document.documentElement;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(choice) {
    try { localStorage.setItem(KEY, choice); } catch (e) { /* private mode: the page still switches */ }
  }
  function current() {
    var server = root.getAttribute("data-theme-choice");
    if (root.hasAttribute("data-theme-account") && CHOICES[server]) { return server; }
    var local = stored();
    return CHOICES[local] ? local : (CHOICES[server] ? server : "system");
  }
  function apply(choice) {
    var theme = choice === "system" ? (dark && dark.matches ? "dark" : "light") : choice;
    root.setAttribute("data-bs-theme", theme);
    root.setAttribute("data-theme-choice", choice);
    var buttons = document.querySelectorAll("[data-theme-switch] button[name=theme]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].value === choice ? "true" : "false");
    }
  }

  var choice = current();
  if (root.hasAttribute("data-theme-account")) { store(choice); } // carried over after logging out
  apply(choice);

  if (dark && dark.addEventListener) {
    dark.addEventListener("change", function () {
      if (root.getAttribute("data-theme-choice") === "system") { apply("system"); }
    });
  }
  // The switch's buttons were not parsed yet when this ran: mark the pressed one once they are.
  document.addEventListener("DOMContentLoaded", function () { apply(root.getAttribute("data-theme-choice")); });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!form.hasAttribute("data-theme-switch") || !button || !CHOICES[button.value]) { return; }
    event.preventDefault();
    store(button.value);
    apply(button.value);
    if (root.hasAttribute("data-theme-account")) {
      var data = new FormData(form);
      data.set("theme", button.value);
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
    }
  });
})();

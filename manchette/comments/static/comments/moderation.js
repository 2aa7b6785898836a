// Keyboard triage in the moderation queue: j/k move between comments; a publishes, r picks a
// reason, f features the comment that holds the focus (never one selected earlier: a moderator
// who tabs to another comment acts on that one). The one-letter keys can be turned off, and the
// choice is kept in this browser (WCAG 2.1.4). After an action the page comes back on the next
// comment (#moderation-<id>): it gets the focus and the result is read out politely.
(function () {
  "use strict";
  var STORED = "manchette.moderation.shortcuts";
  var items = Array.prototype.slice.call(document.querySelectorAll(".moderation-item"));
  var keys = document.getElementById("moderation-keys");
  var toggle = document.getElementById("moderation-shortcuts");
  var announce = document.getElementById("moderation-announce");

  function stored() {
    try { return window.localStorage.getItem(STORED); } catch (error) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(STORED, value); } catch (error) { /* private mode: this page only */ }
  }
  var enabled = stored() !== "off";
  if (keys && toggle && items.length) {
    keys.hidden = false;
    toggle.checked = enabled;
    toggle.addEventListener("change", function () {
      enabled = toggle.checked;
      store(enabled ? "on" : "off");
    });
  }

  function focusedIndex() {
    var holder = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".moderation-item") : null;
    return items.indexOf(holder);
  }
  function focusItem(index) {
    if (!items.length) return;
    items[Math.max(0, Math.min(items.length - 1, index))].focus();
  }

  document.addEventListener("keydown", function (event) {
    if (!enabled || !items.length) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (event.target.matches("input, select, textarea, [contenteditable]")) return;
    var index = focusedIndex();
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      focusItem(index < 0 ? 0 : index + (event.key === "j" ? 1 : -1));
      return;
    }
    if (index < 0) return;
    var control = items[index].querySelector('[data-key="' + event.key + '"]');
    if (!control) return;
    event.preventDefault();
    if (control.tagName === "SELECT") control.focus(); else control.click();
  });

  // Back from an action: focus the comment named in the address, read out what happened.
  var landed = /^#moderation-\d+$/.test(window.location.hash)
    ? document.getElementById(window.location.hash.slice(1)) : null;
  if (landed) landed.focus();
  var result = document.querySelector(".messages li");
  if (announce && result) {
    var text = result.textContent.replace(/\s+/g, " ").trim();
    // Filled after the focus has moved, so that it is spoken and not lost in the page load.
    window.setTimeout(function () { announce.textContent = text; }, 400);
  }
})();

// Keyboard triage in the moderation queue: j/k move, a publishes, r picks a reason, f features.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".moderation-item"));
  if (!items.length) return;
  var current = -1;
  function focus(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items[current].focus();
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.matches("input, select, textarea")) return;
    if (event.key === "j") { focus(current + 1); return; }
    if (event.key === "k") { focus(current - 1); return; }
    if (current < 0) return;
    var control = items[current].querySelector('[data-key="' + event.key + '"]');
    if (!control) return;
    event.preventDefault();
    if (control.tagName === "SELECT") control.focus(); else control.click();
  });
})();

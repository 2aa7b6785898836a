// The "0 / 2000" counter under the comment form. It counts as the server does
// (manchette/comments/services.py, measure): Unicode code points, a line break counting one.
// It is seen all the time but heard only near the limit and over it: then it describes the
// field, and once the reader pauses, how many characters are left (or too many) is read out.
(function () {
  "use strict";
  var NEAR = 0.9; // of the limit
  var PAUSE = 800; // ms without typing before the count is read out
  function measure(text) {
    return Array.from(text.replace(/\r\n?/g, "\n")).length;
  }
  function follow(textarea) {
    var counter = document.getElementById("comment-count");
    var alert = document.getElementById("comment-count-alert");
    if (!counter || textarea.dataset.counted) return;
    textarea.dataset.counted = "1";
    var limit = parseInt(textarea.dataset.limit, 10);
    var described = textarea.getAttribute("aria-describedby") || "";
    var waiting = null;
    function speak(count) {
      if (!alert) return;
      var text = "";
      if (count > limit) text = alert.dataset.over.replace("{over}", count - limit);
      else if (count >= limit * NEAR) text = alert.dataset.near.replace("{left}", limit - count);
      if (text !== alert.textContent) alert.textContent = text;
    }
    function update() {
      var count = measure(textarea.value);
      counter.textContent = count + " / " + limit;
      counter.classList.toggle("comment-form__count--over", count > limit);
      var near = count >= limit * NEAR;
      textarea.setAttribute("aria-describedby", near ? described + " comment-count" : described);
      window.clearTimeout(waiting);
      waiting = window.setTimeout(function () { speak(count); }, PAUSE);
    }
    counter.hidden = false;
    textarea.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("textarea[data-limit]").forEach(follow);
})();

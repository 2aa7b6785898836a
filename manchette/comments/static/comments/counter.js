// The live "0 / 2000" counter under the comment form. It counts as the server does
// (manchette/comments/services.py, measure): Unicode code points, a line break counting one.
(function () {
  "use strict";
  function measure(text) {
    return Array.from(text.replace(/\r\n?/g, "\n")).length;
  }
  function follow(textarea) {
    var counter = document.getElementById("comment-count");
    if (!counter || textarea.dataset.counted) return;
    textarea.dataset.counted = "1";
    var limit = parseInt(textarea.dataset.limit, 10);
    function update() {
      var count = measure(textarea.value);
      counter.textContent = count + " / " + limit;
      counter.classList.toggle("comment-form__count--over", count > limit);
    }
    counter.hidden = false;
    textarea.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("textarea[data-limit]").forEach(follow);
})();

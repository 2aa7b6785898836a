// The article's audio player: playback speed, chapter jumps, and the position remembered
// for the session. Without this script the native <audio> controls still play the file,
// and each chapter link opens the file at its time (#t=…). The chapter being played is
// marked aria-current, for the eye and for screen readers.
(function () {
  "use strict";
  function remember(key, value) {
    try { window.sessionStorage.setItem(key, String(value)); } catch (error) { /* storage refused */ }
  }
  function recall(key) {
    try { return Number(window.sessionStorage.getItem(key)) || 0; } catch (error) { return 0; }
  }
  document.querySelectorAll("[data-audio-player]").forEach(function (player) {
    var audio = player.querySelector("audio");
    var key = player.dataset.positionKey;
    var speeds = player.querySelector("[data-speeds]");
    speeds.hidden = false;
    speeds.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-speed]");
      if (!button) { return; }
      audio.playbackRate = audio.defaultPlaybackRate = Number(button.dataset.speed);
      speeds.querySelectorAll("button").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === button));
      });
    });
    var chapters = Array.prototype.slice.call(player.querySelectorAll("a[data-start]"));
    function markCurrent() {
      var playing = null;
      chapters.forEach(function (link) { if (Number(link.dataset.start) <= audio.currentTime) { playing = link; } });
      chapters.forEach(function (link) {
        if (link === playing) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
      });
    }
    chapters.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        audio.currentTime = Number(link.dataset.start);
        audio.play();
      });
    });
    var saved = recall(key);
    // The file is fetched only when the reader plays it (preload="none": that fetch counts a
    // play), so the position is set at once: before any data it is where playback will start.
    if (saved > 0 && audio.currentTime === 0) { audio.currentTime = saved; }
    audio.addEventListener("timeupdate", function () { remember(key, audio.currentTime); markCurrent(); });
    audio.addEventListener("seeked", markCurrent);
    markCurrent();
  });
})();

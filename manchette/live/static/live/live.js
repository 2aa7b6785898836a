// "N nouvelles entrées": checks the live's version every 10 s (an address Varnish answers),
// fetches what changed only when it moved, and inserts it when the reader asks, never before.
(function () {
  "use strict";
  var box = document.querySelector(".live__news");
  var list = document.getElementById("entrees");
  if (!box || !list || !window.fetch) return;
  var button = box.querySelector("button");
  var version = Number(box.dataset.version);
  var waiting = {};

  function label() {
    var fresh = 0;
    // A new pinned entry counts too: it takes the pinned place on top.
    for (var id in waiting) if (!document.getElementById("entree-" + id)) fresh += 1;
    if (fresh === 1) return box.dataset.one;
    if (fresh > 1) return box.dataset.many.replace("{n}", fresh);
    return box.dataset.changed;
  }

  function get(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  function check() {
    if (document.hidden) return;
    get(box.dataset.live).then(function (now) {
      if (now.version <= version) return;
      return get(box.dataset.changes + "?depuis=" + version + "&version=" + now.version).then(function (found) {
        found.entries.forEach(function (entry) { waiting[entry.id] = entry; });
        version = found.version;
        if (Object.keys(waiting).length) {
          button.textContent = label();
          button.hidden = false;
        }
      });
    }).catch(function () {});
  }

  function element(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.firstElementChild;
  }

  button.addEventListener("click", function () {
    var ids = Object.keys(waiting).sort(function (a, b) { return a - b; });
    var first = null;
    ids.forEach(function (id) {
      var entry = waiting[id];
      var old = document.getElementById("entree-" + id);
      var fresh = element(entry.html);
      if (old) {
        old.replaceWith(fresh);
      } else if (entry.pinned && document.querySelector(".live__pinned")) {
        document.querySelector(".live__pinned").replaceChildren(fresh);
        first = first || fresh;
      } else {
        list.insertBefore(fresh, list.firstElementChild);
        first = fresh;
      }
    });
    waiting = {};
    button.hidden = true;
    if (first) first.focus();
  });

  setInterval(check, 10000);
})();

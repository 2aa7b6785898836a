// "N nouvelles entrées": checks the live's version every 10 s (an address Varnish answers),
// fetches what changed only when it moved, and inserts it when the reader asks, never before:
// new and corrected entries, a pin moved or removed, and "L'essentiel" as it now is.
(function () {
  "use strict";
  var box = document.querySelector(".live__news");
  var list = document.getElementById("entrees");
  if (!box || !list || !window.fetch) return;
  var button = box.querySelector("button");
  var version = Number(box.dataset.version);
  var waiting = {};
  var summary = null; // "L'essentiel" as the last answer gave it ("" when there is none)

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
        if (typeof found.summary === "string") summary = found.summary;
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

  // The server's order: newest first, then the later posted of two in the same second.
  function newer(a, b) {
    var ta = Date.parse(a.querySelector("time").getAttribute("datetime"));
    var tb = Date.parse(b.querySelector("time").getAttribute("datetime"));
    return ta > tb || (ta === tb && Number(a.id.slice(7)) > Number(b.id.slice(7)));
  }

  // An entry back from the pinned place goes where its time puts it (on a later page: not here).
  function inOrder(fresh) {
    var entries = list.querySelectorAll(".live-entry");
    for (var i = 0; i < entries.length; i += 1) {
      if (!newer(entries[i], fresh)) return list.insertBefore(fresh, entries[i]);
    }
    if (!document.querySelector(".pagination [rel=next]")) list.appendChild(fresh);
  }

  function pinnedPlace() {
    var place = document.querySelector(".live__pinned");
    if (!place) {
      place = document.createElement("div");
      place.className = "live__pinned";
      box.parentNode.insertBefore(place, box);
    }
    return place;
  }

  function showSummary() {
    var old = document.querySelector(".live__summary");
    var fresh = summary && element(summary);
    if (old && fresh) old.replaceWith(fresh);
    else if (old) old.remove();
    else if (fresh) box.parentNode.insertBefore(fresh, document.querySelector(".live__pinned") || box);
    summary = null;
  }

  button.addEventListener("click", function () {
    var ids = Object.keys(waiting).sort(function (a, b) { return a - b; });
    var first = null;
    ids.forEach(function (id) {
      var entry = waiting[id];
      var old = document.getElementById("entree-" + id);
      var fresh = element(entry.html);
      var wasPinned = old && old.closest(".live__pinned");
      if (entry.pinned) {
        pinnedPlace().replaceChildren(fresh);
        if (old) old.remove();
      } else if (old && !wasPinned) {
        old.replaceWith(fresh);
      } else {
        if (old) old.remove();
        if (old) inOrder(fresh);
        else list.insertBefore(fresh, list.firstElementChild);
      }
      if (!old) first = fresh;
    });
    var place = document.querySelector(".live__pinned");
    if (place && !place.firstElementChild) place.remove();
    var empty = list.querySelector(":scope > p");
    if (empty && list.querySelector(".live-entry")) empty.remove();
    showSummary();
    waiting = {};
    button.hidden = true;
    if (first) first.focus();
  });

  setInterval(check, 10000);
})();

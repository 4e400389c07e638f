// storyline live updates: the front page and an open story page refresh themselves when stories change.
// Server-sent events (/api/v1/stream); polling of /api/v1/changes where they are unavailable or fail.
// The pages work without this script (and refresh every minute through a <noscript> meta refresh).
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.getAttribute("data-live")) { return; }
  var mode = main.getAttribute("data-live");
  var story = main.getAttribute("data-story");
  var generation = parseInt(main.getAttribute("data-generation") || "0", 10) || 0;
  var pending = null;
  var polling = false;

  function note(text) {
    var el = document.getElementById("live-note");
    if (el) { el.textContent = text; }
  }

  function refresh() {
    pending = null;
    fetch(window.location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) {
        if (r.redirected) { window.location.assign(r.url); return null; }
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("main");
        var current = document.getElementById("main");
        if (!fresh || !current) { return; }
        current.replaceWith(fresh);
        main = fresh;
        var g = parseInt(fresh.getAttribute("data-generation") || "0", 10);
        if (g > generation) { generation = g; }
        note("Updated " + new Date().toLocaleTimeString());
      })
      .catch(function () { /* the next change tries again */ });
  }

  function onChange(change) {
    if (change.generation > generation) { generation = change.generation; }
    var relevant = mode === "front" || change.story_id === story || change.new_id === story;
    if (relevant && pending === null) { pending = window.setTimeout(refresh, 300); }
  }

  function poll() {
    polling = true;
    fetch("/api/v1/changes?since=" + generation, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        data.changes.forEach(onChange);
        if (data.generation > generation) { generation = data.generation; }
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 5000); });
  }

  if (typeof window.EventSource !== "function") { poll(); return; }
  var failures = 0;
  var source = new EventSource("/api/v1/stream?since=" + generation);
  source.addEventListener("story", function (e) {
    try { onChange(JSON.parse(e.data)); } catch (err) { /* ignore a malformed event */ }
  });
  source.onopen = function () { failures = 0; };
  source.onerror = function () {
    failures += 1;
    if (failures >= 3 && !polling) { source.close(); poll(); }
  };
}());

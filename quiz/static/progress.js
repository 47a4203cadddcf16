// The article's progress page: polls the import's JSON status (GET /articles/<id>/status) and
// shows its stage; when the questions are drafted (or the import failed) it reloads the article's
// page, which then shows the article or the failure. Without JavaScript the page's "Refresh" link
// does the same. Plain JS, no library; no inline script (the CSP forbids it).
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var message = document.getElementById("progress-message");
  var bar = document.getElementById("progress-bar");
  var delay = 700, misses = 0;

  function show(s) {
    if (message && s.message) { message.textContent = s.message; }
    if (bar && s.step) { bar.value = s.step; }
  }

  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin", cache: "no-store"})
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (s) {
        misses = 0;
        show(s);
        if (s.state === "ready" || s.state === "failed") {
          window.location.assign(s.url);
          return;
        }
        delay = Math.min(delay * 1.3, 3000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        misses += 1;             // a dropped connection: keep trying, more slowly
        if (misses < 20) { window.setTimeout(poll, 3000); }
      });
  }
  window.setTimeout(poll, delay);
}());

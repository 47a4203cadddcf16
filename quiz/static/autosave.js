// Autosave for the student's quiz page: plain JS, no library, no network beyond this app.
// Sends the answers that changed since the last acknowledged save (an idempotent upsert on the
// server) shortly after each change; a failed save's answers go again with the next one.
// Without JavaScript the form's own Save / Submit buttons post the same answers.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-save-url");
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var status = document.getElementById("save-status");
  var timer = null, inFlight = false, again = false, stopped = false, dirty = false;
  var acked = {};   // question id -> JSON of the answer the server acknowledged

  function changed() {
    var all = collect(), out = {}, n = 0;
    Object.keys(all).forEach(function (id) {
      var v = JSON.stringify(all[id]);
      if (acked[id] !== v) { out[id] = all[id]; n += 1; }
    });
    return n ? out : null;
  }

  function collect() {
    var answers = {};
    form.querySelectorAll("fieldset.q").forEach(function (fs) {
      var id = fs.getAttribute("data-qid"), kind = fs.getAttribute("data-kind");
      if (kind === "mc" || kind === "tf") {
        var c = fs.querySelector("input[type=radio]:checked");
        if (c) { answers[id] = parseInt(c.value, 10); }
      } else if (kind === "order") {
        var sel = fs.querySelectorAll("select"), pos = [], any = false;
        sel.forEach(function (s) {
          var i = parseInt(s.name.split("_").pop(), 10);
          pos[i] = s.value ? parseInt(s.value, 10) : null;
          any = any || !!s.value;
        });
        if (any) { answers[id] = pos; }
      } else {
        var t = fs.querySelector("input[type=text], textarea");
        if (t) { answers[id] = t.value; }
      }
    });
    return answers;
  }

  function say(text) { status.textContent = text; }

  function save() {
    if (stopped) { return; }
    if (inFlight) { again = true; return; }
    var answers = changed();
    dirty = false;
    if (!answers) { say("All answers saved."); return; }
    inFlight = true;
    say("Saving…");
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ answers: answers })
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (r.ok) {
          Object.keys(answers).forEach(function (id) { acked[id] = JSON.stringify(answers[id]); });
          say("All answers saved.");
        } else if (r.status === 409 || r.status === 403 || r.status === 400) {
          stopped = r.status !== 400;
          say(body.error || "Your answers could not be saved. Reload the page.");
        } else {
          say("Not saved yet: trying again…");
          window.setTimeout(save, 3000);
        }
      });
    }).catch(function () {
      say("Offline: your answers will be saved when the connection is back.");
      window.setTimeout(save, 3000);
    }).then(function () {
      inFlight = false;
      if (again) { again = false; save(); }
    });
  }

  function soon(delay) {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  // what the page shows on load is what the server has: only later changes need saving
  (function () {
    var shown = collect();
    Object.keys(shown).forEach(function (id) { acked[id] = JSON.stringify(shown[id]); });
  })();

  form.addEventListener("change", function () { soon(150); });
  form.addEventListener("input", function () { soon(800); });
  window.addEventListener("pagehide", function () {
    if (dirty && !stopped) {
      // Last chance before the tab closes: fetch with keepalive carries the CSRF header.
      fetch(url, { method: "POST", keepalive: true, credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ answers: changed() || {} }) });
    }
  });
})();

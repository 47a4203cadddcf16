// Autosave for the student's quiz page: plain JS, no library, no network beyond this app.
// Sends the answers that changed since the last acknowledged save shortly after each change, each
// with the tag of the answer this tab last had from the server ("base") and the time it was edited
// here ("edited"). When another tab or device saved a newer answer meanwhile, the server keeps it
// and sends it back ("kept"): the page then shows it. The hidden s<id> fields follow every save, so
// the form's own Save / Review and submit (which also work without JavaScript) send only what this
// tab changed, never an old or empty answer over a newer one.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-save-url");
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var status = document.getElementById("save-status");
  var timer = null, inFlight = false, again = false, stopped = false, dirty = false;
  var acked = {};    // question id -> canonical JSON of the answer the server has (as far as we know)
  var base = {};     // question id -> the server's tag of that answer
  var edited = {};   // question id -> when it was last changed in this tab (ms)

  function canon(v) {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      var out = {};
      Object.keys(v).sort().forEach(function (k) { out[k] = v[k]; });
      return JSON.stringify(out);
    }
    return JSON.stringify(v === undefined ? null : v);
  }

  function fieldsets() { return form.querySelectorAll("fieldset.q"); }

  function hidden(fs) { return fs.querySelector('input[type=hidden][name^="s"]'); }

  function read(fs) {
    var kind = fs.getAttribute("data-kind");
    if (kind === "mc" || kind === "tf") {
      var c = fs.querySelector("input[type=radio]:checked");
      return c ? c.value : null;
    }
    if (kind === "order") {
      var pos = {}, any = false;
      fs.querySelectorAll("select").forEach(function (s) {
        pos[s.getAttribute("data-cid")] = s.value ? parseInt(s.value, 10) : null;
        any = any || !!s.value;
      });
      return any ? pos : null;
    }
    var t = fs.querySelector("input[type=text], textarea");
    return t ? t.value : null;
  }

  function show(fs, value) {
    var kind = fs.getAttribute("data-kind");
    if (kind === "mc" || kind === "tf") {
      fs.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === value; });
    } else if (kind === "order") {
      fs.querySelectorAll("select").forEach(function (s) {
        var p = value ? value[s.getAttribute("data-cid")] : null;
        s.value = p ? String(p) : "";
      });
    } else {
      var t = fs.querySelector("input[type=text], textarea");
      if (t) { t.value = value || ""; }
    }
  }

  function byId(id) { return form.querySelector('fieldset.q[data-qid="' + id + '"]'); }

  function changed() {
    var out = {}, n = 0;
    fieldsets().forEach(function (fs) {
      var id = fs.getAttribute("data-qid"), v = read(fs);
      if (acked[id] !== canon(v)) { out[id] = v; n += 1; }
    });
    return n ? out : null;
  }

  function body(answers) {
    var b = {}, e = {};
    Object.keys(answers).forEach(function (id) {
      if (base[id]) { b[id] = base[id]; }
      e[id] = edited[id] || Date.now();
    });
    return JSON.stringify({ answers: answers, base: b, edited: e });
  }

  function say(text) { status.textContent = text; }

  function settle(answers, reply) {
    var newer = [];
    Object.keys(reply.synced || {}).forEach(function (id) {
      base[id] = reply.synced[id];
      var fs = byId(id);
      if (fs) { hidden(fs).value = base[id]; }
      if (id in answers) { acked[id] = canon(answers[id]); }
    });
    Object.keys(reply.kept || {}).forEach(function (id) {
      var fs = byId(id), kept = reply.kept[id];
      base[id] = kept.tag;
      if (!fs) { return; }
      hidden(fs).value = kept.tag;
      if (canon(read(fs)) === canon(answers[id])) {      // not changed again since: show the newer one
        show(fs, kept.response);
        acked[id] = canon(read(fs));
        newer.push(fs.querySelector(".qnum").textContent.replace(".", ""));
      }
    });
    return newer;
  }

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
      body: body(answers)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (reply) {
        if (r.ok) {
          var newer = settle(answers, reply);
          say(newer.length ? "Question " + newer.join(", ") + " was changed in another tab or on another " +
              "device: this page now shows that newer answer. All answers saved." : "All answers saved.");
        } else if (r.status === 409 || r.status === 403 || r.status === 400) {
          stopped = r.status !== 400;
          say(reply.error || "Your answers could not be saved. Reload the page.");
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

  function soon(event, delay) {
    var fs = event.target.closest ? event.target.closest("fieldset.q") : null;
    if (fs) { edited[fs.getAttribute("data-qid")] = Date.now(); }
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  // what the page shows on load is what the server has: only later changes need saving
  fieldsets().forEach(function (fs) {
    var id = fs.getAttribute("data-qid");
    acked[id] = canon(read(fs));
    base[id] = hidden(fs).value;
  });

  form.addEventListener("change", function (e) { soon(e, 150); });
  form.addEventListener("input", function (e) { soon(e, 800); });

  // "Not you? Sign out": save what is pending first (after signing out a save is refused)
  document.querySelectorAll('form[action$="/signout"]').forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (stopped || (!dirty && !changed())) { return; }
      e.preventDefault();
      window.clearTimeout(timer);
      save();
      var waited = 0;
      (function wait() {
        if ((!inFlight && !changed()) || waited > 5000 || stopped) { HTMLFormElement.prototype.submit.call(f); return; }
        waited += 100;
        window.setTimeout(wait, 100);
      })();
    });
  });

  window.addEventListener("pagehide", function () {
    var answers = changed();
    if (dirty && !stopped && answers) {
      // Last chance before the tab closes: fetch with keepalive carries the CSRF header.
      fetch(url, { method: "POST", keepalive: true, credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: body(answers) });
    }
  });
})();

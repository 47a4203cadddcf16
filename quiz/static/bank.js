// The question bank: approve or reject one question, the ticked ones, or all drafts, without
// reloading the page. Each form still works without script (it posts and the page comes back);
// with script the form is sent with fetch, asking for JSON, and the questions change in place.
(function () {
  "use strict";
  var live = document.getElementById("bank-status");
  var token = document.querySelector('meta[name="csrf-token"]');

  function say(message) { if (live) { live.textContent = message; } }

  function show(changed, status, counts) {
    changed.forEach(function (id) {
      var card = document.getElementById("q-" + id);
      if (!card) { return; }
      card.className = card.className.replace(/\bstatus-\w+/, "status-" + status);
      var badge = card.querySelector("[data-badge]");
      if (badge) { badge.textContent = status; }
      card.querySelectorAll("form[data-status-form]").forEach(function (f) {
        f.hidden = f.getAttribute("data-status") === status;
      });
      var pick = card.querySelector("input.pick");
      if (pick) { pick.checked = false; }
    });
    Object.keys(counts || {}).forEach(function (s) {
      var el = document.getElementById("count-" + s);
      if (el) { el.textContent = counts[s]; }
    });
  }

  function send(form, submitter) {
    var data = new FormData(form);
    var action = form.getAttribute("action");
    if (submitter) {
      if (submitter.name) { data.append(submitter.name, submitter.value); }
      if (submitter.getAttribute("formaction")) { action = submitter.getAttribute("formaction"); }
    }
    say("Saving…");
    return fetch(action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": token ? token.content : ""}
    }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (body) {
      show(body.changed || [], body.status, body.counts);
      say(body.message);
    }).catch(function () {
      say("That did not save. Reload the page and try again.");
    });
  }

  document.querySelectorAll("form[data-bulk], form[data-status-form]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.fetch || !window.FormData) { return; }
      e.preventDefault();
      send(form, e.submitter || null);
    });
  });
})();

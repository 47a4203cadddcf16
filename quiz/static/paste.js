// The new-article page. When a teacher pastes from a web page, the clipboard also holds the page's
// HTML: keep it in the hidden "html" field so the server can take the article from the page's
// layout and set its menus, captions and links aside. Editing the text by hand afterwards drops
// the HTML: the text in the box is then what the teacher meant. Plain JS, no library.
(function () {
  "use strict";
  var form = document.getElementById("article-form");
  var box = form && form.querySelector("textarea[name=text]");
  var html = form && form.querySelector("input[name=html]");
  var status = document.getElementById("paste-status");
  if (!box || !html) { return; }
  var limit = parseInt(form.getAttribute("data-max-bytes"), 10) || 2 * 1024 * 1024;
  var headroom = 64 * 1024;   // the form's other fields and the multipart framing
  var pasting = false;

  function bytes(s) { return new Blob([s]).size; }
  function say(message) { if (status) { status.textContent = message; } }

  box.addEventListener("paste", function (e) {
    var data = e.clipboardData;
    var page = data ? data.getData("text/html") : "";
    var plain = data ? data.getData("text/plain") : "";
    // Only a paste that becomes the whole text can be replaced by the page's article.
    var whole = box.selectionStart === 0 && box.selectionEnd === box.value.length;
    pasting = true;
    if (!page) {
      if (html.value) { say("The text is used exactly as it stands."); }
      html.value = "";
      return;
    }
    if (!whole) {
      html.value = "";
      say("Added to the text already in the box: the text is used exactly as it stands.");
      return;
    }
    if (bytes(page) + bytes(plain) + headroom > limit) {
      html.value = "";
      say("The copied page is larger than the " + Math.round(limit / 104857.6) / 10 +
          " MB limit, so only its text will be sent. Remove any menus or links from the box by hand.");
      return;
    }
    html.value = page;
    say("Pasted from a web page: Sourced will keep the article and set aside the page's menus, " +
        "captions and links. Edit the text to use it exactly as it stands.");
  });

  box.addEventListener("input", function (e) {
    var fromPaste = e.inputType ? e.inputType === "insertFromPaste" : pasting;
    pasting = false;
    if (!fromPaste && html.value) {
      html.value = "";
      say("Edited by hand: the text is used exactly as it stands.");
    }
  });
}());

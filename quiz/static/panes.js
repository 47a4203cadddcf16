// Phones: the questions first, the article one tap away. On a narrow screen (the media query below
// matches style.css) the page shows one pane at a time; "Read the article" shows the article and
// becomes "Back to the questions", which returns to the same place. An evidence link ("Show me in
// the article") opens the article at the evidence and offers "Back to question N". Without this
// script both panes are on the page, questions first, with plain links between them.
(function () {
  "use strict";
  var split = document.querySelector("[data-panes]");
  var link = document.getElementById("pane-toggle");
  var article = document.getElementById("article");
  if (!split || !link || !article || !window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 59.99rem)");
  var label = link.textContent, backLabel = link.getAttribute("data-back");
  var button = document.createElement("button");
  button.type = "button";
  button.id = "pane-button";
  button.className = "primary";
  button.setAttribute("aria-controls", "article");
  button.setAttribute("aria-expanded", "false");
  button.textContent = label;
  link.parentNode.replaceChild(button, link);
  split.classList.add("panes-js");
  var questionsY = 0, articleY = null, returnTo = null;

  function showArticle(target, back) {
    if (!narrow.matches) { return false; }
    questionsY = window.scrollY;
    returnTo = back || document.activeElement;
    split.classList.add("show-article");
    button.setAttribute("aria-expanded", "true");
    button.textContent = back && back.getAttribute("data-back") ? back.getAttribute("data-back") : backLabel;
    if (!target) {
      window.scrollTo(0, articleY === null ? article.getBoundingClientRect().top + window.scrollY - button.offsetHeight - 8 : articleY);
      article.focus({ preventScroll: true });
    }
    return true;
  }

  function showQuestions() {
    articleY = window.scrollY;
    split.classList.remove("show-article");
    button.setAttribute("aria-expanded", "false");
    button.textContent = label;
    window.scrollTo(0, questionsY);
    if (returnTo && returnTo.focus && returnTo !== document.body) { returnTo.focus({ preventScroll: true }); }
  }

  button.addEventListener("click", function () {
    if (split.classList.contains("show-article")) { showQuestions(); } else { showArticle(); }
  });

  // "Show me in the article": open the article, then let the link jump to the evidence
  split.querySelectorAll('a[href^="#ev-"]').forEach(function (a) {
    a.addEventListener("click", function () {
      var li = a.closest("[data-number]");
      if (li) { a.setAttribute("data-back", "Back to question " + li.getAttribute("data-number")); }
      showArticle(a.getAttribute("href"), a);
    });
  });
  // the no-JavaScript links between the panes
  split.querySelectorAll('a[href="#questions"]').forEach(function (a) {
    a.addEventListener("click", function (e) {
      if (narrow.matches && split.classList.contains("show-article")) { e.preventDefault(); showQuestions(); }
    });
  });
  narrow.addEventListener("change", function () {
    if (!narrow.matches && split.classList.contains("show-article")) {
      split.classList.remove("show-article");
      button.setAttribute("aria-expanded", "false");
      button.textContent = label;
    }
  });
})();

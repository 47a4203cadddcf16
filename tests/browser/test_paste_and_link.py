"""In Chromium: pasting a web page keeps the page's HTML for the server (static/paste.js), editing
the text afterwards drops it, a page too large to send leaves the text usable, and an article
imported from a link (a local test site) shows what was set aside. The drafted questions' evidence
must come from the story's paragraphs, never from the page's menu or related links."""
from __future__ import annotations

import re

import pytest


from quiz import storage
from conftest import PASSWORD
from browser.conftest import log_in, shot
from test_article_import import (FURNITURE, HEADLINE, MENU, PARAGRAPHS, RELATED, from_the_story,  # noqa: F401
                                 news_page, news_plain, no_outside_network, site)  # (fixtures: autouse, the local site)

pytestmark = pytest.mark.browser
STORY = " ".join(" ".join([HEADLINE] + PARAGRAPHS).split())     # as the page shows it

# What a browser does on a real paste: the paste event (carrying both clipboard types), then the
# text inserted and an input event of type insertFromPaste. A synthetic paste inserts nothing.
PASTE = """([plain, html]) => {
  const box = document.querySelector('textarea[name=text]');
  box.focus();
  const dt = new DataTransfer();
  dt.setData('text/plain', plain);
  if (html) dt.setData('text/html', html);
  const event = new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true});
  box.dispatchEvent(event);
  if (!event.defaultPrevented) {
    box.setRangeText(plain, box.selectionStart, box.selectionEnd, 'end');
    box.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', data: null, bubbles: true}));
  }
}"""


@pytest.fixture(scope="module")
def teacher(live):
    base, app, db = live
    app.config["ALLOW_PRIVATE_FETCH"] = True        # the test site is on 127.0.0.1
    return storage.create_teacher(db, "paster", PASSWORD)


@pytest.fixture
def page(live, browser, teacher):
    base, _, _ = live
    ctx = browser.new_context()
    p = ctx.new_page()
    log_in(p, base, "paster", PASSWORD)
    p.goto(f"{base}/articles/new")
    yield p
    ctx.close()


def submit(page) -> int:
    page.get_by_role("button", name="Add article and draft questions").click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def check_set_aside(page):
    """The collapsible list names the menu, related links and footer, not the story."""
    details = page.locator("details#set-aside")
    assert not details.locator("ul").first.is_visible()          # collapsed until asked
    page.get_by_text("Set aside from the page (menus, captions, links)").click()
    listed = details.inner_text()
    for piece in FURNITURE:
        assert piece in listed, piece
    assert PARAGRAPHS[1][:50] not in listed
    body = page.locator("article.article-text").inner_text()
    assert "The town council of Harrowgate voted on Tuesday" in body
    assert not any(piece in body for piece in MENU + RELATED)


def test_paste_from_a_web_page_keeps_the_article_only(live, page, teacher):
    base, _, db = live
    page.evaluate(PASTE, [news_plain(), news_page()])
    assert page.locator("input[name=html]").input_value() == news_page()
    assert "Pasted from a web page" in page.locator("#paste-status").inner_text()
    article_id = submit(page)
    assert "Pasted from a web page" in page.locator("#import-origin").inner_text()
    check_set_aside(page)
    shot(page, "article-pasted-page")

    article = storage.get_article(db, teacher, article_id)
    assert article["source_format"] == "html"
    assert not any(piece in article["text"] for piece in FURNITURE)
    # the bank shows each draft's evidence: all of it from the story
    page.get_by_role("link", name="Question bank").first.click()
    evidence = page.locator("blockquote.evidence").all_inner_texts()
    assert evidence
    for shown in evidence:
        quoted = " ".join(re.sub(r"^Evidence:\s*“|”$", "", shown.strip()).split())
        assert quoted in STORY and not any(piece in quoted for piece in FURNITURE), shown
    stored = storage.list_questions(db, teacher, article_id)
    assert len(evidence) == sum(1 for q in stored if q["evidence_text"])
    assert all(from_the_story(q["evidence_text"]) for q in stored)


def test_editing_after_pasting_uses_the_text_as_it_stands(live, page, teacher):
    base, _, db = live
    page.evaluate(PASTE, [news_plain(), news_page()])
    assert page.locator("input[name=html]").input_value()
    box = page.locator("textarea[name=text]")
    box.press("End")
    box.press_sequentially(" Edited.")
    assert page.locator("input[name=html]").input_value() == ""
    assert "Edited by hand" in page.locator("#paste-status").inner_text()
    article_id = submit(page)
    article = storage.get_article(db, teacher, article_id)
    assert article["source_format"] == "text"
    assert "Subscribe to our newsletter" in article["text"] and article["text"].rstrip().endswith("Edited.")


def test_pasting_into_text_already_there_drops_the_page(page):
    page.locator("textarea[name=text]").fill(HEADLINE + "\n\n")
    page.evaluate(PASTE, [news_plain(), news_page()])
    assert page.locator("input[name=html]").input_value() == ""
    assert "already in the box" in page.locator("#paste-status").inner_text()


def test_a_page_too_large_to_send_leaves_the_text_usable(live, page, teacher):
    base, _, db = live
    huge = news_page().replace("<body>", "<body><!-- " + "x" * (2 * 1024 * 1024) + " -->")
    page.evaluate(PASTE, [news_plain(), huge])
    assert page.locator("input[name=html]").input_value() == ""
    assert "larger than the 2 MB limit" in page.locator("#paste-status").inner_text()
    article_id = submit(page)                           # no 413: the text alone was sent
    assert storage.get_article(db, teacher, article_id)["text"] == news_plain().replace("\r\n", "\n")


def test_import_from_a_link(live, page, teacher, site):
    base, _, db = live
    url = site.page("/news/millbrook-footbridge", news_page())
    page.get_by_label("Or import from a link").fill(url)
    article_id = submit(page)
    origin = page.locator("#import-origin")
    assert "Imported from" in origin.inner_text()
    assert origin.get_by_role("link").get_attribute("href") == url
    check_set_aside(page)
    shot(page, "article-from-link")
    article = storage.get_article(db, teacher, article_id)
    assert all(p in article["text"] for p in PARAGRAPHS)
    assert site.requests == [("/news/millbrook-footbridge", f"127.0.0.1:{site.port}")]


def test_a_refused_link_says_why(live, page):
    _, app, _ = live
    app.config["ALLOW_PRIVATE_FETCH"] = False
    try:
        page.get_by_label("Or import from a link").fill("http://169.254.169.254/latest/meta-data/")
        page.get_by_role("button", name="Add article and draft questions").click()
        page.wait_for_load_state("load")
        assert page.get_by_text("That address is not allowed.").is_visible()
        assert page.get_by_label("Or import from a link").input_value() == \
            "http://169.254.169.254/latest/meta-data/"
    finally:
        app.config["ALLOW_PRIVATE_FETCH"] = True

"""The teacher's article page reads cleanly (issue 10): the speaker/date/status labels are shown only
on demand ("Show labels"), always after their sentence, and never part of a selection, so a sentence
selected and copied from the page is exactly the article's words (a question's evidence must be)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quiz import storage
from conftest import PASSWORD, sample_text
from browser.conftest import log_in, shot
from browser.test_a11y import serious

pytestmark = pytest.mark.browser

SELECT = """e => { const r = document.createRange(); r.selectNodeContents(e);
  const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }"""


def test_labels_on_demand_and_a_selected_sentence_is_exactly_the_article(live, browser):
    base, app, db = live
    teacher_id = storage.create_teacher(db, "labels", PASSWORD)
    ctx = browser.new_context()
    page = ctx.new_page()
    log_in(page, base, "labels", PASSWORD)
    page.goto(f"{base}/articles/new")
    page.get_by_label("Paste the article text").fill(sample_text())
    page.get_by_role("button", name="Add article and draft questions").click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    article = storage.get_article(db, teacher_id, int(page.url.rsplit("/", 1)[1]))
    by_id = {s["id"]: s for s in article["analysis"]["sentences"]}
    labels = page.locator(".article-text .label")
    assert labels.count() > 10
    expect(labels.first).to_be_hidden()                              # a clean page to project or read aloud
    text = page.locator(".article-text").inner_text()
    assert "direct ·" not in text and "indirect ·" not in text and "date 20" not in text
    page.locator(".article-text p").nth(2).scroll_into_view_if_needed()
    shot(page, "article-clean", full_page=False)
    checked = []
    for shown in (False, True):
        if shown:
            page.get_by_label("Show labels").check()
            expect(labels.first).to_be_visible()
            shot(page, "article-labels", full_page=False)
            assert serious(page) == []
        # every sentence with labels after it: selecting it gives exactly its words
        for el in page.locator(".article-text .sentence:has(+ .label)").all()[:12]:
            sid = int(el.get_attribute("data-sentence"))
            selected = el.evaluate(SELECT)
            assert selected == article["text"][by_id[sid]["start"]:by_id[sid]["end"]], selected
            label = el.evaluate("e => e.nextElementSibling.getAttribute('data-label')")
            assert label and label not in selected
            checked.append(sid)
    assert len(checked) >= 10
    # a whole paragraph selected: the article's words, no label among them
    para = page.locator(".article-text p:has(.label)").first
    selected = para.evaluate(SELECT)
    assert selected.strip() == para.evaluate("e => e.textContent").strip()
    assert "·" not in selected
    # copy a labelled sentence (labels shown) with the keyboard and paste it as a question's evidence
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    el = page.locator(".article-text .sentence:has(+ .label.speaker)").nth(1)
    sid = int(el.get_attribute("data-sentence"))
    words = article["text"][by_id[sid]["start"]:by_id[sid]["end"]]
    el.evaluate(SELECT)
    page.keyboard.press("Control+C")
    question = storage.list_questions(db, teacher_id, article["id"])[0]
    page.goto(f"{base}/questions/{question['id']}/edit")
    evidence = page.get_by_label(re.compile(r"^Evidence"))
    evidence.fill("")
    evidence.focus()
    page.keyboard.press("Control+V")
    assert evidence.input_value() == words
    page.get_by_role("button", name="Save question").click()
    assert not page.get_by_text("The evidence must be copied exactly from the article.").count()
    assert storage.get_question(db, teacher_id, question["id"])["evidence_text"] == words
    ctx.close()

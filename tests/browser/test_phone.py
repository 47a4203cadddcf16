"""Phones (issue 10): at 360 x 740 the student sees the questions first, the article one tap away
("Read the article" and back to the same place), and "Show me in the article" jumps to the evidence
and back. Without JavaScript the page still works: questions first, a link to the article."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import make_article, make_assignment, make_teacher
from browser.test_a11y import serious
from browser.conftest import shot

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def assignment(live):
    base, app, db = live
    t = make_teacher(db, "phone")
    return make_assignment(db, t, make_article(db, t))


def start(browser, base, code, name, js=True):
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=js)
    page = ctx.new_page()
    page.goto(base + "/")
    page.get_by_label("Join code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/attempt/[\w-]+$"))
    return ctx, page


def top(page, selector):
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def test_phone_student_answers_first_and_reads_the_article_one_tap_away(live, browser, assignment):
    base = live[0]
    ctx, page = start(browser, base, assignment["join_code"], "Phone Pat")
    assert top(page, "fieldset.q") < 740, "question 1 starts within the first screen"
    assert not page.locator("#article").is_visible(), "the article waits one tap away"
    shot(page, "phone-quiz", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    fieldsets = page.locator("fieldset.q")
    n = fieldsets.count()
    # answer every choice question by tapping its first choice: no scrolling past the article
    for i in range(n):
        fs = fieldsets.nth(i)
        if fs.get_attribute("data-kind") in ("mc", "tf"):
            fs.locator("label").first.click()
    expect(page.locator("#save-status")).to_contain_text("All answers saved")
    assert not page.locator("#article").is_visible()
    # scroll to question 3, read the article, come back to the same place
    third = fieldsets.nth(min(2, n - 1))
    third.scroll_into_view_if_needed()
    y = page.evaluate("window.scrollY")
    page.get_by_role("button", name="Read the article").click()
    expect(page.locator("#article")).to_be_visible()
    assert not page.locator("#questions").is_visible()
    heading = page.locator("#article-h").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= heading < 740, "the article opens at its start"
    shot(page, "phone-article", full_page=False)
    page.mouse.wheel(0, 1500)
    page.get_by_role("button", name="Back to the questions").click()
    expect(page.locator("#questions")).to_be_visible()
    assert abs(page.evaluate("window.scrollY") - y) < 5, "back at the same question"
    assert serious(page) == []
    # submit and use "Show me in the article" and back
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Yes, submit").click()
    page.wait_for_url(re.compile(r"/feedback$"))
    assert serious(page) == []
    link = page.locator("a.evidence-link").last
    number = link.evaluate("a => a.closest('[data-number]').getAttribute('data-number')")
    link.scroll_into_view_if_needed()
    y = page.evaluate("window.scrollY")
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    evidence = page.locator(f"{target} + mark.evidence, {target} + .tag + mark.evidence").first
    expect(evidence).to_be_visible()
    box = evidence.bounding_box()
    assert 0 <= box["y"] < 740, "the evidence is on screen"
    shot(page, "phone-evidence", full_page=False)
    page.get_by_role("button", name=f"Back to question {number}").click()
    assert abs(page.evaluate("window.scrollY") - y) < 5
    assert page.evaluate("document.activeElement.classList.contains('evidence-link')")
    ctx.close()


def test_phone_without_javascript_questions_first_and_a_link_to_the_article(live, browser, assignment):
    base = live[0]
    ctx, page = start(browser, base, assignment["join_code"], "No Script Sam", js=False)
    assert top(page, "fieldset.q") < 740
    submit = top(page, "button[value=submit]")
    assert submit < top(page, "#article"), "every question comes before the article"
    page.get_by_role("link", name="Read the article").click()
    assert page.evaluate("location.hash") == "#article"
    page.get_by_role("link", name="Back to the questions").click()
    assert page.evaluate("location.hash") == "#questions"
    ctx.close()

"""axe-core on the main pages (no serious or critical violations), and a keyboard-only student."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from axe_playwright_python.sync_playwright import Axe

from quiz import scoring, storage
from conftest import PASSWORD, make_article, make_assignment, make_teacher, right_response
from browser.conftest import shot

pytestmark = pytest.mark.browser


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def data(live):
    base, app, db = live
    t = make_teacher(db, "a11y")
    article = make_article(db, t)
    a = make_assignment(db, t, article)
    attempt = storage.start_attempt(db, a["id"], "Done Student")
    qs = a["questions"]
    storage.save_answers(db, attempt["id"], {q["id"]: right_response(q) for q in qs})
    result = scoring.score_attempt(qs, storage.saved_responses(db, attempt["id"]))
    storage.submit_attempt(db, attempt["id"], result["scored"], result["score"], result["max_score"])
    q = storage.list_questions(db, t, article)[0]
    return {"teacher": t, "article": article, "assignment": a, "question": q}


TEACHER_PAGES = ["/teacher", "/articles/new", "/articles/{article}", "/articles/{article}/questions",
                 "/questions/{question}/edit", "/articles/{article}/questions/new",
                 "/articles/{article}/quizzes/new", "/quizzes/{quiz}", "/quizzes/{quiz}/assign",
                 "/assignments/{assignment}", "/assignments/{assignment}/results",
                 "/assignments/{assignment}/grading", "/nonexistent-page"]


def test_teacher_pages_have_no_serious_violations(live, browser, data):
    base = live[0]
    ctx = browser.new_context()
    page = ctx.new_page()
    for url in ("/auth/login", "/auth/register"):
        page.goto(base + url)
        assert serious(page) == [], url
    page.goto(base + "/auth/login")
    page.get_by_label("Username").fill("a11y")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    ids = {"article": data["article"], "question": data["question"]["id"],
           "quiz": data["assignment"]["quiz_id"], "assignment": data["assignment"]["id"]}
    failures = {}
    for url in TEACHER_PAGES:
        page.goto(base + url.format(**ids))
        found = serious(page)
        if found:
            failures[url] = found
    page.goto(base + "/articles/new")
    page.get_by_role("button", name="Add article and draft questions").click()    # a page with errors
    failures.update({"article errors": serious(page)} if serious(page) else {})
    ctx.close()
    assert failures == {}


def test_student_pages_by_keyboard_only_and_axe_clean(live, browser, data):
    base = live[0]
    a = data["assignment"]
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    page.goto(base + "/")
    assert serious(page) == []
    page.keyboard.press("Tab")                       # skip link
    page.keyboard.press("Tab")                       # brand
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "code"
    page.keyboard.type(a["join_code"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/join/"))
    assert serious(page) == []
    page.locator("#name").focus()
    page.keyboard.type("Keyboard Kim")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempt/[\w-]+$"))
    assert serious(page) == [], "quiz page"
    mc = next(q for q in a["questions"] if q["kind"] == "mc")
    radios = page.locator(f'input[name="q{mc["id"]}"]')
    radios.first.focus()
    page.keyboard.press("Space")                     # a radio chosen from the keyboard
    assert radios.first.is_checked()
    expect(page.locator("#save-status")).to_contain_text("saved")     # no eval: the page's CSP forbids it
    submit = page.get_by_role("button", name="Review and submit")
    submit.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/submit$"))
    assert serious(page) == [], "confirm page"
    page.get_by_role("button", name="Yes, submit").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/feedback$"))
    assert serious(page) == [], "feedback page"
    shot(page, "feedback-keyboard-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("a.evidence-link").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash").startswith("#ev-")
    page.goto(base + "/join/BADBAD")
    assert serious(page) == []
    ctx.close()

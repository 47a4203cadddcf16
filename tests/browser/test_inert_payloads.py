"""Script and markup payloads in titles, names, choices and article text stay inert in a real browser:
no dialog fires, no script runs, no element is injected, and the payload is shown as text."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quiz import storage
from conftest import PASSWORD, composed_analysis, composed_questions, make_assignment, sample_text

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss=1;alert('xss-script')</script>",
    "<img src=x data-xss=1 onerror=\"window.__xss=2;alert('xss-img')\">",
    "\"><svg data-xss=1 onload=\"window.__xss=3;alert('xss-svg')\"></svg>",
    "'><iframe data-xss=1 src=\"javascript:window.parent.__xss=4\"></iframe>",
    "</textarea><b data-xss=1>bold</b><textarea>",
]
P = " ".join(PAYLOADS)
INJECTED = "[data-xss], img[src='x'], svg[onload], iframe"


def check_inert(page, url, dialogs, expect_text=True):
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(100)
    assert dialogs == [], (url, dialogs)
    assert page.evaluate("window.__xss") is None, url
    assert page.locator(INJECTED).count() == 0, url
    if expect_text:
        body = page.inner_text("body") + " ".join(page.locator("textarea, input").evaluate_all(
            "els => els.map(e => e.value)"))
        assert "<script>window.__xss=1" in body, url        # shown as text, verbatim


def test_payloads_stay_inert_everywhere(live, browser):
    base, app, db = live
    tid = storage.create_teacher(db, "xss-teacher", PASSWORD)
    text = f"{P}\n\n{P} appears in the article body too.\n\n" + sample_text()
    article = storage.create_article(db, tid, composed_analysis(text), text)
    for row in composed_questions(text):
        row = dict(row, prompt=P + " " + row["prompt"], explanation=P + " " + row["explanation"])
        if row["kind"] == "mc":
            row["choices"] = [P + " " + c for c in row["choices"]]
            row["key"] = row["choices"][row["answer"]]
        storage.add_question(db, tid, article, row, status="approved")
    a = make_assignment(db, tid, article)
    db.execute("UPDATE quizzes SET title = ? WHERE id = ?", [P, a["quiz_id"]])
    db.execute("UPDATE assignments SET title = ?, class_name = ? WHERE id = ?", [P, P, a["id"]])

    ctx = browser.new_context()
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    # the student: a payload as the name, payload answers, then feedback
    page.goto(f"{base}/join/{a['join_code']}")
    page.fill("input[name=name]", P[:100])
    page.click("button[type=submit]")
    page.wait_for_url("**/attempt/**")
    attempt_url = page.url
    check_inert(page, attempt_url, dialogs)
    open_q = next(q for q in a["questions"] if q["kind"] == "open")
    page.locator(f'fieldset[data-qid="{open_q["id"]}"] textarea').fill(P)
    expect(page.locator("#save-status")).to_contain_text("saved")     # no eval: the page's CSP forbids it
    check_inert(page, attempt_url, dialogs)              # reloaded: the saved payload is filled in
    check_inert(page, attempt_url + "/submit", dialogs, expect_text=False)
    page.click("button[type=submit]")
    page.wait_for_url("**/feedback")
    check_inert(page, page.url, dialogs)

    # the teacher: every page that shows these strings
    t = ctx.new_page()
    t.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    t.goto(f"{base}/auth/login")
    t.fill("input[name=username]", "xss-teacher")
    t.fill("input[name=password]", PASSWORD)
    t.click("button[type=submit]")
    t.wait_for_url("**/teacher")
    for path in ("/teacher", f"/articles/{article}", f"/articles/{article}/questions",
                 f"/quizzes/{a['quiz_id']}", f"/assignments/{a['id']}", f"/assignments/{a['id']}/results",
                 f"/assignments/{a['id']}/grading"):
        check_inert(t, base + path, dialogs, expect_text=path not in ("/teacher",))
    qid = storage.list_questions(db, tid, article)[0]["id"]
    check_inert(t, f"{base}/questions/{qid}/edit", dialogs)
    ctx.close()

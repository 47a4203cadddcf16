"""The Content-Security-Policy (issue 8) blocks nothing the app itself needs: Chromium reports no
violation on any teacher or student page, the autosave script runs, and a script injected into a
page would not (no 'unsafe-inline'). The account pages (teachers, password, invite) are axe-clean."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quiz import storage
from conftest import PASSWORD, make_article, make_assignment, make_teacher
from browser.test_a11y import serious

pytestmark = pytest.mark.browser


def watch(page, violations):
    page.on("console", lambda m: violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Refused to" in m.text else None)


def test_no_csp_violations_on_any_page(live, browser):
    base, app, db = live
    tid = make_teacher(db, "csp-teacher")
    article = make_article(db, tid)
    a = make_assignment(db, tid, article)
    violations: list[str] = []
    ctx = browser.new_context()

    s = ctx.new_page()
    watch(s, violations)
    s.goto(base + "/")
    s.fill("input[name=code]", a["join_code"])
    s.click("button[type=submit]")
    s.wait_for_url(re.compile(r"/join/"))
    s.fill("input[name=name]", "Csp Student")
    s.click("button[type=submit]")
    s.wait_for_url(re.compile(r"/attempt/[\w-]+$"))
    open_q = next(q for q in a["questions"] if q["kind"] == "open")
    s.locator(f'fieldset[data-qid="{open_q["id"]}"] textarea').fill("Saved by the autosave script.")
    expect(s.locator("#save-status")).to_contain_text("All answers saved")   # (wait_for_function evals)
    # an inline script added to the page is refused by the policy
    s.evaluate("""() => {
        document.addEventListener('securitypolicyviolation', e => { window.__violated = e.violatedDirective; });
        const el = document.createElement('script');
        el.textContent = 'window.__inline = 1'; document.body.appendChild(el); }""")
    s.wait_for_timeout(200)
    assert s.evaluate("window.__inline") is None
    assert s.evaluate("window.__violated").startswith("script-src")
    violations.clear()
    s.goto(s.url + "/submit")
    s.click("button[type=submit]")
    s.wait_for_url(re.compile(r"/feedback$"))

    t = ctx.new_page()
    watch(t, violations)
    t.goto(base + "/auth/login")
    t.fill("input[name=username]", "csp-teacher")
    t.fill("input[name=password]", PASSWORD)
    t.click("button[type=submit]")
    t.wait_for_url(re.compile(r"/teacher$"))
    q = storage.list_questions(db, tid, article)[0]
    for path in ("/teacher", "/articles/new", f"/articles/{article}", f"/articles/{article}/questions",
                 f"/questions/{q['id']}/edit", f"/articles/{article}/quizzes/new", f"/quizzes/{a['quiz_id']}",
                 f"/quizzes/{a['quiz_id']}/assign", f"/assignments/{a['id']}", f"/assignments/{a['id']}/results",
                 f"/assignments/{a['id']}/grading", "/auth/teachers", "/auth/password"):
        t.goto(base + path)
        t.wait_for_load_state("load")
    # the account pages: no CSP violation and no serious accessibility problem either
    accessibility = {}
    t.goto(base + "/auth/teachers")
    t.get_by_role("button", name="Create an invite link").click()
    link = t.locator("#new-link").input_value()
    assert "/auth/invite/" in link
    accessibility["teachers"] = serious(t)
    t.goto(base + "/auth/password")
    t.get_by_role("button", name="Change password").click()            # with its errors
    accessibility["password"] = serious(t)
    n = ctx.new_page()
    watch(n, violations)
    n.goto(link)
    accessibility["invite"] = serious(n)
    n.goto(base + "/auth/register")                                     # closed: the 403 page
    accessibility["register closed"] = serious(n)
    ctx.close()
    assert violations == []
    assert {k: v for k, v in accessibility.items() if v} == {}

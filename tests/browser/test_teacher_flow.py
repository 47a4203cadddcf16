"""Issue 10 in a real browser: bulk approve without a reload, the right answer picked by a radio
button, close with confirmation and reopen, one-page grading that refuses an over-maximum grade,
and partial credit shown as partial. axe-clean on each page."""
from __future__ import annotations

import re

import pytest

from playwright.sync_api import expect

from quiz import scoring, storage
from conftest import PASSWORD, make_article, make_assignment, make_teacher, right_response
from browser.conftest import log_in, shot
from browser.test_a11y import serious

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def world(live):
    base, app, db = live
    t = make_teacher(db, "flow")
    article = make_article(db, t)
    return {"teacher": t, "article": article}


@pytest.fixture
def page(live, browser, world):
    ctx = browser.new_context()
    p = ctx.new_page()
    log_in(p, live[0], "flow", PASSWORD)
    p.wait_for_url(re.compile(r"/teacher$"))
    yield p
    ctx.close()


def test_bulk_approve_selected_then_all_without_a_reload(live, page, world):
    base, app, db = live
    t, article = world["teacher"], world["article"]
    qs = storage.list_questions(db, t, article)
    for q in qs:
        storage.set_question_status(db, t, q["id"], "draft")
    page.goto(f"{base}/articles/{article}/questions")
    assert page.get_by_text("Only approved questions can go in a quiz.").is_visible()
    assert serious(page) == []
    page.evaluate("window.notReloaded = true")
    page.locator(f"#pick-{qs[0]['id']}").check()
    page.locator(f"#pick-{qs[1]['id']}").check()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.locator("#bank-status")).to_have_text("2 questions approved.")
    expect(page.locator(f"#q-{qs[0]['id']} [data-badge]")).to_have_text("approved")
    expect(page.locator("#count-approved")).to_have_text("2")
    assert [storage.get_question(db, t, q["id"])["status"] for q in qs[:3]] == ["approved", "approved", "draft"]
    page.get_by_role("button", name="Approve all drafts").click()
    expect(page.locator("#count-draft")).to_have_text("0")
    expect(page.locator(f"#q-{qs[-1]['id']}")).to_have_class(re.compile(r"status-approved"))
    assert page.evaluate("window.notReloaded") is True                  # one page all along
    assert all(storage.get_question(db, t, q["id"])["status"] == "approved" for q in qs)
    # one question's Reject, also in place
    page.locator(f"#q-{qs[2]['id']}").get_by_role("button", name="Reject").click()
    expect(page.locator(f"#q-{qs[2]['id']} [data-badge]")).to_have_text("rejected")
    assert page.evaluate("window.notReloaded") is True
    assert storage.get_question(db, t, qs[2]["id"])["status"] == "rejected"
    storage.set_question_status(db, t, qs[2]["id"], "approved")
    # filters
    page.get_by_label("Type").select_option("tf")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("article.question").count() == sum(1 for q in qs if q["kind"] == "tf")
    shot(page, "bank-filtered")


def test_right_answer_is_picked_with_a_radio_button(live, page, world):
    base, app, db = live
    t, article = world["teacher"], world["article"]
    mc = next(q for q in storage.list_questions(db, t, article) if q["kind"] == "mc")
    page.goto(f"{base}/questions/{mc['id']}/edit")
    assert serious(page) == []
    for n, c in enumerate(mc["choices"]):
        expect(page.get_by_label(f"Choice {n + 1}", exact=True)).to_have_value(c)
    expect(page.get_by_label(f"Right answer: choice {mc['answer'] + 1}", exact=True)).to_be_checked()
    other = (mc["answer"] + 1) % len(mc["choices"])
    page.get_by_label(f"Right answer: choice {other + 1}", exact=True).check()
    page.get_by_label(f"Choice {len(mc['choices']) + 1}", exact=True).fill("A new choice")
    page.get_by_role("button", name="Save question").click()
    page.wait_for_url(re.compile(r"/questions"))
    q = storage.get_question(db, t, mc["id"])
    assert q["answer"] == other and q["choices"] == mc["choices"] + ["A new choice"]
    assert q["key"] == mc["choices"][other]
    tf = next(q for q in storage.list_questions(db, t, article) if q["kind"] == "tf")
    page.goto(f"{base}/questions/{tf['id']}/edit")
    page.get_by_label("False", exact=True).check()
    page.get_by_role("button", name="Save question").click()
    page.wait_for_url(re.compile(r"/questions"))
    assert storage.get_question(db, t, tf["id"])["answer"] == 1


def test_close_asks_for_confirmation_and_reopen_sets_a_new_closing_time(live, page, world):
    base, app, db = live
    t = world["teacher"]
    a = make_assignment(db, t, world["article"])
    page.goto(f"{base}/assignments/{a['id']}")
    expect(page.locator("#state")).to_have_text("open")
    page.get_by_role("link", name="Close now").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("now?")
    assert serious(page) == []
    assert storage.assignment_state(storage.get_assignment(db, t, a["id"])) == "open"     # nothing yet
    page.get_by_role("link", name="No, keep it open").click()
    assert storage.assignment_state(storage.get_assignment(db, t, a["id"])) == "open"
    page.get_by_role("link", name="Close now").click()
    page.get_by_role("button", name="Yes, close it now").click()
    expect(page.locator("#state")).to_have_text("closed")
    assert serious(page) == []
    page.get_by_label("New closing time (optional)").fill("2001-01-01T09:00")
    page.get_by_role("button", name="Reopen").click()
    expect(page.get_by_text("Choose a closing time in the future")).to_be_visible()
    page.get_by_label("New closing time (optional)").fill("2999-06-01T09:00")
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator("#state")).to_have_text("open")
    assert storage.get_assignment(db, t, a["id"])["closes_at"] == "2999-06-01T09:00:00"
    shot(page, "assignment-reopened")


def class_answers(db, a, names):
    qs = a["questions"]
    for name in names:
        attempt = storage.start_attempt(db, a["id"], name)
        storage.save_answers(db, attempt["id"], {q["id"]: right_response(q) for q in qs})
        result = scoring.score_attempt(qs, storage.saved_responses(db, attempt["id"]))
        storage.submit_attempt(db, attempt["id"], result["scored"], result["score"], result["max_score"])
    return next(q for q in qs if q["kind"] == "open")


def test_one_page_grading_refuses_an_over_maximum_grade(live, page, world):
    base, app, db = live
    t = world["teacher"]
    a = make_assignment(db, t, world["article"], points=2)
    open_q = class_answers(db, a, ("Ann Grade", "Bob Grade"))
    page.goto(f"{base}/assignments/{a['id']}/grading")
    assert serious(page) == []
    page.get_by_label("Points for Ann Grade").fill("2")
    page.get_by_label("Points for Bob Grade").fill("5")
    page.get_by_label("Comment for Bob Grade").fill("Strong")
    page.get_by_role("button", name=f"Save grades for Q{open_q['position']}").click()
    expect(page.get_by_text("At most 2 points for this question")).to_be_visible()
    expect(page.get_by_label("Points for Bob Grade")).to_have_value("5")          # kept as typed
    expect(page.get_by_label("Points for Bob Grade")).to_have_attribute("aria-invalid", "true")
    assert serious(page) == []
    assert all(w["graded_at"] is None for w in storage.answers_for_assignment(db, a["id"])
               if w["assigned_question_id"] == open_q["id"])
    page.get_by_label("Points for Bob Grade").fill("1")
    page.get_by_role("button", name=f"Save grades for Q{open_q['position']}").click()
    expect(page.get_by_text("2 grades saved")).to_be_visible()
    expect(page.get_by_label("Points for Ann Grade")).to_have_value("2")          # "2", not "2.0"
    expect(page.get_by_label("Points for Bob Grade")).to_have_value("1")
    shot(page, "grading-one-page")


def test_partial_credit_shows_as_partial_in_the_results(live, page, world):
    base, app, db = live
    t = world["teacher"]
    a = make_assignment(db, t, world["article"], points=2)
    open_q = class_answers(db, a, ("Pat Partial",))
    page.goto(f"{base}/assignments/{a['id']}/grading")
    page.get_by_label("Points for Pat Partial").fill("1")
    page.get_by_role("button", name=f"Save grades for Q{open_q['position']}").click()
    expect(page.get_by_text("1 grade saved")).to_be_visible()
    page.goto(f"{base}/assignments/{a['id']}/results")
    cell = page.locator('td[data-verdict="partial"]')
    expect(cell).to_have_count(1)
    expect(cell).to_contain_text("partial: 1 of 2")
    expect(page.get_by_text("1 partly right")).to_be_visible()
    assert serious(page) == []
    shot(page, "results-partial")

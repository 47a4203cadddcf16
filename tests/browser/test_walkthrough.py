"""The whole path in a real browser: a teacher builds and assigns a quiz from the sample article
(real engine), two students answer (one all right, one with mistakes, one reloads midway), both
see feedback with evidence, the teacher grades, reads results and downloads both CSVs."""
from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from quiz import scoring, storage
from conftest import PASSWORD, sample_text
from browser.conftest import shot

pytestmark = pytest.mark.browser


def answer(page, q, right: bool, ids: list[str]):
    """Answer one question on the quiz page from the stored key (never hard-coded); the page names
    choices by opaque ids (`ids`, from the app's secret), never by their stored index."""
    fs = page.locator(f'fieldset[data-qid="{q["id"]}"]')
    kind = q["kind"]
    if kind in ("mc", "tf"):
        pick = q["answer"] if right else (q["answer"] + 1) % len(q["choices"])
        fs.locator(f'label[for="q{q["id"]}-{ids[pick]}"]').click()
    elif kind == "order":
        order = q["answer"] if right else q["answer"][1:] + q["answer"][:1]
        for rank, idx in enumerate(order, 1):
            fs.locator(f'select[name="q{q["id"]}_{ids[idx]}"]').select_option(str(rank))
    elif kind == "short":
        fs.locator("input").fill(q["key"].split("|")[0] if right else "not this")
    else:
        fs.locator("textarea").fill("The article leans on named sources." if right else "No idea.")


def wait_saved(page):
    expect(page.locator("#save-status")).to_contain_text("All answers saved")   # no eval: the CSP forbids it


def test_teacher_and_class_walk_the_whole_path(live, browser):
    base, app, db = live
    storage.create_teacher(db, "teacher", PASSWORD)

    # ---- teacher: log in, paste the sample article, review, edit a question, build and assign
    tctx = browser.new_context(accept_downloads=True)
    t = tctx.new_page()
    t.goto(f"{base}/auth/login")
    t.get_by_label("Username").fill("teacher")
    t.get_by_label("Password").fill(PASSWORD)
    t.get_by_role("button", name="Log in").click()
    t.get_by_role("link", name="Add an article").click()
    t.get_by_label("Paste the article text").fill(sample_text())
    t.get_by_role("button", name="Add article and draft questions").click()
    t.wait_for_url(re.compile(r"/articles/\d+$"))
    article_id = int(t.url.rsplit("/", 1)[1])
    shot(t, "article")
    teacher_id = next(db.query("SELECT id FROM teachers WHERE username = 'teacher'"))["id"]
    drafts = storage.list_questions(db, teacher_id, article_id)
    assert drafts, "the engine drafted no questions for the sample"

    t.get_by_role("link", name="Question bank").first.click()
    shot(t, "bank")
    first = drafts[0]
    t.locator(f"#q-{first['id']}").get_by_role("button", name="Approve").click()
    expect(t.locator(f"#q-{first['id']} [data-badge]")).to_have_text("approved")     # in place, no reload
    assert storage.get_question(db, teacher_id, first["id"])["status"] == "approved"
    for q in drafts[1:]:
        storage.set_question_status(db, teacher_id, q["id"], "approved")

    mc = next(q for q in drafts if q["kind"] == "mc")
    t.goto(f"{base}/questions/{mc['id']}/edit")
    t.get_by_label("Question", exact=True).fill("")
    t.get_by_role("button", name="Save question").click()
    assert t.get_by_text("Write the question (required).").is_visible()
    t.get_by_label("Question", exact=True).fill("EDITED: " + mc["prompt"])
    t.get_by_label(f"Right answer: choice {mc['answer'] + 1}", exact=True).check()   # picked, not retyped
    t.get_by_role("button", name="Save question").click()
    assert storage.get_question(db, teacher_id, mc["id"])["prompt"].startswith("EDITED: ")

    t.goto(f"{base}/articles/{article_id}/quizzes/new")
    t.locator(f'input[name="include_{mc["id"]}"]').check()          # make sure the edited one is in
    t.get_by_label("Quiz title").fill("Walkthrough quiz")
    assert t.get_by_label("Show feedback").input_value() == "after_close"      # the safe default
    t.get_by_label("Show feedback").select_option("immediate")                # a practice quiz
    shot(t, "quiz-builder")
    t.get_by_role("button", name="Save quiz").click()
    t.get_by_role("link", name="Assign to a class").click()
    t.get_by_label("Class name").fill("Year 9 <b>History</b>")
    t.get_by_role("button", name="Assign and get a join code").click()
    code = t.locator("#join-code").inner_text().strip()
    assignment_id = int(t.url.rsplit("/", 1)[1])
    shot(t, "assignment")
    questions = storage.assigned_questions(db, assignment_id)
    ids = {q["id"]: scoring.choice_ids(app.config["SECRET_KEY"], assignment_id, q) for q in questions}
    assert any(q["prompt"].startswith("EDITED: ") for q in questions)
    assert any(q["kind"] == "open" for q in questions), "the balanced default includes a discussion question"
    storage.update_question(db, teacher_id, mc["id"], prompt="Changed after assigning")   # history is frozen

    # ---- two students in separate browser contexts
    results = {}
    for name, mistakes in (("Ann Right", 0), ("Bob Wrong", 3)):
        ctx = browser.new_context(viewport={"width": 360, "height": 800} if mistakes else None)
        s = ctx.new_page()
        s.goto(base + "/")
        s.get_by_label("Join code").fill(code.lower())
        s.get_by_role("button", name="Continue").click()
        s.get_by_label("Your name").fill(name)
        s.get_by_role("button", name="Start the quiz").click()
        s.wait_for_url(re.compile(r"/attempt/[\w-]+$"))
        assert "Changed after assigning" not in s.content()
        auto = [q for q in questions if q["kind"] != "open"]
        wrong_ids = {q["id"] for q in auto[:mistakes]}
        half = len(questions) // 2
        for q in questions[:half]:
            answer(s, q, q["id"] not in wrong_ids, ids[q["id"]])
        wait_saved(s)
        if not mistakes:
            s.reload()                                     # a reload loses nothing
            for q in questions[:half]:
                if q["kind"] in ("mc", "tf"):
                    assert s.locator(f'#q{q["id"]}-{ids[q["id"]][q["answer"]]}').is_checked()
                elif q["kind"] in ("short", "open"):
                    assert s.locator(f'fieldset[data-qid="{q["id"]}"] input, fieldset[data-qid="{q["id"]}"] textarea').input_value()
        else:
            width = s.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"page scrolls sideways at 360 px ({width})"
            shot(s, "quiz-phone")
        for q in questions[half:]:
            answer(s, q, q["id"] not in wrong_ids, ids[q["id"]])
        wait_saved(s)
        if not mistakes:
            s.evaluate("window.scrollTo(0, 0)")
            shot(s, "quiz", full_page=False)
        s.get_by_role("button", name="Review and submit").click()
        assert s.get_by_text(f"You answered {len(questions)} of {len(questions)}").is_visible()
        s.get_by_role("button", name="Yes, submit").click()
        s.wait_for_url(re.compile(r"/feedback$"))
        shot(s, f"feedback-{'phone' if mistakes else 'desktop'}")
        n_open = sum(1 for q in questions if q["kind"] == "open")
        assert s.locator(".fb.is-wrong").count() == mistakes
        assert s.locator(".fb.is-right").count() == len(questions) - n_open - mistakes
        assert s.locator(".fb.is-wrong .verdict").first.inner_text().strip().startswith("✗ Wrong") if mistakes else True
        link = s.locator("a.evidence-link").first
        target = link.get_attribute("href")
        link.click()
        assert s.evaluate("location.hash") == target
        assert s.locator(f"{target} + .tag").is_visible() or s.locator(target).count() == 1
        assert s.locator("mark.evidence").count() >= 1
        # the second submit is refused, the first stands
        token = s.url.split("/attempt/")[1].split("/")[0]
        s.goto(f"{base}/attempt/{token}/submit")
        assert "already submitted" in s.content()
        results[name] = storage.get_attempt_by_token(db, token)
        ctx.close()

    max_score = float(len(questions))
    assert results["Ann Right"]["score"] == max_score - n_open
    assert results["Bob Wrong"]["score"] == max_score - n_open - 3

    # ---- teacher grades Ann's open response, reads results, downloads both CSVs
    t.goto(f"{base}/assignments/{assignment_id}/grading")
    shot(t, "grading")
    t.get_by_label("Points for Ann Right").first.fill("1")
    t.get_by_label("Comment for Ann Right").first.fill("Good use of sources")
    t.get_by_role("button", name=re.compile(r"^Save grades for Q")).first.click()
    assert t.get_by_text(re.compile(r"1 grade saved for Q\d+")).is_visible()
    t.goto(f"{base}/assignments/{assignment_id}/results")
    shot(t, "results")
    assert "Year 9 <b>History</b>" in t.locator("h1").inner_text()

    with t.expect_download() as d:
        t.get_by_role("link", name="Download scores CSV").click()
    scores = list(csv.DictReader(io.StringIO(open(d.value.path(), encoding="utf-8-sig").read())))
    with t.expect_download() as d:
        t.get_by_role("link", name="Download responses CSV").click()
    responses = list(csv.DictReader(io.StringIO(open(d.value.path(), encoding="utf-8-sig").read())))
    tctx.close()

    by_name = {r["name"]: r for r in scores}
    assert float(by_name["Ann Right"]["score"]) == max_score - n_open + 1
    assert float(by_name["Bob Wrong"]["score"]) == max_score - n_open - 3
    assert by_name["Ann Right"]["max"] == str(int(max_score))
    assert len(responses) == 2 * len(questions)
    bob_wrong = [r for r in responses if r["name"] == "Bob Wrong" and r["correct"] == "no"]
    assert len(bob_wrong) == 3
    graded = [r for r in responses if r["name"] == "Ann Right" and r["comment"] == "Good use of sources"]
    assert len(graded) == 1 and graded[0]["points"] == "1"

"""Two tabs of one student in Chromium (issue 8): the older tab's "Review and submit" keeps what the
newer tab saved, and a save of an older edit that arrives late (the tab was offline) leaves the newer
answer in place and the older tab then shows it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quiz import storage
from conftest import make_article, make_assignment, make_teacher

pytestmark = pytest.mark.browser


def test_two_tabs_never_erase_each_others_answers(live, browser):
    base, app, db = live
    tid = make_teacher(db, "twotabs")
    a = make_assignment(db, tid, make_article(db, tid))
    short = next(q for q in a["questions"] if q["kind"] == "short")
    open_q = next(q for q in a["questions"] if q["kind"] == "open")
    ctx = browser.new_context()
    one = ctx.new_page()
    one.goto(f"{base}/join/{a['join_code']}")
    one.get_by_label("Your name").fill("Tabby")
    one.get_by_role("button", name="Start the quiz").click()
    one.wait_for_url(re.compile(r"/attempt/[\w-]+$"))
    token = one.url.rsplit("/", 1)[1]
    attempt_id = storage.get_attempt_by_token(db, token)["id"]
    two = ctx.new_page()
    two.goto(one.url)
    short_field = f'fieldset[data-qid="{short["id"]}"] input[type=text]'
    open_field = f'fieldset[data-qid="{open_q["id"]}"] textarea'

    # tab one is offline for its saves; its student types an answer there first
    one.route("**/answers", lambda route: route.abort())
    one.fill(short_field, "older answer")
    expect(one.locator("#save-status")).to_contain_text("Offline")
    # later, in tab two, the same question gets a newer answer, saved at once
    two.fill(short_field, "newer answer")
    expect(two.locator("#save-status")).to_contain_text("All answers saved")
    assert storage.saved_responses(db, attempt_id)[short["id"]] == "newer answer"
    # tab one comes back: its older edit does not win, and it now shows the newer answer
    one.unroute("**/answers")
    expect(one.locator("#save-status")).to_contain_text("newer answer", timeout=10_000)
    expect(one.locator(short_field)).to_have_value("newer answer")
    assert storage.saved_responses(db, attempt_id)[short["id"]] == "newer answer"

    # tab two writes the open answer; tab one (which never showed it) reviews and submits
    two.fill(open_field, "Written in tab two.")
    expect(two.locator("#save-status")).to_contain_text("All answers saved")
    one.get_by_role("button", name="Review and submit").click()
    one.wait_for_url(re.compile(r"/submit$"))
    saved = storage.saved_responses(db, attempt_id)
    assert saved[open_q["id"]] == "Written in tab two." and saved[short["id"]] == "newer answer"
    ctx.close()

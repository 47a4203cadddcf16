"""In Chromium: the article's progress page (static/progress.js) follows a drafting import through
its JSON status route and opens the article with its drafted questions once the job is done; a
failed import shows its message. The job here is run by the test (as the consumer would), after
the page has started polling."""
from __future__ import annotations

import threading
import time

import pytest


from quiz import jobs, storage
from conftest import PASSWORD, sample_text
from browser.conftest import log_in, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def teacher(live):
    _, _, db = live
    return storage.create_teacher(db, "waiter", PASSWORD)


@pytest.fixture
def page(live, browser, teacher):
    base, _, _ = live
    ctx = browser.new_context()
    p = ctx.new_page()
    log_in(p, base, "waiter", PASSWORD)
    yield p
    ctx.close()


def test_the_progress_page_reaches_the_drafted_questions(live, page, teacher):
    base, app, db = live
    article_id = storage.create_drafting_article(db, teacher, sample_text(), "text", {}, 2, "")
    polls = []
    page.on("request", lambda r: polls.append(r.url) if r.url.endswith("/status") else None)
    page.goto(f"{base}/articles/{article_id}")
    assert page.locator("#progress-message").inner_text() == jobs.STAGES["queued"]
    shot(page, "import-progress")
    deadline = time.monotonic() + 10
    while not polls and time.monotonic() < deadline:     # the page is polling before the job runs
        page.wait_for_timeout(100)
    assert polls
    worker = threading.Thread(target=jobs.run_import, args=(app.config["DATABASE"], article_id))
    worker.start()
    page.get_by_role("link", name="Question bank").wait_for(timeout=60_000)
    worker.join(60)
    n = len(storage.list_questions(db, teacher, article_id, status="draft"))
    assert n > 0
    assert page.url == f"{base}/articles/{article_id}"
    assert page.locator("#import-progress").count() == 0
    page.get_by_role("link", name="Question bank").first.click()
    assert page.get_by_text(storage.list_questions(db, teacher, article_id)[0]["prompt"]).count() >= 1


def test_a_failed_import_shows_its_message(live, page, teacher):
    base, app, db = live
    article_id = storage.create_drafting_article(db, teacher, sample_text(), "text", {}, 2, "")
    page.goto(f"{base}/articles/{article_id}")
    storage.fail_article(db, article_id, jobs.TIME_LIMIT_MESSAGE)
    page.wait_for_selector("text=could not be drafted", timeout=15_000)
    assert jobs.TIME_LIMIT_MESSAGE in page.locator("[role=alert]").inner_text()

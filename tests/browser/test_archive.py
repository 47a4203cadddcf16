"""Issue 10 in a browser: a teacher renames an article, archives an answered article through its
confirmation page (no JavaScript needed), finds it under Archived and restores it with the students'
answers intact; axe finds no serious or critical violation on the pages this touches."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quiz import scoring, storage
from conftest import PASSWORD, make_article, make_assignment, make_teacher, right_response
from browser.conftest import log_in, shot
from browser.test_a11y import serious

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def data(live):
    base, app, db = live
    t = make_teacher(db, "archiver")
    article = make_article(db, t)
    a = make_assignment(db, t, article)
    attempt = storage.start_attempt(db, a["id"], "Kept Student")
    storage.save_answers(db, attempt["id"], {q["id"]: right_response(q) for q in a["questions"]})
    result = scoring.score_attempt(a["questions"], storage.saved_responses(db, attempt["id"]))
    storage.submit_attempt(db, attempt["id"], result["scored"], result["score"], result["max_score"])
    spare = make_article(db, t)             # nothing depends on it: deleted outright
    return {"teacher": t, "article": article, "assignment": a, "spare": spare}


def test_rename_archive_and_restore_an_article(live, browser, data):
    base, app, db = live
    article, a = data["article"], data["assignment"]
    n_answers = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    ctx = browser.new_context()          # plain links and forms: no step needs JavaScript
    page = ctx.new_page()
    log_in(page, base, "archiver", PASSWORD)

    page.goto(f"{base}/articles/{article}")
    page.get_by_text("Edit the title").click()
    assert serious(page) == []
    page.get_by_label("Title", exact=True).fill("Who backs Maduro?")
    page.get_by_role("button", name="Save title").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who backs Maduro?")
    page.goto(f"{base}/teacher")
    expect(page.get_by_role("link", name="Who backs Maduro?", exact=True)).to_be_visible()

    page.goto(f"{base}/articles/{article}")
    page.get_by_role("link", name="Delete or archive this article").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Archive the article")
    expect(page.locator("#removal-plan")).to_contain_text("archived, not deleted")
    assert serious(page) == []
    shot(page, "archive-confirm")
    page.get_by_role("button", name="Yes, archive it").click()
    assert page.url.endswith("/teacher")
    expect(page.get_by_role("link", name="Who backs Maduro?", exact=True)).to_have_count(0)
    expect(page.locator(f"#assignment-{a['id']}")).to_have_count(0)

    page.get_by_role("link", name="Archived").click()
    expect(page.locator(f"#archived-article-{article}")).to_contain_text("Who backs Maduro?")
    assert serious(page) == []
    shot(page, "archive-list")
    page.get_by_role("button", name="Restore Who backs Maduro?").click()
    expect(page.get_by_text("Nothing is archived.")).to_be_visible()
    page.goto(f"{base}/teacher")
    expect(page.get_by_role("link", name="Who backs Maduro?", exact=True)).to_be_visible()
    expect(page.locator(f"#assignment-{a['id']}")).to_have_count(1)
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == n_answers
    page.goto(f"{base}/assignments/{a['id']}/results")
    expect(page.get_by_text("Kept Student")).to_be_visible()

    # nothing depends on the spare article: deleted for good after its confirmation
    page.goto(f"{base}/articles/{data['spare']}/delete")
    expect(page.locator("#removal-plan")).to_contain_text("deleted for good")
    assert serious(page) == []
    page.get_by_role("button", name="Yes, delete it").click()
    assert db.execute("SELECT COUNT(*) FROM articles WHERE id = ?", [data["spare"]]).fetchone()[0] == 0
    ctx.close()

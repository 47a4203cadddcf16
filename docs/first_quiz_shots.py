"""The README's "Your first quiz" screenshots and docs/screenshot.png, from the real product: the app
on a fresh database (/tmp/docs), the demo teacher, the real sample article pasted through the form,
reviewed, built, assigned, answered by three students from the stored key, results read.
Debian's headless Chromium (/usr/bin/chromium); never `playwright install`.

    .venv/bin/python docs/first_quiz_shots.py [OUT_DIR]     # default /tmp/docs/out; copy to docs/
"""
import os
import re
import sys
import threading
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from werkzeug.serving import make_server
from quiz import create_app, storage, scoring
from quiz.db import connect
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DOCS = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/docs/out")
DOCS.mkdir(parents=True, exist_ok=True)
dbp = "/tmp/docs/sourced.db"
Path(dbp).parent.mkdir(parents=True, exist_ok=True)
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(dbp + suffix): os.remove(dbp + suffix)
app = create_app({"DATABASE": dbp, "SECRET_KEY": "docs-shots", "JOBS_IMMEDIATE": True})
import socket
_s = socket.socket()
port = 5000 if _s.connect_ex(("127.0.0.1", 5000)) != 0 else 0
_s.close()
server = make_server("127.0.0.1", port, app, threaded=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_port}"
db = connect(dbp)
PW = "a demo password for shots"
storage.create_teacher(db, "demo", PW)
text = (ROOT / "questions/data/russia-venezuela-2025.txt").read_text(encoding="utf-8")
W = {"width": 1200, "height": 760}

def snap(page, name, locator=None):
    if locator is not None:
        page.locator(locator).first.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -20)")
    page.screenshot(path=str(DOCS / f"{name}.png"))
    print("shot", name)

with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                          args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
    tctx = b.new_context(viewport=W, accept_downloads=True)
    t = tctx.new_page()
    t.goto(base + "/auth/login")
    t.get_by_label("Username").fill("demo"); t.get_by_label("Password").fill(PW)
    t.get_by_role("button", name="Log in").click()
    t.goto(base + "/articles/new")
    t.get_by_label("Paste the article text").fill(text)
    t.get_by_label("Paste the article text").evaluate("e => e.scrollTop = 0")
    snap(t, "first-quiz-1-add", "h1")
    t.get_by_role("button", name="Add article and draft questions").click()
    t.wait_for_url(re.compile(r"/articles/\d+$"), timeout=120000)
    article_id = int(t.url.rsplit("/", 1)[1])
    t.get_by_role("link", name="Question bank").first.click()
    t.wait_for_load_state()
    # approve the first few by hand, then all drafts at once
    snap(t, "first-quiz-2-review", "h1")
    t.get_by_role("button", name=re.compile("^Approve all drafts")).click()
    t.wait_for_timeout(1500)
    t.goto(f"{base}/articles/{article_id}/quizzes/new")
    t.get_by_label("Quiz title").fill("Russia and Venezuela: who says so?")
    t.get_by_label("Show feedback").select_option("immediate")
    snap(t, "first-quiz-3-build", "h1")
    t.get_by_role("button", name="Save quiz").click()
    t.get_by_role("link", name="Assign to a class").click()
    t.get_by_label("Class name").fill("9B History")
    snap(t, "first-quiz-4-assign", "h1")
    t.get_by_role("button", name="Assign and get a join code").click()
    code = t.locator("#join-code").inner_text().strip()
    assignment_url = t.url
    aid = int(assignment_url.rstrip("/").rsplit("/", 1)[1])
    qs = {q["id"]: q for q in storage.assigned_questions(db, aid)}
    snap(t, "first-quiz-5-code", "h1")
    # three students answer on their own devices
    for name, skill in (("Amira Haddad", 0), ("Ben Okafor", 1), ("Chloe Martin", 2)):
        sctx = b.new_context(viewport=W)
        s = sctx.new_page()
        s.goto(base + "/"); s.get_by_label("Join code").fill(code)
        s.get_by_role("button", name="Continue").click()
        s.get_by_label("Your name").fill(name)
        s.get_by_role("button", name="Start the quiz").click()
        s.wait_for_url(re.compile(r"/attempt/[\w-]+$"))
        fss = s.locator("fieldset.q")
        wrong = 0
        for i in range(fss.count()):
            fs = fss.nth(i)
            q = qs[int(fs.get_attribute("data-qid"))]
            ids = scoring.choice_ids("docs-shots", aid, q)
            kind = q["kind"]
            right = not (kind != "open" and wrong < skill * 2 and i % 2 == 1)
            if not right:
                wrong += 1
            if kind in ("mc", "tf"):
                pick = q["answer"] if right else (q["answer"] + 1) % len(q["choices"])
                fs.locator(f'label[for="q{q["id"]}-{ids[pick]}"]').click()
                if name == "Amira Haddad" and i == 1:
                    s.evaluate("window.scrollTo(0, 0)")
                    s.wait_for_timeout(900)
                    snap(s, "screenshot")
            elif kind == "order":
                order = q["answer"] if right else q["answer"][1:] + q["answer"][:1]
                for rank, idx in enumerate(order, 1):
                    fs.locator(f'select[name="q{q["id"]}_{ids[idx]}"]').select_option(str(rank))
            elif kind == "short":
                fs.locator("input[type=text]").fill(q["key"].split("|")[0] if right else "China")
            else:
                fs.locator("textarea").fill(["It names its sources for the past, but what Russia will do next is the analysts' guess.",
                    "It is sure about 2019 and unsure about what Russia will do now.", "Quite sure."][skill])
        s.wait_for_timeout(1200)
        s.get_by_role("button", name="Review and submit").click()
        s.get_by_role("button", name="Yes, submit").click()
        s.wait_for_url(re.compile(r"/feedback$"))
        if skill == 1:
            snap(s, "first-quiz-feedback", "h1")
        sctx.close()
    t.goto(assignment_url.rstrip("/") + "/results")
    snap(t, "first-quiz-6-results", "h1")
    b.close()
server.shutdown()

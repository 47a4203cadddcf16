from quiz import storage
from quiz.db import connect


def test_init_db_seed_and_backup(runner, app, tmp_path, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-1")
    assert "up to date" in runner.invoke(args=["init-db"]).output
    first = runner.invoke(args=["seed"]).output
    assert "demo / demo-password-1" in first
    code = first.split("Join code:")[1].split()[0]
    again = runner.invoke(args=["seed"]).output          # running again keeps the data
    assert again == first
    db = connect(app.config["DATABASE"])
    assert db["assignments"].count == 1 and db["articles"].count == 1
    a = storage.get_assignment_by_code(db, code)
    assert storage.assigned_questions(db, a["id"])
    db.close()
    dest = tmp_path / "backup.db"
    assert "Backed up" in runner.invoke(args=["backup", str(dest)]).output
    copy = connect(str(dest))
    assert copy["assignments"].count == 1
    copy.close()


def test_demo_login_works(client, runner, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-1")
    runner.invoke(args=["seed"])
    r = client.post("/auth/login", data={"username": "demo", "password": "demo-password-1"})
    assert r.status_code == 302
    assert b"Demo class" in client.get("/teacher").data


def test_secret_key_generated_once_into_instance(tmp_path, monkeypatch):
    from quiz import _secret_key
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = _secret_key(str(tmp_path))
    assert len(first) == 64 and _secret_key(str(tmp_path)) == first
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert _secret_key(str(tmp_path)) == "from-env"

"""Adding an article from a copied web page (its HTML rides along with the pasted text) and from a
link (issue 7, items 5 and 6): the article is taken from the page, its menus and links are set
aside and shown to the teacher; fetching refuses what a school server must not fetch.

Every page here is made up and served from 127.0.0.1. Nothing in this module may reach another
address: `no_outside_network` fails any connection or name lookup that is not loopback, and the
SSRF tests also check that no connection was opened at all.
"""
from __future__ import annotations

import gzip
import io
import ipaddress
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import questions
from quiz import fetch, storage, webpage

# ---------------------------------------------------------------- a made-up news page

HEADLINE = "Millbrook footbridge to close after cracks found"
PARAGRAPHS = [
    "The town council of Harrowgate voted on Tuesday to close the Millbrook footbridge for at least "
    "six months after engineers found cracks in two of its steel supports.",
    "\"We cannot ask people to walk across a bridge that our own engineers say is not safe,\" said "
    "Council Leader Priya Okafor after the vote, which passed by nine votes to two.",
    "The report, written by the firm Castell Structural and published on Monday, said the cracks "
    "were probably caused by years of winter salt and heavy delivery bikes, although it added that "
    "more tests were needed to be sure.",
    "Shop owners on both banks of the river said the closure would cost them customers. \"Half of my "
    "regulars cross that bridge every morning,\" said Tomas Reyes, who runs a bakery on Quay Street. "
    "\"Six months is a long time for a small business.\"",
    "The council said a free shuttle bus would run between the two banks from next Monday, and that "
    "repairs were expected to cost about 1.2 million pounds. Councillor Dev Mistry, who voted against "
    "the closure, claimed the shuttle would be too slow for commuters and called for a temporary "
    "bridge instead.",
    "Engineers will return to the site in March to decide whether the bridge can be repaired or must "
    "be replaced, according to a statement from Castell Structural.",
]
MENU = ["Home", "Local news", "Sport", "Weather", "What's on", "Subscribe to our newsletter"]
RELATED = ["Ferry fares to rise in spring", "Quay Street parking plan scrapped",
           "School run traffic doubles on Mill Lane"]
FOOTER = "Copyright 2025 Harrowgate Evening Courier. All rights reserved. Privacy policy"
FURNITURE = MENU + RELATED + [FOOTER]


def news_page() -> str:
    menu = "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(MENU))
    related = "".join(f'<li><a href="/story/{i}">{r}</a></li>' for i, r in enumerate(RELATED))
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{HEADLINE} | Harrowgate Evening Courier</title>
<style>body {{ font-family: serif; }}</style></head>
<body>
<header><nav class="site-nav"><ul>{menu}</ul></nav></header>
<main><article>
<h1>{HEADLINE}</h1>
<p class="byline">By Anna Whitfield, Local Affairs Reporter</p>
{paragraphs}
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
</main>
<footer><p>{FOOTER}</p></footer>
<script>window.trackReader = true;</script>
</body></html>"""


def news_plain() -> str:
    """What the clipboard's text/plain holds after copying the whole page."""
    return "\n".join(MENU + [HEADLINE, "By Anna Whitfield, Local Affairs Reporter", ""]) + \
        "\n\n".join(PARAGRAPHS) + "\n\nRelated stories\n" + "\n".join(RELATED) + "\n" + FOOTER + "\n"


# A page with no article in it: trafilatura finds nothing to keep.
EMPTY_PAGE = "<html><body><nav><ul>" + "".join(f"<li><a href='/'>{m}</a></li>" for m in MENU) + \
    "</ul></nav></body></html>"


# ---------------------------------------------------------------- a local site

class Site:
    """A web server on 127.0.0.1 (a free port, a daemon thread) serving the routes set on it."""

    def __init__(self):
        self.routes: dict[str, tuple] = {}
        self.requests: list[tuple[str, str]] = []      # (path, Host header)
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                site.requests.append((self.path, self.headers.get("Host", "")))
                status, headers, body = site.routes.get(self.path, (404, {"Content-Type": "text/plain"},
                                                                    b"not here"))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    body(self.wfile) if callable(body) else self.wfile.write(body)
                except OSError:
                    pass        # the client gave up (a timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def page(self, path: str, body: bytes | str, content_type="text/html; charset=utf-8", length=True):
        body = body.encode() if isinstance(body, str) else body
        headers = {"Content-Type": content_type}
        if length:
            headers["Content-Length"] = str(len(body))
        self.routes[path] = (200, headers, body)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302):
        self.routes[path] = (status, {"Location": to, "Content-Length": "0"}, b"")
        return self.url(path)


@pytest.fixture
def site():
    s = Site()
    yield s
    s.server.shutdown()
    s.server.server_close()


def _loopback(host) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return str(host) == "localhost"


@pytest.fixture(autouse=True)
def no_outside_network(monkeypatch):
    """Fail any connection or name lookup beyond loopback made in this module."""
    real_connect, real_lookup = socket.create_connection, socket.getaddrinfo

    def connect(address, *args, **kwargs):
        assert _loopback(address[0]), f"tried to connect to {address}"
        return real_connect(address, *args, **kwargs)

    def lookup(host, *args, **kwargs):
        try:        # a numeric address (any form the C library accepts) needs no DNS
            real_lookup(host, None, flags=socket.AI_NUMERICHOST)
        except (socket.gaierror, UnicodeError):
            assert _loopback(host), f"tried to look up {host}"
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)


@pytest.fixture
def no_connection(monkeypatch):
    """Record and refuse every connection fetch would open: refusals must come before it."""
    opened = []

    def refuse(address, port, timeout):
        opened.append((address, port))
        raise AssertionError(f"connected to {address}:{port}")

    monkeypatch.setattr(fetch, "open_socket", refuse)
    return opened


def fake_dns(monkeypatch, answers: dict[str, list[str]]):
    """Replace fetch's resolver: host -> addresses; returns the list of hosts looked up."""
    asked = []

    def resolve(host, port):
        asked.append(host)
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "no such host")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in answers[host]]

    monkeypatch.setattr(fetch, "resolve", resolve)
    return asked


# ---------------------------------------------------------------- the app

@pytest.fixture
def logged_in(app, auth, teacher):
    app.config["ALLOW_PRIVATE_FETCH"] = True        # the local site lives on 127.0.0.1
    auth.login()
    return teacher


def errors(response) -> list[str]:
    return [" ".join(m.split()) for m in
            re.findall(r'<li><span aria-hidden="true">⚠</span>(.*?)</li>', response.data.decode(), re.S)]


def added(response, db, teacher) -> dict:
    assert response.status_code == 302, (response.status_code, errors(response))
    return storage.get_article(db, teacher, int(response.location.rsplit("/", 1)[1]))


def from_the_story(evidence: str) -> bool:
    """Every paragraph of the evidence is (part of) the headline or a paragraph of the story."""
    chunks = [c.strip() for c in (evidence or "").split("\n\n") if c.strip()]
    return all(any(c in p for p in PARAGRAPHS + [HEADLINE]) for c in chunks) and \
        not any(piece in (evidence or "") for piece in FURNITURE)


def visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("&#34;", '"').split())


def article_body(page: str) -> str:
    """The text of the page's <article> (the article as the teacher reads it)."""
    start = page.index('<article class="article-text')
    return visible(page[start:page.index("</article>", start)])


# ---------------------------------------------------------------- paste with the page's HTML

def test_paste_with_html_keeps_the_article_and_sets_the_page_aside(client, db, logged_in):
    r = client.post("/articles/new", data={"text": news_plain(), "html": news_page()})
    article = added(r, db, logged_in)
    text = article["text"]
    assert article["source_format"] == "html"
    for p in PARAGRAPHS:
        assert p in text
    for piece in FURNITURE:
        assert piece not in text, piece
    assert "trackReader" not in text and "font-family" not in text
    # the engine's drafts quote the story, never the menu or the related links
    drafts = storage.list_questions(db, logged_in, article["id"])
    assert drafts
    for q in drafts:
        assert from_the_story(q["evidence_text"]), q["evidence_text"]
    # the teacher sees what was kept and, apart from it, what was set aside
    page = client.get(r.location).data.decode()
    assert "Pasted from a web page" in page
    start = page.index('<details id="set-aside"')
    aside = visible(page[start:page.index("</details>", start)])
    assert "Set aside from the page (menus, captions, links)" in aside
    for piece in FURNITURE:
        assert piece in aside, piece
    assert not any(p[:60] in aside for p in PARAGRAPHS)
    body = article_body(page)
    assert not any(piece in body for piece in MENU + RELATED)
    assert "The town council of Harrowgate voted on Tuesday" in body


def test_paste_falls_back_to_the_text_when_the_html_has_no_article(client, db, logged_in):
    plain = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    r = client.post("/articles/new", data={"text": plain, "html": EMPTY_PAGE})
    article = added(r, db, logged_in)
    assert article["source_format"] == "text"
    assert article["text"] == plain
    assert article["analysis"]["imported"]["html_unused"] is True
    assert "had no article Sourced could find" in client.get(r.location).data.decode()


def test_paste_falls_back_when_the_html_article_is_too_short(client, db, logged_in):
    # the copied layout holds one paragraph only (the rest was plain text): too short to use
    short = f"<html><body><article><h1>{HEADLINE}</h1><p>{PARAGRAPHS[0]}</p></article></body></html>"
    plain = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    article = added(client.post("/articles/new", data={"text": plain, "html": short}), db, logged_in)
    assert article["text"] == plain and article["source_format"] == "text"


def test_paste_without_html_is_used_as_it_stands(client, db, logged_in):
    article = added(client.post("/articles/new", data={"text": news_plain(), "html": ""}), db, logged_in)
    assert article["text"] == news_plain()        # menus included: the teacher's text, unchanged
    assert article["analysis"]["imported"] == {"source": "paste", "from_html": False}


def test_pasted_html_may_use_the_whole_upload_limit(client, db, logged_in):
    # werkzeug's default cap for one form field is 500 kB; a copied page's HTML is often larger
    padding = "<!-- " + "layout " * 120_000 + "-->"          # about 840 kB
    html = news_page().replace("<body>", "<body>" + padding)
    article = added(client.post("/articles/new", data={"text": news_plain(), "html": html}), db, logged_in)
    assert article["source_format"] == "html" and "Subscribe" not in article["text"]


def test_over_the_limit_is_a_clear_413(client, logged_in):
    html = "<p>" + "x" * (2 * 1024 * 1024) + "</p>"
    r = client.post("/articles/new", data={"text": news_plain(), "html": html})
    assert r.status_code == 413
    assert "larger than 2 MB" in r.data.decode() and "paste only the article" in r.data.decode()


def test_upload_of_a_page_also_lists_what_was_set_aside(client, db, logged_in):
    r = client.post("/articles/new", data={"upload": (io.BytesIO(news_page().encode()), "story.html")},
                    content_type="multipart/form-data")
    article = added(r, db, logged_in)
    assert "Ferry fares to rise in spring" in article["analysis"]["imported"]["set_aside"]
    assert "Uploaded from story.html" in client.get(r.location).data.decode()


def test_set_aside_lists_the_page_blocks_not_kept():
    kept, _ = questions.read_article(news_page().encode(), "p.html")
    pieces = webpage.set_aside(news_page(), kept)
    assert pieces == MENU + ["By Anna Whitfield, Local Affairs Reporter", "Related stories"] + RELATED + [FOOTER]


# ---------------------------------------------------------------- import from a link

def test_import_from_a_link(client, db, logged_in, site):
    url = site.page("/news/footbridge", news_page())
    r = client.post("/articles/new", data={"url": url})
    article = added(r, db, logged_in)
    assert all(p in article["text"] for p in PARAGRAPHS)
    assert not any(piece in article["text"] for piece in FURNITURE)
    assert article["analysis"]["imported"]["url"] == url
    assert site.requests == [("/news/footbridge", f"127.0.0.1:{site.port}")]
    page = client.get(r.location).data.decode()
    assert f'Imported from <a href="{url}"' in page
    assert "Quay Street parking plan scrapped" in page[page.index('<details id="set-aside"'):]


def test_import_a_plain_text_page_in_another_charset(client, db, logged_in, site):
    text = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS).replace("Okafor", "Okaför") + "\n"
    url = site.page("/story.txt", text.encode("latin-1"), "text/plain; charset=ISO-8859-1")
    article = added(client.post("/articles/new", data={"url": url}), db, logged_in)
    assert "Priya Okaför" in article["text"] and article["source_format"] == "text"


def test_a_link_pasted_alone_in_the_text_box_is_imported(client, db, logged_in, site):
    url = site.page("/news/footbridge", news_page())
    r = client.post("/articles/new", data={"text": f"  {url}\n", "html": f'<a href="{url}">{url}</a>'})
    article = added(r, db, logged_in)
    assert PARAGRAPHS[2] in article["text"]
    assert article["analysis"]["imported"]["source"] == "link"


def test_a_link_in_a_few_words_is_imported_but_an_article_with_a_link_is_not(client, db, logged_in, site):
    url = site.page("/news/footbridge", news_page())
    article = added(client.post("/articles/new", data={"text": f"Read this for Monday: {url}."}), db, logged_in)
    assert article["analysis"]["imported"] == {**article["analysis"]["imported"], "source": "link", "url": url}
    site.requests.clear()
    text = "\n\n".join(PARAGRAPHS) + f"\n\nRead more at {url}\n"
    article = added(client.post("/articles/new", data={"text": text}), db, logged_in)
    assert article["text"] == text and site.requests == []


def test_a_link_pasted_alone_that_fails_moves_to_the_link_field(client, logged_in, site):
    url = site.url("/gone")
    r = client.post("/articles/new", data={"text": url})
    assert r.status_code == 422
    page = r.data.decode()
    assert "too short" not in page
    assert errors(r) == ["That page could not be reached: the site answered 404 Not Found."]
    assert re.search(rf'<input[^>]*name="url"[^>]*value="{re.escape(url)}"', page) or \
        re.search(rf'<input[^>]*value="{re.escape(url)}"[^>]*name="url"', page)
    assert re.search(r'<textarea[^>]*name="text"[^>]*>\s*</textarea>', page)


def test_a_link_and_pasted_text_together_are_refused(client, logged_in, site):
    url = site.page("/news/footbridge", news_page())
    r = client.post("/articles/new", data={"url": url, "text": news_plain()})
    assert r.status_code == 422 and "not both" in errors(r)[0]
    assert site.requests == []


@pytest.mark.parametrize("body, content_type, message", [
    (EMPTY_PAGE, "text/html", "That page has no article text."),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", "That link is not a web page."),
    (b"%PDF-1.4 ...", "application/pdf", "That link is not a web page."),
    ("{}", "application/json", "That link is not a web page."),
])
def test_pages_that_are_not_articles_are_refused(client, logged_in, site, body, content_type, message):
    r = client.post("/articles/new", data={"url": site.page("/thing", body, content_type)})
    assert r.status_code == 422 and errors(r) == [message]


@pytest.mark.parametrize("length", [True, False])
def test_a_page_over_the_limit_is_refused(client, logged_in, site, length):
    big = news_page().replace("<body>", "<body><!-- " + "x" * (2 * 1024 * 1024) + " -->")
    r = client.post("/articles/new", data={"url": site.page("/big", big, length=length)})
    assert r.status_code == 422 and errors(r) == ["That page is larger than 2 MB."]


def test_redirects_are_followed_up_to_five(client, db, logged_in, site):
    site.page("/news/footbridge", news_page())
    for n in range(1, 7):
        site.redirect(f"/hop{n}", site.url(f"/hop{n - 1}") if n > 1 else "/news/footbridge")
    article = added(client.post("/articles/new", data={"url": site.url("/hop5")}), db, logged_in)
    assert PARAGRAPHS[0] in article["text"]
    site.requests.clear()
    r = client.post("/articles/new", data={"url": site.url("/hop6")})
    assert r.status_code == 422
    assert errors(r) == ["That page could not be reached: the link redirects too many times."]
    assert [path for path, _ in site.requests] == [f"/hop{n}" for n in range(6, 0, -1)]


def test_unreachable_and_timeout(site):
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()            # nothing listens there now
    with pytest.raises(fetch.FetchError, match=r"^That page could not be reached\.$"):
        fetch.fetch_article(f"http://127.0.0.1:{port}/", allow_private=True)

    def dribble(out):
        for _ in range(40):
            out.write(b" ")
            out.flush()
            time.sleep(0.1)
    site.routes["/slow"] = (200, {"Content-Type": "text/html"}, dribble)
    start = time.monotonic()
    with pytest.raises(fetch.FetchError, match="took too long"):
        fetch.fetch_article(site.url("/slow"), allow_private=True, timeout=0.8)
    assert time.monotonic() - start < 2.5


def test_a_slow_name_lookup_counts_against_the_deadline(monkeypatch, no_connection):
    monkeypatch.setattr(fetch, "resolve", lambda host, port: time.sleep(3) or [])
    start = time.monotonic()
    with pytest.raises(fetch.FetchError, match="took too long"):
        fetch.fetch_article("http://slow-dns.example/", timeout=0.5)
    assert time.monotonic() - start < 1.5 and no_connection == []


def test_gzip_pages_are_read_and_capped(site):
    page = gzip.compress(news_page().encode())
    site.routes["/gz"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip",
                                "Content-Length": str(len(page))}, page)
    body, _ = fetch.fetch_article(site.url("/gz"), allow_private=True)
    assert body == news_page().encode()
    bomb = gzip.compress(b" " * (3 * 1024 * 1024))           # 3 MB of spaces in a few kB
    site.routes["/bomb"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip",
                                  "Content-Length": str(len(bomb))}, bomb)
    assert len(bomb) < 10_000
    with pytest.raises(fetch.FetchError, match=r"^That page is larger than 2 MB\.$"):
        fetch.fetch_article(site.url("/bomb"), allow_private=True)


# ---------------------------------------------------------------- refusing private addresses

@pytest.mark.parametrize("url", [
    "http://10.0.0.1/news",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://localhost/",
    "http://127.0.0.1:8080/admin",
    "http://2130706433/",                   # 127.0.0.1 as one number
    "http://[::ffff:10.0.0.1]/",            # IPv4 inside IPv6
    "http://[fe80::1]/",
    "http://192.168.1.1/",
    "http://172.16.5.4/",
    "http://100.64.0.1/",                   # carrier-grade NAT
    "http://224.0.0.1/",                    # multicast
    "http://240.0.0.1/",                    # reserved
    "https://[fc00::1]/",
])
def test_private_addresses_are_refused_before_connecting(url, no_connection):
    with pytest.raises(fetch.FetchError, match=r"^That address is not allowed\.$"):
        fetch.fetch_article(url)
    assert no_connection == []


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch, no_connection):
    asked = fake_dns(monkeypatch, {"intranet.example": ["10.1.2.3"],
                                   "mixed.example": ["93.184.215.14", "192.168.0.10"]})
    for host in ("intranet.example", "mixed.example"):       # every address counts, not the first
        with pytest.raises(fetch.FetchError, match=r"^That address is not allowed\.$"):
            fetch.fetch_article(f"https://{host}/story")
    assert asked == ["intranet.example", "mixed.example"] and no_connection == []


@pytest.mark.parametrize("url", ["ftp://example.com/story.txt", "file:///etc/passwd",
                                 "gopher://example.com/", "javascript:alert(1)",
                                 "http://user:secret@example.com/"])
def test_only_plain_http_and_https_links(url, no_connection, monkeypatch):
    asked = fake_dns(monkeypatch, {})
    with pytest.raises(fetch.FetchError, match="not allowed|not a web address"):
        fetch.fetch_article(url)
    assert no_connection == [] and asked == []


def test_the_route_refuses_private_addresses_when_the_setting_is_off(client, app, logged_in, site,
                                                                     no_connection):
    app.config["ALLOW_PRIVATE_FETCH"] = False
    for url in (site.url("/x"), site.url("/x", "localhost"), "http://169.254.169.254/"):
        r = client.post("/articles/new", data={"url": url})
        assert r.status_code == 422 and errors(r) == ["That address is not allowed."]
    assert no_connection == [] and site.requests == []


def test_the_setting_is_off_unless_the_environment_turns_it_on(monkeypatch, tmp_path):
    from quiz import create_app
    config = {"TESTING": True, "DATABASE": str(tmp_path / "a.db"), "SECRET_KEY": "x"}
    monkeypatch.delenv("SOURCED_ALLOW_PRIVATE_FETCH", raising=False)
    assert create_app(config).config["ALLOW_PRIVATE_FETCH"] is False
    monkeypatch.setenv("SOURCED_ALLOW_PRIVATE_FETCH", "1")
    assert create_app(config).config["ALLOW_PRIVATE_FETCH"] is True


class _LocalSocket:
    """Stands in for fetch.open_socket: records the (checked) address, connects to the local site."""

    def __init__(self, port):
        self.port, self.addresses = port, []

    def __call__(self, address, port, timeout):
        self.addresses.append(address)
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)


def test_a_redirect_to_a_private_address_is_refused_before_following_it(monkeypatch, site):
    # news.example is public (a faked DNS answer; the connection goes to the local site instead)
    fake_dns(monkeypatch, {"news.example": ["93.184.215.14"], "internal.example": ["10.9.8.7"]})
    opened = _LocalSocket(site.port)
    monkeypatch.setattr(fetch, "open_socket", opened)
    for target in ("http://169.254.169.254/latest/meta-data/", "http://internal.example/",
                   f"http://[::1]:{site.port}/"):
        site.redirect("/moved", target)
        with pytest.raises(fetch.FetchError, match=r"^That address is not allowed\.$"):
            fetch.fetch_article(f"http://news.example:{site.port}/moved")
    assert opened.addresses == ["93.184.215.14"] * 3       # never the redirect targets


def test_the_connection_goes_to_the_checked_address(monkeypatch, site):
    """DNS rebinding: a second lookup would answer a private address; there is none."""
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    asked = []

    def resolve(host, port):
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

    monkeypatch.setattr(fetch, "resolve", resolve)
    opened = _LocalSocket(site.port)
    monkeypatch.setattr(fetch, "open_socket", opened)
    site.page("/news/footbridge", news_page())
    body, content_type = fetch.fetch_article(f"http://news.example:{site.port}/news/footbridge")
    assert PARAGRAPHS[0].encode() in body and content_type.startswith("text/html")
    assert asked == ["news.example"] and opened.addresses == ["93.184.215.14"]
    assert site.requests == [("/news/footbridge", f"news.example:{site.port}")]


def test_address_check():
    for ok in ("93.184.215.14", "2606:4700::1111", "8.8.8.8"):
        assert fetch.address_allowed(ok), ok
    for bad in ("127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "0.0.0.0",
                "100.64.1.1", "224.0.0.251", "255.255.255.255", "::", "::1", "fe80::1%eth0", "fc00::1",
                "ff02::1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "not an ip"):
        assert not fetch.address_allowed(bad), bad

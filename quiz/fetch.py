"""Fetch one web page for "Import from a link", refusing what a school server must not fetch.

Plain functions on the standard library (http.client), no Flask. `fetch_article` allows http and
https only; resolves the host once and refuses the whole fetch if ANY of its addresses is private,
loopback, link-local, multicast, reserved, unspecified or otherwise not global (unless
`allow_private`); then connects to the checked address itself (so a second DNS answer cannot swap
it: no DNS rebinding), with TLS still verified against the host name. Redirects are followed by
hand, at most `max_redirects`, each target checked like the first. One deadline covers the whole
fetch (connect, headers, body, redirects); the body is capped at `max_bytes`; only text/html,
application/xhtml+xml and text/plain are accepted. No proxy settings and no cookies are used.

Every refusal or failure is a FetchError whose message is written for the teacher.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

TIMEOUT = 10.0                  # seconds for the whole fetch, redirects included
MAX_BYTES = 2 * 1024 * 1024     # the app's upload limit (MAX_CONTENT_LENGTH)
MAX_REDIRECTS = 5
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Sourced/1.0 (article import for a teacher)"

UNREACHABLE = "That page could not be reached."
NOT_ALLOWED = "That address is not allowed."
NOT_A_PAGE = "That link is not a web page."
NOT_AN_ADDRESS = "That is not a web address: give a link starting with http:// or https://."
TOO_SLOW = "That page could not be reached: it took too long to answer."
TOO_MANY_REDIRECTS = "That page could not be reached: the link redirects too many times."

# NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Characters a URL's path and query may hold as they are; anything else is percent-encoded.
_URL_SAFE = "/?&=%:@!$'()*+,;-._~[]"


class FetchError(Exception):
    """The page was not fetched; str(error) tells the teacher why."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str        # as sent in Host and checked against the certificate
    port: int
    path: str        # path and query, percent-encoded


def too_large_message(max_bytes: int) -> str:
    if max_bytes >= 1024 * 1024:
        return f"That page is larger than {max_bytes / (1024 * 1024):g} MB."
    if max_bytes >= 1024:
        return f"That page is larger than {max_bytes / 1024:g} KB."
    return f"That page is larger than {max_bytes} bytes."


def fetch_article(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT,
                  max_bytes: int = MAX_BYTES, max_redirects: int = MAX_REDIRECTS) -> tuple[bytes, str]:
    """GET `url` following at most `max_redirects` redirects; (body, Content-Type header).

    Raises FetchError (teacher-facing message) for a refused address, scheme or content type, a
    page over `max_bytes`, a site that does not answer 200 within `timeout` seconds in all, and
    every network failure.
    """
    deadline = time.monotonic() + timeout
    for _ in range(max_redirects + 1):
        target = parse_url(url)
        addresses = checked_addresses(target.host, target.port, allow_private, deadline)
        status, location, body, content_type = _get(target, addresses, deadline, max_bytes)
        if status in REDIRECTS:
            if not location:
                raise FetchError(UNREACHABLE)
            url = urljoin(url, location.strip())
            continue
        return body, content_type
    raise FetchError(TOO_MANY_REDIRECTS)


def parse_url(url: str) -> Target:
    """The parts of an http(s) URL to connect to; FetchError for anything else."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:           # a bad port or a malformed [IPv6] host
        raise FetchError(NOT_AN_ADDRESS) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme or "." in scheme:
            raise FetchError(NOT_AN_ADDRESS)
        raise FetchError(f"{NOT_ALLOWED} Only http and https links can be imported.")
    if parts.username is not None or parts.password is not None:
        raise FetchError(f"{NOT_ALLOWED} Give the link without a user name or password.")
    host = parts.hostname
    if not host:
        raise FetchError(NOT_AN_ADDRESS)
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise FetchError(NOT_AN_ADDRESS) from exc
    if any(c in host for c in " \t\r\n/\\%") and not _is_ip(host):
        raise FetchError(NOT_AN_ADDRESS)
    path = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE)
    return Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def checked_addresses(host: str, port: int, allow_private: bool,
                      deadline: float | None = None) -> list[str]:
    """Every address `host` resolves to, or FetchError if it has none or one is not allowed."""
    if _is_ip(host):
        infos = [(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                  (host, port))]
    else:
        infos = _resolve_before(host, port, deadline)
    addresses = list(dict.fromkeys(info[4][0] for info in infos
                                   if info[0] in (socket.AF_INET, socket.AF_INET6)))
    if not addresses:
        raise FetchError(UNREACHABLE)
    if not allow_private and not all(address_allowed(a) for a in addresses):
        raise FetchError(NOT_ALLOWED)
    return addresses


def _resolve_before(host: str, port: int, deadline: float | None) -> list[tuple]:
    """resolve() within the deadline: the lookup runs in a thread, as getaddrinfo cannot time out."""
    answer: dict = {}

    def lookup():
        try:
            answer["infos"] = resolve(host, port)
        except Exception as exc:  # noqa: BLE001 - handed to the caller below
            answer["error"] = exc

    if deadline is None:
        lookup()
    else:
        worker = threading.Thread(target=lookup, daemon=True)
        worker.start()
        worker.join(_remaining(deadline))
        if worker.is_alive():
            raise FetchError(TOO_SLOW)
    error = answer.get("error")
    if isinstance(error, (OSError, UnicodeError)):      # socket.gaierror: no such host
        raise FetchError(UNREACHABLE) from error
    if error is not None:
        raise error
    return answer["infos"]


def resolve(host: str, port: int) -> list[tuple]:
    """socket.getaddrinfo for a TCP connection (tests replace this to fake a DNS answer)."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def address_allowed(address: str) -> bool:
    """True for a public unicast address; False for private, loopback, link-local, multicast,
    reserved, unspecified and other non-global ranges, also when carried inside IPv6."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    candidates = [ip]
    if ip.version == 6:
        if ip.ipv4_mapped:
            candidates.append(ip.ipv4_mapped)
        if ip.sixtofour:
            candidates.append(ip.sixtofour)
        if ip.teredo:
            candidates.extend(ip.teredo)
        if ip in _NAT64:
            candidates.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return not any(c.is_private or c.is_loopback or c.is_link_local or c.is_multicast
                   or c.is_reserved or c.is_unspecified or not c.is_global for c in candidates)


def open_socket(address: str, port: int, timeout: float) -> socket.socket:
    """The TCP connection to an address already checked (tests replace this to forbid it)."""
    return socket.create_connection((address, port), timeout=timeout)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _connection(target: Target, address: str, timeout: float) -> http.client.HTTPConnection:
    """An HTTP(S) connection for `target` that connects to `address` and nowhere else."""
    if target.scheme == "https":
        conn = http.client.HTTPSConnection(target.host, target.port, timeout=timeout,
                                           context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    # http.client opens its socket through this attribute; pinning it to the checked address
    # means the host name is never looked up again (TLS still checks the certificate's name).
    conn._create_connection = lambda _addr, timeout=None, source_address=None: \
        open_socket(address, target.port, timeout)
    return conn


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(TOO_SLOW)
    return left


def _get(target: Target, addresses: list[str], deadline: float,
         max_bytes: int) -> tuple[int, str | None, bytes, str]:
    """One GET: (status, Location, body, Content-Type). The body is read only for a 200."""
    last: Exception | None = None
    for address in addresses:
        conn = _connection(target, address, _remaining(deadline))
        try:
            conn.connect()
        except ssl.SSLCertVerificationError as exc:
            conn.close()
            raise FetchError("That page could not be reached: its security certificate is "
                             "not valid.") from exc
        except OSError as exc:
            conn.close()
            if time.monotonic() >= deadline:
                raise FetchError(TOO_SLOW) from exc
            last = exc
            continue
        # Kept apart: http.client drops conn.sock once a response will close the connection.
        sock = conn.sock
        # A hard stop at the deadline, even for a server that sends one byte at a time.
        watchdog = threading.Timer(_remaining(deadline), _abort, args=(sock,))
        watchdog.daemon = True
        watchdog.start()
        try:
            return _exchange(conn, sock, target, deadline, max_bytes)
        except FetchError:
            raise
        except (OSError, http.client.HTTPException, ValueError, zlib.error) as exc:
            if time.monotonic() >= deadline:
                raise FetchError(TOO_SLOW) from exc
            raise FetchError(UNREACHABLE) from exc
        finally:
            watchdog.cancel()
            conn.close()
    raise FetchError(TOO_SLOW if time.monotonic() >= deadline else UNREACHABLE) from last


def _abort(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _set_timeout(sock: socket.socket, seconds: float) -> None:
    """Each read waits at most until the deadline (the socket is closed once the body is in)."""
    try:
        sock.settimeout(seconds)
    except OSError:
        pass


def _exchange(conn, sock: socket.socket, target: Target, deadline: float, max_bytes: int):
    conn.request("GET", target.path, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Encoding": "gzip, identity",
        "Connection": "close",
    })
    _set_timeout(sock, _remaining(deadline))
    resp = conn.getresponse()
    if resp.status in REDIRECTS:
        return resp.status, resp.getheader("Location"), b"", ""
    if resp.status not in (200, 203):
        reason = f" {resp.reason}" if resp.reason else ""
        raise FetchError(f"That page could not be reached: the site answered {resp.status}{reason}.")
    content_type = resp.getheader("Content-Type", "") or ""
    if content_type.split(";", 1)[0].strip().lower() not in PAGE_TYPES:
        raise FetchError(NOT_A_PAGE)
    too_large = FetchError(too_large_message(max_bytes))
    length = resp.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise too_large
    encoding = (resp.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflate = zlib.decompressobj(47 if encoding != "deflate" else zlib.MAX_WBITS)
    elif encoding == "identity":
        inflate = None
    else:
        raise FetchError(UNREACHABLE)
    body = bytearray()
    while True:
        _set_timeout(sock, _remaining(deadline))
        chunk = resp.read(64 * 1024)
        if not chunk:
            break
        if inflate is not None:
            chunk = inflate.decompress(chunk, max_bytes + 1 - len(body))
            if inflate.unconsumed_tail:
                raise too_large
        body += chunk
        if len(body) > max_bytes:
            raise too_large
    _remaining(deadline)        # a read cut short by the watchdog is a timeout, not a page
    return resp.status, None, bytes(body), content_type


def as_utf8(body: bytes, content_type: str) -> bytes:
    """The body re-encoded as UTF-8 when the Content-Type names another charset that decodes it
    (the engine's reader assumes UTF-8, else Windows-1252)."""
    charset = ""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if not charset or charset in ("utf-8", "utf8"):
        return body
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body

"""Polite HTTP fetching: robots.txt, per-host rate limit, bounded retries, size cap, same-site redirects.

Government sites are slow and fragile; every rule here exists so a crawl never hammers one or
wanders off the hosts a site definition allows.
"""
from __future__ import annotations

import io
import re
import socket
import time
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from protego import Protego
from requests.structures import CaseInsensitiveDict

USER_AGENT = "notice-extract/0.1 (policy-notice research crawler; honours robots.txt and crawl-delay)"
ROBOTS_AGENT = "notice-extract"
HTML, PDF, DOC = "text/html", "application/pdf", "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STORABLE = frozenset({HTML, PDF, DOC, DOCX, "text/plain"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".svg", ".tif", ".tiff", ".ico")
_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
                (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_READ_SIZE = 65536
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass
class FetchResult:
    """What happened to one URL. Exactly one of body / 304 / skipped / error describes the outcome."""

    url: str
    final_url: str
    status: int | None = None
    headers: CaseInsensitiveDict[str] = field(default_factory=CaseInsensitiveDict)
    body: bytes | None = None
    content_type: str | None = None
    charset: str | None = None
    skipped: str | None = None
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Failed(Exception):
    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status


class _Skipped(_Failed):
    pass


class _Corrupt(_Failed):
    """A response whose body cannot be decoded (a broken gzip stream): retried like a 5xx, then a failure."""


@dataclass
class _Hop:
    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes | None


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, lower-cased."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1).lower() if m else None


def sniff(body: bytes, declared: str | None) -> str:
    """Media type from magic bytes first: servers often label PDFs and DOCs as text/html or octet-stream."""
    head = body[:2048]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_OLE):
        return declared if declared and ("excel" in declared or "powerpoint" in declared) else DOC
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as z:
                if "word/document.xml" in z.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            pass
        return declared or "application/zip"
    for magic, kind in _IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<!doctype html") or b"<html" in text or (declared in (HTML, "application/xhtml+xml")):
        return HTML
    return declared or "application/octet-stream"


class _AnyHost(Collection[str]):
    """Allowed hosts for a URL a user named: any host (robots.txt and the rate limit still apply)."""

    def __contains__(self, host: object) -> bool:
        return isinstance(host, str) and bool(host)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


ANY_HOST = _AnyHost()


class Fetcher:
    """One polite HTTP client. Reuse a single instance per crawl so robots.txt and rate state are shared."""

    def __init__(
        self,
        rate: float = 1.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_bytes: int = 20_000_000,
        max_redirects: int = 5,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate, self.timeout, self.retries, self.backoff = rate, timeout, retries, backoff
        self.max_bytes, self.max_redirects = max_bytes, max_redirects
        self.total_timeout = timeout * 10
        self._sleep = sleep
        self._session = requests.Session()
        self._session.headers["User-Agent"] = user_agent
        self._session.headers["Accept-Encoding"] = "gzip, deflate"  # the codings _read inflates under its cap
        self._last: dict[str, float] = {}
        self._delay: dict[str, float] = {}
        self._robots: dict[str, Protego | _Failed] = {}

    def close(self) -> None:
        self._session.close()

    def fetch(
        self,
        url: str,
        allowed_hosts: Collection[str],
        etag: str | None = None,
        last_modified: str | None = None,
        validated_url: str | None = None,
    ) -> FetchResult:
        """GET `url`, following redirects by hand so each hop is checked against hosts and robots.txt.

        Validators are sent only to `validated_url` (default `url`), the URL that issued them, so a
        redirect that now points elsewhere cannot earn a false 304.
        """
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        current = url
        for hop in range(self.max_redirects + 1):
            res = FetchResult(url=url, final_url=current)
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                shown = current if len(current) <= 80 else current[:77] + "..."
                what = f"redirect to {shown}" if hop else f"{shown}"
                res.skipped = f"{what} refused: only http and https URLs are fetched"
                return res
            host = (urlsplit(current).hostname or "").lower()
            if host not in allowed_hosts:
                res.skipped = f"host {host} not allowed" if hop == 0 else f"redirect to {host} outside allowed hosts"
                return res
            if urlsplit(current).path.lower().endswith(IMAGE_EXTS):
                res.skipped = "image (by extension)"
                return res
            try:
                blocked = self.robots_block(current)
            except _Failed as exc:
                res.error, res.status = exc.reason, exc.status
                return res
            if blocked:
                res.skipped = blocked
                return res
            try:
                got = self._hop(current, conditional if current == (validated_url or url) else {})
            except _Skipped as exc:
                res.skipped, res.status = exc.reason, exc.status
                return res
            except _Failed as exc:
                res.error, res.status = exc.reason, exc.status
                return res
            res.status, res.headers = got.status, got.headers
            if got.status in REDIRECTS and got.headers.get("Location"):
                current = urldefrag(urljoin(current, got.headers["Location"]))[0]
                continue
            if got.status == 304:
                return res
            if got.body is None:
                res.error = f"HTTP {got.status}"
                return res
            declared = (got.headers.get("Content-Type") or "").split(";")[0].strip().lower() or None
            res.content_type = sniff(got.body, declared)
            res.charset = header_charset(got.headers.get("Content-Type"))
            if res.content_type == HTML and not res.charset:
                m = _META_CHARSET.search(got.body[:4096])
                res.charset = m.group(1).decode("ascii").lower() if m else None
            if res.content_type.startswith("image/"):
                res.skipped = f"image ({res.content_type})"
            elif res.content_type not in STORABLE:
                res.skipped = f"unsupported content type {res.content_type}"
            else:
                res.body = got.body
            return res
        return FetchResult(url=url, final_url=current, error=f"too many redirects (>{self.max_redirects})")

    def robots_block(self, url: str) -> str | None:
        """Reason the URL may not be fetched per robots.txt (RFC 9309: `*` and `$` patterns), or None.

        robots.txt is read once per origin; if it cannot be read at all, `_Failed` says why.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rp = self._robots[origin]
        if isinstance(rp, _Failed):
            raise rp
        return None if rp.can_fetch(url, ROBOTS_AGENT) else "disallowed by robots.txt"

    def _load_robots(self, origin: str) -> Protego | _Failed:
        """4xx means no rules (401/403: keep out); a robots.txt that cannot be read keeps the crawler out of that host."""
        current = origin + "/robots.txt"
        host = urlsplit(origin).hostname
        for _ in range(self.max_redirects + 1):
            try:
                got = self._hop(current, {})
            except _Skipped:
                got = _Hop(404, CaseInsensitiveDict(), None)
            except _Failed as exc:
                reason = exc.reason if exc.status is None else f"robots.txt unavailable ({exc.reason})"
                return _Failed(reason, exc.status)
            location = got.headers.get("Location")
            if got.status in REDIRECTS and location and urlsplit(urljoin(current, location)).hostname == host:
                current = urljoin(current, location)
                continue
            break
        if got.status in (401, 403):
            return Protego.parse("User-agent: *\nDisallow: /\n")
        if got.body is None:
            return Protego.parse("")
        rp = Protego.parse(got.body.decode("utf-8", "replace"))
        delay = rp.crawl_delay(ROBOTS_AGENT)
        if delay and host:
            self._delay[host] = float(delay)
        return rp

    def _hop(self, url: str, headers: dict[str, str]) -> _Hop:
        """One request with bounded exponential-backoff retries on 5xx/429, timeouts and connection errors."""
        import urllib3

        host = (urlsplit(url).hostname or "").lower()
        reason, status = "", None
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            self._wait(host)
            try:
                with self._session.get(url, headers=headers, stream=True, allow_redirects=False,
                                       timeout=self.timeout) as resp:
                    status = resp.status_code
                    if status >= 500 or status == 429:
                        reason = f"HTTP {status}"
                        continue
                    if not 200 <= status < 300:
                        return _Hop(status, resp.headers, None)
                    ctype = (resp.headers.get("Content-Type") or "").lower()
                    if ctype.startswith("image/"):
                        raise _Skipped(f"image ({ctype.split(';')[0]})", status)
                    return _Hop(status, resp.headers, self._read(resp, status))
            except _Corrupt as exc:
                reason, status = exc.reason, exc.status
            except urllib3.exceptions.HTTPError as exc:  # the body stream broke under read1 (not wrapped by requests)
                reason, status = self._connection_reason(exc, urlsplit(url).netloc), None
            except requests.Timeout:
                reason, status = f"timeout after {self.timeout:g}s", None
            except requests.RequestException as exc:
                reason, status = self._connection_reason(exc, urlsplit(url).netloc), None
            finally:
                self._last[host] = time.monotonic()
        tries = self.retries + 1
        raise _Failed(f"{reason} (after {tries} attempt{'s' if tries > 1 else ''})", status)

    def _connection_reason(self, exc: BaseException, netloc: str) -> str:
        """What went wrong, in words, from the OS error under requests' and urllib3's wrappers."""
        seen: set[int] = set()
        stack: list[object] = [exc]
        while stack:
            e = stack.pop()
            if not isinstance(e, BaseException) or id(e) in seen:
                continue
            seen.add(id(e))
            if isinstance(e, socket.gaierror):
                return f"cannot connect to {netloc}: host name not found"
            if isinstance(e, ConnectionRefusedError):
                return f"cannot connect to {netloc}: connection refused"
            if isinstance(e, ConnectionResetError):
                return f"connection to {netloc} reset by the server"
            if isinstance(e, TimeoutError):
                return f"timeout after {self.timeout:g}s"
            stack += [e.__cause__, e.__context__, getattr(e, "reason", None), *e.args]
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return f"cannot fetch from {netloc}: {type(exc).__name__}{': ' + first[:150] if first else ''}"

    def _wait(self, host: str) -> None:
        delay = max(self.rate, self._delay.get(host, 0.0))
        wait = self._last.get(host, float("-inf")) + delay - time.monotonic()
        if wait > 0:
            self._sleep(wait)

    def _read(self, resp: requests.Response, status: int) -> bytes:
        """Stream the body and abort past max_bytes or the total time budget (a drip-feeding server).

        Each read returns as soon as the socket has any data (read1), so the elapsed time is checked
        after every packet: a server that sends a byte at a time cannot stretch a download past the cap,
        whatever Content-Length it announced. A gzip or deflate body is inflated here, never more than
        the cap allows from what was actually received (a 1 KB bomb cannot become gigabytes in one read),
        and a broken stream is a failure of this URL (`_Corrupt`, retried), never of the crawl.
        """
        import zlib

        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _Failed(f"too large: Content-Length {declared} > {self.max_bytes} bytes", status)
        coding = (resp.headers.get("Content-Encoding") or "identity").strip().lower()
        if coding not in ("identity", "gzip", "x-gzip", "deflate", ""):
            raise _Failed(f"unsupported Content-Encoding {coding[:40]}", status)
        inflater = None
        buf = bytearray()
        start = time.monotonic()
        while chunk := resp.raw.read1(_READ_SIZE, decode_content=False):
            if coding in ("gzip", "x-gzip", "deflate"):
                if inflater is None:  # deflate is zlib-wrapped per the RFC, raw from some servers
                    zlib_header = len(chunk) > 1 and chunk[0] & 0x0F == 8 and (chunk[0] << 8 | chunk[1]) % 31 == 0
                    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in coding
                                                  else zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
                if inflater.eof:
                    continue
                try:
                    chunk = inflater.decompress(chunk, self.max_bytes + 1 - len(buf))
                except zlib.error as exc:
                    raise _Corrupt(f"corrupt {coding} body: {exc}"[:160], status) from None
            buf += chunk
            if len(buf) > self.max_bytes:
                raise _Failed(f"too large: more than {self.max_bytes} bytes", status)
            if time.monotonic() - start > self.total_timeout:
                raise _Failed(f"download took longer than {self.total_timeout:g}s", status)
        if inflater is not None and not inflater.eof:
            raise _Corrupt(f"corrupt {coding} body: the compressed stream ends early", status)
        return bytes(buf)

@lru_cache(maxsize=4)
def shared_fetcher(max_bytes: int) -> Fetcher:
    """The process's fetcher for URLs named as inputs, so robots.txt and the per-host rate are shared across them."""
    return Fetcher(max_bytes=max_bytes)

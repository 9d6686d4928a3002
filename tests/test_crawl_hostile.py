"""A broken server against `crawl` and `run URL`, on a real loopback server: corrupt gzip bodies, gzip bombs,
and two crawls on one store (issue 28, items 2, 5 and 7)."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import ROOT
from crawl_site import FakeSite

GOOD = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于做好养老服务工作的通知</title></head><body>'
        '<h1>关于做好养老服务工作的通知</h1><div class="content"><p>各市民政局：</p>'
        '<p>到2025年底，全省养老机构护理型床位占比达到60%以上。</p></div></body></html>').encode()
LIST = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>政策文件</title></head><body><ul class="list">'
        '<li><a href="/h/bad.html">关于印发城乡社区建设实施方案的通知</a><span>2024-03-02</span></li>'
        '<li><a href="/h/bomb.html">关于进一步加强社会救助工作的意见</a><span>2024-03-01</span></li>'
        '<li><a href="/h/good.html">关于做好养老服务工作的通知</a><span>2024-02-28</span></li>'
        '</ul></body></html>').encode()
BOMB_BYTES = 200_000_000  # inflated size of /h/bomb.html: 200 MB of zeros in about 200 KB of gzip


def _bomb() -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * 1_000_000
    return b"".join([*(z.compress(block) for _ in range(BOMB_BYTES // len(block))), z.flush()])


class HostileSite(FakeSite):
    """The fake site plus a list page whose first notice answers with a broken gzip stream, the second with a gzip
    bomb, the third with a good gzip page."""

    bomb: bytes = b""

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        routes = {
            "/h/list.html": (LIST, {}),
            "/h/bad.html": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"not a deflate stream at all" * 20,
                            {"Content-Encoding": "gzip"}),
            "/h/bomb.html": (self.bomb, {"Content-Encoding": "gzip"}),
            "/h/good.html": (gzip.compress(GOOD), {"Content-Encoding": "gzip"}),
            "/h/truncated.html": (gzip.compress(GOOD)[:60], {"Content-Encoding": "gzip"}),
        }
        if h.path not in routes:
            return super()._handle(h)
        body, headers = routes[h.path]
        from crawl_site import LogEntry

        self.log.append(LogEntry(h.path, dict(h.headers.items()), 200))
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        try:
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return None


@pytest.fixture(scope="module")
def site():
    s = HostileSite()
    s.bomb = _bomb()
    with s:
        yield s


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_a_corrupt_gzip_body_is_one_failed_url_and_the_crawl_goes_on(site: HostileSite, tmp_path: Path) -> None:
    """The broken stream is retried a bounded number of times, recorded with its reason, and the pages after it are
    fetched; the bomb is cut at --max-bytes by what was inflated, not what was announced; a rerun does not die."""
    store = tmp_path / "crawl.sqlite"
    args = ("crawl", site.url("/h/list.html"), "--store", str(store), "--rate", "0", "--timeout", "2",
            "--retries", "2", "--max-bytes", "5000000")
    before = len(site.requests_for("/h/bad.html"))
    done = _cli(*args)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(site.requests_for("/h/bad.html")) - before == 3  # the first try and two retries, then given up
    failed = dict(line.split(None, 1) for line in done.stdout.split("failed:\n", 1)[1].splitlines())
    assert failed[site.url("/h/bad.html")].startswith("corrupt gzip body")
    assert "too large: more than 5000000 bytes" in failed[site.url("/h/bomb.html")]
    assert site.url("/h/good.html") not in failed
    import sqlite3

    with sqlite3.connect(store) as db:
        rows = dict(db.execute("SELECT url, error FROM pages").fetchall())
        docs = [r[0] for r in db.execute("SELECT url FROM documents")]
    assert "corrupt gzip body" in rows[site.url("/h/bad.html")]
    assert docs == [site.url("/h/good.html")]
    again = _cli(*args)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "corrupt gzip body" in again.stdout


def test_run_on_a_url_with_a_corrupt_gzip_body_is_one_error_record(site: HostileSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _cli("run", site.url("/h/bad.html"), site.url("/h/good.html"),
                "-o", str(out), "-q", "--no-tables")
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    errors = {e["file"]: e["message"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert errors[site.url("/h/bad.html")].startswith("not fetched: corrupt gzip body")
    notices = [json.loads(line) for line in (out / "notices.jsonl").read_text().splitlines()]
    assert [n["source"] for n in notices] == [site.url("/h/good.html")]
    assert [o["value"] for o in notices[0]["obligations"]] == [60]


def test_two_crawls_on_one_store_do_not_run_together(site: FakeSite, tmp_path: Path) -> None:
    """While one crawl holds the store (blocked on the gate page), a second one on the same store stops at once
    with the holder named; the first is unharmed and a crawl after it runs."""
    from extractor.crawl.store import StoreBusy, crawl_lock

    store = tmp_path / "crawl.sqlite"
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with crawl_lock(store):
            held.set()
            release.wait(30)

    t = threading.Thread(target=hold)
    t.start()
    try:
        assert held.wait(10)
        with pytest.raises(StoreBusy):  # flock is per open file: a second open in this process conflicts too
            with crawl_lock(store):
                pass
        asked = len(site.requests_for("/h/list.html"))
        second = _cli("crawl", site.url("/h/list.html"), "--store", str(store), "--rate", "0", timeout=60)
        assert second.returncode == 2
        assert "in use by another crawl" in second.stderr and "Traceback" not in second.stderr
        assert len(site.requests_for("/h/list.html")) == asked  # the refused crawl fetched nothing
        assert not store.exists()
    finally:
        release.set()
        t.join()
    third = _cli("crawl", site.url("/list/index.html"), "--store", str(store), "--rate", "0", "--timeout", "0.5",
                 "--retries", "0", "--max-pages", "1")
    assert third.returncode in (0, 1) and "in use" not in third.stderr


def test_a_truncated_gzip_body_is_corrupt_and_retried(site: HostileSite) -> None:
    from extractor.net.fetch import ANY_HOST, Fetcher

    fetcher = Fetcher(rate=0, timeout=2, retries=1, backoff=0.01)
    before = len(site.requests_for("/h/truncated.html"))
    res = fetcher.fetch(site.url("/h/truncated.html"), ANY_HOST)
    assert res.body is None
    assert res.error == "corrupt gzip body: the compressed stream ends early (after 2 attempts)"
    assert len(site.requests_for("/h/truncated.html")) - before == 2
    good = fetcher.fetch(site.url("/h/good.html"), ANY_HOST)
    assert good.body == GOOD and good.error is None

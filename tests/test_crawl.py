"""Crawler tests against a real HTTP server on 127.0.0.1 (tests/crawl_site.py)."""
from __future__ import annotations

import argparse
import hashlib
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawl_site import FakeSite
from extractor.crawl import Crawler, Fetcher, Store, load_sites
from extractor.crawl.cli import main, register
from extractor.crawl.crawler import DUPLICATE, FAILED, FETCHED, SKIPPED, UNCHANGED, CrawlReport
from extractor.net.fetch import DOC, DOCX, HTML, PDF, sniff
from extractor.crawl.links import find_date, next_page, notice_links, parse_html
from extractor.crawl.sites import SiteDef, generic_site, parse_site
from extractor.model import ExtractorError

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_DOCS = {"/n/utf8.html", "/n/gbk.html", "/n/redirect.html", "/n/old.html", "/n/dup-a.html",
                 "/n/changing.html", "/n/gate.html", "/files/attach.pdf", "/files/form.docx"}
SITE_TOML = """\
name = "fake-mzt"
start_urls = ["{base}/list/index.html"]
allowed_hosts = ["127.0.0.1"]

[list]
item_selector = "ul.list li"
link_selector = "a"
date_selector = "span.date"

[pagination]
url_pattern = "index_{{page}}.html"
page_offset = -1
max_pages = 2

[detail]
date_selector = "div.info span.date"
"""


@pytest.fixture
def site():
    with FakeSite() as s:
        yield s
        assert not [e.path for e in s.log if e.path.startswith("/private/")], "robots.txt disallow ignored"


@pytest.fixture
def site_file(site: FakeSite, tmp_path: Path) -> Path:
    path = tmp_path / "fake.toml"
    path.write_text(SITE_TOML.format(base=site.base), encoding="utf-8")
    return path


def fetcher() -> Fetcher:
    return Fetcher(rate=0, timeout=0.3, retries=1, backoff=0.01, max_bytes=100_000)


def crawl(store: Store, site_file: Path, **kw) -> CrawlReport:
    f = fetcher()
    try:
        return Crawler(store, f, load_sites(site_file), **kw).run()
    finally:
        f.close()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def outcome(report: CrawlReport, path: str):
    return next(o for o in report.outcomes if o.url.endswith(path))


def check_store(db: Path) -> dict[str, str]:
    """Integrity check, and every stored sha256 has its raw file with matching bytes; returns url -> sha."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = dict(con.execute("SELECT url, sha256 FROM pages WHERE sha256 IS NOT NULL").fetchall())
        docs = [r[0] for r in con.execute("SELECT sha256 FROM documents")]
    finally:
        con.close()
    for sha in [*rows.values(), *docs]:
        raw = db.parent / "raw" / sha[:2] / sha
        assert hashlib.sha256(raw.read_bytes()).hexdigest() == sha
    return rows


def test_two_runs_store_everything_then_only_what_changed(site: FakeSite, site_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "out" / "crawl.sqlite"
    with Store(db) as store:
        first = crawl(store, site_file)
        assert not first.interrupted and not first.resumed
        docs = {path_of(d.url): d for d in store.pending_documents()}
        assert set(docs) == EXPECTED_DOCS
        assert docs["/n/redirect.html"].final_url == site.url("/n/moved.html")
        assert docs["/n/gbk.html"].charset == "gbk" and docs["/n/gbk.html"].date_hint == "2024-03-05"
        assert docs["/n/gbk.html"].path.read_bytes() == site.resources()["/n/gbk.html"].body
        assert docs["/n/changing.html"].title_hint == "关于调整最低生活保障标准的通知"
        assert (docs["/files/attach.pdf"].content_type, docs["/files/form.docx"].content_type) == (PDF, DOCX)
        assert docs["/n/utf8.html"].content_type == HTML and docs["/files/attach.pdf"].path.read_bytes() == site.pdf
        assert str(docs["/n/utf8.html"].path).startswith(str(db.parent / "raw"))

        reasons = {path_of(o.url): (o.status, o.reason) for o in first.outcomes if o.status != FETCHED}
        assert reasons["/n/missing.html"] == (FAILED, "HTTP 404")
        assert reasons["/n/broken.html"] == (FAILED, "HTTP 500 (after 2 attempts)")
        assert reasons["/n/slow.html"][0] == FAILED and "timeout" in str(reasons["/n/slow.html"][1])
        assert reasons["/n/big.html"][0] == FAILED and "too large" in str(reasons["/n/big.html"][1])
        assert reasons["/private/secret.html"] == (SKIPPED, "disallowed by robots.txt")
        assert reasons["/n/offsite.html"] == (SKIPPED, "redirect to example.invalid outside allowed hosts")
        assert reasons["/files/scan?id=2"] == (SKIPPED, "image (image/png)")
        assert reasons["/n/dup-b.html"] == (DUPLICATE, f"same content as {site.url('/n/dup-a.html')}")
        missing, broken = store.page(site.url("/n/missing.html")), store.page(site.url("/n/broken.html"))
        assert missing is not None and missing.error == "HTTP 404" and missing.status == 404
        assert broken is not None and broken.status == 500
        assert len(site.requests_for("/robots.txt")) == 1
        assert len(site.requests_for("/n/broken.html")) == 2
        assert all("notice-extract" in e.headers["User-Agent"] for e in site.log)
        for d in docs.values():
            store.mark_extracted(d.sha256, ok=True)
        assert list(store.pending_documents()) == []
        before = check_store(db)

        site.version = 2
        first_log = len(site.log)
        second = crawl(store, site_file)
        assert second.urls(FETCHED) == [site.url("/n/changing.html")]
        assert {path_of(u) for u in second.urls(UNCHANGED)} >= EXPECTED_DOCS - {"/n/changing.html"}
        statuses = {e.path: e.status for e in site.log[first_log:]}
        for path in ("/list/index.html", "/list/index_1.html", "/n/utf8.html", "/n/moved.html", "/files/attach.pdf",
                     "/files/form.docx", "/n/gate.html", "/n/old.html"):
            assert statuses[path] == 304, path
        assert statuses["/n/changing.html"] == 200
        pending = list(store.pending_documents())
        assert [path_of(d.url) for d in pending] == ["/n/changing.html"]
        assert "第2版" in pending[0].path.read_text(encoding="utf-8")
        after = check_store(db)
        assert {u: s for u, s in after.items() if "changing" not in u} == {
            u: s for u, s in before.items() if "changing" not in u}
        assert (db.parent / "raw" / before[site.url("/n/changing.html")][:2]).exists()


def test_interrupted_crawl_keeps_rows_and_resumes(site: FakeSite, site_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "crawl.sqlite"
    seen: list[str] = []

    def stop_after_five(o, pending: int) -> None:
        seen.append(o.url)
        if len(seen) == 5:
            raise KeyboardInterrupt

    with Store(db) as store:
        f = fetcher()
        report = Crawler(store, f, load_sites(site_file), on_result=stop_after_five).run()
        f.close()
        assert report.interrupted and store.pending_count() > 0
    saved = check_store(db)
    assert len(saved) >= 4
    resume_from = len(site.log)
    with Store(db) as store:
        resumed = crawl(store, site_file)
        assert resumed.resumed and not resumed.interrupted and store.pending_count() == 0
        assert {path_of(d.url) for d in store.pending_documents()} == EXPECTED_DOCS
    final = check_store(db)
    assert all(final[u] == s for u, s in saved.items())
    again = [e.path for e in site.log[resume_from:]]
    assert not set(again) & {path_of(u) for u in seen}, "resumed crawl refetched URLs already done"


def test_killed_subprocess_loses_nothing(site: FakeSite, site_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "crawl.sqlite"
    with Store(db) as store:
        crawl(store, site_file)
        docs_before = {d.sha256: d.url for d in store.pending_documents()}
    pages_before = check_store(db)
    site.version, site.gate = 2, threading.Event()
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor.crawl.cli", "crawl", "--sites", str(site_file), "--store", str(db),
         "--rate", "0", "--timeout", "0.5", "--retries", "0", "--max-bytes", "100000"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert site.gate_reached.wait(20), "crawl subprocess never reached the gate page"
        proc.kill()
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    killed_at = len(site.log)
    site.gate.set()
    site.gate = None

    pages_now = check_store(db)
    assert set(pages_before) <= set(pages_now)
    changing = site.url("/n/changing.html")
    assert pages_now[changing] != pages_before[changing], "work done before the kill was not committed"
    with Store(db) as store:
        assert store.pending_count() > 0
        assert {d.sha256: d.url for d in store.pending_documents()}.items() >= docs_before.items()
        resumed = crawl(store, site_file)
        assert resumed.resumed and store.pending_count() == 0
        assert outcome(resumed, "/n/gate.html").status == UNCHANGED
    assert "/list/index.html" not in [e.path for e in site.log[killed_at:]]
    check_store(db)


def test_cli_generic_start_url_with_since(site: FakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "crawl.sqlite"
    rc = main(["crawl", site.url("/list/index.html"), "--store", str(db), "--rate", "0", "--timeout", "0.3",
               "--retries", "0", "--max-bytes", "100000", "--since", "2020-01-01"])
    out = capsys.readouterr()
    assert rc == 1  # the fake site has a 404, a 500 and a slow page
    assert "fetched" in out.out and "failed:" in out.out and "HTTP 404" in out.out
    assert "disallowed by robots.txt" in out.out and "before --since 2020-01-01" in out.out
    assert "crawl" in out.err
    paths = [e.path for e in site.log]
    assert "/list/index_1.html" in paths, "generic finder did not follow 下一页"
    assert not {"/n/old.html", "/list/notices.html", "/about.html"} & set(paths), paths
    with Store(db) as store:
        assert {path_of(d.url) for d in store.pending_documents()} == EXPECTED_DOCS - {"/n/old.html"}


def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crawl", "--store", str(tmp_path / "s.sqlite")]) == 2
    assert main(["crawl", "www.gov.example/list.html", "--store", str(tmp_path / "s.sqlite")]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nstart_urls = ["https://a.example/"]\nstart_url = 1\n', encoding="utf-8")
    assert main(["crawl", "--sites", str(bad), "--store", str(tmp_path / "s.sqlite")]) == 2
    assert "bad.toml" in capsys.readouterr().err
    subparsers = argparse.ArgumentParser().add_subparsers()
    register(subparsers)
    assert all(a.help for a in subparsers.choices["crawl"]._actions)


def test_shipped_site_definitions_load() -> None:
    sites = load_sites(ROOT / "gazetteers" / "sites")
    assert len(sites) >= 2
    for s in sites:
        assert s.start_urls and s.allowed_hosts and all(s.allows(u) for u in s.start_urls)


def test_site_definition_errors_name_the_file() -> None:
    with pytest.raises(ExtractorError, match="a.toml.*unknown key 'item_selectr' in \\[list\\]"):
        parse_site({"name": "a", "start_urls": ["https://x.example/"], "list": {"item_selectr": "li"}}, "a.toml")
    with pytest.raises(ExtractorError, match="bad CSS selector"):
        parse_site({"name": "a", "start_urls": ["https://x.example/"], "list": {"item_selector": "li[[" }}, "a.toml")
    with pytest.raises(ExtractorError, match=r"\{page\}"):
        parse_site({"name": "a", "start_urls": ["https://x.example/"], "pagination": {"url_pattern": "p.html"}}, "a")


def test_dates_and_generic_links() -> None:
    assert find_date("发布时间：2024年3月5日 10:00") == "2024-03-05"
    assert find_date("[2023-12-01]") == "2023-12-01" and find_date("2023/2/30 2023.02.03") == "2023-02-03"
    assert find_date("文号2024第13号") is None
    html = ('<div><a href="/tzgg/">通知公告</a></div><ul><li><a href="a.html" title="关于印发某某办法的通知">'
            '关于印发某某办法...</a><span>2024-01-02</span></li><li><a href="b.html">决定</a> 2024年2月3日</li>'
            '<li><a href="c.html">工作动态</a>2024-01-01</li></ul><a href="javascript:void(0)">下一页</a>'
            '<a href="list_2.html">下一页</a>')
    soup = parse_html(html.encode("gbk"), "gbk")
    site = generic_site("http://gov.example/zcwj/index.html")
    links = notice_links(soup, "http://gov.example/zcwj/index.html", site)
    assert [(lk.url.rsplit("/", 1)[1], lk.title, lk.date) for lk in links] == [
        ("a.html", "关于印发某某办法的通知", "2024-01-02"), ("b.html", "决定", "2024-02-03")]
    assert next_page(soup, "http://gov.example/zcwj/index.html", site, 1) == "http://gov.example/zcwj/list_2.html"
    by_selector = SiteDef("s", pagination=parse_site(
        {"name": "s", "start_urls": ["http://gov.example/"], "pagination": {"next_selector": "a[href^=list]"}},
        "s").pagination)
    assert next_page(soup, "http://gov.example/zcwj/", by_selector, 1) == "http://gov.example/zcwj/list_2.html"
    trs = parse_site({"name": "t", "start_urls": ["http://gov.example/"],
                      "pagination": {"url_pattern": "index_{page}.html", "page_offset": -1}}, "t")
    assert next_page(soup, "http://gov.example/zcwj/index_1.html", trs, 2) == "http://gov.example/zcwj/index_2.html"


def test_sniff_content_types() -> None:
    assert sniff(b"%PDF-1.4 ...", "text/html") == PDF
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "application/octet-stream") == DOC
    assert sniff(b"\xff\xd8\xff\xe0JFIF", "text/html") == "image/jpeg"
    assert sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>", None) == HTML
    assert sniff(b"PK\x03\x04not really a zip", "application/zip") == "application/zip"


def test_rate_limit_waits_per_host(site: FakeSite) -> None:
    waits: list[float] = []
    f = Fetcher(rate=5.0, timeout=1, sleep=waits.append)
    for path in ("/n/utf8.html", "/n/gbk.html"):
        assert f.fetch(site.url(path), {"127.0.0.1"}).body
    f.close()
    assert len(waits) == 2 and all(4.0 < w <= 5.0 for w in waits)


def test_robots_crawl_delay_and_unavailable_robots(site: FakeSite) -> None:
    site.robots = "User-agent: *\nCrawl-delay: 3\nDisallow: /private/\n"
    waits: list[float] = []
    f = Fetcher(rate=0, timeout=1, sleep=waits.append)
    assert f.fetch(site.url("/n/utf8.html"), {"127.0.0.1"}).body and f.fetch(site.url("/n/gbk.html"), {"127.0.0.1"}).body
    f.close()
    assert len(waits) == 2 and all(2.0 < w <= 3.0 for w in waits)
    site.robots_status, site.log = 503, []
    f = Fetcher(rate=0, timeout=1, retries=0)
    res = f.fetch(site.url("/n/utf8.html"), {"127.0.0.1"})
    f.close()
    assert res.error == "robots.txt unavailable (HTTP 503 (after 1 attempt))" and res.body is None
    assert [e.path for e in site.log] == ["/robots.txt"]


def test_mark_extracted_unknown_sha(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store, pytest.raises(KeyError):
        store.mark_extracted("0" * 64, ok=True)


def test_run_from_store_extracts_only_what_is_new(site: FakeSite, site_file: Path, tmp_path: Path) -> None:
    """crawl → run --from-store → crawl again → run --from-store: the second run extracts only the changed page."""
    import json

    db = tmp_path / "out" / "crawl.sqlite"
    out = tmp_path / "run"
    with Store(db) as store:
        crawl(store, site_file)

    def run(code: int) -> list[dict]:
        proc = subprocess.run([sys.executable, "-m", "extractor", "run", "--from-store", str(db), "-o", str(out), "-q", "--no-tables"],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert proc.returncode == code, proc.stderr
        return [json.loads(line) for line in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]

    first = run(1)  # the stub DOCX fails
    sources = {path_of(d["source"]) for d in first}
    assert {"/n/utf8.html", "/n/gbk.html", "/n/changing.html", "/files/attach.pdf"} <= sources
    errors = (out / "errors.jsonl").read_text(encoding="utf-8")
    assert "/files/form.docx" in errors and "corrupt DOCX" in errors  # the fake site's DOCX is a bare stub
    gbk = next(d for d in first if d["source"].endswith("/n/gbk.html"))
    assert "关于进一步加强社会救助工作的意见" in gbk["text"]  # GBK page decoded right
    with Store(db) as store:
        assert list(store.pending_documents()) == []
        site.version = 2
        crawl(store, site_file)
    second = run(0)
    assert len(second) == len(first) + 1
    assert path_of(second[-1]["source"]) == "/n/changing.html" and "第2版" in second[-1]["text"]
    missing = subprocess.run([sys.executable, "-m", "extractor", "run", "--from-store", str(tmp_path / "none.sqlite"), "-o", str(out)],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and "no crawl store" in missing.stderr


def test_a_drip_fed_download_is_cut_at_the_total_time_cap(site: FakeSite) -> None:
    """Content-Length announced, one byte every 20 ms: each read succeeds, the 10 x timeout cap must still hold."""
    from crawl_site import DRIP_BYTES

    f = Fetcher(rate=0, timeout=0.1, retries=0)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(f.fetch(site.url("/n/drip.html"), {"127.0.0.1"})), daemon=True)
    worker.start()
    worker.join(30)
    f.close()
    assert result, "the download was not cut"
    assert result[0].error == "download took longer than 1s" and result[0].body is None
    assert site.dripped < DRIP_BYTES


def test_robots_txt_wildcards_and_end_anchors_are_honoured(site: FakeSite) -> None:
    site.robots = "User-agent: *\nDisallow: /private*/\nDisallow: /*.pdf$\nDisallow: /*?session=\n"
    f = Fetcher(rate=0, timeout=1, retries=0)
    verdicts = {path: f.robots_block(site.url(path)) for path in (
        "/private2/a.html", "/private/secret.html", "/files/attach.pdf", "/files/attach.pdf?download=1",
        "/n/list?session=42", "/n/utf8.html")}
    f.close()
    blocked = "disallowed by robots.txt"
    assert verdicts == {"/private2/a.html": blocked, "/private/secret.html": blocked, "/files/attach.pdf": blocked,
                        "/files/attach.pdf?download=1": None, "/n/list?session=42": blocked, "/n/utf8.html": None}


def test_redirects_to_other_schemes_are_refused_by_name(site: FakeSite) -> None:
    f = Fetcher(rate=0, timeout=1, retries=0)
    to_file = f.fetch(site.url("/n/to-file.html"), {"127.0.0.1"})
    to_js = f.fetch(site.url("/n/to-js.html"), {"127.0.0.1"})
    f.close()
    assert to_file.skipped == "redirect to file:///etc/passwd refused: only http and https URLs are fetched"
    assert to_js.skipped == ("redirect to javascript:alert(document.cookie) refused: only http and https URLs are "
                             "fetched")


def test_an_unreachable_host_is_a_failure_named_in_words(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on once this socket is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = subprocess.run([sys.executable, "-m", "extractor", "crawl", f"http://127.0.0.1:{port}/list.html", "--store",
                           str(tmp_path / "crawl.sqlite"), "--retries", "0", "--rate", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "0 skipped, 1 failed" in done.stdout
    assert f"http://127.0.0.1:{port}/list.html  cannot connect to 127.0.0.1:{port}: connection refused (after 1 attempt)" in done.stdout

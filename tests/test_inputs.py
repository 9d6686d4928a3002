"""One reader for every command: the same verdict from run, extract and the API; standard input, URLs, lists."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from conftest import ROOT, seed
from crawl_site import FakeSite

NOISE = random.Random(7).randbytes(4096)


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=180)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_random_bytes_get_one_verdict_from_run_extract_and_the_api(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    noise = folder / "noise.txt"
    noise.write_bytes(NOISE)
    run = cli("run", str(folder), "-o", str(tmp_path / "out"), "-q", "--no-tables")
    (error,) = records(tmp_path / "out" / "errors.jsonl")
    verdict = error["message"]
    assert "control or undecodable" in verdict and run.returncode == 1
    one = cli("extract", str(noise))
    assert one.returncode == 1 and one.stdout == b""
    assert f"{noise}: [ingest] {verdict}" in one.stderr.decode()
    piped = cli("extract", "-", stdin=NOISE)
    assert piped.returncode == 1 and f"<stdin>: [ingest] {verdict}" in piped.stderr.decode()
    with pytest.raises(extractor.ExtractorError) as exc:
        extractor.extract_file(noise)
    assert exc.value.source == str(noise) and exc.value.reason == verdict
    with pytest.raises(extractor.ExtractorError) as exc:
        extractor.extract_bytes(NOISE, source="noise")
    assert exc.value.reason == verdict


def test_extract_reads_standard_input_like_the_file() -> None:
    path = seed("001")
    piped = cli("extract", "-", stdin=path.read_bytes())
    assert piped.returncode == 0, piped.stderr
    from_stdin = json.loads(piped.stdout)
    from_file = extractor.extract_file(path).to_dict()
    assert from_stdin["source"] == "<stdin>"
    assert from_stdin["obligations"] == from_file["obligations"] and from_stdin["title"] == from_file["title"]


def test_html_named_txt_is_read_as_html_with_a_warning_by_extract(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<div class='content'><p>关于做好养老服务工作的通知</p><p>各市民政局：</p>"
                    "<p>到2025年，全省养老机构护理型床位占比达到55%以上。</p><p>湖北省民政厅</p><p>2021年3月1日</p></div>",
                    encoding="utf-8")
    done = cli("extract", str(page))
    assert done.returncode == 0, done.stderr
    notice = json.loads(done.stdout)
    assert notice["media_type"] == "text/html" and "<p>" not in notice["text"]
    assert notice["warnings"][0] == "wrong extension: read as HTML (named .txt)"


@pytest.fixture(scope="module")
def site():
    with FakeSite() as s:
        yield s


def test_extract_takes_a_url_fetched_politely(site: FakeSite) -> None:
    url = site.url("/n/utf8.html")
    one = cli("extract", url)
    assert one.returncode == 0, one.stderr
    notice = json.loads(one.stdout)
    assert notice["source"] == url and notice["media_type"] == "text/html"
    assert [o["value"] for o in notice["obligations"]] == [1]
    assert site.requests_for("/robots.txt"), "robots.txt not asked for"


def test_private_url_disallowed_by_robots_is_not_fetched(site: FakeSite) -> None:
    done = cli("extract", site.url("/private/secret.html"))
    assert done.returncode == 1 and b"not fetched: disallowed by robots.txt" in done.stderr
    assert not site.requests_for("/private/secret.html")


def test_run_takes_files_and_urls_listed_on_standard_input(site: FakeSite, tmp_path: Path) -> None:
    url, missing = site.url("/n/utf8.html"), site.url("/n/missing.html")
    listing = f"{seed('000')}\n\n{url}\n{missing}\n"
    out = tmp_path / "out"
    done = cli("run", "--files-from", "-", "-o", str(out), "-q", "--no-tables", stdin=listing.encode())
    assert done.returncode == 1, done.stderr
    assert sorted(n["source"] for n in records(out / "notices.jsonl")) == sorted([str(seed("000")), url])
    assert records(out / "errors.jsonl") == [{"file": missing, "stage": "ingest", "message": "not fetched: HTTP 404"}]


def test_a_missing_entry_in_a_list_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text(f"{seed('000')}\n{tmp_path / 'typo.txt'}\n", encoding="utf-8")
    done = cli("run", "--files-from", str(tmp_path / "list.txt"), "-o", str(tmp_path / "out"), "-q")
    assert done.returncode == 2 and done.stderr.decode().strip() == f"notice-extract: {tmp_path / 'typo.txt'}: no such file or folder"
    assert not (tmp_path / "out").exists()

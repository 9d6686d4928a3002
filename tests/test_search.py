"""notices.sqlite from a real run: region columns, full-text search with two-character words, Datasette on loopback."""
from __future__ import annotations

import json
import shutil
import random
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from extractor.exports import build_tables
from extractor.tables.search import index_text, match_query, search_box_query

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["社工", "养老", "社工站", "服务站", "专业人才"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from test_tables import run_corpora

    out = tmp_path_factory.mktemp("search")
    built = build_tables([run_corpora(out)], out)
    assert built.failed == []
    con = sqlite3.connect(out / "notices.sqlite")
    yield out, con
    con.close()


def _like(con: sqlite3.Connection, table: str, columns: tuple[str, str], q: str) -> set:
    a, b = columns
    return {r[0] for r in con.execute(f"SELECT rowid FROM {table} WHERE {a} LIKE ? OR {b} LIKE ?", (f"%{q}%", f"%{q}%"))}


def _match(con: sqlite3.Connection, fts: str, query: str) -> set:
    return {r[0] for r in con.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", (query,))}


def test_database_is_consistent(db):
    _, con = db
    con.execute("PRAGMA foreign_keys=ON")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    for fts in ("obligations_fts", "documents_fts"):
        con.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    assert con.execute("SELECT count(*) FROM agencies a JOIN obligations o ON o.id = a.obligation_id").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM documents WHERE length(text) > 1000").fetchone()[0] == 5


def test_obligations_carry_region_and_title(db):
    _, con = db
    rows = con.execute("""SELECT o.region, o.province, o.city, o.admin_level, o.title, o.issue_date,
                                 d.region, d.province, d.city, d.admin_level, d.title, d.issue_date
                          FROM obligations o JOIN documents d ON d.doc_id = o.doc_id""").fetchall()
    assert rows and all(r[:6] == r[6:] for r in rows)
    assert {r[0] for r in rows} == {"全国", "辽宁省", "湖北省", "河南省", "福建省 厦门市"}
    assert con.execute("SELECT count(*) FROM obligations WHERE kind = 'fact'").fetchone()[0] > 0


@pytest.mark.parametrize("q", QUERIES)
def test_search_finds_every_obligation_and_notice_containing_the_text(db, q):
    _, con = db
    expected = _like(con, "obligations", ("subject", "sentence"), q)
    assert expected, q
    assert _match(con, "obligations_fts", match_query(q)) == expected
    assert _match(con, "documents_fts", match_query(q)) == _like(con, "documents", ("title", "text"), q)


def test_two_character_words_work_as_typed(db):
    _, con = db
    for q in ("社工", "养老"):
        assert _match(con, "obligations_fts", f'"{q}"') == _like(con, "obligations", ("subject", "sentence"), q)


def test_index_text_and_queries():
    indexed = index_text("到2025年，社工站建设").split("\n")
    assert indexed[:3] == ["社工 工站 站建 建设", "社工站 工站建 站建设", "社工站建 工站建设"] and "2025" in indexed[3]
    assert "社会工作服务站" in index_text("社会工作服务站建设").split("\n")[4].split()  # a long word jieba knows
    assert match_query("社工站 PM2.5浓度") == '"社工站" "PM2.5" "浓度"'
    assert match_query("社会工作服务站") == '"社会工作 会工作服 工作服务 作服务站"'
    assert search_box_query('社工 "社会 工作" 站') == '"社工" "社会工作" "站"'
    with pytest.raises(ValueError):
        match_query("站")


@pytest.fixture(scope="module")
def corpus_db(corpus_run):
    """Every notice bundled in corpora/ (seeds, web, long), written to notices.sqlite."""
    out = corpus_run / "search"
    built = build_tables([corpus_run / "notices.jsonl"], out)
    assert built.failed == []
    con = sqlite3.connect(out / "notices.sqlite")
    yield out, con
    con.close()


def _words(texts: list[str], how_many: int = 400) -> list[str]:
    """Chinese words of two to six characters cut from the texts at seeded random places, plus the ones the
    issue named (社会工作 found 39 of 102 sentences before, 机械化率 0 of 8, 服务站 0 of 22)."""
    rng = random.Random(27)
    runs = [run for t in texts for run in re.findall(r"[\u4e00-\u9fff]{2,}", t)]
    words = {"社会工作", "机械化率", "服务站", "社工站", "养老服务"}
    while len(words) < how_many:
        run = rng.choice(runs)
        n = rng.randint(2, min(6, len(run)))
        i = rng.randint(0, len(run) - n)
        words.add(run[i:i + n])
    return sorted(words)


def _scan(con: sqlite3.Connection, table: str, columns: tuple[str, str], q: str) -> set:
    """The rows containing q, by a plain substring scan in Python (no SQL LIKE, no index)."""
    a, b = columns
    return {rowid for rowid, x, y in con.execute(f"SELECT rowid, {a}, {b} FROM {table}") if q in (x or "") or q in (y or "")}


def test_every_word_finds_every_sentence_and_notice_containing_it(corpus_db):
    _, con = corpus_db
    sentences = [r[0] for r in con.execute("SELECT sentence FROM obligations")]
    checked = 0
    for q in _words(sentences):
        expected = _scan(con, "obligations", ("subject", "sentence"), q)
        assert _match(con, "obligations_fts", match_query(q)) == expected, q
        assert _match(con, "documents_fts", match_query(q)) == _scan(con, "documents", ("title", "text"), q), q
        if len(q) <= 4:  # typed as it is, in any SQLite client
            assert _match(con, "obligations_fts", f'"{q}"') == expected, q
        checked += bool(expected)
    assert checked >= 400


def test_named_words_are_found_in_every_sentence(corpus_db):
    _, con = corpus_db
    # (社会工作: 99 since each glued table row of L01 quotes its own row, not the whole flattened table)
    for q, at_least in (("社会工作", 95), ("机械化率", 8), ("服务站", 22)):
        expected = _scan(con, "obligations", ("subject", "sentence"), q)
        assert len(expected) >= at_least and _match(con, "obligations_fts", match_query(q)) == expected


def test_metadata_describes_every_column_and_links_search(db):
    out, con = db
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["notices"]["tables"]
    for table in ("documents", "obligations", "indicators", "agencies"):
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        assert set(tables[table]["columns"]) == set(columns), table
        assert all(tables[table]["columns"].values())
    assert tables["obligations"]["fts_table"] == "obligations_fts" and tables["documents"]["fts_table"] == "documents_fts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


@contextmanager
def _serve(out: Path) -> Iterator[str]:
    """Datasette on a free loopback port serving out/notices.sqlite with its metadata.json; yields the base URL."""
    pytest.importorskip("datasette", reason="datasette is a dev dependency (pip install -e '.[dev]')")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(out / "notices.sqlite"), "-m",
                             str(out / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode())
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def datasette(db):
    with _serve(db[0]) as base:
        yield base


@pytest.fixture(scope="module")
def corpus_datasette(corpus_db):
    with _serve(corpus_db[0]) as base:
        yield base


def _search_api(base: str, table: str, q: str) -> list[dict]:
    return _get(f"{base}/notices/{table}.json?_search={urllib.parse.quote(q)}&_shape=array&_size=max")


def test_datasette_search_finds_every_row_for_words_of_any_length(corpus_db, corpus_datasette):
    _, con = corpus_db
    assert any(p["name"] == "notice-extract" for p in _get(corpus_datasette + "/-/plugins.json"))
    sentences = [r[0] for r in con.execute("SELECT sentence FROM obligations")]
    words = _words(sentences, 60) + ["社会工作服务站", "粮食作物耕种收综合机械化率"]
    for q in words:
        expected = _scan(con, "obligations", ("subject", "sentence"), q)
        assert expected or len(q) < 7, q  # the long words are there to be found
        assert {r["rowid"] for r in _search_api(corpus_datasette, "obligations", q)} == expected, q
        assert {r["rowid"] for r in _search_api(corpus_datasette, "documents", q)} == _scan(con, "documents", ("title", "text"), q), q
    both = _search_api(corpus_datasette, "obligations", "社会工作 服务站")
    assert both and all("社会工作" in r["sentence"] + r["subject"] and "服务站" in r["sentence"] + r["subject"] for r in both)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")
def test_datasette_search_box_in_a_browser(corpus_db, corpus_datasette):
    """Words typed into the search box above the obligations table in headless Chromium: the page counts every
    sentence that contains the word, for words of three, four and seven characters."""
    sync_api = pytest.importorskip("playwright.sync_api")
    _, con = corpus_db
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        try:
            page = browser.new_page()
            page.goto(f"{corpus_datasette}/notices/obligations")
            for q in ("社会工作", "服务站", "社会工作服务站"):  # each typed into the box of the page the last search left
                expected = _scan(con, "obligations", ("subject", "sentence"), q)
                page.fill("input[name=_search]", q)
                page.press("input[name=_search]", "Enter")
                page.wait_for_url(f"**_search={urllib.parse.quote(q)}**")
                count = page.locator("h3").first.inner_text()
                assert expected and re.match(rf"{len(expected):,} rows? where search matches", count), (q, count)
        finally:
            browser.close()


@pytest.mark.parametrize("q", ["社工", "养老", "社工站"])
def test_datasette_search_box_finds_two_character_words(db, datasette, q):
    _, con = db
    url = f"{datasette}/notices/obligations.json?_search={urllib.parse.quote(q)}&_shape=array&_size=max"
    rows = _get(url)
    expected = _like(con, "obligations", ("subject", "sentence"), q) if len(q) == 2 else _match(con, "obligations_fts", f'"{q}"')
    assert rows and {r["rowid"] for r in rows} == expected
    assert all(q in (r["sentence"] or "") + (r["subject"] or "") for r in rows)
    docs = _get(f"{datasette}/notices/documents.json?_search={urllib.parse.quote(q)}&_shape=array&_size=max")
    assert docs and all(q in r["text"] or q in (r["title"] or "") for r in docs)

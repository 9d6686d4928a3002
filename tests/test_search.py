"""notices.sqlite from a real run: region columns, full-text search with two-character words, Datasette on loopback."""
from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from extractor.exports import build_tables
from extractor.tables.search import index_text, match_query

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
    assert indexed[0] == "社工 工站 站建 建设" and "2025" in indexed[1] and "社工站" in indexed[2].split()
    assert match_query("社工站 PM2.5浓度") == '"社工 工站" "PM2.5" "浓度"'
    with pytest.raises(ValueError):
        match_query("站")


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


@pytest.fixture(scope="module")
def datasette(db):
    pytest.importorskip("datasette", reason="datasette is a dev dependency (pip install -e '.[dev]')")
    out, _ = db
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

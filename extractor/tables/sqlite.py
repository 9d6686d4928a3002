"""notices.sqlite: every document (with its text) and obligation, full-text search, and Datasette metadata.

Plain SQLite (FTS5 is built into Python's sqlite3), so Datasette and any SQL client open it as it is.
The FTS tables are contentless (`content=''`) and share the rowid of the table they index; Datasette
links them through `fts_table` in metadata.json, written next to the database. Both base tables have
an explicit `rowid INTEGER PRIMARY KEY`, so a VACUUM cannot renumber rows under the index.

Documents arrive one at a time (with their rows), so memory holds one batch of texts. The index is
built without FTS5's incremental merging (automerge 0: each flush of pending terms becomes a segment
of its own) and merged once at the end ('optimize'), which holds the same terms as merging along the
way and costs a fifth less; the setting is then removed, so the index's configuration is FTS5's default.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.outputs import atomic_writer
from extractor import cells as safe
from extractor.tables.columns import BY_ID, md_cell
from extractor.tables.rows import notice_fields
from extractor.tables.search import index_text
from extractor.tables.sheet import staged

SCHEMA = """
CREATE TABLE documents (
  rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, title TEXT, doc_number TEXT, region TEXT, province TEXT,
  city TEXT, admin_level TEXT, issue_date TEXT, genre TEXT, source TEXT, media_type TEXT, issuers TEXT, addressees TEXT,
  warnings TEXT, obligations INTEGER, targets INTEGER, text TEXT
);
CREATE TABLE indicators (id TEXT PRIMARY KEY, label TEXT, label_en TEXT, area TEXT, units TEXT);
CREATE TABLE obligations (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL REFERENCES documents(doc_id),
  region TEXT, province TEXT, city TEXT, admin_level TEXT, title TEXT, issue_date TEXT,
  kind TEXT, indicator TEXT REFERENCES indicators(id) DEFERRABLE INITIALLY DEFERRED, subject TEXT, display TEXT, value REAL, value_max REAL, unit TEXT,
  comparator TEXT, approx INTEGER, scope TEXT, deadline TEXT, deadline_text TEXT, recurrence TEXT, strength TEXT,
  confidence REAL, agencies TEXT, sentence TEXT, start INTEGER, "end" INTEGER
);
CREATE TABLE agencies (id INTEGER PRIMARY KEY, obligation_id TEXT NOT NULL REFERENCES obligations(id), name TEXT NOT NULL);
CREATE INDEX obligations_doc_id ON obligations(doc_id);
CREATE INDEX obligations_indicator ON obligations(indicator);
CREATE INDEX obligations_region ON obligations(province, city);
CREATE INDEX agencies_obligation_id ON agencies(obligation_id);
CREATE VIRTUAL TABLE obligations_fts USING fts5(subject, sentence, content='', tokenize='unicode61');
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', tokenize='unicode61');
"""
FTS_TABLES = ("obligations_fts", "documents_fts")
OBLIGATION_COLUMNS = ["id", "doc_id", "region", "province", "city", "admin_level", "title", "issue_date", "kind", "indicator",
                      "subject", "display", "value", "value_max", "unit", "comparator", "approx", "scope", "deadline",
                      "deadline_text", "recurrence", "strength", "confidence", "agencies", "sentence", "start", "end"]
DOCUMENT_COLUMNS = ["doc_id", "title", "doc_number", "region", "province", "city", "admin_level", "issue_date", "genre", "source",
                    "media_type", "issuers", "addressees", "warnings", "obligations", "targets", "text"]


def _insert(table: str, columns: list[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


_INSERTS = {
    "documents": _insert("documents", ["rowid"] + DOCUMENT_COLUMNS),
    "obligations": _insert("obligations", ["rowid"] + OBLIGATION_COLUMNS),
    "agencies": _insert("agencies", ["obligation_id", "name"]),
    "documents_fts": _insert("documents_fts", ["rowid", "title", "text"]),
    "obligations_fts": _insert("obligations_fts", ["rowid", "subject", "sentence"]),
}
Document = tuple[dict[str, Any], list[dict[str, Any]]]


def _json_list(v: Any) -> str:
    items = v if isinstance(v, list) else []
    return json.dumps([safe.clean_text(x) for x in items if isinstance(x, str)], ensure_ascii=False)


def _document(n: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {**notice_fields(n), "media_type": safe.text(n.get("media_type")), "issuers": _json_list(n.get("issuers")),
           "addressees": _json_list(n.get("addressees")), "warnings": _json_list(n.get("warnings")),
           "obligations": len(rows), "targets": sum(r["kind"] == "target" for r in rows), "text": safe.text(n.get("text"))}


def _obligation(r: dict[str, Any]) -> list[Any]:
    rec = {**r, "id": r["obligation_id"], "approx": int(r["approx"])}
    return [rec[c] for c in OBLIGATION_COLUMNS]


def taxonomy_rows() -> list[tuple[str, str, str, str, str]]:
    """The indicators table: the taxonomy in file order, then 'other'. The variants and provisional keys the
    rows use are added after the rows (`write_sqlite`)."""
    from extractor import taxonomy

    return ([(i.id, i.label, i.label_en, i.area, "、".join(i.units)) for i in taxonomy.indicators()]
            + [(taxonomy.OTHER, "其他", "other", "", "")])


def extra_indicator_rows(labels: dict[str, str], known: set[str]) -> list[tuple[str, str, str, str, str]]:
    """Rows for the ids the rows use that the taxonomy does not list: a variant takes its indicator's area, a
    provisional key is marked `provisional`."""
    from extractor import taxonomy

    out = []
    for ident in sorted(set(labels) - known):
        base = taxonomy.by_id().get(taxonomy.base_id(ident))
        kind = "provisional" if taxonomy.is_provisional(ident) else "variant"
        out.append((ident, labels[ident] or taxonomy.label(ident), kind, base.area if base else "", ""))
    return out


def write_sqlite(documents: Iterable[Document], path: Path, indicators: list[tuple[str, ...]] | None = None) -> Path:
    """Each (full record, its rows) of `documents` in order, a batch of texts in memory at a time; `indicators`
    are the taxonomy's rows (taxonomy_rows(), which a caller that has them already passes)."""
    with staged(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;" + SCHEMA
                              + "".join(f"INSERT INTO {t}({t}, rank) VALUES ('automerge', 0);" for t in FTS_TABLES))
            known = indicators if indicators is not None else taxonomy_rows()
            con.executemany("INSERT INTO indicators VALUES (?,?,?,?,?)", known)
            batch = _Batch(con)
            for notice, rows in documents:
                batch.add(_document(notice, rows), rows)
            batch.flush()
            con.executemany("INSERT INTO indicators VALUES (?,?,?,?,?)", extra_indicator_rows(batch.labels, {r[0] for r in known}))
            for t in FTS_TABLES:
                con.execute(f"INSERT INTO {t}({t}) VALUES ('optimize')")
                con.execute(f"DELETE FROM {t}_config WHERE k = 'automerge'")  # the setting was for this build only
            con.commit()
        finally:
            con.close()
    return path


class _Batch:
    """Rows gathered per table with rowids given here (so each index row shares its row's rowid), inserted
    with executemany every BATCH documents. A repeated or missing id (hostile or merged input) is skipped."""

    BATCH = 100

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.doc_ids: set[str] = set()
        self.obligation_ids: set[str] = set()
        self.tables: dict[str, list[list[Any]]] = {name: [] for name in _INSERTS}
        self.pending = 0
        self.labels: dict[str, str] = {}  # indicator id -> label, of every row written

    def add(self, doc: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        if doc["doc_id"] is None or doc["doc_id"] in self.doc_ids:
            return
        self.doc_ids.add(doc["doc_id"])
        rowid = len(self.doc_ids)
        self.tables["documents"].append([rowid] + [doc[c] for c in DOCUMENT_COLUMNS])
        self.tables["documents_fts"].append([rowid, index_text(doc["title"]), index_text(doc["text"])])
        for r in rows:
            oid = r["obligation_id"]
            if oid is None or oid in self.obligation_ids:
                continue
            self.obligation_ids.add(oid)
            if r["indicator"] is not None:
                self.labels.setdefault(r["indicator"], r["indicator_label"])
            rowid = len(self.obligation_ids)
            self.tables["obligations"].append([rowid] + _obligation(r))
            self.tables["obligations_fts"].append([rowid, index_text(r["subject"]), index_text(r["sentence"])])
            self.tables["agencies"] += [[oid, a] for a in r["agency_list"]]
        self.pending += 1
        if self.pending >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        for name, rows in self.tables.items():
            self.con.executemany(_INSERTS[name], rows)
            rows.clear()
        self.pending = 0


SHARED_COLUMNS = {
    "rowid": "Row number; the full-text index (…_fts) uses the same rowid.",
    "kind": "target (forward-looking obligation) or fact (background figure, not a target).",
    "start": "Offset of the sentence in the notice's text (documents.text).",
    "end": "End offset of the sentence in the notice's text.",
    "media_type": "Media type the notice was read as (text/plain, text/html, application/pdf …).",
    "issuers": "Issuing bodies (JSON list).",
    "addressees": "Addressees, 主送机关 (JSON list).",
    "warnings": "Repairs and problems found while reading (JSON list).",
    "obligations": "Number of obligations (targets and facts) of the notice.",
    "targets": "Number of targets of the notice.",
    "text": "The notice's cleaned, simplified text; obligation offsets point into it.",
}
OBLIGATION_OWN = {
    "id": "Obligation id <doc_id>-<n>.",
    "doc_id": "The notice (documents.doc_id).",
    "approx": "1 when the notice marks the value as approximate (约, 余, 多, 左右).",
    "value": "The number in comparable units (5万人 → 50000), as in the tables; empty for a qualitative goal.",
    "title": "Title of the notice (repeated from documents, so a search result reads on its own).",
    "comparator": "'>=' (至少, 以上), '<=' (不超过, 以内), '=' or 'range', as in notices.jsonl (the CSV and XLSX show ≥ ≤ ＝ 区间).",
}
INDICATOR_COLUMNS = {"id": "Canonical indicator id, or 'other'.", "label": "Chinese name.", "label_en": "English name.",
                     "area": "Policy area.", "units": "Units a value of this indicator may have (、-separated)."}
AGENCY_COLUMNS = {"id": "Row number.", "obligation_id": "The obligation (obligations.id).", "name": "One responsible agency."}
SEARCH_HELP = ("Search finds every row containing the Chinese text typed, of two or more characters (社工, 社会工作, "
               "社会工作服务站; longer than four characters with notice-extract installed beside Datasette); "
               "separate several terms with spaces.")


def _describe(columns: list[str], own: dict[str, str]) -> dict[str, str]:
    return {c: own.get(c) or BY_ID[c].description for c in columns}


def datasette_metadata(database: str) -> dict[str, Any]:
    """metadata.json for `datasette notices.sqlite -m metadata.json`: descriptions, search, facets."""
    return {
        "title": "notice-extract: policy notices and their targets",
        "description": "Targets, deadlines and responsible agencies extracted from Chinese government policy notices. " + SEARCH_HELP,
        "databases": {database: {"tables": {
            "documents": {
                "description": "One row per notice, with its cleaned text. " + SEARCH_HELP,
                "fts_table": "documents_fts", "fts_pk": "rowid", "label_column": "title",
                "columns": _describe(["rowid"] + DOCUMENT_COLUMNS, SHARED_COLUMNS),
            },
            "obligations": {
                "description": "One row per target or background fact, with the notice's region and title. " + SEARCH_HELP,
                "fts_table": "obligations_fts", "fts_pk": "rowid", "label_column": "id",
                "facets": ["kind", "region", "indicator"],
                "columns": _describe(["rowid"] + OBLIGATION_COLUMNS, {**SHARED_COLUMNS, **OBLIGATION_OWN}),
            },
            "indicators": {"description": "The indicator taxonomy (gazetteers/indicators.toml) plus 'other'.",
                           "label_column": "label", "columns": INDICATOR_COLUMNS},
            "agencies": {"description": "One row per responsible agency of an obligation.", "columns": AGENCY_COLUMNS},
            "obligations_fts": {"hidden": True, "description": "Full-text index of obligations.subject and sentence."},
            "documents_fts": {"hidden": True, "description": "Full-text index of documents.title and text."},
        }}},
    }


def write_metadata(db_path: Path, path: Path) -> Path:
    with atomic_writer(path) as fh:
        json.dump(datasette_metadata(db_path.stem), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return path


def markdown() -> str:
    """Tables and columns of notices.sqlite as Markdown, from the same descriptions as metadata.json."""
    parts = []
    for name, spec in datasette_metadata("notices")["databases"]["notices"]["tables"].items():
        if spec.get("hidden"):
            continue
        parts += [f"#### `{name}`", "", spec["description"], "", "| column | meaning |", "|---|---|"]
        parts += [f"| `{col}` | {md_cell(text)} |" for col, text in spec["columns"].items()] + [""]
    return "\n".join(parts)

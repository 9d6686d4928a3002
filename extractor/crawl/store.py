"""The crawl store: one SQLite file plus raw bytes on disk by sha256 (`raw/ab/abcdef…` beside the DB).

Crash safety rests on two orders: a raw file is complete (temp file + os.replace) before any row
names it, and each visited URL's page row, new frontier entries and its `done` flag commit together.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

DEFAULT_STORE = Path("outputs/crawl.sqlite")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    final_url TEXT,
    kind TEXT NOT NULL,
    site TEXT,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    headers TEXT,
    content_type TEXT,
    charset TEXT,
    sha256 TEXT,
    size INTEGER,
    etag TEXT,
    last_modified TEXT,
    error TEXT,
    title_hint TEXT,
    date_hint TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    content_type TEXT NOT NULL,
    charset TEXT,
    size INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    extracted INTEGER NOT NULL DEFAULT 0,
    extracted_ok INTEGER,
    extracted_at TEXT,
    message TEXT
);
CREATE INDEX IF NOT EXISTS documents_pending ON documents (extracted);
CREATE TABLE IF NOT EXISTS frontier (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    site TEXT NOT NULL,
    page_no INTEGER NOT NULL DEFAULT 0,
    title_hint TEXT,
    date_hint TEXT,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS frontier_pending ON frontier (done, id);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class StoredDocument:
    """A fetched notice or attachment ready for extraction; `path` holds the exact bytes served."""

    url: str
    final_url: str
    path: Path
    content_type: str
    charset: str | None
    sha256: str
    title_hint: str | None = None
    date_hint: str | None = None


@dataclass(frozen=True)
class FrontierItem:
    """A URL waiting to be visited in the current crawl; kind is list, notice or attachment."""

    url: str
    kind: str
    site: str
    page_no: int = 0
    title_hint: str | None = None
    date_hint: str | None = None


@dataclass(frozen=True)
class PageRow:
    """What the last crawl knew about a URL: enough for conditional requests and change detection."""

    url: str
    final_url: str | None
    kind: str
    status: int | None
    content_type: str | None
    charset: str | None
    sha256: str | None
    etag: str | None
    last_modified: str | None
    error: str | None
    title_hint: str | None
    date_hint: str | None


@dataclass
class PageRecord:
    """One visit's outcome. Content fields are written only when `sha256` is set, so a later 304,
    error or skip never erases what an earlier crawl stored."""

    url: str
    kind: str
    site: str
    final_url: str
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None
    title_hint: str | None = None
    date_hint: str | None = None
    sha256: str | None = None
    size: int | None = None
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class StoreBusy(Exception):
    """Another crawl holds the store: two crawls on one frontier would fetch every URL twice."""


@contextmanager
def crawl_lock(path: str | Path) -> Iterator[None]:
    """Hold `STORE.lock` (flock, exclusive, non-blocking) for a whole crawl, as a run holds its folder's lock.

    The lock is taken by the kernel on an open file, so a crawl killed with -9 leaves nothing to clean up.
    """
    import fcntl

    lock = Path(f"{path}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise StoreBusy(f"{path}: in use by another crawl{who}; wait for it to finish or use another --store") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


class Store:
    """SQLite + raw-file store shared by the crawler (writer) and `run --from-store` (reader)."""

    def __init__(self, path: str | Path = DEFAULT_STORE) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.raw_dir = self.path.parent / "raw"
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def raw_path(self, sha256: str) -> Path:
        return self.raw_dir / sha256[:2] / sha256

    def put_raw(self, data: bytes) -> str:
        """Write bytes under their sha256 atomically; an existing file with that name is already right."""
        sha = hashlib.sha256(data).hexdigest()
        dest = self.raw_path(sha)
        if dest.exists():
            return sha
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{sha[:8]}.", suffix=".tmp", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    def read_raw(self, sha256: str) -> bytes | None:
        try:
            return self.raw_path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def page(self, url: str) -> PageRow | None:
        row = self._db.execute(
            "SELECT url, final_url, kind, status, content_type, charset, sha256, etag, last_modified, error,"
            " title_hint, date_hint FROM pages WHERE url = ?", (url,)).fetchone()
        return PageRow(*row) if row else None

    def document_url(self, sha256: str) -> str | None:
        """URL under which this content was first stored, if it is already a document."""
        row = self._db.execute("SELECT url FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def start_run(self, seeds: Iterable[FrontierItem]) -> bool:
        """Resume an interrupted crawl if URLs are still pending, else start afresh. True when resuming."""
        with self._tx() as db:
            pending = int(db.execute("SELECT count(*) FROM frontier WHERE done = 0").fetchone()[0])
            if not pending:
                db.execute("DELETE FROM frontier")
            self._enqueue(db, seeds)
        return pending > 0

    def next_pending(self) -> FrontierItem | None:
        row = self._db.execute(
            "SELECT url, kind, site, page_no, title_hint, date_hint FROM frontier WHERE done = 0 ORDER BY id LIMIT 1"
        ).fetchone()
        return FrontierItem(*row) if row else None

    def pending_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM frontier WHERE done = 0").fetchone()[0])

    def done_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM frontier WHERE done = 1").fetchone()[0])

    @staticmethod
    def _enqueue(db: sqlite3.Connection, items: Iterable[FrontierItem]) -> None:
        db.executemany(
            "INSERT OR IGNORE INTO frontier (url, kind, site, page_no, title_hint, date_hint) VALUES (?, ?, ?, ?, ?, ?)",
            [(i.url, i.kind, i.site, i.page_no, i.title_hint, i.date_hint) for i in items])

    def save_visit(self, item: FrontierItem, record: PageRecord, children: Iterable[FrontierItem] = ()) -> None:
        """Record a visit, queue what it found and mark it done, all in one transaction."""
        r = record
        if r.sha256 is not None and not self.raw_path(r.sha256).exists():
            raise FileNotFoundError(f"raw file for {r.sha256} missing; write it with put_raw first")
        now = _now()
        with self._tx() as db:
            db.execute(
                "INSERT INTO pages (url, final_url, kind, site, fetched_at, status, headers, error, title_hint, date_hint)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET kind = excluded.kind,"
                " site = excluded.site, fetched_at = excluded.fetched_at, status = excluded.status,"
                " headers = excluded.headers, error = excluded.error,"
                " title_hint = coalesce(excluded.title_hint, pages.title_hint),"
                " date_hint = coalesce(excluded.date_hint, pages.date_hint)",
                (r.url, r.final_url, r.kind, r.site, now, r.status, json.dumps(dict(r.headers), ensure_ascii=False),
                 r.error, r.title_hint, r.date_hint))
            if r.sha256 is not None:
                db.execute(
                    "UPDATE pages SET final_url = ?, content_type = ?, charset = ?, sha256 = ?, size = ?, etag = ?,"
                    " last_modified = ? WHERE url = ?",
                    (r.final_url, r.content_type, r.charset, r.sha256, r.size, r.etag, r.last_modified, r.url))
                if r.kind != "list":
                    db.execute(
                        "INSERT OR IGNORE INTO documents (sha256, url, final_url, content_type, charset, size, first_seen)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (r.sha256, r.url, r.final_url, r.content_type, r.charset, r.size, now))
            self._enqueue(db, children)
            db.execute("UPDATE frontier SET done = 1 WHERE url = ?", (item.url,))

    def pending_documents(self, include_failed: bool = False) -> Iterator[StoredDocument]:
        """Documents not yet extracted, one per distinct sha256 (oldest first).

        Rows are read up front so the caller may call `mark_extracted` while iterating.
        """
        where = "d.extracted = 0" + (" OR d.extracted_ok = 0" if include_failed else "")
        rows = self._db.execute(
            "SELECT d.url, d.final_url, d.content_type, d.charset, d.sha256, p.title_hint, p.date_hint"
            f" FROM documents d LEFT JOIN pages p ON p.url = d.url WHERE {where} ORDER BY d.first_seen, d.rowid"
        ).fetchall()
        for url, final_url, ctype, charset, sha, title, date in rows:
            yield StoredDocument(url, final_url, self.raw_path(sha), ctype, charset, sha, title, date)

    def mark_extracted(self, sha256: str, ok: bool, message: str | None = None) -> None:
        """Record that the extractor processed this content, so later runs skip it."""
        with self._tx() as db:
            cur = db.execute(
                "UPDATE documents SET extracted = 1, extracted_ok = ?, extracted_at = ?, message = ? WHERE sha256 = ?",
                (int(ok), _now(), message, sha256))
            if cur.rowcount == 0:
                raise KeyError(f"no stored document with sha256 {sha256}")

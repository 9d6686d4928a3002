"""A Datasette plugin: the search box of notices.sqlite finds every row containing the text typed, of any length.

Datasette turns the search box's text into an FTS5 query with its SQL function `escape_fts` (each term a
quoted phrase). On a database written by notice-extract (one holding `documents_fts`), this plugin
replaces that function, on that database's connections only, with `search.search_box_query`: a term of
two to four Chinese characters stays one indexed token, a longer one becomes the phrase of its pieces,
so 社会工作服务站 finds every sentence that contains it. pyproject.toml declares the plugin (entry point
group `datasette`), so Datasette installed in the same environment loads it by itself.
"""
from __future__ import annotations

import sqlite3

from datasette import hookimpl

from extractor.tables.search import search_box_query

INDEX_TABLE = "documents_fts"


def _ours(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INDEX_TABLE,)).fetchone() is not None
    except sqlite3.Error:
        return False


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, which registers the escape_fts replaced here
def prepare_connection(conn: sqlite3.Connection, database: str) -> None:
    if _ours(conn):
        conn.create_function("escape_fts", 1, search_box_query, deterministic=True)

"""Whether two `notice-extract run` output folders hold the same outputs: a speed change must not change them.

    python benchmarks/same_outputs.py OLD_OUT NEW_OUT

Every file is compared byte for byte, except run.json (it records when the run's phases ran). A binary table
whose bytes differ is compared by content before it is called different: notices.sqlite by the rows of every
table, long.parquet as a table, tables.xlsx by its parts apart from docProps/ (the workbook's creation time),
metadata.json as JSON. Prints one line per file and exits 1 when any differs or is missing on one side.

To compare two codes, run each on the same input into its own folder, e.g. the code before a change
(a checkout at /work/baseline) and this one:

    (cd /work/baseline && PYTHONPATH=. .venv/bin/python -m extractor run /tmp/gen2 -o /tmp/old -q)
    notice-extract run /tmp/gen2 -o /tmp/new -q
    python benchmarks/same_outputs.py /tmp/old /tmp/new
"""
from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
from pathlib import Path
from typing import Any

SKIPPED = {"run.json"}
FTS_SHADOW = ("_data", "_idx", "_docsize", "_config")  # FTS5's own tables: no rowid order to rely on


def _sqlite_rows(path: Path) -> list[Any]:
    con = sqlite3.connect(path)
    try:
        out: list[Any] = list(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"))
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            order = "" if table.endswith(FTS_SHADOW) else " ORDER BY rowid"
            out.append((table, con.execute(f'SELECT * FROM "{table}"{order}').fetchall()))
        return out
    finally:
        con.close()


def _xlsx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist() if not i.filename.startswith("docProps/")}


def _same_content(a: Path, b: Path) -> bool | None:
    """Whether two files whose bytes differ hold the same content; None for a format not compared by content."""
    if a.suffix == ".sqlite":
        return _sqlite_rows(a) == _sqlite_rows(b)
    if a.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(a).equals(pq.read_table(b))
    if a.suffix == ".xlsx":
        return _xlsx_parts(a) == _xlsx_parts(b)
    if a.name == "metadata.json":
        return json.loads(a.read_text(encoding="utf-8")) == json.loads(b.read_text(encoding="utf-8"))
    return None


def compare(old: Path, new: Path) -> list[tuple[str, str]]:
    """(file name, verdict) for every file of either folder but run.json: same bytes, same content, different,
    or only in one."""
    out = []
    for name in sorted(({p.name for p in old.iterdir()} | {p.name for p in new.iterdir()}) - SKIPPED):
        a, b = old / name, new / name
        if not (a.is_file() and b.is_file()):
            out.append((name, "only in one"))
        elif a.read_bytes() == b.read_bytes():
            out.append((name, "same bytes"))
        else:
            out.append((name, {True: "same content", False: "different", None: "different"}[_same_content(a, b)]))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    verdicts = compare(Path(argv[0]), Path(argv[1]))
    for name, verdict in verdicts:
        print(f"{verdict:13s} {name}")
    bad = [n for n, v in verdicts if v in ("different", "only in one")]
    print("all the same" if not bad else f"{len(bad)} differ: {', '.join(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

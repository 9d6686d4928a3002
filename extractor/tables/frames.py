"""The run's tables as typed pandas DataFrames, for researchers who go on in Python.

The files a run writes are built by streaming writers (memory flat in the number of notices); this is
the in-memory view of the same sheets, with the column types the data dictionary declares: numbers as
nullable floats, counts as nullable integers, flags as nullable booleans, dates as datetimes, the rest as
strings. Columns and row order are those of the CSV files.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.tables.columns import BOOLEAN, DATE, INTEGER, NUMBER, Col


def _typed(column: Any, col: Col) -> Any:
    import pandas as pd

    if col.type == NUMBER:
        return pd.to_numeric(column, errors="coerce").astype("Float64")
    if col.type == INTEGER:
        return pd.to_numeric(column, errors="coerce").astype("Int64")
    if col.type == BOOLEAN:
        return column.astype("boolean")
    if col.type == DATE:
        return pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
    return column.astype("string")


def frames(runs: Iterable[str | Path] | str | Path, names: Iterable[str] | None = None) -> dict[str, Any]:
    """{sheet name: DataFrame} for runs (output folders or notices.jsonl files): matrix, comparison, long,
    facts, unknown_region, dictionary, or only `names`."""
    import pandas as pd

    from extractor.tables import RunData

    inputs = [Path(runs)] if isinstance(runs, (str, Path)) else [Path(r) for r in runs]
    inputs = [p / "notices.jsonl" if p.is_dir() else p for p in inputs]
    missing = [p for p in inputs if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"{missing[0]}: no such file (give a run's output folder or its notices.jsonl)")
    sheets = RunData.read(inputs).sheets()
    wanted = list(sheets) if names is None else list(names)
    unknown = [n for n in wanted if n not in sheets]
    if unknown:
        raise KeyError(f"no table {', '.join(unknown)}: the tables are {', '.join(sheets)}")
    out: dict[str, Any] = {}
    for name in wanted:
        sheet = sheets[name]
        ids = [c.id for c in sheet.columns]
        df = pd.DataFrame.from_records(list(sheet.rows), columns=ids) if ids else pd.DataFrame()
        for col in sheet.columns:
            df[col.id] = _typed(df[col.id], col)
        out[name] = df
    return out

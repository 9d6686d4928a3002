"""The review sheet, for reviewers who work in Excel: one row per extracted target, least sure first.

Fill `decision` with accept / correct / reject (接受 / 更正 / 拒绝 also work) and, to correct, the `new_…`
columns; add a row with decision `add` (新增), the document's `doc_id`, the clause in `sentence` and the
values in `new_…` for a target the extractor missed. CSV is UTF-8 with a BOM so Excel reads the Chinese.
A text cell that starts with = + - @ (or a tab or carriage return) is written with a leading apostrophe,
so a spreadsheet never runs it as a formula; reading strips that apostrophe again.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

from extractor.review.decisions import CORRECTABLE, METADATA, Decision, Decisions, DocInfo, gold_record

INFO = ["confidence", "doc_id", "source", "title", "obligation_id", "sentence", "subject", "value", "value_max", "unit",
        "comparator", "deadline", "agencies", "strength"]
NEW = [f"new_{f}" for f in CORRECTABLE]
COLUMNS = ["decision", *INFO, *NEW]
DECISION_WORDS = {"accept": "accept", "接受": "accept", "correct": "correct", "更正": "correct", "reject": "reject",
                  "拒绝": "reject", "add": "add", "新增": "add"}
AGENCY_SEP = re.compile(r"[；;\n]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def protect(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unprotect(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def sheet_rows(notices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per target, least sure first (unknown confidence first of all), then by document order."""
    rows = []
    for n in notices:
        for pos, o in enumerate(n.get("obligations") or []):
            if o.get("kind", "target") != "target":
                continue
            rows.append(({
                "decision": "", "confidence": o.get("confidence"), "doc_id": n["doc_id"], "source": n.get("source"),
                "title": n.get("title"), "obligation_id": o["id"], "sentence": o.get("sentence"), "subject": o.get("subject"),
                "value": o.get("value"), "value_max": o.get("value_max"), "unit": o.get("unit"), "comparator": o.get("comparator"),
                "deadline": o.get("deadline"), "agencies": "；".join(o.get("agencies") or []), "strength": o.get("strength"),
                **{c: None for c in NEW},
            }, (o.get("confidence") is not None, o.get("confidence") or 0.0, n["doc_id"], pos)))
    return [r for r, _ in sorted(rows, key=lambda x: x[1])]


def write_sheet(notices: list[dict[str, Any]], path: Path) -> Path:
    """The sheet as .csv (UTF-8 with BOM) or .xlsx (header frozen, filters, a drop-down for `decision`)."""
    rows = sheet_rows(notices)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(rows, path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=COLUMNS)
            w.writeheader()
            for r in rows:
                w.writerow({k: "" if v is None else protect(v if isinstance(v, str) else _plain(v)) for k, v in r.items()})
    return path


def _plain(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _write_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "review"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([protect(r[c]) for c in COLUMNS])
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    choice = DataValidation(type="list", formula1='"accept,correct,reject,add"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add(f"A2:A{max(len(rows) + 200, 2)}")
    widths = {"sentence": 70, "title": 30, "agencies": 30, "subject": 24, "source": 24, "new_agencies": 30}
    for i, c in enumerate(COLUMNS, 1):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = widths.get(c, 12)
    for row in ws.iter_rows(min_row=2, min_col=COLUMNS.index("sentence") + 1, max_col=COLUMNS.index("sentence") + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)


def read_sheet(path: Path) -> list[dict[str, Any]]:
    """The sheet's rows as dicts of column -> value (apostrophe protection removed)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(it, [])]
        rows = [dict(zip(header, r)) for r in it]
    else:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    return [{k: unprotect(v) for k, v in r.items() if k} for r in rows if any(v not in (None, "") for v in r.values())]


def _text(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _number(v: Any) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().replace(",", "").replace("，", "")
    try:
        return float(s)
    except ValueError:
        raise ValueError(f"not a number: {v!r}") from None


def _date(v: Any) -> str | None:
    """ISO date from a cell: a date Excel made of it, 2025-12-31, 2025/12/31 or 2025.12.31."""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    s = _text(v)
    if s is None:
        return None
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if not m:
        raise ValueError(f"not a date (YYYY-MM-DD): {v!r}")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def _agencies(v: Any) -> list[str]:
    return [a.strip() for a in AGENCY_SEP.split(str(v or "")) if a.strip()]


PARSE = {"value": _number, "value_max": _number, "unit": _text, "comparator": _text, "deadline": _date,
         "agencies": _agencies, "strength": _text}


def _record(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    rec = gold_record({"sentence": _text(row.get("sentence")) or "", "subject": _text(row.get("subject"))})
    for f in CORRECTABLE:
        rec[f] = PARSE[f](row.get(prefix + f))
    return rec


def sheet_decisions(path: Path, notices: list[dict[str, Any]] | None = None) -> Decisions:
    """Decisions of a filled-in sheet. The documents' metadata come from `notices` (the run) when given,
    else from extracting each source again."""
    rows = read_sheet(path)
    by_id = {n["doc_id"]: n for n in notices or []}
    docs: dict[str, DocInfo] = {}
    items: list[Decision] = []
    for no, row in enumerate(rows, 2):
        doc_id = _text(row.get("doc_id"))
        if not doc_id:
            raise ValueError(f"{path.name}: row {no}: no doc_id")
        if doc_id not in docs:
            docs[doc_id] = _doc_info(doc_id, _text(row.get("source")), by_id.get(doc_id))
        if row.get("obligation_id"):
            docs[doc_id].targets.append(str(row["obligation_id"]))
        word = _text(row.get("decision"))
        action = DECISION_WORDS.get((word or "").lower())
        if word and action is None:
            raise ValueError(f"{path.name}: row {no}: decision {word!r} is not one of accept, correct, reject, add")
        if action is None and any(_text(row.get(c)) for c in NEW):
            action = "correct"
        if action is None:
            continue
        try:
            base = _record(row, "")
            record = dict(base)
            if action in ("correct", "add"):
                for f in CORRECTABLE:
                    if row.get("new_" + f) not in (None, ""):
                        record[f] = PARSE[f](row["new_" + f])
            original = None if action == "add" else base
        except ValueError as exc:
            raise ValueError(f"{path.name}: row {no}: {exc}") from None
        items.append(Decision(doc_id, action, record, _text(row.get("obligation_id")), original))
    return Decisions(docs, items)


def _doc_info(doc_id: str, source: str | None, notice: dict[str, Any] | None) -> DocInfo:
    if notice is None and source:
        from extractor.batch import process_path

        notice = process_path(source).notice
    if notice is None:
        raise ValueError(f"{doc_id}: no run record and no readable source to take its metadata from")
    return DocInfo(doc_id, source or notice.get("source", ""), {k: notice.get(k) for k in METADATA})

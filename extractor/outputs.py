"""Writers for a run's files: JSONL of notices, Excel-friendly CSV of obligations, errors.

obligations.csv has Chinese headers (OBLIGATION_HEADERS, the names the table CSVs use for the same
columns) and shows the comparator as ≥ ≤ ＝ 区间, which needs no formula escaping; its columns are the
JSON fields of notices.jsonl (OBLIGATION_COLUMNS, in this order).

Files are written to a temporary name and renamed into place, so a reader never sees half a file
and an interrupted run leaves the previous complete output (or the rows finished so far) valid.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from extractor.cells import COMPARATOR_SHOWN, clean_text, escape_formula
from extractor.model import ExtractorError

OBLIGATION_COLUMNS = [
    "doc_id", "source", "title", "province", "city", "admin_level", "issue_date", "obligation_id", "kind", "indicator",
    "subject", "value", "value_max", "unit", "comparator", "deadline", "deadline_text", "scope", "agencies",
    "strength", "approx", "recurrence", "sentence", "start", "end", "raw_start", "raw_end",
]
OBLIGATION_HEADERS = {
    "doc_id": "文件编号", "source": "来源文件", "title": "标题", "province": "省份", "city": "城市", "admin_level": "层级",
    "issue_date": "发文日期", "obligation_id": "条目编号", "kind": "类别", "indicator": "指标编号", "subject": "对象",
    "value": "数值", "value_max": "上限", "unit": "单位", "comparator": "比较", "deadline": "期限", "deadline_text": "期限原文",
    "scope": "范围", "agencies": "责任单位", "strength": "约束力", "approx": "约数", "recurrence": "周期", "sentence": "原文句子",
    "start": "句子起点", "end": "句子终点", "raw_start": "原文起点", "raw_end": "原文终点",
}


@contextmanager
def atomic_writer(path: Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO[Any]]:
    """Write to `path.tmp`, fsync, then rename over `path`; on error the old file stays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fh = open(tmp, mode, encoding=encoding, newline=newline) if "b" not in mode else open(tmp, mode)
    try:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        os.replace(tmp, path)
    except BaseException:
        fh.close()
        if tmp.exists():
            tmp.unlink()
        raise


def notice_json(notice: dict[str, Any]) -> str:
    return json.dumps(notice, ensure_ascii=False, sort_keys=False)


def obligation_rows(notices: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for n in notices:
        for o in n.get("obligations", []):
            yield {
                "doc_id": n["doc_id"], "source": n["source"], "title": n.get("title"), "province": n.get("province"),
                "city": n.get("city"), "admin_level": n.get("admin_level"), "issue_date": n.get("issue_date"),
                "obligation_id": o["id"], "kind": o["kind"], "indicator": o.get("indicator"), "subject": o.get("subject"), "value": o.get("value"),
                "value_max": o.get("value_max"), "unit": o.get("unit"),
                "comparator": COMPARATOR_SHOWN.get(o.get("comparator") or "", o.get("comparator")),
                "deadline": o.get("deadline"), "deadline_text": o.get("deadline_text"), "scope": o.get("scope"),
                "agencies": "；".join(o.get("agencies") or []), "strength": o.get("strength"), "approx": o.get("approx"),
                "recurrence": o.get("recurrence"), "sentence": o.get("sentence"), "start": o.get("start"),
                "end": o.get("end"), "raw_start": o.get("raw_start"), "raw_end": o.get("raw_end"),
            }


def _cell(value: Any) -> Any:
    """Spreadsheet-safe: text cleaned of characters Excel refuses and kept from being read as a formula."""
    if value is None:
        return ""
    return escape_formula(clean_text(value)) if isinstance(value, str) else value


def write_obligations_csv(path: Path, notices: Iterable[dict[str, Any]]) -> int:
    """UTF-8 with BOM so Excel opens Chinese text correctly; one row per obligation."""
    count = 0
    with atomic_writer(path, encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=OBLIGATION_COLUMNS, extrasaction="ignore")
        writer.writerow(OBLIGATION_HEADERS)
        for row in obligation_rows(notices):
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
    return count


class ObligationStream:
    """obligations.csv written row by row as notices arrive (the bytes `write_obligations_csv` gives for the same
    notices), so a run need not read its JSONL again at the end; `commit` renames it into place, `discard`
    removes it (the caller then rebuilds the file from the JSONL)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")
        self.fh = open(self.tmp, "w", encoding="utf-8-sig", newline="")
        self.writer = csv.DictWriter(self.fh, fieldnames=OBLIGATION_COLUMNS, extrasaction="ignore")
        self.writer.writerow(OBLIGATION_HEADERS)

    def add(self, notice: dict[str, Any]) -> None:
        for row in obligation_rows([notice]):
            self.writer.writerow({k: _cell(v) for k, v in row.items()})

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.fh.close()
        self.tmp.unlink(missing_ok=True)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file; a line that is not a JSON object is an ExtractorError naming the file and line.

    Nothing is skipped silently: a torn last line left by an interrupted writer is cut by `--resume`
    (batch.repair_tail) before the file is read, and any other damage needs a person to look at it.
    """
    with Path(path).open(encoding="utf-8", errors="replace") as fh:
        for no, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExtractorError(str(path), f"line {no}: corrupt record ({exc.msg} at column {exc.colno})", stage="read") from None
            if not isinstance(record, dict):
                raise ExtractorError(str(path), f"line {no}: corrupt record (a JSON {type(record).__name__}, not an object)", stage="read")
            yield record

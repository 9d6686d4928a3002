"""Runs read as a stream: light notices in memory, full records (with `text`) re-read by offset.

Tables need every obligation but no notice text; the SQLite database and the report need the text of
one notice at a time. So the first pass keeps each notice's metadata (no `text`, `region_evidence` or
obligations) and the byte offset of its line, and hands each record's obligations (without `evidence`)
to the caller; the text-hungry writers then seek to one line at a time. Memory grows with the number
of obligations, not with the size of the texts.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

HEAVY_FIELDS = ("text", "region_evidence")
OnNotice = Callable[[str, dict[str, Any]], None]


@dataclass
class RunIndex:
    """Notices of one or more runs; a doc_id seen again (a rerun) replaces the earlier record in place."""

    inputs: list[Path]
    notices: dict[str, dict[str, Any]] = field(default_factory=dict)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, inputs: Iterable[Path], on_notice: OnNotice | None = None) -> RunIndex:
        """Scan the inputs; `on_notice(doc_id, record)` sees each light record with its obligations, which
        the index itself does not keep (so a caller turning them into rows holds them only once)."""
        index = cls([Path(p) for p in inputs])
        for k, path in enumerate(index.inputs):
            with path.open("rb") as fh:
                index._scan(k, fh, on_notice)
        return index

    def _scan(self, k: int, fh: BinaryIO, on_notice: OnNotice | None) -> None:
        offset, line_no = 0, 0
        for line in fh:
            line_no += 1
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            rec = _parse(line)
            if rec is None:
                self.skipped.append(f"{self.inputs[k]}:{line_no}: not a JSON object, skipped")
                continue
            doc_id = rec.get("doc_id")
            if not isinstance(doc_id, str) or not doc_id:
                self.skipped.append(f"{self.inputs[k]}:{line_no}: no doc_id, skipped")
                continue
            record = light(rec)
            if on_notice is not None:
                on_notice(doc_id, record)
            self.notices[doc_id] = {key: v for key, v in record.items() if key != "obligations"}
            self.where[doc_id] = (k, start)

    @contextmanager
    def reader(self) -> Iterator[FullReader]:
        """Open every input once; the reader returns a notice's full record by doc_id."""
        with ExitStack() as stack:
            handles = [stack.enter_context(p.open("rb")) for p in self.inputs]
            yield FullReader(self, handles)


@dataclass
class FullReader:
    index: RunIndex
    handles: list[BinaryIO]

    def __call__(self, doc_id: str) -> dict[str, Any]:
        k, offset = self.index.where[doc_id]
        fh = self.handles[k]
        fh.seek(offset)
        rec = _parse(fh.readline())
        return rec if rec is not None else self.index.notices[doc_id]


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        rec = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return rec if isinstance(rec, dict) else None


def light(rec: dict[str, Any]) -> dict[str, Any]:
    """The record without its heavy parts; obligations that are not objects are dropped."""
    out = {k: v for k, v in rec.items() if k not in HEAVY_FIELDS}
    obs = rec.get("obligations")
    out["obligations"] = [{k: v for k, v in o.items() if k != "evidence"} for o in obs if isinstance(o, dict)] if isinstance(obs, list) else []
    return out

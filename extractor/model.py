"""Typed records that flow one way through the pipeline.

source -> RawDocument -> CleanText -> (spaCy Doc) -> mentions -> Obligation -> Notice
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from collections.abc import Sequence
from typing import Any

SCHEMA_VERSION = "1.3.0"


class ExtractorError(Exception):
    """The one documented error type: bad input named with the file and the reason."""

    def __init__(self, source: str, reason: str, stage: str = "ingest") -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.stage = stage


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names in order, read once (dataclasses.fields walks them all on every call)."""
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class RawDocument:
    """What a reader produced: the original bytes, their media type and the decoded text.

    `text` is the reader's plain-text rendering (decoded bytes for text files; the body text for
    HTML, PDF and DOCX). Offsets called "raw" in the output point into this string.
    """

    source: str
    data: bytes
    media_type: str
    text: str
    warnings: tuple[str, ...] = ()
    title_hint: str | None = None
    date_hint: str | None = None


@dataclass(frozen=True)
class Repair:
    """One change the cleaner made, kept so `clean --diff` and `warnings` can show it."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str


@dataclass
class CleanText:
    """Simplified, repaired text with a map from each character back to the raw text."""

    text: str
    offsets: Sequence[int]  # an array("q") from the cleaner; any sequence of ints will do
    raw: str
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-text span covering cleaned characters [start, end)."""
        if not self.offsets or start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, as found in a sentence (offsets into CleanText.text)."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str | None
    approx: bool = False
    comparator: str | None = None


@dataclass(frozen=True)
class TimeExpr:
    """A time phrase resolved to an ISO deadline where possible."""

    start: int
    end: int
    text: str
    date: str | None
    kind: str = "deadline"
    year: int | None = None
    recurrence: str | None = None


@dataclass(frozen=True)
class AgencyMention:
    start: int
    end: int
    name: str
    actor: bool


@dataclass
class Obligation:
    id: str
    sentence: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    subject: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    deadline: str | None
    deadline_text: str | None
    scope: str | None
    agencies: list[str]
    strength: str
    kind: str
    approx: bool = False
    recurrence: str | None = None
    indicator: str = "other"
    evidence: list[dict[str, int]] = field(default_factory=list)
    outline_path: list[str] = field(default_factory=list)
    confidence: float | None = None
    indicator_label: str = "其他"
    indicator_provisional: bool = False
    unit_family: str | None = None
    value_base: float | None = None
    value_max_base: float | None = None
    unit_base: str | None = None
    as_of: str | None = None
    province: str | None = None  # the province its own sentence names on a page naming several (docs/progress.md)

    def to_dict(self) -> dict[str, Any]:
        d = {name: getattr(self, name) for name in _field_names(type(self))}
        d["agencies"] = list(self.agencies)
        d["evidence"] = [dict(e) for e in self.evidence]
        d["outline_path"] = list(self.outline_path)
        for key in ("value", "value_max", "value_base", "value_max_base"):
            v = d[key]
            if isinstance(v, float) and v.is_integer():
                d[key] = int(v)
        return d


@dataclass
class Notice:
    doc_id: str
    source: str
    title: str | None
    doc_number: str | None
    issuers: list[str]
    addressees: list[str]
    issue_date: str | None
    province: str | None
    city: str | None
    admin_level: str | None
    text: str
    warnings: list[str]
    obligations: list[Obligation]
    media_type: str = "text/plain"
    region_evidence: list[str] = field(default_factory=list)
    genre: str | None = None
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "doc_id": self.doc_id,
            "source": self.source,
            "media_type": self.media_type,
            "title": self.title,
            "doc_number": self.doc_number,
            "issuers": list(self.issuers),
            "addressees": list(self.addressees),
            "issue_date": self.issue_date,
            "province": self.province,
            "city": self.city,
            "admin_level": self.admin_level,
            "region_evidence": list(self.region_evidence),
            "genre": self.genre,
            "text": self.text,
            "warnings": list(self.warnings),
            "obligations": [o.to_dict() for o in self.obligations],
        }

"""An obligation before ids, raw offsets and merging are settled: what every rule step fills in."""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.extractors.clauses import Sentence
from extractor.model import TimeExpr


@dataclass
class Draft:
    sentence: Sentence
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    deadline: TimeExpr | None
    pos: int
    end: int
    subject: str | None
    scope: str | None
    agencies: list[str]
    strength: str
    kind: str
    approx: bool = False
    recurrence: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    source: str = "prose"
    reason: str | None = None
    outline_path: tuple[str, ...] = ()
    listed: bool = False  # its subject is the member a 分别 list pairs with it
    counts_as: Draft | None = None  # the value before it in its sentence, when its clause names nothing of its own
    restates: Draft | None = None  # the earlier target it states again (same value, unit and due date): one record

"""Strength of an obligation (GOLD_FORMAT.md "strength"): binding, aspirational or encouraged.

The nearest binding or aspirational cue before the value in its sentence wins; encouragement (鼓励, 支持,
有条件的地方) counts within the value's own clause; with no cue before the value, a cue later in its clause;
with none at all, a goal section or goal lead-in makes it aspirational and anything else binding.
Cue words: `gazetteers/keywords/strength.toml`.
"""
from __future__ import annotations

from extractor.extractors import cues
from extractor.extractors.mentions import SentenceView

LABELS = ("binding", "aspirational")


def _ranked(view: SentenceView, pos: int) -> list[tuple[int, str]]:
    clause = view.clause_at(pos)
    out: list[tuple[int, str]] = []
    for label in LABELS:
        out += [(p, label) for p, _ in cues.find("strength", label, view.text, view.sent.start, view.sent.end, view.tokens)]
    out += [(p, "encouraged") for p, _ in cues.find("strength", "encouraged", view.text, clause[0], clause[1], view.tokens)]
    return sorted(out)


def _conditional(view: SentenceView, pos: int) -> bool:
    """`有条件的地方`, `鼓励…`: encouragement naming who may act outranks a modal later in the clause
    (`有条件的农村应建立社工站` is encouraged)."""
    clause = view.clause_at(pos)
    return cues.has("strength", "encouraged_phrases", view.text, clause[0], pos)


def strength_at(view: SentenceView, pos: int, goal_context: bool) -> str:
    if _conditional(view, pos):
        return "encouraged"
    ranked = _ranked(view, pos)
    clause = view.clause_at(pos)
    before = [r for r in ranked if r[0] < pos]
    if before:
        return before[-1][1]
    after = [r for r in ranked if clause[0] <= r[0] < clause[1] and r[1] != "encouraged"]
    if after:
        return after[0][1]
    return "aspirational" if goal_context else "binding"

"""What the rules knew about a record when they proposed it, as a plain dict the features read.

The output record (`Obligation`) keeps only what a user needs; the decision also needs the rules' own view:
the kind they gave and why (the background reason), whether the value came from a table, the sections and
headings above the sentence, and where the value stands in its sentence. The outline stage, when present,
adds `outline_path` and flags to the record itself; features.py prefers those.
"""
from __future__ import annotations

from typing import Any

from extractor.extractors.drafts import Draft


def rule_evidence(d: Draft) -> dict[str, Any]:
    """The evidence of one draft (plain values only, so it can be kept, compared and tested)."""
    s = d.sentence
    return {
        "rule_kind": d.kind,
        "reason": d.reason,
        "source": d.source,
        "goal_section": s.in_goal_section,
        "background_section": s.in_background_section,
        "binding_section": s.in_binding_section,
        "heading": s.is_heading,
        "first_in_para": s.first_in_para,
        "outline_path": [h.text for h in s.headings],
        "value_start": d.pos,
        "value_end": d.end,
    }

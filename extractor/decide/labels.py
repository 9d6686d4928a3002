"""Training labels: which candidates are real targets, decided by the scorer's own matching (evaluate.py).

Every candidate of a document (what the rules called a target and what they called a fact) is matched to
the gold obligations one-to-one as `eval` matches targets; a matched candidate is a target (1), the rest
are not (0). `strict` also asks that its unit, comparator and deadline be right.
"""
from __future__ import annotations

from typing import Any

from extractor.evaluate import field_ok, match_document

STRICT_FIELDS = ("unit", "comparator", "deadline")


def label_candidates(gold_obs: list[dict[str, Any]], candidates: list[dict[str, Any]]) -> tuple[list[int], list[int]]:
    """(matched, strict) 1/0 for each candidate, in order."""
    matched = [0] * len(candidates)
    strict = [0] * len(candidates)
    for gi, pi in match_document(gold_obs, candidates):
        matched[pi] = 1
        strict[pi] = int(all(field_ok(f, gold_obs[gi], candidates[pi]) for f in STRICT_FIELDS))
    return matched, strict


def label_targets(gold_obs: list[dict[str, Any]], notice: dict[str, Any]) -> list[int]:
    """1/0 for each obligation of a finished notice as `eval` scores it: its targets are matched to gold."""
    obligations = notice.get("obligations") or []
    targets = [i for i, o in enumerate(obligations) if o.get("kind", "target") == "target"]
    labels = [0] * len(obligations)
    for _, pi in match_document(gold_obs, [obligations[i] for i in targets]):
        labels[targets[pi]] = 1
    return labels

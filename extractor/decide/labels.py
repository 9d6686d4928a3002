"""Training labels: which candidates are real targets, decided by the scorer's own matching (evaluate.py).

Every candidate of a document (what the rules called a target and what they called a fact) is matched to
the gold obligations one-to-one as `eval` matches targets; a matched candidate is a target (1), the rest
are not (0). `strict` also asks that its unit, comparator and deadline be right.

One difference from `eval`, where only targets compete: among the candidates a gold obligation overlaps
equally (a table row `99% 99%以上` gives a base-column and a target-column candidate of the same value and
sentence), the one whose unit, comparator and deadline agree with the gold is the match. `eval` alone would
take the first, the base column, and teach the model that base columns are targets and target columns not.
"""
from __future__ import annotations

from typing import Any

from extractor.evaluate import field_ok, greedy_pairs, match_document, overlap, values_match

STRICT_FIELDS = ("unit", "comparator", "deadline")


def _agreement(g: dict[str, Any], p: dict[str, Any]) -> int:
    return sum(field_ok(f, g, p) for f in STRICT_FIELDS)


def match_candidates(gold_obs: list[dict[str, Any]], candidates: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(gold, candidate) pairs: eval's greedy one-to-one match by overlap, ties broken by field agreement."""
    scored = []
    for gi, g in enumerate(gold_obs):
        for pi, p in enumerate(candidates):
            score = overlap(g.get("evidence", ""), p.get("sentence", "")) if values_match(g, p) else 0.0
            if score > 0:
                scored.append((score, _agreement(g, p), -gi, -pi, gi, pi))
    return greedy_pairs(scored)


def label_candidates(gold_obs: list[dict[str, Any]], candidates: list[dict[str, Any]]) -> tuple[list[int], list[int]]:
    """(matched, strict) 1/0 for each candidate, in order."""
    matched = [0] * len(candidates)
    strict = [0] * len(candidates)
    for gi, pi in match_candidates(gold_obs, candidates):
        matched[pi] = 1
        strict[pi] = int(_agreement(gold_obs[gi], candidates[pi]) == len(STRICT_FIELDS))
    return matched, strict


def label_targets(gold_obs: list[dict[str, Any]], notice: dict[str, Any]) -> list[int]:
    """1/0 for each obligation of a finished notice as `eval` scores it: its targets are matched to gold."""
    obligations = notice.get("obligations") or []
    targets = [i for i, o in enumerate(obligations) if o.get("kind", "target") == "target"]
    labels = [0] * len(obligations)
    for _, pi in match_document(gold_obs, [obligations[i] for i in targets]):
        labels[targets[pi]] = 1
    return labels

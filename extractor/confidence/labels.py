"""What a record's confidence predicts: that it is a real target with the right value, unit, comparator
and deadline (the `strict` match of docs/annotation.md "Scoring"), decided by the scorer's own matching."""
from __future__ import annotations

from typing import Any

from extractor.evaluate import field_ok, match_document

STRICT_FIELDS = ("unit", "comparator", "deadline")


def _strict(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return all(field_ok(f, gold, pred) for f in STRICT_FIELDS)


def label_document(gold_obs: list[dict[str, Any]], notice: dict[str, Any]) -> list[int]:
    """1/0 for each obligation of the notice, in order.

    Targets are matched to gold as `eval` matches them; a record the extractor called a fact is then
    matched against the gold left over, and is 1 when it is in truth a target it got right."""
    obligations = notice.get("obligations") or []
    targets = [i for i, o in enumerate(obligations) if o.get("kind", "target") == "target"]
    facts = [i for i, o in enumerate(obligations) if o.get("kind", "target") != "target"]
    labels = [0] * len(obligations)
    pairs = match_document(gold_obs, [obligations[i] for i in targets])
    for gi, pi in pairs:
        labels[targets[pi]] = int(_strict(gold_obs[gi], obligations[targets[pi]]))
    used = {gi for gi, _ in pairs}
    rest = [g for i, g in enumerate(gold_obs) if i not in used]
    for gi, pi in match_document(rest, [obligations[i] for i in facts]):
        labels[facts[pi]] = int(_strict(rest[gi], obligations[facts[pi]]))
    return labels

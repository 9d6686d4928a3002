"""The pipeline's one call into the decision: score every candidate, keep as targets those the model keeps.

A candidate the model rejects is kept as kind "fact" (a figure the notice states, not a target): it is not
scored by `eval`, the tables list it with the background figures, and nothing the rules found is lost. Its
confidence still says how likely it is to be a target after all. Hard rules stay rules: a target has a value
or a deadline (a dated duty's action and time are checked by the rules that propose it), and a cell of an
indicator table keeps the kind its column gives (a target-year column is a target, a base column background:
docs/annotation.md "Indicator tables"), and the old value of a changed standard stays a fact; the model still
gives each a confidence.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from extractor.decide.features import NoticeContext, vector
from extractor.decide.model import DecisionModel, load_model
from extractor.model import Notice


def can_be_target(ob: dict[str, Any]) -> bool:
    return ob.get("value") is not None or bool(ob.get("deadline"))


# Reasons that are facts of the text, not evidence to weigh: the value a changed standard had before the change
# (由每人每月600元提高到650元) is never what the notice asks for.
HARD_FACTS = ("old value",)


def kind_of(ob: dict[str, Any], ev: dict[str, Any], confidence: float, threshold: float) -> str:
    """The kind a candidate gets: a table cell keeps its column's kind, an old value of a change stays a fact,
    otherwise the model's threshold decides."""
    if ev.get("source") == "table":
        return ob.get("kind", "target")
    if (ev.get("reason") or "").startswith(HARD_FACTS):
        return "fact"
    return "target" if confidence >= threshold and can_be_target(ob) else "fact"


def decide(notice: dict[str, Any], evidence: list[dict[str, Any]], model: DecisionModel | None = None) -> list[tuple[str, float | None]]:
    """(kind, confidence) of each candidate of a notice dict; the rules' kinds and None without a model."""
    model = model or load_model()
    obligations = notice.get("obligations") or []
    if model is None or not obligations:
        return [(o.get("kind", "target"), None) for o in obligations]
    ctx = NoticeContext.of(notice, evidence)
    rows = np.array([vector(o, ctx, ev, model.features) for o, ev in zip(obligations, evidence)], dtype=float)
    out = []
    for o, ev, p in zip(obligations, evidence, model.predict(rows)):
        conf = round(float(p), 4)
        out.append((kind_of(o, ev, conf, model.threshold), conf))
    return out


def apply_decision(notice: Notice, evidence: list[dict[str, Any]]) -> Notice:
    """Set `kind` and `confidence` on every obligation of a freshly built Notice."""
    if not notice.obligations:
        return notice
    for ob, (kind, conf) in zip(notice.obligations, decide(notice.to_dict(), evidence)):
        ob.kind, ob.confidence = kind, conf
    return notice

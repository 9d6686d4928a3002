"""Features of one output record, computed from the record and its notice only.

The confidence model must survive rewrites of the extraction rules, so nothing here looks inside the
rules: it reads what any version of the extractor writes (the obligation's fields, its sentence and
offsets, the notice's text, warnings, genre and date) and the cue words of `gazetteers/keywords/`.
Every feature is a number in about [0, 1]; the model standardises them.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extractor import gazetteers, patterns
from extractor.nlp.spans import tokens

LEAD_IN_WINDOW = 600
STRENGTHS = ("binding", "aspirational", "encouraged")
COMPARATORS = (">=", "<=", "=", "range")


@lru_cache(maxsize=1)
def cue_lists() -> dict[str, tuple[str, ...]]:
    """Named cue lists from the keyword files; each becomes a sentence and a clause feature."""
    strength = gazetteers.keywords("strength")
    comparators = gazetteers.keywords("comparators")
    background = gazetteers.keywords("background")
    actions = gazetteers.keywords("actions")
    own = gazetteers.keywords("confidence")
    named = {
        "binding": strength["binding"],
        "aspirational": strength["aspirational"],
        "encouraged": strength["encouraged"] + strength["encouraged_phrases"],
        "goal_heading": gazetteers.keywords("structure")["goal_words"],
        "cmp_ge": [*comparators["ge_before"], *comparators["ge_after"]],
        "cmp_le": [*comparators["le_before"], *comparators["le_after"]],
        "forward": background["forward"],
        "fact": background["status"] + background["reported"],
        "strong_fact": background["status"],
        "forecast": background["forecast"],
        "state": actions["state_phrases"],
        "action": actions["actions"],
        "cycle": background["cycle_verbs"],
        "reported": own["reported_speech"],
        "conditional": own["conditional"],
        "hedge": own["hedges"],
    }
    return {k: tuple(dict.fromkeys(v)) for k, v in named.items()}


def _kinds(key: str) -> tuple[str, ...]:
    return tuple(gazetteers.keywords("confidence").get(key, []))


@lru_cache(maxsize=1)
def feature_names() -> tuple[str, ...]:
    """The feature order shared by training and the shipped model (the model file lists it too)."""
    names = [f"{where}:{cue}" for cue in cue_lists() for where in ("sentence", "clause")]
    names += [f"has:{f}" for f in ("value", "unit", "deadline", "agencies", "subject", "value_max", "recurrence", "scope")]
    names += [f"comparator:{c}" for c in (*COMPARATORS, "none")]
    names += [f"strength:{s}" for s in STRENGTHS]
    names += [f"genre:{g}" for g in (*_kinds("genres"), "none")]
    names += [f"warning:{w}" for w in _kinds("warning_kinds")]
    names += [
        "approx", "indicator_known", "value_found", "deadline_text_in_sentence", "table_row", "repaired_span",
        "odd_characters", "sentence_length", "clause_length", "position", "same_sentence", "evidence_count",
        "deadline_before_issue", "deadline_far", "no_issue_date", "year_like_value", "lead_in_near",
        "notice_fact_share", "notice_targets", "notice_length", "has_title", "has_issuers", "has_doc_number",
    ]
    return tuple(names)


@lru_cache(maxsize=None)
def _cue_matchers(name: str) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """One alternation for a list's longer cues, a set for its one-character ones (matched as whole words)."""
    words = cue_lists()[name]
    longer = sorted((w for w in words if len(w) > 1), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, longer))) if longer else None
    return pattern, frozenset(w for w in words if len(w) == 1)


@lru_cache(maxsize=1024)
def _cues_found(text: str) -> frozenset[str]:
    """The cue lists found in a sentence or clause (records of one sentence share it): a list's
    one-character cues as whole words, its longer ones anywhere."""
    toks = frozenset(tokens(text))
    found = set()
    for name in cue_lists():
        pattern, singles = _cue_matchers(name)
        if singles & toks or (pattern is not None and pattern.search(text) is not None):
            found.add(name)
    return frozenset(found)


@lru_cache(maxsize=1024)
def _odd_characters(sentence: str) -> bool:
    return any(ch in sentence for ch in "*?\ufffd") or any("\ue000" <= ch <= "\uf8ff" for ch in sentence)


def _value_forms(value: float) -> list[str]:
    """How a normalised value may be written: 30, 1.5, 5万, 24.9亿."""
    forms = [f"{value:g}" if not float(value).is_integer() else str(int(value))]
    for scale, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= scale:
            forms.append(f"{value / scale:g}{word}")
    return forms


def locate(ob: dict[str, Any]) -> tuple[int, int] | None:
    """Span of the value (else the deadline phrase) inside the sentence, None when neither is found."""
    sentence = ob.get("sentence") or ""
    anchors = [(a, True) for a in _value_forms(float(ob["value"]))] if ob.get("value") is not None else []
    anchors += [(ob["deadline_text"], False)] if ob.get("deadline_text") else []
    for anchor, numeric in anchors:
        if not anchor:
            continue
        at = sentence.find(anchor)
        while at >= 0:
            end = at + len(anchor)
            before = sentence[at - 1] if at else ""
            after = sentence[end] if end < len(sentence) else ""
            if not numeric or not any(c.isdigit() or c == "." for c in before + after):
                return at, end
            at = sentence.find(anchor, end)  # matches do not overlap, as with a regex scan
    return None


def clause_around(sentence: str, span: tuple[int, int] | None) -> str:
    """The clause (between commas, semicolons, colons, tabs) holding the span; the sentence if unknown."""
    if span is None:
        return sentence
    breaks = _breaks(sentence)
    i = bisect.bisect_left(breaks, span[0])
    j = bisect.bisect_left(breaks, span[1])
    return sentence[breaks[i - 1] + 1 if i else 0 : breaks[j] if j < len(breaks) else len(sentence)]


@lru_cache(maxsize=1024)
def _breaks(sentence: str) -> list[int]:
    """Where the sentence's clauses end, found once for all its records."""
    return [m.start() for m in patterns.CLAUSE_BREAK_ANY.finditer(sentence)]


@dataclass(frozen=True)
class NoticeContext:
    """What the features need from the notice, computed once per notice."""

    text: str
    issue_year: int | None
    genre: str | None
    warning_kinds: frozenset[str]
    per_sentence: Counter[tuple[int, int]]
    headings: tuple[int, ...]
    targets: int
    facts: int
    metadata: frozenset[str]

    @classmethod
    def of(cls, notice: dict[str, Any]) -> NoticeContext:
        text = notice.get("text") or ""
        date = notice.get("issue_date") or ""
        obligations = notice.get("obligations") or []
        heads = sorted({m.start() for w in cue_lists()["goal_heading"] for m in re.finditer(re.escape(w), text)})
        return cls(
            text=text,
            issue_year=int(date[:4]) if date[:4].isdigit() else None,
            genre=notice.get("genre"),
            warning_kinds=frozenset(w.split(":", 1)[0].strip() for w in notice.get("warnings") or []),
            per_sentence=Counter((o.get("start", 0), o.get("end", 0)) for o in obligations),
            headings=tuple(heads),
            targets=sum(1 for o in obligations if o.get("kind", "target") == "target"),
            facts=sum(1 for o in obligations if o.get("kind", "target") != "target"),
            metadata=frozenset(k for k in ("title", "issuers", "doc_number") if notice.get(k)),
        )

    def lead_in_distance(self, start: int) -> int | None:
        i = bisect.bisect_right(self.headings, start)
        return start - self.headings[i - 1] if i else None


def _squash(n: float, scale: float) -> float:
    """A count or length mapped to [0, 1): n / (n + scale)."""
    return n / (n + scale) if n > 0 else 0.0


@dataclass(frozen=True)
class _Keys:
    """The names of the per-list features, formatted once rather than for every record."""

    cues: tuple[tuple[str, str, str], ...]
    has: tuple[tuple[str, str], ...]
    comparators: tuple[tuple[str, str], ...]
    strengths: tuple[tuple[str, str], ...]
    genres: tuple[tuple[str, str], ...]
    warnings: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def _keys() -> _Keys:
    return _Keys(
        cues=tuple((c, f"sentence:{c}", f"clause:{c}") for c in cue_lists()),
        has=tuple((n, f"has:{n}") for n in ("value", "unit", "deadline", "agencies", "subject", "value_max", "recurrence", "scope")),
        comparators=tuple((c, f"comparator:{c}") for c in (*COMPARATORS, "none")),
        strengths=tuple((st, f"strength:{st}") for st in STRENGTHS),
        genres=tuple((g, f"genre:{g}") for g in (*_kinds("genres"), "none")),
        warnings=tuple((w, f"warning:{w}") for w in _kinds("warning_kinds")),
    )


def features(ob: dict[str, Any], ctx: NoticeContext) -> dict[str, float]:
    """The named features of one obligation record (names as in `feature_names`)."""
    sentence = ob.get("sentence") or ""
    span = locate(ob)
    clause = clause_around(sentence, span)
    in_sentence, in_clause = _cues_found(sentence), _cues_found(clause)
    keys = _keys()
    f: dict[str, float] = {}
    for cue, in_s, in_c in keys.cues:
        f[in_s] = float(cue in in_sentence)
        f[in_c] = float(cue in in_clause)
    for name, key in keys.has:
        f[key] = float(bool(ob.get(name)) or ob.get(name) == 0)
    comparator = ob.get("comparator")
    for c, key in keys.comparators:
        f[key] = float(comparator == c or (c == "none" and comparator not in COMPARATORS))
    for st, key in keys.strengths:
        f[key] = float(ob.get("strength") == st)
    for g, key in keys.genres:
        f[key] = float(ctx.genre == g or (g == "none" and ctx.genre is None))
    for w, key in keys.warnings:
        f[key] = float(w in ctx.warning_kinds)
    start, end = int(ob.get("start") or 0), int(ob.get("end") or 0)
    raw_len = int(ob.get("raw_end") or 0) - int(ob.get("raw_start") or 0)
    deadline_year = int(ob["deadline"][:4]) if str(ob.get("deadline") or "")[:4].isdigit() else None
    value = ob.get("value")
    lead = ctx.lead_in_distance(start)
    f.update({
        "approx": float(bool(ob.get("approx"))),
        "indicator_known": float(ob.get("indicator") not in (None, "", "other")),
        "value_found": float(span is not None),
        "deadline_text_in_sentence": float(bool(ob.get("deadline_text")) and ob["deadline_text"] in sentence),
        "table_row": float("\t" in sentence or "|" in sentence),
        "repaired_span": float(raw_len != end - start),
        "odd_characters": float(_odd_characters(sentence)),
        "sentence_length": _squash(len(sentence), 60),
        "clause_length": _squash(len(clause), 20),
        "position": start / len(ctx.text) if ctx.text else 0.0,
        "same_sentence": _squash(ctx.per_sentence.get((start, end), 1) - 1, 2),
        "evidence_count": _squash(len(ob.get("evidence") or []) - 1, 1),
        "deadline_before_issue": float(deadline_year is not None and ctx.issue_year is not None and deadline_year < ctx.issue_year),
        "deadline_far": float(deadline_year is not None and ctx.issue_year is not None and deadline_year > ctx.issue_year + 15),
        "no_issue_date": float(ctx.issue_year is None),
        "year_like_value": float(value is not None and not ob.get("unit") and 1900 <= float(value) <= 2100),
        "lead_in_near": math.exp(-lead / LEAD_IN_WINDOW) if lead is not None else 0.0,
        "notice_fact_share": ctx.facts / (ctx.facts + ctx.targets) if ctx.facts + ctx.targets else 0.0,
        "notice_targets": _squash(ctx.targets, 10),
        "notice_length": _squash(len(ctx.text), 3000),
        "has_title": float("title" in ctx.metadata),
        "has_issuers": float("issuers" in ctx.metadata),
        "has_doc_number": float("doc_number" in ctx.metadata),
    })
    return f


def vector(ob: dict[str, Any], ctx: NoticeContext, names: tuple[str, ...] | list[str]) -> list[float]:
    """The features in a model's order; a name the current code does not compute counts as 0."""
    f = features(ob, ctx)
    return [f.get(n, 0.0) for n in names]

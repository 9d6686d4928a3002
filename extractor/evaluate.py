"""Scoring against gold annotations, exactly as docs/annotation.md "Scoring" says.

A predicted target matches a gold obligation in the same document when their evidence overlaps (half
of the gold's character 4-grams in the predicted sentence, or, for a predicted sentence of 8+
characters, half of its 4-grams in the gold evidence; whitespace and punctuation removed) and their
values are equal (relative difference < 1e-6), or both values are null and the deadlines are equal.
Matching is one-to-one, greedy by overlap.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

META_FIELDS = ("title", "doc_number", "issuers", "addressees", "issue_date", "province", "city", "admin_level")
PAIR_FIELDS = ("unit", "comparator", "deadline", "strength", "agencies")


def normalise(s: str | None) -> str:
    return "".join(ch for ch in (s or "") if ch.isalnum())


def grams(s: str, n: int = 4) -> set[str]:
    s = normalise(s)
    if len(s) < n:
        return {s} if s else set()
    return {s[i : i + n] for i in range(len(s) - n + 1)}


@lru_cache(maxsize=65536)
def overlap(gold_evidence: str, predicted: str) -> float:
    """The larger of the two containment ratios, 0 when neither reaches one half."""
    g, p = grams(gold_evidence), grams(predicted)
    if not g or not p:
        return 0.0
    shared = len(g & p)
    ratios = [shared / len(g)]
    if len(normalise(predicted)) >= 8:
        ratios.append(shared / len(p))
    best = max(ratios)
    return best if best >= 0.5 else 0.0


def values_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    gv, pv = gold.get("value"), pred.get("value")
    if gv is not None and pv is not None:
        gv, pv = float(gv), float(pv)
        scale = max(abs(gv), abs(pv))
        return scale == 0 or abs(gv - pv) / scale < 1e-6
    if gv is None and pv is None:
        return gold.get("deadline") == pred.get("deadline")
    return False


def agencies_match(gold: list[str], pred: list[str]) -> bool:
    if not gold:
        return not pred
    g = [normalise_space(a) for a in gold]
    p = [normalise_space(a) for a in pred]
    return any(a and b and (a in b or b in a) for a in g for b in p)


def normalise_space(s: str) -> str:
    return "".join(s.split())


def match_document(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if not values_match(g, p):  # the cheap test first: training scores many thresholds
                continue
            score = overlap(g.get("evidence", ""), p.get("sentence", ""))
            if score > 0:
                candidates.append((score, -gi, -pi, gi, pi))
    return greedy_pairs(candidates)


def greedy_pairs(scored: list[tuple[Any, ...]]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) pairs from tuples ending in (gold index, predicted index), best first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, gi, pi in sorted(scored, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def field_ok(name: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if name == "agencies":
        return agencies_match(g.get("agencies") or [], p.get("agencies") or [])
    return g.get(name) == p.get(name)


def meta_ok(name: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if name in ("issuers", "addressees"):
        return set(gold.get(name) or []) == set(pred.get(name) or [])
    return gold.get(name) == pred.get(name)


@dataclass
class Report:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    strict: int = 0
    fields: dict[str, int] = field(default_factory=lambda: {f: 0 for f in PAIR_FIELDS})
    meta: dict[str, int] = field(default_factory=lambda: {f: 0 for f in META_FIELDS})
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    field_errors: list[dict[str, Any]] = field(default_factory=list)
    meta_errors: list[dict[str, Any]] = field(default_factory=list)
    # (gold doc id, index in its obligations) -> the matched prediction's indicator ("" when unmatched)
    indicators: dict[tuple[str, int], str] = field(default_factory=dict)

    @staticmethod
    def prf(hit: int, pred: int, gold: int) -> dict[str, float]:
        p = hit / pred if pred else 0.0
        r = hit / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    def numbers(self) -> dict[str, Any]:
        pairs = self.matched or 1
        return {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "obligations": self.prf(self.matched, self.predicted, self.gold),
            "strict": self.prf(self.strict, self.predicted, self.gold),
            "fields": {k: round(v / pairs, 4) if self.matched else 0.0 for k, v in self.fields.items()},
            "metadata": {k: round(v / self.documents, 4) if self.documents else 0.0 for k, v in self.meta.items()},
        }


def score(gold_docs: list[dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> Report:
    """gold_docs: gold JSON objects; predicted: notice dicts keyed by the gold's `raw` file name."""
    rep = Report()
    for gdoc in gold_docs:
        rep.documents += 1
        key = gdoc.get("raw") or gdoc.get("doc_id")
        pdoc = predicted.get(key, {"obligations": []})
        gold_obs = gdoc.get("obligations", [])
        pred_obs = [o for o in pdoc.get("obligations", []) if o.get("kind", "target") == "target"]
        rep.gold += len(gold_obs)
        rep.predicted += len(pred_obs)
        pairs = match_document(gold_obs, pred_obs)
        rep.matched += len(pairs)
        doc_id = str(gdoc.get("doc_id") or Path(str(key)).stem)
        for gi in range(len(gold_obs)):
            rep.indicators[(doc_id, gi)] = ""
        for gi, pi in pairs:
            g, p = gold_obs[gi], pred_obs[pi]
            rep.indicators[(doc_id, gi)] = str(p.get("indicator") or "other")
            if all(field_ok(f, g, p) for f in ("unit", "comparator", "deadline")):
                rep.strict += 1
            for f in PAIR_FIELDS:
                if field_ok(f, g, p):
                    rep.fields[f] += 1
                else:
                    rep.field_errors.append({"doc": key, "field": f, "gold": g.get(f), "predicted": p.get(f), "evidence": g.get("evidence", "")[:60]})
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        rep.misses += [{"doc": key, **g} for i, g in enumerate(gold_obs) if i not in matched_g]
        rep.false_positives += [{"doc": key, **p} for i, p in enumerate(pred_obs) if i not in matched_p]
        gmeta = gdoc.get("metadata", {})
        for f in META_FIELDS:
            if meta_ok(f, gmeta, pdoc):
                rep.meta[f] += 1
            else:
                rep.meta_errors.append({"doc": key, "field": f, "gold": gmeta.get(f), "predicted": pdoc.get(f)})
    return rep


def gold_sets(folder: Path) -> list[tuple[str, Path]]:
    """The gold sets under a folder: the folder itself when it holds gold files, else each subfolder that
    does (corpora/ holds seeds/, web/ and long/), named by the folder."""
    if load_gold(folder):
        return [(folder.name or str(folder), folder)]
    return [(sub.name, sub) for sub in sorted(p for p in folder.iterdir() if p.is_dir()) if load_gold(sub)] if folder.is_dir() else []


def half_of(docs: list[dict[str, Any]], half: str | None) -> list[dict[str, Any]]:
    """`odd` or `even`: the documents whose name ends in an odd or even number (A01, B03 … are odd), the
    split that keeps one half of a development set untouched while rules are written on the other."""
    if not half:
        return docs

    def number(d: dict[str, Any]) -> int | None:
        m = re.search(r"(\d+)$", Path(str(d.get("raw") or d.get("doc_id", ""))).stem)
        return int(m.group(1)) if m else None

    want = 1 if half == "odd" else 0
    return [d for d in docs if (n := number(d)) is not None and n % 2 == want]


def load_gold(folder: Path) -> list[dict[str, Any]]:
    docs = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and "obligations" in data and "metadata" in data:
            data.setdefault("raw", data.get("doc_id", path.stem))
            data["_path"] = str(path)
            docs.append(data)
    return docs


def render(rep: Report, detail: bool = True) -> str:
    n = rep.numbers()
    lines = [
        f"documents {n['documents']}  gold {n['gold']}  predicted targets {n['predicted']}  matched {n['matched']}",
        "",
        f"{'':12}{'precision':>10}{'recall':>10}{'F1':>8}",
    ]
    for label in ("obligations", "strict"):
        m = n[label]
        lines.append(f"{label:12}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}")
    lines.append("")
    lines.append("matched pairs: " + "  ".join(f"{k} {v:.3f}" for k, v in n["fields"].items()))
    lines.append("metadata:      " + "  ".join(f"{k} {v:.2f}" for k, v in n["metadata"].items()))
    if detail:
        if rep.misses:
            lines += ["", f"misses ({len(rep.misses)}):"]
            lines += [f"  [{m['doc']}] value={m.get('value')} {m.get('unit') or ''} deadline={m.get('deadline')} | {m.get('evidence', '')[:70]}" for m in rep.misses]
        if rep.false_positives:
            lines += ["", f"false positives ({len(rep.false_positives)}):"]
            lines += [f"  [{p['doc']}] value={p.get('value')} {p.get('unit') or ''} deadline={p.get('deadline')} | {p.get('sentence', '')[:70]}" for p in rep.false_positives]
        if rep.field_errors:
            lines += ["", f"field errors on matched pairs ({len(rep.field_errors)}):"]
            lines += [f"  [{e['doc']}] {e['field']}: gold={e['gold']} predicted={e['predicted']} | {e['evidence']}" for e in rep.field_errors]
        if rep.meta_errors:
            lines += ["", f"metadata errors ({len(rep.meta_errors)}):"]
            lines += [f"  [{e['doc']}] {e['field']}: gold={e['gold']} predicted={e['predicted']}" for e in rep.meta_errors]
    return "\n".join(lines)


def render_summary(reports: list[tuple[str, Report]]) -> str:
    """One line per gold set: the figures a README table needs."""
    head = f"{'set':10}{'docs':>5}{'gold':>6}{'F1':>7}{'strict':>8}{'unit':>6}{'cmp':>6}{'dl':>6}{'str':>6}{'agency':>7}  metadata (title issuers date province level)"
    lines = [head]
    for name, rep in reports:
        n = rep.numbers()
        f, m = n["fields"], n["metadata"]
        lines.append(
            f"{name:10}{n['documents']:>5}{n['gold']:>6}{n['obligations']['f1']:>7.3f}{n['strict']['f1']:>8.3f}"
            f"{f['unit']:>6.2f}{f['comparator']:>6.2f}{f['deadline']:>6.2f}{f['strength']:>6.2f}{f['agencies']:>7.2f}"
            f"  {m['title']:.2f} {m['issuers']:.2f} {m['issue_date']:.2f} {m['province']:.2f} {m['admin_level']:.2f}"
        )
    return "\n".join(lines)


GROUPS_FILE = "groups.jsonl"


class GroupsError(ValueError):
    """A groups file that cannot be read, named by file and line."""


def load_groups(path: Path) -> dict[tuple[str, int], str | None]:
    """A groups file (../shared/eval/indicators/README.md): (doc_id, index) -> key of what is measured (None: no
    value, so no column). A line that is not a JSON object with doc_id, index and key stops with FILE:LINE."""
    out: dict[tuple[str, int], str | None] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GroupsError(f"{path}: cannot read the groups file: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GroupsError(f"{path}:{n}: not JSON: {exc.msg}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("doc_id"), str) or not isinstance(row.get("index"), int) \
                or not (row.get("key") is None or isinstance(row.get("key"), str)):
            raise GroupsError(f"{path}:{n}: expected an object with doc_id (text), index (integer) and key (text or null)")
        out[(row["doc_id"], row["index"])] = row["key"] or None
    return out


def real_indicator(indicator: str) -> bool:
    """A column in the comparison table: a canonical or provisional indicator, not "other" nor unmatched."""
    return bool(indicator) and indicator != "other"


@dataclass
class GroupScore:
    """Pair recall / precision / F1 of the indicator grouping (README of ../shared/eval/indicators)."""

    gold_pairs: int = 0
    recalled: int = 0
    predicted_pairs: int = 0
    correct: int = 0
    keyed: int = 0
    matched: int = 0
    with_indicator: int = 0
    canonical: int = 0

    def numbers(self) -> dict[str, Any]:
        p = self.correct / self.predicted_pairs if self.predicted_pairs else 0.0
        r = self.recalled / self.gold_pairs if self.gold_pairs else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"gold_pairs": self.gold_pairs, "predicted_pairs": self.predicted_pairs, "precision": round(p, 4),
                "recall": round(r, 4), "f1": round(f, 4), "keyed": self.keyed, "matched": self.matched,
                "indicator_share": round(self.with_indicator / self.matched, 4) if self.matched else 0.0,
                "canonical_share": round(self.canonical / self.matched, 4) if self.matched else 0.0}


def score_groups(groups: dict[tuple[str, int], str | None], indicators: dict[tuple[str, int], str]) -> GroupScore:
    """Pairs of keyed obligations from different documents, over the obligations that were scored (`indicators`:
    (doc_id, index) -> the matched prediction's indicator, "" when unmatched). Provisional ids count as real."""
    keyed = [(k, key, indicators[k]) for k, key in sorted(groups.items()) if key and k in indicators]
    out = GroupScore(keyed=len(keyed))
    for _, _, ind in keyed:
        if ind:
            out.matched += 1
            out.with_indicator += real_indicator(ind)
            out.canonical += real_indicator(ind) and not ind.startswith("~")
    for i, (a, key_a, ind_a) in enumerate(keyed):
        for b, key_b, ind_b in keyed[i + 1:]:
            if a[0] == b[0]:
                continue
            together = real_indicator(ind_a) and ind_a == ind_b
            if key_a == key_b:
                out.gold_pairs += 1
                out.recalled += together
            if together:
                out.predicted_pairs += 1
                out.correct += key_a == key_b
    return out


def render_groups(name: str, g: GroupScore) -> str:
    n = g.numbers()
    return (f"indicator groups ({name}): pairs gold {n['gold_pairs']} predicted {n['predicted_pairs']}  "
            f"precision {n['precision']:.3f}  recall {n['recall']:.3f}  F1 {n['f1']:.3f}  "
            f"matched targets with an indicator {n['indicator_share']:.1%} (canonical {n['canonical_share']:.1%})")

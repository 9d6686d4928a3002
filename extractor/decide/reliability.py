"""Is a confidence of 0.8 right 80 % of the time? Reliability table and expected calibration error.

The table bins records by confidence and compares each bin's mean confidence with the share that is
correct; ECE is the count-weighted mean gap. Used by `train` (out of fold) and `eval --reliability`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractor.decide.labels import label_targets

HIGH = 0.9


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    mean_confidence: float
    precision: float


@dataclass(frozen=True)
class Reliability:
    bins: list[Bin]
    total: int
    ece: float
    high_count: int
    high_precision: float | None
    precision: float | None
    unscored: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.total, "ece": round(self.ece, 4), "precision": _r(self.precision),
            f"count_at_{HIGH}": self.high_count, f"precision_at_{HIGH}": _r(self.high_precision),
            "unscored": self.unscored,
            "bins": [{"range": [b.low, b.high], "count": b.count, "mean_confidence": round(b.mean_confidence, 4),
                      "precision": round(b.precision, 4)} for b in self.bins],
        }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def reliability(confidences: list[float | None], labels: list[int], n_bins: int = 10) -> Reliability:
    """Equal-width bins over [0, 1]; a confidence of exactly 1 falls in the last bin. None is not scored."""
    pairs = [(c, y) for c, y in zip(confidences, labels) if c is not None]
    bins = []
    ece = 0.0
    for b in range(n_bins):
        low, high = b / n_bins, (b + 1) / n_bins
        members = [(c, y) for c, y in pairs if low <= c < high or (b == n_bins - 1 and c == high)]
        if not members:
            continue
        conf = sum(c for c, _ in members) / len(members)
        prec = sum(y for _, y in members) / len(members)
        bins.append(Bin(round(low, 2), round(high, 2), len(members), conf, prec))
        ece += len(members) / len(pairs) * abs(prec - conf)
    high_members = [y for c, y in pairs if c >= HIGH]
    return Reliability(
        bins=bins, total=len(pairs), ece=ece, high_count=len(high_members),
        high_precision=sum(high_members) / len(high_members) if high_members else None,
        precision=sum(y for _, y in pairs) / len(pairs) if pairs else None,
        unscored=len(confidences) - len(pairs),
    )


def render(rel: Reliability, title: str = "reliability") -> str:
    """The table as text (also pasted in docs/confidence.md)."""
    lines = [f"{title}: {rel.total} targets", f"{'confidence':<12}{'count':>7}{'mean conf':>11}{'precision':>11}"]
    for b in rel.bins:
        lines.append(f"{b.low:.1f}–{b.high:.1f}{'':<5}{b.count:>7}{b.mean_confidence:>11.3f}{b.precision:>11.3f}")
    hp = "—" if rel.high_precision is None else f"{rel.high_precision:.3f}"
    lines.append(f"ECE {rel.ece:.3f}   precision at ≥ {HIGH}: {hp} ({rel.high_count} records)")
    if rel.unscored:
        lines.append(f"({rel.unscored} targets without confidence: run with a model to score them)")
    return "\n".join(lines)


def target_pairs(gold_docs: list[dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> tuple[list[float | None], list[int]]:
    """(confidence, label) of every predicted target of the gold documents: 1 when `eval` matches it to gold."""
    confs: list[float | None] = []
    labels: list[int] = []
    for gdoc in gold_docs:
        notice = predicted.get(gdoc.get("raw") or gdoc.get("doc_id"), {"obligations": []})
        for ob, y in zip(notice.get("obligations") or [], label_targets(gdoc.get("obligations", []), notice)):
            if ob.get("kind", "target") == "target":
                confs.append(ob.get("confidence"))
                labels.append(y)
    return confs, labels


def reliability_report(sets: list[tuple[str, list[dict[str, Any]]]], predicted: dict[str, dict[str, Any]]) -> str:
    """`eval --reliability`: one table over every document scored, after the eval report."""
    confs: list[float | None] = []
    labels: list[int] = []
    for _, gold in sets:
        c, y = target_pairs(gold, predicted)
        confs += c
        labels += y
    names = ", ".join(name for name, _ in sets)
    return "\n" + render(reliability(confs, labels), f"reliability ({names})")


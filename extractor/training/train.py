"""`notice-extract train`: fit the confidence model on gold folders and write it as JSON.

The extractor is run on every gold document, each output record is labelled by the scorer's strict
match (extractor/confidence/labels.py), and each kind of record (target, fact) gets a logistic regression whose scores are
calibrated on cross-validation folds (scikit-learn's CalibratedClassifierCV, isotonic or Platt). Only
the fitted numbers are kept (extractor/confidence/model.py). Everything is in a fixed order with unshuffled folds, so the
same gold and the same extractor give the same file byte for byte.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extractor.confidence.features import NoticeContext, feature_names, vector
from extractor.confidence.labels import label_document
from extractor.confidence.model import Calibration, ConfidenceModel, Head
from extractor.confidence.reliability import Reliability, reliability
from extractor.evaluate import gold_sets, half_of, load_gold

KINDS = ("target", "fact")
DIGITS = 6


@dataclass
class Examples:
    """Feature rows, labels and record kinds, plus where each came from."""

    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)

    def add(self, other: Examples) -> None:
        self.rows += other.rows
        self.labels += other.labels
        self.kinds += other.kinds
        self.docs += other.docs
        self.sets += other.sets

    def of_kind(self, kind: str, in_set: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        idx = [i for i, k in enumerate(self.kinds) if k == kind and in_set in (None, self.sets[i])]
        width = len(self.rows[0]) if self.rows else 0
        return np.array([self.rows[i] for i in idx], dtype=float).reshape(len(idx), width), np.array([self.labels[i] for i in idx], dtype=int)


def examples_of(gold_docs: list[dict[str, Any]], names: tuple[str, ...], predict: Any = None) -> Examples:
    """Run the extractor on each gold document (predict: path -> notice dict) and label its records."""
    predict = predict or _extract
    ex = Examples()
    for gdoc in gold_docs:
        notice = predict(str(Path(gdoc["_path"]).parent / gdoc["raw"]))
        if notice is None:
            continue
        ctx = NoticeContext.of(notice)
        for ob, y in zip(notice.get("obligations") or [], label_document(gdoc.get("obligations", []), notice)):
            ex.rows.append(vector(ob, ctx, names))
            ex.labels.append(y)
            ex.kinds.append("target" if ob.get("kind", "target") == "target" else "fact")
            ex.docs.append(gdoc["_path"])
            ex.sets.append(gdoc.get("_set", ""))
    return ex


def _extract(path: str) -> dict[str, Any] | None:
    from extractor.batch import process_path

    return process_path(path).notice


def _round(xs: Any) -> list[float]:
    return [float(f"{float(x):.{DIGITS}g}") for x in xs]


def constant_head(labels: np.ndarray, width: int) -> Head:
    """Too few examples (or one class only): every record gets the smoothed base rate."""
    rate = (float(labels.sum()) + 1.0) / (len(labels) + 2.0)
    return Head([0.0] * width, [1.0] * width, [0.0] * width, 0.0, Calibration("isotonic", [0.0], [round(rate, 4)]))


def group_folds(groups: list[str], y: np.ndarray, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds by document (records of one notice are never split across train and test), documents dealt
    out in sorted order; fewer folds when a training part would lack one class."""
    docs = sorted(set(groups))
    for n in range(min(k, len(docs)), 1, -1):
        fold = {d: i % n for i, d in enumerate(docs)}
        f = np.array([fold[g] for g in groups])
        splits = [(np.where(f != i)[0], np.where(f == i)[0]) for i in range(n)]
        if all(len(set(y[tr])) == 2 for tr, _ in splits):
            return splits
    return []


def _fit(z: np.ndarray, y: np.ndarray, groups: list[str], method: str, c: float) -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    splits = group_folds(groups, y)
    if not splits:
        return None
    return CalibratedClassifierCV(LogisticRegression(C=c, max_iter=5000), method=method, cv=splits, ensemble=False).fit(z, y)


def select(z: np.ndarray, y: np.ndarray, groups: list[str], methods: tuple[str, ...], cs: tuple[float, ...]) -> tuple[str, float]:
    """The calibration method and regularisation with the lowest Brier score on document folds of the
    training data (the held-out half is never looked at)."""
    outer = group_folds(groups, y)
    best: tuple[float, str, float] | None = None
    for method in methods:
        for c in cs:
            loss = 0.0
            for tr, te in outer:
                fitted = _fit(z[tr], y[tr], [groups[i] for i in tr], method, c)
                p = fitted.predict_proba(z[te])[:, 1] if fitted is not None else np.full(len(te), y[tr].mean())
                loss += float(((p - y[te]) ** 2).sum())
            if best is None or loss < best[0] - 1e-12:
                best = (loss, method, c)
    return (best[1], best[2]) if best and outer else (methods[0], cs[0])


def fit_head(x: np.ndarray, y: np.ndarray, groups: list[str], methods: tuple[str, ...] = ("sigmoid",),
             cs: tuple[float, ...] = (0.1,)) -> tuple[Head, dict[str, Any]]:
    """Logistic regression on standardised features, calibrated on document folds (CalibratedClassifierCV,
    ensemble=False: one regression on all the data, one calibration map from the folds' scores)."""
    mean = x.mean(axis=0) if len(y) else np.zeros(x.shape[1])
    scale = x.std(axis=0) if len(y) else np.ones(x.shape[1])
    scale[scale == 0] = 1.0
    mean, scale = np.array(_round(mean)), np.array(_round(scale))
    z = (x - mean) / scale
    method, c = select(z, y, groups, methods, cs) if len(methods) * len(cs) > 1 else (methods[0], cs[0])
    fitted = _fit(z, y, groups, method, c) if len(set(y.tolist())) == 2 else None
    if fitted is None:
        return constant_head(y, x.shape[1]), {"calibration": "constant", "C": None}
    clf, calibrator = fitted.calibrated_classifiers_[0].estimator, fitted.calibrated_classifiers_[0].calibrators[0]
    if method == "isotonic":
        calibration = Calibration("isotonic", _round(calibrator.X_thresholds_), _round(calibrator.y_thresholds_))
    else:
        calibration = Calibration("sigmoid", a=_round([calibrator.a_])[0], b=_round([calibrator.b_])[0])
    head = Head(list(mean), list(scale), _round(clf.coef_[0]), _round([clf.intercept_[0]])[0], calibration)
    return head, {"calibration": method, "C": c}


@dataclass
class TrainResult:
    model: ConfidenceModel
    train: Examples
    held_out: Examples | None
    held_out_reliability: Reliability | None
    in_sample_reliability: Reliability

    def held_out_by_set(self) -> dict[str, Reliability]:
        """The held-out figures of each gold set on its own (docs/confidence.md reports the web half)."""
        if self.held_out is None:
            return {}
        return {s: _targets_reliability(self.model, self.held_out, s) for s in dict.fromkeys(self.held_out.sets)}


def load_sets(folders: list[Path]) -> list[dict[str, Any]]:
    """Every gold document under the folders (a folder of sets counts each set)."""
    docs: list[dict[str, Any]] = []
    for folder in folders:
        found = gold_sets(folder)
        if not found:
            raise ValueError(f"{folder}: no gold annotation files (*.json with metadata and obligations)")
        for name, path in found:
            docs += [{**d, "_set": name} for d in load_gold(path)]
    return docs


METHODS = ("sigmoid", "isotonic")
CS = (0.01, 0.03, 0.1, 0.3, 1.0)


def train(folders: list[Path], holdout: str | None = None, methods: tuple[str, ...] = METHODS,
          cs: tuple[float, ...] = CS, predict: Any = None) -> TrainResult:
    """Fit on the gold documents outside the held-out half (all of them without a holdout)."""
    names = feature_names()
    docs = load_sets(folders)
    held = half_of(docs, holdout) if holdout else []
    held_ids = {id(d) for d in held}
    train_ex = examples_of([d for d in docs if id(d) not in held_ids], names, predict)
    if not train_ex.rows:
        raise ValueError("no extracted records to train on")
    heads, chosen = {}, {}
    for kind in KINDS:
        x, y = train_ex.of_kind(kind)
        groups = [d for d, k in zip(train_ex.docs, train_ex.kinds) if k == kind]
        heads[kind], chosen[kind] = fit_head(x, y, groups, methods, cs)
    info = {
        "trained_on": sorted({str(f) for f in folders}),
        "held_out": holdout,
        "documents": len(docs) - len(held),
        "records": {k: int(sum(1 for x in train_ex.kinds if x == k)) for k in KINDS},
        "positives": {k: int(sum(y for x, y in zip(train_ex.kinds, train_ex.labels) if x == k)) for k in KINDS},
        "chosen": chosen,
    }
    model = ConfidenceModel(list(names), heads, info)
    held_ex = examples_of(held, names, predict) if held else None
    return TrainResult(model, train_ex, held_ex, _targets_reliability(model, held_ex) if held_ex else None,
                       _targets_reliability(model, train_ex))


def _targets_reliability(model: ConfidenceModel, ex: Examples, in_set: str | None = None) -> Reliability:
    x, y = ex.of_kind("target", in_set)
    conf = [float(p) for p in model.predict(x, "target")] if len(y) else []
    return reliability(conf, [int(v) for v in y])

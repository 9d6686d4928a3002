"""The shipped decision model: a JSON file of small regression trees, a calibration map and a threshold,
applied with NumPy.

No pickle and no scikit-learn at run time: the file lists its feature names, the boosted trees (each node's
feature, threshold, children and leaf value, as scikit-learn's GradientBoostingClassifier fitted them), the
map from the raw score to a calibrated probability (isotonic steps or Platt's sigmoid, fitted on out-of-fold
scores), and the probability from which a candidate is kept as a target. It is read once per process (again
only when the file changes).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "notice-extract-decision/1"
DEFAULT_PATH = Path(__file__).with_name("model.json")
ENV = "NOTICE_EXTRACT_CONFIDENCE_MODEL"


@dataclass
class Calibration:
    """Raw logistic score -> probability: `isotonic` interpolates (x, y) steps, `sigmoid` is 1/(1+e^(a·s+b))."""

    method: str
    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    a: float = 0.0
    b: float = 0.0

    def __call__(self, score: np.ndarray) -> np.ndarray:
        if self.method == "isotonic":
            return np.interp(score, self.x, self.y)
        if self.method == "sigmoid":
            return 1.0 / (1.0 + np.exp(self.a * score + self.b))
        if self.method == "none":
            return 1.0 / (1.0 + np.exp(-score))
        raise ValueError(f"unknown calibration method {self.method!r}")

    def to_json(self) -> dict[str, Any]:
        if self.method == "isotonic":
            return {"method": "isotonic", "x": self.x, "y": self.y}
        if self.method == "sigmoid":
            return {"method": "sigmoid", "a": self.a, "b": self.b}
        return {"method": self.method}


@dataclass
class Tree:
    """One regression tree: a row goes left when its feature is <= the threshold; leaves have feature -1."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        feature, threshold = np.asarray(self.feature), np.asarray(self.threshold)
        left, right, value = np.asarray(self.left), np.asarray(self.right), np.asarray(self.value)
        node = np.zeros(len(rows), dtype=int)
        at = np.arange(len(rows))
        for _ in range(len(feature)):
            inner = feature[node] >= 0
            if not inner.any():
                break
            f = feature[node[inner]]
            go_left = rows[at[inner], f] <= threshold[node[inner]]
            node[inner] = np.where(go_left, left[node[inner]], right[node[inner]])
        return value[node]

    def to_json(self) -> dict[str, Any]:
        return {"feature": self.feature, "threshold": self.threshold, "left": self.left, "right": self.right, "value": self.value}

    def check(self, n_features: int) -> None:
        n = len(self.feature)
        if not (len(self.threshold) == len(self.left) == len(self.right) == len(self.value) == n) or n == 0:
            raise ValueError("a tree's node lists differ in length")
        if any(f >= n_features for f in self.feature) or any(not -1 <= c < n for c in (*self.left, *self.right)):
            raise ValueError("a tree points at a feature or node that does not exist")


class _Forest:
    """All trees of a model as padded arrays (tree × node), walked together: one step per level for every row and
    tree at once, instead of each tree's lists turned into arrays and walked on every call."""

    def __init__(self, trees: list[Tree]) -> None:
        width = max(len(t.feature) for t in trees)

        def padded(name: str, fill: float, dtype: type) -> np.ndarray:
            return np.array([list(getattr(t, name)) + [fill] * (width - len(t.feature)) for t in trees], dtype=dtype)

        self.trees = tuple(trees)  # held, so no other tree can take one's id while this forest is kept
        self.feature, self.threshold = padded("feature", -1, int), padded("threshold", 0.0, float)
        self.left, self.right, self.value = padded("left", -1, int), padded("right", -1, int), padded("value", 0.0, float)
        self.depth = width  # a walk ends at a leaf within as many steps as a tree has nodes

    _last: _Forest | None = None

    @classmethod
    def of(cls, trees: list[Tree]) -> _Forest:
        """The forest of these trees, built again only when the list holds other trees."""
        last = cls._last
        if last is None or len(last.trees) != len(trees) or any(a is not b for a, b in zip(last.trees, trees)):
            last = cls._last = cls(trees)
        return last

    def leaves(self, rows: np.ndarray) -> np.ndarray:
        """Each tree's leaf value for each row: shape (trees, rows)."""
        n_trees = len(self.feature)
        tree = np.arange(n_trees)[:, None]
        row = np.arange(len(rows))[None, :]
        node = np.zeros((n_trees, len(rows)), dtype=int)
        for _ in range(self.depth):
            feature = self.feature[tree, node]
            inner = feature >= 0
            if not inner.any():
                break
            t, n = np.broadcast_to(tree, node.shape)[inner], node[inner]
            go_left = rows[np.broadcast_to(row, node.shape)[inner], feature[inner]] <= self.threshold[t, n]
            node[inner] = np.where(go_left, self.left[t, n], self.right[t, n])
        return self.value[tree, node]


@dataclass
class DecisionModel:
    """Sum the trees' leaves on top of the prior, calibrate; a candidate at or above `threshold` is a target."""

    features: list[str]
    prior: float
    learning_rate: float
    trees: list[Tree]
    calibration: Calibration
    threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict)

    def score(self, rows: np.ndarray) -> np.ndarray:
        """The raw log-odds score, as scikit-learn's decision_function gives it (the trees' leaves summed in
        tree order, as `Tree.__call__` would give them one tree at a time)."""
        total = np.full(len(rows), self.prior)
        if not self.trees or len(rows) == 0:
            return total
        steps = self.learning_rate * _Forest.of(self.trees).leaves(rows)
        # one running sum down the trees (cumsum adds in order, unlike sum): the same additions, the same floats
        return np.cumsum(np.vstack([total, steps]), axis=0)[-1]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """Calibrated probability that each row is a real target."""
        if len(rows) == 0:
            return np.zeros(0)
        return np.clip(self.calibration(self.score(rows)), 0.0, 1.0)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "info": self.info, "threshold": self.threshold, "features": self.features,
                "prior": self.prior, "learning_rate": self.learning_rate, "calibration": self.calibration.to_json(),
                "trees": [t.to_json() for t in self.trees]}

    @classmethod
    def from_json(cls, d: dict[str, Any], where: str = "decision model") -> DecisionModel:
        if d.get("format") != FORMAT:
            raise ValueError(f"{where}: not a decision model ({FORMAT}): format {d.get('format')!r}")
        trees = [Tree(**t) for t in d["trees"]]
        for i, t in enumerate(trees):
            try:
                t.check(len(d["features"]))
            except ValueError as exc:
                raise ValueError(f"{where}: tree {i}: {exc}") from None
        return cls(list(d["features"]), float(d["prior"]), float(d["learning_rate"]), trees,
                   Calibration(**d["calibration"]), float(d.get("threshold", 0.5)), d.get("info", {}))

    def save(self, path: Path) -> Path:
        """Write the model; the same numbers give the same bytes (fixed key order, no timestamps)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path


def model_path() -> Path:
    """$NOTICE_EXTRACT_CONFIDENCE_MODEL (a model file, or an empty value for none), else the shipped file."""
    env = os.environ.get(ENV)
    return Path(env) if env else DEFAULT_PATH


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> DecisionModel:
    try:
        return DecisionModel.from_json(json.loads(Path(path).read_text(encoding="utf-8")), path)
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: malformed decision model: {exc}") from exc


def load_model(path: Path | None = None) -> DecisionModel | None:
    """The model at `path` (default: `model_path()`), None when there is none; re-read when it changes."""
    if path is None and os.environ.get(ENV) == "":
        return None
    path = path or model_path()
    if not path.is_file():
        return None
    return _load(str(path), path.stat().st_mtime)

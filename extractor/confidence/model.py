"""The shipped confidence model: a JSON file of weights and a calibration map, applied with NumPy.

No pickle and no scikit-learn at run time: the file lists its feature names, the standardisation
(mean, scale), the logistic weights and bias, and the map from the raw score to a calibrated
probability (isotonic steps or Platt's sigmoid), so any version of the code can read and check it.
One head scores targets; another scores records the extractor called background facts (the
probability that such a record is in fact a target with the right value).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from extractor.confidence.features import NoticeContext, vector

FORMAT = "notice-extract-confidence/1"
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
class Head:
    """Standardise, take the logistic score, calibrate."""

    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    calibration: Calibration

    def score(self, rows: np.ndarray) -> np.ndarray:
        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        return z @ np.asarray(self.weights) + self.bias

    def predict(self, rows: np.ndarray) -> np.ndarray:
        return np.clip(self.calibration(self.score(rows)), 0.0, 1.0)

    def to_json(self) -> dict[str, Any]:
        return {"mean": self.mean, "scale": self.scale, "weights": self.weights, "bias": self.bias,
                "calibration": self.calibration.to_json()}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Head:
        return cls(d["mean"], d["scale"], d["weights"], float(d["bias"]), Calibration(**d["calibration"]))


@dataclass
class ConfidenceModel:
    features: list[str]
    heads: dict[str, Head]
    info: dict[str, Any] = field(default_factory=dict)

    def predict(self, rows: np.ndarray, kind: str) -> np.ndarray:
        head = self.heads.get(kind) or self.heads["target"]
        return head.predict(rows)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "info": self.info, "features": self.features,
                "heads": {k: h.to_json() for k, h in self.heads.items()}}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ConfidenceModel:
        if d.get("format") != FORMAT:
            raise ValueError(f"not a confidence model ({FORMAT}): format {d.get('format')!r}")
        heads = {k: Head.from_json(h) for k, h in d["heads"].items()}
        n = len(d["features"])
        for name, h in heads.items():
            if not (len(h.mean) == len(h.scale) == len(h.weights) == n):
                raise ValueError(f"confidence model head {name!r}: {len(h.weights)} weights for {n} features")
        return cls(list(d["features"]), heads, d.get("info", {}))

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path


def model_path() -> Path:
    """$NOTICE_EXTRACT_CONFIDENCE_MODEL (a model file, or an empty value for none), else the shipped file."""
    env = os.environ.get(ENV)
    return Path(env) if env else DEFAULT_PATH


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> ConfidenceModel | None:
    return ConfidenceModel.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def load_model(path: Path | None = None) -> ConfidenceModel | None:
    """The model at `path` (default: `model_path()`), None when there is no file; re-read when it changes."""
    if path is None and os.environ.get(ENV) == "":
        return None
    path = path or model_path()
    if not path.is_file():
        return None
    return _load(str(path), path.stat().st_mtime)


def score_notice(notice: dict[str, Any], model: ConfidenceModel | None = None) -> list[float | None]:
    """Calibrated confidence of each obligation of a notice dict, in order; None when no model is loaded."""
    model = model or load_model()
    obligations = notice.get("obligations") or []
    if model is None or not obligations:
        return [None] * len(obligations)
    ctx = NoticeContext.of(notice)
    rows = np.array([vector(o, ctx, model.features) for o in obligations], dtype=float)
    out: list[float | None] = [None] * len(obligations)
    for kind in {o.get("kind", "target") for o in obligations}:
        idx = [i for i, o in enumerate(obligations) if o.get("kind", "target") == kind]
        for i, p in zip(idx, model.predict(rows[idx], kind)):
            out[i] = round(float(p), 4)
    return out

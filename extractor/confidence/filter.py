"""`--min-confidence`: keep only the records a user is willing to trust.

A record whose confidence is below the threshold, or unknown (a run made without a model), is dropped;
the notice keeps a warning that says how many were dropped, so a table built from it is not mistaken
for the whole notice.
"""
from __future__ import annotations

import argparse
import atexit
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


def filter_notice(notice: dict[str, Any], min_conf: float | None) -> dict[str, Any]:
    """A copy of a notice dict without the obligations below `min_conf` (the notice itself when None)."""
    if min_conf is None:
        return notice
    kept = [o for o in notice.get("obligations") or [] if o.get("confidence") is not None and o["confidence"] >= min_conf]
    dropped = len(notice.get("obligations") or []) - len(kept)
    out = {**notice, "obligations": kept}
    if dropped:
        out["warnings"] = [*notice.get("warnings", []), f"confidence: {dropped} obligations below {min_conf:g} left out"]
    return out


def add_min_confidence(parser: argparse.ArgumentParser) -> None:
    """The `--min-confidence X` option shared by run, table and report."""
    parser.add_argument("--min-confidence", type=_probability, default=None, metavar="X",
                        help="leave out obligations whose confidence is below X (0-1) or unknown")


def _probability(s: str) -> float:
    x = float(s)
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"{s}: a confidence is between 0 and 1")
    return x


def filtered_outcomes(results: Iterable[Any], min_conf: float | None) -> Iterator[Any]:
    """A run's outcomes with each notice filtered (outcomes keep their order; errors pass through)."""
    try:
        for res in results:
            if min_conf is not None and getattr(res, "notice", None) is not None:
                res.notice = filter_notice(res.notice, min_conf)
            yield res
    finally:
        getattr(results, "close", lambda: None)()


def filtered_inputs(inputs: list[Path], min_conf: float | None) -> list[Path]:
    """Runs' notices.jsonl filtered into a temporary folder (removed at exit), so table and report read them
    unchanged; the inputs themselves when there is no threshold."""
    if min_conf is None:
        return inputs
    from extractor.outputs import read_jsonl

    tmp = Path(tempfile.mkdtemp(prefix="notice-extract-conf-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    out = []
    for i, path in enumerate(inputs):
        dest = tmp / f"{i:03d}" / "notices.jsonl"
        dest.parent.mkdir()
        with dest.open("w", encoding="utf-8") as fh:
            for rec in read_jsonl(path):
                fh.write(json.dumps(filter_notice(rec, min_conf), ensure_ascii=False) + "\n")
        out.append(dest)
    return out

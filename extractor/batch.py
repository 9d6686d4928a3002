"""Batch runs: many sources -> notices.jsonl, obligations.csv, errors.jsonl, in a stable order.

One bad file becomes a record in errors.jsonl and the batch goes on. Results stream to the JSONL in
input order whatever the number of workers, so a parallel run writes the same bytes as a serial one.
"""
from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.ingest.sources import DEFAULT_MAX_BYTES, read_path
from extractor.model import ExtractorError
from extractor.outputs import read_jsonl, write_obligations_csv


@dataclass
class Outcome:
    """What one source gave: a notice dict, or an error record (file, stage, message)."""

    source: str
    notice: dict[str, Any] | None = None
    error: dict[str, str] | None = None


@dataclass
class Summary:
    documents: int = 0
    obligations: int = 0
    targets: int = 0
    warnings: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    skipped: int = 0
    outputs: list[str] = field(default_factory=list)


def process_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Extract one file; never raises (errors become the Outcome's error record)."""
    from extractor.pipeline import extract_raw

    stage = "ingest"
    try:
        raw = read_path(path, max_bytes=max_bytes)
        stage = "extract"
        notice = extract_raw(raw)
        return Outcome(path, notice=notice.to_dict())
    except ExtractorError as exc:
        return Outcome(path, error={"file": path, "stage": exc.stage if stage == "ingest" else stage, "message": exc.reason})
    except MemoryError:
        return Outcome(path, error={"file": path, "stage": stage, "message": "out of memory"})
    except Exception as exc:  # noqa: BLE001 - one document's bug must not cost the batch
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(path, error={"file": path, "stage": stage, "message": f"internal error: {type(exc).__name__}: {exc} ({Path(tb.filename).name}:{tb.lineno})"})


def _warm() -> None:
    """Load jieba and spaCy once per worker process, not once per document."""
    from extractor.extractors.components import build_nlp
    from extractor.nlp.segment import jieba_tokenizer

    jieba_tokenizer()
    build_nlp()


def outcomes(paths: list[str], workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """Outcomes in input order, from one process or a pool of `workers`."""
    if workers <= 1 or len(paths) <= 1:
        for p in paths:
            yield process_path(p, max_bytes)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        yield from pool.map(process_path, paths, [max_bytes] * len(paths), chunksize=max(1, min(16, len(paths) // (workers * 4) or 1)))


def run_batch(
    results: Iterable[Outcome],
    out_dir: Path,
    resume: bool = False,
    on_result: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Stream outcomes into out_dir/notices.jsonl and errors.jsonl, then write obligations.csv.

    The JSONL is appended line by line and flushed, so an interrupted run keeps every finished
    document; `resume` keeps the existing file and the caller skips sources already in it.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    jsonl = out_dir / "notices.jsonl"
    errors_path = out_dir / "errors.jsonl"
    summary = Summary()
    mode = "a" if resume else "w"
    if not resume:
        for stale in (jsonl, errors_path):
            if stale.exists():
                stale.unlink()
    try:
        with jsonl.open(mode, encoding="utf-8") as out, errors_path.open(mode, encoding="utf-8") as err:
            for res in results:
                if res.notice is not None:
                    out.write(json.dumps(res.notice, ensure_ascii=False) + "\n")
                    out.flush()
                    summary.documents += 1
                    obs = res.notice.get("obligations", [])
                    summary.obligations += len(obs)
                    summary.targets += sum(1 for o in obs if o.get("kind") == "target")
                    summary.warnings += len(res.notice.get("warnings", []))
                if res.error is not None:
                    err.write(json.dumps(res.error, ensure_ascii=False) + "\n")
                    err.flush()
                    summary.errors.append(res.error)
                if on_result:
                    on_result(res)
            os.fsync(out.fileno())
    finally:
        write_obligations_csv(out_dir / "obligations.csv", read_jsonl(jsonl) if jsonl.exists() else [])
    summary.outputs = [str(jsonl), str(out_dir / "obligations.csv"), str(errors_path)]
    return summary


def done_sources(out_dir: Path) -> set[str]:
    """Sources already written (for --resume)."""
    jsonl = out_dir / "notices.jsonl"
    done: set[str] = set()
    if jsonl.exists():
        done.update(rec.get("source", "") for rec in read_jsonl(jsonl))
    errors = out_dir / "errors.jsonl"
    if errors.exists():
        done.update(rec.get("file", "") for rec in read_jsonl(errors))
    return done

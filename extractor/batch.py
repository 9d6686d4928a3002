"""Batch runs: many sources -> notices.jsonl, obligations.csv, errors.jsonl, in a stable order.

One bad file becomes a record in errors.jsonl and the batch goes on: unreadable, binary, empty, corrupt
or too large files, a document that runs past a time limit, and a worker process that dies. Results
stream to the JSONL in input order whatever the number of workers, so a parallel run writes the same
bytes as a serial one, and an interrupted run leaves whole lines that `--resume` continues from.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import threading
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.ingest.sources import DEFAULT_MAX_BYTES, STDIN, STDIN_NAME, display_name, read_bytes, read_source
from extractor.lifeline import tie_to
from extractor.model import ExtractorError
from extractor.outputs import ObligationStream, read_jsonl, write_obligations_csv

if TYPE_CHECKING:
    from extractor.crawl.store import StoredDocument

Task = Callable[[str, int], "Outcome"]

# forkserver: workers never inherit the parent's threads (progress bar, Dask) or the locks they hold.
_CONTEXT = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
WORKER_DIED = "worker process died while extracting (crash or out of memory)"
DOC_TIMEOUT = 600.0


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
    warning_kinds: Counter[str] = field(default_factory=Counter)
    duplicates: list[dict[str, str]] = field(default_factory=list)

    def add(self, notice: dict[str, Any]) -> None:
        """Count one notice written: its obligations, targets and warnings (by kind: numbers read as N)."""
        self.documents += 1
        obs = notice.get("obligations", [])
        self.obligations += len(obs)
        self.targets += sum(1 for o in obs if o.get("kind") == "target")
        warnings = [w for w in notice.get("warnings", []) if isinstance(w, str)]
        self.warnings += len(warnings)
        self.warning_kinds.update(_DIGITS.sub("N", w) for w in warnings)


_DIGITS = re.compile(r"(?<![A-Za-z])\d+")  # counts in warnings, not the digit of a name such as t2s


def summarize(out_dir: Path) -> Summary:
    """The counts of everything a run folder holds (a resumed run's summary covers its earlier documents too)."""
    summary = Summary()
    if (out_dir / "notices.jsonl").exists():
        for notice in read_jsonl(out_dir / "notices.jsonl"):
            summary.add(notice)
    if (out_dir / "errors.jsonl").exists():
        for rec in read_jsonl(out_dir / "errors.jsonl"):
            (summary.duplicates if rec.get("stage") == DUPLICATE else summary.errors).append(rec)
    return summary


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so readers' `except Exception` cannot swallow it."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Stop one document after `seconds` (main thread only: SIGALRM), so a pathological file cannot stall the batch."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DOC_TIMEOUT) -> Outcome:
    """Extract one file, URL or `-` (standard input); never raises (errors become the Outcome's error record)."""
    name = STDIN_NAME if path == STDIN else display_name(path)
    return _process(name, lambda: read_source(path, max_bytes=max_bytes), timeout)


def process_data(data: bytes, name: str, timeout: float = DOC_TIMEOUT) -> Outcome:
    """Extract a file's bytes read elsewhere (a cluster's client read them, so its workers need no shared disk);
    the same outcome as process_path on the file `name`."""
    return _process(name, lambda: read_bytes(data, name), timeout)


def _process(name: str, read: Callable[[], Any], timeout: float) -> Outcome:
    from extractor.pipeline import extract_raw

    load_models()
    stage = "ingest"
    try:
        with _deadline(timeout):
            raw = read()
            stage = "extract"
            notice = extract_raw(raw).to_dict()
        if not notice["text"].strip():
            raise ExtractorError(name, "no text: every line was page furniture or markup", stage="clean")
        return Outcome(name, notice=notice)
    except _Timeout:
        return failed(name, stage, f"timed out after {timeout:g} s")
    except ExtractorError as exc:
        return failed(name, exc.stage if exc.stage != "ingest" else stage, exc.reason)
    except MemoryError:
        ceiling = worker_memory_mib()
        return failed(name, stage, f"out of memory (the worker's ceiling is {ceiling} MiB)" if ceiling else "out of memory")
    except Exception as exc:  # noqa: BLE001 - one document's bug must not cost the batch
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return failed(name, stage, f"internal error: {type(exc).__name__}: {exc} ({Path(tb.filename).name}:{tb.lineno})")


def extract_stored(doc: StoredDocument, max_bytes: int) -> Outcome:
    """One stored document's outcome; never raises (errors become the Outcome's error record)."""
    from extractor.pipeline import extract_raw

    source = doc.final_url or doc.url
    try:
        data = Path(doc.path).read_bytes()
        if len(data) > max_bytes:
            raise ExtractorError(source, f"file too large: {len(data)} bytes > limit {max_bytes}")
        kind = doc.content_type.split(";")[0].strip() if doc.content_type else None
        kind = kind if kind in ("text/html", "application/pdf", "text/plain") or (kind or "").endswith("wordprocessingml.document") else None
        raw = read_bytes(data, source, http_charset=doc.charset, media_type=kind)
        raw = replace(raw, title_hint=raw.title_hint or doc.title_hint, date_hint=raw.date_hint or doc.date_hint)
        return Outcome(source, notice=extract_raw(raw).to_dict())
    except ExtractorError as exc:
        return Outcome(source, error={"file": source, "stage": exc.stage, "message": exc.reason})
    except OSError as exc:
        return Outcome(source, error={"file": source, "stage": "ingest", "message": f"stored file unreadable: {exc}"})
    except Exception as exc:  # noqa: BLE001 - one document's bug must not cost the batch
        return Outcome(source, error={"file": source, "stage": "extract", "message": f"internal error: {type(exc).__name__}: {exc}"})


def failed(path: str, stage: str, message: str) -> Outcome:
    return Outcome(path, error={"file": path, "stage": stage, "message": message})


def load_models() -> None:
    """Load jieba and spaCy once per process, not once per document."""
    from extractor.extractors.components import build_nlp
    from extractor.nlp.segment import segmenter

    segmenter()
    build_nlp()


def worker_memory_mib() -> int:
    """The worker's memory ceiling in MiB (0: none): NOTICE_EXTRACT_WORKER_MEMORY, else limits.WORKER_MEMORY_MIB."""
    from extractor.ingest.limits import WORKER_MEMORY_MIB

    value = os.environ.get("NOTICE_EXTRACT_WORKER_MEMORY", "").strip()
    return int(value) if value.isdigit() else WORKER_MEMORY_MIB


def set_memory_ceiling() -> None:
    """Cap this worker's data memory (RLIMIT_DATA), so one document that would need gigabytes fails with
    MemoryError, an error record naming it, instead of taking the machine (the per-document timeout bounds
    time, not memory). Called in worker processes only, after their models are loaded."""
    import resource

    mib = worker_memory_mib()
    if not mib:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = mib * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or limit < soft:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _warm(run_pid: int) -> None:
    """Pool worker start: tied to the run's life, Ctrl-C left to the run (which stops the pool), models loaded."""
    tie_to(run_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_models()
    set_memory_ceiling()


def _pool(workers: int, initializer: Callable[[int], None] = _warm) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=(os.getpid(),), mp_context=_CONTEXT)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued documents cancelled, workers still extracting killed (the run is over)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _alone(path: str, max_bytes: int, task: Task) -> Outcome:
    """Rerun one suspect document in its own process, so a crash is pinned on the document that caused it."""
    pool = _pool(1, initializer=tie_to)
    try:
        return pool.submit(task, path, max_bytes).result()
    except BrokenProcessPool:
        return failed(path, "extract", WORKER_DIED)
    finally:
        _stop(pool)


def outcomes(paths: list[str], workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES, task: Task = process_path) -> Iterator[Outcome]:
    """Outcomes in input order, from this process or a pool of `workers` processes.

    At most a few documents per worker are in flight, so memory stays flat for any batch size. If a
    worker dies (segfault, OOM kill), the first unfinished document is rerun alone: it becomes an
    error record if it kills that process too, and the batch resumes on a fresh pool either way.
    Workers end with the run: on Ctrl-C or when the caller stops early they are killed, and if the run
    itself is killed they notice and exit (extractor.lifeline).
    """
    if workers <= 1 or len(paths) <= 1:
        for p in paths:
            yield task(p, max_bytes)
        return
    done = 0
    while done < len(paths):
        pool = _pool(workers)
        window: deque[Future[Outcome]] = deque()
        queued = done
        try:
            while done < len(paths):
                while queued < len(paths) and len(window) < workers * 4:
                    window.append(pool.submit(task, paths[queued], max_bytes))
                    queued += 1
                res = window.popleft().result()
                done += 1
                yield res
        except BrokenProcessPool:
            _stop(pool)
            yield _alone(paths[done], max_bytes, task)
            done += 1
        finally:
            _stop(pool)


def repair_tail(path: Path) -> bool:
    """Cut a torn last line (a writer killed mid-line) so appended records start on a line of their own."""
    if not path.exists():
        return False
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return False
        pos = size
        while pos > 0:
            step = min(65536, pos)
            fh.seek(pos - step)
            chunk = fh.read(step)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = pos - step + nl + 1
                break
            pos -= step
        else:
            keep = 0
        if keep == size:
            return False
        fh.truncate(keep)
        return True


def run_batch(
    results: Iterable[Outcome],
    out_dir: Path,
    resume: bool = False,
    on_result: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Stream outcomes into out_dir/notices.jsonl and errors.jsonl, and obligations.csv beside them.

    One record per distinct doc_id (the hash of the document's bytes): a document already written (the same
    notice saved twice, or fetched again) is not written again but listed in errors.jsonl with stage
    `duplicate` and the source it repeats, and in `Summary.duplicates`; it is not an error.

    Each record is one write of a whole line, flushed, so an interrupted run keeps every finished
    document; `resume` first cuts a torn last line, then appends (the caller skips sources already
    written). obligations.csv goes to a temporary file row by row and is renamed into place at the end;
    after a resume, or when the run is interrupted, it is rebuilt from the JSONL instead (the same bytes).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    jsonl = out_dir / "notices.jsonl"
    errors_path = out_dir / "errors.jsonl"
    summary = Summary()
    if resume:
        for path in (jsonl, errors_path):
            repair_tail(path)
    first = _written_doc_ids(jsonl) if resume else {}
    mode = "a" if resume else "w"
    # a fresh run writes obligations.csv as it goes; a resumed one (or one cut short) rebuilds it from the JSONL
    stream = None if resume else ObligationStream(out_dir / "obligations.csv")
    write_failed = False
    try:
        with jsonl.open(mode, encoding="utf-8") as out, errors_path.open(mode, encoding="utf-8") as err:
            for res in results:
                doc_id = res.notice.get("doc_id") if res.notice is not None else None
                if doc_id is not None and doc_id in first:
                    res = Outcome(res.source, error=duplicate(res.source, doc_id, first[doc_id]))
                    err.write(json.dumps(res.error, ensure_ascii=False) + "\n")
                    err.flush()
                    summary.duplicates.append(res.error)
                    if on_result:
                        on_result(res)
                    continue
                if doc_id is not None:
                    first[doc_id] = res.source
                if res.notice is not None:
                    out.write(json.dumps(res.notice, ensure_ascii=False) + "\n")
                    out.flush()
                    if stream is not None:
                        stream.add(res.notice)
                    summary.add(res.notice)
                if res.error is not None:
                    err.write(json.dumps(res.error, ensure_ascii=False) + "\n")
                    err.flush()
                    summary.errors.append(res.error)
                if on_result:
                    on_result(res)
            os.fsync(out.fileno())
            os.fsync(err.fileno())
        if stream is not None:
            stream.commit()
            stream = None
    except OSError:
        write_failed = True  # disk full, file too large: the JSONL may end in a torn line that --resume cuts
        raise
    finally:
        if stream is not None:
            stream.discard()
        if (stream is not None or resume) and not write_failed:
            write_obligations_csv(out_dir / "obligations.csv", read_jsonl(jsonl) if jsonl.exists() else [])
    summary.outputs = [str(jsonl), str(out_dir / "obligations.csv"), str(errors_path)]
    return summary


DUPLICATE = "duplicate"


def duplicate(source: str, doc_id: str, first: str) -> dict[str, str]:
    """The errors.jsonl record of a document whose doc_id was already written (from `first`)."""
    return {"file": source, "stage": DUPLICATE, "message": f"same document as {first} (doc_id {doc_id}), written once",
            "doc_id": doc_id, "duplicate_of": first}


def _written_doc_ids(jsonl: Path) -> dict[str, str]:
    """doc_id -> source of the notices already in a run's JSONL (a resumed run skips them when met again); only a
    regular file is read (an output pointed at a device such as /dev/full is written to, never read back)."""
    if not jsonl.is_file():
        return {}
    return {rec["doc_id"]: rec.get("source", "") for rec in read_jsonl(jsonl) if isinstance(rec.get("doc_id"), str)}


def done_sources(out_dir: Path) -> set[str]:
    """Sources already written, as notices or as errors (for --resume)."""
    done: set[str] = set()
    for name, key in (("notices.jsonl", "source"), ("errors.jsonl", "file")):
        path = out_dir / name
        if path.exists():
            done.update(rec.get(key, "") for rec in read_jsonl(path))
    return done

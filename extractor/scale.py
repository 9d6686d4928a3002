"""Scale-out: the batch's per-document work on a Dask cluster, results in input order.

The run's own process (the Dask client) reads each input file and sends its bytes to a worker, which
extracts them with `batch.process_data`, the same steps `batch.process_path` takes on the file: so the
workers need no shared disk and no input paths, may be started in any folder on any machine, and a
Dask run writes the same bytes as a local one. A URL is sent as it is and fetched by the worker. What
the workers need is notice-extract installed (the same version) and the scheduler's address.

Without a scheduler address a `LocalCluster` of single-threaded worker processes is started (jieba
and spaCy state is per process, and one thread per worker keeps it unshared). A sliding window of
submitted documents keeps memory flat on both sides however long the batch. A document whose worker
died (Dask gives up on it after its allowed failures) is tried once more, then becomes an error record
with the cause, as does one whose task failed on the worker; a scheduler that cannot be reached, or workers that cannot run
notice-extract, stop the run with an ExtractorError saying so.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from typing import Any

from extractor.batch import DOC_TIMEOUT, Outcome, failed, load_models, process_data, process_path
from extractor.ingest.sources import DEFAULT_MAX_BYTES, file_bytes, is_url
from extractor.model import ExtractorError

_NOISY = ("distributed", "tornado", "bokeh", "asyncio")
CONNECT_SECONDS = 30


def _quiet() -> None:
    """Distributed logs cluster start-up and shutdown at INFO/WARNING; a CLI run only wants errors."""
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.ERROR)


def _submit(client: Any, path: str, max_bytes: int, timeout: float) -> Any:
    """A future of the document's outcome: its bytes sent to a worker (a URL as it is); an unreadable or too large
    file is an outcome here already, the same record process_path gives."""
    if is_url(path):
        return client.submit(process_path, path, max_bytes, timeout, pure=False)
    try:
        data = file_bytes(path, max_bytes)
    except ExtractorError as exc:
        return failed(path, exc.stage, exc.reason)
    return client.submit(process_data, data, path, timeout, pure=False)


def _outcome(client: Any, path: str, fut: Any, max_bytes: int, timeout: float) -> Outcome:
    """The outcome a future gives; a document whose worker died is tried once more on its own (it may have been
    a bystander of another document that crashed that worker), then becomes an error record with the cause."""
    for attempt in range(2):
        if isinstance(fut, Outcome):
            return fut
        try:
            return fut.result()
        except Exception as exc:  # noqa: BLE001 - a dead worker (KilledWorker) or a failed task costs only its document
            cause = " ".join(str(exc).split())
            problem = failed(path, "extract", f"dask worker failed: {type(exc).__name__}: {cause}"[:500])
            if attempt or type(exc).__name__ != "KilledWorker":
                return problem
        finally:
            fut.release()
        fut = _submit(client, path, max_bytes, timeout)
    return problem


def dask_outcomes(paths: list[str], scheduler: str | None = None, workers: int | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DOC_TIMEOUT) -> Iterator[Outcome]:
    """Outcomes in input order from a Dask cluster: the scheduler at `scheduler`, or a local one."""
    if not paths:
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency, but a trimmed install may lack it
        raise SystemExit(f"notice-extract: --engine dask needs dask[distributed] ({exc})") from exc
    _quiet()
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    try:
        client = Client(scheduler or cluster, timeout=CONNECT_SECONDS)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ExtractorError(f"Dask scheduler {scheduler}", f"cannot connect: {exc}", stage="extract") from None
    window: deque[tuple[str, Any]] = deque()
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            client.run(load_models)
        except Exception as exc:  # noqa: BLE001 - no worker, or workers without notice-extract: the run cannot go on
            raise ExtractorError(f"Dask scheduler {scheduler or 'local'}",
                                 f"its workers cannot extract: {type(exc).__name__}: {exc}", stage="extract") from None
        nthreads = sum(client.nthreads().values()) or 1
        queued = 0
        while queued < len(paths) or window:
            while queued < len(paths) and len(window) < nthreads * 4:
                window.append((paths[queued], _submit(client, paths[queued], max_bytes, timeout)))
                queued += 1
            path, fut = window.popleft()
            yield _outcome(client, path, fut, max_bytes, timeout)
    finally:
        for _, fut in window:
            if not isinstance(fut, Outcome):
                fut.cancel()
        client.close()
        if cluster is not None:
            cluster.close()

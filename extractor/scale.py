"""Scale-out: the batch's per-document function on a Dask cluster, results in input order.

The cluster runs exactly `batch.process_path`, so a Dask run writes the same bytes as a local one.
Without a scheduler address a `LocalCluster` of single-threaded worker processes is started (jieba
and spaCy state is per process, and one thread per worker keeps it unshared). A sliding window of
submitted documents keeps memory flat on both sides however long the batch. Workers read the files
themselves, so on a remote cluster the input paths must be visible to them (a shared filesystem).
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from typing import Any

from extractor.batch import Outcome, load_models, process_path
from extractor.ingest.sources import DEFAULT_MAX_BYTES

_NOISY = ("distributed", "tornado", "bokeh", "asyncio")


def _quiet() -> None:
    """Distributed logs cluster start-up and shutdown at INFO/WARNING; a CLI run only wants errors."""
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.ERROR)


def dask_outcomes(paths: list[str], scheduler: str | None = None, workers: int | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
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
    client = Client(scheduler or cluster)
    try:
        client.run(load_models)
        nthreads = sum(client.nthreads().values()) or 1
        window: deque[Any] = deque()
        queued = 0
        while queued < len(paths) or window:
            while queued < len(paths) and len(window) < nthreads * 4:
                window.append(client.submit(process_path, paths[queued], max_bytes, pure=False))
                queued += 1
            fut = window.popleft()
            res = fut.result()
            fut.release()
            yield res
    finally:
        for fut in window:
            fut.cancel()
        client.close()
        if cluster is not None:
            cluster.close()

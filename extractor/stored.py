"""`run --from-store`: extract what a crawl stored and has not been extracted yet.

The crawler only stores documents; this run-level module hands them to the extractor (here, or in the
worker process), so the crawler never calls the pipeline."""
from __future__ import annotations

from collections.abc import Iterator

from extractor.batch import Outcome, extract_stored
from extractor.crawl.store import Store
from extractor.ingest.sources import DEFAULT_MAX_BYTES


def store_outcomes(store_path: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 600.0,
                   isolated: bool = False) -> tuple[Iterator[Outcome], int]:
    """Outcomes for every pending stored document, here or (`isolated`) in a worker process of its own
    (extractor.worker); each is marked extracted as it is yielded."""
    store = Store(store_path)
    pending = list(store.pending_documents())

    def gen() -> Iterator[Outcome]:
        if isolated:
            from extractor.worker import isolated_outcomes

            results: Iterator[Outcome] = isolated_outcomes(pending, max_bytes, timeout)
        else:
            results = (extract_stored(doc, max_bytes) for doc in pending)
        try:
            for doc, res in zip(pending, results):
                yield res
                store.mark_extracted(doc.sha256, ok=res.notice is not None, message=(res.error or {}).get("message"))
        finally:
            results.close()  # an isolated worker is ended with the run that stops early
            store.close()

    return gen(), len(pending)

"""`run --from-store`: extract what a crawl stored and has not been extracted yet."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from extractor.batch import Outcome
from extractor.crawl.store import Store, StoredDocument
from extractor.ingest.sources import DEFAULT_MAX_BYTES, read_bytes
from extractor.model import ExtractorError


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

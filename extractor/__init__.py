"""notice-extract: structured, comparable targets from Chinese government policy notices."""
from __future__ import annotations

import os
from pathlib import Path

from extractor.model import SCHEMA_VERSION, ExtractorError, Notice, Obligation
from extractor.version import __version__

__all__ = ["extract", "extract_file", "extract_bytes", "frames", "Notice", "Obligation", "ExtractorError",
           "SCHEMA_VERSION", "__version__"]


def extract(text: str | Path, source: str | None = None) -> Notice:
    """A notice's text (str) -> Notice; a `Path` is read as a file. Loads jieba/spaCy on first use."""
    from extractor.pipeline import extract as _extract

    return _extract(text, source)


def extract_file(path: str | os.PathLike[str]) -> Notice:
    """A file (text, HTML, PDF or DOCX, recognised by content) -> Notice; ExtractorError names a missing or bad file."""
    from extractor.pipeline import extract_file as _extract_file

    return _extract_file(path)


def extract_bytes(data: bytes, source: str = "<bytes>") -> Notice:
    """A document's bytes (any supported format) -> Notice; `source` names it in errors and in the output."""
    from extractor.pipeline import extract_bytes as _extract_bytes

    return _extract_bytes(data, source)


def frames(runs: str | os.PathLike[str] | list[str | os.PathLike[str]], names: list[str] | None = None) -> dict:
    """A run's tables (output folder or notices.jsonl; several runs are merged) as typed pandas DataFrames:
    {"long": …, "comparison": …, "matrix": …, "facts": …, "unknown_region": …, "dictionary": …}."""
    from extractor.tables.frames import frames as _frames

    paths = [Path(runs)] if isinstance(runs, (str, os.PathLike)) else [Path(r) for r in runs]
    return _frames(paths, names)

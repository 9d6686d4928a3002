"""notice-extract: structured, comparable targets from Chinese government policy notices."""
from extractor.model import SCHEMA_VERSION, ExtractorError, Notice, Obligation

__all__ = ["extract", "Notice", "Obligation", "ExtractorError", "SCHEMA_VERSION"]


def extract(path_or_text, source=None):  # noqa: ANN001, ANN201 - thin lazy wrapper
    """A file path, raw bytes or a notice's text -> Notice (loads jieba/spaCy on first use)."""
    from extractor.pipeline import extract as _extract

    return _extract(path_or_text, source)

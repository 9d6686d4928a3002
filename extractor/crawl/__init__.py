"""Polite crawler for government notice columns, feeding `notice-extract run --from-store`.

Names load on first use (PEP 562), so commands that never crawl do not import the HTTP stack.
"""
from __future__ import annotations

import importlib
from typing import Any

_HOME = {
    "CrawlReport": "crawler", "Crawler": "crawler", "Outcome": "crawler", "Fetcher": "extractor.net.fetch", "FetchResult": "extractor.net.fetch",
    "SiteDef": "sites", "generic_site": "sites", "load_sites": "sites", "DEFAULT_STORE": "store", "Store": "store",
    "StoredDocument": "store",
}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    home = _HOME[name]
    return getattr(importlib.import_module(home if "." in home else f"extractor.crawl.{home}"), name)

"""Polite crawler for government notice columns, feeding `notice-extract run --from-store`."""
from extractor.crawl.crawler import CrawlReport, Crawler, Outcome
from extractor.crawl.fetch import Fetcher, FetchResult
from extractor.crawl.sites import SiteDef, generic_site, load_sites
from extractor.crawl.store import DEFAULT_STORE, Store, StoredDocument

__all__ = [
    "DEFAULT_STORE", "CrawlReport", "Crawler", "FetchResult", "Fetcher", "Outcome", "SiteDef", "Store",
    "StoredDocument", "generic_site", "load_sites",
]

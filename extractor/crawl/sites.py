"""Site definitions as data: one TOML file per site, plus a generic fallback for unknown sites.

Keeping selectors in `gazetteers/sites/*.toml` means a changed page layout is a data fix, not a code fix.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import soupsieve

from extractor.gazetteers import GazetteerError, check_site_file
from extractor.lexicon_schema import SITE
from extractor.model import ExtractorError

DEFAULT_MAX_PAGES = 5

# the keys a definition may have, from the one schema the start-up check uses too (extractor/lexicon_schema.py)
_KEYS: dict[str, set[str]] = {"": {k.rstrip("?") for k in SITE}} | {
    k.rstrip("?"): {key.rstrip("?") for key in spec} for k, spec in SITE.items() if isinstance(spec, dict)}


@dataclass(frozen=True)
class Pagination:
    """How to reach list page N+1: a next-link selector, or a URL pattern with `{page}`."""

    next_selector: str | None = None
    url_pattern: str | None = None
    page_offset: int = 0
    max_pages: int = DEFAULT_MAX_PAGES


@dataclass(frozen=True)
class SiteDef:
    """One crawlable column. Selectors left empty fall back to the generic link finder."""

    name: str
    start_urls: tuple[str, ...] = ()
    allowed_hosts: frozenset[str] = frozenset()
    item_selector: str | None = None
    link_selector: str | None = None
    date_selector: str | None = None
    pagination: Pagination = field(default_factory=Pagination)
    attachment_selector: str | None = None
    detail_date_selector: str | None = None
    description: str = ""
    source: str = ""

    def allows(self, url: str) -> bool:
        """Whether `url` is on one of this site's hosts (ports are ignored)."""
        return (urlsplit(url).hostname or "").lower() in self.allowed_hosts


def generic_site(url: str) -> SiteDef:
    """A definition for a bare start URL: same host (with or without www.), generic link finder."""
    host = (urlsplit(url).hostname or "").lower()
    bare = host.removeprefix("www.")
    return SiteDef(name=f"generic:{host}", allowed_hosts=frozenset({host, bare, f"www.{bare}"}))


def load_sites(path: str | Path) -> list[SiteDef]:
    """Load one TOML file, or every `*.toml` in a directory (sorted by name)."""
    p = Path(path)
    if not p.exists():
        raise ExtractorError(str(p), "no such site definition file or directory", stage="crawl")
    files = sorted(p.glob("*.toml")) if p.is_dir() else [p]
    sites: list[SiteDef] = []
    seen: dict[str, str] = {}
    for f in files:
        try:
            data = check_site_file(f)  # the start-up check's schema: unknown keys, selectors, URLs, with the line
        except GazetteerError as exc:
            raise ExtractorError(str(f), str(exc).removeprefix(f"{f}:"), stage="crawl") from exc
        except UnicodeDecodeError as exc:
            raise ExtractorError(str(f), f"invalid TOML: {exc}", stage="crawl") from exc
        site = parse_site(data, str(f))
        if site.name in seen:
            raise ExtractorError(str(f), f"site name {site.name!r} already defined in {seen[site.name]}", "crawl")
        seen[site.name] = str(f)
        sites.append(site)
    return sites


def parse_site(data: dict[str, Any], source: str) -> SiteDef:
    """Validate one definition strictly, so a typo in a key fails loudly instead of crawling nothing."""

    def fail(reason: str) -> ExtractorError:
        return ExtractorError(source, reason, stage="crawl")

    for table, allowed in _KEYS.items():
        section = data if not table else data.get(table, {})
        if not isinstance(section, dict):
            raise fail(f"[{table}] must be a table")
        for key in section:
            if key not in allowed:
                raise fail(f"unknown key {key!r}" + (f" in [{table}]" if table else ""))
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise fail("missing 'name'")
    starts = data.get("start_urls", [])
    if not isinstance(starts, list) or not starts or not all(isinstance(u, str) for u in starts):
        raise fail("'start_urls' must be a non-empty list of URLs")
    for url in starts:
        if urlsplit(url).scheme not in ("http", "https"):
            raise fail(f"start URL {url!r} is not http(s)")
    hosts = data.get("allowed_hosts") or [urlsplit(u).hostname for u in starts]
    lst, pag, det = data.get("list", {}), data.get("pagination", {}), data.get("detail", {})
    for section, keys in ((lst, ("item_selector", "link_selector", "date_selector")),
                          (pag, ("next_selector",)), (det, ("attachment_selector", "date_selector"))):
        for key in keys:
            if key in section:
                try:
                    soupsieve.compile(section[key])
                except Exception as exc:
                    raise fail(f"bad CSS selector {key} = {section[key]!r}: {exc}") from exc
    pattern = pag.get("url_pattern")
    if pattern is not None and "{page}" not in pattern:
        raise fail("pagination.url_pattern must contain {page}")
    max_pages = pag.get("max_pages", DEFAULT_MAX_PAGES)
    if not isinstance(max_pages, int) or max_pages < 1:
        raise fail("pagination.max_pages must be a positive integer")
    return SiteDef(
        name=name,
        description=str(data.get("description", "")),
        start_urls=tuple(starts),
        allowed_hosts=frozenset(str(h).lower() for h in hosts),
        item_selector=lst.get("item_selector"),
        link_selector=lst.get("link_selector"),
        date_selector=lst.get("date_selector"),
        pagination=Pagination(pag.get("next_selector"), pattern, int(pag.get("page_offset", 0)), max_pages),
        attachment_selector=det.get("attachment_selector"),
        detail_date_selector=det.get("date_selector"),
        source=source,
    )

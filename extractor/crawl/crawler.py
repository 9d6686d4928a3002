"""The crawl loop: take the next frontier URL, fetch it conditionally, store it, queue what it links to.

Every step goes through the store's frontier, so an interrupted crawl resumes where it stopped.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urldefrag

from extractor.net.fetch import HTML, FetchResult, Fetcher
from extractor.crawl.links import attachment_links, next_page, notice_links, page_date, parse_html
from extractor.crawl.sites import SiteDef, generic_site
from extractor.crawl.store import FrontierItem, PageRecord, PageRow, Store

FETCHED, UNCHANGED, DUPLICATE, SKIPPED, FAILED = "fetched", "unchanged", "duplicate", "skipped", "failed"


@dataclass(frozen=True)
class Outcome:
    """What one URL came to in this crawl; `reason` says why for anything but new content."""

    url: str
    kind: str
    status: str
    reason: str | None = None


@dataclass
class CrawlReport:
    outcomes: list[Outcome] = field(default_factory=list)
    resumed: bool = False
    interrupted: bool = False

    def urls(self, status: str, kind: str | None = None) -> list[str]:
        return [o.url for o in self.outcomes if o.status == status and (kind is None or o.kind == kind)]

    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)


class Crawler:
    """Crawl site definitions and/or bare start URLs into a Store.

    `on_result(outcome, pending)` is called after each URL is committed (progress bars, tests).
    A KeyboardInterrupt stops the crawl cleanly: `run` returns a report marked `interrupted`.
    """

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        sites: Iterable[SiteDef] = (),
        *,
        since: date | None = None,
        max_pages: int | None = None,
        on_result: Callable[[Outcome, int], None] | None = None,
    ) -> None:
        self.store, self.fetcher = store, fetcher
        self.sites = {s.name: s for s in sites}
        self.since = since.isoformat() if since else None
        self.max_pages = max_pages
        self.on_result = on_result

    def run(self, start_urls: Sequence[str] = ()) -> CrawlReport:
        seeds = [FrontierItem(u, "list", s.name, 1) for s in self.sites.values() for u in s.start_urls]
        for url in start_urls:
            url = urldefrag(url.strip())[0]
            site = self.sites.setdefault(generic_site(url).name, generic_site(url))
            seeds.append(FrontierItem(url, "list", site.name, 1))
        report = CrawlReport(resumed=self.store.start_run(seeds))
        try:
            while (item := self.store.next_pending()) is not None:
                self._visit(item, report)
        except KeyboardInterrupt:
            report.interrupted = True
        return report

    def _site(self, item: FrontierItem) -> SiteDef:
        """The item's site; a resumed crawl may lack the original definition, so fall back to generic."""
        return self.sites.get(item.site) or self.sites.setdefault(item.site, generic_site(item.url))

    def _visit(self, item: FrontierItem, report: CrawlReport) -> None:
        site = self._site(item)
        prev = self.store.page(item.url)
        etag = last_modified = validated = None
        if prev is not None and prev.sha256 and self.store.raw_path(prev.sha256).exists():
            etag, last_modified, validated = prev.etag, prev.last_modified, prev.final_url
        res = self.fetcher.fetch(item.url, site.allowed_hosts, etag, last_modified, validated)
        record = PageRecord(item.url, item.kind, item.site, res.final_url, res.status, res.headers,
                            res.error or (f"skipped: {res.skipped}" if res.skipped else None),
                            item.title_hint, item.date_hint)
        body, ctype, charset, base = None, res.content_type, res.charset, res.final_url
        if res.skipped:
            outcome = Outcome(item.url, item.kind, SKIPPED, res.skipped)
        elif res.error:
            outcome = Outcome(item.url, item.kind, FAILED, res.error)
        elif res.not_modified:
            if prev is not None and prev.sha256:
                body = self.store.read_raw(prev.sha256)
                ctype, charset, base = prev.content_type, prev.charset, prev.final_url or item.url
                outcome = Outcome(item.url, item.kind, UNCHANGED, "not modified (HTTP 304)")
            else:
                record.error = "HTTP 304 without a stored copy"
                outcome = Outcome(item.url, item.kind, FAILED, record.error)
        else:
            body = res.body or b""
            outcome = self._classify(item, prev, res, record)
        children: list[FrontierItem] = []
        skipped: list[Outcome] = []
        if body is not None and ctype == HTML and item.kind != "attachment":
            children, skipped = self._discover(item, site, body, charset, base, record)
        self.store.save_visit(item, record, children)
        report.outcomes.append(outcome)
        report.outcomes.extend(skipped)
        if self.on_result:
            self.on_result(outcome, self.store.pending_count())

    def _classify(self, item: FrontierItem, prev: PageRow | None, res: FetchResult, record: PageRecord) -> Outcome:
        """Store the body and tell new content from the same bytes again or a copy of another URL."""
        body = res.body or b""
        sha = self.store.put_raw(body)
        record.sha256, record.size, record.content_type, record.charset = sha, len(body), res.content_type, res.charset
        record.etag, record.last_modified = res.headers.get("ETag"), res.headers.get("Last-Modified")
        if prev is not None and prev.sha256 == sha:
            return Outcome(item.url, item.kind, UNCHANGED, "same content (sha256)")
        other = self.store.document_url(sha) if item.kind != "list" else None
        if other:
            return Outcome(item.url, item.kind, DUPLICATE, f"same content as {other}")
        return Outcome(item.url, item.kind, FETCHED)

    def _discover(self, item: FrontierItem, site: SiteDef, body: bytes, charset: str | None, base: str,
                  record: PageRecord) -> tuple[list[FrontierItem], list[Outcome]]:
        """Links to follow from a list page (notices, next page) or a notice page (attachments)."""
        soup = parse_html(body, charset)
        if item.kind != "list":
            record.date_hint = record.date_hint or page_date(soup, site)
            return [FrontierItem(a.url, "attachment", site.name, 0, a.title, record.date_hint)
                    for a in attachment_links(soup, base, site) if site.allows(a.url)], []
        children, skipped = [], []
        links = [link for link in notice_links(soup, base, site) if site.allows(link.url)]
        for link in links:
            if self.since and link.date and link.date < self.since:
                skipped.append(Outcome(link.url, "notice", SKIPPED, f"dated {link.date}, before --since {self.since}"))
            else:
                children.append(FrontierItem(link.url, "notice", site.name, 0, link.title, link.date))
        limit = self.max_pages or site.pagination.max_pages
        if children and item.page_no < limit:
            nxt = next_page(soup, base, site, item.page_no)
            if nxt and site.allows(nxt):
                children.append(FrontierItem(nxt, "list", site.name, item.page_no + 1))
        return children, skipped

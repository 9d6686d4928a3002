"""Find notice links, their dates, next list pages and attachments in HTML.

Site selectors are used when a definition gives them; otherwise anchor text keywords and dates near
the anchor pick out notices, which works on most government list columns without configuration.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from extractor.crawl.sites import SiteDef

NOTICE_WORDS = ("通知", "意见", "方案", "规划", "办法", "决定", "细则")
NEXT_WORDS = ("下一页", "下页", "后一页", "next", "next page", ">", "›", "»")
DOC_EXTS = (".pdf", ".doc", ".docx", ".wps")
_DATE_RES = (
    re.compile(r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
_GB = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    date: str | None = None


def parse_html(body: bytes, charset: str | None) -> BeautifulSoup:
    """Parse bytes with the recorded charset; GB charsets widen to GB18030, which real pages often need."""
    enc = _GB.get((charset or "").lower(), charset)
    return BeautifulSoup(body, "lxml", from_encoding=enc)


def find_date(text: str) -> str | None:
    """First valid YYYY-MM-DD / YYYY/MM/DD / YYYY年M月D日 date in `text`, as ISO."""
    hits = []
    for rx in _DATE_RES:
        for m in rx.finditer(text):
            try:
                hits.append((m.start(), date(int(m[1]), int(m[2]), int(m[3])).isoformat()))
            except ValueError:
                continue
    return min(hits)[1] if hits else None


def _base(soup: BeautifulSoup, url: str) -> str:
    base = soup.find("base", href=True)
    return urljoin(url, str(base["href"])) if isinstance(base, Tag) else url


def _resolve(base: str, href: object) -> str | None:
    """Absolute http(s) URL without fragment, or None for javascript:, mailto: and the like."""
    if not isinstance(href, str) or not href.strip() or href.strip().startswith("#"):
        return None
    url = urldefrag(urljoin(base, href.strip()))[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _title(a: Tag) -> str:
    """Anchor text, or the title attribute when lists truncate titles with '...'."""
    text = " ".join(a.get_text(" ", strip=True).split())
    attr = a.get("title")
    return attr.strip() if isinstance(attr, str) and len(attr.strip()) > len(text.rstrip(".…")) else text


def _nearby_date(a: Tag, levels: int = 3, max_chars: int = 200) -> str | None:
    """Date in the anchor or its list item: climb only through ancestors holding no other link."""
    node: Tag | None = a
    for _ in range(levels):
        if node is None:
            return None
        text = node.get_text(" ", strip=True)
        if len(text) > max_chars or (node is not a and len(node.find_all("a", limit=2)) > 1):
            return None
        found = find_date(text)
        if found:
            return found
        node = node.parent if isinstance(node.parent, Tag) else None
    return None


def _dedupe(links: list[Link]) -> list[Link]:
    out: dict[str, Link] = {}
    for link in links:
        out.setdefault(link.url, link)
    return list(out.values())


def notice_links(soup: BeautifulSoup, page_url: str, site: SiteDef) -> list[Link]:
    """Notice links on a list page, with the list date when one is shown."""
    base = _base(soup, page_url)
    links: list[Link] = []
    if site.item_selector:
        for item in soup.select(site.item_selector):
            a = item if item.name == "a" else item.select_one(site.link_selector or "a[href]")
            url = _resolve(base, a.get("href")) if a else None
            if a is None or url is None:
                continue
            when = item.select_one(site.date_selector) if site.date_selector else None
            found = find_date(when.get_text(" ", strip=True)) if when else None
            links.append(Link(url, _title(a), found or find_date(item.get_text(" ", strip=True))))
    elif site.link_selector:
        for a in soup.select(site.link_selector):
            url = _resolve(base, a.get("href"))
            if url:
                links.append(Link(url, _title(a), _nearby_date(a)))
    else:
        for a in soup.find_all("a", href=True):
            url = _resolve(base, a.get("href"))
            title = _title(a)
            if not url or not any(w in title for w in NOTICE_WORDS):
                continue
            found = _nearby_date(a)
            if len(title) >= 8 or found:
                links.append(Link(url, title, found))
    return _dedupe(links)


def next_page(soup: BeautifulSoup, page_url: str, site: SiteDef, page_no: int) -> str | None:
    """URL of list page `page_no + 1`: by selector, by URL pattern, or by a '下一页' anchor."""
    pag = site.pagination
    if pag.url_pattern:
        return urljoin(page_url, pag.url_pattern.format(page=page_no + 1 + pag.page_offset))
    base = _base(soup, page_url)
    if pag.next_selector:
        a = soup.select_one(pag.next_selector)
        return _resolve(base, a.get("href")) if a else None
    for a in soup.find_all("a", href=True):
        if a.get_text(strip=True).lower() in NEXT_WORDS:
            url = _resolve(base, a.get("href"))
            if url and url != page_url:
                return url
    return None


def attachment_links(soup: BeautifulSoup, page_url: str, site: SiteDef) -> list[Link]:
    """Attachments on a notice page: by selector, or links to PDF/DOC/DOCX/WPS or labelled 附件."""
    base = _base(soup, page_url)
    anchors = soup.select(site.attachment_selector) if site.attachment_selector else soup.find_all("a", href=True)
    links = []
    for a in anchors:
        url = _resolve(base, a.get("href"))
        if not url or url == page_url:
            continue
        title = _title(a)
        if site.attachment_selector or urlsplit(url).path.lower().endswith(DOC_EXTS) or "附件" in title:
            links.append(Link(url, title))
    return _dedupe(links)


def page_date(soup: BeautifulSoup, site: SiteDef) -> str | None:
    """Publication date on a notice page, only where the site says where to look."""
    if not site.detail_date_selector:
        return None
    node = soup.select_one(site.detail_date_selector)
    return find_date(node.get_text(" ", strip=True)) if node else None

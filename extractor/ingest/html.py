"""HTML pages to a RawDocument whose text is the notice body, not the page around it.

Why this shape: Chinese government CMSs put the body in recognisable containers, so site profiles
(gazetteers/html_profiles.toml) are tried first; anything else goes to a Readability-style score
(text length, Chinese punctuation, link density, notice anatomy). Page furniture (navigation,
share bars, related lists, comments, footers, spam) is removed before and trimmed after.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import soupsieve
from bs4 import BeautifulSoup, NavigableString, Tag

from extractor import gazetteers, patterns
from extractor.ingest.decode import decode_bytes, sniff_html_charset
from extractor.model import ExtractorError, RawDocument

PROFILES_PATH = gazetteers.data_dir() / "html_profiles.toml"

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "select", "button", "input", "textarea", "map", "head")
_STRUCTURAL_FURNITURE = ("nav", "footer", "aside", "menu")
_BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4",
                    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center",
                    "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "form",
                    "figure", "address", "hr", "fieldset", "body", "html"})
_HOLDERS = frozenset({"div", "td", "th", "section", "article", "main", "body", "form",
                      "blockquote", "center", "li", "dd"})
_HEADINGS = {"h1": 3.0, "h2": 2.0, "h3": 1.0}
_PICTURE = frozenset({"image", "img", "pic", "picture", "photo", "figure"})
_TITLE_TOKENS = frozenset({"title", "tit", "biaoti", "headline"})
_BR = "\u2028"
_PUNCT = re.compile(r"[，。；：、！？,;]")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d]")
_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_TITLE_SPLIT = re.compile(r"\s*(?:_+|\||｜|—+|–|\s-+\s|(?<!\d)-+|-+(?!\d))\s*")
_ADDRESSEE = re.compile(r"^[^。，；]{2,80}[：:]$")
_SIGNED_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]?$")


@dataclass(frozen=True)
class Profiles:
    """The site-profile data file, compiled once."""

    body: tuple[str, ...] = ()
    body_min_chars: int = 30
    title: tuple[str, ...] = ()
    meta: tuple[str, ...] = ()
    meta_date_labels: tuple[str, ...] = ()
    meta_title_labels: tuple[str, ...] = ()
    date_meta: tuple[str, ...] = ()
    date_attributes: tuple[str, ...] = ()
    date_labels: tuple[str, ...] = ()
    class_tokens: frozenset[str] = frozenset()
    furniture: frozenset[str] = frozenset()
    tail: tuple[re.Pattern[str], ...] = ()
    head: tuple[re.Pattern[str], ...] = ()
    spam: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_profiles(path: Path = PROFILES_PATH) -> Profiles:
    """Read the profile file; without it the density scorer still works, with a warning."""
    try:
        raw: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return Profiles(warnings=(f"html: site profiles not loaded ({exc.__class__.__name__})",))
    body, title, meta = raw.get("body", {}), raw.get("title", {}), raw.get("meta", {})
    date, boiler = raw.get("date", {}), raw.get("boilerplate", {})
    return Profiles(
        body=tuple(body.get("selectors", ())),
        body_min_chars=int(body.get("min_chars", 30)),
        title=tuple(title.get("selectors", ())),
        meta=tuple(meta.get("selectors", ())),
        meta_date_labels=tuple(meta.get("date_labels", ())),
        meta_title_labels=tuple(meta.get("title_labels", ())),
        date_meta=tuple(n.lower() for n in date.get("meta_names", ())),
        date_attributes=tuple(date.get("attributes", ())),
        date_labels=tuple(date.get("labels", ())),
        class_tokens=frozenset(boiler.get("class_tokens", ())),
        furniture=frozenset(boiler.get("furniture_words", ())),
        tail=tuple(re.compile(p) for p in boiler.get("tail_patterns", ())),
        head=tuple(re.compile(p) for p in boiler.get("head_patterns", ())),
        spam=tuple(boiler.get("spam_words", ())),
    )


def read_html(data: bytes, source: str, http_charset: str | None = None,
              *, use_profiles: bool = True) -> RawDocument:
    """Decode an HTML page and keep only its notice body; ExtractorError is the only error.

    `use_profiles=False` skips the site profiles so the density fallback can be tested alone.
    """
    if not data.strip():
        raise ExtractorError(source, "empty file")
    text, notes = decode_bytes(data, source, http_charset, sniff_html_charset(data))
    profiles = load_profiles()
    notes.extend(profiles.warnings)
    try:
        page = _Page(text, profiles, use_profiles)
        body, title, date = page.body_text(), page.title(), page.date()
    except RecursionError as exc:
        raise ExtractorError(source, "HTML nested too deeply to read") from exc
    if _squeeze(body) in ("", _squeeze(title or "")):
        notes.append("html: no body text found")
    return RawDocument(source=source, data=data, media_type="text/html", text=body,
                       warnings=tuple(notes), title_hint=title, date_hint=date)


def _parse(text: str) -> BeautifulSoup:
    """Parse with lxml; stray </html>/</body> tags mid-page would otherwise cut the page short."""
    text = re.sub(r"</\s*(?:html|body)\s*>", "", text, flags=re.IGNORECASE).replace("\x00", "")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's hints about XML or URL-like input are noise here
        try:
            return BeautifulSoup(text, "lxml")
        except Exception:  # lxml gives up on some binary junk; the stdlib parser never does
            return BeautifulSoup(text, "html.parser")


def _class_tokens(tag: Tag) -> set[str]:
    attrs = tag.attrs if isinstance(tag.attrs, dict) else {}
    classes = attrs.get("class") or []
    names = " ".join([*(classes if isinstance(classes, list) else [str(classes)]),
                      str(attrs.get("id") or "")])
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names)
    return {t for t in re.split(r"[^A-Za-z0-9]+", names.lower()) if t}


def _hidden(tag: Tag) -> bool:
    """Hidden in the saved page (inline style, `hidden`, or hide/ng-hide classes)."""
    attrs = tag.attrs if isinstance(tag.attrs, dict) else {}
    style = str(attrs.get("style") or "").replace(" ", "").lower()
    return ("display:none" in style or "visibility:hidden" in style or "hidden" in attrs
            or bool(_class_tokens(tag) & {"hide", "hidden", "invisible"}))


@lru_cache(maxsize=256)
def _compile(selectors: tuple[str, ...]) -> tuple[Any, list[Any]]:
    """One combined selector for a single pass over the page, plus each one to rank the hits."""
    good = []
    for sel in selectors:
        try:
            good.append(soupsieve.compile(sel))
        except Exception:  # a bad selector in the data file must not stop reading
            continue
    combined = soupsieve.compile(", ".join(c.pattern for c in good)) if good else None
    return combined, good


def _select(soup: BeautifulSoup, selectors: tuple[str, ...]) -> list[tuple[int, Tag]]:
    """(index of the first selector that matches, element) for every element any one matches."""
    combined, each = _compile(selectors)
    if combined is None:
        return []
    hits = []
    for tag in combined.select(soup):
        rank = next((i for i, c in enumerate(each) if c.match(tag)), len(each))
        hits.append((rank, tag))
    return hits


def _gone(tag: Tag) -> bool:
    """Already decomposed. (Tag.decomposed falls through to a subtree search on live tags.)"""
    return bool(tag.__dict__.get("_decomposed", False))


def _squeeze(text: str) -> str:
    return _SPACE_RUN.sub("", text)


# Per-element counts over the whole subtree, from one linear pass (see _measure).
_CHARS, _LINKS, _SPAM, _IMGS, _NODES = range(5)


def _measure(root: Tag, spam: tuple[str, ...]) -> dict[int, list[int]]:
    """Non-space chars, link chars, spam-word hits, images and nodes under every element.

    One pass instead of get_text() per element: pages with thousands of unclosed <font> tags
    nest that deep, and per-element subtree walks would be quadratic there.
    """
    order = [t for t in root.descendants if isinstance(t, Tag)]
    stats = {id(t): [0, 0, 0, 0, 1] for t in order}
    stats[id(root)] = [0, 0, 0, 0, 1]
    for node in root.descendants:
        if type(node) is NavigableString and id(node.parent) in stats:
            counts = stats[id(node.parent)]
            counts[_CHARS] += len(_squeeze(node))
            counts[_SPAM] += sum(w in node for w in spam)
    for tag in reversed(order):
        counts = stats[id(tag)]
        if tag.name == "a":
            counts[_LINKS] = counts[_CHARS]
        elif tag.name == "img":
            counts[_IMGS] += 1
        parent = stats.get(id(tag.parent))
        if parent is not None:
            for i, value in enumerate(counts):
                parent[i] += value
    return stats


class _Page:
    """One parsed page: cleaned tree, chosen body element, title and date."""

    def __init__(self, text: str, profiles: Profiles, use_profiles: bool) -> None:
        self.p = profiles
        self.soup = _parse(text)
        self.head_meta = self._head_meta()
        for tag in self.soup.find_all(_DROP_TAGS):
            tag.decompose()
        for tag in [t for t in self.soup.find_all(True) if _hidden(t)]:
            if not _gone(tag):
                tag.decompose()
        self.meta_rows = self._meta_rows()
        # Document order and short dated strings are taken before furniture goes: the date line
        # under a title often sits inside a share bar.
        self.tags = self.soup.find_all(True)
        self.order = {id(t): i for i, t in enumerate(self.tags)}
        self.dated = [(self.order.get(id(s.parent), -1), _iso_date(str(s)))
                      for s in self.soup.find_all(string=patterns.PAGE_DATE) if len(str(s).strip()) <= 60]
        self._drop_furniture(_measure(self.soup, self.p.spam))
        self.stats = _measure(self.soup, ())
        self.body = (self._profile_body() if use_profiles else None) or self._scored_body()
        self.title_el, self.title_text = self._find_title()

    def _chars(self, tag: Tag) -> int:
        return self.stats.get(id(tag), [0])[_CHARS]

    def _head_meta(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for m in self.soup.find_all("meta"):
            key = str(m.get("name") or m.get("property") or "").strip().lower()
            value = str(m.get("content") or "").strip()
            if key and value and key not in found:
                found[key] = value
        title = self.soup.find("title")
        if title is not None:
            found["<title>"] = title.get_text(" ", strip=True)
        for attr in self.p.date_attributes:
            tag = self.soup.find(attrs={attr: True})
            if isinstance(tag, Tag):
                found.setdefault(attr, str(tag.get(attr)))
        return found

    def _meta_rows(self) -> list[tuple[str, str]]:
        """Label/value pairs from 信息公开 metadata blocks named in the profiles."""
        rows: list[tuple[str, str]] = []
        for _, block in _select(self.soup, self.p.meta):
            for line in "\n".join(_render(block)).splitlines():
                cells = [c for c in re.split(r"\t|(?<=[：:])", line) if c.strip()]
                for label, value in zip(cells[::2], cells[1::2]):
                    rows.append((re.sub(r"[\s：:\u3000]", "", label), value.strip()))
        return rows

    def _drop_furniture(self, stats: dict[int, list[int]]) -> None:
        """Remove structural and class-named furniture unless it holds most of the page's text."""
        limit = max(200, stats[id(self.soup)][_CHARS] // 2)
        for tag in self.tags:
            if _gone(tag) or tag.name in {"html", "body"}:
                continue
            chars, links, spam, imgs, _ = stats[id(tag)]
            tokens = _class_tokens(tag)
            furniture = tag.name in _STRUCTURAL_FURNITURE or bool(tokens & self.p.class_tokens)
            caption = tag.name in {"figure", "figcaption"} or "caption" in tokens or (
                bool(tokens & _PICTURE) and imgs > 0)
            if ((furniture and chars < limit) or (caption and chars < 100)
                    or (spam >= 2 and links > chars / 2)):
                tag.decompose()

    def _profile_body(self) -> Tag | None:
        """The first profile selector (in file order) with a match holding enough text."""
        hits = [(rank, -self._chars(tag), self.order.get(id(tag), 0), tag)
                for rank, tag in _select(self.soup, self.p.body)
                if self._chars(tag) >= self.p.body_min_chars]
        return min(hits, key=lambda hit: hit[:3])[3] if hits else None

    def _scored_body(self) -> Tag | None:
        """Readability-style: each text block scores its holder, half to parent, quarter above."""
        scores: dict[int, list[Any]] = {}
        tables: dict[int, bool] = {}
        for block, table, chars, punct, links in _paragraphs(self.soup):
            if chars < 8:
                continue
            score = (1 + punct + min(chars / 40, 5)) * max(0.0, 1 - links / chars)
            holder: Tag | None = block if block.name in _HOLDERS else block.parent
            if table is not None:
                if id(table) not in tables:
                    tables[id(table)] = _is_data_table(table)
                if tables[id(table)]:
                    holder = table.parent  # a data table's cells belong to its container
            for weight in (1.0, 0.5, 0.25):
                if not isinstance(holder, Tag) or holder.name == "[document]":
                    break
                scores.setdefault(id(holder), [holder, 0.0])[1] += score * weight
                holder = holder.parent
        ranked = []
        for tag, score in scores.values():
            chars, links = self.stats.get(id(tag), [1, 0])[:2]
            ranked.append((score * (1 - min(1.0, links / max(chars, 1))), tag))
        ranked.sort(key=lambda pair: -pair[0])
        best, best_score = None, 0.0
        for score, tag in ranked[:5]:
            lines = [ln.strip() for ln in tag.get_text("\n").splitlines() if ln.strip()]
            if any(_ADDRESSEE.match(ln) for ln in lines[:8]):
                score *= 1.1  # a 主送机关 line ending in a colon near the top
            if any(_SIGNED_DATE.search(ln) for ln in lines[-8:]):
                score *= 1.1  # a signature date near the end
            if score > best_score:
                best, best_score = tag, score
        return best

    def _find_title(self) -> tuple[Tag | None, str | None]:
        """The page's own title heading, confirmed by <title>/ArticleTitle where possible."""
        page_title = self._page_title()
        best: tuple[float, Tag | None, str | None] = (2.5, None, None)
        seen: set[int] = set()
        candidates: list[tuple[Tag, float]] = []
        candidates += [(t, 4.0) for _, t in _select(self.soup, self.p.title)]
        candidates += [(t, _HEADINGS[t.name]) for t in self.soup.find_all(list(_HEADINGS))]
        candidates += [(t, 1.5) for t in self.soup.find_all(True)
                       if _class_tokens(t) & _TITLE_TOKENS and t.name not in _HEADINGS]
        for tag, base in candidates[:200]:
            counts = self.stats.get(id(tag), [0, 0, 0, 0, 0])
            if id(tag) in seen or not 4 <= counts[_CHARS] <= 200 or counts[_NODES] > 200:
                continue
            seen.add(id(tag))
            text = _one_line(tag)
            if not 4 <= len(text) <= 150:
                continue
            score = base + _title_match(text, page_title)
            if counts[_LINKS] or tag.find_parent("a") is not None:
                score -= 2
            if self.body is not None:
                if _inside(tag, self.body):
                    score += 0.5
                elif self._before(tag, self.body):
                    score += 1
                else:
                    score -= 3
            if score > best[0]:
                best = (score, tag, text)
        if best[1] is not None:
            return best[1], best[2]
        return None, page_title

    def _before(self, a: Tag, b: Tag) -> bool:
        """`a` starts before `b` in document order and is not inside it."""
        return not _inside(a, b) and self.order.get(id(a), -1) < self.order.get(id(b), -1)

    def _page_title(self) -> str | None:
        for label in self.p.meta_title_labels:
            for key, value in self.meta_rows:
                if key == label and value:
                    return value
        site = self.head_meta.get("sitename")
        for key in ("articletitle", "og:title", "<title>"):
            value = _clean_page_title(self.head_meta.get(key, ""))
            if value and value != site:  # a <title> that is just the site name says nothing
                return value
        return None

    def title(self) -> str | None:
        return self.title_text

    def date(self) -> str | None:
        """Publication date: head meta, metadata rows, labelled text, then the line under the title."""
        for key in (*self.p.date_meta, *self.p.date_attributes):
            found = _iso_date(self.head_meta.get(key, ""))
            if found:
                return found
        for label in self.p.meta_date_labels:
            for key, value in self.meta_rows:
                if key == label and _iso_date(value):
                    return _iso_date(value)
        labels = "|".join(map(re.escape, self.p.date_labels))
        if labels:  # the labelled date nearest the body wins over sidebar lists further up
            pattern = rf"(?:{labels})\s*[:：]\s*(\S[^\n]{{0,20}})"
            dates = [d for m in re.finditer(pattern, self._text_before_body()) if (d := _iso_date(m.group(1)))]
            if dates:
                return dates[-1]
        if self.title_el is not None and self.body is not None and self._before(self.title_el, self.body):
            start, end = self.order.get(id(self.title_el), -1), self.order.get(id(self.body), -1)
            for pos, iso in self.dated:
                if start <= pos < end and iso:
                    return iso
        return None

    def _text_before_body(self) -> str:
        if self.body is None:
            return ""
        parts: list[str] = []
        for s in self.body.find_all_previous(string=True):
            if type(s) is NavigableString:
                parts.append(str(s))
            if len(parts) > 400:
                break
        return "\n".join(reversed(parts))

    def body_text(self) -> str:
        if self.body is None:
            return ""
        blocks = _render(self.body)
        blocks = _trim(blocks, self.p)
        if self.title_el is not None and not _inside(self.title_el, self.body) and self.title_text:
            first = _squeeze(blocks[0]) if blocks else ""
            if _squeeze(self.title_text) not in first:
                blocks.insert(0, self.title_text)
        return "\n\n".join(blocks)


def _paragraphs(root: Tag) -> list[tuple[Tag, Tag | None, int, int, int]]:
    """(block, its nearest table, chars, punctuation, link chars) of each block's own text.

    A block's own text is what is not inside a nested block: its paragraph. Iterative, so any
    nesting depth is fine.
    """
    own: dict[int, list[Any]] = {}
    stack: list[tuple[Tag, Tag | None, Tag | None, bool]] = [(root, None, None, False)]
    while stack:
        node, block, table, in_link = stack.pop()
        if node.name in _BLOCK:
            block = node
            if node.name == "table":
                table = node
        in_link = in_link or node.name == "a"
        for child in node.children:
            if isinstance(child, Tag):
                stack.append((child, block, table, in_link))
            elif type(child) is NavigableString and block is not None:
                entry = own.setdefault(id(block), [block, table, 0, 0, 0])
                chars = len(_squeeze(child))
                entry[2] += chars
                entry[3] += len(_PUNCT.findall(child))
                entry[4] += chars if in_link else 0
    return [(b, t, c, p, lk) for b, t, c, p, lk in own.values()]


def _is_data_table(table: Tag) -> bool:
    """A table of data (≥2 filled cells in a row, no nested tables), not a layout grid."""
    if table.find("table") is not None:
        return False
    for tr in _rows(table):
        cells = [c for c in tr.find_all(["td", "th"], recursive=False) if _squeeze(c.get_text())]
        if len(cells) >= 2:
            return True
    return False


def _rows(table: Tag) -> list[Tag]:
    rows = table.find_all("tr", recursive=False)
    for part in table.find_all(["thead", "tbody", "tfoot"], recursive=False):
        rows += part.find_all("tr", recursive=False)
    return rows


def _span(cell: Tag, attr: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attr) or "1").strip()), 50))
    except ValueError:
        return 1


def _table_lines(table: Tag) -> list[str]:
    """Rows as TAB-joined cells; rowspan repeats a cell down, colspan pads so columns line up."""
    lines: list[str] = []
    pending: dict[int, tuple[str, int]] = {}
    for tr in _rows(table):
        row: list[str] = []
        cells = iter(tr.find_all(["td", "th"], recursive=False))
        col = 0
        while True:
            if col in pending:
                text, left = pending.pop(col)
                if left > 1:
                    pending[col] = (text, left - 1)
                row.append(text)
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                if any(c > col for c in pending):
                    row.append("")
                    col += 1
                    continue
                break
            text = " ".join(" ".join(_render(cell)).split()).replace("\t", " ")
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for k in range(colspan):
                value = text if k == 0 else ""
                row.append(value)
                if rowspan > 1:
                    pending[col + k] = (value, rowspan - 1)
            col += colspan
        line = "\t".join(row).rstrip("\t")
        if line.strip():
            lines.append(line)
    return lines


def _render(root: Tag) -> list[str]:
    """Blocks of plain text: one paragraph or heading per line, tables as TAB rows.

    Iterative (an explicit stack with flush markers) so deeply nested markup cannot overflow.
    """
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        joined = "".join(buf)
        buf.clear()
        lines: list[str] = []
        for raw_line in joined.split(_BR):
            line = _normalise_line(raw_line)
            if line:
                lines.append(line)
            elif lines:
                blocks.append("\n".join(lines))
                lines = []
        if lines:
            blocks.append("\n".join(lines))

    flush_marker = object()
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if node is flush_marker:
            flush()
        elif type(node) is NavigableString:
            buf.append(str(node))
        elif not isinstance(node, Tag):
            continue
        elif node.name == "br":
            buf.append(_BR)
        elif node.name == "table" and _is_data_table(node):
            flush()
            rows = _table_lines(node)
            if rows:
                blocks.append("\n".join(rows))
        elif node.name in _BLOCK:
            flush()
            stack.append(flush_marker)
            stack.extend(reversed(node.contents))
        else:
            stack.extend(reversed(node.contents))
    flush()
    return blocks


def _normalise_line(text: str) -> str:
    """Collapse whitespace; drop source line-wraps between Chinese characters."""
    def space(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        prev, nxt = text[s - 1:s], text[e:e + 1]
        if ("\n" in m.group() or "\r" in m.group()) and _WIDE.match(prev) and _WIDE.match(nxt):
            return ""
        return " "
    return _SPACE_RUN.sub(space, text).strip(" \u3000")


def _trim(blocks: list[str], p: Profiles) -> list[str]:
    """Drop furniture lines anywhere, head furniture at the start, and everything after a tail marker."""
    lines: list[tuple[int, str]] = []
    for i, block in enumerate(blocks):
        for line in block.split("\n"):
            if not _is_furniture(line, p.furniture):
                lines.append((i, line))
    while lines and any(r.search(lines[0][1]) for r in p.head) and len(lines[0][1]) < 80:
        lines.pop(0)
    total = sum(len(ln) for _, ln in lines)
    seen = 0
    for k, (_, line) in enumerate(lines):
        if seen > total / 3 and len(line) <= 100 and any(r.search(line) for r in p.tail):
            lines = lines[:k]
            break
        seen += len(line)
    out: list[str] = []
    last = -1
    for i, line in lines:
        if i == last:
            out[-1] += "\n" + line
        else:
            out.append(line)
        last = i
    return out


def _is_furniture(line: str, words: frozenset[str]) -> bool:
    if not words:
        return False
    parts = [w for w in re.split(r"[\s|｜丨/【】\[\]()（）<>《》:：·•,，]+", line) if w]
    return bool(parts) and all(w in words for w in parts)


def _one_line(tag: Tag) -> str:
    """A heading's text on one line; lines broken by <br> rejoin without a space between hanzi."""
    out = ""
    for line in "\n".join(_render(tag)).split("\n"):
        gap = "" if not out or (_WIDE.match(out[-1]) and _WIDE.match(line[:1])) else " "
        out += gap + line
    return out


def _title_match(text: str, page_title: str | None) -> float:
    if not page_title:
        return 0.0
    a, b = _squeeze(text), _squeeze(page_title)
    if a and (b in a or (a in b and 2 * len(a) >= len(b))):
        return 4.0
    common = len(set(a) & set(b)) / max(1, len(set(a)))
    return 2.0 if common >= 0.7 else 0.0


def _clean_page_title(title: str) -> str:
    """`关于…的通知_湖北省民政厅` → `关于…的通知`: drop short site/channel segments at the end.

    A cut that would leave a bracket open (`关于印发《X-Y办法》…`) is never made.
    """
    title = re.sub(r"[ \t\r\n]+", " ", title).strip()
    cuts = [(m.start(), m.end()) for m in _TITLE_SPLIT.finditer(title) if m.end() > m.start()]
    parts = [(b, e) for b, e in zip([0, *(e for _, e in cuts)], [s for s, _ in cuts] + [len(title)])
             if title[b:e].strip()]
    if not parts:
        return title
    first = parts[0][1] - parts[0][0]
    while (len(parts) > 1 and parts[-1][1] - parts[-1][0] <= max(15, first // 2)
           and _balanced(title[:parts[-2][1]])):
        parts.pop()
    return title[parts[0][0]:parts[-1][1]].strip()


def _balanced(text: str) -> bool:
    return all(text.count(a) <= text.count(b) for a, b in ("《》", "（）", "()", "“”", "【】", "〔〕"))


def _inside(node: Any, ancestor: Tag) -> bool:
    return node is ancestor or any(parent is ancestor for parent in node.parents)


def _iso_date(text: str) -> str | None:
    m = patterns.PAGE_DATE.search(text or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None

"""PDF reader: pdfplumber text in reading order, rebuilt into paragraphs and TAB-separated tables.

Chinese notices are mostly published as PDF; the printed line breaks, running headers, page numbers
and 版记 would otherwise split sentences and pollute agency lists, so they are undone here
(see layout.py). Any failure on bad bytes becomes the one documented ExtractorError.
"""
from __future__ import annotations

import io
import itertools
import re
import statistics
import zlib
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser
import pdfminer.pdftypes
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.utils.exceptions import PdfminerException

from extractor.ingest.layout import concat, ends_sentence, furniture_mask, join_broken_lines
from extractor.ingest.limits import MAX_PDF_INFLATED_BYTES, MAX_PDF_PAGES, MIB
from extractor.model import ExtractorError, RawDocument

MEDIA_TYPE = "application/pdf"
NO_TEXT = "no text layer: scanned image?"
_CID = re.compile(r"\(cid:\d+\)")
_TITLE_RATIO = 1.2
_FULL_SPAN = 0.75
# Predefined CMaps (by name prefix) and the Adobe character collection they encode.
_CMAP_COLLECTIONS = (
    (("UniGB-", "GB-", "GBK-", "GBK2K-", "GBpc-", "GBT-", "GBKp-"), (b"Adobe", b"GB1")),
    (("UniCNS-", "B5", "CNS", "ETen", "ETHK", "HKscs-", "HKdla", "HKdlb", "HKgccs", "HKm"), (b"Adobe", b"CNS1")),
    (("UniJIS", "90ms", "90pv", "83pv", "78", "Add-", "EUC-", "Ext-", "RKSJ"), (b"Adobe", b"Japan1")),
    (("UniKS-", "KSC", "KSCms", "KSCpc"), (b"Adobe", b"Korea1")),
)


class StreamsTooLarge(Exception):
    """The PDF's flate streams inflated past MAX_PDF_INFLATED_BYTES (a zip bomb in a PDF)."""


class _Budget:
    """Bytes inflated so far for the PDF being read; pdfminer's zlib draws on it."""

    used = 0

    @classmethod
    def take(cls, n: int) -> None:
        cls.used += n
        if cls.used > MAX_PDF_INFLATED_BYTES:
            raise StreamsTooLarge

    @classmethod
    def room(cls) -> int:
        return MAX_PDF_INFLATED_BYTES - cls.used + 1


class _CappedInflater:
    """zlib.decompressobj whose output is counted against the budget before it is kept."""

    def __init__(self, *args: Any) -> None:
        self._d = zlib.decompressobj(*args)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._d.decompress(data, min(max_length, _Budget.room()) if max_length else _Budget.room())
        if self._d.unconsumed_tail and not max_length:
            raise StreamsTooLarge
        _Budget.take(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._d, name)


class _CappedZlib:
    """What pdfminer sees as `zlib`: `decompress` stops at the budget instead of inflating a bomb whole (pdfminer
    has no limit of its own; a 1 MB stream can hold 1 GB)."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompressobj(*args: Any) -> _CappedInflater:
        return _CappedInflater(*args)

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        d = _CappedInflater(*args)
        out = d.decompress(data)
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


pdfminer.pdftypes.zlib = _CappedZlib  # type: ignore[assignment]


@dataclass
class _Line:
    """One printed line with the geometry needed to tell a wrapped line from a paragraph end."""

    text: str
    top: float
    x0: float
    x1: float
    size: float
    table: bool = False


def _cell(text: str | None) -> str:
    """Table cell text with its own layout wraps undone (cells never contain TAB)."""
    out = ""
    for part in (text or "").replace("\t", " ").splitlines():
        out = concat(out, part.strip())
    return out


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _is_unmapped(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") == "char" and bool(_CID.fullmatch(obj.get("text", "")))


def _page_lines(page: Any) -> tuple[list[_Line], int]:
    """Flowing text lines plus table rows, sorted top to bottom, and the count of unmapped glyphs.

    Table text is taken from the table only; glyphs pdfminer cannot map (cid:N) are left out.
    """
    unmapped = sum(1 for c in page.chars if _is_unmapped(c))
    page = page.dedupe_chars()
    if unmapped:
        page = page.filter(lambda o: not _is_unmapped(o))
    lines: list[_Line] = []
    boxes = []
    for table in page.find_tables():
        rows = [[_cell(c) for c in row] for row in table.extract()]
        if not any(sum(1 for c in row if c) >= 2 for row in rows):
            continue  # a frame or one-cell box, not a table: let its text flow
        boxes.append(table.bbox)
        for row, cells in zip(table.rows, rows):
            if any(cells):
                x0, top, x1, _ = row.bbox
                lines.append(_Line("\t".join(cells), top, x0, x1, 0.0, table=True))
    body = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes))
    for ln in body.extract_text_lines():
        sizes = [c["size"] for c in ln["chars"]] or [0.0]
        lines.append(_Line(ln["text"], ln["top"], ln["x0"], ln["x1"], statistics.median(sizes)))
    lines.sort(key=lambda ln: ln.top)
    return lines, unmapped


def _full_flags(lines: list[_Line]) -> list[bool]:
    """A line is full when it spans the text block to the right margin (wrapped, not ended)."""
    prose = [ln for ln in lines if not ln.table]
    if not prose:
        return [False] * len(lines)
    rights = sorted(ln.x1 for ln in prose)
    lefts = sorted(ln.x0 for ln in prose)
    right = rights[int(0.9 * (len(rights) - 1))]
    left = lefts[int(0.1 * (len(lefts) - 1))]
    return [
        not ln.table
        and ln.x1 >= right - 2 * (ln.size or 10)
        and ln.x1 - ln.x0 >= _FULL_SPAN * (right - left)
        for ln in lines
    ]


def _indent_flags(lines: list[_Line], full: list[bool]) -> list[bool] | None:
    """Indentation flags, but only for documents that indent first lines (首行缩进) consistently."""
    prose = [ln.x0 for ln in lines if not ln.table]
    if not prose:
        return None
    left = sorted(prose)[int(0.1 * (len(prose) - 1))]
    flags = [not ln.table and ln.x0 >= left + (ln.size or 10) for ln in lines]
    for i in range(1, len(lines)):
        prev, cur = lines[i - 1], lines[i]
        centred = abs((prev.x0 + prev.x1) - (cur.x0 + cur.x1)) / 2 < (cur.size or 10)
        if flags[i] and centred and not prev.table and not ends_sentence(prev.text):
            flags[i] = False  # second line of a centred title, not a new paragraph
    starts = [
        flags[i] for i in range(1, len(lines))
        if not lines[i - 1].table and not full[i - 1] and ends_sentence(lines[i - 1].text)
    ]
    return flags if len(starts) >= 3 and sum(starts) >= 0.6 * len(starts) else None


def _title_hint(first_page: list[_Line], body_size: float) -> str | None:
    """First run of large-font lines on page 1 that is not the red-head 'XX文件' banner."""
    groups: list[list[_Line]] = []
    prev = False
    for ln in first_page:
        big = not ln.table and ln.size >= _TITLE_RATIO * body_size
        if big and prev:
            groups[-1].append(ln)
        elif big:
            groups.append([ln])
        prev = big
    for group in groups:
        text = ""
        for ln in group:
            text = concat(text, ln.text)
        if text and not text.endswith("文件"):
            return text
    return None


def _render(paragraphs: list[str]) -> str:
    """Blank line between paragraphs; consecutive table rows stay on adjacent lines."""
    blocks: list[str] = []
    for para in paragraphs:
        if "\t" in para and blocks and "\t" in blocks[-1].rsplit("\n", 1)[-1]:
            blocks[-1] += "\n" + para
        else:
            blocks.append(para)
    return "\n\n".join(blocks)


def _open_error(source: str, exc: BaseException) -> ExtractorError:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return ExtractorError(source, "encrypted PDF: password required")
    if isinstance(cause, PDFEncryptionError):
        return ExtractorError(source, f"encrypted PDF: unsupported encryption ({cause})"[:120])
    detail = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return ExtractorError(source, f"corrupt PDF: {type(cause).__name__} {detail}".strip()[:120])


def _check_pages(data: bytes, source: str) -> None:
    """Refuse a PDF without pages or with more than the limit before pdfplumber opens it.

    The page tree is walked only as far as the limit, by pdfminer on its own: pdfplumber builds every page
    of a 200,000-page file (a minute, 600 MB) just to count them, and again when it is closed."""
    doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    count = sum(1 for _ in itertools.islice(PDFPage.create_pages(doc), MAX_PDF_PAGES + 1))
    if count == 0:
        raise ExtractorError(source, "PDF has no pages")
    if count > MAX_PDF_PAGES:
        tree = resolve1(doc.catalog.get("Pages"))
        declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
        shown = f"{declared}" if isinstance(declared, int) and declared >= count else f"more than {MAX_PDF_PAGES}"
        raise ExtractorError(source, f"PDF too long: {shown} pages (limit {MAX_PDF_PAGES})")


def _collection_of(encoding: str) -> tuple[bytes, bytes] | None:
    for prefixes, collection in _CMAP_COLLECTIONS:
        if encoding.startswith(prefixes):
            return collection
    return None


def repair_cid_systems(pdf: Any) -> int:
    """Give CJK fonts whose CIDSystemInfo strings are unreadable the collection their CMap names.

    Some writers encrypt those strings under the wrong object key; a reader then cannot map any glyph to
    Unicode and the whole text is lost. A predefined CMap (UniGB-UCS2-H, GBK-EUC-H, …) fixes the
    character collection, so the font's description is corrected in place before the pages are read.
    """
    fixed = 0
    seen: set[int] = set()
    for page in pdf.pages:
        fonts = resolve1(resolve1(page.page_obj.attrs.get("Resources") or {}).get("Font") or {})
        for ref in (fonts.values() if isinstance(fonts, dict) else ()):
            font = resolve1(ref)
            if not isinstance(font, dict) or id(font) in seen:
                continue
            seen.add(id(font))
            encoding = resolve1(font.get("Encoding"))
            collection = _collection_of(getattr(encoding, "name", "")) if isinstance(encoding, PSLiteral) else None
            if collection is None:
                continue
            for sub in resolve1(font.get("DescendantFonts")) or ():
                info = resolve1(resolve1(sub).get("CIDSystemInfo")) if isinstance(resolve1(sub), dict) else None
                if not isinstance(info, dict):
                    continue
                registry, ordering = resolve1(info.get("Registry")), resolve1(info.get("Ordering"))
                if _readable(registry) and _readable(ordering):
                    continue
                info["Registry"], info["Ordering"] = collection
                fixed += 1
    return fixed


def _readable(value: object) -> bool:
    return isinstance(value, bytes) and value.isascii() and value.decode("ascii").isidentifier()


def read_pdf(data: bytes, source: str) -> RawDocument:
    """Read a PDF's text layer as paragraphs; raise ExtractorError for anything unreadable."""
    if b"%PDF-" not in data[:1024]:
        raise ExtractorError(source, "corrupt PDF: not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-1024:]:
        raise ExtractorError(source, "corrupt PDF: truncated (no %%EOF at end)")
    warnings: list[str] = []
    _Budget.used = 0
    try:
        _check_pages(data, source)
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            if pdf.doc.encryption is not None:
                warnings.append("encrypted PDF opened with the empty user password")
                repaired = repair_cid_systems(pdf)
                if repaired:
                    warnings.append(f"encrypted PDF: {repaired} CJK fonts' character collection read from their encoding")
            read = []
            for page in pdf.pages:  # one page at a time, released once read: memory stays flat for long PDFs
                read.append(_page_lines(page))
                page.close()
    except ExtractorError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged files
        if isinstance(exc, StreamsTooLarge) or isinstance(exc.__context__, StreamsTooLarge) or (
                isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], StreamsTooLarge)):
            raise ExtractorError(source, f"PDF too large when inflated: its streams hold more than "
                                         f"{MAX_PDF_INFLATED_BYTES // MIB} MiB (limit)") from None
        raise _open_error(source, exc) from exc
    finally:
        _Budget.used = 0
    pages = [lines for lines, _ in read]
    unmapped = sum(n for _, n in read)
    if unmapped:
        warnings.append(f"{unmapped} glyphs without Unicode mapping (cid:N) dropped: font lacks ToUnicode")
    if not any(pages):
        return RawDocument(source, data, MEDIA_TYPE, "", (*warnings, *(() if unmapped else (NO_TEXT,))))
    empty = [str(n) for n, p in enumerate(pages, 1) if not p]
    if empty:
        warnings.append(f"pages {', '.join(empty)}: {NO_TEXT}")
    mask = furniture_mask([[ln.text for ln in p] for p in pages])
    kept = [[ln for ln, drop in zip(p, m) if not drop] for p, m in zip(pages, mask)]
    lines = [ln for p in kept for ln in p]
    sizes = [ln.size for ln in lines if not ln.table]
    body_size = statistics.median(sizes) if sizes else 0.0
    full = _full_flags(lines)
    text = _render(join_broken_lines([ln.text for ln in lines], full, _indent_flags(lines, full)))
    return RawDocument(
        source, data, MEDIA_TYPE, text, tuple(warnings),
        title_hint=_title_hint(kept[0], body_size) if body_size else None,
    )

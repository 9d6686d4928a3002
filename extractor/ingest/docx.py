"""DOCX reader and legacy-Office detection.

Word files keep real paragraphs, so no line joining is needed; tables are rendered where they occur
with TAB-separated cells, matching the PDF reader. Legacy .doc/.wps (OLE2) files are refused with a
clear message instead of a zip error, since many government sites still publish them. A zip is checked
before it is parsed: it must hold a Word document, and its inflated size must stay within the limits.
"""
from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.table import Table

from extractor.ingest.limits import MAX_DOCX_PARTS_BYTES, MAX_DOCX_XML_BYTES, MIB
from extractor.model import ExtractorError, RawDocument

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OFFICE_DOCUMENT = re.compile(r'Type="[^"]*/officeDocument"[^>]*?Target="(?P<target>[^"]+)"')
_OFFICE_DOCUMENT_REVERSED = re.compile(r'Target="(?P<target>[^"]+)"[^>]*?Type="[^"]*/officeDocument"')
_OTHER_PACKAGES = (("xl/workbook.xml", "an Excel workbook"), ("ppt/presentation.xml", "a PowerPoint presentation"),
                   ("content.xml", "an OpenDocument file"), ("mimetype", "an OpenDocument or EPUB file"))


def sniff_office(data: bytes) -> str | None:
    """'ole2' for legacy compound files (.doc/.wps/.xls), 'zip' for OOXML containers, else None."""
    if data.startswith(_OLE2):
        return "ole2"
    if data.startswith(_ZIP):
        return "zip"
    return None


def reject_legacy_office(source: str) -> None:
    """Refuse a legacy Office file: no permissive pure-Python reader handles .doc/.wps reliably."""
    raise ExtractorError(source, "unsupported format (.doc/.wps): convert to .docx or .pdf")


def _table_rows(table: Table) -> list[str]:
    """One line per row, cells joined by TAB; a merged cell is printed once per row."""
    rows = []
    for row in table.rows:
        cells, seen = [], None
        for cell in row.cells:
            if cell._tc is seen:
                continue
            seen = cell._tc
            parts = (p.text.replace("\t", " ").strip() for p in cell.paragraphs)
            cells.append(" ".join(p for p in parts if p))
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _main_part(z: zipfile.ZipFile) -> str:
    """The package's main document part as `_rels/.rels` names it (word/document.xml by convention)."""
    try:
        rels = z.read("_rels/.rels").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return "word/document.xml"
    m = _OFFICE_DOCUMENT.search(rels) or _OFFICE_DOCUMENT_REVERSED.search(rels)
    return m.group("target").lstrip("/") if m else "word/document.xml"


def _what_zip(names: set[str]) -> str:
    for marker, kind in _OTHER_PACKAGES:
        if marker in names:
            return kind
    return f"a zip archive of {len(names)} file{'s' if len(names) != 1 else ''}"


def check_package(data: bytes, source: str) -> None:
    """Refuse a zip that is not a Word document, or that would inflate past the limits, before parsing it.

    Sizes come from the zip directory; the zip reader never inflates a member past its declared size.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            main = _main_part(z)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ExtractorError(source, f"corrupt DOCX: {exc}"[:120]) from None
    names = {i.filename for i in infos}
    if main not in names:
        raise ExtractorError(source, f"not a Word document: no {main} in the zip ({_what_zip(names)})")
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    parts = sum(i.file_size for i in infos)
    if xml > MAX_DOCX_XML_BYTES:
        raise ExtractorError(source, f"DOCX too large when unpacked: {xml / MIB:.0f} MiB of XML "
                                     f"(limit {MAX_DOCX_XML_BYTES / MIB:.0f} MiB)")
    if parts > MAX_DOCX_PARTS_BYTES:
        raise ExtractorError(source, f"DOCX too large when unpacked: {parts / MIB:.0f} MiB "
                                     f"(limit {MAX_DOCX_PARTS_BYTES / MIB:.0f} MiB)")


def read_docx(data: bytes, source: str) -> RawDocument:
    """Body paragraphs and tables in document order, blank line between blocks."""
    kind = sniff_office(data)
    if kind == "ole2":
        reject_legacy_office(source)
    if kind != "zip":
        raise ExtractorError(source, "corrupt DOCX: not a zip container")
    check_package(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                rows = _table_rows(item)
                if rows:
                    blocks.append("\n".join(rows))
            else:
                text = item.text.replace("\t", " ").strip()
                if text:
                    blocks.append(text)
    except Exception as exc:  # python-docx/zipfile/lxml raise many types on damaged files
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise ExtractorError(source, f"corrupt DOCX: {type(exc).__name__} {detail}".strip()[:120]) from exc
    return RawDocument(source, data, MEDIA_TYPE, "\n\n".join(blocks))

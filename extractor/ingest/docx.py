"""DOCX reader and legacy-Office detection.

Word files keep real paragraphs, so no line joining is needed; tables are rendered where they occur
with TAB-separated cells, matching the PDF reader. Legacy .doc/.wps (OLE2) files are refused with a
clear message instead of a zip error, since many government sites still publish them.
"""
from __future__ import annotations

import io

import docx
from docx.table import Table

from extractor.model import ExtractorError, RawDocument

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


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


def read_docx(data: bytes, source: str) -> RawDocument:
    """Body paragraphs and tables in document order, blank line between blocks."""
    kind = sniff_office(data)
    if kind == "ole2":
        reject_legacy_office(source)
    if kind != "zip":
        raise ExtractorError(source, "corrupt DOCX: not a zip container")
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

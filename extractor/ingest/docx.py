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
import zlib

import docx
from docx.table import Table

from extractor.ingest.limits import MAX_DOCX_PARTS_BYTES, MAX_DOCX_XML_BYTES, MIB
from extractor.model import ExtractorError, RawDocument

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OFFICE_DOCUMENT = re.compile(r'Type="[^"]*/officeDocument"[^>]*?Target="(?P<target>[^"]+)"')
_OFFICE_DOCUMENT_REVERSED = re.compile(r'Target="(?P<target>[^"]+)"[^>]*?Type="[^"]*/officeDocument"')
_XML_OVERRIDE = re.compile(r'<Override[^>]*?PartName="([^"]+)"[^>]*?ContentType="[^"]*xml"', re.I)
_XML_DEFAULT = re.compile(r'<Default[^>]*?Extension="([^"]+)"[^>]*?ContentType="[^"]*xml"', re.I)
_CHUNK = 1 << 20
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
        rels = _read_capped(z, "_rels/.rels").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error):
        return "word/document.xml"
    m = _OFFICE_DOCUMENT.search(rels) or _OFFICE_DOCUMENT_REVERSED.search(rels)
    return m.group("target").lstrip("/") if m else "word/document.xml"


def _read_capped(z: zipfile.ZipFile, name: str, cap: int = MIB) -> bytes:
    """A small part (the package's index files), read in pieces and refused past `cap` bytes actually inflated."""
    out = bytearray()
    with z.open(name) as fh:
        while chunk := fh.read(_CHUNK):
            out += chunk
            if len(out) > cap:
                raise zipfile.BadZipFile(f"{name} inflates to more than {cap // 1024} KiB")
    return bytes(out)


def _xml_parts(z: zipfile.ZipFile, names: set[str], main: str) -> set[str]:
    """Parts python-docx parses as XML: named .xml/.rels, the main part whatever its name (word/document.dat),
    and any part [Content_Types].xml declares an XML type, by its name or its extension."""
    try:
        types = _read_capped(z, "[Content_Types].xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error):
        types = ""
    overrides = {m.group(1).lstrip("/") for m in _XML_OVERRIDE.finditer(types)}
    extensions = {m.group(1).lower() for m in _XML_DEFAULT.finditer(types)}
    return {n for n in names if n.lower().endswith((".xml", ".rels")) or n == main or n in overrides
            or n.rsplit(".", 1)[-1].lower() in extensions}


def _what_zip(names: set[str]) -> str:
    for marker, kind in _OTHER_PACKAGES:
        if marker in names:
            return kind
    return f"a zip archive of {len(names)} file{'s' if len(names) != 1 else ''}"


def check_package(data: bytes, source: str) -> bytes:
    """Refuse a zip that is not a Word document, or that would inflate past the limits, before parsing it; return
    the package rebuilt from the bytes actually inflated, for python-docx to read.

    Declared sizes are checked first (a quick refusal), then every member is inflated in pieces and counted,
    whatever its name or its directory entry says: a renamed main part still counts as XML, and a member
    whose directory entry lies about its size is either refused (bad CRC) or handed on only as the bytes that
    were counted. python-docx never inflates the original, which zipfile would do up to 2 GiB in one call.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            main = _main_part(z)
            names = {i.filename for i in infos}
            if main not in names:
                raise ExtractorError(source, f"not a Word document: no {main} in the zip ({_what_zip(names)})")
            xml_parts = _xml_parts(z, names, main)
            _check_sizes(source, sum(i.file_size for i in infos if i.filename in xml_parts),
                         sum(i.file_size for i in infos))
            clean = io.BytesIO()
            xml = parts = 0
            with zipfile.ZipFile(clean, "w", zipfile.ZIP_STORED) as out:
                for info in infos:
                    if info.is_dir():
                        continue
                    with z.open(info) as fh, out.open(info.filename, "w", force_zip64=True) as dest:
                        while chunk := fh.read(_CHUNK):
                            parts += len(chunk)
                            xml += len(chunk) if info.filename in xml_parts else 0
                            _check_sizes(source, xml, parts)
                            dest.write(chunk)
    except ExtractorError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, zlib.error, RuntimeError,
            NotImplementedError) as exc:
        raise ExtractorError(source, f"corrupt DOCX: {exc}"[:120]) from None
    return clean.getvalue()


def _check_sizes(source: str, xml: int, parts: int) -> None:
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
    package = check_package(data, source)
    try:
        document = docx.Document(io.BytesIO(package))
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

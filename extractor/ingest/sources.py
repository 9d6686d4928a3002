"""Sources -> RawDocument: files and folders, dispatched on the bytes (not only the extension)."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from extractor.model import ExtractorError, RawDocument

INPUT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".doc", ".wps"}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def iter_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every notice-like file under named folders, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if not name.startswith(".") and f.suffix.lower() in INPUT_SUFFIXES and ".expected" not in name:
                        out.append(f)
        else:
            out.append(p)
    return sorted(dict.fromkeys(out), key=lambda f: str(f))


def media_type_of(data: bytes, name: str) -> str:
    head = data[:1024].lstrip()
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "application/pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "application/msword"
    if data.startswith(b"PK\x03\x04"):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    lowered = head[:512].lower()
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered:
        return "text/html"
    return "text/plain"


def read_bytes(data: bytes, source: str, http_charset: str | None = None, media_type: str | None = None) -> RawDocument:
    """Decode or parse bytes by what they are; a bad file raises ExtractorError naming it."""
    if not data:
        raise ExtractorError(source, "empty file")
    kind = media_type or media_type_of(data, source)
    if kind == "application/pdf":
        from extractor.ingest.pdf import read_pdf

        return read_pdf(data, source)
    if kind == "application/msword" or Path(source).suffix.lower() in (".doc", ".wps"):
        raise ExtractorError(source, "unsupported format (.doc/.wps): convert to .docx or .pdf")
    if kind.endswith("wordprocessingml.document"):
        from extractor.ingest.docx import read_docx

        return read_docx(data, source)
    if kind == "text/html":
        from extractor.ingest.html import read_html

        return read_html(data, source, http_charset)
    from extractor.ingest.decode import decode_bytes

    text, warnings = decode_bytes(data, source, http_charset)
    if b"\x00" in data[:4096] and text.count("\x00") > len(text) // 20:
        raise ExtractorError(source, "binary file: not a text, HTML, PDF or DOCX notice")
    return RawDocument(source=source, data=data, media_type="text/plain", text=text, warnings=tuple(warnings))


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ExtractorError(str(path), f"file too large: {size} bytes > limit {max_bytes}")
        data = path.read_bytes()
    except ExtractorError:
        raise
    except IsADirectoryError:
        raise ExtractorError(str(path), "is a directory") from None
    except FileNotFoundError:
        raise ExtractorError(str(path), "file not found") from None
    except PermissionError:
        raise ExtractorError(str(path), "unreadable: permission denied") from None
    except OSError as exc:
        raise ExtractorError(str(path), f"unreadable: {exc.strerror or exc}") from None
    return read_bytes(data, str(path))

"""Sources -> RawDocument: files, folders, URLs and standard input, dispatched on the bytes.

Every command reads through `read_source` (or `read_bytes` for bytes already in hand), so `run`,
`extract`, `clean` and the Python API give one verdict on the same bytes: binary or empty input is an
ExtractorError naming the source, and a name whose extension disagrees with the content is read by its
content with a "wrong extension" warning.
"""
from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from extractor.ingest.limits import MAX_TEXT_CHARS
from extractor.model import ExtractorError, RawDocument

INPUT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".doc", ".wps"}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STDIN = "-"
RUN_MARKER = "run.json"  # extractor.rundir.STATE: what marks a folder as a run's output
STDIN_NAME = "<stdin>"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
READABLE_TYPES = frozenset({"text/plain", "text/html", "application/pdf", DOCX_TYPE})

_SUFFIX_TYPES = {
    ".txt": "text/plain", ".text": "text/plain", ".html": "text/html", ".htm": "text/html", ".shtml": "text/html",
    ".xhtml": "text/html", ".pdf": "application/pdf", ".docx": DOCX_TYPE,
}
_TYPE_NAMES = {"text/plain": "plain text", "text/html": "HTML", "application/pdf": "PDF", DOCX_TYPE: "DOCX"}
_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"), (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ", "xz archive"), (b"7z\xbc\xaf", "7-Zip archive"), (b"Rar!", "RAR archive"), (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_CONTROL = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0xFFFD))
_BINARY_SHARE = 0.10
# Markup that only a web page has; a plain-text notice never opens with these.
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<?xml", b"<title")
_HTML_TAG = re.compile(rb"<(?:p|div|span|br|table|tr|td|a|h[1-6]|ul|li|font|strong|b|img|script|style|section)\b[^>]*>")
_MIN_TAGS = 5


def is_url(name: str) -> bool:
    """An http(s) URL with a host (anything else names a file)."""
    try:
        parts = urlsplit(name)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def display_name(name: str) -> str:
    """A source name as outputs write it: the name itself when it is valid UTF-8, else lossless escapes.

    A file name from an archive made on Windows is often GBK bytes (b'\\xb9\\xd8\\xd3\\xda.txt'), which Python
    holds as lone surrogates that no UTF-8 writer accepts. Such a name is written with each byte that is not
    part of a UTF-8 character as `\\xNN` and each backslash doubled (`\\\\`), so `source_path` gives the
    exact bytes back; a name that is valid UTF-8 is never changed.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(name)
    out: list[str] = []
    pos = 0
    while pos < len(raw):
        try:
            out.append(raw[pos:].decode("utf-8").replace("\\", "\\\\"))
            break
        except UnicodeDecodeError as exc:
            out.append(raw[pos:pos + exc.start].decode("utf-8").replace("\\", "\\\\"))
            out.append("".join(f"\\x{b:02x}" for b in raw[pos + exc.start:pos + exc.end]))
            pos += exc.end
    return "".join(out)


_ESCAPE = re.compile(r"\\\\|\\x([0-9a-f]{2})")


def source_path(name: str) -> str:
    """The file name `display_name` wrote (a path Python can open), for a name holding `\\xNN` escapes."""
    if "\\x" not in name:
        return name
    raw = _ESCAPE.sub(lambda m: "\\" if m.group(1) is None else chr(int(m.group(1), 16) + 0xDC00), name)
    return os.fsdecode(os.fsencode(raw))


def iter_inputs(names: Iterable[str | Path]) -> list[str]:
    """Files and URLs named directly, plus every notice-like file under named folders, in a stable order.

    Hidden folders and output folders of runs (`is_run_folder`) under a named folder are not walked."""
    out: list[str] = []
    for name in names:
        if isinstance(name, str) and is_url(name):
            out.append(name)
            continue
        p = Path(name)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_run_folder(Path(root) / d))
                for fname in sorted(files):
                    f = Path(root) / fname
                    if not fname.startswith(".") and f.suffix.lower() in INPUT_SUFFIXES and ".expected" not in fname:
                        out.append(str(f))
        else:
            out.append(str(p))
    return sorted(dict.fromkeys(out))


def is_run_folder(folder: Path) -> bool:
    """A run's output folder (it holds the run marker, run.json, with its phases): never read back as input,
    or report.html becomes a notice of the next run."""
    marker = folder / RUN_MARKER
    try:
        if not marker.is_file():  # a FIFO by that name would block the walk
            return False
        with open(marker, "rb") as fh:
            return b'"phases"' in fh.read(4096)
    except OSError:
        return False


def missing_inputs(names: Iterable[str]) -> list[str]:
    """Named inputs that are neither URLs nor existing paths (a broken symbolic link exists: it is read and reported)."""
    return [n for n in names if not is_url(n) and not Path(n).exists() and not Path(n).is_symlink()]


def _looks_like_html(data: bytes) -> bool:
    """Markup sniffing: a page opening with HTML structure, or dense with tags, whatever its name."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_START) or b"<html" in head[:1024]:
        return True
    return len(_HTML_TAG.findall(head)) >= _MIN_TAGS and head.count(b"</") >= 2


def media_type_of(data: bytes, name: str) -> str:
    """Media type by content (magic bytes, markup); the extension decides only between text and HTML."""
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "application/pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "application/msword"
    if data.startswith(b"PK\x03\x04"):
        return DOCX_TYPE
    if _suffix(name) in (".html", ".htm", ".shtml", ".xhtml") or _looks_like_html(data):
        return "text/html"
    return "text/plain"


def _suffix(source: str) -> str:
    path = urlsplit(source).path if is_url(source) else source
    return Path(path).suffix.lower()


def _parse(data: bytes, source: str, http_charset: str | None, media_type: str | None) -> RawDocument:
    kind = media_type or media_type_of(data, source)
    if kind == "application/pdf":
        from extractor.ingest.pdf import read_pdf

        return read_pdf(data, source)
    if kind == "application/msword" or _suffix(source) in (".doc", ".wps"):
        raise ExtractorError(source, "unsupported format (.doc/.wps): convert to .docx or .pdf")
    if kind == DOCX_TYPE:
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


def check_text(raw: RawDocument) -> None:
    """A 'text' that is really binary, a document with no text at all or too much, is an error, not a notice."""
    if raw.media_type == "text/plain":
        for magic, name in _MAGIC:
            if raw.data.startswith(magic):
                raise ExtractorError(raw.source, f"binary file ({name}): not a text, HTML, PDF or DOCX notice")
    sample = raw.text[:20000]
    bad = sum(1 for ch in sample if ch in _CONTROL)
    if sample and bad / len(sample) > _BINARY_SHARE:
        raise ExtractorError(raw.source, f"binary or garbled content: {bad / len(sample):.0%} of characters are control or undecodable")
    if not raw.text.strip():
        why = "; ".join(raw.warnings) or ("only whitespace" if raw.media_type == "text/plain" else "the document has no text")
        raise ExtractorError(raw.source, f"no text: {why}")
    if len(raw.text) > MAX_TEXT_CHARS:
        raise ExtractorError(raw.source, f"too long: {len(raw.text):,} characters of text (limit {MAX_TEXT_CHARS:,}); "
                                         "split the document")


def extension_warning(source: str, media_type: str) -> str | None:
    """Name a source whose content is not what its extension says (it is still read by its content)."""
    suffix = _suffix(source)
    expected = _SUFFIX_TYPES.get(suffix)
    if expected is None or expected == media_type:
        return None
    return f"wrong extension: read as {_TYPE_NAMES.get(media_type, media_type)} (named {suffix})"


def read_bytes(data: bytes, source: str, http_charset: str | None = None, media_type: str | None = None) -> RawDocument:
    """Decode or parse bytes by what they are and give the shared verdict; a bad input raises ExtractorError naming it."""
    if not data:
        raise ExtractorError(source, "empty file")
    raw = _parse(data, source, http_charset, media_type)
    check_text(raw)
    warning = extension_warning(source, raw.media_type)
    return replace(raw, warnings=(warning, *raw.warnings)) if warning else raw


def check_file(path: str) -> None:
    """Refuse what a read would hang on (FIFOs, devices) or misname (broken links, folders)."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        reason = "unreadable: broken symbolic link (its target is missing)" if p.is_symlink() else "file not found"
        raise ExtractorError(path, reason) from None
    except PermissionError:
        raise ExtractorError(path, "unreadable: permission denied") from None
    except OSError as exc:
        raise ExtractorError(path, f"unreadable: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ExtractorError(path, "unreadable: a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        kind = "FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device"
        raise ExtractorError(path, f"unreadable: not a regular file ({kind})")


def file_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """One file's bytes, checked (regular, readable, not over `max_bytes`) before it is read; errors name the file
    by `display_name` (a name that is not UTF-8 is written with lossless escapes)."""
    path = str(path)
    name = display_name(path)
    try:
        check_file(path)
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise ExtractorError(name, f"file too large: {size} bytes > limit {max_bytes}")
        return Path(path).read_bytes()
    except ExtractorError as exc:
        raise ExtractorError(name, exc.reason, exc.stage) from None
    except OSError as exc:
        raise ExtractorError(name, f"unreadable: {exc.strerror or exc}") from None


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """One file, checked (regular, readable, not over `max_bytes`) before it is read; named by `display_name`."""
    return read_bytes(file_bytes(path, max_bytes), display_name(str(path)))


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Standard input as one document, read up to `max_bytes`."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ExtractorError(STDIN_NAME, f"input too large: more than {max_bytes} bytes")
    return read_bytes(data, STDIN_NAME)


def read_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """One http(s) URL through the polite fetcher the crawler uses too (extractor/net/fetch.py: robots.txt, rate limit,
    retries, size cap)."""
    from extractor.net.fetch import ANY_HOST, shared_fetcher

    res = shared_fetcher(max_bytes).fetch(url, ANY_HOST)
    if res.error:
        raise ExtractorError(url, f"not fetched: {res.error}")
    if res.skipped:
        raise ExtractorError(url, f"not fetched: {res.skipped}")
    if res.body is None:
        raise ExtractorError(url, f"not fetched: HTTP {res.status} without a body")
    kind = res.content_type if res.content_type in READABLE_TYPES else None
    return read_bytes(res.body, url, http_charset=res.charset, media_type=kind)


def read_source(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """`-` (standard input), an http(s) URL or a file path -> RawDocument, with the shared verdict."""
    if name == STDIN:
        return read_stdin(max_bytes)
    if is_url(name):
        return read_url(name, max_bytes)
    return read_path(name, max_bytes)

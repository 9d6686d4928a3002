"""Bytes to text for Chinese documents whose declared encodings cannot be trusted.

Order: BOM, HTTP header charset, declared charset, UTF-8 validity, detection, GB18030 fallback.
A declared or HTTP charset is used only when the bytes validate under it, because pages that say
`gb2312` are often UTF-8. Before asking the detector, bytes that read as mostly common hanzi under
GB18030 are taken as GB18030: detectors take short GBK text for Big5. Nothing here raises on bad
bytes: they are replaced and counted.
"""
from __future__ import annotations

import codecs
import re
import threading
from functools import lru_cache

import charset_normalizer
import ftfy

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that real GB pages use; GB18030 is a superset of all of them, so read them as GB18030.
_GB_LABELS = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "gb2312-80", "x-gbk", "cp936", "ms936",
              "windows-936", "euc-cn", "euccn", "csgb2312", "chinese", "iso-ir-58", "gb18030"}
_BIG5_LABELS = {"big5", "big-5", "cn-big5", "csbig5", "x-x-big5", "cp950", "big5-hkscs", "big5hkscs"}
# Single-byte Western labels: on a Chinese page these are server defaults, not facts.
_WESTERN = {"iso8859-1", "ascii", "cp1252", "iso8859-15"}
_PREFERRED = ("gb18030", "big5hkscs", "utf-8")

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")

_tally = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: replace like errors='replace' but remember how many bytes were bad."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _tally.bad = getattr(_tally, "bad", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


codecs.register_error("notice_extract.count", _count_and_replace)


def normalise_charset(label: str | None) -> str | None:
    """Python codec name for a charset label, GB labels mapped to gb18030; None if unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in _GB_LABELS:
        return "gb18030"
    if key in _BIG5_LABELS:
        return "big5hkscs"
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    if name in {"gbk", "gb2312", "hz"}:
        return "gb18030"
    return "utf-8" if name == "utf-8" else name


def sniff_html_charset(data: bytes) -> str | None:
    """Charset named by the first `<meta charset>` / `http-equiv` tag (or XML declaration) in 4 KB."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "replace").lower() if match else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_multibyte_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 and not plain ASCII: strong evidence of UTF-8."""
    return not data.isascii() and _strict(data, "utf-8") is not None


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring the encodings Chinese pages actually use."""
    try:
        matches = list(charset_normalizer.from_bytes(data[:200_000]))
    except Exception:  # the detector is third-party; never let it take the reader down
        return None
    names = [normalise_charset(m.encoding) for m in matches]
    for name in names:
        if name in _PREFERRED:
            return name
    return names[0] if names else None


def _finish(text: str, encoding: str, warnings: list[str], bad: int = 0) -> tuple[str, list[str]]:
    """Report bad bytes (or U+FFFD the source already had) and normalise line ends."""
    if bad:
        warnings.append(f"decode: {bad} undecodable bytes replaced ({encoding})")
    elif "\ufffd" in text:
        warnings.append(f"decode: {text.count(chr(0xFFFD))} U+FFFD characters already in the source "
                        f"({encoding})")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def _trusted(data: bytes, label: str | None, what: str, warnings: list[str]) -> tuple[str, str] | None:
    """Decode with a declared/HTTP charset only if the bytes validate and nothing says otherwise."""
    encoding = normalise_charset(label)
    if label and encoding is None:
        warnings.append(f"decode: unknown {what} charset {label!r} ignored")
    if encoding is None:
        return None
    if encoding != "utf-8" and _is_multibyte_utf8(data):
        warnings.append(f"decode: {what} charset {label} ignored; the bytes are UTF-8")
        return None
    if encoding in _WESTERN and not data.isascii() and _looks_chinese(data.decode("gb18030", "replace")):
        warnings.append(f"decode: {what} charset {label} ignored; the bytes are Chinese")
        return None
    text = _strict(data, encoding)
    if text is None:
        warnings.append(f"decode: {what} charset {label} does not fit the bytes")
        return None
    return text, encoding


def decode_bytes(data: bytes, source: str, http_charset: str | None = None,
                 declared: str | None = None) -> tuple[str, list[str]]:
    """(text, warnings) for `data`; undecodable bytes are replaced and counted, never raised.

    `source` names the input for callers' messages; warnings here are about the bytes only.
    """
    del source
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, bad = _decode_counting(data[len(bom):], encoding)
            return _finish(text, encoding, warnings, bad)
    for label, what in ((http_charset, "HTTP"), (declared, "declared")):
        hit = _trusted(data, label, what, warnings)
        if hit is not None:
            return _finish(hit[0], hit[1], warnings)
    strict = _strict(data, "utf-8")
    if strict is not None:
        return _finish(strict, "utf-8", warnings)
    if any(_is_multibyte_utf8(data[:-cut]) for cut in (1, 2, 3)):
        # A file cut off mid-character is still UTF-8: keep it, replacing only the torn tail.
        text, bad = _decode_counting(data, "utf-8")
        return _finish(text, "utf-8", warnings, bad)
    # Scattered damage (one bad byte in a hundred) must not turn the rest to mojibake.
    tolerance = sum(b > 0x7F for b in data) // 100
    text, bad = _decode_counting(data, "gb18030")
    if bad <= tolerance and _looks_chinese(text):
        # Detectors guess Big5 for short GBK text; GBK read right is mostly common hanzi.
        return _finish(text, "gb18030", warnings, bad)
    guess = _detect(data)
    for encoding in dict.fromkeys(e for e in (guess, "utf-8") if e in _PREFERRED):
        other_text, other_bad = _decode_counting(data, encoding)
        if other_bad <= tolerance:
            return _finish(other_text, encoding, warnings, other_bad)
    other = _strict(data, guess) if guess and guess not in _PREFERRED else None
    if other is not None and not _looks_chinese(text):
        return _finish(other, guess or "", warnings)
    return _finish(text, "gb18030", warnings, bad)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with U+FFFD for bad bytes; also return how many bytes were bad."""
    _tally.bad = 0
    text = data.decode(encoding, "notice_extract.count")
    return text, _tally.bad


def _is_common_cjk(ch: str) -> bool:
    """True for the 3,755 level-1 GB2312 hanzi and GB2312 punctuation: text people actually write."""
    return ch in _common_chars()


def _looks_chinese(text: str) -> bool:
    """Most non-ASCII characters (U+FFFD aside) are common hanzi or Chinese punctuation."""
    wide = [c for c in text if ord(c) > 0x7F and c != "\ufffd" and not c.isspace()]
    return bool(wide) and sum(map(_is_common_cjk, wide)) * 2 >= len(wide)


def _common_share(text: str) -> float:
    wide = [c for c in text if c > "\x7f" and not c.isspace()]
    if not wide:
        return 0.0
    common = _common_chars()
    bad = sum(c == "\ufffd" or "\ue000" <= c <= "\uf8ff" for c in wide)
    return (sum(c in common for c in wide) - bad) / len(wide)


_WIDE_RUN = re.compile(r"[^\x00-\x7f\ufffd]{2,}")
_LATIN_RUN = re.compile(r"[\u0080-\u024f\u2000-\u206f\u20ac\u2122\u02c6\u02dc]{2,}")
_KUN_JIN_KAO = re.compile("(?:锟斤拷)+")


def _utf8_read_as_gbk(run: str) -> str:
    try:
        raw = run.encode("gb18030")
    except UnicodeEncodeError:
        return run
    return raw.decode("utf-8", "replace")


def _better(old: str, new: str) -> bool:
    return new != old and _common_share(new) > _common_share(old) + 0.2


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The level-1 GB2312 hanzi and GB2312 punctuation, as a set for fast screening."""
    chars = set()
    for lead in list(range(0xB0, 0xD8)) + [0xA1, 0xA2, 0xA3]:
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def may_be_mojibake(text: str) -> bool:
    """Cheap screen before `repair_mojibake`: 锟斤拷, Latin-1 runs, or few common hanzi among the wide characters."""
    if "锟斤拷" in text or _LATIN_RUN.search(text):
        return True
    wide = "".join(_WIDE.findall(text))
    if len(wide) < 2:
        return False
    uncommon = len(wide.translate(_drop_common()))
    return len(wide) - uncommon < 0.85 * len(wide)


_WIDE = re.compile(r"[^\x00-\x7f\s]+")


@lru_cache(maxsize=1)
def _drop_common() -> dict[int, None]:
    """A str.translate table deleting the common characters: what is left of a text is its uncommon ones."""
    return dict.fromkeys(map(ord, _common_chars()))


def repair_mojibake(text: str) -> tuple[str, int]:
    """(text, repairs): fix UTF-8 read as GBK or Latin-1, and turn 锟斤拷 back into U+FFFD.

    Conservative: a run is replaced only when the repair has a clearly higher share of common
    hanzi, so ordinary rare characters are left alone. 锟斤拷 is what U+FFFD's UTF-8 bytes look
    like read as GBK; the original characters are lost, so they are marked, not guessed.
    """
    count = 0

    def fix_gbk(m: re.Match[str]) -> str:
        nonlocal count
        new = _utf8_read_as_gbk(m.group())
        if new.count("\ufffd") * 3 > len(new):
            return m.group()
        if _better(m.group(), new):
            count += 1
            return new
        return m.group()

    def fix_latin(m: re.Match[str]) -> str:
        nonlocal count
        new = ftfy.fix_encoding(m.group())
        if _better(m.group(), new):
            count += 1
            return new
        return m.group()

    def mark_lost(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "\ufffd" * (len(m.group()) // 3 * 2)

    text = _KUN_JIN_KAO.sub(mark_lost, text)
    text = _WIDE_RUN.sub(fix_gbk, text)
    text = _LATIN_RUN.sub(fix_latin, text)
    return text, count

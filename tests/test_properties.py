"""Properties over arbitrary input: only ExtractorError escapes, cleaning invents no characters it does not
record, offsets point back into the raw text, and extraction is deterministic."""
from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.clean.text import clean
from extractor.extractors.deadlines import find_times
from extractor.extractors.metadata import extract_metadata
from extractor.extractors.quantities import find_quantities
from extractor.ingest.sources import read_bytes
from extractor.model import CleanText, ExtractorError
from extractor.pipeline import extract

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "年", "月", "日", "底", "前", "%", "％", "万", "亿", "元", "个", "到", "力争", "不低于", "达到", "以上", "左右", "每年",
    "2025", "２０２５", "十四五", "〔2021〕", "﹝２０２０﹞", "[2020]", "5号", "第3条", "，", "。", "；", "：", "、", "（", "）",
    "(", ")", "《", "》", "“", "”", "\n", "\r\n", "\r", " ", "\u3000", "\t", "\u200b", "\ufeff", "\ufffd", "\ue000", "?", "***",
    "wǎng", "(wǎng)", "(shù)", "?shù)", "網絡", "縣", "發展", "區", "鄉鎮", "乾安县", "關於", "各市民政局：", "关于印发", "的通知",
    "一、", "（二）", "1.", "①", "锟斤拷", "鍏充簬", "浜哄", "Ã©", "&nbsp;", "<p>", "<html>", "%PDF-", "PK\x03\x04",
]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PIECE = st.one_of(
    st.sampled_from(PIECES),
    st.text(CJK, min_size=1, max_size=6),
    st.integers(0, 3000).map(str),
    st.floats(0, 1000, allow_nan=False).map(lambda f: f"{f:.1f}"),
    st.text(max_size=4),
)
NOTICE_LIKE = st.lists(PIECE, max_size=50).map("".join)
TEXT = st.one_of(NOTICE_LIKE, st.text(max_size=300))
SUFFIXES = st.sampled_from(["x.txt", "x.html", "x.pdf", "x.docx", "x.doc", "x"])
BYTES = st.one_of(
    st.binary(max_size=2048),
    st.tuples(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe", b""]),
              NOTICE_LIKE, st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"])).map(
        lambda t: t[0] + t[1].encode(t[2], "replace")),
)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def _recorded(ct: CleanText, raw_pos: int, ch: str) -> bool:
    """A repair covering this raw position whose replacement text contains the character."""
    return any(r.raw_start <= raw_pos < max(r.raw_end, r.raw_start + 1) and ch in r.after for r in ct.repairs)


@SETTINGS
@given(BYTES, SUFFIXES)
def test_read_bytes_raises_only_extractor_error(data: bytes, source: str) -> None:
    try:
        raw = read_bytes(data, source)
    except ExtractorError as exc:
        assert exc.source == source and exc.reason
    else:
        assert isinstance(raw.text, str)


@SETTINGS
@given(TEXT)
def test_clean_offsets_point_back_and_no_unrecorded_chinese(raw: str) -> None:
    ct = clean(raw)
    assert len(ct.offsets) == len(ct.text)
    assert all(0 <= o < len(raw) for o in ct.offsets)
    assert all(a <= b for a, b in zip(ct.offsets, ct.offsets[1:]))
    for i, ch in enumerate(ct.text):
        if _is_cjk(ch):
            o = ct.offsets[i]
            assert raw[o] == ch or _recorded(ct, o, ch), (i, ch, raw[o], ct.repairs)


@SETTINGS
@given(TEXT, st.one_of(st.none(), st.integers(1990, 2035)))
def test_mention_finders_never_raise(text: str, base_year: int | None) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start <= q.end <= len(text)
    for t in find_times(text, base_year):
        assert 0 <= t.start <= t.end <= len(text)
    try:
        extract_metadata(text)
    except ExtractorError:
        pass


@SETTINGS
@given(TEXT)
def test_extract_is_deterministic_and_offsets_hold(text: str) -> None:
    try:
        first = extract(text).to_dict()
    except ExtractorError:
        return
    assert extract(text).to_dict() == first
    assert first["source"] == "<text>"
    for ob in first["obligations"]:
        assert first["text"][ob["start"] : ob["end"]] == ob["sentence"]
        assert 0 <= ob["raw_start"] <= ob["raw_end"] <= len(text)


def test_extract_long_one_line_text() -> None:
    """A one-line text longer than a file name can be is text like any str (no str is probed as a path)."""
    text = "到2025年建成100个站。" * 20
    assert "\n" not in text and len(text.encode()) > 255
    assert extract(text).obligations

"""PDF reader and layout repair: generated notices in, paragraphs out, only ExtractorError on junk."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption

import pdfgen
from conftest import assert_valid_extraction
from extractor.ingest.layout import drop_page_furniture, join_broken_lines
from extractor.ingest.pdf import MEDIA_TYPE, NO_TEXT, read_pdf
from extractor.model import ExtractorError, RawDocument

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "seeds" / "004_e0fad3ecf40c72b6.txt"
BODY = "为贯彻落实国家和省关于加快发展养老服务业的部署要求进一步完善我市社区居家养老服务网络"


def squash(s: str) -> str:
    return "".join(s.split())


# --- layout.join_broken_lines ------------------------------------------------------------

def test_join_wrapped_sentence() -> None:
    lines = [BODY[:30], BODY[30:] + "，现通知如下。", "一、总体要求"]
    assert join_broken_lines(lines) == [BODY + "，现通知如下。", "一、总体要求"]


def test_no_join_after_sentence_punctuation() -> None:
    lines = [BODY[:29] + "。", BODY[:30], BODY[30:] + "”。", BODY[:30]]
    assert join_broken_lines(lines) == [BODY[:29] + "。", BODY + "”。", BODY[:30]]


@pytest.mark.parametrize("start", ["一、总体要求", "（一）工作目标", "(二)基本原则", "1.加强领导", "2、健全机制",
                                   "第三条 本办法", "①落实责任", "附件：1.任务分工表"])
def test_no_join_before_enumeration(start: str) -> None:
    assert join_broken_lines([BODY[:30], start]) == [BODY[:30], start]


def test_wrapped_number_is_not_an_enumeration() -> None:
    assert join_broken_lines([BODY[:30], "1.5亿元以上项目予以支持。"]) == [BODY[:30] + "1.5亿元以上项目予以支持。"]


def test_short_title_lines_stay_apart() -> None:
    lines = ["关于推进社区养老服务的通知", "各区人民政府：", BODY[:30], BODY[30:] + "。"]
    assert join_broken_lines(lines) == ["关于推进社区养老服务的通知", "各区人民政府：", BODY + "。"]


def test_table_rows_and_blank_lines_are_barriers() -> None:
    lines = [BODY[:30], "任务\t牵头单位", BODY[:30], "", BODY[30:]]
    assert join_broken_lines(lines) == [BODY[:30], "任务\t牵头单位", BODY[:30], BODY[30:]]


def test_latin_words_keep_a_space() -> None:
    assert join_broken_lines([BODY[:28] + "GDP", "growth为目标。"], full=[True, False]) == [
        BODY[:28] + "GDP growth为目标。"
    ]


def test_indentation_mode_joins_across_full_stop() -> None:
    lines = ["  " + BODY[:28], BODY[:29] + "。", BODY[:20] + "。", "  新段落。"]
    full = [True, True, False, False]
    indented = [True, False, False, True]
    assert join_broken_lines(lines, full, indented) == [BODY[:28] + BODY[:29] + "。" + BODY[:20] + "。", "新段落。"]


# --- layout.drop_page_furniture ------------------------------------------------------------

@pytest.mark.parametrize("number", ["- 3 -", "—3—", "－ 3 －", "第3页", "第 3 页 共 10 页", "3", "共10页 第3页", "3/10"])
def test_page_numbers_dropped(number: str) -> None:
    assert drop_page_furniture([["正文第一行。", "正文第二行。", "正文第三行。", number]]) == [
        ["正文第一行。", "正文第二行。", "正文第三行。"]
    ]


def test_repeated_header_dropped_but_unique_lines_kept() -> None:
    pages = [["某某市人民政府公报", "标题", "正文一。", "- 1 -"],
             ["某某市人民政府公报", "正文二。", "正文三。", "- 2 -"],
             ["正文四。", "正文五。", "2021年第3期", "- 3 -"]]
    assert drop_page_furniture(pages) == [["标题", "正文一。"], ["正文二。", "正文三。"],
                                          ["正文四。", "正文五。", "2021年第3期"]]


def test_number_inside_page_is_kept() -> None:
    page = ["甲。", "乙。", "2025", "丙。", "丁。"]
    assert drop_page_furniture([page]) == [page]


def test_banji_block_dropped() -> None:
    pages = [["正文。", "某某市民政局", "2021年3月1日"],
             ["抄送：市委办公厅，市人大常委会办公厅，市", "政协办公厅。", "某某市民政局办公室 2021年3月1日印发", "- 2 -"]]
    assert drop_page_furniture(pages) == [["正文。", "某某市民政局", "2021年3月1日"], []]


# --- read_pdf on a generated notice -----------------------------------------------------------

@pytest.fixture(scope="module")
def notice_bytes() -> bytes:
    return pdfgen.notice_pdf()


@pytest.fixture(scope="module")
def notice(notice_bytes: bytes) -> RawDocument:
    return read_pdf(notice_bytes, "notice.pdf")


def test_fixture_really_spans_pages(notice_bytes: bytes) -> None:
    with pdfplumber.open(io.BytesIO(notice_bytes)) as pdf:
        pages = [squash(p.extract_text()) for p in pdf.pages]
    assert len(pages) >= 3
    split = [p for p in pdfgen.PARAGRAPHS if not any(squash(p) in page for page in pages)]
    assert split, "no paragraph crosses a page break: the fixture tests nothing"


def test_paragraphs_rebuilt(notice: RawDocument) -> None:
    paras = notice.text.split("\n\n")
    for expected in [pdfgen.TITLE, pdfgen.ADDRESSEE, *pdfgen.HEADINGS, *pdfgen.PARAGRAPHS]:
        assert expected in paras
    assert paras[-2:] == [pdfgen.SIGNATURE, pdfgen.DATE]
    assert notice.media_type == MEDIA_TYPE and notice.warnings == ()
    assert notice.title_hint == pdfgen.TITLE


def test_furniture_removed(notice: RawDocument) -> None:
    assert not re.search(r"-\s*\d+\s*-", notice.text)
    assert pdfgen.HEADER not in notice.text
    assert "抄送" not in notice.text and "印发" not in notice.text


def test_table_rows_tab_separated_once(notice: RawDocument) -> None:
    rows = ["\t".join(r) for r in pdfgen.TABLE]
    assert "\n".join(rows) in notice.text
    for cell in ("市人力资源和社会保障局", "落实建设运营补贴", "市自然资源和规划局"):
        assert notice.text.count(cell) == 1


def test_image_only_pdf_warns() -> None:
    doc = read_pdf(pdfgen.image_only_pdf(), "scan.pdf")
    assert doc.text == "" and NO_TEXT in doc.warnings


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf(notice_bytes: bytes, cut: float) -> None:
    data = notice_bytes[: int(len(notice_bytes) * cut)]
    for blob in (data, data + b"\n%%EOF\n"):
        with pytest.raises(ExtractorError, match="corrupt PDF"):
            read_pdf(blob, "cut.pdf")


def test_not_a_pdf() -> None:
    with pytest.raises(ExtractorError, match="corrupt PDF: not a PDF"):
        read_pdf(b"<html>not a pdf</html>", "x.pdf")


def test_encrypted_with_password() -> None:
    data = pdfgen.notice_pdf(StandardEncryption("secret", "owner"))
    with pytest.raises(ExtractorError, match="encrypted PDF: password required") as err:
        read_pdf(data, "locked.pdf")
    assert err.value.source == "locked.pdf"


def test_encrypted_owner_only_is_read() -> None:
    doc = read_pdf(pdfgen.notice_pdf(StandardEncryption("", "owner")), "owner.pdf")
    assert any("encrypted" in w for w in doc.warnings)


def _only_extractor_errors(data: bytes) -> None:
    """A reason naming the file, or a document that extracts into a valid notice with its offsets inside the text."""
    try:
        doc = read_pdf(data, "fuzz.pdf")
    except ExtractorError as exc:
        assert exc.source == "fuzz.pdf" and exc.reason
    else:
        assert doc.media_type == MEDIA_TYPE and doc.data == data
        assert_valid_extraction(doc)


@settings(max_examples=75, deadline=None)
@given(st.binary(max_size=4096))
def test_fuzz_arbitrary_bytes(data: bytes) -> None:
    _only_extractor_errors(data)


@settings(max_examples=75, deadline=None)
@given(st.data())
def test_fuzz_damaged_pdf(notice_bytes: bytes, data: st.DataObject) -> None:
    """Mutate a real PDF so the bytes get past the envelope checks and into pdfminer."""
    blob = bytearray(notice_bytes)
    for _ in range(data.draw(st.integers(1, 20))):
        blob[data.draw(st.integers(9, len(blob) - 10))] = data.draw(st.integers(0, 255))
    _only_extractor_errors(bytes(blob))


# --- round trip of a seed notice through text_to_pdf -------------------------------------------

def test_text_to_pdf_pages_numbered() -> None:
    data = pdfgen.text_to_pdf(CORPUS.read_text(encoding="utf-8"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
        assert pdf.pages[1].extract_text().splitlines()[-1] == "- 2 -"


def test_seed_notice_round_trip() -> None:
    text = CORPUS.read_text(encoding="utf-8")
    doc = read_pdf(pdfgen.text_to_pdf(text), CORPUS.name)
    expected = [squash(line) for line in text.splitlines() if len(squash(line)) >= 20]
    got = [squash(p) for p in doc.text.split("\n\n") if len(squash(p)) >= 20]
    assert got == expected

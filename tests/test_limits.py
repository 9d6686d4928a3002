"""Big and hostile documents: long texts segmented in sections, inflated sizes capped with a clear error."""
from __future__ import annotations

import io
import zipfile

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

import extractor
import pdfgen
from crawl_site import make_docx
from extractor.extractors.components import build_nlp
from extractor.ingest.limits import MAX_PDF_PAGES, MAX_TEXT_CHARS
from extractor.ingest.pdf import read_pdf
from extractor.nlp.segment import sections, segmenter

HEAD = "关于做好养老服务工作的通知\n各市民政局：\n到2025年，全省养老机构护理型床位占比达到55%以上。\n"
TAIL = "湖北省民政厅\n2021年3月1日\n"
PARAGRAPH = "各地要加强组织领导，压实工作责任，健全工作机制，确保各项任务落到实处。" * 20 + "\n"


def long_notice(chars: int) -> str:
    return HEAD + PARAGRAPH * (chars // len(PARAGRAPH) + 1) + TAIL


def test_a_notice_over_a_million_characters_is_extracted() -> None:
    text = long_notice(1_050_000)
    assert len(text) > 1_000_000  # spaCy's default max_length, which raised E088
    notice = extractor.extract_bytes(text.encode(), source="long.txt")
    assert notice.title == "关于做好养老服务工作的通知" and notice.issue_date == "2021-03-01"
    assert [(o.value, o.unit, o.deadline) for o in notice.obligations] == [(55, "%", "2025-12-31")]
    assert len(build_nlp().make_doc(text)) > 0  # spaCy's own entry point takes the same text


def test_sections_end_at_line_breaks_or_sentence_ends_and_give_the_same_tokens() -> None:
    text = ("第一段写到这里。" * 8 + "\n") * 3 + "一句很长的话没有换行，" * 15 + "到此为止。" + "尾" * 250
    pieces = list(sections(text, size=100))
    assert "".join(pieces) == text
    assert all(len(p) <= 100 for p in pieces)
    assert [p[-1] for p in pieces[:3]] == ["\n", "\n", "\n"]  # line breaks first
    assert pieces[3].endswith("没有换行，") and pieces[4].endswith("到此为止。")  # else a sentence end or a comma
    assert "".join(pieces[5:]) == "尾" * 250 and len(pieces[5]) == 100  # no boundary at all: cut at the size
    cut = segmenter().cut
    assert [w for p in pieces[:5] for w in cut(p, True)] == cut("".join(pieces[:5]), True)


def test_a_text_over_the_limit_is_refused_with_its_size() -> None:
    text = long_notice(MAX_TEXT_CHARS + 10)
    with pytest.raises(extractor.ExtractorError) as exc:
        extractor.extract_bytes(text.encode(), source="huge.txt")
    assert exc.value.reason == (f"too long: {len(text):,} characters of text (limit {MAX_TEXT_CHARS:,}); "
                                "split the document")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_docx_that_inflates_to_hundreds_of_megabytes_is_refused_before_parsing() -> None:
    base = zipfile.ZipFile(io.BytesIO(make_docx()))
    members = {n: base.read(n) for n in base.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(b"<w:body>", b"<w:body>" + b" " * (60 << 20))
    bomb = _zip(members)
    assert len(bomb) < 1 << 20
    with pytest.raises(extractor.ExtractorError) as exc:
        extractor.extract_bytes(bomb, source="bomb.docx")
    assert exc.value.reason == "DOCX too large when unpacked: 60 MiB of XML (limit 50 MiB)"


def test_a_zip_that_is_not_a_word_document_says_so() -> None:
    book = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(extractor.ExtractorError) as exc:
        extractor.extract_bytes(book, source="book.docx")
    assert exc.value.reason == "not a Word document: no word/document.xml in the zip (an Excel workbook)"


def _pages(n: int) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(pdfgen.FONT, 12)
    for i in range(n):
        c.drawString(72, 760, f"第{i + 1}页")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_a_pdf_over_the_page_limit_is_refused() -> None:
    with pytest.raises(extractor.ExtractorError) as exc:
        read_pdf(_pages(MAX_PDF_PAGES + 1), "long.pdf")
    assert exc.value.reason == f"PDF too long: {MAX_PDF_PAGES + 1} pages (limit {MAX_PDF_PAGES})"


def test_a_pdf_without_pages_says_so() -> None:
    empty = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] "
             b"/Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    with pytest.raises(extractor.ExtractorError) as exc:
        read_pdf(empty, "empty.pdf")
    assert exc.value.reason == "PDF has no pages"


@pytest.mark.parametrize("strength", [40, 128])
def test_a_pdf_with_only_an_owner_password_reads_like_the_plain_one(strength: int) -> None:
    plain = read_pdf(pdfgen.notice_pdf(), "plain.pdf")
    locked = read_pdf(pdfgen.notice_pdf(StandardEncryption("", "owner", strength=strength)), "locked.pdf")
    assert locked.text == plain.text and "养老" in locked.text
    assert "encrypted PDF opened with the empty user password" in locked.warnings


def test_a_sentence_of_three_thousand_values_gives_three_thousand_targets() -> None:
    """N values run together in one sentence (no 。): every one is a target with its own due date, none is merged
    away; `benchmarks/values_per_sentence.py` shows the time is linear in N up to 10,000."""
    text = "关于做好养老服务工作的通知\n各市民政局：\n" + "到2025年达到100%" * 3000 + "\n湖北省民政厅\n2021年3月1日\n"
    notice = extractor.extract(text)
    assert len(notice.obligations) == 3000
    assert {(o.value, o.unit, o.deadline) for o in notice.obligations} == {(100, "%", "2025-12-31")}
    assert len({o.id for o in notice.obligations}) == 3000
    # the 36,000-character sentence is not copied 3000 times: each record quotes a window around its value
    assert all(len(o.sentence) <= 2000 and notice.text[o.start:o.end] == o.sentence for o in notice.obligations)


def test_cue_lookups_on_a_long_text_match_a_scan_of_each_range() -> None:
    """A document-long text is scanned once per cue list and ranges are looked up; the answers must be the ones a
    scan of the range itself gives."""
    import random

    from extractor.extractors import cues
    from extractor.extractors.clauses import TokenIndex

    rng = random.Random(7)
    pieces = ["各地要", "已建成", "应当", "要素", "力争", "到2025年", "，", "。", "社区", "将于"]
    text = "".join(rng.choice(pieces) for _ in range(1500))
    assert len(text) >= cues.WHOLE_TEXT_SCAN
    words = segmenter().cut(text, True)
    starts = [0]
    for w in words[:-1]:
        starts.append(starts[-1] + len(w))
    tokens = TokenIndex(starts, list(words))
    for _ in range(300):
        a = rng.randrange(len(text))
        b = rng.randrange(a, min(len(text), a + 200) + 1)
        for toks in (None, tokens):
            expected = cues._scan("background", "forward", text, a, b, toks, False)
            got = cues.find("background", "forward", text, a, b, toks)
            assert got == expected
            assert cues.has("background", "forward", text, a, b, toks) == bool(got)


def test_per_document_memo_forgets_the_previous_document() -> None:
    from extractor.extractors.memo import per_document

    calls: list[str] = []

    @per_document
    def first_char(text: str, start: int) -> str:
        calls.append(text)
        return text[start]

    one, two = "甲乙丙", "丁戊己"
    assert first_char(one, 1) == "乙" and first_char(one, 1) == "乙" and len(calls) == 1
    assert first_char(two, 1) == "戊" and len(calls) == 2
    assert first_char(one, 1) == "乙" and len(calls) == 3  # a new document (by identity) starts afresh

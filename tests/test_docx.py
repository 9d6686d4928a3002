"""DOCX reader: document order with tables in place, clear errors for corrupt and legacy files."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.ingest.docx import MEDIA_TYPE, read_docx, reject_legacy_office, sniff_office
from extractor.model import ExtractorError

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def build_docx() -> bytes:
    d = docx.Document()
    d.add_heading("厦门市民政局关于推进社区养老服务的通知", level=0)
    d.add_paragraph("各区民政局：")
    d.add_paragraph("")
    d.add_heading("一、总体要求", level=1)
    d.add_paragraph("到2025年，社区养老服务设施覆盖率达到100%。")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["任务", "牵头单位", "责任单位"],
                             ["建设照料中心", "市民政局", "各区人民政府"],
                             ["培训护理员", "市人社局", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(2, 1).merge(table.cell(2, 2)).text = "市人社局"
    table.cell(1, 2).add_paragraph("市财政局")
    d.add_paragraph("二、保障措施\t（略）")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_order_tables_and_blank_lines() -> None:
    doc = read_docx(build_docx(), "n.docx")
    assert doc.media_type == MEDIA_TYPE
    assert doc.text == "\n\n".join([
        "厦门市民政局关于推进社区养老服务的通知",
        "各区民政局：",
        "一、总体要求",
        "到2025年，社区养老服务设施覆盖率达到100%。",
        "任务\t牵头单位\t责任单位\n建设照料中心\t市民政局\t各区人民政府 市财政局\n培训护理员\t市人社局",
        "二、保障措施 （略）",
    ])


def test_sniff() -> None:
    assert sniff_office(OLE2 + b"\0" * 100) == "ole2"
    assert sniff_office(build_docx()) == "zip"
    assert sniff_office(b"%PDF-1.4") is None


def test_legacy_office_rejected() -> None:
    with pytest.raises(ExtractorError, match=r"unsupported format \(\.doc/\.wps\)"):
        read_docx(OLE2 + b"\0" * 512, "old.doc")
    with pytest.raises(ExtractorError) as err:
        reject_legacy_office("x.wps")
    assert err.value.source == "x.wps"
    assert err.value.reason == "unsupported format (.doc/.wps): convert to .docx or .pdf"


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in files.items():
            z.writestr(name, body)
    return buf.getvalue()


@pytest.mark.parametrize("data", [
    b"PK\x03\x04 this is not really a zip",
    b"plain text",
    build_docx()[:3000],
])
def test_corrupt_docx(data: bytes) -> None:
    with pytest.raises(ExtractorError, match="corrupt DOCX"):
        read_docx(data, "bad.docx")


def test_a_zip_without_a_word_document_is_named_for_what_it_is() -> None:
    with pytest.raises(ExtractorError, match=r"^bad.docx: not a Word document: no word/document.xml in the zip "
                                             r"\(a zip archive of 1 file\)$"):
        read_docx(_zip({"hello.txt": b"hi"}), "bad.docx")


def test_broken_document_xml() -> None:
    with zipfile.ZipFile(io.BytesIO(build_docx())) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["word/document.xml"] = b"<w:document><unclosed>"
    with pytest.raises(ExtractorError, match="corrupt DOCX"):
        read_docx(_zip(files), "bad.docx")


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2048))
def test_fuzz_only_extractor_error(data: bytes) -> None:
    for blob in (data, b"PK\x03\x04" + data):
        try:
            read_docx(blob, "fuzz.docx")
        except ExtractorError as exc:
            assert exc.source == "fuzz.docx"

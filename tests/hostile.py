"""Generated hostile files for the caps tests (issue 28): each is small on disk and huge, slow or lying inside.

- `renamed_main_docx`: the main part is word/document.dat (pointed to by the rels), 60 MiB of XML inflated.
- `lying_zip_docx`: a DOCX with a member whose zip directory says 1 KB but which inflates to 300 MB.
- `pdf_bomb`: a one-page PDF whose content stream inflates to 300 MB.
- `pdf_many_pages`: a PDF of 200,000 tiny pages (a page tree to walk, not to build).
- `long_sentence_text`: `到2025年达到100%` repeated with no full stop: one sentence of N values.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

MIB = 1024 * 1024
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
GOOD_PARAGRAPH = "到2025年底，全省养老机构护理型床位占比达到60%以上。"


def _docx(main: str, body_chunks, extra: dict[str, bytes] | None = None, media: tuple[str, int] | None = None) -> bytes:
    """A Word package whose main part is `main`, its XML body written chunk by chunk (deflated)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="png" ContentType="image/png"/>'
                   f'<Override PartName="/{main}" ContentType="{CT_MAIN}"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/relationships"><Relationship Id="rId1" Type="{REL_DOC}" Target="{main}"/>'
                   '</Relationships>')
        with z.open(main, "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><w:document {W}><w:body>'.encode())
            for chunk in body_chunks:
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        if media:
            name, size = media
            with z.open(name, "w", force_zip64=True) as fh:
                block = b"\0" * MIB
                for _ in range(size // MIB):
                    fh.write(block)
    return buf.getvalue()


def _paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def good_docx() -> bytes:
    return _docx("word/document.xml", [_paragraph("关于做好养老服务工作的通知"), _paragraph("各市民政局："),
                                       _paragraph(GOOD_PARAGRAPH)])


def renamed_main_docx(xml_mib: int = 60) -> bytes:
    """word/document.dat holding `xml_mib` MiB of paragraphs: named so no `.xml` rule counts it."""
    para = _paragraph("第一条　各地要加强养老服务体系建设。" * 4)
    n = xml_mib * MIB // len(para) + 1
    return _docx("word/document.dat", (para * 1000 for _ in range(n // 1000 + 1)))


def _patch_sizes(data: bytes, name: str, size: int, crc: int | None) -> bytes:
    """Make the zip directory and the local header say `name` inflates to `size` bytes (and has CRC `crc`)."""
    out = bytearray(data)
    encoded = name.encode()
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:
        nlen = struct.unpack_from("<H", out, pos + 28)[0]
        if bytes(out[pos + 46:pos + 46 + nlen]) == encoded:
            if crc is not None:
                struct.pack_into("<I", out, pos + 16, crc)
            struct.pack_into("<I", out, pos + 24, size)
            local = struct.unpack_from("<I", out, pos + 42)[0]
            if crc is not None:
                struct.pack_into("<I", out, local + 14, crc)
            struct.pack_into("<I", out, local + 22, size)
        pos += 4
    return bytes(out)


def lying_zip_docx(inflated_mib: int = 300, declared: int = 1024, matching_crc: bool = False) -> bytes:
    """A good DOCX plus word/media/image1.png, whose directory says `declared` bytes while its data inflates to
    `inflated_mib` MiB. With `matching_crc` the CRC is that of the declared bytes, so only a reader that counts
    what it inflates (or stops where the directory says) is safe; without it the CRC check refuses the member."""
    data = _docx("word/document.xml", [_paragraph("关于做好养老服务工作的通知"), _paragraph(GOOD_PARAGRAPH)],
                 media=("word/media/image1.png", inflated_mib * MIB))
    return _patch_sizes(data, "word/media/image1.png", declared, zlib.crc32(b"\0" * declared) if matching_crc else None)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1 = catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_bomb(inflated_mib: int = 300) -> bytes:
    """One page; its content stream is `inflated_mib` MiB of spaces in a few hundred KB of flate."""
    z = zlib.compressobj(9)
    block = b" " * MIB
    stream = b"".join([*(z.compress(block) for _ in range(inflated_mib)), z.flush()])
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])


def pdf_many_pages(pages: int = 200_000, declared: int | None = None) -> bytes:
    """`pages` empty pages under one Pages node whose /Count says `declared` (default: the truth)."""
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (pages if declared is None else declared)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * pages
    return _pdf(objects)


def long_sentence_text(repeats: int = 2000) -> str:
    """A notice with one sentence of `repeats` targets (no full stop between them)."""
    return "关于做好养老服务工作的通知\n各市民政局：\n" + "到2025年达到100%" * repeats + "。\n湖北省民政厅\n2021年3月1日\n"

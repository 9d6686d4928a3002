"""A seed notice laid out as a PDF (CJK font, page numbers, wrapped lines) extracts as the .txt does."""
import subprocess
import sys

import pytest

from extractor.evaluate import load_gold, score
from extractor.ingest.sources import read_bytes
from extractor.pipeline import extract_raw
from conftest import CORPORA, ROOT

pdfgen = pytest.importorskip("pdfgen")


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_pdf_of_seed_scores_like_the_text(prefix):
    src = next(CORPORA.glob(f"{prefix}_*.txt"))
    gold = [g for g in load_gold(CORPORA) if g["raw"] == src.name]
    from_txt = extract_raw(read_bytes(src.read_bytes(), str(src))).to_dict()
    pdf = pdfgen.text_to_pdf(src.read_text(encoding="utf-8"))
    raw = read_bytes(pdf, src.with_suffix(".pdf").name)
    assert raw.media_type == "application/pdf"
    from_pdf = extract_raw(raw).to_dict()
    txt_numbers = score(gold, {src.name: from_txt}).numbers()
    pdf_numbers = score(gold, {src.name: from_pdf}).numbers()
    assert pdf_numbers["obligations"] == txt_numbers["obligations"]
    assert pdf_numbers["strict"] == txt_numbers["strict"]
    assert [o["value"] for o in from_pdf["obligations"]] == [o["value"] for o in from_txt["obligations"]]
    for field in ("title", "issuers", "province", "city", "issue_date"):
        assert from_pdf[field] == from_txt[field], field


def test_clean_command_prints_text_and_diff():
    src = next(CORPORA.glob("002_*.txt"))
    out = subprocess.run([sys.executable, "-m", "extractor", "clean", str(src)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "湖北省民政厅关于促进乡镇(街道)社会工作发展的通知" in out.stdout
    diff = subprocess.run([sys.executable, "-m", "extractor", "clean", "--diff", str(src)], capture_output=True, text=True, cwd=ROOT)
    assert diff.returncode == 0
    assert "[garble]" in diff.stdout and "'。《通知》重申對'" in diff.stdout
    assert "[pinyin]" in diff.stdout and "[t2s]" in diff.stdout
    assert "garble: 9" in diff.stderr

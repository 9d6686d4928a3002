"""What a real archive does to a run (issue 28): file names that are not UTF-8, files that lie to the
decompressors (zip members, DOCX parts renamed, PDF streams and page counts), disk full and file-size limits."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, seed

GBK_NAME = os.fsdecode(b"\xb9\xd8\xd3\xda.txt")  # 关于.txt in GBK, as unzip leaves it on Linux


def cli(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=kw.pop("timeout", 180), **kw)


def test_display_name_is_lossless_and_leaves_utf8_names_alone() -> None:
    from extractor.ingest.sources import display_name, source_path

    assert display_name("corpora/关于.txt") == "corpora/关于.txt"
    assert display_name("a\\b.txt") == "a\\b.txt"
    assert display_name(GBK_NAME) == "\\xb9\\xd8\\xd3\\xda.txt"
    odd = os.fsdecode(b"dir\\x/\xff\xe5\x85\xb3\xe4.txt")  # a backslash, a stray byte, a UTF-8 char, a cut one
    shown = display_name(odd)
    assert shown == "dir\\\\x/\\xff关\\xe4.txt"
    shown.encode("utf-8")
    assert os.fsencode(source_path(shown)) == os.fsencode(odd)
    assert os.fsencode(source_path(display_name(GBK_NAME))) == b"\xb9\xd8\xd3\xda.txt"


def test_a_gbk_file_name_is_read_and_written_escaped_and_resume_continues(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / GBK_NAME).write_bytes(seed("000").read_bytes())
    (folder / os.fsdecode(b"\xb2\xbb.txt")).write_bytes(b"")  # an empty file with a GBK name: an error record
    (folder / "good.txt").write_bytes(seed("001").read_bytes())
    out = tmp_path / "out"
    done = cli("run", str(folder), "-o", str(out), "-q")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    notices = [json.loads(line) for line in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(n["source"]).name for n in notices] == ["good.txt", "\\xb9\\xd8\\xd3\\xda.txt"]
    assert all(n["obligations"] for n in notices)
    (error,) = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["file"].endswith("\\xb2\\xbb.txt") and error["message"] == "empty file"
    csv = (out / "obligations.csv").read_text(encoding="utf-8-sig")
    assert "\\xb9\\xd8\\xd3\\xda.txt" in csv
    again = cli("run", str(folder), "-o", str(out), "--resume", "-q")
    assert again.returncode == 0, again.stderr
    assert "3 documents already written, skipped" in again.stderr
    assert len((out / "notices.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    one = cli("extract", str(folder / GBK_NAME))
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["source"].endswith("\\xb9\\xd8\\xd3\\xda.txt")


def _fsize_limit(limit: int):
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_file_size_limit_is_said_in_one_line_keeps_the_previous_run_and_resume_continues(tmp_path: Path) -> None:
    """RLIMIT_FSIZE (ulimit -f) stops the run's writes with EFBIG: one line saying so (no traceback, no "corrupt
    record"), the previous complete run still in place, and --resume completes the same records a clean run has."""
    out = tmp_path / "out"
    first = cli("run", str(ROOT / "corpora" / "seeds"), "-o", str(out), "-q", "--no-tables")
    assert first.returncode == 0, first.stderr
    before = (out / "notices.jsonl").read_bytes()
    limited = subprocess.run([sys.executable, "-m", "extractor", "run", str(ROOT / "corpora" / "seeds"), "-o", str(out),
                              "-q", "--no-tables"], cwd=ROOT, capture_output=True, text=True, timeout=180,
                             preexec_fn=_fsize_limit(20480))
    assert limited.returncode == 1
    lines = limited.stderr.strip().splitlines()
    assert len(lines) == 1, limited.stderr
    assert "file too large (the file-size limit, ulimit -f, was reached)" in lines[0]
    assert "corrupt record" not in lines[0] and "--resume" in lines[0]
    assert (out / "notices.jsonl").read_bytes() == before  # the previous run is kept whole
    resumed = cli("run", str(ROOT / "corpora" / "seeds"), "-o", str(out), "-q", "--no-tables", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "continuing the interrupted run" in resumed.stderr
    assert (out / "notices.jsonl").read_bytes() == before


def test_a_full_disk_is_said_in_one_line(tmp_path: Path) -> None:
    """ENOSPC from /dev/full: run_batch lets the error through untouched (no rebuild from a torn JSONL), and the
    runner's message names the device, not a corrupt record."""
    import errno

    import pytest

    from extractor.batch import Outcome, run_batch
    from extractor.runner import OUTPUT_FULL

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    (tmp_path / "notices.jsonl").symlink_to("/dev/full")
    with pytest.raises(OSError) as info:
        run_batch(iter([Outcome("a.txt", notice={"source": "a.txt", "obligations": [], "warnings": []})]), tmp_path,
                  resume=True)
    assert info.value.errno == errno.ENOSPC
    assert OUTPUT_FULL[errno.ENOSPC] == "no space left on the output device"


_READ_ONE = """
import json, resource, sys
sys.path.insert(0, {tests!r})
import hostile
from extractor.ingest.sources import read_bytes
from extractor.model import ExtractorError
data = getattr(hostile, sys.argv[1])(**json.loads(sys.argv[2]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    raw = read_bytes(data, sys.argv[1])
    result = {{"text": raw.text}}
except ExtractorError as exc:
    result = {{"error": exc.reason}}
result["grew_mib"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(result, ensure_ascii=False))
"""


def _read_hostile(maker: str, **kw) -> dict:
    """Generate a hostile file and read it in a fresh process: what the reader said, and how much its peak grew."""
    code = _READ_ONE.format(tests=str(ROOT / "tests"))
    done = subprocess.run([sys.executable, "-c", code, maker, json.dumps(kw)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_renamed_docx_main_part_is_counted_as_xml() -> None:
    """word/document.dat (pointed to by the rels) holds 60 MiB of XML: refused by the XML cap, not parsed."""
    res = _read_hostile("renamed_main_docx", xml_mib=60)
    assert res["error"] == "DOCX too large when unpacked: 60 MiB of XML (limit 50 MiB)"
    assert res["grew_mib"] < 100


def test_a_renamed_docx_main_part_under_the_cap_is_read() -> None:
    from extractor.ingest.docx import read_docx
    from hostile import _docx, _paragraph

    raw = read_docx(_docx("word/document.dat", [_paragraph("到2025年底，覆盖率达到90%。")]), "renamed.docx")
    assert raw.text == "到2025年底，覆盖率达到90%。"


def test_a_zip_that_lies_about_sizes_is_refused_before_it_inflates() -> None:
    """The directory says 1 KB for a member that inflates to 300 MB: the CRC of the counted bytes fails at 1 KB."""
    res = _read_hostile("lying_zip_docx", inflated_mib=300)
    assert res["error"] == "corrupt DOCX: Bad CRC-32 for file 'word/media/image1.png'"
    assert res["grew_mib"] < 100


def test_a_zip_that_lies_with_a_matching_crc_costs_only_the_bytes_counted() -> None:
    """With a CRC that matches the declared 1 KB, zipfile's own read() would inflate up to 2 GiB in one call
    before cutting; python-docx reads the package rebuilt from the counted bytes, so the text comes out and the
    peak stays small."""
    res = _read_hostile("lying_zip_docx", inflated_mib=300, matching_crc=True)
    assert res.get("text") == "关于做好养老服务工作的通知\n\n到2025年底，全省养老机构护理型床位占比达到60%以上。"
    assert res["grew_mib"] < 100


def test_a_pdf_flate_bomb_is_cut_by_bytes_inflated() -> None:
    from extractor.ingest.limits import MAX_PDF_INFLATED_BYTES, MIB

    res = _read_hostile("pdf_bomb", inflated_mib=300)
    assert res["error"] == f"PDF too large when inflated: its streams hold more than {MAX_PDF_INFLATED_BYTES // MIB} MiB (limit)"
    assert res["grew_mib"] < 2.5 * MAX_PDF_INFLATED_BYTES / MIB


def test_200000_tiny_pdf_pages_are_refused_without_building_them() -> None:
    res = _read_hostile("pdf_many_pages", pages=200_000)
    assert res["error"] == "PDF too long: 200000 pages (limit 300)"
    assert res["grew_mib"] < 250
    lied = _read_hostile("pdf_many_pages", pages=2_000, declared=1)  # a /Count that lies low changes nothing
    assert lied["error"] == "PDF too long: more than 300 pages (limit 300)"


def test_the_pdf_zlib_shim_inflates_like_zlib() -> None:
    import zlib

    from extractor.ingest.pdf import _CappedZlib

    for data in (b"", b"abc" * 1000, bytes(range(256)) * 50):
        packed = zlib.compress(data)
        assert _CappedZlib.decompress(packed) == zlib.decompress(packed)
        assert _CappedZlib.decompress(packed + b"trailing") == data
        import pytest

        if data:
            with pytest.raises(zlib.error):
                _CappedZlib.decompress(packed[:-3])

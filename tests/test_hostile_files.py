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

"""The run's contract with its users (issue 27, items 2 and 7): one record per document however often it is
given, output that validates (with or without its text, from a file or a pipe), an output folder that
follows the umask, options checked and misspellings named, and a summary that counts the whole run."""
from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CORPORA, ROOT, seed


def cli(*args: str, cwd: Path = ROOT, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=cwd, capture_output=True, text=True,
                          input=input, timeout=180)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_same_notice_saved_twice_is_one_record_and_a_listed_duplicate(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed("000"), folder / "a.txt")
    shutil.copy(seed("000"), folder / "b.txt")  # the same notice saved twice
    shutil.copy(seed("001"), folder / "c.txt")
    out = tmp_path / "out"
    done = cli("run", str(folder), "-o", str(out))
    assert done.returncode == 0, done.stderr  # a duplicate is not an error
    bars = done.stderr.replace("\r", "\n")  # progress for both phases: documents, then the table files as they are done
    assert "extracting: 100%" in bars and "tables: 100%" in bars and "metadata.json" in bars
    assert re.search(r"\b(\d+)/\1\b", bars.split("tables:")[-1]), bars  # every table file counted
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask  # the folder follows the umask (mkdtemp alone makes it 0700)
    notices = _lines(out / "notices.jsonl")
    assert [Path(n["source"]).name for n in notices] == ["a.txt", "c.txt"]
    (dup,) = _lines(out / "errors.jsonl")
    assert dup["stage"] == "duplicate" and dup["file"].endswith("b.txt") and dup["duplicate_of"].endswith("a.txt")
    assert dup["doc_id"] == notices[0]["doc_id"]
    assert "duplicates    1" in done.stderr and "b.txt" in done.stderr and "errors        0" in done.stderr
    valid = cli("validate", str(out / "notices.jsonl"))
    assert valid.returncode == 0, valid.stderr
    # the tables count the notice once: every obligation id once in long.csv and facts.csv, the database's notices once
    import csv
    import sqlite3

    ids = [r["条目编号"] for name in ("long", "facts") for r in csv.DictReader((out / f"{name}.csv").open(encoding="utf-8-sig"))]
    assert len(ids) == len(set(ids)) == sum(len(n["obligations"]) for n in notices)
    con = sqlite3.connect(out / "notices.sqlite")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    con.close()
    # a resume meets the duplicate again (as done) and a new copy of a written notice as a duplicate
    shutil.copy(seed("001"), folder / "d.txt")
    again = cli("run", str(folder), "-o", str(out), "-q", "--resume", "--no-tables")
    assert again.returncode == 0, again.stderr
    assert len(_lines(out / "notices.jsonl")) == 2
    assert [Path(e["file"]).name for e in _lines(out / "errors.jsonl")] == ["b.txt", "d.txt"]
    assert "documents     2  (0 added by this run)" in again.stderr and "duplicates    2" in again.stderr


def test_extract_no_text_validates_with_the_no_text_profile_and_validate_reads_stdin() -> None:
    out = cli("extract", str(seed("000")), "--no-text")
    assert out.returncode == 0 and "text" not in json.loads(out.stdout)
    strict = cli("validate", "-", input=out.stdout)
    assert strict.returncode == 1 and "validate --no-text" in strict.stderr
    profile = cli("validate", "--no-text", "-", input=out.stdout)
    assert profile.returncode == 0, profile.stderr
    assert "<stdin>: 1 documents valid" in profile.stdout
    full = cli("extract", str(seed("001")))
    assert cli("validate", "-", input=full.stdout).returncode == 0
    broken = json.loads(out.stdout)
    broken["obligations"][0]["end"] = broken["obligations"][0]["start"] - 1  # offsets out of order: still caught
    assert cli("validate", "--no-text", "-", input=json.dumps(broken, ensure_ascii=False)).returncode == 1


def test_the_output_folder_follows_the_umask(tmp_path: Path) -> None:
    """The run's folder is made by mkdtemp (0700); it is given the mode mkdir would give under the umask."""
    from extractor.rundir import RunFolder

    before = os.umask(0o022)
    try:
        for mask, mode in ((0o022, 0o755), (0o077, 0o700), (0o002, 0o775)):
            os.umask(mask)
            with RunFolder(tmp_path / f"out{mask:o}", append=False) as folder:
                assert folder.work.stat().st_mode & 0o777 == mode, (oct(mask), oct(folder.work.stat().st_mode))
    finally:
        os.umask(before)


def test_a_time_limit_of_zero_or_less_is_a_usage_error(tmp_path: Path) -> None:
    for value in ("0", "-3", "nan", "soon"):
        for command in (["run", str(seed("000")), "-o", str(tmp_path / "out")], ["extract", str(seed("000"))]):
            done = cli(*command, "--timeout", value)
            assert done.returncode == 2 and "--timeout" in done.stderr, (command, value, done.stderr)
    assert not (tmp_path / "out").exists()


def test_a_misspelt_option_gets_a_suggestion() -> None:
    done = cli("run", "--wrokers", "2", str(CORPORA))
    assert done.returncode == 2 and "--wrokers (did you mean --workers?)" in done.stderr
    done = cli("table", "--outptu", "x")
    assert done.returncode == 2 and "did you mean --output?" in done.stderr
    done = cli("run", "--zzz", str(CORPORA))
    assert done.returncode == 2 and "unrecognized arguments: --zzz" in done.stderr and "did you mean" not in done.stderr


def test_table_and_report_without_run_say_they_read_outputs(tmp_path: Path) -> None:
    done = cli("run", str(seed("000")), "-o", str(tmp_path / "outputs"), "-q", "--no-tables")
    assert done.returncode == 0, done.stderr
    table = cli("table", "-o", "tables", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "no RUN given: reading the run in ./outputs" in table.stderr and (tmp_path / "tables" / "long.csv").exists()
    report = cli("report", "-o", "r.html", cwd=tmp_path)
    assert report.returncode == 0 and "reading the run in ./outputs" in report.stderr and (tmp_path / "r.html").exists()


def test_the_summary_shows_the_most_common_warnings(tmp_path: Path) -> None:
    done = cli("run", str(CORPORA), "-o", str(tmp_path / "out"), "-q", "--no-tables")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.split("most common:\n", 1)[1].splitlines()[:5]
    counts = [int(line.split()[0]) for line in lines]
    assert len(counts) == 5 and counts == sorted(counts, reverse=True)
    assert any("metadata: no issue date found" in line for line in lines)
    assert all("N" in line or "date" in line for line in lines)

"""What a careful user does to a run (issue 28): edit inputs between a run and its --resume, keep the output
folder inside the input folder, and a folder of hostile files beside good notices, end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, seed

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def _sources(out: Path, name: str = "notices.jsonl", key: str = "source") -> dict[str, dict]:
    return {Path(r[key]).name: r for r in map(json.loads, (out / name).read_text(encoding="utf-8").splitlines())}


def test_resume_re_extracts_edited_inputs_drops_deleted_ones_and_never_reads_its_own_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, prefix in (("a.txt", "000"), ("b.txt", "001"), ("c.txt", "002")):
        (folder / name).write_bytes(seed(prefix).read_bytes())
    out = folder / "out"  # the output folder inside the input folder
    first = cli("run", str(folder), "-o", str(out), "-q")
    assert first.returncode == 0, first.stderr
    assert sorted(_sources(out)) == ["a.txt", "b.txt", "c.txt"]
    assert (out / "report.html").exists() and (out / "sources.jsonl").exists()
    old_b = _sources(out)["b.txt"]["doc_id"]

    (folder / "b.txt").write_bytes(seed("003").read_bytes())  # edited
    (folder / "c.txt").unlink()  # deleted
    (folder / "d.txt").write_bytes(seed("004").read_bytes())  # added
    resumed = cli("run", str(folder), "-o", str(out), "--resume", "-q")
    assert resumed.returncode == 0, resumed.stderr
    assert "1 inputs changed since they were extracted, extracted again" in resumed.stderr
    assert "1 inputs deleted, their records dropped" in resumed.stderr
    notices = _sources(out)
    assert sorted(notices) == ["a.txt", "b.txt", "d.txt"]  # no report.html, no notices.jsonl read back as notices
    assert notices["b.txt"]["doc_id"] != old_b
    assert sorted(_sources(out, "sources.jsonl")) == ["a.txt", "b.txt", "d.txt"]
    rows = (out / "obligations.csv").read_text(encoding="utf-8-sig")
    assert "c.txt" not in rows and "d.txt" in rows
    assert json.loads((out / "run.json").read_text())["phases"] == {"extract": "done", "progress": "done", "tables": "done", "report": "done"}

    os.utime(folder / "a.txt", ns=(1, 1))  # touched, same bytes: not stale
    before = (out / "notices.jsonl").read_bytes()
    again = cli("run", str(folder), "-o", str(out), "--resume", "-q", "--no-tables")
    assert again.returncode == 0, again.stderr
    assert "changed" not in again.stderr and "3 documents already written, skipped" in again.stderr
    assert (out / "notices.jsonl").read_bytes() == before

    fresh = cli("run", str(folder), "-o", str(out), "-q", "--no-tables")  # a new run over the folder holding it
    assert fresh.returncode == 0, fresh.stderr
    assert sorted(_sources(out)) == ["a.txt", "b.txt", "d.txt"]


_PEAK = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(done.stdout)
sys.stderr.write(done.stderr)
print(f"PEAK {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}", file=sys.stderr)
sys.exit(done.returncode)
"""


def test_a_folder_of_hostile_files_beside_good_notices(tmp_path: Path) -> None:
    """Done-when of issue 28: every good notice extracted, one clear error per bad file, the largest process of the
    run (the worker) under 1 GB at its peak, exit status 1."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = {
        "a.txt": seed("000").read_bytes(),
        "b.docx": hostile.good_docx(),
        os.fsdecode(b"\xb9\xd8\xd3\xda.txt"): seed("001").read_bytes(),  # a GBK file name
        "long.txt": hostile.long_sentence_text(400).encode(),  # one sentence of 400 values: windowed evidence
    }
    bad = {
        "renamed.docx": (hostile.renamed_main_docx(60), "DOCX too large when unpacked: 60 MiB of XML (limit 50 MiB)"),
        "lying.docx": (hostile.lying_zip_docx(300), "corrupt DOCX: Bad CRC-32 for file 'word/media/image1.png'"),
        "bomb.pdf": (hostile.pdf_bomb(300), "PDF too large when inflated: its streams hold more than 128 MiB (limit)"),
        "pages.pdf": (hostile.pdf_many_pages(20_000), "PDF too long: 20000 pages (limit 300)"),
        "empty.txt": (b"", "empty file"),
        "archive.txt": (__import__("gzip").compress(seed("002").read_bytes()),
                        "binary file (gzip archive): not a text, HTML, PDF or DOCX notice"),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    old = folder / "old-run"  # an earlier run's output folder left inside the input folder
    old.mkdir()
    (old / "run.json").write_text('{"phases": {"extract": "done"}}', encoding="utf-8")
    (old / "report.html").write_text("<html><body><p>到2025年达到100%。</p></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "extractor", "run", str(folder), "-o",
                           str(out), "-q"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    peak = int(done.stderr.rsplit("PEAK ", 1)[1])
    assert peak < 1024, f"peak RSS {peak} MiB"
    notices = _sources(out)
    assert sorted(notices) == sorted(Path(os.fsencode(n).decode("utf-8", "backslashreplace")).name for n in good)
    assert all(n["obligations"] for n in notices.values())
    errors = _sources(out, "errors.jsonl", "file")
    assert {name: e["message"] for name, e in errors.items()} == {name: why for name, (_, why) in bad.items()}
    windowed = notices["long.txt"]
    assert len(windowed["obligations"]) == 400
    assert all(len(o["sentence"]) <= 2000 and windowed["text"][o["start"]:o["end"]] == o["sentence"]
               for o in windowed["obligations"])
    check = cli("validate", str(out / "notices.jsonl"))
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_document_past_the_worker_memory_ceiling_is_one_error_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = seed("000").read_text(encoding="utf-8")
    (folder / "a_big.txt").write_text((text * (600_000 // len(text) + 1))[:600_000], encoding="utf-8")
    (folder / "b_good.txt").write_bytes(seed("001").read_bytes())
    out = tmp_path / "out"
    done = cli("run", str(folder), "-o", str(out), "-q", "--no-tables", env={"NOTICE_EXTRACT_WORKER_MEMORY": "230"})
    assert done.returncode == 1, done.stderr
    errors = _sources(out, "errors.jsonl", "file")
    assert errors["a_big.txt"]["message"] == "out of memory (the worker's ceiling is 230 MiB)"
    assert sorted(_sources(out)) == ["b_good.txt"]

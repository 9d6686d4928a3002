"""Bad inputs become error records with a clear reason and the rest of the batch is complete; a slow
document is stopped at --timeout. (Interrupts, --resume and the output folder: tests/test_run_cli.py.)"""
from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

import pdfgen
from conftest import seed
from extractor.batch import outcomes, process_path, run_batch
from extractor.cli import main

GOOD = (seed("000"), seed("001"))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _docx(text: str) -> bytes:
    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _seed_text() -> str:
    return seed("000").read_text(encoding="utf-8")


def _html_page() -> bytes:
    body = "".join(f"<p>{line}</p>" for line in _seed_text().splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>通知</title></head><body><div>{body}</div></body></html>".encode()


def _cut(data: bytes) -> bytes:
    return data[: len(data) // 2]


# name -> (file name, content, fragment of the error message)
BAD: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty": ("empty.txt", lambda: b"", "empty file"),
    "whitespace": ("blank.txt", lambda: b" \n\t\n  ", "no text: only whitespace"),
    "binary-image": ("photo.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary file (PNG image)"),
    "binary-noise": ("noise.txt", lambda: random.Random(7).randbytes(4096), "control or undecodable"),
    "truncated-pdf": ("cut.pdf", lambda: _cut(pdfgen.notice_pdf()), "corrupt PDF: truncated"),
    "truncated-docx": ("cut.docx", lambda: _cut(_docx(_seed_text())), "corrupt DOCX"),
    "corrupt-pdf": ("junk.pdf", lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\ngarbage\n%%EOF\n", "corrupt PDF"),
    "scanned-pdf": ("scan.pdf", pdfgen.image_only_pdf, "no text: no text layer"),
    "encrypted-pdf": ("locked.pdf", lambda: pdfgen.notice_pdf(StandardEncryption("secret", "owner")), "encrypted PDF: password required"),
    "corrupt-docx": ("junk.docx", lambda: b"PK\x03\x04 this is not really a zip", "corrupt DOCX"),
    "corrupt-html": ("junk.html", lambda: b"<html><body>" + b"\x00\x01\x02\xff\xfe" * 200 + b"</body></html>", "control or undecodable"),
    "html-without-body": ("menu.html", lambda: b"<html><body><script>go()</script><nav>home</nav></body></html>",
                          "no text: html: no body text found"),
    "legacy-doc": ("old.doc", lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512, "unsupported format (.doc/.wps)"),
    "huge": ("big.txt", lambda: _seed_text().encode() * 40, "file too large"),
}
# name -> (file name, content, fragment of the warning on the notice): read by content, named in warnings
MISNAMED: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "pdf-named-txt": ("notice.txt", pdfgen.notice_pdf, "wrong extension: read as PDF (named .txt)"),
    "text-named-docx": ("notice.docx", lambda: (_seed_text() + "\n").encode(), "wrong extension: read as plain text (named .docx)"),
    "html-named-pdf": ("notice.pdf", _html_page, "wrong extension: read as HTML (named .pdf)"),
    "html-named-txt": ("notice.txt", _html_page, "wrong extension: read as HTML (named .txt)"),
    "html-fragment-named-txt": ("notice.txt", lambda: _html_page().split(b"<body>", 1)[1], "wrong extension: read as HTML (named .txt)"),
    "truncated-text": ("cut.txt", lambda: _seed_text().encode()[:-1] + "年".encode()[:2], "undecodable bytes replaced"),
}


@pytest.fixture(scope="module")
def reference() -> dict[str, dict]:
    """Each good seed extracted alone, to compare with the same seed inside a batch with a bad file."""
    out = {}
    for p in GOOD:
        notice = process_path(str(p)).notice
        assert notice is not None
        out[p.name] = notice
    return out


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in GOOD:
        shutil.copy(p, folder / p.name)
    return folder


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_good(notices: list[dict], reference: dict[str, dict]) -> None:
    """The good seeds in the batch are complete: identical to extracting them alone, apart from the path."""
    by_name = {Path(n["source"]).name: n for n in notices}
    for name, ref in reference.items():
        got = dict(by_name[name], source=ref["source"])
        assert got == ref


def _run(folder: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str, code: int = 1) -> str:
    """A run whose bad file fails (exit 1) or whose every file is read (exit 0)."""
    assert main(["run", str(folder), "-o", str(out), "--no-tables", "-q", *extra]) == code
    return capsys.readouterr().err


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_file_is_an_error_record(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     reference: dict[str, dict]) -> None:
    name, content, reason = BAD[kind]
    folder = _folder(tmp_path)
    bad = folder / name
    bad.write_bytes(content())
    summary = _run(folder, tmp_path / "out", capsys, *(["--max-bytes", "100000"] if kind == "huge" else []))
    errors = _records(tmp_path / "out" / "errors.jsonl")
    assert [(e["file"], reason in e["message"]) for e in errors] == [(str(bad), True)], errors
    assert f"{bad}: [" in summary and reason in summary
    notices = _records(tmp_path / "out" / "notices.jsonl")
    assert len(notices) == 2
    _check_good(notices, reference)


@pytest.mark.parametrize("kind", sorted(MISNAMED))
def test_misnamed_or_damaged_but_readable_file_is_read_with_a_warning(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                     reference: dict[str, dict]) -> None:
    name, content, warning = MISNAMED[kind]
    folder = _folder(tmp_path)
    odd = folder / name
    odd.write_bytes(content())
    _run(folder, tmp_path / "out", capsys, code=0)
    assert _records(tmp_path / "out" / "errors.jsonl") == []
    notices = _records(tmp_path / "out" / "notices.jsonl")
    assert len(notices) == 3
    (mine,) = [n for n in notices if n["source"] == str(odd)]
    assert any(warning in w for w in mine["warnings"]), mine["warnings"]
    assert mine["obligations"]
    _check_good(notices, reference)


def _unreadable(kind: str, folder: Path) -> tuple[Path, str]:
    """A file that cannot be read, made in a way that works for root too (root ignores chmod)."""
    path = folder / "unreadable.txt"
    if kind == "chmod":
        path.write_text("到2025年建成10个站。", encoding="utf-8")
        path.chmod(0)
        return path, "unreadable: permission denied"
    if kind == "broken-symlink":
        path.symlink_to(folder / "gone.txt")
        return path, "unreadable: broken symbolic link"
    if kind == "fifo":
        os.mkfifo(path)
        return path, "unreadable: not a regular file (FIFO"
    path.mkdir()
    return path, "unreadable: a directory, not a file"


@pytest.mark.parametrize("kind", ["chmod", "broken-symlink", "fifo", "directory"])
def test_unreadable_file_is_an_error_record(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            reference: dict[str, dict]) -> None:
    if kind == "chmod" and IS_ROOT:
        pytest.skip("root reads files whatever their mode; the other kinds cover unreadable files")
    if kind == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    folder = _folder(tmp_path)
    bad, reason = _unreadable(kind, folder)
    out = tmp_path / "out"
    try:
        if kind == "directory":  # a folder is searched, never read as a file, so hand it to the batch directly
            paths = [str(p) for p in GOOD] + [str(bad)]
            summary = run_batch(outcomes(paths), out)
            assert summary.errors == [{"file": str(bad), "stage": "ingest", "message": reason}]
            notices = _records(out / "notices.jsonl")
        else:
            text = _run(folder, out, capsys)
            errors = _records(out / "errors.jsonl")
            assert [(e["file"], reason in e["message"]) for e in errors] == [(str(bad), True)], errors
            assert f"{bad}: [ingest] {reason}" in text
            notices = _records(out / "notices.jsonl")
    finally:
        if kind == "chmod":
            bad.chmod(0o644)
    assert len(notices) == 2
    _check_good(notices, reference)


def test_timeout_option_stops_a_slow_document_and_keeps_the_rest(tmp_path: Path) -> None:
    """--timeout is per document: a limit too small for any document turns each into an error record."""
    import json

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(root / "corpora" / "seeds"), "-o", str(out), "-q",
                           "--no-tables", "--timeout", "0.001"], capture_output=True, text=True, cwd=root, timeout=300)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors and all(e["message"].startswith("timed out after") for e in errors)
    written = (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(written) + len(errors) == 5
    assert "timed out" in proc.stderr

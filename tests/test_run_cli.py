"""`notice-extract run` as a user runs it: the installed command in a subprocess, real files, real signals."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUN_OUTPUTS = ("notices.jsonl", "obligations.csv", "errors.jsonl", "long.csv", "comparison.csv", "tables.xlsx",
               "long.parquet", "notices.sqlite", "report.html")
HEAD = "关于加快养老服务发展的通知\n各市民政局：\n"
TAIL = "湖北省民政厅\n2021年3月1日\n"


def cli(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    """The package's command, as installed (`python -m extractor` is the same entry point)."""
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=kw.pop("timeout", 180), **kw)


def test_control_characters_in_a_target_sentence_cost_no_output(tmp_path: Path) -> None:
    """NUL, VT and ESC inside a target sentence: cleaned away, every table and the report still written."""
    folder = tmp_path / "in"
    folder.mkdir()
    body = "到2025年，全省\x00养老\x0b机构\x1b护理型床位占比达到55%以上。\n"
    (folder / "ctl.txt").write_text(HEAD + body + TAIL, encoding="utf-8")
    out = tmp_path / "out"
    done = cli("run", str(folder), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir() if p.stat().st_size) == sorted(set(RUN_OUTPUTS) - {"errors.jsonl"})
    assert (out / "errors.jsonl").read_text(encoding="utf-8") == ""
    (notice,) = [json.loads(line) for line in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert not any(ch in notice["text"] for ch in "\x00\x0b\x1b")
    assert [o["value"] for o in notice["obligations"]] == [55]
    assert not list(out.glob("*.tmp*"))

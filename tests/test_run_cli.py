"""`notice-extract run` as a user runs it: the installed command in a subprocess, real files, real signals."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT

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


def _descendants(pid: int) -> set[int]:
    """Every process below `pid` (children of children too), from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - found
        found |= frontier
    return found


def _running(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie waiting to be reaped has ended)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _copies(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    for copy in range(n):
        shutil.copytree(CORPORA, folder / f"copy{copy}", ignore=shutil.ignore_patterns("*.json"))
    return folder


def _wait_for(check, seconds: float = 120.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_fork_server_and_resource_tracker_exit_when_the_run_is_killed(tmp_path: Path) -> None:
    folder = _copies(tmp_path, 8)
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(folder), "-o", str(tmp_path / "out"), "-q",
                             "--no-tables", "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    helpers: set[int] = set()
    try:
        # the fork server, the resource tracker and two workers, all loaded and extracting
        assert _wait_for(lambda: len(_descendants(proc.pid)) >= 4
                         and any(p.stat().st_size for p in tmp_path.rglob("notices.jsonl")))
        helpers = _descendants(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _wait_for(lambda: not _running(helpers), seconds=30), f"orphans left: {_running(helpers)}"
    finally:
        proc.kill()
        for pid in _running(helpers):
            os.kill(pid, signal.SIGKILL)

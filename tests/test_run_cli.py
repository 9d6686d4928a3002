"""`notice-extract run` as a user runs it: the installed command in a subprocess, real files, real signals."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT, seed, startup_hook
from crawl_site import FakeSite

RUN_OUTPUTS = ("notices.jsonl", "obligations.csv", "errors.jsonl", "long.csv", "comparison.csv", "by_indicator.csv", "matrix.csv",
               "facts.csv", "unknown_region.csv", "tables.xlsx", "long.parquet", "notices.sqlite", "metadata.json", "report.html",
               "run.json", "sources.jsonl", "progress.jsonl", "progress.csv")
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
    assert "Traceback" not in done.stderr and "tables:" not in done.stderr  # -q: no progress bar for either phase
    assert sorted(p.name for p in out.iterdir() if p.stat().st_size) == sorted(set(RUN_OUTPUTS) - {"errors.jsonl", "progress.jsonl"})
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
    """n copies of the seeds, each file ending in a different number of newlines: distinct documents (a run
    writes a byte-identical copy once), the same text."""
    folder = tmp_path / "in"
    for copy in range(n):
        shutil.copytree(CORPORA, folder / f"copy{copy}", ignore=shutil.ignore_patterns("*.json"))
        for path in (folder / f"copy{copy}").glob("*.txt"):
            path.write_bytes(path.read_bytes() + b"\n" * copy)
    return folder


def _wait_for(check, seconds: float = 120.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("workers, helpers_at_least", [
    (1, 1),  # the one worker, a child process of its own
    (2, 4),  # the fork server, the resource tracker and two workers
])
def test_workers_exit_when_the_run_is_killed(tmp_path: Path, workers: int, helpers_at_least: int) -> None:
    folder = _copies(tmp_path, 4)
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(folder), "-o", str(tmp_path / "out"), "-q",
                             "--no-tables", "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    helpers: set[int] = set()
    try:
        # every helper process started, loaded and extracting
        assert _wait_for(lambda: len(_descendants(proc.pid)) >= helpers_at_least
                         and any(p.stat().st_size for p in tmp_path.rglob("notices.jsonl")))
        helpers = _descendants(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _wait_for(lambda: not _running(helpers), seconds=30), f"orphans left: {_running(helpers)}"
    finally:
        proc.kill()
        for pid in _running(helpers):
            os.kill(pid, signal.SIGKILL)


def _popen(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "extractor", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _slow_tables_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose `build_tables` first sleeps, so a signal surely lands inside the table phase
    however fast the tables are (a sitecustomize module on PYTHONPATH wraps it at start-up)."""
    code = ("import time\nimport extractor.exports as t\n_build = t.build_tables\n"
            "def build_tables(*a, **k):\n    time.sleep(30)\n    return _build(*a, **k)\n"
            "t.build_tables = build_tables\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([startup_hook(tmp_path, code), str(ROOT)])}


def _sources(folder: Path) -> list[str]:
    return sorted(json.loads(line)["source"] for line in (folder / "notices.jsonl").read_text(encoding="utf-8").splitlines())


def _state(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def test_a_missing_input_is_an_error_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = cli("run", str(CORPORA), "-o", str(out), "-q", "--no-tables")
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    done = cli("run", str(tmp_path / "typo_dir"), "-o", str(out), "-q")
    assert done.returncode == 2
    assert done.stderr.strip() == f"notice-extract: {tmp_path / 'typo_dir'}: no such file or folder"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not (tmp_path / "never").exists() and cli("run", "typo", "-o", str(tmp_path / "never")).returncode == 2
    assert not (tmp_path / "never").exists()


def test_a_new_run_replaces_the_previous_one_whole_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("run", str(CORPORA), "-o", str(out), "-q").returncode == 0
    (out / "README.md").write_text("Runs write here.\n", encoding="utf-8")
    (out / "raw").mkdir()
    (out / "raw" / "kept.bin").write_bytes(b"crawl store bytes")
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(next(CORPORA.glob("001_*.txt")), one)
    done = cli("run", str(one), "-o", str(out), "-q", "--no-tables")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "errors.jsonl", "notices.jsonl", "obligations.csv",
                                                     "raw", "run.json", "sources.jsonl"]
    assert _sources(out) == [str(next(one.iterdir()))]
    assert (out / "raw" / "kept.bin").read_bytes() == b"crawl store bytes"
    state = _state(out / "run.json")
    assert state["phases"] == {"extract": "done", "progress": "pending", "tables": "pending", "report": "pending"}
    assert not list(tmp_path.glob(".out.*"))


def test_a_second_run_or_resume_into_a_busy_folder_stops_at_once(tmp_path: Path) -> None:
    """Run A is held on a page the test serves slowly; B (a new run) and C (a --resume) into A's folder stop at once."""
    out = tmp_path / "out"
    with FakeSite(gate=threading.Event()) as site:
        first = _popen("run", site.url("/n/gate.html"), str(seed("000")), "-o", str(out), "-q", "--no-tables", "--resume")
        try:
            assert site.gate_reached.wait(60)
            second = cli("run", str(CORPORA), "-o", str(out), "-q", "--no-tables", timeout=60)
            third = cli("run", str(CORPORA), "-o", str(out), "-q", "--no-tables", "--resume", timeout=60)
            site.gate.set()
            _, err = first.communicate(timeout=120)
        finally:
            first.kill()
    assert first.returncode == 0, err
    for other in (second, third):
        assert other.returncode == 2
        assert other.stderr.strip() == (f"notice-extract: {out}: in use by another run (pid {first.pid}); wait for it "
                                        "to finish or choose another output folder with -o")
    assert _sources(out) == sorted([site.url("/n/gate.html"), str(seed("000"))])
    assert not (out / ".lock").exists()


def test_a_corrupt_line_is_reported_with_file_and_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("run", str(CORPORA), "-o", str(out), "-q", "--no-tables").returncode == 0
    lines = (out / "notices.jsonl").read_bytes().split(b"\n")
    lines[2] = b"\x00" * 40
    (out / "notices.jsonl").write_bytes(b"\n".join(lines))
    done = cli("run", str(CORPORA), "-o", str(out), "-q", "--resume")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{out / 'notices.jsonl'}: line 3: corrupt record" in done.stderr


def test_ctrl_c_in_the_table_phase_exits_130_and_resume_builds_the_tables(tmp_path: Path) -> None:
    folder = _copies(tmp_path, 2)
    out = tmp_path / "out"
    proc = _popen("run", str(folder), "-o", str(out), "-q", env=_slow_tables_env(tmp_path))
    try:
        assert _wait_for(lambda: any(_state(p).get("phases", {}).get("tables") == "running"
                                     for p in tmp_path.glob(".out.run-*/run.json")), step=0.01)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("notice-extract: interrupted by SIGINT; finished work is kept in") and "--resume" in err
    (work,) = tmp_path.glob(".out.run-*")
    assert _state(work / "run.json")["phases"]["extract"] == "done"
    done = cli("run", str(folder), "-o", str(out), "-q", "--resume")
    assert done.returncode == 0, done.stderr
    assert "resume: 10 documents already written, skipped" in done.stderr
    assert _state(out / "run.json")["phases"] == {"extract": "done", "progress": "done", "tables": "done", "report": "done"}
    for name in RUN_OUTPUTS:
        assert (out / name).exists(), name
    assert not list(tmp_path.glob(".out.*")) and not list(out.glob("*.tmp*"))


def test_ctrl_c_to_the_whole_process_group_stops_a_parallel_run_quietly(tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches the run, the fork server and the workers: one line, exit 130, no traceback."""
    folder = _copies(tmp_path, 4)
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(folder), "-o", str(tmp_path / "out"), "-q",
                             "--workers", "2", "--no-tables"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        assert _wait_for(lambda: any(p.stat().st_size for p in tmp_path.glob(".out.run-*/notices.jsonl")))
        helpers = _descendants(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert _wait_for(lambda: not _running(helpers), seconds=30)


def _lines(pattern: str, root: Path) -> int:
    return max((p.read_bytes().count(b"\n") for p in root.glob(pattern)), default=0)


def _stop_when(proc: subprocess.Popen[str], ready, sig: int) -> str:
    try:
        assert _wait_for(lambda: ready() or proc.poll() is not None)
        proc.send_signal(sig)
        return proc.communicate(timeout=60)[1]
    finally:
        proc.kill()


def test_sigterm_is_handled_like_ctrl_c_and_a_kill_9_run_is_resumed(tmp_path: Path) -> None:
    folder = _copies(tmp_path, 4)
    out = tmp_path / "out"
    args = ("run", str(folder), "-o", str(out), "-q", "--no-tables")
    proc = _popen(*args)
    err = _stop_when(proc, lambda: _lines(".out.run-*/notices.jsonl", tmp_path) >= 1, signal.SIGTERM)
    assert proc.returncode == 143 and "interrupted by SIGTERM" in err and "Traceback" not in err
    assert not (out / "notices.jsonl").exists()  # the output folder never holds half a new run
    written = _lines(".out.run-*/notices.jsonl", tmp_path)
    proc = _popen(*args, "--resume")  # adopts the interrupted run, then is killed for good
    _stop_when(proc, lambda: _lines("out/notices.jsonl", tmp_path) > written, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    with (out / "notices.jsonl").open("a", encoding="utf-8") as fh:  # what a writer killed mid-line leaves
        fh.write('{"schema_version": "1.2.0", "doc_id": "torn')
    done = cli(*args, "--resume")
    assert done.returncode == 0, done.stderr
    assert f"resume: cut the torn last line of {out / 'notices.jsonl'}" in done.stderr
    assert _sources(out) == sorted(str(p) for p in folder.rglob("*.txt"))
    with (out / "obligations.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    notices = [json.loads(line) for line in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) - 1 == sum(len(n["obligations"]) for n in notices)


def test_make_clean_removes_every_output_and_cache_but_keeps_the_venv(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    made = ["outputs/README.md", "outputs/notices.jsonl", "outputs/tables.xlsx", "outputs/run.json", "outputs/crawl.sqlite",
            "outputs/raw/ab/abcdef", ".outputs.run-x1y2/notices.jsonl", ".hypothesis/examples/1", "extractor/__pycache__/a.pyc",
            "tests/__pycache__/b.pyc", ".venv/bin/python", ".venv/lib/__pycache__/c.pyc", "notice_extract.egg-info/PKG-INFO"]
    for name in made:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")

    def left() -> list[str]:
        return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file() and p.name != "Makefile")

    assert subprocess.run(["make", "-s", "-C", str(tmp_path), "clean"], capture_output=True).returncode == 0
    assert left() == [".venv/bin/python", ".venv/lib/__pycache__/c.pyc", "notice_extract.egg-info/PKG-INFO", "outputs/README.md"]
    assert subprocess.run(["make", "-s", "-C", str(tmp_path), "distclean"], capture_output=True).returncode == 0
    assert left() == ["outputs/README.md"]


def test_help_says_what_happens_to_an_existing_output_folder() -> None:
    done = cli("run", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "replaces DIR's previous run in one step when it is complete" in text
    assert "--resume and --from-store add to the run already in DIR instead of replacing it" in text
    assert "Exit status: 0 every document read; 1 some documents" in text


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    done = cli("run", str(CORPORA), "-o", str(tmp_path / "out"), "-q")
    assert done.returncode == 2 and done.stderr.strip() == f"notice-extract: {tmp_path / 'out'}: exists and is not a folder"
    assert (tmp_path / "out").read_text(encoding="utf-8") == "not a folder"


def test_a_damaged_run_state_stops_a_resume_with_its_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "run.json").write_text('{"phases": [1, 2', encoding="utf-8")
    done = cli("run", str(CORPORA), "-o", str(out), "-q", "--resume")
    assert done.returncode == 2 and f"{out / 'run.json'}: unreadable run state" in done.stderr
    assert not (out / ".lock").exists() and not (out / "notices.jsonl").exists()

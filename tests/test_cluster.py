"""A real Dask cluster on loopback: `dask scheduler` and two `dask worker` processes started in a folder of
their own, where none of the run's input paths exist. The run sends the documents' bytes, so the output is
the local run's, byte for byte; a document whose worker dies is an error record naming the cause."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPORA, startup_hook

DASK = Path(sys.executable).with_name("dask")
# a worker that meets this document dies, as one killed by the kernel would
CRASH = """
import os
try:
    import extractor.batch as batch
except Exception:
    batch = None
if batch is not None:
    real = batch.process_data

    def process_data(data, name, timeout=600.0):
        if b"CRASH-THE-WORKER" in data:
            os._exit(9)
        return real(data, name, timeout)

    batch.process_data = process_data
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture()
def cluster(tmp_path: Path):
    """The scheduler's address; the scheduler and two single-threaded workers run in tmp_path/elsewhere."""
    if not DASK.exists():
        pytest.skip("no dask command (pip install 'dask[distributed]')")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": startup_hook(tmp_path, CRASH), "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    common = dict(cwd=elsewhere, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **common)]
    try:
        for k in range(2):
            procs.append(subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                                           "--local-directory", str(elsewhere / f"w{k}"), "--name", f"w{k}"], **common))
        yield address
    finally:
        _stop(procs)


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", "run", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_a_cluster_started_elsewhere_extracts_relative_inputs_it_cannot_see(tmp_path: Path, cluster: str) -> None:
    here = tmp_path / "client"
    shutil.copytree(CORPORA, here / "in", ignore=shutil.ignore_patterns("*.json"))
    (here / "in" / "zz_crash.txt").write_text("关于养老服务的通知\nCRASH-THE-WORKER\n到2025年，养老床位达到100张。\n", encoding="utf-8")
    (here / "in" / "zz_last.txt").write_bytes(next((here / "in").glob("000_*.txt")).read_bytes() + b"\n")
    assert not (tmp_path / "elsewhere" / "in").exists()
    start = time.monotonic()
    done = _run(here, "in", "-o", "dask-out", "--engine", "dask", "--scheduler", cluster, "--no-tables", "-q")
    took = time.monotonic() - start
    assert done.returncode == 1, done.stderr  # the crashed document is an error; every other one is written
    errors = [json.loads(line) for line in (here / "dask-out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 1, json.dumps(errors, ensure_ascii=False, indent=1)
    (error,) = errors
    assert error["file"] == "in/zz_crash.txt" and error["stage"] == "extract"
    assert error["message"].startswith("dask worker failed: KilledWorker") and "died" in error["message"]
    readable = sorted(f"in/{p.name}" for p in (here / "in").glob("*.txt") if p.name != "zz_crash.txt")
    local = _run(here, *readable, "-o", "local-out", "--no-tables", "-q")
    assert local.returncode == 0, local.stderr
    for name in ("notices.jsonl", "obligations.csv"):
        assert (here / "dask-out" / name).read_bytes() == (here / "local-out" / name).read_bytes(), name
    sources = [json.loads(line)["source"] for line in (here / "dask-out" / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sources == readable
    assert took < 60, took

"""A one-worker run extracts in a child process: same notices, input order, a crash costs one document,
a worker that cannot start stops the run, and the run's own process never loads the models."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT, startup_hook
from extractor.batch import WORKER_DIED, process_path
from extractor.worker import WorkerFailed, isolated_outcomes

SEEDS = sorted(str(p) for p in CORPORA.glob("*.txt"))


def test_outcomes_come_in_input_order_and_equal_in_process_extraction() -> None:
    paths = SEEDS[::-1] + SEEDS[:2]
    got = list(isolated_outcomes(paths))
    assert [o.source for o in got] == paths
    assert got[0].notice == process_path(paths[0]).notice
    assert all(o.error is None and o.notice for o in got)


def test_bad_input_is_an_error_record_from_the_child(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    got = list(isolated_outcomes([SEEDS[0], str(empty), SEEDS[1]]))
    assert [o.error is None for o in got] == [True, False, True]
    assert got[1].error["file"] == str(empty) and got[1].error["message"]


CRASH = ("import os\nimport extractor.batch as b\n_real = b.process_path\n"
         "def process_path(path, *a, **k):\n    if 'crash' in path:\n        os._exit(3)\n    return _real(path, *a, **k)\n"
         "b.process_path = process_path\n")


def test_a_document_that_kills_the_worker_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crash = tmp_path / "crash.txt"
    crash.write_text(Path(SEEDS[0]).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", startup_hook(tmp_path, CRASH))
    paths = [SEEDS[0], str(crash), SEEDS[1], SEEDS[2]]
    got = list(isolated_outcomes(paths))
    assert [o.source for o in got] == paths
    assert [o.error["message"] if o.error else None for o in got] == [None, WORKER_DIED, None, None]


def test_a_worker_that_cannot_start_stops_with_its_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = "import extractor.batch as b\ndef load_models():\n    raise SystemExit(7)\nb.load_models = load_models\n"
    monkeypatch.setenv("PYTHONPATH", startup_hook(tmp_path, broken))
    with pytest.raises(WorkerFailed, match="status 7"):
        list(isolated_outcomes(SEEDS[:1]))


def test_the_runs_own_process_loads_no_models(tmp_path: Path) -> None:
    """What makes a run's memory small: spaCy and the dictionary live in the worker, and the table writers
    start after it has ended, beside a process that never held them."""
    code = ("import sys\nfrom extractor.cli import main\n"
            f"code = main(['run', {str(CORPORA)!r}, '-o', {str(tmp_path / 'out')!r}, '-q'])\n"
            "print(json.dumps([code, sorted(m for m in ('spacy', 'rjieba.rjieba', 'numpy', 'pyarrow') if m in sys.modules)]))")
    proc = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert json.loads(proc.stdout.splitlines()[-1]) == [0, []], proc.stderr[-2000:]
    assert (tmp_path / "out" / "notices.sqlite").exists() and (tmp_path / "out" / "report.html").exists()


def _worker_log_hook(tmp_path: Path) -> dict[str, str]:
    """An environment in which every extraction worker writes its pid to tmp_path/workers.log as it starts."""
    log = tmp_path / "workers.log"
    code = ("import os\nif b'extractor.worker' in open('/proc/self/cmdline', 'rb').read():\n"
            f"    open({str(log)!r}, 'a').write(str(os.getpid()) + '\\n')\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([startup_hook(tmp_path, code), str(ROOT)])}


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc (Linux)")
def test_a_run_prestarts_one_worker_and_uses_it(tmp_path: Path) -> None:
    env = _worker_log_hook(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(CORPORA), "-o", str(tmp_path / "out"), "-q",
                           "--no-tables"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len((tmp_path / "workers.log").read_text().split()) == 1
    assert len((tmp_path / "out" / "notices.jsonl").read_text(encoding="utf-8").splitlines()) == len(SEEDS)


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc (Linux)")
def test_a_prestarted_worker_ends_with_a_run_that_stops_early(tmp_path: Path) -> None:
    """A run that stops at its own checks (here: a missing input) leaves no worker behind."""
    env = _worker_log_hook(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(tmp_path / "missing"), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr
    pids = (tmp_path / "workers.log").read_text().split()
    assert len(pids) == 1  # it was started, before the inputs were checked
    with pytest.raises(ProcessLookupError):
        os.kill(int(pids[0]), 0)


def test_what_a_library_prints_cannot_break_the_pipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Output written to descriptor 1 inside the worker (as a C library might) goes to standard error."""
    noisy = ("import os\nimport extractor.batch as b\n_real = b.process_path\n"
             "def process_path(path, *a, **k):\n    os.write(1, b'noise from C code\\n')\n    print('noise from Python')\n"
             "    return _real(path, *a, **k)\nb.process_path = process_path\n")
    monkeypatch.setenv("PYTHONPATH", startup_hook(tmp_path, noisy))
    got = list(isolated_outcomes(SEEDS[:2]))
    assert [o.error for o in got] == [None, None] and all(o.notice for o in got)


def test_documents_a_crawl_stored_are_extracted_by_the_worker_too(tmp_path: Path) -> None:
    """`run --from-store` hands the worker stored documents instead of paths; the outcome is the in-process one."""
    from extractor.batch import extract_stored
    from extractor.crawl.store import StoredDocument

    page = tmp_path / "page.html"
    body = Path(SEEDS[0]).read_text(encoding="utf-8").replace("\n", "</p><p>")
    page.write_text(f"<html><head><title>t</title></head><body><p>{body}</p></body></html>", encoding="utf-8")
    doc = StoredDocument(url="http://127.0.0.1/a.html", final_url="http://127.0.0.1/b.html", path=page,
                         content_type="text/html; charset=utf-8", charset="utf-8", sha256="x" * 64)
    missing = StoredDocument(url="http://127.0.0.1/gone.html", final_url="", path=tmp_path / "gone.html",
                             content_type="text/html", charset=None, sha256="y" * 64)
    got = list(isolated_outcomes([doc, SEEDS[1], missing]))
    assert got[0].source == "http://127.0.0.1/b.html" and got[0].notice == extract_stored(doc, 50_000_000).notice
    assert got[1].notice is not None and got[1].source == SEEDS[1]
    assert got[2].error is not None and "stored file unreadable" in got[2].error["message"]

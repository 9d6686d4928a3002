"""Batch runs: parallel and Dask output byte-identical to a one-worker run, input order, crash isolation."""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import CORPORA
from extractor.batch import WORKER_DIED, Outcome, outcomes, process_path, repair_tail, run_batch
from extractor.cli import main

OUTPUTS = ("notices.jsonl", "obligations.csv", "errors.jsonl")


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpora copied twice (two folders), so a pool has more documents than workers; the second copies end
    in one more newline, so they are documents of their own (a byte-identical copy is written once)."""
    root = tmp_path_factory.mktemp("twice")
    for copy in ("a", "b"):
        shutil.copytree(CORPORA, root / copy, ignore=shutil.ignore_patterns("*.json"))
    for path in (root / "b").glob("*.txt"):
        path.write_bytes(path.read_bytes() + b"\n")
    return root


@pytest.fixture(scope="module")
def serial(twice: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serial")
    assert main(["run", str(twice), "-o", str(out), "--no-tables", "-q"]) == 0
    return out


def _same_files(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_serial_run_has_every_document_in_input_order(serial: Path, twice: Path) -> None:
    sources = [json.loads(line)["source"] for line in (serial / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sources == sorted(str(p) for p in twice.rglob("*.txt"))


def test_two_workers_write_the_same_bytes(serial: Path, twice: Path, tmp_path: Path) -> None:
    assert main(["run", str(twice), "-o", str(tmp_path), "--workers", "2", "--no-tables", "-q"]) == 0
    _same_files(serial, tmp_path)


def test_dask_local_cluster_writes_the_same_bytes(serial: Path, twice: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("distributed")
    with caplog.at_level(logging.WARNING):
        assert main(["run", str(twice), "-o", str(tmp_path), "--engine", "dask", "--workers", "2", "--no-tables", "-q"]) == 0
    _same_files(serial, tmp_path)
    assert not [r for r in caplog.records if r.name.startswith("distributed") and r.levelno < logging.ERROR]


def slow_first(path: str, max_bytes: int) -> Outcome:
    """Finishes in reverse order of submission: the pool must still yield in input order."""
    time.sleep(0.3 if path.endswith("0") else 0.0)
    return Outcome(path, notice={"source": path})


def crash_on_bad(path: str, max_bytes: int) -> Outcome:
    if "bad" in path:
        os._exit(1)
    return Outcome(path, notice={"source": path})


def test_pool_yields_in_input_order() -> None:
    paths = [f"doc{i}" for i in range(10, 0, -1)] + ["doc0"]
    assert [o.source for o in outcomes(paths, workers=2, task=slow_first)] == paths


def test_crashing_document_is_an_error_and_the_batch_goes_on() -> None:
    paths = ["a", "b", "bad", "c", "d", "e"]
    res = list(outcomes(paths, workers=2, task=crash_on_bad))
    assert [o.source for o in res] == paths
    assert [o.error["message"] for o in res if o.error] == [WORKER_DIED]
    assert res[2].error is not None and res[2].error["file"] == "bad"


def test_timeout_is_an_error_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage that would run for 30 s is stopped at the limit (injected, so no cache can make it fast)."""
    import extractor.pipeline

    def slow_stage(raw: object) -> None:
        time.sleep(30)

    monkeypatch.setattr(extractor.pipeline, "extract_raw", slow_stage)
    res = process_path(str(next(CORPORA.glob("002_*.txt"))), timeout=0.2)
    assert res.notice is None and res.error is not None and res.error["message"] == "timed out after 0.2 s"
    assert res.error["stage"] == "extract"


def test_resume_cuts_a_torn_line_then_appends(tmp_path: Path) -> None:
    jsonl = tmp_path / "notices.jsonl"
    jsonl.write_text('{"source": "a", "obligations": []}\n{"source": "b", "obli', encoding="utf-8")
    assert repair_tail(jsonl)
    assert jsonl.read_text(encoding="utf-8") == '{"source": "a", "obligations": []}\n'
    jsonl.write_text('{"source": "a", "obligations": []}\n{"source": "b", "obli', encoding="utf-8")
    run_batch([Outcome("c", notice={"source": "c", "obligations": []})], tmp_path, resume=True)
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["a", "c"]
    assert not repair_tail(jsonl)


def test_read_jsonl_names_the_file_and_line_of_a_corrupt_record(tmp_path: Path) -> None:
    from extractor.model import ExtractorError
    from extractor.outputs import read_jsonl

    path = tmp_path / "notices.jsonl"
    path.write_text('{"source": "a"}\n\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(ExtractorError) as exc:
        list(read_jsonl(path))
    assert str(exc.value) == f"{path}: line 3: corrupt record (a JSON list, not an object)"
    path.write_text('{"source": "a"}\n{"source": "b", "obli\n{"source": "c"}\n', encoding="utf-8")
    with pytest.raises(ExtractorError, match=r"line 2: corrupt record \(Unterminated string"):
        list(read_jsonl(path))


def test_obligations_csv_written_as_notices_arrive_equals_the_one_rebuilt_from_the_jsonl(tmp_path: Path) -> None:
    """A fresh run streams obligations.csv; cut short, it is rebuilt from the JSONL: either way the same bytes
    as `write_obligations_csv` over the notices written, and no temporary file left behind."""
    from extractor.outputs import read_jsonl, write_obligations_csv

    seeds = sorted(str(p) for p in CORPORA.glob("*.txt"))
    run_batch((process_path(p) for p in seeds), tmp_path / "full")
    write_obligations_csv(tmp_path / "rebuilt.csv", read_jsonl(tmp_path / "full" / "notices.jsonl"))
    assert (tmp_path / "full" / "obligations.csv").read_bytes() == (tmp_path / "rebuilt.csv").read_bytes()

    def cut_short():
        yield process_path(seeds[0])
        yield process_path(seeds[1])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(cut_short(), tmp_path / "cut")
    write_obligations_csv(tmp_path / "two.csv", read_jsonl(tmp_path / "cut" / "notices.jsonl"))
    assert (tmp_path / "cut" / "obligations.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert sorted(p.name for p in (tmp_path / "cut").iterdir()) == ["errors.jsonl", "notices.jsonl", "obligations.csv"]

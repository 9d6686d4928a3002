"""Every output of one or more runs, the tables and the report, from one plan (above both: it runs their writers).

The writers run in child processes, in two waves: the report and then notices.sqlite beside a process that
writes the CSVs and tables.xlsx, then long.parquet; metadata.json last, here.

Not four processes at once: the database writer (the dictionary, for the search words) and the Parquet
writer (pyarrow) each take about 100 MB, so they never run together, and the run's peak memory stays the
extraction's at any size. The report goes with the database, not after the sheets: the two together take
about as long as the CSVs and tables.xlsx (the sheets and the report together took half as long again as the
database, and the first wave waited for them). The report first: it is small and quick, and a database
writer that dies (the larger of the two) costs only its own file.

Each process is a fresh interpreter (`python -m extractor.exports PLAN JOB[+JOB] OUT [REPORT]`) that
loads the plan and imports only the writers (no spaCy), so it stays small whatever ran before it in
the parent, and the parent's memory does not grow. A child records each file as it is written or
fails (one JSON line in the plan folder), so the result is the one `Built.attempt` gives in a single
process: a failing writer costs only its own file. A child that dies (killed, out of memory) fails
the files it had not recorded, with its exit status and the last line it printed.

Children ignore Ctrl-C (the terminal sends it to the whole process group; the parent decides) and
end with the parent: on an interrupt the parent stops them with SIGTERM (their temporary files are
removed on the way out) and waits for them, and if the parent is killed they notice (extractor.lifeline).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from extractor.progress import Links
from extractor.tables import CSV_SHEETS, TABLE_FILES, Built, Failure
from extractor.tables.plan import Plan
from extractor.tables.plan import built as built_plan

JOBS = ("sqlite", "sheets", "parquet", "report")
# waves one after another; in a wave, one process per group, side by side; a group's jobs in order
WAVES = ((("report", "sqlite"), ("sheets",)), (("parquet",),))
STOP_SECONDS = 10.0
POLL_SECONDS = 0.1  # how often the parent looks at the files the children have written, for progress


def build_tables(inputs: Iterable[Path], out_dir: Path, *, report: Path | None = None, parallel: bool = True,
                 tables: bool = True, progress: Callable[[int, Path | None], None] | None = None,
                 on_links: Callable[[Links], None] | None = None) -> Built:
    """Read the runs `inputs` (folders' notices.jsonl or the files) and write every table into out_dir, and
    the report to `report` when given (listed last in the result; `tables=False` writes only the report).
    `progress(total, path)` is called once with the number of files to come (path None) when the runs are
    read, then as each file is done. `on_links` is given the targets linked to their progress (Plan.build).

    The writers run in child processes (below: the database beside the sheets and the report, then Parquet);
    `parallel=False` runs them here, one after another. Either way the files are the same.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = Path(report) if report is not None else None
    with built_plan(inputs, on_links) as p:
        on_file = None
        if progress is not None:
            total = expected_files(out_dir, report, tables)
            progress(total, None)
            on_file = partial(progress, total)
        built = run(p, out_dir, report, parallel, tables, on_file)
        built.skipped = list(p.index.skipped)
    return built.ordered([*(TABLE_FILES if tables else ()), *([Path(report).name] if report is not None else [])])


def outputs(job: str, out_dir: Path, report: Path | None) -> list[Path]:
    """The files one job writes."""
    if job == "sheets":
        return [*(out_dir / f"{name}.csv" for name in CSV_SHEETS), out_dir / "tables.xlsx"]
    if job == "parquet":
        return [out_dir / "long.parquet"]
    if job == "sqlite":
        return [out_dir / "notices.sqlite"]
    return [report] if report is not None else []


def run_job(job: str, plan: Plan, out_dir: Path, report: Path | None, built: Built) -> None:
    """One job's writers, each through `built.attempt`."""
    from extractor.tables.sheet import write_csv, write_parquet

    if job == "sheets":
        from extractor.tables.xlsx import write_xlsx

        sheets = plan.sheets()
        for name in CSV_SHEETS:
            built.attempt(out_dir / f"{name}.csv", lambda p, s=sheets[name]: write_csv(s, p))
        built.attempt(out_dir / "tables.xlsx", lambda p: write_xlsx(list(sheets.values()), p))
    elif job == "parquet":
        built.attempt(out_dir / "long.parquet", lambda p: write_parquet(plan.sheets()["long"], p))
    elif job == "sqlite":
        from extractor.tables.sqlite import write_sqlite

        built.attempt(out_dir / "notices.sqlite", lambda p: write_sqlite(plan.documents(), p, plan.taxonomy))
    elif job == "report" and report is not None:
        from extractor.report import View, render_report

        built.attempt(report, lambda p: render_report(View.of_plan(plan), p))


OnFile = Callable[[Path], None]


def run(plan: Plan, out_dir: Path, report: Path | None, parallel: bool = True, tables: bool = True,
        on_file: OnFile | None = None) -> Built:
    """Every job of the plan (the tables unless `tables` is false, the report when `report` is given), then
    metadata.json; in child processes, or here one after another when `parallel` is false. `on_file(path)` is
    called as each file is done (written or failed), for a progress bar."""
    from extractor.tables.sqlite import write_metadata

    jobs = [j for j in JOBS if (j == "report" and report is not None) or (j != "report" and tables)]
    built = Built()
    if parallel and len(jobs) > 0:
        _in_processes(plan, jobs, out_dir, report, built, on_file or (lambda p: None))
    else:
        for job in jobs:
            before = len(built.written) + len(built.failed)
            run_job(job, plan, out_dir, report, built)
            for path in [*built.written, *(f.path for f in built.failed)][before:]:
                (on_file or (lambda p: None))(path)
    if tables:
        built.attempt(out_dir / "metadata.json", lambda p: write_metadata(out_dir / "notices.sqlite", p))
        if on_file is not None:
            on_file(out_dir / "metadata.json")
    return built


def expected_files(out_dir: Path, report: Path | None, tables: bool = True) -> int:
    """How many files `run` reports through on_file."""
    jobs = [j for j in JOBS if (j == "report" and report is not None) or (j != "report" and tables)]
    return sum(len(outputs(j, out_dir, report)) for j in jobs) + (1 if tables else 0)


def _in_processes(plan: Plan, jobs: list[str], out_dir: Path, report: Path | None, built: Built, on_file: OnFile) -> None:
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    procs: dict[str, subprocess.Popen[bytes]] = {}
    seen: dict[Path, int] = {}
    try:
        for wave in WAVES:
            for group in wave:
                key = "+".join(j for j in group if j in jobs)
                if not key:
                    continue
                with (plan.folder / f"{key}.stderr").open("wb") as err:
                    procs[key] = subprocess.Popen(
                        [sys.executable, "-m", "extractor.exports", str(plan.folder), key, str(out_dir), str(report or "")],
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env)
            while any(proc.poll() is None for proc in procs.values()):
                _recorded(plan.folder, seen, on_file)
                time.sleep(POLL_SECONDS)
            _recorded(plan.folder, seen, on_file)
    finally:
        _stop(list(procs.values()))
    for key, proc in procs.items():
        for job in key.split("+"):
            _collect(plan.folder, job, key, proc.returncode, outputs(job, out_dir, report), built)


def _recorded(folder: Path, seen: dict[Path, int], on_file: OnFile) -> None:
    """Call on_file for each whole line the children added to their results files since the last look."""
    for results in sorted(folder.glob("*.results")):
        try:
            lines = results.read_bytes().split(b"\n")[:-1]  # whole lines only: a child may be writing the last
        except OSError:
            continue
        for line in lines[seen.get(results, 0):]:
            try:
                on_file(Path(json.loads(line)["path"]))
            except (ValueError, KeyError):
                pass
        seen[results] = len(lines)


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """End the children still running: SIGTERM (they remove their temporary files), then SIGKILL."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _collect(folder: Path, job: str, key: str, code: int, expected: list[Path], built: Built) -> None:
    """The files a child recorded, and a failure for each it did not get to."""
    seen = set()
    results = folder / f"{job}.results"
    lines = results.read_text(encoding="utf-8").splitlines() if results.exists() else []
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:  # a line cut short by the child's death
            continue
        path = Path(rec["path"])
        seen.add(path)
        if rec["error"] is None:
            built.written.append(path)
        else:
            built.failed.append(Failure(path, rec["error"]))
    missing = [p for p in expected if p not in seen]
    if missing:
        reason = f"writer process ended with exit status {code}"
        err = (folder / f"{key}.stderr").read_text(encoding="utf-8", errors="replace").strip().splitlines()
        if err:
            reason += f": {err[-1][:200]}"
        built.failed += [Failure(p, reason) for p in missing]


class _Recorded(Built):
    """A Built that also writes each outcome to a file as it happens, for the parent to read."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.fh = path.open("a", encoding="utf-8")

    def attempt(self, path: Path, write: Any) -> None:
        before = len(self.failed)
        super().attempt(path, write)
        error = self.failed[-1].reason if len(self.failed) > before else None
        self.fh.write(json.dumps({"path": str(path), "error": error}, ensure_ascii=False) + "\n")
        self.fh.flush()


class _NoPandas:
    """pyarrow looks for pandas on its first array made from Python values, and importing it costs 50 MB that a
    writer never uses: in a writer's own process the import fails, so pyarrow goes on without it."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not used by the table writers")


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def child(argv: list[str]) -> int:
    """A child's life: the jobs of the plan in `argv` (PLAN JOB[+JOB…] OUT [REPORT]), one after another, outcomes
    recorded as they come."""
    from extractor.lifeline import tie_to

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminated)
    tie_to(os.getppid())
    if "pandas" not in sys.modules:
        sys.meta_path.insert(0, _NoPandas())
    # pyarrow's default allocator (mimalloc) keeps what the Parquet row groups used (~25 MB at 20 MB of input);
    # the system allocator gives it back
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    folder, jobs, out_dir, report = (argv + [""])[:4]
    plan = Plan.load(Path(folder))
    for job in jobs.split("+"):
        built = _Recorded(Path(folder) / f"{job}.results")
        run_job(job, plan, Path(out_dir), Path(report) if report else None, built)
    return 0


if __name__ == "__main__":
    sys.exit(child(sys.argv[1:]))

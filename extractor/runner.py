"""`notice-extract run`: the phases of a run (extract, progress, tables, report) in a locked output folder.

The folder (extractor.rundir) decides where the run writes and when it replaces the previous one;
this module runs whichever phases are missing, records each in run.json as it finishes, and turns an
interrupt anywhere into `Interrupted`, which says where the finished work is and how to continue.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.batch import Outcome, Summary, done_sources, outcomes, process_path, repair_tail, run_batch, summarize
from extractor.confidence.filter import filtered_outcomes
from extractor.ingest.sources import display_name, is_url, source_path
from extractor.model import ExtractorError
from extractor.outputs import atomic_writer, read_jsonl
from extractor.rundir import DONE, FAILED, PENDING, RUNNING, SKIPPED, RunFolder

if TYPE_CHECKING:
    from extractor.progress import Links

LATER_PHASES = ("progress", "tables", "report")
SOURCES = "sources.jsonl"  # what each input was when its record was written (size, mtime, sha256), for --resume
# Write errors that are the output device's, not the run's: said in one line, and --resume continues.
OUTPUT_FULL = {errno.ENOSPC: "no space left on the output device", errno.EDQUOT: "disk quota exceeded",
               errno.EFBIG: "file too large (the file-size limit, ulimit -f, was reached)"}


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during a run, carrying where its finished work is and how to continue."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class RunOptions:
    """What `run` was asked to do, checked by the command line before the folder is touched."""

    output: Path
    paths: list[str]
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 600.0
    store: str | None = None
    tables: bool = True
    quiet: bool = False
    min_confidence: float | None = None


def execute(opts: RunOptions) -> int:
    """Run the missing phases in the locked output folder; exit status 0, or 1 when a document or a phase failed.

    Raises rundir.FolderError when the folder is busy or unusable, Interrupted on Ctrl-C or SIGTERM.
    """
    with RunFolder(opts.output, append=opts.resume or opts.store is not None) as folder:
        try:
            return _phases(opts, folder)
        except KeyboardInterrupt as exc:
            if isinstance(exc, Interrupted):
                raise
            raise Interrupted(_where(folder)) from None
        except OSError as exc:
            why = OUTPUT_FULL.get(exc.errno or 0)
            if why is None:
                raise
            # one line, not a chained traceback: what happened, where the finished work is, how to go on
            raise ExtractorError(exc.filename or str(folder.work), f"{why}; {_where(folder)}", stage="write") from None


def _phases(opts: RunOptions, folder: RunFolder) -> int:
    if folder.adopted is not None:
        print(f"resume: continuing the interrupted run kept in {folder.adopted}", file=sys.stderr)
    for old in folder.swept:
        print(f"note: removed {old}, left by an interrupted run", file=sys.stderr)
    stale = Stale()
    results, total = _outcomes(opts, folder.work, stale)
    results = filtered_outcomes(results, opts.min_confidence)
    folder.set_phase("extract", RUNNING)
    bar = _progress(total, opts.quiet)
    fingerprints = Fingerprints(folder.work / SOURCES, opts.paths, append=folder.work == folder.target) \
        if opts.store is None else None

    def written(res: Outcome) -> None:
        bar.update(1)
        if fingerprints is not None:
            fingerprints.add(res.source)

    try:
        summary = run_batch(results, folder.work, resume=folder.work == folder.target, on_result=written)
    finally:
        bar.close()
        getattr(results, "close", lambda: None)()
        if fingerprints is not None:
            fingerprints.close()
    folder.set_phase("extract", DONE, [Path(p).name for p in summary.outputs] + ([SOURCES] if fingerprints else []))
    resumed = folder.work == folder.target
    whole = summarize(folder.work) if resumed else summary  # a resumed run's summary counts the earlier documents too
    if summary.documents or stale.dropped:
        for phase in LATER_PHASES:
            folder.state.phases[phase] = PENDING
    failed = _later_phases(folder, opts.quiet) if opts.tables else []
    folder.commit()
    _print_summary(whole, [str(opts.output / name) for name in folder.state.outputs], summary if resumed else None)
    if stale.changed or stale.deleted:
        print(f"resume: {stale.describe()}", file=sys.stderr)
    for phase, message in failed:
        print(f"notice-extract: {phase} failed: {message} (run again with --resume to retry)", file=sys.stderr)
    return 1 if summary.errors or failed else 0


@dataclass
class Stale:
    """What --resume found changed since the records were written: re-extracted, or (deleted) dropped."""

    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @property
    def dropped(self) -> bool:
        return bool(self.changed or self.deleted)

    def describe(self) -> str:
        parts = []
        if self.changed:
            parts.append(f"{len(self.changed)} inputs changed since they were extracted, extracted again "
                         f"(e.g. {self.changed[0]})")
        if self.deleted:
            parts.append(f"{len(self.deleted)} inputs deleted, their records dropped (e.g. {self.deleted[0]})")
        return "; ".join(parts)


def fingerprint(path: str) -> dict[str, Any] | None:
    """Size, mtime and sha256 of a file input as it is now; None for URLs and files that cannot be read."""
    if is_url(path):
        return None
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device is an error record, and opening it here would hang
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest.hexdigest()}


class Fingerprints:
    """SOURCES (sources.jsonl): one line per written source with its size, mtime and sha256, so a later --resume
    can tell an input edited, deleted or added since from one that is as it was."""

    def __init__(self, path: Path, inputs: list[str], append: bool) -> None:
        self.paths = {display_name(p): p for p in inputs}
        if append:
            repair_tail(path)
        self.fh = path.open("a" if append else "w", encoding="utf-8")

    def add(self, source: str) -> None:
        found = fingerprint(self.paths[source]) if source in self.paths else None
        if found is not None:
            self.fh.write(json.dumps({"source": source, **found}, ensure_ascii=False) + "\n")
            self.fh.flush()

    def close(self) -> None:
        self.fh.close()


def _unchanged(path: str, seen: dict[str, Any]) -> bool:
    """Same size and mtime, or (touched, copied back) the same sha256."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if st.st_size == seen.get("size") and st.st_mtime_ns == seen.get("mtime_ns"):
        return True
    now = fingerprint(path)
    return now is not None and now["sha256"] == seen.get("sha256")


def _drop_stale(work: Path, paths: list[str], stale: Stale) -> None:
    """Compare each recorded input with the file now; drop the records of changed and deleted ones (so they are
    extracted again, or gone) from notices.jsonl, errors.jsonl and SOURCES."""
    recorded = work / SOURCES
    if not recorded.exists():
        if (work / "notices.jsonl").exists():
            print(f"resume: no {SOURCES} (written by an older version): inputs edited since are not detected",
                  file=sys.stderr)
        return
    seen = {r["source"]: r for r in read_jsonl(recorded) if isinstance(r.get("source"), str)}
    current = {display_name(p): p for p in paths}
    for source, record in seen.items():
        if source in current:
            if not _unchanged(current[source], record):
                stale.changed.append(source)
        elif not os.path.lexists(source_path(source)):
            stale.deleted.append(source)
    drop = set(stale.changed) | set(stale.deleted)
    if not drop:
        return
    for name, key in (("notices.jsonl", "source"), ("errors.jsonl", "file"), (SOURCES, "source")):
        path = work / name
        if path.exists():
            kept = [r for r in read_jsonl(path) if r.get(key) not in drop]
            with atomic_writer(path) as fh:
                fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in kept)


def _outcomes(opts: RunOptions, work: Path, stale: Stale) -> tuple[Iterator[Outcome], int]:
    """The outcomes to write: pending crawl-store documents, or the inputs not yet written (--resume), after
    dropping the records of inputs changed or deleted since they were written."""
    if opts.store is not None:
        from extractor.stored import store_outcomes

        return store_outcomes(opts.store, opts.max_bytes, opts.timeout, isolated=opts.workers <= 1)
    paths = opts.paths
    if opts.resume:
        for name in ("notices.jsonl", "errors.jsonl"):
            if repair_tail(work / name):
                print(f"resume: cut the torn last line of {work / name}", file=sys.stderr)
        _drop_stale(work, paths, stale)
        if stale.dropped:
            print(f"resume: {stale.describe()}", file=sys.stderr)
        done = done_sources(work)
        skipped = [p for p in paths if display_name(p) in done]
        paths = [p for p in paths if display_name(p) not in done]
        if skipped:
            print(f"resume: {len(skipped)} documents already written, skipped", file=sys.stderr)
    if opts.engine == "dask":
        from extractor.scale import dask_outcomes

        return dask_outcomes(paths, opts.scheduler, opts.workers, opts.max_bytes, opts.timeout), len(paths)
    if opts.workers <= 1:  # in a child process: this one stays small for the table writers that follow
        from extractor.worker import isolated_outcomes

        return isolated_outcomes(paths, opts.max_bytes, opts.timeout), len(paths)
    return outcomes(paths, opts.workers, opts.max_bytes, task=partial(process_path, timeout=opts.timeout)), len(paths)


def _later_phases(folder: RunFolder, quiet: bool = False) -> list[tuple[str, str]]:
    """Build the tables and the report if they are missing or out of date; (phase, reason) for each that failed.

    Both come from one read of the run, their writers in child processes (extractor.exports), so this
    process, which never held the extraction's models, stays small."""
    jsonl = folder.work / "notices.jsonl"
    phases = folder.missing(LATER_PHASES)
    if not phases:
        return []
    if not jsonl.exists() or not jsonl.stat().st_size:
        for phase in phases:
            folder.set_phase(phase, SKIPPED)
        return []
    for phase in phases:
        folder.set_phase(phase, RUNNING)
    results: dict[str, tuple[list[str], str | None]] = {}
    built = [p for p in phases if p != "progress"]

    def write_links(links: Links) -> None:  # the table plan links the targets once, for its delivery columns too
        results["progress"] = _link_progress(folder.work, jsonl, links)

    try:
        results.update(_build(built, folder.work, jsonl, quiet, write_links if "progress" in phases else None) if built else {})
    except Exception as exc:  # noqa: BLE001 - a failed table writer must not cost the notices already written
        results.update({phase: ([], f"{type(exc).__name__}: {exc}"[:300]) for phase in built})
    if "progress" in phases and "progress" not in results:  # no table phase pending, or the plan failed first
        results["progress"] = _link_progress(folder.work, jsonl)
    failed = []
    for phase in phases:
        written, problem = results[phase]
        if problem:
            folder.set_phase(phase, FAILED)
            failed.append((phase, problem))
        else:
            folder.set_phase(phase, DONE, [Path(p).name for p in written])
    return failed


def _link_progress(out_dir: Path, jsonl: Path, links: Links | None = None) -> tuple[list[str], str | None]:
    """The progress phase: every target of the run linked to the progress the run reports on it
    (extractor.progress; `links` when the table plan has linked them already), written as progress.jsonl and
    progress.csv; (files written, what failed)."""
    from extractor.progress import link, write
    from extractor.tables import load_notices

    try:
        return [str(p) for p in write(links if links is not None else link(load_notices([jsonl])), out_dir)], None
    except Exception as exc:  # noqa: BLE001 - a failed link must not cost the notices already written
        return [], f"{type(exc).__name__}: {exc}"[:300]


def _build(phases: list[str], out_dir: Path, jsonl: Path, quiet: bool = False,
           on_links: Callable[[Links], None] | None = None) -> dict[str, tuple[list[str], str | None]]:
    """The later phases through the table module's entry point: per phase, the files written and what failed;
    a progress bar of the files as they are done; `on_links` gets the plan's progress links."""
    import extractor.exports

    report = out_dir / "report.html" if "report" in phases else None
    bar = _FileProgress(quiet)
    try:
        built = extractor.exports.build_tables([jsonl], out_dir, report=report, tables="tables" in phases, progress=bar,
                                               on_links=on_links)
    finally:
        bar.close()
    out: dict[str, tuple[list[str], str | None]] = {}
    if "tables" in phases:  # each writer ran on its own; the phase failed if any of them did
        failures = [f for f in built.failed if f.path != report]
        out["tables"] = ([str(p) for p in built.written if p != report],
                         f"OSError: {'; '.join(str(f) for f in failures)}"[:300] if failures else None)
    if report is not None:
        problems = [f.reason for f in built.failed if f.path == report]
        out["report"] = ([str(report)] if report in built.written else [], problems[0][:300] if problems else None)
    return out


class _FileProgress:
    """The table phase's bar: 'tables' over the files to write, named as each is done (after the runs are read)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None

    def __call__(self, total: int, path: Path | None) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="tables", unit="file", file=sys.stderr, disable=self.quiet, dynamic_ncols=True)
        if path is not None:
            self.bar.set_postfix_str(path.name, refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _where(folder: RunFolder) -> str:
    """Where an interrupted run's work is, and how to continue it."""
    if folder.work == folder.target:
        return f"finished work is kept in {folder.target}; rerun with --resume to complete it"
    return (f"finished work is kept in {folder.work} ({folder.target} still holds the previous run); "
            "rerun with --resume to complete it, or without --resume to start over")


def _progress(total: int, quiet: bool):  # noqa: ANN202 - tqdm or a disabled one
    from tqdm import tqdm

    return tqdm(total=total, desc="extracting", unit="doc", file=sys.stderr, disable=quiet or total == 0, dynamic_ncols=True)


TOP_WARNINGS = 5


def _print_summary(summary: Summary, written: list[str], this_run: Summary | None = None) -> None:
    """The counts of the run folder; `this_run` (a resumed run) says how many of them this run added."""
    err = sys.stderr
    added = f"  ({this_run.documents} added by this run)" if this_run is not None else ""
    print(f"\n{'documents':<14}{summary.documents}{added}", file=err)
    print(f"{'obligations':<14}{summary.obligations}  ({summary.targets} targets, {summary.obligations - summary.targets} facts)", file=err)
    print(f"{'warnings':<14}{summary.warnings}" + ("  most common:" if summary.warning_kinds else ""), file=err)
    for kind, n in sorted(summary.warning_kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WARNINGS]:
        print(f"  {n:>5}  {kind}", file=err)
    if summary.duplicates:
        print(f"{'duplicates':<14}{len(summary.duplicates)}  (the same document as an earlier input, written once; "
              "listed in errors.jsonl)", file=err)
        for d in summary.duplicates[:5]:
            print(f"  {d['file']} = {d.get('duplicate_of', '')}", file=err)
        if len(summary.duplicates) > 5:
            print(f"  … {len(summary.duplicates) - 5} more in errors.jsonl", file=err)
    print(f"{'errors':<14}{len(summary.errors)}", file=err)
    for e in summary.errors[:15]:
        print(f"  {e['file']}: [{e['stage']}] {e['message']}", file=err)
    if len(summary.errors) > 15:
        print(f"  … {len(summary.errors) - 15} more in errors.jsonl", file=err)
    print("written:", file=err)
    for p in written:
        print(f"  {p}", file=err)

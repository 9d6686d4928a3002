"""`notice-extract`: one entry point, subcommands run / extract / clean / eval / validate / schema / table / progress / report / crawl."""
from __future__ import annotations

import argparse
import difflib
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extractor.version import __version__
from extractor.training.cli import register as register_train
from extractor.confidence.filter import add_min_confidence, filtered_inputs
from extractor.decide.reliability import reliability_report
from extractor.gazetteers import GazetteerError
from extractor.model import SCHEMA_VERSION, ExtractorError
from extractor.review.cli import register as register_review
from extractor.tables.slices import add_slice_options

DESCRIPTION = """Extract targets, deadlines and responsible agencies from Chinese government policy notices
(通知, 意见, 实施方案, 规划) in text, HTML, PDF or DOCX, and build comparable tables.

Quick start:
  notice-extract run corpora -o outputs      extract every notice under corpora/ into outputs/
  notice-extract extract notice.txt          one notice's JSON on stdout
  notice-extract eval                        score against the gold annotations in corpora/
"""


def cmd_run(args: argparse.Namespace) -> int:
    """Check the options and inputs before anything is written, then run (extractor.runner)."""
    from extractor.ingest.sources import iter_inputs
    from extractor.rundir import FolderError
    from extractor.runner import RunOptions, execute

    if args.workers < 1 or args.max_bytes < 1:
        print("notice-extract: --workers and --max-bytes must be at least 1", file=sys.stderr)
        return 2
    paths: list[str] = []
    store = (args.store or args.from_store) if args.from_store else None
    if store is not None and not Path(store).exists():
        print(f"notice-extract: {store}: no crawl store (run notice-extract crawl first)", file=sys.stderr)
        return 2
    if store is None:
        names = _input_names(args)
        if names is None:
            return 2
        paths = iter_inputs(names)
        if not paths:
            print(f"notice-extract: no notice files (.txt .html .pdf .docx) in {', '.join(names)}", file=sys.stderr)
            return 2
    opts = RunOptions(output=Path(args.output), paths=paths, workers=args.workers, engine=args.engine,
                      scheduler=args.scheduler, resume=args.resume, max_bytes=args.max_bytes, timeout=args.timeout,
                      store=store, tables=not args.no_tables, quiet=args.quiet, min_confidence=args.min_confidence)
    try:
        return execute(opts)
    except FolderError as exc:
        print(f"notice-extract: {exc}", file=sys.stderr)
        return 2


def _input_names(args: argparse.Namespace) -> list[str] | None:
    """Inputs named on the command line and in --files-from; None (after saying why) when one is missing."""
    from extractor.ingest.sources import STDIN, missing_inputs

    names = list(args.inputs)
    if args.files_from:
        try:
            if args.files_from == STDIN:
                listed = sys.stdin.read()
            else:
                listed = Path(args.files_from).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"notice-extract: --files-from {args.files_from}: cannot read: {exc}", file=sys.stderr)
            return None
        names += [line.strip() for line in listed.splitlines() if line.strip()]
    elif not names:
        names = ["corpora"]
    if STDIN in names:
        print("notice-extract: run reads files, folders and URLs; use --files-from - for a list on standard input, "
              "or extract - for one document", file=sys.stderr)
        return None
    missing = missing_inputs(names)
    for name in missing:
        print(f"notice-extract: {name}: no such file or folder", file=sys.stderr)
    return None if missing else names


def _print_build_problems(built) -> None:  # noqa: ANN001 - extractor.tables.Built, imported lazily
    for line in built.skipped:
        print(f"notice-extract: {line}", file=sys.stderr)
    for failure in built.failed:
        print(f"notice-extract: not written: {failure}", file=sys.stderr)


def _no_such_input(name: str) -> bool:
    """Say so and return True when a named input (not `-`, not a URL) does not exist."""
    from extractor.ingest.sources import STDIN, missing_inputs

    if name != STDIN and missing_inputs([name]):
        print(f"notice-extract: {name}: no such file or folder", file=sys.stderr)
        return True
    return False


def cmd_extract(args: argparse.Namespace) -> int:
    from extractor.batch import process_path

    if _no_such_input(args.file):
        return 2
    res = process_path(args.file, args.max_bytes, timeout=args.timeout)
    if res.notice is None:
        err = res.error or {}
        print(f"notice-extract: {err.get('file')}: [{err.get('stage')}] {err.get('message')}", file=sys.stderr)
        return 1
    d = res.notice
    if args.no_text:
        d.pop("text")
    json.dump(d, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _read_one(args: argparse.Namespace) -> Any:
    """The one document `clean` and `outline` read (file, URL or `-`), or the exit status after saying why not."""
    from extractor.ingest.sources import read_source

    if _no_such_input(args.file):
        return 2
    try:
        return read_source(args.file, args.max_bytes)
    except ExtractorError as exc:
        print(f"notice-extract: {exc}", file=sys.stderr)
        return 1


def cmd_clean(args: argparse.Namespace) -> int:
    from extractor.clean.text import clean

    raw = _read_one(args)
    if isinstance(raw, int):
        return raw
    ct = clean(raw)
    if not args.diff:
        sys.stdout.write(ct.text + "\n")
        return 0
    for r in ct.repairs:
        print(f"[{r.kind}] raw {r.raw_start}-{r.raw_end}: {r.before!r} -> {r.after!r}")
    diff = difflib.unified_diff(raw.text.splitlines(), ct.text.splitlines(), "raw", "cleaned", lineterm="", n=0)
    for line in diff:
        print(line)
    for w in ct.warnings:
        print(f"# {w}", file=sys.stderr)
    return 0


def cmd_outline(args: argparse.Namespace) -> int:
    from extractor.outline.render import render_tree, to_json
    from extractor.pipeline import outline

    raw = _read_one(args)
    if isinstance(raw, int):
        return raw
    tree = outline(raw)
    if args.json:
        json.dump(to_json(tree), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_tree(tree) + "\n")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from extractor.evaluate import (GROUPS_FILE, GroupsError, gold_sets, half_of, load_groups, render, render_groups,
                                    render_summary, score, score_groups)
    from extractor.outputs import read_jsonl

    sets = []
    group_files = [Path(g) for g in args.groups or []]
    for folder in args.gold or ["corpora"]:
        found = gold_sets(Path(folder))
        if not found:
            print(f"notice-extract: {folder}: no gold annotation files (*.json with metadata and obligations)", file=sys.stderr)
            return 2
        sets += [(name, half_of(load, args.half)) for name, load in ((n, _load(p)) for n, p in found)]
        group_files += [p / GROUPS_FILE for _, p in found if (p / GROUPS_FILE).is_file()]
    groups: dict = {}
    try:
        for path in group_files:
            groups.update(load_groups(path))
    except GroupsError as exc:
        print(f"notice-extract: {exc}", file=sys.stderr)
        return 2
    predicted: dict[str, dict] = {}
    if args.predictions:
        for rec in read_jsonl(Path(args.predictions)):
            predicted[Path(rec.get("source", "")).name] = rec
    reports = []
    for name, gold in sets:
        if not args.predictions:
            from extractor.batch import process_path

            for g in gold:
                raw_path = Path(g["_path"]).parent / g["raw"]
                res = process_path(str(raw_path))
                if res.notice is not None:
                    predicted[g["raw"]] = res.notice
                else:
                    print(f"notice-extract: {res.error}", file=sys.stderr)
        reports.append((name, score(gold, predicted)))
    grouping = None
    if groups:
        indicators: dict = {}
        for _, rep in reports:
            indicators.update(rep.indicators)
        grouping = score_groups(groups, indicators)
    if args.json:
        out = {name: rep.numbers() for name, rep in reports}
        out = out if len(out) > 1 else next(iter(out.values()))
        if grouping is not None:
            out = {**out, "indicator_groups": grouping.numbers()}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if len(reports) > 1:
        print(render_summary(reports))
    if grouping is not None:
        print(render_groups(", ".join(str(p) for p in group_files), grouping))
    for name, rep in reports:
        if len(reports) > 1:
            print(f"\n== {name} ==")
        print(render(rep, detail=not args.brief))
    if args.reliability:
        print(reliability_report(sets, predicted))
    return 0


def _load(folder: Path) -> list[dict]:
    from extractor.evaluate import load_gold

    return load_gold(folder)


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 when every notice is valid, 1 when any is not (or the file holds none), 2 when the file cannot be read."""
    from extractor.schema import check_file

    from extractor.ingest.sources import STDIN

    path = Path(args.file) if args.file != STDIN else Path("<stdin>")
    check = check_file(path if args.file != STDIN else None, no_text=args.no_text)
    if check.unreadable:
        print(f"{path}: cannot read: {check.unreadable}", file=sys.stderr)
    for problem in check.problems:
        print(f"{path}:{' ' if not check.documents else ''}{problem}", file=sys.stderr)
    if not args.no_text and any("'text' is a required property" in p for p in check.problems):
        print(f"{path}: notices without their text (extract --no-text) are checked with validate --no-text", file=sys.stderr)
    if check.exit_code == 1 and check.documents:
        print(f"{path}: {check.invalid} of {check.documents} documents invalid (schema {SCHEMA_VERSION})", file=sys.stderr)
    elif check.exit_code == 0:
        print(f"{path}: {check.documents} documents valid (schema {SCHEMA_VERSION})")
    return check.exit_code


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


DEFAULT_RUN = "outputs"


def _run_inputs(names: list[str]) -> list[Path] | None:
    """Run folders or notices.jsonl files (none named: ./outputs, said on stderr); None (after saying which) when one
    is missing."""
    if not names:
        print(f"notice-extract: no RUN given: reading the run in ./{DEFAULT_RUN}", file=sys.stderr)
        names = [DEFAULT_RUN]
    inputs = [Path(p) / "notices.jsonl" if Path(p).is_dir() else Path(p) for p in names]
    missing = [p for p in inputs if not p.exists()]
    if missing:
        print(f"notice-extract: {missing[0]}: no such file (give a run's output folder or its notices.jsonl)", file=sys.stderr)
        return None
    return inputs


def _slices(args: argparse.Namespace) -> dict[str | None, list[Path]] | int:
    """The runs to build from, after --min-confidence and the slice options: {None: runs}, or {province: its
    notices} with --by province; the exit status (after saying why) when an input is missing (2) or the slice
    keeps no notice (1)."""
    from extractor.tables.slices import slice_of, sliced_inputs

    inputs = _run_inputs(args.inputs)
    if inputs is None:
        return 2
    inputs = filtered_inputs(inputs, args.min_confidence)
    sliced = sliced_inputs(inputs, slice_of(args), getattr(args, "by", None))
    if sliced is None:
        return {None: inputs}
    if not sliced.parts:
        print("notice-extract: no notice of the runs matches the slice options; nothing written", file=sys.stderr)
        return 1
    print(f"notice-extract: {sliced.notices} notices in the slice"
          + (f", {len(sliced.parts)} provinces" if args.by else ""), file=sys.stderr)
    return {key: [path] for key, path in sliced.parts.items()}


def _part_name(key: str) -> str:
    """A province's name as a file or folder name (names are plain Chinese; anything else is replaced)."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in key) or "_"


def cmd_table(args: argparse.Namespace) -> int:
    from extractor.exports import build_tables

    parts = _slices(args)
    if isinstance(parts, int):
        return parts
    status = 0
    for key, inputs in parts.items():
        out = Path(args.output) if key is None else Path(args.output) / _part_name(key)
        built = build_tables(inputs, out)
        for p in built.written:
            print(p)
        _print_build_problems(built)
        status = max(status, 1 if built.failed else 0)
    return status


def cmd_progress(args: argparse.Namespace) -> int:
    from extractor.progress import link, read_gold, render, score, write
    from extractor.tables import load_notices

    inputs = _run_inputs(args.inputs)
    if inputs is None:
        return 2
    links = link(load_notices(inputs))
    for line in render(links):
        print(line)
    if args.output:
        for p in write(links, Path(args.output)):
            print(p, file=sys.stderr)
    if args.gold:
        try:
            scored = score(read_gold(Path(args.gold)), links)
        except (OSError, ValueError) as e:
            print(f"notice-extract: {e}", file=sys.stderr)
            return 2
        print(f"gold {args.gold}: links {scored.found}/{scored.links} found, {scored.right_status} with the right status; "
              f"decoys linked {scored.decoys_linked}/{scored.decoys}")
        for line in scored.misses:
            print(f"  {line}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from extractor.report import render_report
    from extractor.tables import Built, RunData

    parts = _slices(args)
    if isinstance(parts, int):
        return parts
    status = 0
    for key, inputs in parts.items():
        target = Path(args.output)
        if key is not None:
            target = target.with_name(f"{target.stem}-{_part_name(key)}{target.suffix or '.html'}")
        data = RunData.read(inputs)
        built = Built(skipped=list(data.index.skipped))
        built.attempt(target, lambda p: render_report(data, p))
        for p in built.written:
            print(p)
        _print_build_problems(built)
        status = max(status, 1 if built.failed else 0)
    return status


def _seconds(s: str) -> float:
    """A --timeout: a number of seconds above zero (0 or less would mean no limit, or stop at once)."""
    try:
        x = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not a number of seconds") from None
    if not x > 0 or x != x:
        raise argparse.ArgumentTypeError(f"{s}: a time limit must be more than 0 seconds")
    return x


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="notice-extract", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"notice-extract {__version__} (schema {SCHEMA_VERSION})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="extract every notice under INPUT (files, folders, URLs) into an output folder",
                       description="Extract notices (txt, html, pdf, docx, recognised by content; folders are searched "
                       "recursively; http(s) URLs are fetched politely) and write notices.jsonl, obligations.csv (UTF-8 "
                       "with BOM for Excel), errors.jsonl and, unless --no-tables, progress.jsonl and progress.csv (each target "
                       "linked to the progress the run reports on it, docs/progress.md), the comparison tables and the HTML "
                       "report. A bad file is recorded in errors.jsonl; the batch goes on.",
                       epilog="""\
Output folder: a new run is written into a temporary folder beside -o DIR and replaces DIR's previous
run in one step when it is complete, so DIR always holds one whole run; files in DIR that no run writes
(README.md, a crawl store) are kept. A missing input is an error before anything is written. Only one
run at a time may use DIR (a second one stops at once). DIR/run.json records which phases finished.
Interrupted (Ctrl-C, kill), a new run stays in its temporary folder and DIR keeps the previous run;
--resume continues it. --resume and --from-store add to the run already in DIR instead of replacing it.

Exit status: 0 every document read; 1 some documents (listed in errors.jsonl) or a phase failed;
2 usage error (bad option, missing input, folder in use); 130 Ctrl-C; 143 SIGTERM.""",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders or http(s) URLs (default: corpora)")
    p.add_argument("--files-from", metavar="LIST", help="read inputs from LIST, one file, folder or URL per line (- for standard input)")
    p.add_argument("-o", "--output", default="outputs", help="output folder (default: outputs)")
    p.add_argument("--workers", type=int, default=1, help="worker processes that extract (default 1, a child process of its own; output is identical for any N)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="local process pool or a Dask cluster")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")
    p.add_argument("--resume", action="store_true",
                   help="continue the run in the output folder (or the interrupted one beside it): skip documents "
                        "already written, then build whatever tables or report are missing")
    p.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024, help="skip files larger than this (default 50 MB)")
    p.add_argument("--timeout", type=_seconds, default=600.0,
                   help="stop a document that takes longer than this many seconds (more than 0) and record it in errors.jsonl (default 600)")
    p.add_argument("--from-store", nargs="?", const="outputs/crawl.sqlite", default=None, metavar="STORE",
                   help="extract what a crawl stored and has not been extracted yet (STORE default: outputs/crawl.sqlite)")
    p.add_argument("--store", default=None, help="crawl store for --from-store (same as giving STORE to --from-store)")
    p.add_argument("--no-tables", action="store_true", help="only JSONL and CSV: skip tables and report")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_min_confidence(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("extract", help="print one notice's JSON to stdout",
                       description="Read one document (a file, an http(s) URL, or - for standard input; the format is "
                       "recognised by content) and print its notice JSON. Exit status: 0 read, 1 the document could not "
                       "be read (the reason on stderr), 2 no such file or bad arguments.")
    p.add_argument("file", metavar="SOURCE", help="file, http(s) URL, or - for standard input")
    p.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024, help="refuse inputs larger than this (default 50 MB)")
    p.add_argument("--timeout", type=_seconds, default=600.0, help="give up on the document after this many seconds, more than 0 (default 600)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--no-text", action="store_true",
                   help="leave out the cleaned text (check the output with `validate --no-text`)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("clean", help="print a notice's cleaned text (--diff: what each repair changed)")
    p.add_argument("file", metavar="SOURCE", help="file, http(s) URL, or - for standard input")
    p.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024, help="refuse inputs larger than this (default 50 MB)")
    p.add_argument("--diff", action="store_true", help="list repairs and a unified diff of raw vs cleaned lines")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("outline", help="print a notice's outline: headings, lead-ins, items and tables as a tree, "
                       "with the context each passes down (due date, goal, background)")
    p.add_argument("file", metavar="SOURCE", help="file, http(s) URL, or - for standard input")
    p.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024, help="refuse inputs larger than this (default 50 MB)")
    p.add_argument("--json", action="store_true", help="the blocks as a JSON list instead of the tree")
    p.set_defaults(func=cmd_outline)

    p = sub.add_parser("eval", help="score the extractor against gold annotations (docs/annotation.md)")
    p.add_argument("--gold", action="append", metavar="DIR",
                   help="folder of gold *.json files with the raw inputs beside them, or a folder of such folders "
                        "(each scored as its own set); repeatable (default: corpora, every set in it)")
    p.add_argument("--half", choices=("odd", "even"),
                   help="score only the documents whose name ends in an odd (A01, B03 …) or even number")
    p.add_argument("--predictions", help="score this notices.jsonl instead of running the extractor")
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    p.add_argument("--brief", action="store_true", help="numbers only, no list of misses and false positives")
    p.add_argument("--reliability", action="store_true", help="after the report, the confidence reliability table and ECE")
    p.add_argument("--groups", action="append", metavar="FILE",
                   help="an indicator groups file (JSONL: doc_id, index, key; ../shared/eval/indicators/README.md): "
                        "report pair recall, precision and F1 of the indicator grouping and the share of matched targets "
                        "with an indicator; repeatable. A groups.jsonl inside a gold folder is read without this option")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("validate", help="check a notice JSON or JSONL file against the published schema",
                       description="Check every notice of a JSON file, a JSON array or a JSONL file against the schema "
                       "(`notice-extract schema`), with real calendar dates, no unknown fields, offsets inside the text "
                       "and sentences equal to text[start:end]. Exit status: 0 all valid, 1 some invalid or the file "
                       "holds no notice, 2 the file cannot be read.")
    p.add_argument("file", metavar="FILE", help="JSON or JSONL file, or - for standard input")
    p.add_argument("--no-text", action="store_true",
                   help="the no-text profile: notices may lack `text` (as `extract --no-text` writes them); offsets are "
                        "then checked for order only")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a notice (what validate checks against)")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("table", help="build the comparison and long tables (CSV, XLSX, Parquet, SQLite) from runs",
                       description="Write matrix.csv, comparison.csv, long.csv, facts.csv, unknown_region.csv, tables.xlsx, "
                       "long.parquet, notices.sqlite (full-text search) and metadata.json (for Datasette) into the output "
                       "folder (docs/tables.md). Several runs are combined, each notice (doc_id) once, its latest record. "
                       "The slice options keep part of them; --by province writes a folder per province. Each file is "
                       "written on its own; exit 1 when any could not be written or the slice keeps nothing.")
    p.add_argument("inputs", nargs="*", metavar="RUN", help="run output folders or notices.jsonl files (default: outputs, said on stderr)")
    p.add_argument("-o", "--output", default="outputs", help="output folder (default: outputs)")
    add_min_confidence(p)
    add_slice_options(p)
    p.set_defaults(func=cmd_table)

    p = sub.add_parser("progress", help="link targets to the progress later reported on them (docs/progress.md)",
                       description="Link every target of the runs to the facts (and past-dated figures) of the same "
                       "indicator, region and level dated inside its period, with met / on_track / behind / unknown. "
                       "Targets and reports may come from different runs.")
    p.add_argument("inputs", nargs="+", metavar="RUN", help="run output folders or notices.jsonl files")
    p.add_argument("-o", "--output", metavar="DIR", help="also write progress.jsonl and progress.csv into DIR")
    p.add_argument("--gold", metavar="FILE", help="score the links against a gold file of links and decoys "
                   "(JSONL as ../shared/eval/progress/gold.jsonl): links found, with the right status, decoys linked")
    p.set_defaults(func=cmd_progress)

    p = sub.add_parser("report", help="write a self-contained HTML report from runs",
                       description="One HTML file, no network needed. Several runs are combined, each notice (doc_id) once; "
                       "the slice options keep part of them; --by province writes REPORT-<province>.html for each.")
    p.add_argument("inputs", nargs="*", metavar="RUN", help="run output folders or notices.jsonl files (default: outputs, said on stderr)")
    p.add_argument("-o", "--output", default="outputs/report.html", help="HTML file (default: outputs/report.html)")
    add_min_confidence(p)
    add_slice_options(p)
    p.set_defaults(func=cmd_report)

    try:
        from extractor.crawl.cli import register
    except ImportError:
        register = None
    if register is not None:
        register(sub)
    register_train(sub)
    register_review(sub)
    return parser


def _unrecognized(parser: argparse.ArgumentParser, args: argparse.Namespace, unknown: list[str]) -> None:
    """argparse's error for arguments nobody takes, with the closest option of the command for a misspelt one
    (--wrokers: did you mean --workers?)."""
    command = parser
    for action in parser._actions:  # noqa: SLF001 - the subcommand's parser, to suggest its own options
        if isinstance(action, argparse._SubParsersAction) and getattr(args, "command", None) in action.choices:  # noqa: SLF001
            command = action.choices[args.command]
    options = [o for a in command._actions for o in a.option_strings]  # noqa: SLF001
    hints = []
    for arg in unknown:
        close = difflib.get_close_matches(arg.split("=", 1)[0], options, n=1, cutoff=0.6) if arg.startswith("-") else []
        hints.append(f"{arg} (did you mean {close[0]}?)" if close else arg)
    command.error(f"unrecognized arguments: {' '.join(hints)}")


# commands that read notices: the language data is checked before the first document
EXTRACTING = ("cmd_run", "cmd_extract", "cmd_clean", "cmd_eval")
_received: list[int] = []


def _on_signal(signum: int, frame: object) -> None:
    """SIGTERM (kill) stops a command the way Ctrl-C does: finished work kept, one line said, no traceback."""
    _received.append(signum)
    raise KeyboardInterrupt


@contextmanager
def _stoppable() -> Iterator[None]:
    """Route SIGINT and SIGTERM to KeyboardInterrupt while a command runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _received.clear()
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: list[str] | None = None) -> int:
    """Exit status: 0 done, 1 some documents (or a phase) failed, 2 usage error, 130 Ctrl-C, 143 SIGTERM."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        _unrecognized(parser, args, unknown)  # exits 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        if args.func.__name__ == "cmd_run" and args.workers == 1 and args.max_bytes >= 1 and args.engine == "local":
            from extractor.worker import prestart

            # the one worker loads its models while the checks below run (so it need not check the data itself)
            prestart(args.max_bytes, args.timeout, data_checked=True)
        if args.func.__name__ in EXTRACTING:
            from extractor.gazetteers import check_gazetteers, check_gazetteers_apart

            # run extracts in worker processes: checked apart, its own process keeps none of the data
            (check_gazetteers_apart if args.func.__name__ == "cmd_run" else check_gazetteers)()
        with _stoppable():
            return int(args.func(args) or 0)
    except GazetteerError as exc:
        print(f"notice-extract: language data: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        signum = _received[0] if _received else signal.SIGINT
        detail = getattr(exc, "detail", "")  # runner.Interrupted says where a run's finished work is
        print(f"notice-extract: interrupted by {signal.Signals(signum).name}" + (f"; {detail}" if detail else ""),
              file=sys.stderr)
        return 128 + signum
    except ExtractorError as exc:
        print(f"notice-extract: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader (head, less) closed the pipe: stop quietly, as Unix tools do
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())

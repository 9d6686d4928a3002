"""`notice-extract review`: write the review page or sheet for runs, or apply decisions to a gold folder."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def load_runs(names: list[str]) -> list[dict[str, Any]]:
    """Notices of run folders or notices.jsonl files; a doc_id seen again replaces the earlier record."""
    from extractor.outputs import read_jsonl

    out: dict[str, dict[str, Any]] = {}
    for name in names:
        path = Path(name) / "notices.jsonl" if Path(name).is_dir() else Path(name)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file (give a run's output folder or its notices.jsonl)")
        for rec in read_jsonl(path):
            if isinstance(rec, dict) and rec.get("doc_id"):
                out[rec["doc_id"]] = rec
    return list(out.values())


def cmd_review(args: argparse.Namespace) -> int:
    try:
        notices = load_runs(args.inputs)
    except FileNotFoundError as exc:
        print(f"notice-extract: {exc}", file=sys.stderr)
        return 2
    if args.apply:
        return _apply(args, notices)
    if not args.inputs:
        print("notice-extract: review needs a run (RUN ...), or --apply DECISIONS --gold DIR", file=sys.stderr)
        return 2
    from extractor.review.page import write_page
    from extractor.review.sheet import write_sheet

    if args.sheet:
        print(write_sheet(notices, Path(args.sheet)))
    if args.output or not args.sheet:
        print(write_page(notices, Path(args.output or "review.html")))
    return 0


def _apply(args: argparse.Namespace, notices: list[dict[str, Any]]) -> int:
    from extractor.review.decisions import apply_decisions, load_decisions

    if not args.gold:
        print("notice-extract: --apply needs --gold DIR (the gold folder to write or merge into)", file=sys.stderr)
        return 2
    try:
        decisions = load_decisions(Path(args.apply), notices or None)
    except (OSError, ValueError, KeyError) as exc:
        print(f"notice-extract: {args.apply}: {exc}", file=sys.stderr)
        return 2
    report = apply_decisions(decisions, Path(args.gold), force=args.force)
    print(report.render())
    return 1 if report.conflicts else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `review` subcommand to the main parser."""
    p = sub.add_parser("review", help="review a run's targets (HTML page or Excel sheet); --apply turns decisions into gold",
                       description="Write one self-contained review page (-o, default review.html) and/or a review sheet "
                       "(--sheet FILE.xlsx|FILE.csv) for runs: targets least sure first, each to accept, correct or reject, "
                       "and missed targets to add. Then --apply the page's exported JSON or the filled-in sheet to a gold "
                       "folder (docs/annotation.md): new gold files are written, existing ones merged; a decision that "
                       "contradicts an earlier one is reported and left unchanged unless --force (exit status 1).")
    p.add_argument("inputs", nargs="*", metavar="RUN", help="run output folders or notices.jsonl files")
    p.add_argument("-o", "--output", default=None, help="review page to write (default review.html unless --sheet)")
    p.add_argument("--sheet", default=None, metavar="FILE", help="review sheet to write: .xlsx or .csv (UTF-8 with BOM)")
    p.add_argument("--apply", default=None, metavar="DECISIONS",
                   help="decisions to apply: the page's exported JSON or a filled-in sheet (.csv/.xlsx; give its RUN "
                        "for the documents' metadata, else each source is extracted again)")
    p.add_argument("--gold", default=None, metavar="DIR", help="gold folder to write or merge into (with --apply)")
    p.add_argument("--force", action="store_true", help="let the decisions replace conflicting earlier ones")
    p.set_defaults(func=cmd_review)

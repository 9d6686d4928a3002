"""`notice-extract train`: one command to refit the decision model (extractor/decide/) on gold folders."""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any


def _candidates(path: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The rules' candidates of one gold document's raw input, before any decision."""
    from extractor.ingest.sources import read_source
    from extractor.model import ExtractorError
    from extractor.pipeline import candidates_raw

    try:
        notice, evidence = candidates_raw(read_source(path))
    except ExtractorError as exc:
        print(f"notice-extract: {exc} (left out of training)", file=sys.stderr)
        return None
    return notice.to_dict(), evidence


def cmd_train(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("sklearn") is None:
        print("notice-extract train needs scikit-learn: pip install 'notice-extract[train]'", file=sys.stderr)
        return 2
    from extractor.decide.model import model_path
    from extractor.decide.train import GRID, METHODS, Params, render, train

    methods = (args.calibration,) if args.calibration else METHODS
    default = GRID[0]
    changed = args.depth or args.trees or args.min_leaf or args.max_features is not None
    grid = (Params(args.depth or default.depth, args.trees or default.trees, default.learning_rate,
                   args.min_leaf or default.min_leaf,
                   default.max_features if args.max_features is None else (args.max_features or None)),) if changed else GRID
    try:
        result = train([Path(g) for g in args.gold or ["corpora"]], _candidates, methods, grid, with_sets=not args.no_sets)
    except ValueError as exc:
        print(f"notice-extract: {exc}", file=sys.stderr)
        return 2
    text = render(result)
    print(text)
    if args.report:
        Path(args.report).write_text(text + "\n", encoding="utf-8")
    if not args.dry_run:
        out = result.model.save(Path(args.output) if args.output else model_path())
        print(f"\nwritten: {out}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `train` subcommand to the main parser."""
    p = sub.add_parser("train", help="fit the decision model (target or not, and its confidence) on gold folders",
                       description="Run the rules on every gold document, label each candidate (target or background "
                       "fact) by the eval's own matching, cross-validate small gradient-boosted trees grouped by document "
                       "(scikit-learn, extra [train]), calibrate their out-of-fold scores, and write the fitted numbers as "
                       "JSON. Prints the out-of-fold precision, recall and calibration next to the rules alone, and each gold set "
                       "scored by a model fitted on the other sets (leave one set out: the preview of unseen pages). The same "
                       "gold and rules give the same file, byte for byte. Example: notice-extract train --gold corpora/*")
    p.add_argument("--gold", nargs="+", action="extend", metavar="DIR",
                   help="gold folders (or folders of gold sets); repeatable (default: corpora, i.e. every set in it)")
    p.add_argument("-o", "--output", default=None,
                   help="model file (default: $NOTICE_EXTRACT_CONFIDENCE_MODEL, else the shipped extractor/decide/model.json)")
    p.add_argument("--report", default=None, metavar="FILE", help="also write the printed report to FILE")
    p.add_argument("--dry-run", action="store_true", help="report the out-of-fold figures, write no model")
    p.add_argument("--no-sets", action="store_true",
                   help="skip the leave-one-set-out figures (each gold set scored by a model fitted on the other sets)")
    p.add_argument("--calibration", choices=("sigmoid", "isotonic"),
                   help="calibration map (default: whichever gives the lower out-of-fold Brier score)")
    p.add_argument("--depth", type=int, default=None, help="depth of each tree (default: 4)")
    p.add_argument("--trees", type=int, default=None, help="number of boosted trees (default: 100)")
    p.add_argument("--min-leaf", type=int, default=None, help="fewest candidates in a leaf (default: 5)")
    p.add_argument("--max-features", type=float, default=None, metavar="SHARE",
                   help="share of the features each split chooses among, 0 for all (default: all)")
    p.set_defaults(func=cmd_train)

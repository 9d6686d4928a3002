"""`notice-extract train`: one command to refit the confidence model on gold folders."""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path


def cmd_train(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("sklearn") is None:
        print("notice-extract train needs scikit-learn: pip install 'notice-extract[train]'", file=sys.stderr)
        return 2
    from extractor.confidence.model import model_path
    from extractor.confidence.reliability import render
    from extractor.training.train import CS, METHODS, train

    methods = (args.calibration,) if args.calibration else METHODS
    cs = (args.C,) if args.C else CS
    try:
        result = train([Path(g) for g in args.gold], args.holdout, methods, cs)
    except ValueError as exc:
        print(f"notice-extract: {exc}", file=sys.stderr)
        return 2
    out = result.model.save(Path(args.output) if args.output else model_path())
    info = result.model.info
    print(f"trained on {info['documents']} documents: {info['records']['target']} targets "
          f"({info['positives']['target']} right), {info['records']['fact']} facts; chosen {json.dumps(info['chosen'])}")
    print(render(result.in_sample_reliability, "in sample (optimistic)"))
    if result.held_out_reliability is not None:
        print()
        print(render(result.held_out_reliability, f"held-out {args.holdout} half"))
        for name, rel in result.held_out_by_set().items():
            print()
            print(render(rel, f"held-out {args.holdout} half of {name}"))
    print(f"\nwritten: {out}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `train` subcommand to the main parser."""
    p = sub.add_parser("train", help="fit the confidence model on gold folders and write it as JSON",
                       description="Run the extractor on every gold document, label each record by the strict match "
                       "of `eval`, fit a calibrated logistic regression (scikit-learn, extra [train]) and write its "
                       "numbers as JSON. With --holdout, the odd or even half is left out and the calibration on it "
                       "is printed. The same gold and extractor give the same file.")
    p.add_argument("--gold", action="append", required=True, metavar="DIR",
                   help="gold folder (or folder of gold sets, e.g. corpora); repeatable")
    p.add_argument("-o", "--output", default=None,
                   help="model file (default: $NOTICE_EXTRACT_CONFIDENCE_MODEL, else the shipped extractor/confidence/model.json)")
    p.add_argument("--holdout", choices=("odd", "even"), help="leave this half out of training and report on it")
    p.add_argument("--calibration", choices=("sigmoid", "isotonic"),
                   help="calibration map (default: whichever scores best on document folds of the training data)")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation strength (default: chosen on folds)")
    p.set_defaults(func=cmd_train)

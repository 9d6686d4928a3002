"""What a record's confidence is used for on the command line: `--min-confidence` (filter.py) and the
`train` command (extractor/training/cli.py) that refits the decision model of extractor/decide/.

Submodules are imported where needed, so the command line starts without NumPy or spaCy."""

"""Calibrated confidence per obligation: features of the output record (features.py), a small logistic
model shipped as JSON (model.py), trained by `notice-extract train` on gold folders (extractor/training/), checked
by a reliability table (reliability.py) and used by `--min-confidence` (filter.py).

Submodules are imported where needed, so the command line starts without NumPy or spaCy."""

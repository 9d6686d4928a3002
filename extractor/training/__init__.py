"""`notice-extract train`: fitting the confidence model on gold folders (cli.py, train.py).

Training runs the extractor on every gold document (extractor.batch), so it sits above the run layer; the
model it writes is read by extractor/confidence/, which the pipeline uses and which imports nothing above it."""

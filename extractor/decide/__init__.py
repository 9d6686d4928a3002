"""The decision after the rules: each record they propose (a target or a background fact) is scored by a
small trained model from the evidence the rules computed, and kept as a target only when the model is sure
enough. evidence.py (what the rules knew), features.py (classes and numbers, never raw words), model.py
(the JSON model, NumPy only), apply.py (the pipeline's one call), labels.py (gold labels by the eval's own
matching), reliability.py (reliability table and ECE), train.py (`notice-extract train`: grouped
cross-validation, calibration, the model file).

Submodules are imported where needed, so the command line starts without NumPy or spaCy."""

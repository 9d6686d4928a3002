"""The review loop: a page and a sheet to check a run's targets (page.py, sheet.py), and the decisions
turned into gold files that `eval` and `train` read (decisions.py)."""

"""The last step of every build script here: write the generated data file, or (`--check`) say it is stale."""
from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, check: bool, script: str, summary: str) -> int:
    """Exit status: with `check`, 1 when `path` differs from `text` (or is missing), else write it; 0 otherwise."""
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is out of date; rerun {Path(script).name}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({summary})")
    return 0

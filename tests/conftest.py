"""Shared test fixtures: the repository's corpora, the shared fixtures folder (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora" / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpora() -> Path:
    return CORPORA


@pytest.fixture(scope="session")
def seed_notices():
    """The five seeds extracted once per test session: {file name: Notice}."""
    from extractor.pipeline import extract

    return {p.name: extract(p) for p in sorted(CORPORA.glob("*.txt"))}


def seed(name_prefix: str) -> Path:
    return next(CORPORA.glob(f"{name_prefix}_*.txt"))


def startup_hook(tmp_path: Path, code: str) -> str:
    """A PYTHONPATH whose sitecustomize module runs `code` first thing in every Python process started with it
    (a run's table writers, a CLI in a subprocess), so a test can put a fault or a delay where it cannot reach
    by monkeypatching its own process."""
    import os

    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(code, encoding="utf-8")
    return os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))

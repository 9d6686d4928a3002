"""Shared test fixtures: the repository's corpora, the shared fixtures folder (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora" / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def rules_kinds(monkeypatch):
    """The rules' kinds, without the decision model: tests of what the rules propose and why use it
    (`pytestmark = pytest.mark.usefixtures("rules_kinds")`); which candidates the model keeps is tested in
    test_decide.py and measured out of fold (docs/model.md)."""
    monkeypatch.setenv("NOTICE_EXTRACT_CONFIDENCE_MODEL", "")


@pytest.fixture(scope="session")
def corpora() -> Path:
    return CORPORA


@pytest.fixture(scope="session")
def seed_notices():
    """The five seeds extracted once per test session: {file name: Notice}."""
    from extractor.pipeline import extract

    return {p.name: extract(p) for p in sorted(CORPORA.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory) -> Path:
    """Every notice bundled in corpora/ (seeds, web, long) extracted once per session into a run folder
    (notices.jsonl, obligations.csv, errors.jsonl); tests build what they need beside them."""
    from extractor.batch import outcomes, run_batch
    from extractor.ingest.sources import iter_inputs

    out = tmp_path_factory.mktemp("corpus-run")
    summary = run_batch(outcomes([str(p) for p in iter_inputs([ROOT / "corpora"])]), out)
    assert summary.documents > 30 and not summary.errors, summary.errors
    return out


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


def assert_valid_extraction(raw) -> dict:
    """What every fuzz test asks of a document a reader accepted: extraction raises nothing but ExtractorError,
    and its notice passes the published schema's validator with every offset inside the text (raw offsets
    inside the reader's text). Returns the notice ({} when extraction refused the document with a reason)."""
    from extractor.model import ExtractorError
    from extractor.pipeline import extract_raw
    from extractor.schema import validation_errors

    try:
        notice = extract_raw(raw).to_dict()
    except ExtractorError as exc:
        assert exc.reason
        return {}
    errors = validation_errors(notice)
    assert not errors, errors[:5]
    for o in notice["obligations"]:
        assert 0 <= o["raw_start"] <= o["raw_end"] <= len(raw.text), (o["raw_start"], o["raw_end"], len(raw.text))
        assert o["value"] is None or o["value"] == o["value"]  # never NaN
    return notice

"""Quality floors: every gold set in corpora/ is extracted in this process and scored as `notice-extract eval`
scores it; F1 or strict F1 under the floor in tests/quality_floors.toml fails, so a change that lowers the web
or long-plan scores cannot pass CI. Sets are discovered (corpora/<name>/ with .txt and .json), not listed."""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from extractor.batch import process_path
from extractor.evaluate import gold_sets, load_gold, score

FLOORS_FILE = Path(__file__).with_name("quality_floors.toml")
SETS = gold_sets(ROOT / "corpora")


def floors() -> dict[str, dict[str, float]]:
    return tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))


def numbers(folder: Path) -> dict[str, Any]:
    """The set's eval figures, from the notices extracted here (the same per-document call `eval` makes)."""
    gold = load_gold(folder)
    predicted = {}
    for g in gold:
        res = process_path(str(Path(g["_path"]).parent / g["raw"]))
        assert res.notice is not None, res.error
        predicted[g["raw"]] = res.notice
    return score(gold, predicted).numbers()


def test_the_bundled_sets_are_found() -> None:
    assert {"seeds", "web", "long"} <= {name for name, _ in SETS}


def test_every_set_has_floors_and_every_floor_a_set() -> None:
    names = {name for name, _ in SETS}
    missing = sorted(names - set(floors()))
    assert not missing, f"gold sets without floors in {FLOORS_FILE.name}: {missing} (add f1 and strict_f1, ~0.02 under today's)"
    assert not set(floors()) - names, f"floors for sets that are not in corpora/: {sorted(set(floors()) - names)}"
    assert all(set(f) == {"f1", "strict_f1"} and all(0 < v <= 1 for v in f.values()) for f in floors().values())


@pytest.mark.parametrize("name, folder", SETS, ids=[name for name, _ in SETS])
def test_set_scores_at_least_its_floor(name: str, folder: Path) -> None:
    floor = floors().get(name)
    if floor is None:
        pytest.fail(f"{name}: no floors in {FLOORS_FILE.name}")
    n = numbers(folder)
    got = {"f1": n["obligations"]["f1"], "strict_f1": n["strict"]["f1"]}
    low = {k: (got[k], v) for k, v in floor.items() if got[k] < v}
    assert not low, f"{name}: below the floor (figure, floor): {low}"

"""The output contract: versioned schema, backward compatibility, readable validation errors."""
import json
from pathlib import Path

from extractor.model import SCHEMA_VERSION
from extractor.schema import notice_schema, validation_errors

FIXTURE = Path(__file__).parent / "fixtures" / "notices-1.0.jsonl"


def test_schema_version_is_semver_and_matches_the_package():
    major, minor, patch = (int(x) for x in SCHEMA_VERSION.split("."))
    assert major == 1 and minor >= 1
    assert notice_schema()["properties"]["schema_version"]["pattern"].startswith("^1")


def test_previous_minor_version_output_still_validates():
    lines = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines and all(d["schema_version"].startswith("1.0.") for d in lines)
    for d in lines:
        assert validation_errors(d) == [], d["source"]


def test_errors_name_the_field_and_the_problem():
    d = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    d["obligations"][0]["deadline"] = "end of 2025"
    d["issue_date"] = 20210226
    problems = validation_errors(d)
    assert any(p.startswith("issue_date:") for p in problems)
    assert any("obligations/0/deadline" in p for p in problems)


def test_offsets_must_match_the_text():
    d = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    assert d["obligations"]
    d["obligations"][0]["start"] += 1
    assert any("does not match" in p for p in validation_errors(d))

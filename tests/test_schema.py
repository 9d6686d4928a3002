"""The output contract: versioned schema, backward compatibility, readable validation errors, and the
`validate` / `schema` commands run as installed."""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from extractor.cli import main
from extractor.model import SCHEMA_VERSION
from extractor.schema import markdown, notice_schema, validation_errors

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


ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, timeout=60, cwd=ROOT)


@pytest.fixture(scope="module")
def seeds_jsonl(tmp_path_factory, seed_notices):
    path = tmp_path_factory.mktemp("validate") / "notices.jsonl"
    path.write_text("".join(json.dumps(n.to_dict(), ensure_ascii=False) + "\n" for n in seed_notices.values()), encoding="utf-8")
    return path


def broken(seeds_jsonl: Path, tmp_path: Path, change) -> Path:  # noqa: ANN001 - change(first notice dict)
    records = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines()]
    change(records[2])
    out = tmp_path / "broken.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return out


def test_real_output_is_valid(seeds_jsonl):
    done = cli("validate", str(seeds_jsonl))
    assert done.returncode == 0, done.stderr
    assert "5 documents valid" in done.stdout


def _set(path: str, value):  # noqa: ANN001, ANN202 - a change for broken()
    def change(d: dict) -> None:
        target, *keys = path.split("/")
        obj = d if target == "." else d["obligations"][int(target)]
        for k in keys[:-1]:
            obj = obj[int(k)] if isinstance(obj, list) else obj[k]
        obj[keys[-1]] = value
    return change


@pytest.mark.parametrize("path,value,message", [
    ("./issue_date", "2025-13-45", "3: issue_date: '2025-13-45' is not a 'date'"),
    ("0/deadline", "2025-02-30", "3: obligations/0/deadline: '2025-02-30' is not a 'date'"),
    ("./publisher", "someone", "3: (document): Additional properties are not allowed ('publisher' was unexpected)"),
    ("0/note", "x", "3: obligations/0: Additional properties are not allowed ('note' was unexpected)"),
    ("0/evidence/0/page", 1, "3: obligations/0/evidence/0: Additional properties are not allowed ('page' was unexpected)"),
    ("0/end", 10**7, "3: obligations/0: offsets"),
    ("0/evidence/0/end", 10**7, "3: obligations/0/evidence/0: offsets"),
    ("0/raw_start", 10**7, "3: obligations/0: raw_start"),
    ("0/id", "someone-else-001", "3: obligations/0/id: 'someone-else-001' does not start with the doc_id"),
])
def test_invalid_notices_exit_1_and_name_the_field(seeds_jsonl, tmp_path, capsys, path, value, message):
    """In process for speed; the commands themselves run as installed in the other tests."""
    code = main(["validate", str(broken(seeds_jsonl, tmp_path, _set(path, value)))])
    err = capsys.readouterr().err
    assert code == 1 and message in err, err
    assert "1 of 5 documents invalid" in err


def test_empty_and_unparseable_files_are_invalid(tmp_path, seeds_jsonl):
    (tmp_path / "empty.jsonl").write_text("\n  \n", encoding="utf-8")
    done = cli("validate", str(tmp_path / "empty.jsonl"))
    assert done.returncode == 1 and "empty file: no notice in it" in done.stderr
    lines = seeds_jsonl.read_text(encoding="utf-8").splitlines()
    (tmp_path / "torn.jsonl").write_text("\n".join(lines + [lines[0][:200], lines[0]]) + "\n", encoding="utf-8")
    done = cli("validate", str(tmp_path / "torn.jsonl"))
    assert done.returncode == 1
    assert ":6: not JSON" in done.stderr and ":7: doc_id:" in done.stderr and "also at 1" in done.stderr


def test_unreadable_files_exit_2(tmp_path):
    (tmp_path / "gbk.jsonl").write_bytes("{\"title\": \"湖北省民政厅通知\"}".encode("gbk") + b"\xff")
    for target in (tmp_path / "missing.jsonl", tmp_path, tmp_path / "gbk.jsonl"):
        done = cli("validate", str(target))
        assert done.returncode == 2 and "cannot read" in done.stderr, target


def test_schema_command_prints_the_schema():
    done = cli("schema")
    assert done.returncode == 0 and json.loads(done.stdout) == notice_schema()


def test_schema_objects_are_closed_and_every_field_has_an_example():
    schema = notice_schema()
    ob = schema["properties"]["obligations"]["items"]
    objects = [schema, ob, ob["properties"]["evidence"]["items"]]
    assert all(o["additionalProperties"] is False for o in objects)
    for o in objects:
        for name, spec in o["properties"].items():
            assert spec.get("description") and spec.get("examples"), name
            assert not validation_errors_of(spec, spec["examples"][0]), name


def validation_errors_of(spec: dict, value) -> list:  # noqa: ANN001
    v = jsonschema.Draft202012Validator(spec, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return list(v.iter_errors(value))


def test_docs_schema_page_matches_the_schema():
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    block = doc.split("<!-- fields:start -->\n", 1)[1].split("<!-- fields:end -->", 1)[0]
    assert block == markdown(), "docs/schema.md is stale: paste extractor.schema.markdown() between the markers"
    schema = notice_schema()
    ob = schema["properties"]["obligations"]["items"]["properties"]
    for name in [*schema["properties"], *ob, *ob["evidence"]["items"]["properties"]]:
        assert f"{name}`" in doc, name

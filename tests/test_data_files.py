"""Every data file of gazetteers/ is checked at start-up by one mechanism (extractor/lexicon_schema.py): a corrupted
copy of any of them (a bad regular expression, an unknown key, a bad header, an entry without its id …) makes
`notice-extract extract` exit 2 naming FILE:LINE, before any document is read.

The files are discovered, not listed: a data file added to gazetteers/ is corrupted and checked here too.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from extractor import gazetteers
from extractor.cli import main
from extractor.lexicon_schema import KEYWORD_FILES, NOT_DATA, OWN_CHECK_FILES, OWN_CHECK_FOLDERS, SITE, TABLE_FILES

# the kinds of keys the files with a loader of their own hold, for the corruptions below
OWN_SCHEMAS = {"indicators.toml": {"patterns": "patterns", "scopes": "patterns"}, "progress.toml": {"as_of": "patterns"}}

DATA = ROOT / "gazetteers"
NOTICE = "关于做好养老服务工作的通知\n各市民政局:\n到2025年建成10个站。\n"

# a corruption: (copy of the file's text) -> (new text, line the error must name)
Corrupt = Callable[[str], tuple[str, int]]


def data_files() -> list[str]:
    return sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*")
                  if p.is_file() and p.relative_to(DATA).parts[0] not in NOT_DATA and not p.name.startswith("."))


def schema_of(rel: str) -> dict:
    if rel.startswith("keywords/"):
        return KEYWORD_FILES[Path(rel).stem]
    if rel.startswith("sites/"):
        return SITE
    if rel in OWN_CHECK_FILES:
        return OWN_SCHEMAS[rel]
    if rel.split("/")[0] in OWN_CHECK_FOLDERS:
        return OWN_SCHEMAS["indicators.toml"]
    return TABLE_FILES[rel]


def kinds(schema: dict, out: dict[str, str] | None = None) -> dict[str, str]:
    """Every leaf key of a schema (nested tables and arrays of tables too) -> its kind."""
    out = {} if out is None else out
    for key, spec in schema.items():
        if isinstance(spec, dict):
            kinds(spec, out)
        elif isinstance(spec, list):
            kinds(spec[0], out)
        else:
            out.setdefault(key.rstrip("?"), spec)
    return out


def first_data_line(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))


def insert_before_data(text: str, new: str) -> tuple[str, int]:
    lines = text.splitlines()
    at = first_data_line(lines)
    return "\n".join(lines[:at] + [new] + lines[at:]) + "\n", at + 1


def into_list(key_kinds: set[str], value: str) -> Callable[[str, dict], tuple[str, int] | None]:
    """Put `value` first in the first list of one of these kinds (`key = [` or `key = "…"`)."""

    def corrupt(text: str, schema: dict) -> tuple[str, int] | None:
        names = [k for k, kind in kinds(schema).items() if kind in key_kinds]
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = re.match(r"(\s*(%s)\s*=\s*)([\[\"'])" % "|".join(map(re.escape, names)), line) if names else None
            if m:
                opener = m.group(3)
                lines[i] = line[: m.end()] + (f"{value}, " if opener == "[" else value.strip('"') + " ") + line[m.end():] \
                    if opener == "[" else line[: m.end() - 1] + value
                return "\n".join(lines) + "\n", i + 1
        return None

    return corrupt


def toml_cases(rel: str) -> dict[str, Callable[[str], tuple[str, int] | None]]:
    schema = schema_of(rel)
    cases: dict[str, Callable[[str], tuple[str, int] | None]] = {
        "unknown key": lambda t: insert_before_data(t, "no_such_key = 1"),
        "not TOML": lambda t: (t + "this is = = not toml\n", t.count("\n") + 1),
        "bad regex": lambda t: into_list({"patterns", "pattern"}, '"(unclosed"')(t, schema),
        "bad CSS selector": lambda t: into_list({"selectors", "selector"}, '"div[["')(t, schema),
    }
    if rel == "indicators.toml":
        def without_id(t: str) -> tuple[str, int]:
            lines = t.splitlines()
            heads = [i for i, line in enumerate(lines) if line.strip() == "[[indicator]]"]
            id_line = next(i for i in range(heads[1], len(lines)) if lines[i].startswith("id ="))
            return "\n".join(lines[:id_line] + lines[id_line + 1:]) + "\n", heads[1] + 1

        def duplicate_id(t: str) -> tuple[str, int]:
            first = re.search(r'^id = "([^"]+)"', t, re.M).group(1)
            lines = t.splitlines()
            second = [i for i, line in enumerate(lines) if line.startswith("id =")][1]
            lines[second] = f'id = "{first}"'
            return "\n".join(lines) + "\n", second + 1

        cases["entry without id"] = without_id
        cases["id used twice"] = duplicate_id
    return cases


def csv_cases(rel: str) -> dict[str, Callable[[str], tuple[str, int] | None]]:
    def header(change: Callable[[list[str]], list[str]]) -> Callable[[str], tuple[str, int]]:
        def corrupt(t: str) -> tuple[str, int]:
            lines = t.splitlines()
            at = first_data_line(lines)
            lines[at] = ",".join(change(lines[at].split(",")))
            return "\n".join(lines) + "\n", at + 1
        return corrupt

    return {
        "bad header": header(lambda cols: [cols[0] + "x", *cols[1:]]),
        "missing column": header(lambda cols: cols[:-1]),
        "short row": lambda t: (t + "only-one-field\n", t.count("\n") + 1),
    }


def line_cases(rel: str) -> dict[str, Callable[[str], tuple[str, int] | None]]:
    if rel.endswith(".tsv"):
        return {"bad row": lambda t: (t + "ab\t12\n", t.count("\n") + 1)}
    return {
        "word with a space": lambda t: (t + "two words\n", t.count("\n") + 1),
        "bad count": lambda t: (t + "词语\tmany\n", t.count("\n") + 1),
        "no entries": lambda t: ("\n".join(x for x in t.splitlines() if x.startswith("#")) + "\n", 1),
    }


def cases() -> list[tuple[str, str]]:
    out = []
    for rel in data_files():
        table = toml_cases if rel.endswith(".toml") else csv_cases if rel.endswith(".csv") else line_cases
        for name, corrupt in table(rel).items():
            if corrupt((DATA / rel).read_text(encoding="utf-8")) is not None:  # e.g. no regex in this file
                out.append((rel, name))
    return out


def corrupted_copy(tmp_path: Path, rel: str, case: str) -> tuple[Path, int]:
    copy = tmp_path / "gazetteers"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("build"))
    table = toml_cases if rel.endswith(".toml") else csv_cases if rel.endswith(".csv") else line_cases
    text, line = table(rel)[case]((copy / rel).read_text(encoding="utf-8"))
    (copy / rel).write_text(text, encoding="utf-8")
    return copy, line


@pytest.fixture
def fresh_data(monkeypatch: pytest.MonkeyPatch):
    """Point NOTICE_EXTRACT_GAZETTEERS somewhere for one test, reading the files again before and after."""

    def use(folder: Path) -> None:
        monkeypatch.setenv("NOTICE_EXTRACT_GAZETTEERS", str(folder))
        gazetteers.clear_caches()

    yield use
    monkeypatch.delenv("NOTICE_EXTRACT_GAZETTEERS", raising=False)
    gazetteers.clear_caches()


def test_every_kind_of_data_file_has_corruptions() -> None:
    """Each data file is covered by at least two corruptions (so a new file type cannot slip through unchecked)."""
    by_file: dict[str, list[str]] = {}
    for rel, case in cases():
        by_file.setdefault(rel, []).append(case)
    assert set(by_file) == set(data_files())
    assert all(len(v) >= (1 if k.endswith(".tsv") else 2) for k, v in by_file.items()), by_file
    for rel in ("indicators.toml", "html_profiles.toml", "keywords/boilerplate.toml"):
        assert "bad regex" in by_file[rel], rel
    assert "bad CSS selector" in by_file["html_profiles.toml"]
    assert [c for r, c in cases() if r.startswith("sites/") and c == "bad CSS selector"]


@pytest.mark.parametrize("rel, case", cases())
def test_a_corrupted_data_file_stops_extract_with_exit_2_naming_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_data, rel: str, case: str) -> None:
    copy, line = corrupted_copy(tmp_path, rel, case)
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    fresh_data(copy)
    code = main(["extract", str(notice)])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert f"{copy / rel}:{line}:" in err, err
    assert out == ""  # nothing extracted: the check runs before any document is read


@pytest.mark.parametrize("rel, case", [("keywords/structure.toml", "bad regex"), ("agencies.csv", "bad header"),
                                       ("html_profiles.toml", "unknown key"), ("sites/example-city-gfxwj.toml", "bad CSS selector")])
def test_the_installed_command_exits_2_too(tmp_path: Path, rel: str, case: str) -> None:
    """The same through the command a user runs, in its own process with only the environment variable set."""
    copy, line = corrupted_copy(tmp_path, rel, case)
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(copy), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(notice)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert f"{copy / rel}:{line}:" in proc.stderr and "Traceback" not in proc.stderr


def test_a_file_nobody_declared_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_data) -> None:
    """A data file that no schema declares would never be checked, so it stops the run too."""
    copy = tmp_path / "gazetteers"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("build"))
    (copy / "keywords" / "extra.toml").write_text('words = ["x"]\n', encoding="utf-8")
    fresh_data(copy)
    assert main(["extract", str(copy / "README.md")]) == 2
    assert f"{copy / 'keywords' / 'extra.toml'}:1: not a data file declared" in capsys.readouterr().err


def test_the_shipped_site_definitions_load_through_the_same_check() -> None:
    from extractor.crawl.sites import load_sites

    assert len(load_sites(DATA / "sites")) == len(list((DATA / "sites").glob("*.toml")))

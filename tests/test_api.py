"""The Python API: text, files and bytes each have their own function; nothing guesses a path from a str."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import extractor
from conftest import ROOT, seed

TEXT = "关于做好托育工作的通知\n各市卫生健康委:\n到2025年,每千人口拥有托位数达到4.5个。"


def test_extract_takes_text() -> None:
    notice = extractor.extract(TEXT)
    assert notice.source == "<text>" and notice.obligations[0].value == 4.5


def test_a_str_is_always_text_even_when_it_names_a_file() -> None:
    name = str(seed("001"))
    notice = extractor.extract(name)
    assert notice.source == "<text>" and notice.text == name and notice.obligations == []


def test_extract_file_and_a_path_read_the_file() -> None:
    path = seed("001")
    by_str = extractor.extract_file(str(path)).to_dict()
    assert by_str["source"] == str(path) and by_str["obligations"]
    assert extractor.extract_file(path).to_dict() == by_str
    assert extractor.extract(path).to_dict() == by_str


def test_extract_bytes_reads_any_format_and_names_the_source() -> None:
    path = seed("001")
    notice = extractor.extract_bytes(path.read_bytes(), source="upload-7")
    assert notice.source == "upload-7"
    assert notice.to_dict()["obligations"] == extractor.extract_file(path).to_dict()["obligations"]


@pytest.mark.parametrize("call", [extractor.extract_file, lambda p: extractor.extract(Path(p))])
def test_a_missing_file_is_an_error_naming_it(call, tmp_path: Path) -> None:
    missing = tmp_path / "typo.txt"
    with pytest.raises(extractor.ExtractorError) as exc:
        call(str(missing))
    assert exc.value.source == str(missing) and exc.value.reason == "file not found"
    assert str(missing) in str(exc.value)


def test_bytes_given_to_extract_are_refused_with_the_right_function_named() -> None:
    with pytest.raises(TypeError, match="extract_bytes"):
        extractor.extract(TEXT.encode())  # type: ignore[arg-type]


def test_version_from_package_metadata_and_on_the_command_line() -> None:
    assert extractor.__version__ == version("notice-extract")
    done = subprocess.run([sys.executable, "-m", "extractor", "--version"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.strip() == f"notice-extract {extractor.__version__} (schema {extractor.SCHEMA_VERSION})"


def test_frames_gives_a_runs_tables_typed(tmp_path: Path) -> None:
    """`extractor.frames` returns the sheets of tables.xlsx as DataFrames with the dictionary's types, rows as in
    the CSV files."""
    import csv

    from extractor.cli import main

    assert main(["run", str(seed("002")), str(seed("003")), "-o", str(tmp_path / "run"), "-q"]) == 0
    tables = extractor.frames(tmp_path / "run")
    assert set(tables) == {"matrix", "by_indicator", "comparison", "long", "facts", "unknown_region", "dictionary"}
    long = tables["long"]
    with (tmp_path / "run" / "long.csv").open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        from extractor.tables.columns import column_ids

        header = column_ids(next(reader))
        rows = [dict(zip(header, row)) for row in reader]
    assert list(long.columns) == header and len(long) == len(rows) > 0
    assert str(long["value"].dtype) == "Float64" and str(long["deadline"].dtype).startswith("datetime64")
    assert str(long["province"].dtype) == "string"
    first = rows[0]
    assert long["value"].iloc[0] == float(first["value"]) and long["deadline"].iloc[0].strftime("%Y-%m-%d") == first["deadline"]
    with pytest.raises(FileNotFoundError, match="no such file"):
        extractor.frames(tmp_path / "nowhere")
    with pytest.raises(KeyError, match="no table wide"):
        extractor.frames(tmp_path / "run", ["wide"])

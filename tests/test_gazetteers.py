"""Language data: checked at start-up with the file and line named, and extended by editing one data file."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from extractor import gazetteers

DATA = ROOT / "gazetteers"


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteers"
    shutil.copytree(DATA, target)
    return target


def run_python(code: str, data: Path) -> subprocess.CompletedProcess:
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(data), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


CHECK = "from extractor.gazetteers import check_gazetteers; check_gazetteers(); print('ok')"


def test_shipped_data_passes_every_check():
    assert gazetteers.check_gazetteers() == DATA
    proc = subprocess.run([sys.executable, str(DATA / "build" / "check_gazetteers.py")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_missing_file_is_named(tmp_path):
    data = copy_data(tmp_path)
    (data / "keywords" / "times.toml").unlink()
    proc = run_python(CHECK, data)
    assert proc.returncode != 0 and "times.toml" in proc.stderr and "missing" in proc.stderr


def test_unknown_key_and_bad_regex_name_file_and_line(tmp_path):
    data = copy_data(tmp_path)
    path = data / "keywords" / "strength.toml"
    path.write_text(path.read_text(encoding="utf-8") + 'bindng = ["须"]\n', encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    proc = run_python(CHECK, data)
    assert proc.returncode != 0 and f"strength.toml:{line}" in proc.stderr and "unknown key `bindng`" in proc.stderr
    data2 = copy_data(tmp_path / "two")
    path = data2 / "keywords" / "background.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"[一二三]次产业",', '"[一二三次产业",'), encoding="utf-8")
    proc = run_python(CHECK, data2)
    assert proc.returncode != 0 and "background.toml:" in proc.stderr and "bad regular expression" in proc.stderr


def test_bad_css_selector_is_named(tmp_path):
    data = copy_data(tmp_path)
    path = data / "html_profiles.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"div.TRS_Editor",', '"div.TRS_Editor[",', 1), encoding="utf-8")
    proc = run_python(CHECK, data)
    assert proc.returncode != 0 and "html_profiles.toml:" in proc.stderr and "bad CSS selector" in proc.stderr


def test_empty_data_directory_stops_the_run_with_a_clear_error(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    notice = tmp_path / "n.txt"
    notice.write_text("关于做好养老服务工作的通知\n各市民政局:\n到2025年建成10个站。\n", encoding="utf-8")
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(empty), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(notice)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert str(empty) in proc.stderr and "missing" in proc.stderr


EXTEND = """
import json
from extractor.pipeline import extract
n = extract("关于做好养老服务工作的通知\\n各市民政局:\\n来年底前,每个社区起码配备2名社工,新建200标准间。\\n某某省民政厅\\n2022年3月1日")
print(json.dumps([(o.value, o.unit, o.comparator, o.deadline) for o in n.obligations if o.kind == "target"], ensure_ascii=False))
"""


@pytest.mark.parametrize("extended", [False, True])
def test_adding_a_deadline_phrase_a_comparator_and_a_unit_is_a_data_change(tmp_path, extended):
    data = copy_data(tmp_path)
    if extended:
        def add(name: str, old: str, new: str) -> None:
            path = data / "keywords" / name
            text = path.read_text(encoding="utf-8")
            assert old in text
            path.write_text(text.replace(old, new, 1), encoding="utf-8")

        add("times.toml", "relative_years = { ", "relative_years = { \"来年\" = 1, ")
        add("comparators.toml", "ge_before = [", "ge_before = [\"起码\", ")
        add("quantities.toml", "counts = [", "counts = [\"标准间\", ")
    proc = run_python(EXTEND, data)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    if extended:
        assert [2, "人", ">=", "2023-12-31"] in found and [200, "标准间", "=", "2023-12-31"] in found
    else:
        assert not any(v[1] == "标准间" for v in found) and not any(v[0] == 2 and v[2] == ">=" for v in found)


def test_broken_character_table_is_named_and_a_run_stops_before_extracting(tmp_path):
    """`run` checks the data in a forked child (its own process keeps none of it); the error is the same."""
    data = copy_data(tmp_path)
    path = data / "char_frequency.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "的的\tmany\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    notice = tmp_path / "n.txt"
    notice.write_text("关于做好养老服务工作的通知\n到2025年建成10个站。\n", encoding="utf-8")
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(data), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(notice), "-o", str(tmp_path / "out"), "-q"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"char_frequency.tsv:{line}" in proc.stderr and "one character" in proc.stderr
    assert not (tmp_path / "out" / "notices.jsonl").exists()


def test_check_apart_raises_in_the_caller_and_keeps_nothing_loaded(tmp_path):
    code = ("import sys\nfrom extractor import gazetteers as g\n"
            "try:\n    g.check_gazetteers_apart()\nexcept g.GazetteerError as exc:\n    print('error:', exc)\n"
            "print('loaded here:', g.admin.cache_info().currsize, g.char_frequency.cache_info().currsize)")
    data = copy_data(tmp_path)
    assert run_python(code, data).stdout.splitlines() == ["loaded here: 0 0"]
    (data / "agencies.csv").write_text("", encoding="utf-8")
    out = run_python(code, data).stdout
    assert "error:" in out and "agencies.csv" in out and "loaded here: 0 0" in out


def test_character_table_is_built_from_jiebas_dictionary():
    """The shipped table is what the build script makes of the installed jieba dictionary (not hand-edited)."""
    pytest.importorskip("jieba")
    proc = subprocess.run([sys.executable, str(DATA / "build" / "build_char_frequency.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    table = gazetteers.char_frequency()
    assert table.counts["的"] > table.counts["鍏"] > 0 and table.total > 60_000_000


def test_every_data_file_ships_with_a_wheel():
    """Each language data file matches a pattern of pyproject's data-files, so a wheel install has it too."""
    import tomllib

    spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    shipped = {p.resolve() for patterns in spec.values() for pattern in patterns for p in ROOT.glob(pattern)}
    data = [p.resolve() for p in DATA.rglob("*") if p.is_file() and "build" not in p.relative_to(DATA).parts
            and p.name != "README.md" and "__pycache__" not in p.parts]
    assert data and [p for p in data if p not in shipped] == []

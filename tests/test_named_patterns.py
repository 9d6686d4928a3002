"""Named patterns: every cue and pattern is data in gazetteers/, compiled once, used by name; code keeps structure."""
import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from extractor import gazetteers, patterns
from extractor.extractors.glued_tables import glued_rows
from extractor.pipeline import extract
from test_gazetteers import copy_data

EXTRACTORS = ROOT / "extractor" / "extractors"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_CJK = 300  # a few structural characters (numerals, 的, 年) may stay in code; vocabulary may not


def _literal_cjk(path: Path) -> int:
    """CJK characters in the string literals of one module, docstrings not counted."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstrings.add(id(first.value))
    return sum(len(CJK.findall(n.value)) for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings)


def test_extractor_code_holds_at_most_300_cjk_characters_in_literals():
    counts = {p.name: _literal_cjk(p) for p in sorted(EXTRACTORS.glob("*.py"))}
    assert sum(counts.values()) <= MAX_CJK, sorted(counts.items(), key=lambda kv: -kv[1])


def test_the_counter_sees_literals_but_not_docstrings(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""关于通知"""\nX = "关于"\ndef f():\n    """印发"""\n    return f"{X}通知"\n', encoding="utf-8")
    assert _literal_cjk(module) == 4


# spellings of the shared patterns that must not come back into code (each has one owner in patterns.toml)
SHARED_SPELLINGS = {
    "the year": r"(?:19|20)\d{2}",
    "a Chinese numeral": "[一二三四五六七八九十]",
    "a clause end": "[，,；;。：:！!？?\\n]",
    "a comma-level clause break": "[，,；;：:]",
    "a list marker": "[（(][一二三四五六七八九十",
}
# indicators.py is being rewritten on its own; clean/repair.py normalises document-number brackets before
# any language data is read
NOT_YET = {"indicators.py", "repair.py"}


@pytest.mark.parametrize("what", sorted(SHARED_SPELLINGS))
def test_shared_patterns_are_spelled_only_in_the_data_file(what):
    spelling = SHARED_SPELLINGS[what]
    found = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "extractor").rglob("*.py"))
             if p.name not in NOT_YET and spelling in p.read_text(encoding="utf-8")]
    assert found == [], f"{what} spelled again in {found}; use extractor.patterns"


def test_every_named_pattern_compiles_and_no_two_are_the_same():
    table = gazetteers.keywords("patterns")
    seen: dict[str, str] = {}
    for name in table:
        fields = {f: "x" for f in gazetteers.PATTERN_NAME.findall(table[name]) if f not in table}
        source = patterns.fill(name, **fields)
        re.compile(source)
        assert source not in seen, f"`{name}` repeats `{seen.get(source)}`"
        seen[source] = name


def test_schema_declares_exactly_the_patterns_of_the_file():
    data = tomllib.loads((ROOT / "gazetteers" / "keywords" / "patterns.toml").read_text(encoding="utf-8"))
    from extractor.lexicon_schema import KEYWORD_FILES
    assert list(KEYWORD_FILES["patterns"]) == list(data)
    for name, kind in KEYWORD_FILES["patterns"].items():
        has_fields = any(f not in data for f in gazetteers.PATTERN_NAME.findall(data[name]))
        assert (kind == "template") == has_fields, name


@pytest.mark.parametrize("text, expected", [
    ("到2025年", ["2025"]), ("二〇二五年", ["二〇二五"]), ("1998年", ["1998"]), ("1850年", []), ("20250", ["2025"]),
])
def test_year(text, expected):
    assert patterns.YEAR.findall(text) == expected


@pytest.mark.parametrize("line, marker", [
    ("一、总体要求", "一、"), ("（三）加强保障", "（三）"), ("(12)其他", "(12)"), ("3、任务", "3、"), ("十二.目标", "十二."),
    ("2025年目标", None), ("各地要", None),
])
def test_list_marker(line, marker):
    m = patterns.LIST_MARKER.match(line)
    assert (m.group(0) if m else None) == marker


@pytest.mark.parametrize("text, pieces", [
    ("建成10个站，新增20张床位；完善制度。", ["建成10个站", "新增20张床位", "完善制度", ""]),
    ("目标:到2025年", ["目标", "到2025年"]),
])
def test_clause_end(text, pieces):
    assert patterns.CLAUSE_END.split(text) == pieces


def test_patterns_are_compiled_once():
    assert patterns.YEAR is patterns.YEAR is patterns.compiled("year")
    assert patterns.fill("title_prefix", ends="通知") is patterns.fill("title_prefix", ends="通知")


def _extract_with(data: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    notice = tmp_path / "n.txt"
    notice.write_text("关于做好养老服务工作的通知\n各市民政局:\n到2025年建成10个站。\n", encoding="utf-8")
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(data), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "extractor", "extract", str(notice)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("old, new, message", [
    ("year = '{year_digits}|", "year = '{year_digitz}|", "names no pattern `{year_digitz}`"),
    ("year_digits = '(?:19|20)\\d{2}'", "year_digits = '{year}'", "refers to itself"),
    ("cn_numeral = '[一二三四五六七八九十]'", "cn_numeral = '[一二三四五六七八九十'", "bad regular expression"),
    ("clause_break = ", "clause_breaks = ", "unknown key `clause_breaks`"),
])
def test_a_broken_pattern_stops_the_run_naming_the_file_and_line(tmp_path, old, new, message):
    data = copy_data(tmp_path)
    path = data / "keywords" / "patterns.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = _extract_with(data, tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert re.search(r"patterns\.toml:\d+: ", proc.stderr) and message in proc.stderr, proc.stderr


def test_a_changed_pattern_reaches_the_rules(tmp_path):
    """The year is defined once: without its Chinese-numeral form in the data file, 二〇二五年底前 is no deadline."""
    code = ("import json; from extractor.pipeline import extract; "
            "n = extract('关于做好养老服务工作的通知\\n各市民政局:\\n二〇二五年底前建成10个站。\\n'); "
            "print(json.dumps([o.deadline for o in n.obligations]))")
    data = copy_data(tmp_path)
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(data), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}

    def deadlines() -> str:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip()

    assert deadlines() == '["2025-12-31"]'
    path = data / "keywords" / "patterns.toml"
    text = path.read_text(encoding="utf-8")
    old = "year = '{year_digits}|二[〇零○][一二三四五六七八九〇零○]{2}'"
    assert old in text
    path.write_text(text.replace(old, "year = '{year_digits}'", 1), encoding="utf-8")
    assert deadlines() == "[null]"


GLUED_BODY = "1养老服务床位总量(张)25783000区社会事业局2护理型床位占比(%)5560区民政局区卫健局"


@pytest.mark.parametrize("header", [
    "序号指标名称2020年完成值2025年目标值责任单位",
    "编号主要指标2020年基期值2025年规划目标牵头部门",
    "序号 指标 2020年现状值 2025年预期值 责任主体",
    "序号项目2025年目标",
])
def test_glued_tables_are_found_by_any_header_of_the_header_word_lists(header):
    year, rows = glued_rows("附件 主要指标表 " + header + GLUED_BODY)
    assert year == 2025
    assert [(r.name, r.base.value if r.base else None, r.target.value if r.target else None) for r in rows] == [
        ("养老服务床位总量", 2578, 3000), ("护理型床位占比", 55, 60)]
    assert rows[0].agencies == ("区社会事业局",)
    assert rows[1].agencies == ("区民政局", "区卫健局")


def test_glued_table_numbering_restarts_after_a_group_label():
    _, rows = glued_rows("序号指标名称2020年完成值2025年目标值责任单位" + GLUED_BODY + "托育方面1每千人口托位数(个)2.54.5区卫健局")
    assert [r.name for r in rows] == ["养老服务床位总量", "护理型床位占比", "每千人口托位数"]


def test_no_glued_table_without_a_number_column():
    assert glued_rows("指标名称2020年完成值2025年目标值责任单位" + GLUED_BODY)[1] == []


HEAD = "关于印发养老服务体系建设方案的通知\n各市民政局:\n"


@pytest.mark.parametrize("sentence", [
    "对“十四五”时期养老服务发展作出全面部署。",
    "对“十四五”时期乡镇(街道)社会工作发展作出全面安排部署。",
    "对2025年前养老服务工作作出系统安排。",
])
def test_a_sentence_that_only_lays_out_plans_is_no_target(sentence):
    notice = extract(HEAD + sentence + "\n省民政厅\n2022年3月1日")
    assert [o for o in notice.obligations if o.kind == "target"] == []

"""Flattened indicator tables in every form seen in the wild (docs/annotation.md "Indicator tables"): each
target cell is one obligation with its column's year, its row's strength (属性) and responsible units.

The rows are written from the rules, in several policy areas, and the same rows are then laid out in each
flattened form; every form must give the same records."""
import pytest

from extractor.pipeline import extract

HEAD = "关于印发某某市“十四五”发展规划的通知\n各区人民政府,市政府各部门:\n现将规划印发给你们,请认真贯彻执行。\n一、主要指标\n"
TAIL = "\n二、保障措施\n(一)加强组织领导。各部门要加强协同。\n某某市人民政府\n2021年6月1日"

# header, rows: (name, unit, base, target, attribute); expected (value, unit, comparator, strength)
HEADER = ["指标", "单位", "2020年", "2025年目标", "属性"]
ROWS = [
    ("养老机构护理型床位占比", "%", "44.28", "≥55", "约束性"),
    ("社会工作专业人才数量", "万人", "2.3", "5", "预期性"),
    ("城市公共供水管网漏损率", "%", "12", "9", "约束性"),
    ("每千人口拥有3岁以下婴幼儿托位数", "个", "—", "4.5", "预期性"),
    ("人均体育场地面积", "平方米", "2.2", ">2.6", "预期性"),
]
EXPECTED = [
    (55, "%", ">=", "binding"),
    (50000, "人", "=", "aspirational"),
    (9, "%", "=", "binding"),
    (4.5, "个", "=", "aspirational"),
    (2.6, "平方米", ">=", "aspirational"),
]


def _pipe(cells, sep=" | "):
    return sep.join(cells)


def _forms():
    rows = [list(r) for r in ROWS]
    yield "pipes", "\n".join(_pipe(c) for c in [HEADER, *rows])
    yield "full-width bars", "\n".join(_pipe(c, "｜") for c in [HEADER, *rows])
    yield "pipes with outer bars", "\n".join("| " + _pipe(c) + " |" for c in [HEADER, *rows])
    yield "tabs", "\n".join("\t".join(c) for c in [HEADER, *rows])
    yield "runs of spaces", "\n".join("   ".join(c) for c in [HEADER, *rows])
    yield "ideographic spaces", "\n".join("\u3000\u3000".join(c) for c in [HEADER, *rows])
    yield "one cell per line with bars", "\n".join(c + " |" for r in [HEADER, *rows] for c in r)
    yield "one cell per line", "\n".join(c for r in [HEADER, *rows] for c in r)
    numbered = [[f"{i}.{r[0]}", *r[1:]] for i, r in enumerate(rows, 1)]
    yield "one cell per line, numbered rows", "\n".join(c + " |" for r in [HEADER, *numbered] for c in r)
    grouped = [["民生保障", *numbered[0]], *numbered[1:3], ["公共服务", *numbered[3]], numbered[4]]
    yield "one cell per line, row-spanning group labels", "\n".join(
        c + " |" for r in [["类别", *HEADER], *grouped] for c in r)
    yield "one cell per line, trailing empty cells", "\n".join(
        " |\n".join(r) + (" | |" if i % 2 else " |") for i, r in enumerate([HEADER, *rows]))


@pytest.mark.parametrize("name,table", list(_forms()), ids=[n for n, _ in _forms()])
def test_every_flattened_form_gives_one_target_per_row(name, table):
    notice = extract(HEAD + table + TAIL)
    obs = [o for o in notice.obligations if o.kind == "target"]
    got = [(o.value, o.unit, o.comparator, o.strength) for o in obs]
    assert got == EXPECTED, name
    assert all(o.deadline == "2025-12-31" for o in obs)
    assert all("一、主要指标" in " ".join(o.outline_path) or "主要指标" in " ".join(o.outline_path) for o in obs)
    facts = [o for o in notice.obligations if o.kind == "fact"]
    assert sorted(o.value for o in facts) == sorted([44.28, 23000, 12, 2.2]), "base column values are background"


def test_two_target_years_give_two_records_per_row():
    table = "\n".join(" | ".join(r) for r in [
        ["指标名称", "计量单位", "2022年基期值", "2025年目标值", "2027年目标值", "指标属性"],
        ["高标准农田面积", "万亩", "350", "420", "480", "约束性"],
        ["农作物耕种收综合机械化率", "%", "72", "75", "78", "预期性"],
    ])
    obs = [o for o in extract(HEAD + table + TAIL).obligations if o.kind == "target"]
    assert [(o.value, o.unit, o.deadline, o.strength) for o in obs] == [
        (4200000, "亩", "2025-12-31", "binding"), (4800000, "亩", "2027-12-31", "binding"),
        (75, "%", "2025-12-31", "aspirational"), (78, "%", "2027-12-31", "aspirational")]


def test_responsible_unit_column_names_the_agencies():
    table = "\n".join(c + " |" for r in [
        ["序号", "指标名称", "2020年完成值", "2025年目标值", "责任单位"],
        ["1", "城镇新增就业人数(万人)", "5.2", "6", "市人力资源社会保障局"],
        ["2", "普惠性幼儿园覆盖率(%)", "80", "90", "市教育局、市财政局"],
    ] for c in r)
    obs = [o for o in extract(HEAD + table + TAIL).obligations if o.kind == "target"]
    assert [(o.value, o.unit) for o in obs] == [(60000, "人"), (90, "%")]
    assert obs[0].agencies == ["市人力资源社会保障局"]
    assert obs[1].agencies == ["市教育局", "市财政局"]


def test_a_row_without_a_number_in_its_target_cell_gives_no_target():
    table = "\n".join(c + " |" for r in [
        HEADER,
        ["城乡低保标准年度增速", "%", "13.5", "不低于居民上年度人均消费支出增速", "预期性"],
        ["农村低保标准占城市低保标准比例", "%", "58", "75", "预期性"],
    ] for c in r)
    obs = [o for o in extract(HEAD + table + TAIL).obligations if o.kind == "target"]
    assert [(o.value, o.subject) for o in obs] == [(75, "农村低保标准占城市低保标准比例")]


def test_a_cut_off_last_row_still_reads():
    table = "\n".join(c + " |" for r in [HEADER, list(ROWS[0])] for c in r) + "\n婚姻登记“跨省通办”实施率 |\n% |\n— |\n100 |"
    obs = [o for o in extract(HEAD + table).obligations if o.kind == "target"]
    assert [(o.value, o.unit) for o in obs] == [(55, "%"), (100, "%")]
    assert obs[1].strength == "aspirational", "a table of 指标 names goals: a row without 属性 is aspirational"


def test_outline_command_prints_the_table(tmp_path):
    import subprocess
    import sys

    f = tmp_path / "plan.txt"
    f.write_text(HEAD + "\n".join(" | ".join(r) for r in [HEADER, *ROWS]) + TAIL, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "extractor", "outline", str(f)], capture_output=True, text=True, check=True).stdout
    assert "heading 1 @4: 主要指标" in out
    assert "table @5:" in out and "target 2025=≥55" in out and "attribute=约束性" in out
    assert "signature" in out and "addressee @2" in out


# Transposed tables: each column of the table printed as one record — a header word (`指标`, `单位`,
# `2025年目标`, `属性`) and the row's cells — the header word on its own line or first on the line.
RECORDS = [HEADER[0], *[r[0] for r in ROWS]], [HEADER[1], *[r[1] for r in ROWS]], \
    [HEADER[2], *[r[2] for r in ROWS]], [HEADER[3], *[r[3] for r in ROWS]], [HEADER[4], *[r[4] for r in ROWS]]


def _spaced(word):
    return " ".join(word)


def _transposed_forms():
    recs = [list(r) for r in RECORDS]
    yield "label first on the line, pipes", "\n".join(" | ".join(r) for r in recs)
    yield "label first on the line, full-width bars", "\n".join("｜".join(r) for r in recs)
    yield "label first on the line, tabs", "\n".join("\t".join(r) for r in recs)
    yield "label first on the line, runs of spaces", "\n".join("    ".join(r) for r in recs)
    yield "label first, trailing bars", "\n".join(" | ".join(r) + " |" for r in recs)
    yield "label on its own line, cells below", "\n".join(f"{r[0]} |\n" + " | ".join(r[1:]) + " |" for r in recs)
    yield "spaced-out labels on their own lines", "\n".join(f"{_spaced(r[0])} |\n" + " | ".join(r[1:]) + " |" for r in recs)
    yield "spaced-out labels first on the line", "\n".join(_spaced(r[0]) + " | " + " | ".join(r[1:]) for r in recs)
    yield "label on its own line, tabs below", "\n".join(f"{r[0]}\n" + "\t".join(r[1:]) for r in recs)
    yield "mixed: names below their label, the rest on one line", "\n".join(
        [f"{recs[0][0]} |", " | ".join(recs[0][1:]) + " |"] + [" | ".join(r) for r in recs[1:]])
    split = [[r[0], *r[1:4]] for r in recs], [[r[0], *r[4:]] for r in recs]
    yield "two blocks, the labels repeated (a wide table broken across the page)", "\n".join(
        f"{_spaced(r[0])} |\n" + " | ".join(r[1:]) + " |" for block in split for r in block)


@pytest.mark.parametrize("name,table", list(_transposed_forms()), ids=[n for n, _ in _transposed_forms()])
def test_every_transposed_form_gives_one_target_per_indicator(name, table):
    notice = extract(HEAD + table + TAIL)
    obs = [o for o in notice.obligations if o.kind == "target"]
    assert [(o.value, o.unit, o.comparator, o.strength) for o in obs] == EXPECTED, name
    assert [o.subject for o in obs] == [r[0] for r in ROWS]
    assert all(o.deadline == "2025-12-31" for o in obs)
    facts = [o for o in notice.obligations if o.kind == "fact"]
    assert sorted(o.value for o in facts) == sorted([44.28, 23000, 12, 2.2]), "the base record's values are background"
    for o in obs:  # the record quotes its name cell; its evidence lists the cells it reads
        assert notice.text[o.start : o.end] == o.sentence and o.sentence.strip() == o.subject
        assert len(o.evidence) >= 3


def test_transposed_table_with_units_in_the_cells_and_a_cut_off_attribute_record():
    table = "\n".join([
        "主 要 指 标 |",
        "粮食综合生产能力 | 农业劳动生产率 | 休闲农业接待人数 | 高标准农田面积 |",
        "2027 年 目 标 值 |",
        ">6亿吨 | 5.5万元/人 | 32亿人次 | 480万亩 |",
        "属 性 | 约束性 | 预期性 |",
    ])
    obs = [o for o in extract(HEAD + table + TAIL).obligations if o.kind == "target"]
    assert [(o.value, o.unit, o.comparator, o.deadline) for o in obs] == [
        (600000000, "吨", ">=", "2027-12-31"), (55000, "元/人", "=", "2027-12-31"),
        (3200000000, "人次", "=", "2027-12-31"), (4800000, "亩", "=", "2027-12-31")]
    assert [o.strength for o in obs] == ["binding", "aspirational", "aspirational", "aspirational"], \
        "rows past the cut-off 属性 record take the goal heading's strength"


def test_a_line_of_names_with_no_value_record_is_no_table():
    text = HEAD + "重点领域 | 养老服务 | 托育服务 | 社会救助 |\n工作要求 | 加强统筹 | 补齐短板 | 兜住底线 |" + TAIL
    assert [o for o in extract(text).obligations if o.kind == "target"] == []


@pytest.mark.parametrize("cell,expected", [
    (">6亿吨", (600000000, "吨", ">=")), ("5.5万元/人", (55000, "元/人", "=")), ("32亿人次", (3200000000, "人次", "=")),
    ("480万亩", (4800000, "亩", "=")), ("1.2万人", (12000, "人", "=")), ("30万张", (300000, "张", "=")),
    ("5万人以上", (50000, "人", ">=")), ("8000元", (8000, "元", "=")), ("≤0.5吨", (0.5, "吨", "<=")),
    ("90%以上", (90, "%", ">=")), ("12个", (12, "个", "=")), ("2.3万套", (23000, "套", "=")),
    ("10亿元左右", (1000000000, "元", "=")),
])
def test_a_cell_may_carry_its_measure_word(cell, expected):
    from extractor.extractors.table_rows import parse_cell
    got = parse_cell(cell, None)
    assert (got.value, got.unit, got.comparator) == expected


@pytest.mark.parametrize("cell", ["2025年", "约束性", "3月", "一类", "三星", "—"])
def test_dates_grades_and_words_are_no_value_cells(cell):
    from extractor.extractors.table_rows import parse_cell
    assert parse_cell(cell, None) is None or parse_cell(cell, None).value is None


SPACED_HEADER = ["指 标", "2025 年", "属 性"]
EQUAL_ROWS = [
    ("1.残疾人家庭人均收入年均增长(%)", ">7.5", "预期性"),
    ("2.符合条件的残疾人纳入最低生活保障比例(%)", "100", "约束性"),
    ("3.困难残疾人生活补贴覆盖率(%)", "100", "约束性"),
    ("4.重度残疾人护理补贴覆盖率(%)", "100", "约束性"),
    ("5.残疾人基本养老保险参保率(%)", ">90", "预期性"),
]


@pytest.mark.parametrize("sep", ["        ", "\t", " | ", "｜", "\u3000\u3000\u3000"])
@pytest.mark.parametrize("indent", ["", "                "])
def test_spaced_header_words_give_each_row_its_attribute_and_equal_values_stay_apart(sep, indent):
    table = "\n".join(indent + sep.join(r) for r in [SPACED_HEADER, *EQUAL_ROWS])
    obs = [o for o in extract(HEAD + "专栏1 主要指标\n" + table + TAIL).obligations if o.kind == "target"]
    assert [(o.value, o.strength) for o in obs] == [
        (7.5, "aspirational"), (100, "binding"), (100, "binding"), (100, "binding"), (90, "aspirational")]
    assert all(o.deadline == "2025-12-31" and o.unit == "%" for o in obs)

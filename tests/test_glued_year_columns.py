"""A table whose columns are years, flattened with nothing between its cells (`指标预期值2016年2017年2018年…
再生水回用率30%40%55%…`): a run of exactly as many cells as years, each with the same unit (a dash for an empty cell),
is a row; each cell is the target of its column's year (extractors/glued_tables.py, patterns glued_year_header and
glued_year_cell). A cell spanning every year (`低于全区平均值的50%`) is left to the prose reader."""
import pytest

from extractor.extractors.glued_tables import glued_rows
from extractor.pipeline import extract

pytestmark = pytest.mark.usefixtures("rules_kinds")


def _rows(text):
    return [(r.name, r.year, r.target.value, r.target.unit) for r in glued_rows(text)[1] if r.year]


def test_each_cell_is_its_years_target():
    text = "节水目标分解表指标预期值2016年2017年2018年再生水回用率30%40%55%节水型企业覆盖率7.9%15.8%23.8%"
    assert _rows(text) == [
        ("再生水回用率", 2016, 30.0, "%"), ("再生水回用率", 2017, 40.0, "%"), ("再生水回用率", 2018, 55.0, "%"),
        ("节水型企业覆盖率", 2016, 7.9, "%"), ("节水型企业覆盖率", 2017, 15.8, "%"), ("节水型企业覆盖率", 2018, 23.8, "%"),
    ]


def test_a_dash_is_an_empty_cell_and_other_units_are_read():
    text = "指标2021年2022年人均日生活用水量120L/d115L/d自备井关闭率-100%"
    assert _rows(text) == [("人均日生活用水量", 2021, 120.0, "L/d"), ("人均日生活用水量", 2022, 115.0, "L/d"),
                           ("自备井关闭率", 2022, 100.0, "%")]


def test_a_cell_spanning_every_year_is_not_a_row_and_names_start_after_it():
    text = "目标值2019年2020年2021年万元GDP用水量低于全省平均值的50%供水管网漏损率12%11%10%"
    rows = _rows(text)
    assert [r[2] for r in rows] == [12.0, 11.0, 10.0]
    assert rows[0][0] == "万元GDP用水量低于全省平均值的50%供水管网漏损率"[len("万元GDP用水量低于全省平均值的50%"):]


@pytest.mark.parametrize("text", [
    "2016年2017年2018年三年间全市累计新建学校40所",  # years glued in prose, no run of cells
    "指标预期值2018年2017年2016年再生水回用率30%40%55%",  # years not in order: not a year header
    "指标2020年2021年2022年综合满意度85%90%",  # two cells for three years
    "指标2020年2021年再生水回用率30%40天",  # units differ
])
def test_no_rows(text):
    assert _rows(text) == []


def test_the_notice_reads_one_target_per_year_with_its_deadline():
    notice = extract("节水型社会达标建设目标分解表\n指标预期值2016年2017年2018年城镇污水集中处理率70%80%90%节水型学校覆盖率22%26%30%\n")
    got = sorted((o.value, o.deadline) for o in notice.obligations if o.kind == "target")
    assert got == [(22.0, "2016-12-31"), (26.0, "2017-12-31"), (30.0, "2018-12-31"),
                   (70.0, "2016-12-31"), (80.0, "2017-12-31"), (90.0, "2018-12-31")]

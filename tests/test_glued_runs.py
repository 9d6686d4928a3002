"""Capability table: runs of digits where flattening glued a table's cells together are cut only when exactly
one cut fits the header's columns (glued_runs: number forms, baseline → target within ×10, part ≤ whole, a
series moving one way); ambiguous runs are left alone and reported (docs/tables.md "Glued cells")."""
from __future__ import annotations

import pytest

from extractor.extractors.glued_runs import Column, Relation, fitting_cuts, split_run, split_series
from extractor.extractors.glued_tables import glued_rows
from extractor.pipeline import extract

BASE = [Relation("baseline", 0, 1)]
PCT = [Column(percent=True)] * 2
COUNT = [Column()] * 2


@pytest.mark.parametrize("run, columns, cells", [
    ("25783000", COUNT, ("2578", "3000")),      # 2|5783000, 257|83000: far beyond ×10 of the base
    ("5560", PCT, ("55", "60")),                 # 556|0: a zero target needs a zero base
    ("99.999", PCT, ("99.9", "99")),             # 99.99|9 falls ×11; 9|9.999 has three decimals
    ("6.2525", PCT, ("6.25", "25")),             # 6.2|525, 6|2525: over 100 %
    ("89.8690", PCT, ("89.86", "90")),           # 89.8|690 over 100 %, 89.869|0 three decimals
    ("80100", PCT, ("80", "100")),               # 801|00, 8|0100: a leading zero
    ("070", PCT, ("0", "70")),                   # a zero base allows any target
    ("3361000", COUNT, ("336", "1000")),
    ("100120", COUNT, ("100", "120")),           # 1001|20: ×50
    ("1015", COUNT, ("10", "15")),               # 101|5: ×20
    ("20003000", COUNT, ("2000", "3000")),
    ("2.54.5", COUNT, ("2.5", "4.5")),
    ("-60", PCT, (None, "60")),                  # an empty base cell takes one column
    ("—85%", PCT, (None, "85%")),
    ("－1", COUNT, (None, "1")),
])
def test_a_run_with_exactly_one_fitting_cut_is_split(run, columns, cells):
    split = split_run(run, columns, BASE)
    assert (split.cells, split.fits) == (cells, 1)


@pytest.mark.parametrize("run, columns, fits", [
    ("12.515", COUNT, 2),    # 12.5 → 15 or 12.51 → 5: both within ×10
    ("8.515", COUNT, 2),
    ("11.512", COUNT, 2),
    ("5.512", PCT, 2),
    ("120", PCT, 0),         # 1 → 20 is ×20, 12 → 0 a zero target
    ("9001000", PCT, 0),     # no cut keeps both under 100 %
    ("", COUNT, 0),
    ("1" * 60, COUNT, 0),    # longer than any table row: not tried
])
def test_an_ambiguous_or_impossible_run_is_not_split(run, columns, fits):
    split = split_run(run, columns, BASE)
    assert split.cells is None and split.fits == fits


def test_fixed_precision_decides_what_two_decimals_leave_open():
    one_decimal = [Column(decimals=1)] * 2
    assert split_run("12.515", COUNT, BASE).cells is None
    assert split_run("12.515", one_decimal, BASE).cells == ("12.5", "15")


def test_a_part_is_no_larger_than_its_whole_and_alone_rarely_decides():
    part = [Relation("part", 0, 1)]
    cuts = fitting_cuts("2578210", COUNT, part)
    assert ("2578", "210") in cuts and ("25782", "10") in cuts
    assert ("2", "578210") not in cuts and ("257", "8210") not in cuts
    assert split_run("2578210", COUNT, part).cells is None


def test_a_year_column_holds_a_year():
    assert split_run("202385", [Column(year=True), Column(percent=True)]).cells == ("2023", "85")
    assert split_run("19985", [Column(year=True), Column(percent=True)]).cells == ("1998", "5")
    assert split_run("2185", [Column(year=True), Column(percent=True)]).fits == 0


CUMULATIVE = [Column(rising=True), Column()]
SERIES = ["6101.58", "9752.5", "13723.5", "15764", "17824.5"]


def test_a_series_is_cut_so_that_each_column_moves_one_way_within_an_order_of_magnitude():
    expected = (("610", "1.58"), ("975", "2.5"), ("1372", "3.5"), ("1576", "4"), ("1782", "4.5"))
    assert split_series(SERIES, CUMULATIVE).rows == expected
    assert split_series(SERIES, [Column(), Column()]).rows == expected  # 6101.5 | 8, 97 | 52.5 … 1 | 7824.5 moves ×6000
    assert split_series(SERIES[:3], CUMULATIVE).rows == expected[:3]  # 6 | 101.58, 97 | 52.5, 137 | 23.5: 6 → 137 is ×23
    assert split_series(["1208", "15010", "18012"], CUMULATIVE).rows == (("120", "8"), ("150", "10"), ("180", "12"))
    # rates falling year by year read the same way
    assert split_series(["5.54.8", "5.24.5", "4.94.2"], [Column()] * 2).rows == (
        ("5.5", "4.8"), ("5.2", "4.5"), ("4.9", "4.2"))
    assert split_series(["8590", "8792", "9095"], PCT).rows == (("85", "90"), ("87", "92"), ("90", "95"))


@pytest.mark.parametrize("runs, columns", [
    (["12.515", "12.616"], CUMULATIVE),           # 12.5 | 15, 12.6 | 16 and 12.51 | 5, 12.61 | 6
    (["8.515", "8.616", "8.717"], [Column()] * 2),
    (["5.512", "5.613"], PCT),                     # 5.5 | 12, 5.6 | 13 and 5.51 | 2, 5.61 | 3
])
def test_an_ambiguous_series_is_not_split(runs, columns):
    split = split_series(runs, columns)
    assert split.rows is None and split.fits == 2


HEADER = "序号指标名称2020年完成值2025年目标值责任单位"


def test_the_indicator_reader_keeps_the_rows_it_can_cut_and_reports_the_rest():
    unsplit: list = []
    _, rows = glued_rows(HEADER + "1养老床位总量(张)25783000区民政局2护理型床位(张)12.515区民政局3参保率(%)99.999区人社局", unsplit)
    assert [(r.name, r.base.value if r.base else None, r.target.value) for r in rows] == [
        ("养老床位总量", 2578, 3000), ("参保率", 99.9, 99)]
    assert [(u.run, u.fits) for u in unsplit] == [("12.515", 0)]
    assert "12.515" in unsplit[0].warning()


@pytest.mark.parametrize("table", [
    "年份累计托位数(个)每千人口托位数(个)2021年6101.582022年9752.52023年13723.52024年157642025年17824.5",
    "年份 累计托位数（个） 每千人口托位数（个） 2021年 6101.58 2022年 9752.5 2023年 13723.5 2024年 15764 2025年 17824.5",
    "表3 分年度目标表 年度累计托位数(个)每千人口托位数(个)2021年6101.582022年9752.52023年13723.52024年157642025年17824.5 三、",
    "年份3 岁以下累计托位数（个）每千人口拥有3 岁以下托位数（个）2021年6101.582022年9752.52023年13723.52024年157642025年17824.5",
])
def test_a_series_table_gives_each_cell_its_row_year(table):
    _, rows = glued_rows(table)
    assert [(r.year, r.target.value, r.target.unit) for r in rows] == [
        (2021, 610, "个"), (2021, 1.58, "个"), (2022, 975, "个"), (2022, 2.5, "个"), (2023, 1372, "个"), (2023, 3.5, "个"),
        (2024, 1576, "个"), (2024, 4, "个"), (2025, 1782, "个"), (2025, 4.5, "个")]
    assert rows[0].name.endswith("累计托位数") and rows[1].name.startswith("每千人口")


def test_a_series_that_two_cuttings_fit_is_reported():
    unsplit: list = []
    _, rows = glued_rows("年份累计床位数(张)护理型床位占比(%)2021年12.5152022年12.616 三、", unsplit)
    # 12.5 | 15, 12.6 | 16 and 12.51 | 5, 12.61 | 6 both rise within ×10
    assert rows == [] and [u.run for u in unsplit] == ["12.515", "12.616"]


def test_series_rows_become_targets_due_at_their_year_end():
    text = ("关于印发托育服务发展方案的通知\n各区卫健局:\n二、发展目标\n表1托位数分年度目标表 年份累计托位数(个)每千人口托位数(个)"
            "2022年9752.52023年13723.52024年157642025年17824.5\n三、重点任务\n某市卫健委\n2021年3月1日")
    notice = extract(text)
    got = sorted((o.value, o.deadline, o.strength) for o in notice.obligations if o.kind == "target")
    assert got == [(2.5, "2022-12-31", "aspirational"), (3.5, "2023-12-31", "aspirational"),
                   (4, "2024-12-31", "aspirational"), (4.5, "2025-12-31", "aspirational"),
                   (975, "2022-12-31", "aspirational"), (1372, "2023-12-31", "aspirational"),
                   (1576, "2024-12-31", "aspirational"), (1782, "2025-12-31", "aspirational")]


@pytest.mark.parametrize("issued,targets", [
    # a plan issued after its series starts: the earlier years are the plan's milestones, still targets
    ("2023年11月14日", 8),
    ("2024年6月1日", 8),
    ("2025年1月1日", 8),
    # the whole series before the page's year: a bulletin's figures reached (test_statistics_tables)
    ("2026年3月1日", 0),
])
def test_a_series_reaching_the_pages_year_keeps_its_earlier_years(issued, targets):
    text = ("关于印发托育服务发展方案的通知\n各区卫健局:\n二、发展目标\n表1托位数分年度目标表 年份累计托位数(个)每千人口托位数(个)"
            f"2022年9752.52023年13723.52024年157642025年17824.5\n三、重点任务\n某市卫健委\n{issued}")
    notice = extract(text)
    assert sum(o.kind == "target" for o in notice.obligations) == targets, [(o.value, o.kind) for o in notice.obligations]


def test_a_run_with_too_many_readings_is_ambiguous():
    """A 27-digit run under eight columns has hundreds of thousands of well-formed readings: after MAX_STEPS steps
    it counts as ambiguous (fits 2), and no one of them is trusted."""
    columns = [Column()] * 8
    split = split_run("257821042225075037512345678", columns, [])
    assert split.cells is None and split.fits == 2
    assert fitting_cuts("257821042225075037512345678", columns, []) == []

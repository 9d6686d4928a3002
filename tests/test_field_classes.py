"""The field classes of docs/field_classes.md: deadline, agencies and strength of targets the extractor finds,
one written variant per class (not a corpus sentence), each checked with the rules alone."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract

pytestmark = pytest.mark.usefixtures("rules_kinds")


def targets(text: str) -> list[dict]:
    return [o for o in extract(text).to_dict()["obligations"] if (o.get("kind") or "target") == "target"]


def by_value(text: str) -> dict[float, dict]:
    return {o["value"]: o for o in targets(text) if o["value"] is not None}


# --- deadline: a heading that is only this year's goal dates the form rows after it ---------------------

FORM = """水利项目支出绩效目标表
(2024年度)
来源:临河县水利局   2024-03-02
中期目标(2024年—2026年)
年度目标
完成灌溉渠道改造12公里
产出指标
新建蓄水池数量
≥8座
注:各单位请根据实际情况,从上面所列绩效指标中选择适合的填报(其中标星号的为必填的核心指标,可结合已下达的转移支付绩效指标),也可自行增加。
"""


def test_annual_goal_heading_dates_the_rows_after_it():
    got = by_value(FORM)
    assert got[12]["deadline"] == "2024-12-31"
    assert got[8]["deadline"] == "2024-12-31"


def test_a_footnote_under_the_form_is_no_dated_duty():
    assert not [o for o in targets(FORM) if o["value"] is None and o["sentence"].startswith("注")]


def test_without_the_annual_heading_the_rows_keep_the_period_lead():
    got = by_value(FORM.replace("年度目标\n", ""))
    assert got[12]["deadline"] != "2024-12-31"


# --- deadline: 今年 in a notice with no date and no year named has no date ------------------------------

UNDATED = ("会上,市长作政府工作报告,今年是实施“十四五”规划的攻坚之年。今年全市经济社会发展的主要预期目标是:"
           "地区生产总值增长6%左右,城镇新增就业3万人,城镇调查失业率控制在5.5%以内。\n")


def test_this_year_without_a_date_or_a_named_year_is_no_deadline():
    got = by_value(UNDATED)
    assert {got[v]["deadline"] for v in (6, 30000, 5.5)} == {None}


def test_this_year_counts_from_the_notice_date():
    got = by_value(UNDATED + "\n临江市人民政府\n2024年1月20日\n")
    assert {got[v]["deadline"] for v in (6, 30000, 5.5)} == {"2024-12-31"}

"""Figures compared with an earlier period (同比, 比上年): a bare year is the period they were measured in, not a due
date (`2022年,我县地区生产总值达到417亿元,同比增长9.4%` reports); a goal word makes the comparison the change a goal
asks for (`主要预期目标是:地区生产总值比上年增长6%左右`), whatever list of cues the comparison word is in."""
import pytest

from extractor.pipeline import extract

pytestmark = pytest.mark.usefixtures("rules_kinds")

HEAD = "某县人民政府关于印发2023年政府工作要点的通知\n"


@pytest.mark.parametrize("text", [
    "2022年,我县地区生产总值突破400亿元大关,达到417亿元,同比(下同)增长9.4%。",
    "2023年,全市规模以上工业增加值比上年增长8%,固定资产投资增长10%。",
    "2021年全县社会消费品零售总额达到85亿元,较上年增长6.2%。",
    "2022年,全区一般公共预算收入完成12.3亿元,同比增长5.1%。",
])
def test_a_bare_year_with_a_comparison_reports(text):
    notice = extract(HEAD + text + "\n")
    assert notice.obligations and all(o.kind != "target" for o in notice.obligations), \
        [(o.value, o.kind) for o in notice.obligations]


@pytest.mark.parametrize("text,value", [
    ("2023年全县经济社会发展的主要预期目标是:地区生产总值比上年增长6%左右。", 6.0),
    ("今年全市发展的预期目标是:规模以上工业增加值同比增长8%以上。", 8.0),
    ("力争2023年全区固定资产投资比上年增长10%。", 10.0),
])
def test_a_goal_word_makes_the_comparison_a_target(text, value):
    notice = extract(HEAD + text + "\n")
    assert [o.value for o in notice.obligations if o.kind == "target"] == [value], \
        [(o.value, o.kind) for o in notice.obligations]


@pytest.mark.parametrize("text", [
    "上半年,全市一般公共预算收入完成年初预算的57.1%。",
    "全年城镇新增就业1.94万人,完成年度目标任务的104.1%。",
    "1—10月,全县固定资产投资完成年度计划的86.5%。",
    "截至9月底,重点项目投资达到年度计划的78%。",
])
def test_the_share_of_a_plan_done_is_progress(text):
    notice = extract(HEAD + text + "\n")
    assert all(o.kind != "target" for o in notice.obligations if o.unit == "%"), \
        [(o.value, o.kind) for o in notice.obligations]


def test_an_intention_before_the_share_of_a_plan_makes_it_a_goal():
    notice = extract(HEAD + "确保一般公共预算收入完成年初预算的100%。\n")
    assert [o.value for o in notice.obligations if o.kind == "target"] == [100.0]

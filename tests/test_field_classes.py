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


# --- deadline: a paragraph that opens with its due date governs the list right after it -----------------

DASHES = """绿城市科技创新三年行动方案
一、总体要求
到2026年,力争全社会研发经费投入强度达到3%以上,高新技术企业数量实现翻番。
——创新平台能级明显提升。新增省级工程研究中心4家,市级企业技术中心12家。
——创新人才加快集聚。引进高层次创新团队6个,各区要落实人才安居政策。
二、重点任务
建设科技孵化器3家。
"""


def test_dash_items_take_the_date_of_the_paragraph_before_them():
    got = by_value(DASHES)
    assert got[4]["deadline"] == got[12]["deadline"] == got[6]["deadline"] == "2026-12-31"


def test_the_paragraph_date_stops_at_the_next_section():
    assert by_value(DASHES)[3]["deadline"] is None


def test_a_lead_in_that_only_opens_the_list_passes_the_date_on():
    text = ("《全省数字经济发展规划》总体目标是,到2027年,基本建成泛在智能的数字基础设施体系。\n具体来说:\n"
            "一是网络设施保持领先。\n持续推进光纤网络升级,千兆宽带用户力争达到800万户。\n")
    assert by_value(text)[8000000]["deadline"] == "2027-12-31"


def test_an_outlook_paragraph_dates_no_list():
    text = ("到2025年,基本建成覆盖城乡的服务网络。\n展望2035年,全面建成高质量的公共服务体系。\n"
            "——服务设施更加完善。新建社区服务中心20个。\n")
    assert by_value(text)[20]["deadline"] != "2035-12-31"


# --- strength: a goal lead-in in the sentence itself -----------------------------------------------------

def test_a_goal_lead_in_makes_a_dated_duty_aspirational():
    text = "《全省水网建设规划》总体目标是,到2030年,基本建成系统完备、安全可靠的现代水网体系。\n"
    duties = [o for o in targets(text) if o["value"] is None]
    assert duties and duties[0]["strength"] == "aspirational" and duties[0]["deadline"] == "2030-12-31"


def test_main_indicators_include_is_a_goal_lead_in():
    text = "《规划》提出,“十四五”全省养老服务主要指标包括:护理型床位占比不低于55%;\n"
    assert by_value(text)[55]["strength"] == "aspirational"


# --- comparator: the level a value falls to is a plain target; 以下 after it makes a cap -------------------

@pytest.mark.parametrize("clause,value,comparator", [
    ("到2025年,全市新生儿死亡率下降到3.2‰", 3.2, "="),
    ("到2025年,农村人口贫困发生率降至2%", 2, "="),
    ("到2025年,单位产值能耗降低到0.45吨标准煤", 0.45, "="),
    ("到2025年,城市空气重污染天数下降到5天以下", 5, "<="),
    ("到2025年,县城污水处理厂负荷率不超过90%", 90, "<="),
])
def test_a_level_fallen_to_is_a_plain_target(clause, value, comparator):
    assert by_value(clause + "。\n")[value]["comparator"] == comparator


# --- agencies: a note that names the handling office, with a contact after it -------------------------

def test_a_handling_office_note_names_the_agency():
    text = ("进一步完善城乡居民医疗保险制度。2024年,城乡居民医保参保率稳定在97%以上;"
            "政策范围内住院费用报销比例达到70%左右。\n承办部门:县医保局 联系电话:5512345\n")
    got = by_value(text)
    assert got[97]["agencies"] == got[70]["agencies"] == ["县医保局"]


# --- strength: a lead-in that names no goal, after the items of a goal lead-in, opens a list of duties ------

def test_a_plain_lead_in_after_goal_items_is_no_goal_list():
    text = ("二、建设内容\n发展目标:\n①到2026年,全县人均体育场地面积达到2.8平方米以上。\n②新建社区多功能运动场12个。\n"
            "开放要求:\n公共体育场馆每周免费开放时间不少于40小时;\n学校体育场地节假日每天开放时间不少于6小时。\n")
    got = by_value(text)
    assert got[2.8]["strength"] == got[12]["strength"] == "aspirational"
    assert got[40]["strength"] == got[6]["strength"] == "binding"


def test_a_lead_in_naming_goals_after_goal_items_stays_a_goal_list():
    text = ("发展目标:\n①到2026年,全县人均体育场地面积达到2.8平方米以上。\n②新建社区多功能运动场12个。\n"
            "具体指标:\n公共体育场馆每周免费开放时间不少于40小时;\n")
    assert by_value(text)[40]["strength"] == "aspirational"


# --- deadline: an effective date long before the notice's year is a standing rule, not a due date ---------

def test_a_past_start_date_is_no_deadline():
    text = ("某市民政局关于推进社区养老服务的通知\n落实2015年起新建住宅小区按照每百户不少于20平方米的标准配建养老服务用房的要求。\n"
            "某市民政局\n2024年3月5日\n")
    assert by_value(text)[20]["deadline"] is None


def test_a_coming_start_date_still_dates_a_new_standard():
    text = ("某市民政局关于调整特困人员供养标准的通知\n自2024年7月1日起,城市特困人员基本生活标准由每人每月1100元提高到每人每月1200元。\n"
            "某市民政局\n2024年3月5日\n")
    assert by_value(text)[1200]["deadline"] == "2024-07-01"


# --- unit and comparator -------------------------------------------------------------------------------

def test_person_years_are_a_measure_word_of_their_own():
    got = by_value("到2026年,每万名就业人员中研发人员达到150人年以上。\n")[150]
    assert (got["unit"], got["comparator"]) == ("人年", ">=")


@pytest.mark.parametrize("clause,first,second", [
    ("到2025年,改造提升不少于30栋城市社区服务用房和45栋村级服务用房", 30, 45),
    ("到2026年,新建不少于8所公办幼儿园及12所普惠性民办幼儿园", 8, 12),
    ("到2027年,轮训不少于5000人次乡村医生和3000人次社区医生", 5000, 3000),
])
def test_a_comparator_governs_values_joined_to_its_own(clause, first, second):
    got = by_value(clause + "。\n")
    assert got[first]["comparator"] == got[second]["comparator"] != "="


def test_a_comparator_does_not_reach_a_value_of_another_measure():
    got = by_value("到2025年,新建不少于8所幼儿园和1200个托位。\n")
    assert got[1200]["comparator"] == "="


def test_a_bound_before_a_lead_ins_colon_holds_for_the_items_of_its_list():
    from extractor.pipeline import extract

    notice = extract("关于开展示范创建的通知\n2022—2024年在全省范围内建设不低于:14个示范县;\n129个示范乡镇(街道);\n"
                     "10000户示范户。\n全省新建公园20个。\n")
    got = [(o.value, o.comparator) for o in notice.obligations if o.kind == "target"]
    assert got == [(14, ">="), (129, ">="), (10000, ">="), (20, "=")]
    notice = extract("关于印发某方案的通知\n主要指标控制在以下范围,均不超过:单位产值能耗0.5吨标准煤;单位产值用水量100立方米。\n")
    assert [o.comparator for o in notice.obligations if o.kind == "target"] == ["<=", "<="]


def test_a_square_kilometre_keeps_the_name_it_is_printed_with():
    from extractor.extractors.quantities import find_quantities

    assert [(q.value, q.unit) for q in find_quantities("生态保护红线不低于4.12万平方千米,面积3平方公里")] == [
        (41200.0, "平方千米"), (3.0, "平方公里")]

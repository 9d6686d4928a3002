"""Extraction rules that make the difference on real web pages, each from the pattern (docs/annotation.md hard
cases), on sentences written for the test from several policy areas."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


HEAD = "关于推进重点民生工作的通知\n各市、县(区)人民政府,省直各部门:\n"
TAIL = "\n某某省人民政府\n2022年3月1日"


def targets(body: str, head: str = HEAD, tail: str = TAIL):
    return [o for o in extract(head + body + tail).obligations if o.kind == "target"]


def values(body: str, **kw):
    return [(o.value, o.unit, o.comparator, o.deadline) for o in targets(body, **kw)]


# ---------------------------------------------------------------- target or background
@pytest.mark.parametrize("body", [
    "截至2021年底,全省共建成城市书房320个。",
    "全省已累计培训家政服务员1.2万人次。",
    "近年来,全市引领了5000余家企业参与节能改造。",
    "今年一季度,全省完成投资246.79亿元,同比增长15.3%。",
    "2021年,全省新增城镇就业68万人。",
    "据统计,目前全省拥有体育社会组织6800个。",
    "预计全年粮食产量达到1350万吨。",
    "会上,300余家企业代表参加签约仪式。",
])
def test_figures_already_reached_are_background(body):
    assert targets(body) == []


def test_a_due_date_after_a_status_word_starts_a_target():
    assert values("截至2021年底,全省已建成养老服务中心50个,到2025年达到120个。") == [(120, "个", "=", "2025-12-31")]


def test_cumulative_targets_with_a_due_date_stay_targets():
    assert values("到2025年,累计培养乡村医生3000人。") == [(3000, "人", "=", "2025-12-31")]


@pytest.mark.parametrize("body", [
    "《方案》提出17条具体措施,涵盖就业、教育等领域。",
    "规划设置5项量化指标和4项原则。",
    "围绕住房、教育、医疗等6个重点领域推进改革。",
    "这也是全国率先明确这两个比例。",
    "《通知》分为总体要求、重点任务和保障措施3部分,共24条。",
    "会议传达学习了省委十届十次全会精神。",
    "全面落实“五个全覆盖”的要求。",
])
def test_counts_of_the_notice_own_parts_ordinals_and_slogans_are_not_values(body):
    assert targets(body) == []


@pytest.mark.parametrize("body", [
    "鼓励150张床位以上的养老机构设立医务室。",
    "商品房项目投资达到25%以上的,即可办理预售许可。",
    "聚焦3万亩设施菜田,推进绿叶菜生产机械化。",
    "以全市1.2万名持证残疾人为主要对象,开展就业帮扶。",
])
def test_conditions_and_settings_are_not_targets(body):
    assert targets(body) == []


def test_a_news_report_statement_without_forward_words_is_background():
    head = "本市新增幼儿园12所\n2023-09-01 10:00 来源:本市日报\n"
    obs = extract(head + "记者从市教育局获悉,今年全市新增幼儿园12所,新增学位3600个。\n据介绍,明年将再新建幼儿园8所。").obligations
    assert [(o.value, o.kind) for o in obs if o.kind == "target"] == [(8, "target")]


# ---------------------------------------------------------------- several targets in one sentence
def test_series_of_standards_by_grade_give_one_target_each():
    obs = targets("一级护理补贴每人每月300元,二级每人每月200元,三级每人每月100元。")
    assert [(o.value, o.unit) for o in obs] == [(300, "元/月"), (200, "元/月"), (100, "元/月")]


def test_a_list_of_things_each_reaching_its_value():
    obs = values("到2025年,城市污水处理率达到98%、农村生活垃圾收运率达到95%、乡镇卫生院实现全覆盖。")
    assert obs == [(98, "%", "=", "2025-12-31"), (95, "%", "=", "2025-12-31"), (100, "%", "=", "2025-12-31")]


def test_full_coverage_of_two_things_gives_two_targets_but_a_list_of_levels_one():
    obs = targets("到2024年,实现社区食堂和老年助餐点全覆盖。")
    assert len(obs) == 2 and {o.subject for o in obs} == {"社区食堂", "老年助餐点"}
    obs = targets("到2024年,县、乡、村三级综合文化服务中心实现全覆盖。")
    assert len(obs) == 1


def test_quantifier_with_an_action_means_every_one():
    assert values("到2025年,所有行政村基本建成标准化卫生室。") == [(100, "%", "=", "2025-12-31")]


def test_a_changed_standard_is_due_when_it_takes_effect():
    obs = values("城市低保标准由每人每月700元提高到每人每月780元。\n新的标准自2023年7月1日起执行。")
    assert obs == [(780, "元/月", "=", "2023-07-01")]


# ---------------------------------------------------------------- deadlines
def test_a_lead_in_governs_its_list():
    obs = values("到2025年,实现以下目标:\n(一)城镇新增就业30万人以上;\n(二)城镇调查失业率控制在5.5%以内。")
    assert [o[3] for o in obs] == ["2025-12-31", "2025-12-31"]


def test_a_paragraph_lead_governs_the_paragraph():
    obs = values("到2025年,农村人居环境明显改善。农村卫生厕所普及率达到90%;农村生活污水治理率达到60%以上。")
    assert [o[3] for o in obs] == ["2025-12-31", "2025-12-31"]


def test_relative_years_count_from_the_notice_date():
    obs = values("今年全市新增公办幼儿园学位2000个,明年年底前每个乡镇建成1所中心幼儿园。")
    assert [o[3] for o in obs] == ["2022-12-31", "2023-12-31"]


def test_a_list_of_dates_gives_one_duty_each():
    obs = targets("各地要于3月25日、6月25日、9月25日前将工作进展报送省政府。")
    assert [o.deadline for o in obs] == ["2022-03-25", "2022-06-25", "2022-09-25"]


@pytest.mark.parametrize("phrase,date", [("一季度末前", "2022-03-31"), ("年中前", "2022-06-30"), ("上半年", "2022-06-30"),
                                          ("10月底前", "2022-10-31")])
def test_parts_of_the_year(phrase, date):
    (o,) = targets(f"各地要于{phrase}完成排查整治工作方案报送。")
    assert o.deadline == date


def test_an_annual_goal_is_due_this_year():
    assert values("年度目标为新增城镇就业5万人以上。") == [(50000, "人", ">=", "2022-12-31")]


def test_a_base_year_is_not_a_deadline():
    obs = values("到2025年,全省单位地区生产总值能耗较2020年下降14%。")
    assert obs == [(14, "%", "=", "2025-12-31")]


# ---------------------------------------------------------------- strength
def test_goal_lead_in_makes_cue_less_targets_aspirational():
    obs = targets("方案明确了提升行动目标。全市新建改扩建幼儿园30所,学前三年毛入园率达到99%以上。")
    assert {o.strength for o in obs} == {"aspirational"}


def test_binding_indicator_heading_binds():
    body = "一、主要目标\n(一)约束性指标\n耕地保有量保持在6120万亩。\n(二)预期性指标\n森林覆盖率提高到42%。"
    assert [(o.value, o.strength) for o in targets(body)] == [(61_200_000, "binding"), (42, "aspirational")]


def test_conditional_subject_is_encouraged_even_with_a_modal():
    (o,) = targets("有条件的地区应于2023年底前建成区域性养老服务中心。")
    assert o.strength == "encouraged"


# ---------------------------------------------------------------- agencies
def test_responsibility_note_after_a_task():
    obs = targets("到2023年底,建成农贸市场30个。(省商务厅牵头,省财政厅、省市场监管局配合)")
    assert obs[0].agencies == ["省商务厅", "省财政厅", "省市场监管局"] or obs[0].agencies == ["某某省商务厅", "某某省财政厅", "某某省市场监管局"]


def test_responsibility_line_after_a_task_paragraph():
    obs = targets("到2023年,森林覆盖率提高到42%。\n责任单位:省林业厅。")
    assert any("林业厅" in a for a in obs[0].agencies)


@pytest.mark.parametrize("word", ["全部", "格局", "干部", "社会", "局部"])
def test_short_words_are_never_agencies(word):
    from extractor.extractors.agencies import is_agency_name

    assert not is_agency_name(word)

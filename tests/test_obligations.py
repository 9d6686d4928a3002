"""Obligation rules, each from the pattern (docs/annotation.md), on sentences written for the test."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


HEAD = "关于推进养老服务体系建设的通知\n各市、县(区)民政局:\n"
TAIL = "\n某某省民政厅\n2022年3月1日"


def targets(body: str, head: str = HEAD, tail: str = TAIL):
    notice = extract(head + body + tail)
    return [o for o in notice.obligations if o.kind == "target"]


def test_respectively_pairs_values_with_deadlines_in_order():
    obs = targets("到2022年底、2023年底、2024年底,全省分别有40%、60%、80%以上的街道建成综合养老服务中心。")
    assert [(o.value, o.deadline, o.comparator) for o in obs] == [
        (40, "2022-12-31", ">="), (60, "2023-12-31", ">="), (80, "2024-12-31", ">=")]
    assert all(o.unit == "%" for o in obs)


def test_respectively_pairs_values_with_listed_grades():
    obs = targets("对取得初级、中级、高级职称的护理员,每月分别给予200元、400元、600元岗位补贴。")
    assert [(o.value, o.unit) for o in obs] == [(200, "元/月"), (400, "元/月"), (600, "元/月")]
    assert "初级" in obs[0].subject and "高级" in obs[2].subject


def test_shared_value_splits_per_thing():
    obs = targets("2022年在全省建设老年食堂和老年活动室各500个。")
    assert [(o.value, o.unit) for o in obs] == [(500, "个"), (500, "个")]
    assert obs[0].subject != obs[1].subject
    obs = targets("到2025年,每千名老年人、每百张养老床位均配备1名康复师。")
    assert [o.scope for o in obs] == ["每千名老年人", "每百张养老床位"]


def test_full_coverage_is_100_percent():
    (o,) = targets("到2024年,实现街道综合养老服务中心全覆盖。")
    assert (o.value, o.unit, o.comparator, o.deadline) == (100, "%", "=", "2024-12-31")


def test_facts_are_not_targets():
    text = ("截至2021年底,全省已建成养老机构1200家。"
            "“十三五”时期,全省养老床位达到25万张。"
            "经过多年发展,全省养老护理员超过3万人。"
            "2021年5月,全省召开推进会,300余家机构参加。"
            "来自全县各地各行各业的160多名代表与会。")
    assert targets(text) == []
    notice = extract(HEAD + text + TAIL)
    assert sum(1 for o in notice.obligations if o.kind == "fact") >= 3


def test_dated_duty_without_number_counts_but_undated_duty_does_not():
    obs = targets("请各地于6月底前将工作方案报省厅。各地要加强组织领导。")
    assert len(obs) == 1
    assert obs[0].value is None and obs[0].deadline == "2022-06-30"
    obs = targets("到2025年,基本建成覆盖城乡的养老服务网络。到2025年,养老服务质量明显改善。")
    assert [(o.value, o.deadline) for o in obs] == [(None, "2025-12-31")]


def test_duration_counts_issue_year_as_year_one():
    (o,) = targets("用3—5年时间,建立健全养老服务标准体系。")
    assert o.deadline == "2026-12-31"


def test_plan_period_end():
    (o,) = targets("力争到“十四五”末,养老机构护理型床位占比达到55%。")
    assert (o.value, o.deadline, o.strength) == (55, "2025-12-31", "aspirational")


def test_strength_from_nearest_cue_and_goal_heading():
    obs = targets("各地要确保每个县至少建成1所特困供养机构。")
    assert obs[0].strength == "binding" and obs[0].comparator == ">="
    obs = targets("鼓励有条件的地方建设10个示范中心。")
    assert obs[0].strength == "encouraged"
    obs = targets("二、工作目标\n到2025年,全省养老床位达到30万张。\n三、重点任务\n到2025年,建成20个示范街道。")
    assert [o.strength for o in obs] == ["aspirational", "binding"]


def test_agencies_from_clause_then_addressees():
    obs = targets("省卫生健康委负责到2023年培训护理员5000人次。\n到2023年,建成50个站。")
    assert obs[0].agencies == ["省卫生健康委"]
    assert obs[1].agencies == ["各市、县(区)民政局"]
    obs = targets("各地要在2022年底前建成30个示范点。")
    assert obs[0].agencies == ["各市、县(区)民政局"]


def test_repeats_merge_into_one_with_all_evidence():
    text = "到2025年,全省社区养老服务设施覆盖率达到90%。\n解读:明确到2025年全省社区养老服务设施覆盖率达到90%。"
    (o,) = targets(text)
    assert o.value == 90 and len(o.evidence) == 2


def test_document_numbers_dates_and_ordinals_are_not_values():
    assert targets("一是根据《关于印发2021年工作要点的通知》(某民发〔2021〕3号)精神推进五社联动。") == []


def test_offsets_point_into_text_and_raw():
    notice = extract(HEAD + "到2025年,全省养老床位达到30万张。" + TAIL)
    o = notice.obligations[0]
    assert notice.text[o.start : o.end] == o.sentence
    raw = HEAD + "到2025年,全省养老床位达到30万张。" + TAIL
    assert raw[o.raw_start : o.raw_end] == o.sentence


@pytest.mark.parametrize("body,value,unit", [
    ("到2025年,每千人口拥有3岁以下婴幼儿托位数达到4.5个。", 4.5, "个"),
    ("到2025年,城镇调查失业率控制在5.5%以内。", 5.5, "%"),
    ("2023年,城镇新增就业50万人以上。", 500000, "人"),
])
def test_other_policy_areas(body, value, unit):
    obs = targets(body)
    assert [(o.value, o.unit) for o in obs] == [(value, unit)]


def test_listed_quantities_keep_their_own_nouns_and_units():
    obs = targets("对未就业毕业生,要在7月底前提供不少于3次岗位推介、1次职业指导和1次技能培训。")
    valued = [o for o in obs if o.value is not None]
    assert [(o.value, o.unit, o.subject) for o in valued] == [(3, "次", "岗位推介"), (1, "次", "职业指导"), (1, "次", "技能培训")]


def test_concentration_units_and_within_n_years_is_not_a_deadline():
    (o,) = targets("到2025年,全省PM2.5年均浓度控制在25微克/立方米以下。")
    assert (o.value, o.unit, o.comparator) == (25, "微克/立方米", "<=")
    (o,) = targets("对招用离校2年内未就业高校毕业生的企业,按每人1000元给予补贴。")
    assert o.deadline is None


def test_comparator_makes_a_recurring_training_goal_a_target():
    (o,) = targets("省卫生健康委会同省教育厅负责每年培训托育从业人员不少于1万人次。")
    assert (o.kind, o.value, o.unit, o.recurrence) == ("target", 10000, "人次/年", "每年")
    assert o.agencies == ["省卫生健康委", "省教育厅"]


def test_task_table_columns_name_the_responsible_units():
    body = ("附件:重点任务分工表\n序号\t任务\t牵头单位\t配合单位\n"
            "1\t到2023年底,建成50个社区嵌入式养老服务中心\t省民政厅\t省发展改革委、省财政厅\n"
            "2\t到2024年,护理型床位占比达到55%\t省卫生健康委\t省民政厅\n")
    obs = targets(body, head="关于印发养老服务行动方案的通知\n各市人民政府:\n", tail="\n江西省人民政府\n2022年3月1日")
    assert [o.value for o in obs] == [50, 55]
    assert obs[0].agencies == ["江西省民政厅", "江西省发展改革委", "江西省财政厅"]
    assert obs[1].agencies == ["江西省卫生健康委", "江西省民政厅"]


def test_indicator_table_rows_give_targets_and_base_year_facts():
    body = ("表1 “十四五”养老服务发展主要指标\n"
            "序号\t指标\t单位\t2020年\t2025年\t属性\n"
            "1\t每千名老年人拥有养老床位数\t张\t32\t35\t预期性\n"
            "2\t养老机构护理型床位占比(%)\t\t40\t≥55\t约束性\n"
            "3\t持证养老护理员数量\t万人\t1.2\t3\t预期性\n")
    notice = extract(HEAD + body + TAIL)
    targets_ = [o for o in notice.obligations if o.kind == "target"]
    assert [(o.value, o.unit, o.comparator, o.deadline, o.strength) for o in targets_] == [
        (35, "张", "=", "2025-12-31", "aspirational"), (55, "%", ">=", "2025-12-31", "binding"),
        (30000, "人", "=", "2025-12-31", "aspirational")]
    assert targets_[0].subject == "每千名老年人拥有养老床位数"
    facts = [o for o in notice.obligations if o.kind == "fact"]
    assert [(o.value, o.deadline) for o in facts] == [(32, "2020-12-31"), (40, "2020-12-31"), (12000, "2020-12-31")]


def test_fractions_and_bare_year_end():
    (o,) = targets("各地要于年底前实现三分之一以上的乡镇建成服务站。")
    assert (o.value, o.unit, o.comparator, o.deadline) == (33.33, "%", ">=", "2022-12-31")


def test_recurring_count_is_a_target_but_an_adjustment_cycle_is_not():
    (o,) = targets("各地每年开展养老机构安全检查不少于2次。")
    assert (o.value, o.unit, o.recurrence) == (2, "次/年", "每年")
    assert targets("最低生活保障标准原则上每三年调整一次。") == []


def test_listed_values_share_the_subject_named_after_the_list():
    obs = targets("力争到2022年底、2023年底,全省分别有40%、60%以上的街道建成综合养老服务中心,到2024年实现全覆盖。")
    assert [o.value for o in obs] == [40, 60, 100]
    assert all(o.subject == "街道建成综合养老服务中心" for o in obs)
    obs = targets("到2023年、2024年设置专业岗位的机构占比分别达到50%、80%。")
    assert [o.subject for o in obs] == ["设置专业岗位的机构占比"] * 2


def test_recurring_report_is_due_at_its_next_occurrence():
    (o,) = targets("各地要于每年1月底前将上年度工作情况报送省民政厅。")
    assert (o.value, o.deadline, o.recurrence, o.agencies) == (None, "2023-01-31", "每年", ["各市、县(区)民政局"])


def test_status_word_inside_a_modifier_does_not_make_a_fact():
    (o,) = targets("对已建成的社工站,每站至少配备2名专职社工。")
    assert (o.kind, o.value, o.unit, o.comparator) == ("target", 2, "人", ">=")


def test_bare_department_of_the_notices_own_level_is_expanded():
    obs = targets("民政厅负责到2023年培训护理员5000人次。\n民政部门要在2023年底前建成30个站。",
                  tail="\n四川省人民政府\n2022年3月1日")
    assert obs[0].agencies == ["四川省民政厅"]
    assert obs[1].agencies == ["民政部门"]


def test_plan_period_gives_a_value_its_end_but_not_a_description():
    (o,) = targets("“十四五”时期,全省新增养老床位5万张。")
    assert (o.value, o.deadline) == (50000, "2025-12-31")
    assert targets("对“十四五”时期养老服务发展作出全面部署。") == []


def test_bare_figure_under_a_goal_heading_is_a_target():
    (o,) = targets("一、主要目标\n社会工作专业人才总量5万人。")
    assert (o.kind, o.value, o.strength) == ("target", 50000, "aspirational")
    assert targets("一、基本情况\n社会工作专业人才总量5万人。") == []


@pytest.mark.parametrize("body", [
    "到2025年、2035年,全省森林覆盖率分别达到26%以上、30%以上。",
    "2025年、2035年全省森林覆盖率分别达到26%以上、30%以上。",
    "到2025年和2035年,全省森林覆盖率分别不低于26%左右、30%左右。",
])
def test_respectively_pairs_values_each_closed_by_a_bound_word(body):
    assert [(o.value, o.deadline) for o in targets(body)] == [(26, "2025-12-31"), (30, "2035-12-31")]

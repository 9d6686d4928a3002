"""A paragraph opened by a sentence that says what a past period achieved (`2018年全区经济社会发展取得显著成效。`,
gazetteers/keywords/background.toml review_results) reports results: its figures are background, even where the
page also sets goals elsewhere. A due date (`到2025年`), a forward word or a goal section keeps them targets.
Left alone: a figure after a change verb that also marks goals (`下降到32微克`, `控制在`) stays a target there."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


HEAD = "区长在政府工作报告中提出了今年的主要预期目标。\n"

REVIEWS = [
    ("2018年全区经济社会发展取得显著成效。", "地区生产总值达到379.95亿元、增长9.3%;固定资产投资207.11亿元、增长13.1%。"),
    ("过去一年,全市经济社会发展取得新成绩。", "社会消费品零售总额实现206.36亿元、增长12.1%。"),
    ("2023年,全县各项事业取得积极进展。", "新增城镇就业1.2万人,城镇登记失业率3.2%。"),
    ("报告说,2022年全省经济运行稳中向好。", "规模以上工业增加值增长7.5%;一般公共预算收入增长6.1%。"),
    ("2021年我市民生事业成效显著。", "新增养老床位2000张,新建公办幼儿园12所。"),
    ("去年,全区生态环境保护取得明显成效。", "空气质量优良天数比例达到86.5%,PM2.5平均浓度32微克/立方米。"),
    ("2019年全市脱贫攻坚取得重大进展。", "全年减贫1.2万人,贫困发生率降至0.5%。"),
    ("2020年全县经济发展取得显著成绩。", "地区生产总值实现150亿元,增长6.2%。"),
    ("2023年,全市工业经济保持平稳。", "规上工业增加值增长8.1%,工业投资增长12%。"),
    ("2017年全区社会事业取得新进展。", "城镇居民人均可支配收入达到36671元、增长8.1%。"),
    ("市长在回顾2013年的工作时指出,全市在建设现代化国际城市的进程中迈出坚实步伐。", "全市生产总值实现8006.6亿元,增长10%;城镇登记失业率2.98%。"),
    ("回顾过去一年,我们在转型发展上迈出新步伐。", "一般公共预算收入增长6.5%,固定资产投资增长9.2%。"),
    ("一年来,全县在乡村振兴上迈出坚实步伐。", "农村居民人均可支配收入达到18500元,增长7.8%。"),
]


@pytest.mark.parametrize("lead,figures", REVIEWS)
def test_figures_after_a_review_lead_in_its_paragraph_are_results(lead, figures):
    notice = extract(HEAD + lead + figures + "\n")
    assert notice.obligations == [] or all(o.kind != "target" for o in notice.obligations), \
        [(o.value, o.kind) for o in notice.obligations]


KEPT = [
    # a due date makes the sentence a goal: 到2025年…取得显著成效
    "到2025年,全市养老服务取得显著成效。养老机构护理型床位占比达到55%。",
    # a forward word
    "力争全区经济社会发展取得新成绩。地区生产总值增长8%左右。",
    # 2019年要…: the lead has a forward word
    "2019年要确保脱贫攻坚取得重大进展。新建安置住房1000套。",
    # a goal section
    "(二)主要目标\n质量强市建设取得显著成效。制造业质量竞争力指数达到83。",
]


@pytest.mark.parametrize("body", KEPT)
def test_a_goal_sentence_with_a_result_word_keeps_its_targets(body):
    notice = extract("关于加快发展的实施意见\n" + body + "\n")
    assert any(o.kind == "target" for o in notice.obligations), [(o.value, o.kind) for o in notice.obligations]


def test_the_next_paragraph_is_not_a_review():
    notice = extract(HEAD + "2018年全区经济社会发展取得显著成效。地区生产总值增长9.3%。\n"
                     "2019年经济社会发展主要预期目标:地区生产总值增长9%,固定资产投资增长18%。\n")
    targets = sorted(o.value for o in notice.obligations if o.kind == "target")
    assert targets == [9, 18], [(o.value, o.kind) for o in notice.obligations]


# headings that report how a plan or a task went (structure.toml background_headings): figures under them are results
@pytest.mark.parametrize("heading", [
    "一、2023年国民经济和社会发展计划执行情况",
    "一、2023年计划执行情况",
    "(一)2022年目标任务完成情况",
    "一、上半年计划执行情况",
    "二、2021年民生实事完成情况",
    "一、“十三五”规划目标完成情况",
    "(一)年度重点工作完成情况",
    "一、2019年预算执行情况",
    "第一部分 2023年工作完成情况",
    "一、前三季度目标完成情况",
])
def test_figures_under_an_execution_heading_are_results(heading):
    body = "全市实现地区生产总值3347.6亿元,增长5.1%;社会消费品零售总额1130.3亿元,增长4.9%。"
    notice = extract(f"关于印发2024年国民经济和社会发展计划的通知\n{heading}\n{body}\n二、2024年主要目标\n地区生产总值增长6%左右。\n某某市人民政府\n2024年3月19日\n")
    targets = [o.value for o in notice.obligations if o.kind == "target"]
    assert targets == [6], [(o.value, o.kind) for o in notice.obligations]

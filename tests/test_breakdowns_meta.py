"""Breakdowns of a whole and meta statements (docs/breakdowns_meta.md): each class is proved by sentences written
from the rule (other places, items, units and verbs than the pages it was found on), and by targets of the same
shape that must stay targets — gold keeps a breakdown by kind of item after 其中 (web2 C06) and a sub-target in
brackets opening on 其中 (fresh_f F06)."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")

NOTICE = "关于推进民生工作的实施意见\n各区人民政府:\n"


def targets(text: str) -> list[float | None]:
    return [o.value for o in extract(text).obligations if o.kind == "target"]


# -- a whole split by place after 其中: the places' counts allocate the whole

PLACE_BREAKDOWNS = [
    ("2025年底前新建社区食堂12个,其中东湖街道3个,南山街道4个,青石镇5个。", 12, [3, 4, 5]),
    ("到2024年,全市新增养老床位900张,其中城关区300张、高新区200张、临江县400张。", 900, [300, 200, 400]),
    ("今年完成老旧小区改造60个,其中:白云街道20个,金沙乡15个,清泉村25个。", 60, [20, 15, 25]),
]


@pytest.mark.parametrize("sentence,whole,parts", PLACE_BREAKDOWNS)
def test_a_breakdown_by_place_after_qizhong_gives_no_targets_but_the_whole_stays(sentence, whole, parts):
    found = targets(NOTICE + sentence + "\n")
    assert whole in found
    assert not [v for v in found if v in parts]


ITEM_BREAKDOWNS = [
    ("2025年,新建养老设施221个,其中区县养老服务中心3个,街道综合养老服务机构26个,日托中心63个。", [221, 3, 26, 63]),
    ("到2025年,全市养老床位达到3万张,其中护理型床位占比不低于60%。", [30000, 60]),
    ("到2025年,全市新建公共充电桩2万个,其中城区1.2万个。", [20000, 12000]),
]


@pytest.mark.parametrize("sentence,values", ITEM_BREAKDOWNS)
def test_a_breakdown_by_kind_of_item_or_a_single_part_stays_a_target(sentence, values):
    found = targets(NOTICE + sentence + "\n")
    assert all(v in found for v in values), found


# -- the parts of an amount in brackets right after it

BRACKETED = [
    ("年度资金总额:\n620万(道路硬化300万元,饮水工程200万元,村容整治120万元)\n", [3000000, 2000000, 1200000]),
    ("本年度投入资金1500万元(省级补助800万元、市级配套700万元)。\n", [8000000, 7000000]),
]


@pytest.mark.parametrize("text,parts", BRACKETED)
def test_the_parts_of_an_amount_in_brackets_after_it_are_no_targets(text, parts):
    found = targets(NOTICE + text)
    assert not [v for v in found if v in parts], found


def test_a_sub_target_in_brackets_opening_on_qizhong_stays_a_target():
    found = targets(NOTICE + "到2025年,全市博物馆总量达到120座(其中特色专题博物馆10座)。\n")
    assert 120 in found and 10 in found


# -- the part of a whole already done

def test_the_part_already_done_after_qizhong_is_no_target():
    found = targets(NOTICE + "2024年11月底前新增助餐点15个,其中6个点位已完成建设。\n")
    assert 15 in found and 6 not in found


def test_a_part_still_to_do_after_qizhong_stays_a_target():
    found = targets(NOTICE + "2024年11月底前新增助餐点15个,其中6个点位要在农村地区建成。\n")
    assert 15 in found and 6 in found


# -- meta statements: a clause about a document, a speech, a meeting or its goals sets no dated duty

DATED_NEWS = "全市经济工作会议召开\n发布时间:2024-01-15 10:05:33 来源:本报\n"

META = [
    (DATED_NEWS, "在作关于2024年全市工作主要安排的报告时,他说——"),
    (DATED_NEWS, "在2024年度“美丽乡村”建设工作方案中,全县部署了多项具体任务。"),
    (DATED_NEWS, "区长昨日在政府工作报告中提出2024年全区经济社会发展的预期目标。"),
    (DATED_NEWS, "今年,根据国家下达的节能减排指标,提出单位生产总值能耗和二氧化硫排放量等年度目标。"),
    (NOTICE, "《某市人民政府关于推进智慧城市建设的意见》是2023年某市人民政府出台的意见。"),
    (DATED_NEWS, "按照规划,“十四五”期间,是全市建成区域性物流枢纽的关键时期。"),
    (DATED_NEWS, "市人大常委会会议听取和审议了全市“十四五”规划纲要实施情况中期评估的报告。"),
    (DATED_NEWS, "会议指出,到2025年,系统谋划全省数字政府建设的时间表和路线图。"),
]


@pytest.mark.parametrize("page,sentence", META)
def test_a_meta_statement_gives_no_dated_duty(page, sentence):
    assert targets(page + sentence + "\n") == []


TARGETS_SET_ABOVE = [
    "今年全市二氧化硫排放总量控制在省政府下达的范围之内。",
    "2024年,全市化学需氧量排放量不突破省政府下达的计划。",
    "到2025年,全省能源消费总量不超过国家下达的指标。",
]


@pytest.mark.parametrize("sentence", TARGETS_SET_ABOVE)
def test_keeping_within_targets_set_above_gives_no_dated_duty(sentence):
    assert targets(NOTICE + sentence + "\n") == []


DUTIES = [
    (NOTICE, "2024年底前制定全市智慧城市建设实施方案。"),
    (NOTICE, "2024年6月底前向市政府报送年度工作报告。"),
    (NOTICE, "按照省里的部署,2024年底前建成市级数据共享平台。"),
    (NOTICE, "到2025年,建立市县两级联动的考核机制。"),
    (DATED_NEWS, "区长在报告中提出,2024年底前建成全区数据共享平台。"),
]


@pytest.mark.parametrize("page,sentence", DUTIES)
def test_a_dated_duty_on_a_deliverable_stays_a_target(page, sentence):
    assert targets(page + sentence + "\n") == [None]


def test_a_number_kept_within_a_cap_set_above_stays_a_target():
    found = targets(NOTICE + "到2025年,全县用水总量不超过省里下达的指标,其中2025年不超过2.6亿立方米。\n")
    assert 260000000 in found

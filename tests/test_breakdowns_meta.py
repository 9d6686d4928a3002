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

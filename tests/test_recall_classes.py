"""Classes of gold targets the rules gave no candidate for (docs/recall_classes.md): a quantifier whose verb is no
coverage verb (`所有…均接受培训`), a quantifier after a verb of reach and a scope (`覆盖全国所有…`) or over a list
(`覆盖所有A和B`, `所有A和B以及70%的C具备…`), an age that measures a lifespan (`预期寿命提高1岁`), a forecast word
used as a noun (`预测准确率`), a growth shared by listed things (`A和B均增长8%`), two items of one list with the
same figure, and a `分别` member with the figure of a whole-city statement.

Each class is a table of sentences written from the rule (other verbs, nouns, units, years and policy areas), with
negatives of the same shape that must not become targets: achieved figures, permissions, prohibitions, age bands,
forecasts. The rules' kinds are read (the `rules_kinds` fixture); which candidates the model keeps is test_decide.py's."""
import pytest

from extractor.pipeline import extract

pytestmark = pytest.mark.usefixtures("rules_kinds")

HEAD = "某市人民政府办公室关于印发某市{area}发展规划的通知\n各区人民政府:\n一、主要目标\n"


def _targets(body: str, area: str = "卫生健康事业"):
    return [o for o in extract(HEAD.format(area=area) + body).obligations if o.kind == "target"]


def _values(body: str, area: str = "卫生健康事业"):
    return sorted((o.value, o.unit) for o in _targets(body, area) if o.value is not None)


# --- A quantifier confirmed by 均/都 before any verb: every one of the things acts, 100 %.
CONFIRMED = [
    "所有新入职的社区工作者均接受岗前培训。",
    "所有公办幼儿园均执行统一的收费标准。",
    "到2025年,所有二级以上医院均使用电子病历系统。",
    "所有本科及以上学历的新进医师均接受规范化培训。",
    "到2027年,所有行政村都通上光纤宽带。",
    "全部定点医疗机构均执行药品集中采购结果。",
]


@pytest.mark.parametrize("body", CONFIRMED)
def test_a_quantifier_confirmed_by_jun_or_dou_is_full_coverage(body):
    assert _values(body) == [(100.0, "%")]


# the same shape with a permission, a prohibition, an agent, a copula, a negation or a status word: no target
NOT_CONFIRMED = [
    "所有费用均由市财政承担。",
    "所有企业均可申请一次性补贴。",
    "所有申报材料均不得涂改。",
    "所有执法人员均为在编人员。",
    "并非所有项目都完成了验收。",
    "所有养老机构均已完成消防改造。",
    "目前,所有乡镇均已建成综合文化站。",
]


@pytest.mark.parametrize("body", NOT_CONFIRMED)
def test_a_quantifier_under_permission_prohibition_or_status_is_no_target(body):
    assert _targets(body) == []


# --- A verb of reach, a scope, then the quantifier: the scope does not hide the reach.
REACH_SCOPE = [
    "医疗责任保险覆盖全省所有二级以上公立医院。",
    "到2025年,长期护理保险惠及全市所有失能老人。",
    "到2026年,电子社保卡覆盖本市所有参保人员。",
    "到2025年,5G网络通达全县所有行政村。",
]


@pytest.mark.parametrize("body", REACH_SCOPE)
def test_a_scope_between_a_verb_of_reach_and_its_quantifier_keeps_full_coverage(body):
    assert _values(body) == [(100.0, "%")]


# --- The quantifier ranges over a list joined by 和/与/以及: one target per thing; a 、-list of attributes stays one
REACH_LIST = [
    ("远程医疗服务覆盖所有县级医院和乡镇卫生院。", 2),
    ("到2025年,家庭医生签约服务覆盖所有建档立卡贫困人口和计划生育特殊家庭。", 2),
    ("到2024年,公共法律服务惠及所有城市社区与农村社区。", 2),
    ("到2025年,救助服务覆盖所有特困、低保、低收入老年人。", 1),
    ("到2025年,所有本科及以上学历医师都接受继续教育。", 1),
]


@pytest.mark.parametrize("body,n", REACH_LIST)
def test_a_quantifier_over_a_list_gives_one_target_per_thing(body, n):
    assert _values(body) == [(100.0, "%")] * n


# --- 所有A和B以及N%的C…: the later item counts its own share, the quantifier still covers A and B.
SHARE_ITEM = [
    ("力争所有城市社区和街道以及60%的农村社区建成养老服务站。", 60.0),
    ("到2025年,所有县级医院和中医院以及80%的乡镇卫生院具备远程会诊能力。", 80.0),
    ("到2026年,所有市级医院和区级医院以及50%的社区卫生服务中心实现检查结果互认。", 50.0),
]


@pytest.mark.parametrize("body,share", SHARE_ITEM)
def test_a_later_item_with_its_own_share_leaves_the_quantifier_its_things(body, share):
    assert _values(body) == sorted([(100.0, "%"), (100.0, "%"), (share, "%")])


def test_a_share_of_the_quantified_things_is_the_only_target():
    """`所有乡镇中80%以上`: the quantifier names the base the share is of, no full coverage."""
    assert _values("到2025年,全市所有乡镇中80%以上建成综合文化站。", "公共文化服务") == [(80.0, "%")]


# --- An age after a verb of increase, or right after the lifespan it measures, is a value (岁).
LIFESPAN = [
    ("到2025年,全市人均预期寿命在2020年基础上提高1岁。", 1.0),
    ("到2030年,居民人均预期寿命比2020年增加2岁左右。", 2.0),
    ("到2035年,全区居民平均预期寿命延长1.5岁。", 1.5),
    ("人均预期寿命80岁,孕产妇死亡率控制在10/10万以下。", 80.0),
    ("到2025年,人均健康预期寿命提升1岁以上。", 1.0),
]


@pytest.mark.parametrize("body,age", LIFESPAN)
def test_an_age_that_measures_a_lifespan_is_a_value(body, age):
    assert (age, "岁") in _values(body)


# an age band after the same verbs names who is served, and a lifespan reached is background
AGE_NEGATIVES = [
    "到2025年,提高65岁以上老年人健康管理率。",
    "到2025年,增加60岁及以上老年人的助餐服务供给。",
    "到2025年,提高3岁以下婴幼儿照护服务水平。",
]


@pytest.mark.parametrize("body", AGE_NEGATIVES)
def test_an_age_band_after_a_verb_of_increase_is_no_value(body):
    assert not any(o.unit == "岁" for o in extract(HEAD.format(area="卫生健康事业") + body).obligations)


def test_a_lifespan_reached_stays_background():
    obs = extract(HEAD.format(area="卫生健康事业") + "截至2020年底,全市人均预期寿命已达78.5岁。").obligations
    assert [(o.value, o.kind) for o in obs if o.unit == "岁"] == [(78.5, "fact")]


# --- A forecast word used as a noun (预报预测, 预测准确率) forecasts nothing; as a verb (预计…增长) it still does.
FORECAST_NOUNS = [
    ("到2025年,天气预报预测更加准确,预报准确率达到85%以上。", 85.0),
    ("到2025年,地质灾害预测准确率提高5%。", 5.0),
    ("到2025年,监测预测能力明显增强,预警信息公众覆盖率达到98%。", 98.0),
    ("力争到2026年,病虫害预测预报准确率达到90%。", 90.0),
]


@pytest.mark.parametrize("body,value", FORECAST_NOUNS)
def test_a_forecast_word_used_as_a_noun_does_not_make_a_forecast(body, value):
    assert (value, "%") in _values(body, "气象事业")


def test_a_list_after_a_forecast_noun_is_not_carried_as_background():
    body = ("力争到2025年,全市基本实现气象现代化。气象观测更加全面,观测站网覆盖率达到95%以上;"
            "预报预测更加精准,短临预报准确率达到85%以上;预警发布更加及时,公众覆盖率达到96%以上。")
    assert _values(body, "气象事业") == [(85.0, "%"), (95.0, "%"), (96.0, "%")]


@pytest.mark.parametrize("body", ["预计今年全市粮食产量增长3%左右。", "预计全年规模以上工业增加值增长6%。"])
def test_a_forecast_verb_still_makes_background(body):
    assert _targets(body, "农业农村") == []


# --- A growth shared by listed things with 均: one target per thing; 年均/人均 is no share word.
SHARED_GROWTH = [
    ("今年,城镇居民人均可支配收入和农村居民人均可支配收入均增长7%左右。", 7.0, 2),
    ("到2025年,粮食产量和蔬菜产量均提高5%。", 5.0, 2),
    ("今年,规模以上工业增加值与固定资产投资均增长10%。", 10.0, 2),
    ("到2025年,能耗强度、碳排放强度均下降13%。", 13.0, 2),
    ("今年,农民人均可支配收入年均增长8%。", 8.0, 1),
]


@pytest.mark.parametrize("body,value,n", SHARED_GROWTH)
def test_a_growth_shared_by_listed_things_is_one_target_each(body, value, n):
    assert _values(body, "经济社会") == [(value, "%")] * n


# --- Two items of one list with the same figure are two targets; a headline restating the body is one.
SIBLINGS = [
    "到2025年,实现以下目标:\n1、新建市级三级公立医院12家,其中10家在城区。\n2、建成10家在全省具有影响力的专科医院。",
    "到2025年,实现以下目标:\n(1)改造老旧小区30个,其中8个在开发区。\n(2)打造8个完整社区示范点。",
    "到2026年:\n●新增托位5000个,普惠托位占比达到60%。\n●培育60%以上的托育机构达到示范标准。",
]


@pytest.mark.parametrize("body", SIBLINGS)
def test_two_items_of_one_list_with_the_same_figure_stay_two_targets(body):
    values = [o.value for o in _targets(body)]
    repeated = {v for v in values if values.count(v) > 1}
    assert repeated, values


def test_a_headline_and_the_body_stating_one_target_stay_one_record():
    text = "某市将新建10家示范性养老机构\n各区人民政府:\n到2025年,全市新建10家示范性养老机构。"
    assert [o.value for o in extract(text).obligations if o.kind == "target"] == [10.0]


# --- A 分别 member with the figure of a whole-city statement is its own target.
RESPECTIVE = [
    ("全市每千人养老服务设施建筑面积达到50平方米", "一类、二类、三类区每千人养老服务设施建筑面积分别达到55平方米、50平方米、45平方米", 50.0),
    ("全市公共交通出行分担率达到40%", "中心城区、近郊区、远郊区公共交通出行分担率分别达到50%、40%、30%", 40.0),
    ("全市义务教育巩固率达到98%", "城区、镇区、乡村义务教育巩固率分别达到99%、98%、97%", 98.0),
]


@pytest.mark.parametrize("whole,listed,shared", RESPECTIVE)
def test_a_respectively_member_is_not_merged_into_a_whole_statement(whole, listed, shared):
    body = f"到2025年,{whole}。\n二、分区目标\n到2025年,{listed}。"
    assert [o.value for o in _targets(body, "城市建设")].count(shared) == 2


def test_a_respectively_list_restated_is_still_one_target_per_member():
    listed = "一类、二类、三类区每千人养老服务设施建筑面积分别达到55平方米、50平方米、45平方米"
    body = f"到2025年,{listed}。\n二、政策解读\n到2025年,{listed}。"
    assert sorted(o.value for o in _targets(body, "养老服务")) == [45.0, 50.0, 55.0]

"""The long tail of numbers (docs/annotation.md "value", "unit", "comparator", "deadline"): measure words
outside the common list, quantifiers that mean 100 %, approximate caps, changed standards, durations, repeats,
and ordinals or idioms that are no values. Each behaviour is a table of sentences written for the test, from
many policy areas."""
import pytest

from extractor.pipeline import extract

HEAD = "关于印发某某省高质量发展行动方案的通知\n各市人民政府,省直各部门:\n"
TAIL = "\n某某省人民政府\n2022年3月1日"


def targets(body: str):
    return [o for o in extract(HEAD + body + TAIL).obligations if o.kind == "target"]


@pytest.mark.parametrize("sentence,value,unit", [
    ("到2025年,城市家庭千兆光纤网络覆盖率达到100%,重点场所实现万兆接入1000个。", 1000, "个"),
    ("到2025年,港口集装箱吞吐量达到500万标箱。", 5000000, "标箱"),
    ("到2024年,企业开办时间压缩到1个工作日以内。", 1, "工作日"),
    ("到2025年,全省新能源装机容量达到5000万千瓦。", 50000000, "千瓦"),
    ("到2025年,年供水能力达到12亿立方米。", 1200000000, "立方米"),
    ("到2025年,全市新建充电桩2万台。", 20000, "台"),
    ("到2023年,政务服务事项办理时限压缩至3小时以内。", 3, "小时"),
    ("到2025年,每千人口执业(助理)医师数达到3.2人。", 3.2, "人"),
    ("到2025年,新增高标准农田80万亩。", 800000, "亩"),
    ("到2025年,全省5G基站数量达到8万座。", 80000, "座"),
    ("到2025年,全省移动支付用户达5亿。", 500000000, None),
    ("力争到2025年,数字经济核心产业增加值达到八千亿规模。", 800000000000, None),
])
def test_measure_words_outside_the_common_list(sentence, value, unit):
    obs = [o for o in targets(sentence) if o.value == value]
    assert obs, [(o.value, o.unit) for o in targets(sentence)]
    assert obs[0].unit == unit


@pytest.mark.parametrize("sentence", [
    "到2025年,所有乡镇都要建成综合养老服务中心。",
    "到2024年底,全省各县均建成公办养老机构。",
    "到2025年,每个村都有卫生室。",
    "2023年底前,全部行政村开通客运班车。",
    "到2025年,所有县(市、区)均设立未成年人保护工作站。",
    "到2026年,城市社区全部建立党群服务中心。",
    "到2025年,义务教育学校办学条件均达标。",
    "2024年,每个街道都将建立社会工作站。",
    "到2025年,全省所有二级以上医院都开展远程医疗服务。",
    "到2023年底,全部养老机构达到二级以上标准。",
])
def test_quantifiers_mean_full_coverage(sentence):
    obs = targets(sentence)
    full = [o for o in obs if o.value == 100 and o.unit == "%"]
    assert full, [(o.value, o.unit) for o in obs]


@pytest.mark.parametrize("sentence,value,comparator", [
    ("全年居民消费价格涨幅控制在3%左右。", 3, "="),
    ("城镇调查失业率控制在5.5%左右。", 5.5, "="),
    ("人口自然增长率控制在7‰左右。", 7, "="),
    ("城镇登记失业率控制在4.5%以内。", 4.5, "<="),
    ("单位生产总值能耗下降3%左右。", 3, "="),
    ("地区生产总值增长6%左右。", 6, "="),
    ("细颗粒物平均浓度控制在35微克/立方米以下。", 35, "<="),
    ("全年新增建设用地控制在5000亩以内。", 5000, "<="),
    ("城市公共供水管网漏损率控制在9%以内。", 9, "<="),
    ("化肥使用量控制在300万吨左右。", 3000000, "="),
])
def test_approximate_is_equal_and_within_is_a_cap(sentence, value, comparator):
    obs = [o for o in targets("2022年," + sentence) if o.value == value]
    assert obs and obs[0].comparator == comparator


@pytest.mark.parametrize("sentence,value,value_max,unit", [
    ("自2023年1月1日起,城乡低保标准由每人每月600元提高到每人每月650元。", 650, None, "元/月"),
    ("从2024年7月1日起,孤儿基本生活保障标准由每人每月1200元提高至1300元。", 1300, None, "元/月"),
    ("自2023年起,高龄津贴由每人每年1200元调整为每人每年1500～1800元。", 1500, 1800, "元/年"),
    ("自2025年1月1日起,特困人员救助供养标准从每人每月900元提高到每人每月1000元。", 1000, None, "元/月"),
    ("自2023年7月1日起,残疾人护理补贴由每人每月80元提高到每人每月100元。", 100, None, "元/月"),
])
def test_a_changed_standard_gives_only_the_new_value(sentence, value, value_max, unit):
    obs = targets(sentence)
    assert [(o.value, o.value_max, o.unit) for o in obs] == [(value, value_max, unit)]


@pytest.mark.parametrize("sentence,deadline", [
    ("通过3年努力,全省建成100个示范社区。", "2024-12-31"),
    ("用三年时间,新建改造城市燃气管网500公里。", "2024-12-31"),
    ("力争用5年时间,实现乡镇综合文化站全覆盖。", "2026-12-31"),
    ("用2到3年时间,完成全部老旧小区改造任务1200个。", "2024-12-31"),
    ("经过两年努力,全省培育专精特新企业300家。", "2023-12-31"),
    ("年底前,全省新建公共充电桩5000个。", "2022-12-31"),
    ("年内新增城镇就业50万人。", "2022-12-31"),
    ("今年全省新建改建农村公路3000公里。", "2022-12-31"),
    ("明年年底前,所有县建成综合物流中心。", "2023-12-31"),
    ("2024年底前,完成危旧房改造2000户。", "2024-12-31"),
])
def test_durations_and_relative_years_count_from_the_notice_date(sentence, deadline):
    obs = targets(sentence)
    assert obs and all(o.deadline == deadline for o in obs), [(o.value, o.deadline) for o in obs]


@pytest.mark.parametrize("sentence,count", [
    ("到2025年,城市生活垃圾无害化处理率达到100%,农村卫生厕所普及率达到100%。", 2),
    ("到2025年,义务教育巩固率达到97%,高中阶段毛入学率达到97%。", 2),
    ("到2025年,新建社区养老服务中心50个。到2025年,新建乡镇敬老院50个。", 2),
    ("到2025年,城镇污水处理率达到95%。为此,到2025年,城镇污水处理率达到95%以上。", 1),
])
def test_two_targets_with_the_same_value_stay_two_a_restatement_merges(sentence, count):
    assert len(targets(sentence)) == count


@pytest.mark.parametrize("sentence", [
    "推进二期工程建设。",
    "深入学习贯彻党的十九届五中全会精神。",
    "推动高效办成一件事。",
    "实施政务服务一网通办。",
    "开展城乡环境整治三年行动。",
    "对新招用人员给予一次性奖励。",
    "打造“1+3+N”服务体系。",
    "落实“四个不摘”要求。",
    "推进“两新一重”建设。",
    "完善“五社联动”机制。",
])
def test_ordinals_and_idioms_are_no_values(sentence):
    assert [o.value for o in targets(sentence) if o.value is not None] == []

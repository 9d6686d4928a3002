import pytest

from extractor.extractors.quantities import find_quantities


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


@pytest.mark.parametrize("text,value,unit", [
    ("全市养老机构护理型床位达到1.2万张", 12000, "张"),
    ("城镇新增就业1100万人以上", 11_000_000, "人"),
    ("建设保障性租赁住房15万套", 150_000, "套"),
    ("安排资金3.5亿元", 350_000_000, "元"),
    ("每个乡镇配备两名专职人员", 2, "人"),
    ("培训社区工作者三千人次", 3000, "人次"),
    ("高标准农田达到1亿亩", 100_000_000, "亩"),
    ("新改建农村公路5000公里", 5000, "公里"),
    ("覆盖率提高到百分之八十五", 85, "%"),
    ("失业率提高2个百分点", 2, "个百分点"),
    ("每人每月补贴不低于500元", 500, "元/月"),
    ("每年开展培训不少于2次", 2, "次/年"),
    ("新建口袋公园120平米", 120, "平方米"),
])
def test_values_units(text, value, unit):
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize("text,comparator", [
    ("入园率达到90%以上", ">="), ("每个县至少建成1所", ">="), ("不少于200个", ">="), ("不低于100元", ">="),
    ("失业率控制在5.5%以内", "<="), ("不超过上年度支出的3%", "<="), ("不高于总支出5%的比例", "<="), ("建成50个", None),
])
def test_comparators(text, comparator):
    assert one(text).comparator == comparator


def test_ranges_and_approximate_values():
    q = one("培育三到五个示范机构")
    assert (q.value, q.value_max, q.comparator) == (3, 5, "range")
    q = one("建成3—5家")
    assert (q.value, q.value_max) == (3, 5)
    q = one("专业人才三万多人")
    assert q.value == 30000 and q.approx
    q = one("1.7万余个")
    assert q.value == 17000 and q.approx


@pytest.mark.parametrize("text", [
    "一是加强领导", "推动五社联动", "建立三级服务体系", "按照“五个一”的要求", "培育一批社工机构", "培养一支队伍",
    "第三次分配", "每千名老年人", "平均每5万人", "《关于印发2020年工作要点的通知》", "鄂发〔2020〕14号",
    "面向3岁以下婴幼儿", "2021年2月26日", "作为一项重要工作",
    "各民族都是一家人", "全省一盘棋", "落实一把手责任", "推行一站式服务", "绘就一张蓝图",
])
def test_not_quantities(text):
    assert find_quantities(text) == [], text


def test_full_coverage_phrases_mean_100_percent():
    for text in ("到2024年实现全覆盖", "村(社区)都有社会工作者提供服务", "各乡镇全部建成服务站"):
        q = one(text)
        assert (q.value, q.unit) == (100, "%")
    q = one("服务站100%全覆盖")
    assert q.text == "100%"
    assert find_quantities("各项工作都有所提高") == []


@pytest.mark.parametrize("text,values", [
    ("耕地保有量不低于513.53万公顷(7703万亩)", [5135300.0]),
    ("新增造林面积30万亩（2万公顷）", [300000.0]),
    ("铁路营业里程达到1200公里(其中高铁300公里)", [1200.0, 300.0]),
    ("森林覆盖率达到45%(比2020年提高2个百分点)", [45.0, 2.0]),
])
def test_a_value_restated_in_brackets_in_another_unit_is_not_a_second_value(text, values):
    assert [q.value for q in find_quantities(text)] == values

"""Recall on long plans and fresh pages (issue 22): behaviours whose absence lost targets that the rules had
found (docs/quality.md "Misses by cause").

Each behaviour is a table of surface variants written from the rule (table forms, list markers, verbs, units,
years, policy areas), so the rule is shown to be general, not fitted to one page."""
import pytest

from extractor.pipeline import extract

HEAD = "关于印发某某市“十四五”发展规划的通知\n各区人民政府,市政府各部门:\n现将规划印发给你们,请认真贯彻执行。\n"
TAIL = "\n三、保障措施\n(一)加强组织领导。各部门要加强协同。\n某某市人民政府\n2021年6月1日"


def _targets(text: str):
    return [o for o in extract(HEAD + text + TAIL).obligations if o.kind == "target"]


# --- A table row is its own indicator: a prose target of another indicator with the same value (even in a
# heading line, which may restate anything) does not swallow it; a prose target that names the same indicator
# does. (area, prose goal in a heading line, header, rows (name, unit, base, target); the row the prose restates)
TABLES = [
    ("养老", "(一)总体目标。到2025年,县级特困供养机构失能照护设施达标率达到60%。",
     ["指标", "单位", "2020年", "2025年目标"],
     [("养老机构护理型床位占比", "%", "40", "60"), ("设立老年医学科的综合性医院占比", "%", "—", "60"),
      ("老年教育参与率", "%", "6", "25")], None),
    ("托育", "(二)发展目标。到2025年,每千人口拥有3岁以下婴幼儿托位数4.5个。",
     ["指标名称", "单位", "2020年完成值", "2025年目标值"],
     [("每千人口3岁以下婴幼儿托位数", "个", "1.2", "4.5"), ("新生儿访视率", "%", "89", "90"),
      ("托育机构登记备案率", "%", "—", "90")], 0),
    ("教育", "一、主要目标。到2025年,义务教育学校达到省定办学标准的比例为100%。",
     ["指标", "单位", "基期值", "目标值"],
     [("义务教育巩固率", "%", "98", "100"), ("学前教育普惠率", "%", "85", "100"),
      ("高中阶段毛入学率", "%", "92", "95")], None),
    ("卫生", "(一)主要目标。到2025年,每千人口执业(助理)医师数达到3.2人。",
     ["指标", "单位", "现状值", "2025年"],
     [("每千人口执业(助理)医师数", "人", "2.8", "3.2"), ("每千人口注册护士数", "人", "3.0", "3.2"),
      ("每万人口全科医生数", "人", "2.9", "3.5")], 0),
    ("水利", "(二)具体指标。到2025年,城镇污水集中收集率达到70%以上。",
     ["序号", "指标", "单位", "2025年目标值"],
     [("1", "城市公共供水管网漏损率", "%", "9"), ("2", "城市再生水利用率", "%", "25"),
      ("3", "农村自来水普及率", "%", "70")], None),
    ("就业", "二、发展目标。到2025年,城镇新增就业50万人。",
     ["指标名称", "单位", "2020年", "2025年目标"],
     [("城镇新增就业人数", "万人", "45", "50"), ("农村劳动力转移就业人数", "万人", "40", "50"),
      ("城镇调查失业率", "%", "5.5", "5.5")], 0),
    ("体育", "(三)工作目标。到2025年,经常参加体育锻炼人数比例达到45%。",
     ["指标", "单位", "2020年", "2025年目标"],
     [("经常参加体育锻炼人数比例", "%", "40", "45"), ("国民体质监测合格率", "%", "90", "93"),
      ("社区健身设施覆盖率", "%", "80", "93")], 0),
    ("民政", "(一)总体目标。到2025年,乡镇(街道)社会工作服务站覆盖率达到100%。",
     ["指标", "单位", "2020年", "2025年目标值"],
     [("乡镇(街道)社会工作服务站覆盖率", "%", "30", "100"), ("城乡社区综合服务设施覆盖率", "%", "90", "100"),
      ("特困人员集中供养率", "%", "35", "40")], 0),
    ("住房", "二、主要目标。到2025年,筹集保障性租赁住房3万套。",
     ["指标", "单位", "基期值", "2025年目标"],
     [("城镇老旧小区改造数量", "个", "120", "300"), ("既有住宅加装电梯数量", "部", "100", "300"),
      ("筹集保障性租赁住房套数", "万套", "1", "3")], 2),
    ("文旅", "(二)发展目标。到2025年,公共图书馆达到350个。",
     ["指标", "单位", "2020年", "2025年目标"],
     [("公共图书馆数量", "个", "300", "350"), ("文化馆数量", "个", "300", "350"), ("博物馆数量", "座", "100", "120")], 0),
]


PROSE_VALUE = {"养老": 60, "教育": 100, "水利": 70}


def _as_heading(prose: str) -> str:
    """The goal as a short heading line of its own (`(一)到2025年…达到60%`), which may restate any target."""
    marker, goal = prose.split("。", 1)[0], prose.split("。", 1)[1].rstrip("。")
    return marker[: marker.index(")") + 1 if ")" in marker else marker.index("、") + 1] + goal


@pytest.mark.parametrize("form", ["sentence", "heading line"])
@pytest.mark.parametrize("sep", [" | ", "\t"], ids=["pipes", "tabs"])
@pytest.mark.parametrize("area,prose,header,rows,restated", TABLES, ids=[t[0] for t in TABLES])
def test_a_table_row_is_not_swallowed_by_a_prose_target_of_equal_value(area, prose, header, rows, restated, sep, form):
    table = "\n".join(sep.join(r) for r in [header, *rows])
    prose = prose if form == "sentence" else _as_heading(prose)
    obs = _targets(prose + "\n" + table)
    got = sorted(o.value for o in obs)
    want = [float(r[3]) * (10000 if r[1].startswith("万") else 1) for r in rows]
    if restated is None:
        want.append(PROSE_VALUE[area])  # the prose names another indicator: its own target
    assert got == sorted(want), area

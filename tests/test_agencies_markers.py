"""Who must act (docs/annotation.md "agencies"): responsible-unit markers after an item or inside it, and the
fallback to the addressees and then the issuers. Each behaviour is a table of sentences from several areas."""
import pytest

from extractor.pipeline import extract

HEAD = "关于印发某某市重点工作任务分工方案的通知\n各区人民政府,市政府各部门:\n"
TAIL = "\n某某市人民政府\n2022年3月1日"


def agencies_of(body: str, head: str = HEAD, tail: str = TAIL):
    obs = [o for o in extract(head + body + tail).obligations if o.kind == "target"]
    assert obs, "no target"
    return obs[0].agencies


@pytest.mark.parametrize("body,expected", [
    ("1.到2025年,新建社区养老服务中心50个。(牵头单位:市民政局;配合单位:市财政局)", ["市民政局", "市财政局"]),
    ("2.到2024年,新增城镇就业3万人。(责任单位:市人力资源社会保障局)", ["市人力资源社会保障局"]),
    ("3.到2025年,城市生活垃圾回收利用率达到35%。牵头单位:市城市管理局。", ["市城市管理局"]),
    ("4.到2023年底,完成老旧小区改造120个。(市住房城乡建设局牵头,各区政府负责落实)", ["市住房城乡建设局", "各区政府"]),
    ("5.到2025年,全市森林覆盖率达到45%。(牵头考核单位:市林业局)", ["市林业局"]),
    ("6.到2025年,普惠性幼儿园覆盖率达到90%,由市教育局负责。", ["市教育局"]),
    ("7.市卫生健康委牵头、市医保局配合,到2025年每千人口床位数达到6张。", ["市卫生健康委", "市医保局"]),
    ("8.到2024年,新建公共充电桩3000个。责任单位:市发展改革委、市供电公司", ["市发展改革委", "市供电公司"]),
    ("9.到2025年,高标准农田面积达到50万亩(责任部门:市农业农村局)。", ["市农业农村局"]),
    ("10.到2025年,全市公交分担率达到60%。(主责单位:市交通运输局,配合单位:各区政府)", ["市交通运输局", "各区政府"]),
])
def test_responsible_unit_markers_name_the_agencies(body, expected):
    got = agencies_of(body)
    for name in expected:
        assert any(name in g or g in name for g in got), (got, expected)


def test_no_body_named_falls_back_to_the_addressees():
    assert agencies_of("到2025年,全市新建社区食堂100个。") == ["各区人民政府", "市政府各部门"]


def test_no_addressees_falls_back_to_the_issuers():
    got = agencies_of("到2025年,全市新建社区食堂100个。", head="关于印发某某市养老服务方案的通知\n")
    assert got == ["某某市人民政府"]


@pytest.mark.parametrize("body", [
    "武汉市、襄阳市可吸入颗粒物年均浓度较2012年下降18%。",
    "到2025年,推动建设一批示范项目,全市新建社区食堂100个。",
])
def test_a_place_or_a_verb_phrase_is_no_agency(body):
    got = agencies_of(body)
    assert "武汉市" not in got and not any(g.startswith("推动") for g in got)

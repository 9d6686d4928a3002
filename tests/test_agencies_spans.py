"""Who must act (issue 23, GOLD_FORMAT.md "agencies"): the division of labour inside a task, the span of a
name (a 、-list of levels with one body is one entry; a verb phrase or a bare place is no body), and the fallback
chain on news pages, where the issuer is printed as the news source. Capability tables: ten or more variants each,
written from the rule across bodies, provinces, levels and verbs."""
from __future__ import annotations

import pytest

from extractor.extractors.agencies import actors_in, split_bodies
from extractor.pipeline import extract

HEAD = "关于印发重点工作任务分工方案的通知\n各市、县(区)人民政府,省政府各部门:\n"
TAIL = "\n某某省人民政府\n2022年3月1日"


def agencies_of(body: str, head: str = HEAD, tail: str = TAIL) -> list[str]:
    obs = [o for o in extract(head + body + tail).obligations if o.kind == "target" and o.value is not None]
    assert obs, "no target"
    return obs[0].agencies


def in_full(got: list[str], expected: list[str]) -> bool:
    """The names expected, each as printed or written in full with the notice's region (省民政厅 -> X省民政厅)."""
    return len(got) == len(expected) and all(g == e or (e[0] in "省市县" and g.endswith(e[1:])) for g, e in zip(got, expected))


# --- 由X负责 / 由X牵头: the body after 由, split into its bodies ---------------------------------------------
@pytest.mark.parametrize("body,expected", [
    ("到2025年,全省新建养老服务中心80个,由省民政厅负责。", ["省民政厅"]),
    ("到2024年底,完成农村危房改造1.2万户,由省住房城乡建设厅牵头负责。", ["省住房城乡建设厅"]),
    ("由省教育厅负责,到2025年学前三年毛入园率达到92%。", ["省教育厅"]),
    ("到2025年,县域医共体覆盖率达到100%,由各市、县(区)人民政府负责组织实施。", ["各市、县(区)人民政府"]),
    ("由省交通运输厅会同省财政厅负责,到2023年新改建农村公路5000公里。", ["省交通运输厅", "省财政厅"]),
    ("到2025年,森林覆盖率达到62%,由省林业局牵头。", ["省林业局"]),
    ("到2024年,新增城镇就业40万人,由省人力资源社会保障厅、省财政厅负责。", ["省人力资源社会保障厅", "省财政厅"]),
    ("由市卫生健康委承担,到2025年每千人口床位数达到6.5张。", ["市卫生健康委"]),
    ("到2025年,农村自来水普及率达到90%,由县水利局负责落实。", ["县水利局"]),
    ("到2023年,建成充电桩2万个,由省能源局和省发展改革委负责。", ["省能源局", "省发展改革委"]),
])
def test_the_body_after_you_is_responsible(body, expected):
    assert in_full(agencies_of(body), expected)


# --- X牵头、Y配合 over the clauses of one task: every body of the division of labour ------------------------
@pytest.mark.parametrize("body,expected", [
    ("省卫生健康委牵头、省医保局配合,到2025年每千人口执业医师数达到3.2人。", ["省卫生健康委", "省医保局"]),
    ("省生态环境厅牵头,省水利厅、省农业农村厅配合,到2025年地表水优良水体比例达到90%。",
     ["省生态环境厅", "省水利厅", "省农业农村厅"]),
    ("省科技厅牵头,省财政厅参与,到2025年研发经费投入强度达到2.5%。", ["省科技厅", "省财政厅"]),
    ("市民政局牵头,市财政局配合,到2024年新建社区食堂120个。", ["市民政局", "市财政局"]),
    ("省商务厅牵头,省邮政管理局配合,到2025年建成县级物流配送中心80个。", ["省商务厅", "省邮政管理局"]),
    ("县教育局牵头,县财政局、县人力资源社会保障局配合,到2025年新增公办学位3000个。",
     ["县教育局", "县财政局", "县人力资源社会保障局"]),
    ("省文化和旅游厅牵头,省财政厅配合,到2025年建成城市书房500个。", ["省文化和旅游厅", "省财政厅"]),
    ("市体育局牵头,各区政府配合,到2025年人均体育场地面积达到2.6平方米。", ["市体育局", "各区政府"]),
    ("省工业和信息化厅牵头,省通信管理局参与,到2025年建成5G基站8万个。", ["省工业和信息化厅", "省通信管理局"]),
    ("市城市管理局牵头,市住房城乡建设局配合,到2024年生活垃圾回收利用率达到38%。", ["市城市管理局", "市住房城乡建设局"]),
])
def test_a_division_of_labour_names_every_body(body, expected):
    assert in_full(agencies_of(body), expected)


# --- a 、-list of levels of government with one body after it is one entry ------------------------------
@pytest.mark.parametrize("text,expected", [
    ("各市、县(区)人民政府", ["各市、县(区)人民政府"]),
    ("各设区市、县(市、区)民政部门", ["各设区市、县(市、区)民政部门"]),
    ("各市、州、县(市、区)民政局", ["各市、州、县(市、区)民政局"]),
    ("各市、县人民政府、省政府各部门", ["各市、县人民政府", "省政府各部门"]),
    ("省、市、县各级", ["省、市、县各级"]),
    ("省教育厅、市、县教育部门", ["省教育厅", "市、县教育部门"]),
    ("各市州、县市区人民政府", ["各市州、县市区人民政府"]),
    ("各乡镇、街道办", ["各乡镇、街道办"]),
    ("各县(市、区)卫生健康局、医保局", ["各县(市、区)卫生健康局", "医保局"]),
    ("市发展改革委、市财政局", ["市发展改革委", "市财政局"]),
    ("武汉市、宜昌市", ["武汉市", "宜昌市"]),
])
def test_a_list_of_levels_shares_its_body(text, expected):
    assert split_bodies(text) == expected


@pytest.mark.parametrize("body,expected", [
    ("各市、县(区)人民政府要在2024年6月底前完成摸底排查,排查率达到100%。", ["各市、县(区)人民政府"]),
    ("各设区市、县(市、区)民政部门要在2023年底前建成区域养老服务中心200个。", ["各设区市、县(市、区)民政部门"]),
    ("各市、州、县(市、区)卫生健康部门要在2025年前建成胸痛中心100个。", ["各市、州、县(市、区)卫生健康部门"]),
    ("各市、县(市)教育局要确保2024年底前义务教育巩固率达到97%。", ["各市、县(市)教育局"]),
    ("各市州、县市区人民政府要在2025年底前完成城镇老旧小区改造3000个。", ["各市州、县市区人民政府"]),
    ("各县(区)、乡镇人民政府要在年底前建成应急避难场所50个。", ["各县(区)、乡镇人民政府"]),
    ("各市、县(市、区)农业农村部门要在2025年前建成高标准农田300万亩。", ["各市、县(市、区)农业农村部门"]),
    ("各区、县(市)交通运输局要在2024年底前新增公交线路40条。", ["各区、县(市)交通运输局"]),
    ("各市、区卫生健康部门要在2023年底前建成社区医院200个。", ["各市、区卫生健康部门"]),
    ("各州、市、县人民政府要在2025年前实现乡镇综合文化站全覆盖,覆盖率达到100%。", ["各州、市、县人民政府"]),
])
def test_a_list_of_levels_in_a_task_is_one_agency(body, expected):
    assert agencies_of(body) == expected


# --- a verb phrase or a bare place is no body -----------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "推动建设一批示范项目,全市新建社区食堂100个。",
    "加快推进城乡融合发展,常住人口城镇化率达到65%。",
    "深入实施创新驱动发展战略,研发经费投入强度达到2.5%。",
    "全面推进乡村振兴,农村居民人均可支配收入增长7%。",
    "大力发展数字经济,数字经济核心产业增加值占比达到12%。",
    "武汉市、襄阳市可吸入颗粒物年均浓度下降18%。",
    "厦门市空气质量优良天数比例达到98%。",
    "郑州市、洛阳市城镇化率达到70%。",
    "持续改善生态环境,森林覆盖率达到45%。",
    "着力提升公共服务水平,每千人口执业医师数达到3.5人。",
])
def test_a_verb_phrase_or_a_place_is_no_agency(sentence):
    assert actors_in(sentence, 0, len(sentence)) == []


# --- news pages: the issuer printed as the news source carries to the targets -----------------------------
@pytest.mark.parametrize("page,expected", [
    ("海南今年将新建10所幼儿园\n2023-02-01\n记者从海南省教育厅获悉,今年全省将新建公办幼儿园10所。", ["海南省教育厅"]),
    ("山西今年改造老旧小区1855个\n2023-03-01\n据山西省住房和城乡建设厅消息,2023年全省将开工改造城镇老旧小区1855个。",
     ["山西省住房和城乡建设厅"]),
    ("厦门发布托育新政\n2023-02-01\n近日,厦门市卫生健康委员会印发《厦门市托育服务发展行动方案》,到2025年新增托位3000个。",
     ["厦门市卫生健康委员会"]),
    ("五部门印发节水规划\n2021-11-09\n近日,国家发展改革委、水利部、工业和信息化部联合印发《节水型社会建设规划》,到2025年万元GDP用水量下降16%。",
     ["国家发展改革委", "水利部", "工业和信息化部"]),
    ("上海出台养老设施规划\n2023-01-05\n日前,由上海市民政局会同上海市规划和自然资源局联合编制的《上海市养老服务设施布局专项规划》出台,到2025年建成养老床位17.8万张。",
     ["上海市民政局", "上海市规划和自然资源局"]),
    ("今年城镇新增就业目标1100万人\n2023-03-01\n人力资源和社会保障部部长王晓萍表示,今年城镇新增就业目标为1100万人。",
     ["人力资源和社会保障部"]),
    ("旅游休闲街区将达300个\n2024-08-30\n近日,文化和旅游部发布《2024年文化和旅游发展规划》。《规划》提出,到2025年建成旅游休闲街区300个。",
     ["文化和旅游部"]),
    ("宁夏新能源规划出台\n2009-06-28\n根据宁夏回族自治区人民政府最新出台的新能源发展规划,到2020年宁夏风电装机将达到500万千瓦。",
     ["宁夏回族自治区人民政府"]),
    ("湖南发布健身计划\n2022-05-06\n5日,湖南省体育局召开新闻发布会,发布《湖南省全民健身实施计划》,到2025年人均体育场地面积达到2.6平方米。",
     ["湖南省体育局"]),
    ("广东水利规划\n2022-04-01\n记者从广东省水利厅了解到,到2025年全省农田灌溉水有效利用系数达到0.53。", ["广东省水利厅"]),
])
def test_a_news_page_gives_its_targets_the_issuer_it_names(page, expected):
    assert agencies_of(page, head="", tail="") == expected


# --- the bodies of one line of work in a whole region (全市卫生计生系统) act together ---------------------------
@pytest.mark.parametrize("sentence,name", [
    ("“十三五”期间,全市卫生计生系统将加快重大项目建设,力争新增医疗机构床位1.7万张。", "全市卫生计生系统"),
    ("今年,全省民政系统要新建社区养老服务中心200个。", "全省民政系统"),
    ("全区教育系统将在2025年前新增公办学位3万个。", "全区教育系统"),
    ("全县农业农村系统要在年底前建成高标准农田5万亩。", "全县农业农村系统"),
    ("全国人力资源社会保障系统要确保城镇新增就业1100万人以上。", "全国人力资源社会保障系统"),
    ("各级财政系统要在2024年底前完成预算绩效评价全覆盖。", "各级财政系统"),
    ("全州交通运输系统将在2025年前新改建农村公路3000公里。", "全州交通运输系统"),
    ("全市应急管理系统要在6月底前完成隐患排查1000处。", "全市应急管理系统"),
    ("全省市场监管系统将在年内完成食品抽检10万批次。", "全省市场监管系统"),
    ("全市文化旅游系统要在2025年前建成城市书房100个。", "全市文化旅游系统"),
])
def test_a_line_of_work_in_a_region_acts(sentence, name):
    assert [a.name for a in actors_in(sentence, 0, len(sentence))] == [name]

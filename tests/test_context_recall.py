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


# --- An operator sign written before a number (`≥50%`, `＜5`, `> 30`) is the comparator, in prose as in a row
# of cells that no table reader took. (sentence, value, comparator)
SIGNS = [
    ("到2025年,全市城市生活垃圾回收利用率≥35%。", 35, ">="),
    ("到2025年,县级医院床位使用率＞75%。", 75, ">="),
    ("到2025年,农村自来水普及率 > 90%。", 90, ">="),
    ("到2025年,城市公共供水管网漏损率≤9%。", 9, "<="),
    ("到2025年,重度及以上污染天数比例＜2%。", 2, "<="),
    ("到2025年,工业用水重复利用率>=92%。", 92, ">="),
    ("到2025年,城镇调查失业率<=5.5%。", 5.5, "<="),
    ("到2025年,每千人口医疗卫生机构床位数≥6.5张。", 6.5, ">="),
    ("到2025年,新建建筑中绿色建筑占比 ≥ 70%。", 70, ">="),
    ("到2025年,义务教育学校平均班额≤45人。", 45, "<="),
    ("到2025年,规模以上工业企业研发机构覆盖率≧40%。", 40, ">="),
]


@pytest.mark.parametrize("sentence,value,comparator", SIGNS, ids=[s[0][8:20] for s in SIGNS])
def test_an_operator_sign_before_a_number_is_its_comparator(sentence, value, comparator):
    obs = _targets("一、主要目标\n" + sentence)
    assert [(o.value, o.comparator) for o in obs] == [(value, comparator)]


def test_a_word_ending_in_a_sign_character_is_not_a_sign():
    obs = _targets("一、主要目标\n到2025年,护理型床位占比不小于60%,社区养老服务设施空置率小于10%。")
    assert [(o.value, o.comparator) for o in obs] == [(60, ">="), (10, "<=")]


# --- A line that ends in a dash (`广州提出,到2025年——`) is a lead-in like one ending in a colon: its due date
# reaches the items under it that name no year of their own. (lead-in, item marker, expected deadline)
ITEMS = [("公共图书馆总量达到350个以上", 350), ("红色旅游年接待人数达4300万人次左右", 43000000),
         ("每万人拥有室内公共文化设施面积达1800平方米", 1800)]
DASH_LEADS = [
    ("为焕发经典魅力,广州提出,到2025年——", "●{item}", "2025-12-31"),
    ("到2025年——", "——{item}", "2025-12-31"),
    ("力争到2027年——", "{n}.{item};", "2027-12-31"),
    ("全省文化和旅游厅明确,到2023年底——", "•{item}", "2023-12-31"),
    ("按照规划,到2030年——", "({n}){item}。", "2030-12-31"),
    ("“十四五”时期——", "{c}{item}", "2025-12-31"),
    ("记者从市文广旅局获悉,到2026年——", "◆{item}", "2026-12-31"),
    ("到2024年末——", "{n}、{item}", "2024-12-31"),
    ("根据实施方案,到2028年——", "■{item}", "2028-12-31"),
    ("规划提出,到2035年——", "▲{item}", "2035-12-31"),
]
CIRCLED = "①②③④⑤"


@pytest.mark.parametrize("lead,fmt,deadline", DASH_LEADS, ids=[d[0] for d in DASH_LEADS])
def test_a_line_ending_in_a_dash_leads_the_list_under_it(lead, fmt, deadline):
    lines = [fmt.format(item=t, n=i, c=CIRCLED[i - 1]) for i, (t, _) in enumerate(ITEMS, 1)]
    obs = _targets(lead + "\n" + "\n".join(lines))
    assert [o.value for o in obs] == [v for _, v in ITEMS]
    assert [o.deadline for o in obs] == [deadline] * 3


# --- A goal heading run into its text (`(二)主要目标。到2025年,…`) dates the numbered goals under it, as a
# lead-in would; a heading that names no goal does not. (heading line, expected deadline)
RUN_INS = [
    ("(二)主要目标。到2025年,质量整体水平全面提高,质量强省建设取得显著成效。", "2025-12-31"),
    ("二、发展目标。力争到2027年,公共文化服务水平显著提升。", "2027-12-31"),
    ("(一)工作目标:到2023年底,全市养老服务体系更加健全。", "2023-12-31"),
    ("(三)总体目标。到2030年,健康城市建设取得显著成效。", "2030-12-31"),
    ("三、主要目标。到2026年,全县就业形势总体稳定。", "2026-12-31"),
    ("(二)具体目标。到2024年,全区营商环境进一步优化。", "2024-12-31"),
    ("(一)发展目标:到2028年,城乡供水一体化格局基本形成。", "2028-12-31"),
    ("二、工作目标。到2025年底,医疗卫生服务能力明显提升。", "2025-12-31"),
    ("(四)主要目标。到2029年,生态环境质量持续改善。", "2029-12-31"),
    ("(二)预期目标。到2035年,基本实现社会主义现代化。", "2035-12-31"),
]
GOALS = [("研发投入强度达到3.3%", 3.3), ("制造业质量竞争力指数达到92以上", 92), ("全员劳动生产率达到22万元/人", 220000)]


@pytest.mark.parametrize("heading,deadline", RUN_INS, ids=[r[0][:8] for r in RUN_INS])
def test_a_goal_heading_run_into_its_text_dates_the_goals_under_it(heading, deadline):
    subs = "\n".join(f"{i}.经济发展质量效益持续跃升。经济结构更加优化,{g}。" for i, (g, _) in enumerate(GOALS, 1))
    obs = _targets("一、总体要求\n" + heading + "\n" + subs)
    assert [o.value for o in obs] == [v for _, v in GOALS]
    assert [o.deadline for o in obs] == [deadline] * 3
    assert all(o.strength == "aspirational" for o in obs)


def test_a_heading_that_names_no_goal_dates_nothing_under_it():
    obs = _targets("一、总体要求\n(二)基本原则。到2025年,坚持统筹推进。\n1.坚持创新驱动。研发投入强度达到3.3%。")
    assert [(o.value, o.deadline) for o in obs] == [(3.3, None)]


# --- A table cell holds its own measure, perhaps a rate with a qualifier (`≤0.35吨标准煤/万元`, `400元/人、天`),
# and a bound opens with a sign; a 参考值/指标值 column is the target column. (cell, value, unit, comparator)
CELLS = [
    ("≤0.35吨标准煤/万元", 0.35, "吨标准煤/万元", "<="),
    ("≤0.6吨二氧化碳/万元", 0.6, "吨二氧化碳/万元", "<="),
    ("≥22万元/人", 220000, "元/人", ">="),
    ("400元/人、天", 400, "元/人/天", "="),
    ("18万立方米/日", 180000, "立方米/日", "="),
    ("12.3年以上", 12.3, "年", ">="),
    ("≥85%", 85, "%", ">="),
    ("5万人以上", 50000, "人", ">="),
    ("2.6平方米/人", 2.6, "平方米/人", "="),
    ("≥1.5万公里", 15000, "公里", ">="),
    ("6.5张/千人", 6.5, "张/千人", "="),
]
NAMES = ["单位工业增加值综合能耗", "单位工业增加值二氧化碳排放量", "全员劳动生产率", "培训成本", "新增污水处理能力",
         "劳动年龄人口平均受教育年限", "工业用水重复利用率", "新增社会工作专业人才", "人均体育场地面积",
         "新改建农村公路里程", "每千人口医疗卫生机构床位数"]


@pytest.mark.parametrize("header", [
    ["序号", "类别", "具体指标", "绩效参考值"],
    ["序号", "领域", "指标名称", "指标值"],
    ["序号", "类别", "指标", "2025年目标值"],
], ids=["参考值", "指标值", "目标值"])
def test_a_cell_with_its_own_measure_and_bound_gives_value_unit_and_comparator(header):
    rows = [[str(i), "绿色低碳" if i % 3 == 1 else "", name, cell] for i, (name, (cell, *_)) in enumerate(zip(NAMES, CELLS), 1)]
    table = "\n".join(" | ".join(c for c in r if c) + " |" for r in [header, *rows])
    obs = _targets(table)
    assert [(o.value, o.unit, o.comparator) for o in obs] == [(v, u, c) for _, v, u, c in CELLS]
    assert all(o.strength == "aspirational" for o in obs), "a 指标 column names goals"


# --- A number with no measure word after a linking verb is a value even when a bound word follows it
# (`指数达到92以上`, `死亡率控制在0.81以内`): unit null, comparator from the bound. (sentence, value, comparator)
BARE = [
    ("到2025年,制造业质量竞争力指数达到92以上。", 92, ">="),
    ("到2027年,区域科技创新指数达到160以上。", 160, ">="),
    ("到2010年,亿元国内生产总值生产安全事故死亡率控制在0.81以内。", 0.81, "<="),
    ("到2010年,道路交通万车死亡率下降到7.0以下。", 7.0, "<="),
    ("到2020年,农田灌溉水有效利用系数达到0.55以上。", 0.55, ">="),
    ("到2025年,煤矿百万吨死亡率控制在0.05以下。", 0.05, "<="),
    ("到2025年,城市综合交通指数达到85左右。", 85, "="),
    ("到2026年,营商环境便利度指数超过90。", 90, ">="),
    ("到2030年,人类发展指数提高到0.85以上。", 0.85, ">="),
    ("到2024年,基尼系数控制在0.4以内。", 0.4, "<="),
]


@pytest.mark.parametrize("sentence,value,comparator", BARE, ids=[b[0][6:18] for b in BARE])
def test_a_bare_index_value_before_a_bound_word_is_read(sentence, value, comparator):
    obs = _targets("一、主要目标\n" + sentence)
    assert [(o.value, o.unit, o.comparator) for o in obs] == [(value, None, comparator)]


# --- A measure written with a slash after it is a rate (`22万元/人`, `18万立方米/日`, `400元/人、天`); a monthly
# standard per person (`1231元/人/月`) is 元/月, as 每人每月 gives. (sentence, value, unit)
RATES = [
    ("到2025年,全员劳动生产率达到22万元/人。", 220000, "元/人"),
    ("到2023年,新增污水处理能力18万立方米/日。", 180000, "立方米/日"),
    ("培训成本不超过400元/人、天。", 400, "元/人/天"),
    ("到2025年,单位地区生产总值能耗降至0.35吨标准煤/万元。", 0.35, "吨标准煤/万元"),
    ("到2025年,人均体育场地面积达到2.6平方米/人。", 2.6, "平方米/人"),
    ("自2023年1月1日起,孤儿基本生活保障标准提高到1231元/人/月。", 1231, "元/月"),
    ("自2024年7月1日起,城市低保标准提高到9600元/人/年。", 9600, "元/年"),
    ("到2025年,社区老年助餐服务能力达到25万人次/天。", 250000, "人次/天"),
    ("到2025年,新增燃气锅炉供热能力300蒸吨/小时。", 300, "蒸吨/小时"),
    ("到2027年,高标准农田粮食单产提高到600公斤/亩。", 600, "千克/亩"),  # 公斤 is named 千克
    ("到2025年,每千人口拥有养老床位达到40张/千人。", 40, "张/千人"),
]


@pytest.mark.parametrize("sentence,value,unit", RATES, ids=[r[2] for r in RATES])
def test_a_measure_with_a_slash_is_a_rate(sentence, value, unit):
    obs = _targets("二、重点任务\n" + sentence)
    assert [(o.value, o.unit) for o in obs] == [(value, unit)]


# --- A table whose cells are apart by single spaces opens with a header of header words only; a two-level name
# (`二级指标 三级指标`) names the row by its last level; a table under a dated lead-in takes its date.
# (lead-in, header, rows (group, name, target, actual), expected (value, comparator), deadline)
SPACED = [
    ("2021年区域绩效目标自评表:", "二级指标 三级指标 指标值 完成值",
     [("数量指标", "药品抽验品种", "≥3", "4"), ("", "化妆品监管企业数", "≥290", "311"), ("质量指标", "抽检完成率", "100%", "100%")],
     [(3, ">="), (290, ">="), (100, "=")], "2021-12-31"),
    ("2022年度项目绩效目标如下:", "一级指标 二级指标 年度指标值 实际完成值",
     [("产出指标", "培训农民人数", "≥500人", "520人"), ("", "新建高标准农田", "≥1.2万亩", "1.3万亩"), ("效益指标", "群众满意度", "≥90%", "95%")],
     [(500, ">="), (12000, ">="), (90, ">=")], "2022-12-31"),
    ("到2025年,主要指标如下:", "类别 指标 目标值 基期值",
     [("民生", "城镇新增就业", "5万人", "4.5万人"), ("", "城镇调查失业率", "≤5.5%", "5.2%"), ("生态", "森林覆盖率", "≥45%", "43%")],
     [(50000, "="), (5.5, "<="), (45, ">=")], "2025-12-31"),
    ("2023年工作目标:", "领域 指标名称 目标值 现状值",
     [("教育", "学前教育普惠率", "≥85%", "80%"), ("", "义务教育巩固率", "≥97%", "96%"), ("卫生", "每千人口执业医师数", "3.2人", "2.9人")],
     [(85, ">="), (97, ">="), (3.2, "=")], "2023-12-31"),
    ("2024年度绩效目标表:", "二级指标 三级指标 指标值 完成值",
     [("数量指标", "开展养老服务培训", "≥12次", "14次"), ("", "新增养老床位", "≥300张", "320张"), ("时效指标", "资金拨付率", "100%", "100%")],
     [(12, ">="), (300, ">="), (100, "=")], "2024-12-31"),
    ("到2027年,具体指标:", "类别 具体指标 参考值 现状值",
     [("能源", "非化石能源消费占比", "≥20%", "15%"), ("", "终端电气化率", "≥50%", "40%"), ("资源", "工业用水重复利用率", "≥85%", "80%")],
     [(20, ">="), (50, ">="), (85, ">=")], "2027-12-31"),
    ("2021年项目支出绩效目标如下:", "一级指标 二级指标 指标值 实际值",
     [("产出指标", "资助困难学生人数", "≥1200人", "1250人"), ("", "发放助学金", "≥360万元", "370万元"), ("效益指标", "资助覆盖率", "100%", "100%")],
     [(1200, ">="), (3600000, ">="), (100, "=")], "2021-12-31"),
    ("到2026年,发展指标如下:", "类别 指标 目标值 基期值",
     [("交通", "农村公路总里程", "≥1.5万公里", "1.3万公里"), ("", "建制村通客车率", "100%", "98%"), ("物流", "快递服务乡镇覆盖率", "100%", "95%")],
     [(15000, ">="), (100, "="), (100, "=")], "2026-12-31"),
    ("2022年整体绩效目标:", "二级指标 三级指标 指标值 完成值",
     [("数量指标", "河道巡查次数", "≥48次", "50次"), ("", "水质监测点位", "≥20个", "22个"), ("质量指标", "水质达标率", "≥90%", "92%")],
     [(48, ">="), (20, ">="), (90, ">=")], "2022-12-31"),
    ("2023年度绩效目标如下:", "一级指标 二级指标 年度指标值 实际完成值",
     [("产出指标", "发放消费券", "≥2000万元", "2100万元"), ("", "参与商户数量", "≥500家", "560家"), ("效益指标", "商户满意度", "≥85%", "90%")],
     [(20000000, ">="), (500, ">="), (85, ">=")], "2023-12-31"),
]


@pytest.mark.parametrize("lead,header,rows,expected,deadline", SPACED, ids=[s[1] + " " + s[4][:4] for s in SPACED])
def test_a_table_with_single_spaces_between_cells_is_read_under_its_header(lead, header, rows, expected, deadline):
    lines = [" ".join(c for c in r if c) for r in rows]
    obs = _targets(lead + "\n" + header + "\n" + "\n".join(lines))
    assert [(o.value, o.comparator) for o in obs] == expected
    assert [o.deadline for o in obs] == [deadline] * 3
    assert all(o.strength == "aspirational" for o in obs), "a 指标 table sets goals"



# --- A sentence whose opening names goals (`在“十四五”主要指标中,`, `主要预期目标是,`) makes its cue-less values
# goals; a paragraph that opens with 其中 breaks down the goals of the paragraph before and keeps their context.
# (sentence or two paragraphs, expected strengths of its targets in order)
FRAMES = [
    ("在“十四五”信息化发展主要指标中,到2025年5G用户普及率达56%,网民规模达12亿。", ["aspirational"] * 2),
    ("今年全省经济社会发展的主要预期目标是,生产总值增长6%左右,城镇新增就业50万人。", ["aspirational"] * 2),
    ("全市“十四五”发展目标为:到2025年,森林覆盖率达到45%,城市污水处理率达到98%。", ["aspirational"] * 2),
    ("《规划》提出发展目标,到2025年,学前教育毛入学率达到99%以上,高中阶段毛入学率达到98%。\n"
     "其中,“十四五”期间新改扩建普惠性幼儿园200所,新增学位5万个。", ["aspirational"] * 4),
    ("《方案》明确了工作目标,到2025年,养老机构护理型床位占比达到60%。\n其中,新增养老床位3000张。",
     ["aspirational", "aspirational"]),
    ("在主要指标中,到2030年人均预期寿命达到80岁,婴儿死亡率降至4‰。", ["aspirational"] * 2),
    ("《意见》提出的总体目标是,到2027年,全省高新技术企业达到1.5万家。\n其中,科技型中小企业达到3万家。",
     ["aspirational", "aspirational"]),
    ("到2025年,全县要新建农村公路300公里。\n其中,新建产业路100公里。", ["binding", "binding"]),
    ("各地要在2023年底前建成社区食堂200个。\n其中,城区建成120个。", ["binding", "binding"]),
    ("在全市主要目标中,到2026年城镇调查失业率控制在5.5%以内。", ["aspirational"]),
]


@pytest.mark.parametrize("text,strengths", FRAMES, ids=[f[0][:12] for f in FRAMES])
def test_a_goal_frame_in_the_sentence_or_the_paragraph_before_a_breakdown_makes_goals(text, strengths):
    obs = _targets("二、重点任务\n" + text)
    assert [o.strength for o in obs] == strengths

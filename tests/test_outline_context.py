"""Context that flows down the outline (docs/annotation.md "deadline", "strength"): a lead-in dates and
qualifies the items of its list, a goal heading makes cue-less targets aspirational, an effective date
governs a series of standards, and the parts of a breakdown (`其中`) share the whole's due date.

Each behaviour is a table of surface variants written from the rule (markers, separators, verbs, units,
years), so the rule is shown to be general, not fitted to one page."""
import pytest

from extractor.pipeline import extract

HEAD = "关于印发某某省民生事业发展规划的通知\n各市人民政府,省直各部门:\n"
TAIL = "\n某某省人民政府\n2022年3月1日"

ITEMS = [("城市社区综合服务设施覆盖率达到95%", 95, "%"), ("养老机构护理型床位占比不低于55%", 55, "%"),
         ("新建普惠性托育机构120个", 120, "个")]

# (lead-in lines before the items, item marker format, expected deadline, expected strength)
LEAD_INS = [
    ("——到2020年底前要实现的数字型目标", "{item}", "2020-12-31", "aspirational"),
    ("二、主要目标\n到2025年,实现以下目标:", "{n}.{item};", "2025-12-31", "aspirational"),
    ("2025年工作目标如下:", "({n}){item}。", "2025-12-31", "aspirational"),
    ("到2023年底前,要完成以下任务:", "{c}{item};", "2023-12-31", "binding"),
    ("“十四五”时期主要指标:", "——{item}。", "2025-12-31", "aspirational"),
    ("力争到2027年:", "{cn}是{item};", "2027-12-31", "aspirational"),
    ("到2024年,全省要实现:", "•{item}", "2024-12-31", "binding"),
    ("(二)发展目标\n到2030年,主要指标达到:", "{n}、{item}", "2030-12-31", "aspirational"),
    ("三、工作目标\n到2026年底:", "{item}。", "2026-12-31", "aspirational"),
    ("具体目标\n到2025年底前,全面完成以下任务:", "({n}){item};", "2025-12-31", "aspirational"),
    ("今年主要预期目标为:", "{item},", "2022-12-31", "aspirational"),
]
CIRCLED = "①②③④⑤"
CN = "一二三四五"


def _list(lead: str, fmt: str) -> str:
    lines = [fmt.format(item=t, n=i, c=CIRCLED[i - 1], cn=CN[i - 1]) for i, (t, _, _) in enumerate(ITEMS, 1)]
    return lead + "\n" + "\n".join(lines)


@pytest.mark.parametrize("lead,fmt,deadline,strength", LEAD_INS, ids=[x[0].split("\n")[-1] for x in LEAD_INS])
def test_a_lead_in_dates_and_qualifies_every_item_of_its_list(lead, fmt, deadline, strength):
    notice = extract(HEAD + _list(lead, fmt) + TAIL)
    obs = [o for o in notice.obligations if o.kind == "target"]
    assert [(o.value, o.unit) for o in obs] == [(v, u) for _, v, u in ITEMS]
    assert [o.deadline for o in obs] == [deadline] * 3
    assert [o.strength for o in obs] == [strength] * 3


def test_an_item_with_its_own_year_keeps_it():
    notice = extract(HEAD + "——到2025年底前要实现的数字型目标\n农村社区综合服务设施覆盖率达到50%\n到2024年,社会工作服务机构达到1万家" + TAIL)
    obs = [o for o in notice.obligations if o.kind == "target"]
    assert [(o.value, o.deadline) for o in obs] == [(50, "2025-12-31"), (10000, "2024-12-31")]


def test_a_heading_of_the_next_section_ends_the_list():
    notice = extract(HEAD + "到2025年,实现以下目标:\n1.城市社区综合服务设施覆盖率达到95%;\n二、重点任务\n(一)每年新增养老床位500张。" + TAIL)
    obs = {o.value: o for o in notice.obligations if o.kind == "target"}
    assert obs[95].deadline == "2025-12-31"
    assert obs[500].deadline is None and obs[500].strength == "binding"


@pytest.mark.parametrize("heading", ["(一)主要目标", "二、发展目标", "工作目标", "1.预期目标", "三、主要指标"])
def test_goal_headings_make_cue_less_targets_aspirational(heading):
    notice = extract(HEAD + heading + "\n到2025年,全省城乡居民基本养老保险参保率保持在95%以上,新增城镇就业50万人。\n四、保障措施\n各地要确保新建学校30所。" + TAIL)
    obs = {o.value: o for o in notice.obligations if o.kind == "target"}
    assert obs[95].strength == "aspirational" and obs[500000].strength == "aspirational"
    assert obs[30].strength == "binding"
    assert heading.split("、")[-1].split(")")[-1].split(".")[-1] in " ".join(obs[95].outline_path)


@pytest.mark.parametrize("series", [
    "我市孤儿最低养育标准调整如下:社会散居孤儿每人每月1265元,福利机构内孤儿每人每月1998元。新标准从2017年1月1日起实施。",
    "城乡低保标准调整为:城市每人每月800元,农村每人每月650元。调整后的标准自2024年7月1日起执行。",
    "自2023年1月1日起,特困人员基本生活标准提高到:城市每人每月1100元,农村每人每月900元。",
    "从2025年7月1日起,残疾人两项补贴标准调整如下:困难残疾人生活补贴每人每月90元,重度残疾人护理补贴每人每月100元。",
])
def test_an_effective_date_governs_a_series_of_standards(series):
    notice = extract(HEAD + series + TAIL)
    obs = [o for o in notice.obligations if o.kind == "target"]
    assert len(obs) == 2 and all(o.unit == "元/月" for o in obs)
    effective = {o.deadline for o in obs}
    assert len(effective) == 1 and effective.pop() in ("2017-01-01", "2024-07-01", "2023-01-01", "2025-07-01")


@pytest.mark.parametrize("sentence,parts", [
    ("2023年,全市将新建养老设施221个,其中区县养老服务中心3个,街道综合养老服务机构26个,日托中心63个。", [221, 3, 26, 63]),
    ("到2025年,全省新增学位5万个,其中学前教育学位2万个、义务教育学位3万个。", [50000, 20000, 30000]),
    ("今年计划培训农民工10万人次,其中返乡创业培训2万人次。", [100000, 20000]),
])
def test_parts_of_a_breakdown_share_the_whole_deadline(sentence, parts):
    notice = extract(HEAD + sentence + TAIL)
    obs = [o for o in notice.obligations if o.kind == "target"]
    assert [o.value for o in obs] == parts
    assert len({o.deadline for o in obs}) == 1 and obs[0].deadline is not None


@pytest.mark.parametrize("sentence,value", [
    ("到2025年,85个省控断面水质优良比例达到92%。", 92),
    ("到2025年,全省12个地级市空气质量优良天数比率达到90%以上。", 90),
    ("全市3个国家级开发区单位工业增加值能耗下降15%。", 15),
    ("到2024年,全省100个县(市、区)养老服务中心覆盖率达到60%。", 60),
])
def test_a_count_that_modifies_the_subject_is_not_a_target(sentence, value):
    notice = extract(HEAD + sentence + TAIL)
    obs = [o for o in notice.obligations if o.kind == "target"]
    assert [o.value for o in obs] == [value]

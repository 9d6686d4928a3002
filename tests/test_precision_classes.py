"""False targets by class (docs/precision_classes.md): each class is proved by sentences written from the rule
(other verbs, units, years, policy areas than the pages it was found on), and by targets of the same shape that
must stay targets. The pages are a news report (a dateline and a reporter), a statistics-style news page with a
date, or a notice, as each class needs."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")

NEWS = "全市民生工作取得新进展\n本报讯(记者 王明)\n"
DATED_NEWS = "数据概览:经济运行情况\n发布时间:{date} 10:05:33 来源:本报\n"
NOTICE = "关于推进民生工作的实施意见\n各区人民政府:\n"


def targets(text: str) -> list[float | None]:
    return [o.value for o in extract(text).obligations if o.kind == "target"]


# -- a level verb (控制在, 稳定在, 提升到) after a status word, or alone in a news report, states a level reached

LEVEL_REACHED = [
    "去年全市用水总量控制在12亿立方米以内。",
    "截至2023年底,全省森林覆盖率已提升到45.2%。",
    "目前全县城镇登记失业率已控制在3.1%以内。",
    "去年全市细颗粒物平均浓度下降到32微克/立方米。",
    "过去五年,全区累计完成造林8万亩,森林覆盖率由41%提高到43.5%。",
    "全年粮食产量达到52万吨,连续五年稳定在50万吨以上,其中秋粮增长2.3%。",
    "据介绍,全市基本医疗保险参保率保持在96%以上。",
    "出口和进口的国际市场份额分别稳定在14%和10%以上。",
]


@pytest.mark.parametrize("sentence", LEVEL_REACHED)
def test_a_level_verb_reporting_a_level_reached_gives_no_target(sentence):
    assert targets(NEWS + sentence + "\n") == []


LEVEL_GOALS = [
    (NOTICE, "到2025年,全市用水总量控制在12亿立方米以内。", 1200000000),
    (NOTICE, "目前全市养老床位3万张,力争提高到5万张。", 50000),
    (NOTICE, "截至2020年已建成50个,到2025年提高到100个。", 100),
    (NEWS, "全省将把城镇调查失业率控制在5.5%以内。", 5.5),
    (NEWS, "《规划》提出,到2025年全市森林覆盖率提高到45%。", 45),
    (NEWS, "《方案》明确,城镇调查失业率控制在5.5%以内。", 5.5),
]


@pytest.mark.parametrize("page,sentence,value", LEVEL_GOALS)
def test_a_level_verb_with_a_modal_a_due_date_or_a_quoted_plan_stays_a_target(page, sentence, value):
    assert value in targets(page + sentence + "\n")


# -- the old value of a change, across a comma or an adverb, with more verbs of change

OLD_VALUES = [
    ("全省5G基站数量将从2020年的3.6万个,增加到2025年的25万个。", 36000, 250000),
    ("5G网络用户普及率将从11%增至60%。", 11, 60),
    ("增雨作业覆盖面积由现有的1000平方公里扩展到8522平方公里。", 1000, 8522),
    ("到2025年,每千人口床位数从5.2张稳步增长至6.5张。", 5.2, 6.5),
    ("到2025年,高技能人才从2020年的45万人跃升至60万人。", 450000, 600000),
    ("到2030年,作业面积由目前的300万亩拓展到500万亩。", 3000000, 5000000),
]


@pytest.mark.parametrize("sentence,old,new", OLD_VALUES)
def test_the_old_value_of_a_change_is_no_target_and_the_new_one_is(sentence, old, new):
    found = targets(NOTICE + sentence + "\n")
    assert old not in found and new in found, found


# -- a part of the page's year that ended before the page was written is the period a figure was reached in

ELAPSED = [
    ("2023-08-27", "2023年上半年,全区实现地区生产总值806亿元,同比增长3.2%。"),
    ("2022-09-28", "一季度农村居民人均可支配收入6596元,实际增长7.7%。"),
    ("2022-09-28", "上半年全市城镇新增就业3.5万人,实际完成4.1万人。"),
    ("2023-08-27", "2023年上半年,全国339个地级及以上城市平均优良天数比例为81.4%,同比下降3.2个百分点。"),
    ("2024-11-17", "分季度看,一季度国内生产总值同比增长4.5%,二季度增长6.3%,三季度增长4.9%。"),
    ("2022-09-28", "前三季度全国居民人均可支配收入同比实际增长4.9%。"),
]


@pytest.mark.parametrize("date,sentence", ELAPSED)
def test_an_elapsed_part_of_the_year_frames_a_figure_reached(date, sentence):
    assert targets(DATED_NEWS.format(date=date) + sentence + "\n") == []


def test_a_part_of_the_year_still_ahead_or_marked_due_stays_a_due_date():
    ahead = DATED_NEWS.format(date="2023-01-10") + "今年上半年,全市将完成老旧小区改造100个。\n"
    assert 100 in targets(ahead)
    marked = DATED_NEWS.format(date="2023-08-27") + "全市将于2023年底前完成老旧小区改造200个。\n"
    assert 200 in targets(marked)


# -- a result measured against its target: the margin it was passed by, the share of the target done

AGAINST_TARGET = [
    ("城镇调查失业率前四年均值为5.3%,低于5.5%的预期控制目标。", [5.3, 5.5]),
    ("细颗粒物平均浓度为30微克/立方米,好于年度目标近3微克/立方米。", [3]),
    ("全国优良天数比例为85.5%,好于年度目标0.6个百分点。", [0.6]),
    ("全市新开工改造城镇老旧小区4830个,占年度目标任务的94.4%。", [94.4]),
    ("地区生产总值10.3亿元,占年计划的53.3%。", [53.3]),
    ("规模以上工业产值7.3亿元,完成全年目标的52%。", [52]),
    ("困难残疾人家庭无障碍改造1.28万户,超额完成任务目标。", [12800]),
    ("单位生产总值能耗下降2.3%,高于省定目标1.1个百分点。", [1.1]),
]


@pytest.mark.parametrize("sentence,reached", AGAINST_TARGET)
def test_a_result_measured_against_its_target_gives_no_target(sentence, reached):
    found = targets(NEWS + sentence + "\n")
    assert not set(reached) & set(found), found


KEPT_AGAINST = [
    ("确保全年城镇调查失业率低于5.5%。", 5.5),
    ("到2025年,养老机构护理型床位占比不低于55%。", 55),
    ("力争全年完成固定资产投资120亿元。", 12000000000),
]


@pytest.mark.parametrize("sentence,value", KEPT_AGAINST)
def test_a_goal_stated_as_a_level_stays_a_target(sentence, value):
    assert value in targets(NOTICE + sentence + "\n")


# -- a duty of meeting targets set elsewhere restates them

TARGETS_MET = [
    "到2025年,确保完成省下达的“十四五”节能减排目标。",
    "今年年底前,全面完成国家下达的节能减排各项约束性指标。",
    "“十三五”规划确定的教育发展主要目标任务将如期实现。",
    "2024年,全市要圆满完成年度各项目标任务。",
    "“十四五”规划的主要指标年底前提前完成。",
]


@pytest.mark.parametrize("sentence", TARGETS_MET)
def test_a_duty_of_meeting_targets_set_elsewhere_is_no_duty(sentence):
    assert targets(NOTICE + sentence + "\n") == []


DUTIES_KEPT = [
    "各区要于2024年6月底前完成目标责任书签订并报市民政局备案。",
    "到2025年底前完成目标任务分解方案的制定。",
    "到2025年,建成区域养老服务中心。",
]


@pytest.mark.parametrize("sentence", DUTIES_KEPT)
def test_a_dated_duty_with_a_deliverable_of_its_own_stays(sentence):
    assert None in targets(NOTICE + sentence + "\n")


# -- a news report that reviews what a period achieved

REVIEW = "“十四五”时期民政事业发展成就新闻发布会举行\n本报讯(记者 李华)国新办举行新闻发布会,介绍“十四五”时期民政事业发展成就。\n"

REVIEWED = [
    "“十四五”期间,全国累计建成社区养老服务设施10万个。",
    "她表示,“十四五”期间,中央财政累计安排补助资金450亿元。",
    "据了解,“十四五”期间,全国累计发布72个新职业。",
    "“十四五”时期,全国累计完成适老化改造224万户。",
]


@pytest.mark.parametrize("sentence", REVIEWED)
def test_a_review_reads_the_periods_own_figures_as_results(sentence):
    assert targets(REVIEW + sentence + "\n") == []


REVIEW_GOALS = [
    ("“十五五”期间,将新建社区养老服务设施5万个。", 50000),
    ("到2030年,力争养老机构护理型床位占比达到70%。", 70),
    ("下一步,到2027年全国要建成区域养老服务中心3000个。", 3000),
]


@pytest.mark.parametrize("sentence,value", REVIEW_GOALS)
def test_a_review_keeps_the_goals_it_states(sentence, value):
    assert value in targets(REVIEW + sentence + "\n")


def test_a_plan_period_figure_in_a_news_report_that_reviews_nothing_is_read_as_before():
    page = "全市卫生健康事业发展规划出台\n本报讯(记者 王明)\n《规划》提出,“十四五”期间,全市累计新增医疗机构床位1万张。\n"
    assert 10000 in targets(page)


def test_a_review_reads_the_period_carried_from_an_earlier_sentence_as_its_own():
    page = REVIEW + "“十四五”期间,全国交通运输发展成效显著;城市公交运营线路总长度达到175万公里。\n"
    assert targets(page) == []


PAST_SPANS = [
    "过去一年,全市平均每天约有120万人次乘坐公共交通。",
    "过去五年,全区新建养老机构35家。",
    "十年来,全省新增医疗机构床位2.1万张。",
    "这些年全县新建农村公路1200公里。",
]


@pytest.mark.parametrize("sentence", PAST_SPANS)
def test_a_span_of_past_years_frames_a_figure_reached(sentence):
    assert targets(NEWS + sentence + "\n") == []


def test_the_years_ahead_still_frame_a_goal():
    assert 50 in targets(NOTICE + "今后五年,全市将新建养老机构50家。\n")


# -- a statistics bulletin signed by its statistics bureau is still a statistics report

BULLETIN = """{title}
{signer}
2023年3月15日
初步核算,全年地区生产总值2560亿元,比上年增长5.1%。其中,第一产业增加值210亿元,增长3.2%;第二产业增加值1080亿元,增长4.6%。
第一产业增加值占地区生产总值的比重为8.2%,第二产业增加值比重为42.2%。
"""


@pytest.mark.parametrize("title,signer", [
    ("某市2022年国民经济和社会发展统计公报", "某市统计局"),
    ("2022年某县国民经济和社会发展统计公报", "某县统计局 国家统计局某县调查队"),
    ("某省2022年卫生健康事业发展统计公报", "某省卫生健康委员会"),
])
def test_a_signed_statistics_bulletin_sets_no_targets(title, signer):
    notice = extract(BULLETIN.format(title=title, signer=signer))
    assert notice.genre == "statistics"
    assert [o.value for o in notice.obligations if o.kind == "target"] == []


def test_a_notice_that_issues_a_bulletin_stays_a_notice():
    text = "关于印发某市2022年统计公报编制方案的通知\n各区统计局:\n请于2023年3月31日前报送统计公报初稿。\n某市统计局\n2023年1月5日\n"
    assert extract(text).genre == "notice"


# -- a year that names a report (`2019年政府工作报告`) sets no due date

@pytest.mark.parametrize("sentence", [
    "2019年政府工作报告分为三大部分。",
    "报告回顾了2016年政府工作,对2017年工作作了总体部署。",
    "会议审议了2023年上半年国民经济和社会发展计划执行情况。",
])
def test_a_year_naming_a_report_is_no_due_date(sentence):
    assert targets(NEWS + sentence + "\n") == []


def test_a_year_before_the_work_itself_still_dates_a_duty():
    assert None in targets(NOTICE + "2024年底前,各区要制定政府工作任务清单。\n")

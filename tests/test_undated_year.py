"""The year of a page with no date and no 文号 (news reposts, work-report news, reviews) is read from what it reports
on: a plan period said to be over puts the page after the period's end, a part of a year reported bare or as a
status (`2018年上半年`, `截至2019年底`) in or after that year; a plan that names its period and no results keeps the
period's first year. The year stays a guess (`dated` False)."""
import pytest

from extractor.extractors.metadata import extract_metadata
from extractor.pipeline import extract

pytestmark = pytest.mark.usefixtures("rules_kinds")

AIRPORTS = ("5年增加43个 全国颁证运输机场达241个\n"
            "据新华社北京2月17日电 中国民用航空局发布的数据显示,5年来,全国新建、迁建运输机场43个,颁证运输机场数量增加到241个。\n"
            "“十三五”期间,区域枢纽机场发展迅猛,全国千万级机场达到39个;支线机场旅客吞吐量增长123.7%。\n"
            "民航局局长表示,今年民航业将加大基础设施补短板力度,力争年末颁证运输机场达247个。\n")

SERIES = ("湖北“十三五”规划纲要实施进展顺利\n"
          "湖北日报讯 (记者王馨)11月中旬,省人大常委会会议听取和审议了湖北省“十三五”规划纲要实施情况中期评估的报告。\n"
          "2016年、2017年、2018年上半年,全省分别完成棚户区改造39.6万套、41.3万套、14.5万套,累计完成95.4万套。\n"
          "2016年、2017年、2018年上半年居民人均可支配收入分别为21787元、23757元和12541元。\n")


@pytest.mark.parametrize("text,year", [
    (AIRPORTS, 2021),  # `5年来` on a news page: the 十三五 named with no goal word is over
    ("本报讯 记者从省发展改革委获悉,“十三五”期间,全省取得显著成就,城镇新增就业350万人。\n", 2021),
    ("本报讯 今年是“十四五”收官之年,全市各项工作成效明显。\n“十四五”期间,全市新增城镇就业60万人,圆满完成各项任务。\n", 2026),
    ("新华网讯 据统计,过去五年,“十二五”期间全省GDP年均增长9.5%,城镇化率达到55%。\n", 2016),
    (SERIES, 2018),  # a yearly series ending on a half year: the page reports up to mid-2018
    ("本报讯 记者从市统计局获悉,截至2019年底,全市累计建成5G基站1.2万个,2017年全市新建基站3000个。\n", 2019),
    ("本报讯 2020年前三季度,全省实现地区生产总值3.1万亿元,2018年增长7.8%。\n", 2020),
])
def test_an_undated_review_is_written_after_what_it_reports(text, year):
    meta = extract_metadata(text)
    assert meta.base_year == year
    assert meta.dated is False


@pytest.mark.parametrize("text,year", [
    # a plan that names its period and sets figures for it, no results: the period's first year
    ("某某省“十三五”就业促进规划\n“十三五”期间,全省新增城镇就业50万人,城镇登记失业率控制在4.5%以内。\n", 2016),
    ("某某市“十四五”养老服务体系规划\n“十四五”期间,全市新增养老床位1万张,护理型床位占比达到55%。\n", 2021),
    # a goal word in the sentence: the period is planned, not reviewed, even on a page that looks back
    ("本报讯 5年来,全市养老床位增加到3万张。“十四五”期间,全市力争新增养老床位1万张。\n", 2021),
    # a due part of a year (到…上半年) is a deadline, no period reported
    ("本报讯 全省将加快建设,到2018年上半年完成改造10万套,2017年完成5万套。\n", 2017),
])
def test_a_page_that_reports_no_result_keeps_its_first_year(text, year):
    meta = extract_metadata(text)
    assert meta.base_year == year
    assert meta.reported_through is None


def test_a_notice_is_read_by_its_own_years_not_its_background():
    text = ("关于做好2019年棚户区改造工作的通知\n各市人民政府:\n截至2020年底,全省累计完成改造95万套。"
            "2019年全省完成棚户区改造10万套。\n某某省人民政府\n")
    meta = extract_metadata(text)
    assert meta.genre == "notice"
    assert meta.base_year == 2019


def test_a_dated_page_keeps_its_date():
    meta = extract_metadata("本报讯 2023年5月10日 “十三五”期间,全省取得显著成就。截至2022年底,累计建成基站1万个。\n",
                            date_hint="2023-05-10")
    assert (meta.base_year, meta.dated, meta.reported_through) == (2023, True, None)


def test_the_results_of_a_reviewed_period_are_no_targets():
    kinds = {o.value: o.kind for o in extract(AIRPORTS).obligations}
    assert kinds.get(39) != "target" and kinds.get(123.7) != "target"


def test_a_yearly_series_up_to_a_half_year_reports_figures():
    obs = extract(SERIES).obligations
    reported = [o for o in obs if o.value in (396000, 413000, 145000, 954000, 21787, 23757, 12541)]
    assert reported and all(o.kind != "target" for o in reported), [(o.value, o.kind, o.deadline) for o in reported]


def test_the_plan_end_named_without_its_number_is_the_latest_plan_periods_end():
    text = SERIES + "以城镇棚户区住房改造为例,规划期末全省实施城镇棚户区住房改造110万套。\n"
    target = next(o for o in extract(text).obligations if o.value == 1100000)
    assert (target.kind, target.deadline, target.deadline_text) == ("target", "2020-12-31", "规划期末")


def test_the_plan_end_of_a_page_naming_no_plan_stays_undated():
    text = "某某市住房保障工作方案\n规划期末全市实施城镇棚户区住房改造10万套。\n"
    assert all(o.deadline is None for o in extract(text).obligations)

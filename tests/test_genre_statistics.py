"""A page of figures compared with an earlier period that names no goal, plan or duty is a statistics report
whatever its title, and sets no targets (gazetteers/keywords/genre.toml statistics_comparisons, forward_marks)."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


FIGURES = [
    "至2021年末,基本养老保险参保人数为356.63万人,比上年末增长3.4%。",
    "全年共发放失业保险金3.98亿元,同比增长12%。",
    "全市共有养老服务机构44家、床位12248张,比上年增加1200张。",
    "全年接待游客8.07亿人次,比上年增长15%,旅游总收入1.22万亿元,同比增长10%。",
    "全市森林覆盖率达到45%,较上年提高0.5个百分点。",
    "两项社会保险合计基金收入152.54亿元,历年累计结余299.68亿元。",
    "全年新增城镇就业12.5万人,比上年多0.8万人。",
    "全市5G基站达到2.3万个,比上年末增加8000个。",
    "在校学生数107.12万人,比上年增长2.1%。",
    "全年空气质量优良天数332天,同比增加12天。",
    "规模以上工业增加值增长8.1%,环比增长0.6%。",
]
TITLES = ["发展成果惠及民生 百姓幸福指数更高", "一份高质量的成绩单", "我市民生事业稳步发展"]


def _page(title: str, lines: list[str]) -> str:
    return title + "\n" + "\n".join(lines) + "\n(记者 张某 通讯员 李某)"


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("start", range(0, len(FIGURES), 2))
def test_figures_compared_with_last_year_and_no_goal_make_a_statistics_page(title, start):
    lines = (FIGURES[start:] + FIGURES[:start])[:4]
    notice = extract(_page(title, lines))
    assert notice.genre == "statistics"
    assert [o for o in notice.obligations if o.kind == "target"] == []


@pytest.mark.parametrize("goal", ["到2025年,全市5G基站达到5万个。", "力争全年新增城镇就业13万人。",
                                  "《规划》提出,森林覆盖率要提高到47%。", "确保基金收支平衡。"])
def test_a_page_that_names_a_goal_is_no_statistics_report(goal):
    notice = extract(_page(TITLES[0], FIGURES[:4] + [goal]))
    assert notice.genre != "statistics"


# Figures compared with a named year or with the start of the year are comparisons too, and a forward mark
# inside another word (要 in 主要, 将 in 将军) is no goal: such pages are statistics reports (audit N, docs/audit.md).
YEAR_FIGURES = [
    "今年我国夏粮总产量14582万吨,比2020年增加296.7万吨,增长2.1%。",
    "全年粮食播种面积119661公顷,较2021年下降0.8%。",
    "主要农作物种植面积12981公顷,比2022年同期增长1.32%。",
    "年末全县户籍人口53.3万人,与2021年相比减少0.2万人。",
    "全市接待游客50.5万人次,比2019年增长9.7%。",
    "金融机构各项存款余额154亿元,比年初减少1.7亿元。",
    "各项贷款余额66亿元,较年初增加2亿元。",
    "主要金融机构住户存款余额209亿元,比2021年末增加22亿元。",
    "小麦单位面积产量390.9公斤/亩,比2020年增产4.2公斤/亩。",
    "将军山景区接待游客12万人次,比2018年多3万人次。",
    "全年肉类总产量9091吨,比2014年减少1.2%。",
]


@pytest.mark.parametrize("start", range(len(YEAR_FIGURES)))
def test_figures_compared_with_a_named_year_or_the_start_of_the_year_make_a_statistics_page(start):
    lines = (YEAR_FIGURES[start:] + YEAR_FIGURES[:start])[:3]
    notice = extract("\n".join(lines))
    assert notice.genre == "statistics"
    assert [o for o in notice.obligations if o.kind == "target"] == []


# Near misses: the same comparisons on a page that names a goal or a duty stay a notice, and its target stays.
GOALS = [
    ("到2025年,单位地区生产总值能耗比2020年下降13.5%。", 13.5),
    ("力争全年粮食总产量稳定在46000吨以上。", 46000),
    ("各地要确保2024年新增学位2万个。", 20000),
    ("全县将新建幼儿园8所。", 8),
    ("确保森林覆盖率达到45%。", 45),
    ("《方案》提出,到2027年建成高标准农田5万亩。", 50000),
    ("计划新增义务教育学位3000个。", 3000),
    ("目标是到2026年实现旅游收入20亿元。", 2_000_000_000),
    ("到2030年,城镇化率比2020年提高10个百分点。", 10),
    ("要在年底前完成3所学校改造。", 3),
]


@pytest.mark.parametrize("goal,value", GOALS)
def test_a_page_of_year_comparisons_that_names_a_goal_keeps_it(goal, value):
    notice = extract("\n".join(YEAR_FIGURES[:3] + [goal]))
    assert notice.genre != "statistics"
    assert value in [o.value for o in notice.obligations if o.kind == "target"]


# Datelines `XX网消息:` and `X月X日讯` open a news report: its figures with no forward word are what happened.
DATELINES = ["央视网消息:", "新华网消息:", "人民网消息:", "中国网消息:", "中新网10月5日讯", "中国7月14日讯",
             "本报10月6日讯", "海外网消息:", "东方网12月1日讯", "光明网消息:"]


@pytest.mark.parametrize("dateline", DATELINES)
def test_a_dateline_makes_a_news_report_and_its_figures_background(dateline):
    notice = extract(f"国庆假期旅游市场火热\n{dateline}国庆黄金周前四日,贵州37家景区游客量过万,单日游客进出达到48万人次。"
                     "大连的英歌石植物园正在举办菊花展,日均游客超过2万人次。")
    assert notice.genre == "news"
    assert [o for o in notice.obligations if o.kind == "target"] == []


@pytest.mark.parametrize("dateline", DATELINES[::3])
def test_a_news_report_of_a_plan_keeps_its_targets(dateline):
    notice = extract(f"我省印发文旅行动方案\n{dateline}近日,省政府印发《文化和旅游高质量发展行动方案》。"
                     "《方案》提出,到2025年,全省接待游客达到8亿人次,旅游总收入突破1万亿元。")
    assert notice.genre == "news"
    assert 800_000_000 in [o.value for o in notice.obligations if o.kind == "target"]


@pytest.mark.parametrize("opening", [
    "2023年黄山市国民经济和社会发展统计公报 2023年是全面贯彻党的二十大精神的开局之年,全市上下着力推动高质量发展。",
    "某县2022年国民经济和社会发展统计公报 一年来,全县加快构建新发展格局,经济回升向好。",
    "2021年全省卫生健康事业发展统计公报 2021年,全省卫生健康系统努力推进健康建设。",
])
def test_a_bulletin_whose_title_runs_into_its_first_paragraph_is_a_statistics_page(opening):
    notice = extract(opening + "\n一、综合\n全年实现地区生产总值1046.3亿元,比上年增长4.5%。第一产业增加值79.9亿元,增长4.2%;"
                     "全年城镇新增就业1.94万人,完成年度目标任务的104.1%。\n")
    assert notice.genre == "statistics"
    assert [o.value for o in notice.obligations if o.kind == "target"] == []

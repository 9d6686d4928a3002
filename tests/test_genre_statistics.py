"""A page of figures compared with an earlier period that names no goal, plan or duty is a statistics report
whatever its title, and sets no targets (gazetteers/keywords/genre.toml statistics_comparisons, forward_marks)."""
import pytest

from extractor.pipeline import extract

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

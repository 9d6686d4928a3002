"""Statistics tables (audit N, docs/audit.md): a bulletin's year-by-year table (`2006 | … | 2013` on a page of
2014) reports figures reached; its latest year column is no target column when that year is before the page's
own, and no table cell of a statistics page is a target. The same table in a plan whose latest column is still
ahead keeps its targets (near misses)."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


ROWS = [("养老机构床位数", "万张", ["449.3", "493.7", "526.7"]), ("每千名老年人养老床位数", "张", ["21.5", "24.4", "27.2"]),
        ("公共图书馆数", "个", ["3076", "3112", "3117"])]


def _table(years, form):
    header = ["指标", "单位", *[f"{y}年" for y in years]]
    rows = [[n, u, *v] for n, u, v in ROWS]
    if form == "pipes":
        return "\n".join(" | ".join(r) for r in [header, *rows])
    if form == "bars":
        return "\n".join("| " + " | ".join(r) + " |" for r in [header, *rows])
    if form == "tabs":
        return "\n".join("\t".join(r) for r in [header, *rows])
    if form == "spaces":
        return "\n".join("   ".join(r) for r in [header, *rows])
    return "\n".join(c + " |" for r in [header, *rows] for c in r)  # one cell per line


FORMS = ["pipes", "bars", "tabs", "spaces", "cells"]
PAST = [((2011, 2012, 2013), "2014年6月18日"), ((2019, 2020, 2021), "2022年4月2日")]


def _page(years, date, form, lead="关于印发某市社会服务发展情况的通知\n各区民政局:\n现将有关情况通报如下。\n一、主要指标\n"):
    return lead + _table(years, form) + f"\n某市民政局\n{date}"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("years,date", PAST)
def test_a_year_column_before_the_page_year_is_no_target_column(form, years, date):
    notice = extract(_page(years, date, form))
    assert [o.value for o in notice.obligations if o.kind == "target"] == []


@pytest.mark.parametrize("form", FORMS)
def test_a_statistics_bulletin_table_gives_no_target(form):
    text = ("2023年某市民政事业发展统计公报\n某市统计局\n全市养老机构床位数比上年增长5%,同比增长5%,比上年末增加1200张。\n"
            + _table((2023, 2024, 2025), form))
    notice = extract(text)
    assert notice.genre == "statistics"
    assert [o.value for o in notice.obligations if o.kind == "target"] == []


@pytest.mark.parametrize("form", FORMS)
def test_a_plan_whose_latest_year_is_ahead_keeps_its_targets(form):
    notice = extract(_page((2020, 2023, 2025), "2021年6月1日", form,
                           lead="关于印发某市养老服务发展规划的通知\n各区民政局:\n现将规划印发给你们。\n一、主要指标\n"))
    got = sorted(o.value for o in notice.obligations if o.kind == "target")
    assert got == sorted([5_267_000, 27.2, 3117])
    assert all(o.deadline == "2025-12-31" for o in notice.obligations if o.kind == "target")

"""A page that names no region and no scope word is national when a national outlet published it
(gazetteers/keywords/metadata.toml national_outlets); a region or a scope word named anywhere still decides."""
import pytest

from extractor.pipeline import extract

BODIES = [
    "政府工作报告说,地级及以上城市空气质量优良天数比例达86.5%、上升4个百分点。",
    "森林覆盖率、湿地保护率分别达到24%、50%以上。",
    "城镇新增就业1206万人,城镇调查失业率平均为5.6%。",
]
OUTLETS = ["新华社", "新华网", "中国政府网", "人民日报", "人民网", "央视新闻", "中国新闻网"]


@pytest.mark.parametrize("outlet", OUTLETS)
@pytest.mark.parametrize("body", BODIES)
def test_a_national_outlet_with_no_region_named_makes_the_page_national(outlet, body):
    notice = extract(f"首页>要闻\n{body}\n(文章来源:{outlet})")
    assert (notice.province, notice.city, notice.admin_level) == ("全国", None, "national")


@pytest.mark.parametrize("outlet", OUTLETS[:4])
def test_a_region_or_scope_named_still_decides(outlet):
    named = extract(f"首页>要闻\n浙江省森林覆盖率达到61%。\n(文章来源:{outlet})")
    assert named.province == "浙江省"
    scoped = extract(f"首页>要闻\n全省森林覆盖率达到61%。\n(文章来源:{outlet})")
    assert scoped.province != "全国"


def test_no_outlet_and_no_region_gives_no_region():
    notice = extract("首页>要闻\n森林覆盖率达到24%。\n(文章来源:本站)")
    assert notice.province is None and notice.admin_level is None

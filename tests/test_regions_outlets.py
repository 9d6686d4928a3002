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


NATIONAL_BODIES = [
    "我国5G基站总数超过115万个,全国所有地级市实现5G覆盖,我国5G用户占全球七成。",
    "全国森林覆盖率达到24%,我国森林资源增长最快最多,全国完成造林1亿亩。",
    "我国数字经济规模稳居世界第二,全国数字经济核心产业增加值占比提高,我国网民规模达10亿。",
    "全国城镇新增就业1206万人,我国就业形势总体稳定,全国调查失业率5.5%。",
]
PLACE_MENTIONS = ["央广网北京9月15日消息(记者 北京报道)", "相关阅读:山西省召开5G推进会 山西省再建1万个基站",
                  "图片来源:浙江省某某网 浙江省摄影家协会供图"]


@pytest.mark.parametrize("place", PLACE_MENTIONS)
@pytest.mark.parametrize("body", NATIONAL_BODIES)
def test_a_page_that_says_national_more_often_than_it_names_a_place_is_national(place, body):
    notice = extract(f"数字中国建设迈上新台阶\n{place}\n{body}")
    assert (notice.province, notice.admin_level) == ("全国", "national"), notice.region_evidence


@pytest.mark.parametrize("province,text", [
    ("山西省", "山西省5G基站超过10万个,山西省所有县城实现覆盖,全国排名靠前,山西省计划再建2万个。"),
    ("浙江省", "浙江省森林覆盖率61%,浙江省造林10万亩,我国森林资源增长,浙江省位居前列。"),
    ("四川省", "四川省城镇新增就业90万人,四川省失业率5.5%,四川省就业稳定,全国就业总体稳定。"),
])
def test_a_page_that_names_its_province_most_stays_provincial(province, text):
    assert extract(f"数字中国建设迈上新台阶\n{text}").province == province


@pytest.mark.parametrize("comparison", ["连续39年居全国首位", "占全国的12%", "贡献了全国六分之一", "高于全国平均水平",
                                        "居全国第一", "走在全国前列", "全国排名第三", "全国率先实现"])
def test_a_province_measured_against_the_nation_stays_provincial(comparison):
    text = (f"数字经济成绩单出炉\n广东省地区生产总值{comparison},广东省进出口总额突破9万亿元,"
            f"增速{comparison},全省城镇新增就业143万人,广东省新增高新技术企业{comparison}。")
    assert extract(text).province == "广东省"

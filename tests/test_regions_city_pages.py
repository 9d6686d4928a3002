"""A page that never names its province, only one of its cities again and again, with a city's own words
(市人民政府, 全市, 我市), is that city's page, even when it mentions the province's bodies (省委省政府 there is
the city's superior). A page that names its province, or speaks of 全省 without a city word, stays the province's."""
import pytest

from extractor.pipeline import extract

CITY_PAGES = [
    ("成都", "成都市", "四川省", "2月25日,{c}市第十七届人民代表大会开幕。{c}市人民政府市长向大会作政府工作报告。报告提出{c}今年地区生产总值增长7.5%,继续落实省委省政府部署。"),
    ("洛阳", "洛阳市", "河南省", "{c}市人民政府召开常务会议。会议指出,{c}今年要完成固定资产投资增长10%,全力落实省委省政府决策部署。"),
    ("绵阳", "绵阳市", "四川省", "记者从{c}市政府获悉,{c}今年将新建养老床位2000张,全市养老机构护理型床位占比达到55%。"),
    ("宜昌", "宜昌市", "湖北省", "{c}市人民政府办公室印发方案。{c}到2025年建成区绿化覆盖率达到42%,我市将完成省政府下达的任务。"),
    ("温州", "温州市", "浙江省", "我市召开大会。{c}全年新增城镇就业8万人,{c}市委市政府要求各地抓好落实。"),
    ("赣州", "赣州市", "江西省", "{c}市人民政府工作报告指出,今年{c}主要预期目标是地区生产总值增长8%左右,落实省委省政府部署。"),
    ("潍坊", "潍坊市", "山东省", "{c}市政府新闻办举行发布会。{c}将力争全年实现社会消费品零售总额增长9%,全市新增高新技术企业300家。"),
    ("柳州", "柳州市", "广西壮族自治区", "{c}市人民政府印发通知,要求{c}到2025年新能源汽车产量达到100万辆,全市充电桩达到5万个。"),
    ("遵义", "遵义市", "贵州省", "{c}市委市政府召开会议,{c}今年计划实施重点项目300个,我市要完成省政府下达的投资任务。"),
    ("保定", "保定市", "河北省", "{c}市第十五届人大会议开幕,{c}市人民政府市长作报告,{c}今年城镇调查失业率控制在5.5%以内。"),
]


@pytest.mark.parametrize("short,city,province,body", CITY_PAGES)
def test_a_city_named_again_and_again_with_city_words_is_the_citys_page(short, city, province, body):
    notice = extract("首页>新闻\n" + body.format(c=short))
    assert (notice.province, notice.city, notice.admin_level) == (province, city, "city")


PROVINCE_PAGES = [
    # the province named by its own name
    "四川省人民政府召开会议。成都市、绵阳市要带头,成都今年地区生产总值增长7.5%,全市要落实。",
    # 全省 and no city word: the cities are the province's examples
    "到2017年,全省可吸入颗粒物年均浓度下降12%。其中,武汉市、襄阳市下降18%;武汉要率先完成,全省统筹推进。",
    "全省各地要加快建设。其中,成都新增养老床位2000张,绵阳新增1000张,成都、绵阳要率先完成。",
]


@pytest.mark.parametrize("body", PROVINCE_PAGES)
def test_a_page_that_names_its_province_or_speaks_for_it_stays_the_provinces(body):
    notice = extract("首页>新闻\n" + body)
    assert notice.admin_level == "province" and notice.city is None


def test_a_city_named_once_is_not_enough():
    notice = extract("首页>新闻\n省委省政府召开会议。成都今年要完成投资增长10%,全市落实。")
    assert notice.admin_level == "province"


@pytest.mark.parametrize("text", [
    "建设14个民族团结进步示范县,129个示范乡镇。",  # 范县 inside 示范县
    "中心城区新建公园12个,主城区绿地率达到40%。",  # 城区 inside 中心城区
    "加强管理县级医院,振兴县域经济。",  # 理县, 兴县 inside words
])
def test_a_two_character_county_name_inside_a_word_names_no_place(text):
    from extractor.extractors.regions import divisions_in
    assert [d.name for _, _, d in divisions_in(text) if d.level == "county"] == []


def test_a_two_character_county_name_after_its_province_or_alone_is_a_place():
    from extractor.extractors.regions import divisions_in
    assert [d.name for _, _, d in divisions_in("河南省范县人民政府。阳泉市城区教育局。")] == ["河南省", "范县", "阳泉市", "城区"]

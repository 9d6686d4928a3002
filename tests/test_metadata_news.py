"""Metadata of news and repost pages, and of notices whose frame the line rules miss (issues 22 and 23).

Capability tables: each behaviour in ten or more surface variants written from the rule (different bodies,
provinces, levels, verbs, layouts), so a rule is shown to be general, not fitted to one page. The cause table
these rules answer is in docs/quality.md ("Metadata and agencies by cause, 2026-12-07").
"""
from __future__ import annotations

import pytest

from extractor.extractors.agencies import actors_in, expand, split_bodies
from extractor.extractors.agencies import is_agency_name
from extractor.extractors.metadata import extract_metadata
from extractor.extractors.time_phrases import find_times
from extractor.outline import build_outline

LEAD = "记者了解到,这项工作将分步推进,各项任务均有明确时限。"


def meta(text: str, with_outline: bool = False):
    outline = build_outline(text, lambda line: find_times(line, None), is_agency_name) if with_outline else None
    return extract_metadata(text, outline=outline)


# --- a body's name with 和/及/与 inside is one body; a list of bodies is split --------------------------------
@pytest.mark.parametrize("text,bodies", [
    ("文化和旅游部", ["文化和旅游部"]),
    ("工业和信息化部", ["工业和信息化部"]),
    ("人力资源和社会保障部", ["人力资源和社会保障部"]),
    ("住房和城乡建设部、财政部", ["住房和城乡建设部", "财政部"]),
    ("国家发展改革委、水利部、住房城乡建设部、工业和信息化部、农业农村部",
     ["国家发展改革委", "水利部", "住房城乡建设部", "工业和信息化部", "农业农村部"]),
    ("上海市民政局会同上海市规划和自然资源局", ["上海市民政局", "上海市规划和自然资源局"]),
    ("省民政厅和省财政厅", ["省民政厅", "省财政厅"]),
    ("市教育局、市人力资源和社会保障局", ["市教育局", "市人力资源和社会保障局"]),
    ("湖北省科学技术厅与湖北省财政厅", ["湖北省科学技术厅", "湖北省财政厅"]),
    ("自治区文化和旅游厅联合自治区卫生健康委", ["自治区文化和旅游厅", "自治区卫生健康委"]),
    ("县住房和城乡建设局及县自然资源局", ["县住房和城乡建设局", "县自然资源局"]),
])
def test_a_body_with_he_in_its_name_is_not_split(text, bodies):
    assert split_bodies(text) == bodies


# --- issuers of a report: the bodies that publish, draft or present the document ---------------------------
@pytest.mark.parametrize("sentence,issuers", [
    ("近日,文化和旅游部发布《2023年文化和旅游发展统计公报》。", ["文化和旅游部"]),
    ("日前,住房和城乡建设部通过其官方网站发布《2021年城市建设状况公报》。", ["住房和城乡建设部"]),
    ("近日,国家发展改革委、工业和信息化部联合印发《关于推动工业节能的指导意见》。", ["国家发展改革委", "工业和信息化部"]),
    ("日前,由上海市民政局会同上海市规划和自然资源局联合编制的《上海市养老服务设施布局专项规划》正式出台。",
     ["上海市民政局", "上海市规划和自然资源局"]),
    ("由浙江省水利厅牵头编制的《浙江省节水行动实施方案》已经省政府同意。", ["浙江省水利厅"]),
    ("由广州市交通运输局组织编制的《广州市公交发展规划》近日公布。", ["广州市交通运输局"]),
    ("11月3日,江苏省人力资源和社会保障厅举行新闻发布会,发布《江苏省高质量就业促进规划》。", ["江苏省人力资源和社会保障厅"]),
    ("昨日,成都市体育局召开专题发布会,正式发布《成都市全民健身实施计划》。", ["成都市体育局"]),
    ("3日,湖南省卫生健康委员会举办政策发布会,公布《湖南省基层医疗卫生服务能力提升方案》。", ["湖南省卫生健康委员会"]),
    ("人社部就业促进司昨天发布了人社部“2013年工作要点”,称今年要完成城镇新增就业900万人。", ["人社部"]),
    ("根据宁夏回族自治区发展和改革委员会最新出台的新能源发展规划,到2020年风电装机达到500万千瓦。",
     ["宁夏回族自治区发展和改革委员会"]),
])
def test_a_report_names_its_issuers_by_what_they_did_to_the_document(sentence, issuers):
    m = meta("新闻中心\n" + sentence + LEAD)
    assert m.issuers == issuers


# --- a press office hosts; the body whose office holder speaks is the issuer ------------------------------
@pytest.mark.parametrize("sentence,issuers", [
    ("26日,国务院新闻办公室举行新闻发布会。人力资源和社会保障部部长王晓萍在会上介绍,城镇新增就业累计达到5921万人。",
     ["人力资源和社会保障部"]),
    ("1月5日,全国应急管理工作会议在京召开。应急管理部相关负责人表示,今年要全面完成治本攻坚三年行动任务。", ["应急管理部"]),
    ("国务院新闻办公室今天举行发布会,国家林业和草原局副局长李春良介绍,到2025年森林覆盖率达到24.1%。", ["国家林业和草原局"]),
    ("昨日,省政府新闻办举行发布会,四川省教育厅厅长表示,今年全省新建幼儿园200所。", ["四川省教育厅"]),
    ("中国交通运输部部长刘伟26日在北京表示,年底前全部完成主要指标。", ["交通运输部"]),
    ("市政府新闻办公室召开发布会,杭州市民政局局长在会上介绍,今年新增养老床位3000张。", ["杭州市民政局"]),
    ("广东省生态环境厅新闻发言人指出,到2025年地级以上城市空气质量优良天数比例达到92%。", ["广东省生态环境厅"]),
    ("水利部有关负责人日前透露,到2025年全国用水总量控制在6400亿立方米以内。", ["水利部"]),
    ("国家卫生健康委员会主任在会上说,今年要实现每千人口拥有3.2张床位。", ["国家卫生健康委员会"]),
    ("北京市新闻中心发布会上,北京市体育局副局长说,今年新建健身步道100公里。", ["北京市体育局"]),
])
def test_the_speaking_body_is_the_issuer_not_the_press_office(sentence, issuers):
    m = meta("新闻中心\n" + sentence)
    assert m.issuers == issuers


# --- a headline that says who published what: the document's title and its publishers ----------------------
@pytest.mark.parametrize("headline,title,issuers", [
    ("临汾市政府印发临汾市水污染防治2018年行动计划", "临汾市水污染防治2018年行动计划", ["临汾市政府"]),
    ("省民政厅印发关于加强养老护理员培训的通知", "关于加强养老护理员培训的通知", ["省民政厅"]),
    ("福州市人民政府发布福州市全民健身实施计划", "福州市全民健身实施计划", ["福州市人民政府"]),
    ("国家发展改革委出台“十四五”节水型社会建设规划", "“十四五”节水型社会建设规划", ["国家发展改革委"]),
    ("市教育局、市财政局联合印发学前教育发展行动方案", "学前教育发展行动方案", ["市教育局", "市财政局"]),
    ("贵州省卫生健康委员会印发基层卫生人才培养实施方案", "基层卫生人才培养实施方案", ["贵州省卫生健康委员会"]),
    ("自治区人民政府办公厅印发农村供水保障规划", "农村供水保障规划", ["自治区人民政府办公厅"]),
    ("长沙市交通运输局发布城市公共交通发展规划", "城市公共交通发展规划", ["长沙市交通运输局"]),
    ("住房和城乡建设部印发城市更新行动实施意见", "城市更新行动实施意见", ["住房和城乡建设部"]),
    ("县人民政府印发农村人居环境整治提升方案", "农村人居环境整治提升方案", ["县人民政府"]),
])
def test_a_headline_names_publisher_and_document(headline, title, issuers):
    m = meta(f"{headline}\n2024-05-06\n{LEAD}")
    assert m.title == title
    # bodies are written in full where the page's region makes that certain; the stems stay as printed
    assert [n for n in m.issuers] == [expand(n, m.province, m.city, m.admin_level) for n in issuers]


# --- the masthead above a formal title names the issuers when nothing is signed ----------------------------
@pytest.mark.parametrize("masthead,issuers", [
    ("中共浙江省委 浙江省人民政府", ["中共浙江省委", "浙江省人民政府"]),
    ("浙江省人民政府文件", ["浙江省人民政府"]),
    ("中共湖南省委办公厅 湖南省人民政府办公厅", ["中共湖南省委办公厅", "湖南省人民政府办公厅"]),
    ("广州市民政局 广州市财政局", ["广州市民政局", "广州市财政局"]),
    ("国务院办公厅", ["国务院办公厅"]),
    ("四川省教育厅 四川省发展和改革委员会 四川省财政厅", ["四川省教育厅", "四川省发展和改革委员会", "四川省财政厅"]),
    ("厦门市人民政府文件", ["厦门市人民政府"]),
    ("中共河北省委 河北省人民政府", ["中共河北省委", "河北省人民政府"]),
    ("国家卫生健康委员会 民政部", ["国家卫生健康委员会", "民政部"]),
    ("云南省人民政府办公厅文件", ["云南省人民政府办公厅"]),
])
def test_the_masthead_names_the_issuers(masthead, issuers):
    text = f"{masthead}\n关于加快推进养老服务体系建设的实施意见\n(2023年5月6日)\n为加快推进养老服务体系建设,提出如下意见。"
    m = meta(text)
    assert m.issuers == issuers
    assert m.title == "关于加快推进养老服务体系建设的实施意见"


def test_a_masthead_is_not_read_from_a_sentence_above_the_title():
    m = meta("本网讯,记者从有关部门获悉。\n关于加快推进养老服务体系建设的实施意见\n为加快推进,提出如下意见。")
    assert m.issuers != ["本网讯"]


# --- a headline with no dateline: the first title-like line with the lead paragraph under it ---------------
@pytest.mark.parametrize("page,headline", [
    ("交通运输部:「十四五」指标年底前全部完成\n国家交通运输部部长表示,17项主要指标中,6项去年提前完成,其余年底前将全部完成。",
     "交通运输部:“十四五”指标年底前全部完成"),
    ("政府工作报告:地级及以上城市空气质量优良天数比例达86.5% 2023-03-05 09:39:26  来源:新华社\n(资料图)\n"
     "政府工作报告说,地级及以上城市空气质量优良天数比例达86.5%,上升4个百分点。", "政府工作报告:地级及以上城市空气质量优良天数比例达86.5%"),
    ("“十四五”以来城镇新增就业累计达5921万人|某某综合频道\n中新社北京9月26日电,城镇新增就业累计达到5921万人,超额完成目标任务。",
     "“十四五”以来城镇新增就业累计达5921万人"),
    ("广告\n海峡健康\n去年福建医院新增8856张床位\n海都网讯 我省医院新增了8856张床位,新增医师3823人,平均住院天数缩短近半天。",
     "去年福建医院新增8856张床位"),
    ("政府工作报告提出:2010年漳州经济社会发展预期目标\n图为代市长作报告。\n本报记者 摄\n"
     "本网讯 代市长昨日在政府工作报告中提出了今年经济社会发展的预期目标,地区生产总值增长13%。", "政府工作报告提出:2010年漳州经济社会发展预期目标"),
    ("贵州今年将新建乡村公路5000公里\n本报讯 记者从省交通运输厅获悉,今年全省将新建乡村公路5000公里,改造危桥300座。",
     "贵州今年将新建乡村公路5000公里"),
    ("哈尔滨:年内新增托位2000个\n东北网讯 记者日前获悉,哈尔滨市年内将新增普惠托位2000个,新建托育机构40家。",
     "哈尔滨:年内新增托位2000个"),
    ("青海明年将实现行政村5G全覆盖 2024-12-20 来源:青海日报\n记者从省通信管理局了解到,明年全省行政村将实现5G网络全覆盖。",
     "青海明年将实现行政村5G全覆盖"),
    ("重庆打造15分钟便民生活圈｜本地新闻\n本报讯 近日,市商务委印发方案,到2025年建成便民生活圈200个,覆盖主城各区。",
     "重庆打造15分钟便民生活圈"),
    ("江西出台新规:农村养老服务设施全覆盖\n中国江西网讯 记者从省民政厅获悉,到2025年,全省农村养老服务设施将实现全覆盖。",
     "江西出台新规:农村养老服务设施全覆盖"),
])
def test_a_headline_without_a_dateline_is_found_by_its_lead(page, headline):
    assert meta(page).headline == headline


def test_a_navigation_bar_is_not_a_headline():
    page = ("首 页 首页要闻 福州健康行 健康新知 养生 饮食\n去年福建医院新增8856张床位\n"
            "海都网讯 我省医院新增了8856张床位,新增医师3823人,平均住院天数缩短近半天。")
    assert meta(page).headline == "去年福建医院新增8856张床位"


# --- the government giving a work report: its head's office names the level -------------------------------
@pytest.mark.parametrize("headline,sentence,issuer", [
    ("漳州今年经济社会发展预期目标", "代市长陈冬昨日在政府工作报告中提出,地区生产总值增长13%。", "漳州市人民政府"),
    ("厦门今年经济社会发展预期目标", "市长黄强今日在政府工作报告中提出,地区生产总值增长7%。", "厦门市人民政府"),
    ("湖南今年经济社会发展主要预期目标", "省长毛伟明昨天在政府工作报告中说,地区生产总值增长6.5%。", "湖南省人民政府"),
    ("长兴县今年主要预期目标", "长兴县县长王某某22日向大会作政府工作报告,地区生产总值增长8%。", "长兴县人民政府"),
    ("南宁今年经济社会发展预期目标", "代市长昨日在政府工作报告中提出,全市生产总值增长6%。", "南宁市人民政府"),
    ("济南今年经济社会发展预期目标", "市长于海田作政府工作报告,地区生产总值增长6%左右。", "济南市人民政府"),
    ("四川今年经济社会发展主要预期目标", "省长黄强向大会作政府工作报告,地区生产总值增长6%左右。", "四川省人民政府"),
    ("洛阳今年经济社会发展预期目标", "市长徐衣显在政府工作报告中提出,地区生产总值增长7%。", "洛阳市人民政府"),
    ("温州今年经济社会发展预期目标", "代市长张振丰昨日在政府工作报告中提出,地区生产总值增长7.5%。", "温州市人民政府"),
    ("昆明今年经济社会发展预期目标", "市长刘佳晨今天在政府工作报告中提出,地区生产总值增长6%。", "昆明市人民政府"),
])
def test_the_work_report_names_the_government_that_gives_it(headline, sentence, issuer):
    m = meta(f"{headline}\n2024-01-20\n本报讯 {sentence}{LEAD}")
    assert m.issuers == [issuer]


# the government named with its head (成都市人民政府市长罗强…作政府工作报告) or by the report's own words
# (我代表市人民政府,向大会报告政府工作)
@pytest.mark.parametrize("headline,sentence,issuer", [
    ("成都今年主要预期目标", "成都市人民政府市长罗强向大会作政府工作报告,地区生产总值增长7.5%。", "成都市人民政府"),
    ("宜宾今年主要预期目标", "宜宾市政府市长某某作政府工作报告,地区生产总值增长8%。", "宜宾市人民政府"),
    ("安徽今年主要预期目标", "安徽省人民政府省长某某向大会作了政府工作报告,地区生产总值增长7%。", "安徽省人民政府"),
    ("德清县今年主要预期目标", "德清县人民政府县长某某向大会作政府工作报告,地区生产总值增长8%。", "德清县人民政府"),
    ("马鞍山市政府工作报告", "我代表市人民政府,向大会报告政府工作,请予审议。地区生产总值增长8%。", "马鞍山市人民政府"),
    ("江西省政府工作报告", "现在,我代表省人民政府向大会报告政府工作,请予审议。地区生产总值增长7%。", "江西省人民政府"),
    ("嘉兴市政府工作报告", "各位代表:我代表市人民政府,向大会报告政府工作。地区生产总值增长6%。", "嘉兴市人民政府"),
    ("湖州今年主要预期目标", "湖州市人民政府市长某某在会上作政府工作报告,地区生产总值增长7%。", "湖州市人民政府"),
    ("贵州今年主要预期目标", "代表省人民政府向大会作政府工作报告,地区生产总值增长6%。", "贵州省人民政府"),
    ("遵义今年主要预期目标", "遵义市人民政府代市长某某向大会作政府工作报告,地区生产总值增长7%。", "遵义市人民政府"),
])
def test_the_work_report_giver_named_with_the_government_or_by_the_report(headline, sentence, issuer):
    m = meta(f"{headline}\n2024-01-20\n本报讯 {sentence}{LEAD}")
    assert m.issuers == [issuer]


# --- written in full: 自治区X in an autonomous region's notice ----------------------------------------------
@pytest.mark.parametrize("name,province,full", [
    ("自治区民政厅", "西藏自治区", "西藏自治区民政厅"),
    ("自治区财政厅", "西藏自治区", "西藏自治区财政厅"),
    ("自治区发展和改革委员会", "宁夏回族自治区", "宁夏回族自治区发展和改革委员会"),
    ("自治区人民政府", "宁夏回族自治区", "宁夏回族自治区人民政府"),
    ("自治区卫生健康委员会", "新疆维吾尔自治区", "新疆维吾尔自治区卫生健康委员会"),
    ("自治区教育厅", "新疆维吾尔自治区", "新疆维吾尔自治区教育厅"),
    ("自治区住房和城乡建设厅", "广西壮族自治区", "广西壮族自治区住房和城乡建设厅"),
    ("自治区交通运输厅", "广西壮族自治区", "广西壮族自治区交通运输厅"),
    ("自治区林业和草原局", "内蒙古自治区", "内蒙古自治区林业和草原局"),
    ("自治区人力资源和社会保障厅", "内蒙古自治区", "内蒙古自治区人力资源和社会保障厅"),
])
def test_an_autonomous_region_body_is_written_in_full(name, province, full):
    assert expand(name, province, None, "province") == full


def test_an_autonomous_region_body_is_not_given_a_province_name():
    assert expand("自治区民政厅", "湖北省", None, "province") == "自治区民政厅"


# --- a county's notice has no city (GOLD_FORMAT.md `city`) ------------------------------------------------
@pytest.mark.parametrize("issuer,province", [
    ("长兴县人民政府", "浙江省"), ("温州市洞头区人民政府", "浙江省"), ("德清县人民政府", "浙江省"),
    ("萧县人民政府", "安徽省"), ("南京市江宁区人民政府", "江苏省"), ("桐梓县人民政府", "贵州省"),
    ("广州市番禺区人民政府", "广东省"), ("平潭县人民政府", "福建省"), ("安吉县人民政府", "浙江省"),
    ("成都市双流区人民政府", "四川省"),
])
def test_a_county_notice_has_no_city(issuer, province):
    m = meta(f"{issuer}关于印发农村供水提升行动方案的通知\n各乡镇人民政府:\n到2025年农村自来水普及率达到99%。\n{issuer}\n2024年3月1日")
    assert (m.province, m.city, m.admin_level) == (province, None, "county")


# --- the outline's signature: bodies and date with blank lines between them ------------------------------
@pytest.mark.parametrize("bodies", [
    ["湖南省民政厅"], ["湖南省民政厅", "湖南省财政厅"], ["厦门市人民政府办公厅"], ["国家卫生健康委员会", "民政部"],
    ["广州市教育局", "广州市财政局", "广州市人力资源和社会保障局"], ["中共成都市委组织部"], ["云南省住房和城乡建设厅"],
    ["杭州市体育局", "杭州市发展和改革委员会"], ["西宁市交通运输局"], ["吉林省生态环境厅", "吉林省水利厅"],
])
def test_the_outline_reads_a_signature_spread_over_blank_lines(bodies):
    signature = "\n\n".join(bodies)
    text = f"关于加强养老护理员培训的通知\n各市民政局:\n到2022年培训护理员5000人次。\n\n{signature}\n\n2021年3月2日\n"
    m = meta(text, with_outline=True)
    assert (m.issuers, m.issue_date) == (bodies, "2021-03-02")
    assert meta(text).issue_date == "2021-03-02"


# --- places that are given a duty act; places that are only described do not ----------------------------
@pytest.mark.parametrize("sentence,names", [
    ("武汉市、宜昌市、襄阳市、荆州市应在2014年6月底前制定并印发实施方案。", ["武汉市", "宜昌市", "襄阳市", "荆州市"]),
    ("成都市、绵阳市要在2025年底前建成区域医疗中心。", ["成都市", "绵阳市"]),
    ("厦门市、泉州市须于10月底前报送工作总结。", ["厦门市", "泉州市"]),
    ("郑州市、洛阳市必须在年底前完成老旧小区改造。", ["郑州市", "洛阳市"]),
    ("杭州市、宁波市需在2023年底前建成托育综合服务中心。", ["杭州市", "宁波市"]),
    ("长沙市负责在2024年底前建成3个应急物资储备库。", ["长沙市"]),
    ("南昌市、九江市应当在6月底前完成普查。", ["南昌市", "九江市"]),
    ("贵阳市、遵义市要在2025年前实现污水处理全覆盖。", ["贵阳市", "遵义市"]),
    ("西安市、宝鸡市应于2023年9月底前上报方案。", ["西安市", "宝鸡市"]),
    ("石家庄市、唐山市要在年内建成5个示范社区。", ["石家庄市", "唐山市"]),
])
def test_places_given_a_duty_are_the_responsible(sentence, names):
    assert [a.name for a in actors_in(sentence, 0, len(sentence))] == names


@pytest.mark.parametrize("sentence", [
    "武汉市、襄阳市可吸入颗粒物年均浓度下降18%。",
    "成都市、绵阳市PM2.5浓度下降10%。",
    "厦门市、泉州市空气质量优良天数比例达到98%。",
    "郑州市、洛阳市城镇化率达到70%。",
    "杭州市、宁波市常住人口增长2%。",
    "南昌市、九江市森林覆盖率保持在60%。",
    "贵阳市、遵义市地区生产总值增长7%。",
    "西安市、宝鸡市新建公园20个。",
    "石家庄市、唐山市细颗粒物浓度下降15%。",
    "长沙市、株洲市城市生活垃圾回收利用率达到35%。",
])
def test_places_only_described_are_not_responsible(sentence):
    assert [a.name for a in actors_in(sentence, 0, len(sentence))] == []


# --- a national press office hosting the conference makes the page national (it is not the issuer) ---------
@pytest.mark.parametrize("sentence", [
    "1月23日,国务院新闻办公室在北京举行新闻发布会,有关专家介绍了专利工作进展。",
    "国务院新闻办公室今天举行新闻发布会,介绍今年以来的就业形势。",
    "26日,国务院新闻办公室举行“高质量完成十四五规划”系列主题新闻发布会。",
    "国务院新闻办公室昨日举行发布会,专家解读了最新的统计数据。",
    "国务院新闻办公室于3日举行新闻发布会,介绍粮食生产情况。",
    "9月26日,国务院新闻办公室举行新闻发布会,介绍社会保障工作成就。",
    "国务院新闻办公室近日举行新闻发布会,发布了一组数据。",
    "国务院新闻办公室在京举行新闻发布会,有关负责同志回答记者提问。",
    "国务院新闻办公室28日举行发布会,介绍交通运输发展情况。",
    "国务院新闻办公室今日举办新闻发布会,解读相关政策。",
])
def test_a_national_press_office_makes_the_page_national(sentence):
    m = meta("官方解读:高价值发明专利拥有量超额完成\n" + sentence + "据介绍,截至去年底,相关指标均已完成,成效明显。")
    assert m.issuers == []
    assert (m.province, m.admin_level) == ("全国", "national")


# --- the document a report names: 《X》(以下简称《Y》)印发, 《X》已经…审议通过,现印发给你们 -------------------------
@pytest.mark.parametrize("sentence,title", [
    ("近日,《梅州市质量强市建设实施方案》(以下简称《方案》)印发,提出到2025年制造业质量竞争力指数达到83。", "梅州市质量强市建设实施方案"),
    ("记者从省市场监督管理局获悉,《河南省食品安全省建设规划(2019—2022年)》(以下简称《规划》)正式印发。",
     "河南省食品安全省建设规划(2019—2022年)"),
    ("日前,《湖南省养老服务体系建设规划》(以下简称“规划”)正式出台。", "湖南省养老服务体系建设规划"),
    ("《成都市全民健身实施计划》(以下简称《计划》)近日发布。", "成都市全民健身实施计划"),
    ("《江西省农村供水保障规划》(以下简称《规划》)已正式印发。", "江西省农村供水保障规划"),
    ("《关于加快发展农村养老服务的实施意见》(以下简称《意见》)印发实施。", "关于加快发展农村养老服务的实施意见"),
    ("《厦门市托育服务发展行动方案》已经市政府第23次常务会议审议通过,现印发给你们,请认真贯彻执行。", "厦门市托育服务发展行动方案"),
    ("《洞头区科技创新能力提升实施方案》已经区政府常务会议审议通过,现印发给你们。", "洞头区科技创新能力提升实施方案"),
    ("《云南省节水行动实施方案》已经省人民政府同意,现印发给你们,请结合实际认真贯彻落实。", "云南省节水行动实施方案"),
    ("《广州市公共交通发展规划》已经市委、市政府同意,现印发给你们。", "广州市公共交通发展规划"),
])
def test_a_report_names_the_document_it_is_about(sentence, title):
    assert meta("各有关单位:\n" + sentence).title == title

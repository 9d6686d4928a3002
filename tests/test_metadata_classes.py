"""The metadata classes of docs/metadata_classes.md, each on pages written for the test (other places, bodies
and dates than the fresh pages that showed the class), so a rule is held to its class and not to one page."""
import pytest

from extractor.extractors.metadata import extract_metadata


def meta(text: str):
    return extract_metadata(text)


# --- addressees: split on commas and semicolons only (GOLD_FORMAT.md "addressees") -------------------------
@pytest.mark.parametrize("line,parts", [
    ("各设区市人民政府,省政府各部门、各直属机构:", ["各设区市人民政府", "省政府各部门、各直属机构"]),
    ("各县(区)人民政府,市政府各委办局、各直属单位:", ["各县(区)人民政府", "市政府各委办局、各直属单位"]),
    ("各盟行政公署、市人民政府;自治区各委、办、厅、局:", ["各盟行政公署、市人民政府", "自治区各委、办、厅、局"]),
])
def test_a_list_joined_by_the_enumeration_comma_stays_one_addressee(line, parts):
    m = meta(f"关于做好冬季供暖工作的通知\n{line}\n请认真做好供暖保障工作。")
    assert m.addressees == parts


@pytest.mark.parametrize("salutation", ["各位代表:", "各位代表、同志们:", "各位委员:"])
def test_a_speech_salutation_is_no_addressee_line(salutation):
    m = meta(f"政府工作报告\n——2020年1月8日在某某市第九届人民代表大会第五次会议上\n{salutation}\n"
             "现在,我代表市人民政府,向大会报告政府工作,请予审议。")
    assert m.addressees == []


# --- a report quoting a statistical bulletin: the headline is the title -------------------------------------
@pytest.mark.parametrize("headline,body,publisher", [
    ("全省森林覆盖率达到62.5%",
     "近日,省林业局发布《2022年度福建省森林资源状况公报》。《公报》显示,全省森林覆盖率达到62.5%。", "福建省林业局"),
    ("去年我国新增城镇就业1244万人!《2023年度人力资源和社会保障事业发展统计公报》发布!",
     "日前,人力资源和社会保障部发布《2023年度人力资源和社会保障事业发展统计公报》。", "人力资源和社会保障部"),
    ("我国国内旅游人次同比增长93.3%",
     "文化和旅游部日前发布的《2023年文化和旅游发展统计公报》显示,国内旅游人次48.91亿。", "文化和旅游部"),
])
def test_a_quoted_bulletin_gives_the_headline_as_title(headline, body, publisher):
    m = meta(f"{headline}\n2024-06-01 10:00 来源:某某日报\n{body}")
    assert m.title == headline.replace("《", "").replace("》", "")
    assert m.issuers == [publisher]


def test_a_quoted_plan_still_gives_its_own_title():
    m = meta("我省将新建养老床位2万张\n2024-06-01 来源:某某日报\n近日,省民政厅印发《江西省养老服务体系建设规划》,明确到2025年新建养老床位2万张。")
    assert m.title == "江西省养老服务体系建设规划"


# --- work reports: the government at the session's place, in full, and the session's day -------------------
@pytest.mark.parametrize("lead,issuer,province,level", [
    ("1月10日,长沙市岳麓区第十二届人民代表大会第三次会议开幕。代区长王某作政府工作报告。",
     "长沙市岳麓区人民政府", "湖南省", "county"),
    ("1月10日,柳州市城中区第八届人民代表大会第二次会议开幕。区长李某代表城中区人民政府向大会作政府工作报告。",
     "柳州市城中区人民政府", "广西壮族自治区", "county"),
    ("1月10日,双鸭山市宝山区第九届人民代表大会第一次会议开幕。区长赵某代表宝山区人民政府向大会作政府工作报告。",
     "双鸭山市宝山区人民政府", "黑龙江省", "county"),
    ("1月10日,江津区第十八届人民代表大会第四次会议开幕。江津区区长钱某作政府工作报告。",
     "重庆市江津区人民政府", "重庆市", "county"),
])
def test_a_work_report_names_the_government_of_the_session_place(lead, issuer, province, level):
    m = meta(lead + "\n报告提出了2021年经济社会发展主要预期目标:地区生产总值增长7%左右。")
    assert m.issuers == [issuer]
    assert (m.province, m.city, m.admin_level) == (province, None, level)
    assert m.issue_date == "2021-01-10"


@pytest.mark.parametrize("lead,page_date,date", [
    ("2月22日上午,泉州市第十七届人民代表大会第三次会议开幕。市长蔡某作政府工作报告。", "2021-03-05", "2021-02-22"),
    ("本报讯 1月18日,绍兴市第九届人民代表大会第四次会议开幕。市长盛某向大会作政府工作报告。", "2023-01-19", "2023-01-18"),
])
def test_a_work_report_page_is_dated_by_the_session(lead, page_date, date):
    m = meta(f"{page_date} 09:30:12 来源:某某网\n{lead}\n报告提出今年主要预期目标。")
    assert m.issue_date == date


@pytest.mark.parametrize("work,date", [
    ("报告分两部分:一是2019年工作回顾;二是2020年工作展望。", "2020-01-15"),
    ("报告回顾了过去一年的工作,提出了2020年经济社会发展主要预期目标。", "2020-01-15"),
    ("报告回顾了2019年工作回顾中的成绩。", "2020-01-15"),
])
def test_with_no_page_date_the_session_year_is_the_year_the_report_plans(work, date):
    m = meta(f"1月15日,某某市第十五届人民代表大会第四次会议开幕,市长孙某作政府工作报告。\n{work}")
    assert m.issue_date == date


def test_a_session_day_without_a_year_gives_no_date():
    m = meta("1月15日,某某市第十五届人民代表大会第四次会议开幕,市长孙某作政府工作报告。\n报告回顾了过去一年的工作。")
    assert m.issue_date is None


# --- open-information tables and a page's source as the issuer ---------------------------------------------
@pytest.mark.parametrize("publisher,title,city", [
    ("宿州市统计局", "2024年1-6月份全市主要经济指标完成情况", "宿州市"),
    ("六安市民政局", "2023年1-12月份养老服务民生实事进展情况", "六安市"),
])
def test_open_information_table_cells_are_fields(publisher, title, city):
    m = meta(f"索引号 | 11341500MB1/202407-00001 | 组配分类 | 统计信息 |\n发布机构 | {publisher} | 主题分类 | 综合 |\n"
             f"名称 | {title} | 文号 | 无 |\n生成日期 | 2024-07-20 | 发布日期 | 2024-07-20 |\n"
             "1.地区生产总值:上半年全市完成地区生产总值1025.3亿元,同比增长5.8%。")
    assert m.title == title
    assert m.issuers == [publisher]
    assert m.issue_date == "2024-07-20"
    assert (m.province, m.city, m.admin_level) == ("安徽省", city, "city")


@pytest.mark.parametrize("first,source,issuer,city,level", [
    ("2023年嘉兴市南湖区国民经济和社会发展统计公报", "嘉兴市南湖区统计局", "嘉兴市南湖区统计局", None, "county"),
    ("2024年6月全市规模以上工业增加值", "市统计局", "市统计局", None, None),
    ("乡村振兴项目绩效目标申报表(农村公路)", "平江县交通运输局", "平江县交通运输局", None, "county"),
])
def test_a_page_source_that_is_a_body_is_the_issuer(first, source, issuer, city, level):
    m = meta(f"{first}\n发布时间:2024-07-15 来源:{source}\n表1 主要指标\n指标名称\n单位\n数值")
    assert m.issuers == [issuer]
    assert (m.city, m.admin_level) == (city, level)


def test_a_page_source_is_not_the_issuer_when_the_headline_names_who_published():
    m = meta("江西省发布养老服务体系建设“十四五”规划\n时间:2022-05-10  来源:江西省民政厅\n近日,江西省发布养老服务体系建设规划。")
    assert m.issuers == []


@pytest.mark.parametrize("line", ["名称 | 2024年1-9月份民生实事进展情况 |", "2023年1-11月份全市经济运行情况"])
def test_a_span_of_months_is_no_date(line):
    assert meta(f"{line}\n正文。").issue_date is None


# --- bulletins signed at the top; performance tables ----------------------------------------------------------
@pytest.mark.parametrize("head,issuers,date", [
    ("惠州市统计局\n国家统计局惠州调查队\n2013年4月2日", ["惠州市统计局", "国家统计局惠州调查队"], "2013-04-02"),
    ("2021年某某省望谟县国民经济和社会发展统计公报\n\n望谟县统计局\n\n(2022年6月30日)", ["望谟县统计局"], "2022-06-30"),
    ("兴义市统计局\n（2019年5月8日）", ["兴义市统计局"], "2019-05-08"),
])
def test_a_bulletin_signed_above_its_text(head, issuers, date):
    m = meta(head + "\n2012年,全市经济平稳较快增长。\n一、综合\n初步核算,全年实现地区生产总值1200亿元,比上年增长10.1%。")
    assert m.issuers == issuers and m.issue_date == date
    assert m.title is None or not m.title.endswith("统计局")


@pytest.mark.parametrize("head,issuers", [
    ("2023年某某省国民经济和社会发展统计公报\n(2024年4月30日)", []),
    ("惠州市统计局\n国家统计局惠州调查队\n2013年4月2日", ["惠州市统计局", "国家统计局惠州调查队"]),
])
def test_a_date_or_signature_above_a_bulletin_keeps_it_a_bulletin(head, issuers):
    m = meta(head + "\n2012年,全市经济平稳较快增长。\n一、综合\n初步核算,全年实现地区生产总值2368亿元,比上年增长10.1%。"
             "全年地方财政一般预算收入200亿元,比上年增长15.2%。年末常住人口470万人,比上年末增加3万人。")
    assert m.issuers == issuers and m.genre == "statistics"


@pytest.mark.parametrize("title", ["项目支出绩效目标表", "2022年中央对地方转移支付区域绩效目标自评表", "衔接推进乡村振兴补助资金绩效目标申报表"])
def test_performance_tables_are_titled(title):
    assert meta(f"{title}\n|\n(2022年度)\n|\n项目名称\n|\n某某项目").title == title


@pytest.mark.parametrize("raw,title", [
    ("2018年国民经济和社会发展统计公报[1]", "2018年国民经济和社会发展统计公报"),
    ("2020年国民经济和社会发展统计公报[12]", "2020年国民经济和社会发展统计公报"),
])
def test_a_footnote_mark_is_no_part_of_the_title(raw, title):
    assert meta(f"{raw}\n某某县统计局\n2021年3月1日\n全县经济平稳。").title == title


# --- dates, names in full, page furniture ----------------------------------------------------------------------
@pytest.mark.parametrize("written,date", [("二00八年七月十四日", "2008-07-14"), ("二OO九年三月二日", "2009-03-02"),
                                          ("二〇一〇年十二月三十一日", "2010-12-31")])
def test_a_signature_year_typed_with_zeros(written, date):
    m = meta(f"某某市人民政府关于印发某某规划的通知\n各县人民政府:\n现印发给你们。\n某某市人民政府\n{written}\n")
    assert m.issue_date == date


@pytest.mark.parametrize("printed,full", [
    ("宁夏生态环境厅", "宁夏回族自治区生态环境厅"), ("广西农业农村厅", "广西壮族自治区农业农村厅"),
    ("内蒙古自然资源厅", "内蒙古自治区自然资源厅"),
])
def test_a_body_named_with_its_province_short_name_is_written_in_full(printed, full):
    m = meta(f"{printed}印发的《某某行动方案(2023—2025年)》明确,到2025年底全区完成治理任务。")
    assert m.issuers == [full]


def test_a_province_body_with_a_city_after_the_short_name_is_left_as_printed():
    m = meta("江苏镇江市民政局印发《镇江市养老服务行动方案》,明确到2025年新增床位1000张。")
    assert m.issuers == ["江苏镇江市民政局"] and m.city == "镇江市"  # not 江苏省镇江市民政局


@pytest.mark.parametrize("furniture", ["活动现场 李明 摄", "中国甘肃网", "政府信息公开", "图为会议现场。摄影:王强"])
def test_page_furniture_is_no_headline(furniture):
    m = meta(f"{furniture}\n{furniture}\n全省粮食产量再创新高\n2024-01-20 10:00 来源:某某日报\n记者从省农业农村厅获悉,全省粮食产量达到700亿斤。")
    assert m.headline == "全省粮食产量再创新高"


def test_the_site_clock_is_not_the_page_date():
    m = meta("今天是:2026年01月05日\n某某经济技术开发区\n2021年绩效目标自评表\n单位名称 某某局")
    assert m.issue_date is None


# --- region: a city named again and again; a data publisher ------------------------------------------------
@pytest.mark.parametrize("text,city", [
    ("绵阳科技城建设取得新进展,全市高新技术企业达到800家。绵阳将继续推进科技创新,全国科技城建设示范。", "绵阳市"),
    ("在2024年度建设方案中,芜湖部署了20项任务。芜湖市南陵县、芜湖经开区率先推进,到2025年芜湖将建成无废城市。", "芜湖市"),
])
def test_a_city_named_again_and_again_is_the_city_page(text, city):
    m = meta(text)
    assert (m.city, m.admin_level) == (city, "city")


@pytest.mark.parametrize("lead,issuer", [
    ("国家统计局日前发布的数据显示,2024年全国粮食总产量14130亿斤。", "国家统计局"),
    ("海关总署今天发布的数据显示,前5个月我国货物贸易进出口总值17.5万亿元。", "海关总署"),
])
def test_a_lead_opening_with_a_data_publisher_names_the_issuer(lead, issuer):
    m = meta(lead + "\n其中,出口增长6.1%。")
    assert m.issuers == [issuer] and m.province == "全国"


def test_a_headline_printing_the_issuer_completes_a_formal_title():
    m = meta("洛阳市人民政府关于印发洛阳市2024年国民经济和社会发展计划的通知\n发布日期:2024-04-02\n关于印发洛阳市2024年国民经济和\n"
             "社会发展计划的通知\n各县(市)、区人民政府,市人民政府各部门:\n现将计划印发给你们。")
    assert m.title == "洛阳市人民政府关于印发洛阳市2024年国民经济和社会发展计划的通知"


def test_a_short_pages_signature_with_only_its_date_after_it_closes_the_text():
    """A two-line plan signed below its body is a notice, however near the top its signature falls."""
    from extractor.pipeline import extract

    notice = extract("甲省2023年就业工作要点\n2023年,全省城镇新增就业8万人以上。\n甲省人力资源和社会保障厅\n2023年2月1日\n")
    assert notice.genre == "notice"
    assert [o.value for o in notice.obligations if o.kind == "target"] == [80000]

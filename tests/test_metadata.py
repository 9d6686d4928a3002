from extractor.extractors.metadata import extract_metadata

NOTICE = """某某网站首页
关于做好2023年城乡居民养老保险工作的通知
皖人社发〔2023〕5号
各市人力资源社会保障局、财政局:
根据《国务院关于印发养老保险工作方案的通知》(国发〔2022〕7号)要求,现就有关事项通知如下。
一、到2023年底,全省参保率达到95%以上。
安徽省人力资源和社会保障厅                安徽省财政厅
2023年3月6日
"""


def test_formal_notice_metadata():
    m = extract_metadata(NOTICE)
    assert m.title == "关于做好2023年城乡居民养老保险工作的通知"
    assert m.doc_number == "皖人社发〔2023〕5号"
    assert m.addressees == ["各市人力资源社会保障局、财政局"]
    assert m.issuers == ["安徽省人力资源和社会保障厅", "安徽省财政厅"]
    assert m.issue_date == "2023-03-06"
    assert (m.province, m.city, m.admin_level) == ("安徽省", None, "province")
    assert m.base_year == 2023


def test_cited_document_number_is_not_the_notice_number():
    m = extract_metadata("关于加强社区建设的意见\n各区民政局:\n根据《通知》(穗民〔2021〕3号)精神,现提出如下意见。")
    assert m.doc_number is None


def test_city_notice_resolves_province_and_city():
    text = "成都市民政局关于推进社区服务的通知\n各区(市)县民政局:\n到2024年,建成50个站。\n成都市民政局\n2023年5月8日"
    m = extract_metadata(text)
    assert (m.province, m.city, m.admin_level) == ("四川省", "成都市", "city")
    assert m.issue_date == "2023-05-08"


def test_national_notice():
    text = "关于推进养老服务发展的意见\n各省、自治区、直辖市民政厅(局):\n到2025年……\n民政部  国家发展改革委\n2021年6月1日"
    m = extract_metadata(text)
    assert m.province == "全国" and m.admin_level == "national"
    assert m.issuers == ["民政部", "国家发展改革委"]


def test_reported_notice_takes_issuer_from_publishing_sentence():
    text = "《云南省托育服务发展规划》出台\n日前,云南省卫生健康委员会印发《云南省托育服务发展规划》,明确了发展目标。"
    m = extract_metadata(text)
    assert m.title == "云南省托育服务发展规划"
    assert m.issuers == ["云南省卫生健康委员会"]
    assert m.province == "云南省"


def test_signature_on_one_line_and_chinese_numeral_date():
    m = extract_metadata("关于做好养老服务工作的通知\n各市民政局:\n到2025年建成10个站。\n湖北省民政厅  2021年2月26日")
    assert (m.issuers, m.issue_date) == (["湖北省民政厅"], "2021-02-26")
    m = extract_metadata("关于做好养老服务工作的通知\n各市民政局:\n到2025年建成10个站。\n湖北省民政厅\n二〇二一年二月二十六日")
    assert (m.issuers, m.issue_date) == (["湖北省民政厅"], "2021-02-26")


def test_site_decorations_are_stripped_from_a_title_line():
    m = extract_metadata("关于加强社区养老服务的通知_湖北省民政厅\n各市民政局:\n到2025年建成10个站。")
    assert m.title == "关于加强社区养老服务的通知"
    m = extract_metadata("关于加强社区养老服务的通知 - 中国政府网\n各市民政局:\n到2025年建成10个站。")
    assert m.title == "关于加强社区养老服务的通知"

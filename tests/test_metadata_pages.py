"""Metadata on the pages researchers meet: reposts, news reports and open-information pages (docs/annotation.md
"News reports and reposts"), on pages written for the test from several provinces and ministries."""
import pytest

from extractor.extractors.metadata import extract_metadata
from extractor.pipeline import extract


def meta(text: str):
    return extract_metadata(text)


def test_news_report_takes_title_issuers_and_region_from_the_publishing_sentence():
    m = meta("甘肃:每个县将建成1个区域养老服务中心\n2023-05-12 09:30 来源:甘肃日报\n"
             "近日,省民政厅、省财政厅联合印发《关于加快发展农村养老服务的实施意见》,明确到2025年,每个县至少建成1个区域养老服务中心。")
    assert m.genre == "news"
    assert m.title == "关于加快发展农村养老服务的实施意见"
    assert m.issuers == ["甘肃省民政厅", "甘肃省财政厅"]
    assert (m.issue_date, m.province, m.admin_level) == ("2023-05-12", "甘肃省", "province")


def test_a_cited_document_is_not_the_title():
    m = meta("关于做好2024年春耕生产的通知\n各市农业农村局:\n按照《农业农村部关于做好春耕生产工作的通知》(农农发〔2024〕2号)部署,现将有关事项通知如下。\n"
             "某某省农业农村厅\n2024年2月20日")
    assert m.title == "关于做好2024年春耕生产的通知" and m.doc_number is None


def test_a_repost_lead_in_names_the_notice_and_the_genre():
    m = meta("日前,泉州印发《泉州市城市更新三年行动方案(2023-2025年)》。全文如下:\n泉州市城市更新三年行动方案(2023-2025年)\n为加快推进城市更新,制定本方案。")
    assert m.genre == "repost" and m.title == "泉州市城市更新三年行动方案(2023-2025年)"
    assert (m.province, m.city, m.admin_level) == ("福建省", "泉州市", "city")


def test_title_broken_across_lines_is_joined_and_decorations_removed():
    m = meta("政策解读 | 某某网\n贵州省人民政府关于\n进一步优化营商环境的若干意见\n各市、自治州人民政府,省政府各部门:\n现提出如下意见。")
    assert m.title == "贵州省人民政府关于进一步优化营商环境的若干意见"
    m = meta("[某某配资]民政部要求到2025年社区养老服务设施配建率达100%\n2021-12-30 13:58:58\n日前民政部印发通知。")
    assert m.headline == "民政部要求到2025年社区养老服务设施配建率达100%"


def test_open_information_fields_are_metadata_not_text():
    page = ("索引号: | 11530000/2023-00123 | 发布机构: | 云南省人民政府办公厅 |\n成文日期: | 2023-04-10 | 发布日期: | 2023-04-14 |\n"
            "文号: | 云政办发〔2023〕18号 |\n关于进一步做好稳就业工作的通知\n各州、市人民政府,省直各委、办、厅、局:\n到2023年底,全省城镇新增就业50万人。")
    n = extract(page)
    assert n.issue_date == "2023-04-10" and n.doc_number == "云政办发〔2023〕18号"
    assert "索引号" not in n.text and "成文日期" not in n.text
    assert all(o.deadline != "2023-04-10" for o in n.obligations)


@pytest.mark.parametrize("header,date", [
    ("时间:2022-01-04 浏览次数:320", "2022-01-04"),
    ("2022-01-11 10:50:24 来源:人民网", "2022-01-11"),
    ("2024年05月16日17:48  来源:新华网", "2024-05-16"),
    ("发布日期:2023.08.02", "2023-08-02"),
])
def test_page_dates_in_their_usual_forms(header, date):
    m = meta(f"海南今年将新建10所幼儿园\n{header}\n记者从省教育厅获悉,今年全省将新建10所公办幼儿园。")
    assert m.issue_date == date


def test_the_signature_date_comes_before_the_page_date():
    m = meta("发布日期:2021-03-10\n关于加强养老护理员培训的通知\n各市民政局:\n到2022年培训护理员5000人次。\n某某省民政厅\n2021年3月2日")
    assert m.issue_date == "2021-03-02"


@pytest.mark.parametrize("text,province,city,level", [
    ("福建:每个村(居)将配备1名儿童主任\n2019-10-18\n近日出台文件。", "福建省", None, "province"),
    ("厦门今年将新增托位3000个\n2023-02-01\n记者获悉。", "福建省", "厦门市", "city"),
    ("教育部:去年全国新增学位200万个\n2023-03-01\n教育部日前发布通知。", "全国", None, "national"),
    ("关于加强社区卫生服务的通知\n各省、自治区、直辖市卫生健康委:\n请认真落实。\n国家卫生健康委\n2022年5月6日", "全国", None, "national"),
    # GOLD_FORMAT.md: `city` names the prefecture-level city of a city notice only; a county's notice has none
    ("长兴县人民政府关于印发农村供水提升行动方案的通知\n各乡镇人民政府:\n到2025年农村自来水普及率达到99%。", "浙江省", None, "county"),
])
def test_region_and_level(text, province, city, level):
    m = meta(text)
    assert (m.province, m.city, m.admin_level) == (province, city, level)
    assert m.region_evidence


def test_addressees_only_from_a_main_recipients_line():
    assert meta("教育部:去年全国新增学位200万个\n教育部日前发布通知。").addressees == []
    m = meta("关于做好防汛工作的通知\n各区、县(市)人民政府,市政府各部门、各直属单位:\n请做好防汛工作。")
    assert m.addressees == ["各区、县(市)人民政府", "市政府各部门、各直属单位"]  # GOLD_FORMAT: a 、 list stays one entry


def test_statistics_bulletin_sets_no_targets():
    page = ("2022年全省民政事业发展统计公报\n2023-06-01\n据统计,2022年末全省共有养老机构1200家,床位12万张。"
            "全省社会工作专业人才总量达到5万人。")
    n = extract(page)
    assert n.genre == "statistics" and not [o for o in n.obligations if o.kind == "target"]

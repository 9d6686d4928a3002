"""Issuers of pages with no signature (docs/annotation.md "issuers"): on news reports and reposts the issuer is
printed as the news source, the government giving its work report, the body a headline opens with, or the
code of the 文号. Each rule is a table of surface variants from several areas and levels."""
import pytest

from extractor.extractors.metadata import extract_metadata


@pytest.mark.parametrize("text,issuers", [
    ("本报讯 记者从住房和城乡建设部获悉,今年将新开工改造城镇老旧小区5万个。", ["住房和城乡建设部"]),
    ("记者从省教育厅获悉,到2025年全省新增学位10万个。", ["省教育厅"]),
    ("据山西省住房和城乡建设厅消息,2023年将开工改造老旧小区1855个。", ["山西省住房和城乡建设厅"]),
    ("来自市卫生健康委的消息,今年全市新增床位2000张。", ["市卫生健康委"]),
    ("近日,记者从国家林业和草原局了解到,到2025年森林覆盖率达到24.1%。", ["国家林业和草原局"]),
    ("据省统计局发布的数据,上半年全省生产总值增长5.5%。", ["省统计局"]),
])
def test_the_news_source_is_the_issuer(text, issuers):
    meta = extract_metadata("新闻中心\n" + text)
    assert [i.removeprefix("山西") for i in meta.issuers] == [i.removeprefix("山西") for i in issuers]


@pytest.mark.parametrize("text,issuer", [
    ("山东省省长姜大明代表省人民政府向大会作政府工作报告。今年生产总值增长9.5%左右。", "山东省人民政府"),
    ("浙江省十一届人大四次会议开幕,浙江省省长吕祖善作政府工作报告。", "浙江省人民政府"),
    ("上海市第十六届人大二次会议开幕。上海市市长龚正作《政府工作报告》。", "上海市人民政府"),
    ("市长李明代表市人民政府作政府工作报告。广州市今年地区生产总值增长6%。", "广州市人民政府"),
])
def test_the_government_giving_its_work_report_is_the_issuer(text, issuer):
    meta = extract_metadata(text)
    assert meta.issuers == [issuer]


@pytest.mark.parametrize("headline,issuer", [
    ("国家林草局:2025年我国森林蓄积量将达190亿立方米", "国家林草局"),
    ("交通运输部:“十四五”指标年底前全部完成", "交通运输部"),
    ("省发展改革委:今年重点项目投资3000亿元", "省发展改革委"),
])
def test_a_headline_opened_by_a_body_names_the_issuer(headline, issuer):
    meta = extract_metadata(headline + "\n正文中没有落款。到2025年,实现目标。")
    assert meta.issuers and meta.issuers[0].endswith(issuer)


@pytest.mark.parametrize("number,issuer", [
    ("豫政办〔2023〕4号", "河南省人民政府办公厅"),
    ("豫政〔2021〕12号", "河南省人民政府"),
])
def test_the_doc_number_code_names_the_issuer_when_nothing_else_does(number, issuer):
    meta = extract_metadata(f"关于推进城市公共交通发展的实施意见\n{number}\n各省辖市人民政府:\n现提出如下意见。")
    assert meta.issuers == [issuer]


def test_a_signature_still_wins():
    meta = extract_metadata("关于推进养老服务的通知\n豫政办〔2023〕4号\n各市人民政府:\n现通知如下。\n河南省民政厅\n2023年3月1日")
    assert meta.issuers == ["河南省民政厅"]


def test_a_place_name_that_is_no_body_names_no_issuer():
    meta = extract_metadata("全球观点:山西:2023年将开工改造城镇老旧小区1855个\n观点网讯:3月1日消息。")
    assert "全球观点" not in meta.issuers

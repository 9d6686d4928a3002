"""Metadata of long plans read from the page's frame (docs/glued_tables.md "Metadata"): the notice's own title as
a line prints it when the site's title lost the 《》 around a cited plan, and the 文号 from the page's link to the
notice's own file (`市政办发〔2022〕167号.pdf`), which the cleaner drops as furniture."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract

BODY = "现提出如下实施意见。\n一、总体要求\n到2025年,主要农作物耕种收综合机械化率达到90%以上。\n"


@pytest.mark.parametrize("site, printed", [
    ("上海关于贯彻落实“十四五”全国农业机械化发展规划的实施意见", "上海关于贯彻落实《“十四五”全国农业机械化发展规划》的实施意见"),
    ("关于贯彻落实全国农业机械化发展规划的实施意见", "关于贯彻落实《全国农业机械化发展规划》的实施意见"),
    ("湖南省贯彻落实“十四五”国家老龄事业发展和养老服务体系规划的实施方案", "湖南省贯彻落实《“十四五”国家老龄事业发展和养老服务体系规划》的实施方案"),
    ("关于印发白银市“一城一策”工作方案的通知", "关于印发《白银市“一城一策”工作方案》的通知"),
    ("关于落实数字乡村发展行动计划的通知", "关于落实〈数字乡村发展行动计划〉的通知"),
])
def test_the_title_is_the_one_the_text_prints_with_its_marks(site, printed):
    notice = extract(f"# {site}\n\n**发布机构**: 某某市\n\n各区农业农村委:\n{printed}\n{BODY}")
    assert notice.title == printed


def test_a_title_with_no_marks_printed_anywhere_stays_as_the_site_gives_it():
    notice = extract("# 关于推进农业机械化发展的实施意见\n\n各区农业农村委:\n关于推进农业机械化发展的实施意见\n" + BODY)
    assert notice.title == "关于推进农业机械化发展的实施意见"


def test_a_cited_plan_in_a_sentence_does_not_become_the_title():
    notice = extract("# 关于推进农业机械化发展的实施意见\n\n各区农业农村委:\n为贯彻落实《关于推进农业机械化发展的实施意见》,现提出如下措施。\n"
                     + BODY)
    assert notice.title == "关于推进农业机械化发展的实施意见"


@pytest.mark.parametrize("link, number", [
    ("市政办发〔2022〕167号.pdf", "市政办发〔2022〕167号"),
    ("市政办发〔2022〕167号.PDF", "市政办发〔2022〕167号"),
    ("甘政办发〔2021〕5号.doc", "甘政办发〔2021〕5号"),
    ("京政发〔2023〕12号.docx", "京政发〔2023〕12号"),
    ("闽政〔2020〕3号.wps", "闽政〔2020〕3号"),
    ("豫政办〔2024〕18号.ofd", "豫政办〔2024〕18号"),
])
def test_the_doc_number_is_read_from_the_link_to_the_notice_file(link, number):
    notice = extract("某某市人民政府办公室关于印发住房保障工作方案的通知\n各县区人民政府:\n现将方案印发给你们。\n"
                     "到2023年底,新筹集保障性租赁住房500套。\n某某市人民政府办公室\n2022年10月6日\n" + link)
    assert notice.doc_number == number


@pytest.mark.parametrize("tail", [
    "附件:市政办发〔2022〕167号.pdf",            # an attachment label: another file
    "依据市政办发〔2022〕167号文件执行。",          # a cited number in a sentence
    "市政办发〔2022〕167号.html",                  # not a document file
])
def test_other_numbers_at_the_end_are_not_the_notice_number(tail):
    notice = extract("某某市人民政府办公室关于印发住房保障工作方案的通知\n各县区人民政府:\n现将方案印发给你们。\n"
                     "到2023年底,新筹集保障性租赁住房500套。\n某某市人民政府办公室\n2022年10月6日\n" + tail)
    assert notice.doc_number is None

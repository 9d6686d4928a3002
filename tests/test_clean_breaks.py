"""Capability table: a hard line break between a number and its measure word (`选育或引进2-3` / `个适宜…`) is
joined, since a number and its unit are never apart; other breaks after a number stay."""
from __future__ import annotations

import pytest

from extractor.clean.text import clean

LEAD = "重点围绕主要绿叶菜品种,加快生产关键环节机械化技术创新与集成应用。"


@pytest.mark.parametrize("number, rest", [
    ("选育或引进2-3", "个适宜机械化生产的品种。"),
    ("新建养老服务中心15", "家,覆盖全部乡镇。"),
    ("改造提升公办养老机构30", "所以上。"),
    ("新增护理型床位1200", "张,占比达到60%。"),
    ("培训养老护理员500", "人次,持证上岗率达到90%。"),
    ("建设高标准农田3.5", "万亩,亩均产能提高10%。"),
    ("到2025", "年底前,全面完成改造任务。"),
    ("设施菜田绿叶菜生产机械化水平达到60", "%,打造示范园8-10个。"),
    ("办结时限压缩至5", "个工作日以内。"),
    ("建成区域性产销联合体3—5", "个,带动农户增收。"),
    ("打造智能化蔬果生产基地2~3", "处,探索集约化生产模式。"),
])
def test_a_number_and_its_measure_word_broken_over_two_lines_are_joined(number, rest):
    text = clean(f"{LEAD}{number}\n\n{rest}").text
    assert f"{number}{rest}" in text


@pytest.mark.parametrize("prev, nxt", [
    (LEAD + "咨询电话:0591-87654321", "个人信息依法保护。"),       # a telephone number, not a count
    ("附件2", "个人申请表"),                                       # a short line: a label, not prose
    (LEAD + "2023年完成改造任务。", "个别地区可适当延后。"),       # the line ends a sentence
    (LEAD + "新增床位1200", "各地要加强组织领导。"),               # the next line does not start with a unit
    (LEAD + "第一批试点县共12", "\t个\t县"),                        # a table row
])
def test_other_breaks_after_a_number_stay(prev, nxt):
    lines = clean(f"{prev}\n{nxt}").text.split("\n")
    assert len(lines) == 2

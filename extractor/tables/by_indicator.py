"""The comparison by indicator: per indicator, one row per region's target, the indicators that two or more
regions set first.

It reads the extraction's fields only (`indicator`, `indicator_label`, `indicator_provisional`, the value in its
base unit); the taxonomy gives nothing but the order of canonical indicators. Within an indicator, rows go by
region (全国 first), deadline, newest notice first, then obligation id, so the sheet reads as a ranking table
and sorts and filters in Excel (the XLSX has an autofilter on every sheet).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from extractor import taxonomy
from extractor.tables.rows import NATIONAL


def region_counts(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Number of regions that set each indicator ("other" left out)."""
    regions: dict[str, set[str]] = {}
    for r in rows:
        if r["indicator"] != taxonomy.OTHER:
            regions.setdefault(r["indicator"], set()).add(r["region"])
    return {k: len(v) for k, v in regions.items()}


def _rank() -> dict[str, int]:
    return {i.id: k for k, i in enumerate(taxonomy.indicators())}


def sort_key(r: dict[str, Any], counts: dict[str, int], rank: dict[str, int]) -> tuple[Any, ...]:
    """Shared indicators first (most regions first), then taxonomy order with variants after their indicator and
    provisional keys last; within an indicator by region, deadline, newest notice, obligation id."""
    ident = r["indicator"]
    base = taxonomy.base_id(ident)
    n = counts.get(ident, 0)
    return (n < 2, -n, rank.get(base, len(rank)), ident != base, ident,
            r["region"] != NATIONAL, r["region"] or "", r["deadline"] is None, r["deadline"] or "",
            "".join(chr(0x10FFFF - ord(c)) for c in (r["issue_date"] or "")), r["obligation_id"] or "")


def ordered(rows: list[dict[str, Any]], delivery: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The view's rows in order: the targets with an indicator, each with its indicator's region count and its
    delivery (the latest progress linked to it, extractor.progress)."""
    kept = [r for r in rows if r["indicator"] != taxonomy.OTHER]
    counts, rank = region_counts(kept), _rank()
    return [with_count(r, counts, delivery or {}) for r in sorted(kept, key=lambda r: sort_key(r, counts, rank))]


def with_count(r: dict[str, Any], counts: dict[str, int], delivery: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {**r, "regions": counts.get(r["indicator"], 0), **delivery.get(r["obligation_id"] or "", NO_DELIVERY)}


NO_DELIVERY = dict.fromkeys(("delivery", "delivery_as_of", "delivery_share", "delivery_value"))


def stream(rows: Iterator[dict[str, Any]], counts: dict[str, int],
           delivery: dict[str, dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    """Rows already in order (a plan's stored order), each with its indicator's region count and delivery."""
    for r in rows:
        yield with_count(r, counts, delivery or {})

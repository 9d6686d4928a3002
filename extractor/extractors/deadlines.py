"""Time semantics: which time phrase is a due date, relative to the notice's own date.

The phrases themselves are found by `time_phrases` (kinds: deadline, year, period, span, duration, event,
status, base, effective, recurrence); this module decides what each kind means for a value: whether it
sets a due date, whether it lies before the notice, and when a recurring duty falls due next.
"""
from __future__ import annotations

import re
from dataclasses import replace

from extractor.extractors.time_phrases import DUE_KINDS, find_times
from extractor.extractors.time_resolvers import month_end, plan_period
from extractor.model import TimeExpr

__all__ = ["find_times", "is_due", "is_future_span", "is_past", "month_end", "next_occurrence", "plan_period"]


def is_due(t: TimeExpr, base_year: int | None) -> bool:
    """A phrase that can set a due date: marked deadlines, plan ends, durations, effective dates, and a bare
    year not before the notice's own year (`2025年,全市…` in a 2021 notice; `2020年` in a 2023 one is past)."""
    if t.kind not in DUE_KINDS or t.date is None:
        return False
    if t.kind in ("deadline", "effective") and base_year and t.year and t.year < base_year - 1:
        return False  # `2000年以前建成的小区`, `落实2013年起新建小区…的要求` in a 2023 notice: a past date, not a due one
    if t.kind == "year":
        return base_year is None or (t.year or 0) >= base_year
    return True


def is_future_span(t: TimeExpr, base_year: int | None) -> bool:
    """`“十四五”时期` not before the notice's year: a value stated for it is due at its end."""
    return t.kind == "span" and t.date is not None and (base_year is None or (t.year or 0) >= base_year)


def is_past(t: TimeExpr, base_year: int | None) -> bool:
    """A dated phrase wholly before the notice's own year (background when it frames a figure)."""
    if base_year is None or t.year is None:
        return False
    return t.kind in ("year", "event", "status", "span", "period") and t.year < base_year


def next_occurrence(t: TimeExpr, recurring: bool, issue_date: str | None) -> TimeExpr:
    """`每年1月底前` in a notice of April: the first due date is next January, not one already past."""
    if not recurring or not t.date or not issue_date or re.search(r"\d{4}|[〇零]", t.text) or t.date >= issue_date:
        return t
    y, rest = t.date.split("-", 1)
    date = f"{int(y) + 1}-{rest}" if rest != "02-29" else f"{int(y) + 1}-02-28"
    return replace(t, date=date, year=(t.year or int(y)) + 1)

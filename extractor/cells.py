"""Strings made safe for every output: XML/HTML-legal characters, and no formulas in spreadsheets.

A notices.jsonl may hold any string JSON can encode (NUL, ESC, lone surrogates from a `\\ud800`
escape). XML 1.0 (XLSX, HTML) forbids most C0 controls, surrogates cannot be encoded as UTF-8
(SQLite, Parquet, CSV), so every text value is cleaned once, on the way in. Each bad character
becomes U+FFFD, one for one, so offsets into a text stay valid and the damage stays visible.
"""
from __future__ import annotations

import math
import re
from typing import Any

REPLACEMENT = "\ufffd"
# C0 controls except TAB/LF/CR, DEL and C1 controls, lone surrogates, the two non-characters XML forbids
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# OWASP CSV injection: a cell starting with one of these is read as a formula by spreadsheet programs
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# the comparator as the CSV and XLSX files show it: symbols (and a word) no spreadsheet reads as a formula
COMPARATOR_SHOWN = {">=": "≥", "<=": "≤", "=": "＝", "range": "区间"}


def clean_text(s: str) -> str:
    """`s` with every character that XML, HTML or UTF-8 cannot carry replaced by U+FFFD."""
    return _ILLEGAL.sub(REPLACEMENT, s) if _ILLEGAL.search(s) else s


def text(v: Any) -> str | None:
    """A text field as a clean string; None stays None, other JSON values are shown as text."""
    if v is None:
        return None
    return clean_text(v if isinstance(v, str) else str(v))


def number(v: Any) -> float | int | None:
    """A finite number that SQLite and Excel can store, else None (JSON may carry NaN, Infinity, huge
    integers, booleans or strings where a number belongs)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if isinstance(v, int) and abs(v) >= 2**63:
        v = float(v) if abs(v) < 2**1023 else math.inf
    return v if math.isfinite(v) else None


def is_formula_like(s: str) -> bool:
    """True when a spreadsheet would evaluate this text cell (OWASP's list of leading characters)."""
    return s.startswith(FORMULA_START)


def escape_formula(s: str) -> str:
    """OWASP's rule for CSV: prefix a single quote so the cell is read as text, never as a formula."""
    return "'" + s if is_formula_like(s) else s

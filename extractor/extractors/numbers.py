"""Numerals: Arabic and Chinese, with 万/亿 scaling, applied to isolated numeral spans only."""
from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千万亿"
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CN_NUM = rf"[{CN_NUM_CHARS}]+"


def parse_chinese(s: str) -> float | None:
    """三万 -> 30000, 十四 -> 14, 一百二十 -> 120, 二〇二五 -> 2025 (digit string); None if not a numeral."""
    if not s or any(ch not in CN_NUM_CHARS for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s) and len(s) > 1:
        return float(int("".join(str(CN_DIGITS[ch]) for ch in s)))
    total = 0
    section = 0
    number = 0
    seen_digit = False
    for ch in s:
        if ch in CN_DIGITS:
            number = CN_DIGITS[ch]
            seen_digit = True
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            section += (number if seen_digit or number else 1) * unit
            number = 0
            seen_digit = False
        elif ch in CN_BIG:
            section += number
            if section == 0:
                section = 1
            total += section * CN_BIG[ch]
            section = 0
            number = 0
            seen_digit = False
    return float(total + section + number)


_ARABIC_SCALED = re.compile(rf"({ARABIC})\s*([万亿]?)")


def parse_number(s: str) -> float | None:
    """An Arabic or Chinese numeral string, with an optional trailing 万/亿 multiplier."""
    s = s.strip()
    if not s:
        return None
    m = _ARABIC_SCALED.fullmatch(s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= CN_BIG[m.group(2)]
        return value
    m = re.fullmatch(rf"百分之({ARABIC}|{CN_NUM})", s)
    if m:
        return parse_number(m.group(1))
    return parse_chinese(s)

import pytest

from extractor.extractors.numbers import parse_chinese, parse_number


@pytest.mark.parametrize("s,v", [("十四", 14), ("二十", 20), ("一百二十", 120), ("三万", 30000), ("两", 2),
                                 ("一千零五", 1005), ("二〇二五", 2025), ("十", 10), ("五千万", 50_000_000), ("一亿二千万", 120_000_000)])
def test_chinese_numerals(s, v):
    assert parse_chinese(s) == v


@pytest.mark.parametrize("s,v", [("1,200", 1200), ("1.7万", 17000), ("24.9亿", 2_490_000_000), ("百分之三十", 30), ("三", 3)])
def test_numbers(s, v):
    assert parse_number(s) == pytest.approx(v)


def test_not_a_numeral():
    assert parse_chinese("统一") is None
    assert parse_number("abc") is None

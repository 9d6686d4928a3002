import pytest

from extractor.extractors.deadlines import find_times, plan_period


def one(text, base=2021):
    ts = [t for t in find_times(text, base)]
    assert len(ts) == 1, [t.text for t in ts]
    return ts[0]


@pytest.mark.parametrize("text,date,kind", [
    ("到2025年", "2025-12-31", "deadline"),
    ("2023年底前", "2023-12-31", "deadline"),
    ("在2021年底之前", "2021-12-31", "deadline"),
    ("2022年6月底前", "2022-06-30", "deadline"),
    ("2024年上半年", "2024-06-30", "deadline"),
    ("2022年第三季度", "2022-09-30", "deadline"),
    ("于10月底前", "2021-10-31", "deadline"),
    ("11月15日前", "2021-11-15", "deadline"),
    ("力争到“十四五”末", "2025-12-31", "period"),
    ("十五五期末", "2030-12-31", "period"),
    ("2021—2023年", "2023-12-31", "period"),
    ("用3—5年时间", "2025-12-31", "duration"),
    ("用两年时间", "2022-12-31", "duration"),
    ("用两到三年", "2023-12-31", "duration"),
    ("2025年", "2025-12-31", "year"),
    ("2020年10月", "2020-10-31", "event"),
    ("2017年5月17日", "2017-05-17", "event"),
    ("二〇二五年", "2025-12-31", "year"),
    ("次年", "2022-12-31", "year"),
    ("年内", "2021-12-31", "deadline"),
    # a year so far (前三季度) is a statistics period, not `2020年前` + 三季度
    ("2020年前三季度", "2020-09-30", "status"),
    ("今年前三季度", "2021-09-30", "status"),
    ("2019年前两个季度", "2019-06-30", "status"),
    ("到2020年前", "2020-12-31", "deadline"),
])
def test_time_expressions(text, date, kind):
    t = one(text)
    assert (t.date, t.kind) == (date, kind)


def test_recurrence_has_no_date():
    t = one("每年")
    assert t.kind == "recurrence" and t.date is None and t.recurrence == "每年"


def test_relative_phrases_without_base_year_stay_unknown():
    t = one("于10月底前", base=None)
    assert t.date is None


def test_plan_periods():
    assert plan_period("十三五") == (2016, 2020)
    assert plan_period("十四五") == (2021, 2025)
    assert plan_period("十五五") == (2026, 2030)
    assert one("“十四五”时期").kind == "span"


def test_long_texts_are_scanned_in_windows_with_the_whole_scans_result():
    """Windows around the anchors (years, 月, plan numbers) find exactly what a scan of every character finds,
    including a phrase padded with spaces past the window, which makes it fall back to the whole scan."""
    from extractor.extractors import time_phrases as tp

    filler = "各地要加强组织领导，完善工作机制，" * 40
    pieces = ["力争到2025年底前", "于10月底前", "“十四五”期末", "今年", "2023年3月25日、6月25日前", "上半年",
              "用3—5年时间", "确保" + " " * 80 + "到2030年"]
    text = filler.join(pieces) + filler
    assert len(text) > tp.WINDOWED_FROM
    for kind, pattern in tp.grammar():
        assert [m.span() for m in tp._matches(kind, pattern, text)] == [m.span() for m in pattern.finditer(text)], kind
    found = {t.text.replace(" ", "") for t in tp.find_times(text, 2022)}
    assert {"力争到2025年底前", "于10月底前", "确保到2030年"} <= found

"""Tests for extractor.ingest.decode: charsets that lie, bytes that are broken, mojibake."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.ingest.decode import decode_bytes, normalise_charset, repair_mojibake, sniff_html_charset

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "html"
NOTICE = "关于印发《2024年防汛工作方案》的通知\r\n各乡镇人民政府：\r\n请认真贯彻执行。\r"


@pytest.fixture(scope="module")
def fixtures() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {FIXTURES}")
    return FIXTURES


def test_crlf_and_cr_become_lf() -> None:
    text, warnings = decode_bytes(NOTICE.encode("utf-8"), "n.txt")
    assert text == NOTICE.replace("\r\n", "\n").replace("\r", "\n")
    assert warnings == []


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                          (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_wins_over_everything(bom: bytes, encoding: str) -> None:
    text, _ = decode_bytes(bom + "关于印发的通知".encode(encoding), "x", http_charset="gbk", declared="big5")
    assert text == "关于印发的通知"


def test_http_charset_used_when_bytes_fit() -> None:
    text, warnings = decode_bytes("各乡镇人民政府：".encode("gbk"), "x", http_charset="GBK")
    assert text == "各乡镇人民政府：" and warnings == []


def test_declared_gb2312_is_read_as_gb18030() -> None:
    # 镕 is outside GB2312; a page labelled gb2312 that uses it must still decode.
    text, warnings = decode_bytes("朱镕基同志".encode("gb18030"), "x", declared="gb2312")
    assert text == "朱镕基同志" and warnings == []


def test_declared_charset_that_lies_is_ignored() -> None:
    data = "关于印发防汛工作方案的通知".encode("utf-8")
    text, warnings = decode_bytes(data, "x", declared="gb2312")
    assert text == "关于印发防汛工作方案的通知"
    assert warnings == ["decode: declared charset gb2312 ignored; the bytes are UTF-8"]


def test_latin1_http_default_is_not_trusted_for_chinese() -> None:
    notice = "为切实做好今年防汛工作，现将有关事项通知如下。"
    text, warnings = decode_bytes(notice.encode("gbk"), "x", http_charset="ISO-8859-1")
    assert text == notice
    assert any("ISO-8859-1" in w for w in warnings)


def test_latin1_label_kept_for_western_text() -> None:
    assert decode_bytes("café crème".encode("latin-1"), "x", declared="ISO-8859-1") == ("café crème", [])


def test_undeclared_gbk_and_big5_are_detected() -> None:
    gbk = "为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。"
    big5 = "為切實做好今年防汛工作，確保人民群眾生命財產安全，現將有關事項通知如下。"
    assert decode_bytes(gbk.encode("gbk"), "x")[0] == gbk
    assert decode_bytes(big5.encode("big5"), "x")[0] == big5


@pytest.mark.parametrize("text", ["关", "关于", "各乡镇", "通知如下"])
def test_short_gbk_is_not_taken_for_big5(text: str) -> None:
    assert decode_bytes(text.encode("gbk"), "x") == (text, [])


def test_truncated_utf8_keeps_the_rest() -> None:
    data = "各乡镇人民政府：请认真贯彻执行。".encode("utf-8")[:-1]
    text, warnings = decode_bytes(data, "x")
    assert text.startswith("各乡镇人民政府：请认真贯彻执行")
    assert warnings == ["decode: 2 undecodable bytes replaced (utf-8)"]


def test_undecodable_bytes_are_counted_not_raised() -> None:
    data = "通知".encode("gbk") + b"\xff\xff\xff" + "如下".encode("gbk")
    text, warnings = decode_bytes(data, "x")
    assert text.startswith("通知") and text.endswith("如下") and "\ufffd" in text
    assert warnings == ["decode: 3 undecodable bytes replaced (gb18030)"]


def test_sniff_meta_charset_forms() -> None:
    assert sniff_html_charset(b'<html><head><meta charset="GBK"></head>') == "gbk"
    assert sniff_html_charset(
        b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">') == "gb2312"
    assert sniff_html_charset(b'<?xml version="1.0" encoding="GB18030"?><html>') == "gb18030"
    assert sniff_html_charset(b'<script charset="gbk" src="x.js"></script>') is None
    assert sniff_html_charset(b" " * 5000 + b'<meta charset="gbk">') is None


def test_normalise_charset() -> None:
    assert {normalise_charset(x) for x in ("gb2312", "GBK", "gb_2312", "x-gbk", "cp936")} == {"gb18030"}
    assert normalise_charset("UTF8") == "utf-8"
    assert normalise_charset("no-such-charset") is None


@pytest.mark.parametrize("name,phrase", [
    ("chardet-sina-gb18030-nocharset.html", "中国制造的领军者3名"),
    ("chardet-sina-gb18030-nocharset.html", "马兴瑞，中国航天科技集团公司总经理"),
    ("chardet-sohu-gb2312-nocharset.html", "搜狐在线"),
])
def test_gb_snippets_without_charset(fixtures: Path, name: str, phrase: str) -> None:
    data = (fixtures / name).read_bytes()
    assert sniff_html_charset(data) is None
    text, warnings = decode_bytes(data, name)
    assert phrase in text and "\ufffd" not in text and warnings == []


@pytest.mark.parametrize("name,declared", [
    ("gne-163-wuxi-road-closure.html", "gb2312"),
    ("gne-hexun-mot-jjj-transport.html", "gb2312"),
    ("nfra-penalty-hq-2024-36.html", "utf-8"),
    ("gne-163-covid-lfk-notice.html", None),
])
def test_pages_whose_meta_lies_decode_right(fixtures: Path, name: str, declared: str | None) -> None:
    data = (fixtures / name).read_bytes()
    assert sniff_html_charset(data) == declared
    text, _ = decode_bytes(data, name, declared=sniff_html_charset(data))
    assert text == data.decode("utf-8").replace("\r\n", "\n")


def test_existing_replacement_characters_are_reported(fixtures: Path) -> None:
    data = (fixtures / "gne-thepaper-nansha-cruise.html").read_bytes()
    _, warnings = decode_bytes(data, "paper", declared=sniff_html_charset(data))
    assert warnings == ["decode: 32 U+FFFD characters already in the source (utf-8)"]


def test_repair_utf8_read_as_gbk() -> None:
    garbled = "关于做好防汛工作".encode("utf-8").decode("gbk")
    assert garbled.startswith("鍏充簬")
    assert repair_mojibake(garbled) == ("关于做好防汛工作", 1)


def test_repair_utf8_read_as_gbk_marks_the_misaligned_character() -> None:
    # 案 straddles a GBK pair that does not exist, so the reader already lost it to U+FFFD.
    garbled = "关于印发防汛工作方案的通知".encode("utf-8").decode("gbk", "replace")
    fixed, count = repair_mojibake(garbled)
    assert fixed.startswith("关于印发防汛工作方") and fixed.endswith("的通知") and "\ufffd" in fixed
    assert count >= 1


def test_repair_utf8_read_as_cp1252_with_ftfy() -> None:
    garbled = "关于通知".encode("utf-8").decode("cp1252")
    assert repair_mojibake("标题：" + garbled) == ("标题：关于通知", 1)


def test_kun_jin_kao_is_flagged_as_lost() -> None:
    fixed, count = repair_mojibake("通知锟斤拷锟斤拷如下")
    assert fixed == "通知\ufffd\ufffd\ufffd\ufffd如下" and count == 1


@pytest.mark.parametrize("text", ["关于印发“十四五”规划——的通知……", "乾安县鄱阳湖饕餮", "Ångström café"])
def test_repair_leaves_good_text_alone(text: str) -> None:
    assert repair_mojibake(text) == (text, 0)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096), st.sampled_from([None, "gb2312", "utf-8", "big5", "latin-1", "bogus"]))
def test_arbitrary_bytes_never_raise(data: bytes, declared: str | None) -> None:
    text, warnings = decode_bytes(data, "fuzz", http_charset=declared, declared=declared)
    assert "\r" not in text and all(isinstance(w, str) for w in warnings)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_repair_never_raises(text: str) -> None:
    """The count says whether anything changed, and text without mojibake (plain ASCII) is left alone."""
    fixed, count = repair_mojibake(text)
    assert (count == 0) == (fixed == text)
    if text.isascii():
        assert fixed == text and count == 0

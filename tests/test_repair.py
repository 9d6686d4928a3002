"""Repairs of garbled text: one-byte-off GBK runs, mojibake, private-use characters."""
import re

import pytest

from extractor.clean.garble import find_garbled
from extractor.clean.text import clean
from conftest import seed


@pytest.fixture(scope="module")
def hubei():
    return clean(seed("002").read_text(encoding="utf-8"))


@pytest.mark.parametrize("restored", [
    "。《通知》重申对获得社会工作者职业资格",
    "。《通知》强调要利用社会工作站服务平台",
    "。《通知》明确了城乡社区社会工作的重点",
    "。《通知》要求在基层民政事业单位设置",
    "。《通知》提出鼓励有条件的地方",
    "。《通知》要求通过实施“五社联动",
])
def test_hubei_notice_runs_restored(hubei, restored):
    assert restored in hubei.text


def test_hubei_local_runs_restored(hubei):
    assert hubei.text.count("占当地民政事业单位总数的比例") == 2
    assert "结合当地实际" in hubei.text


def test_hubei_has_no_private_use_or_pinyin(hubei):
    assert not re.search("[\ue000-\uf8ff]", hubei.text)
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", hubei.text)
    assert any(w.startswith("garble: 9") for w in hubei.warnings)
    kinds = {r.kind for r in hubei.repairs}
    assert {"garble", "pinyin", "t2s"} <= kinds


def one_byte_off(text: str, char_index: int, mark: bool) -> str:
    """GBK bytes of text with the lead byte of one character lost (replaced by `?` when mark),
    decoded as GB18030 the way the seed page was."""
    data = text.encode("gbk")
    pos = len(text[:char_index].encode("gbk"))
    broken = data[:pos] + (b"?" if mark else b"") + data[pos + 1 :]
    return broken.decode("gb18030", errors="replace")


@pytest.mark.parametrize("sentence,index,mark", [
    ("各地民政部门要加强组织领导。《通知》要求各地在年底前完成建设任务,确保取得实效", 13, True),
    ("各地民政部门要加强组织领导。《通知》要求各地在年底前完成建设任务,确保取得实效", 13, False),
    ("到二〇二五年,全省养老机构护理型床位占比达到百分之五十五,社区养老服务设施全覆盖", 10, True),
    ("各区政府要加快发展托育服务,市卫生健康委员会于每年十二月底前汇总报送进展情况", 9, True),
])
def test_synthetic_one_byte_off_runs_are_restored(sentence, index, mark):
    garbled = one_byte_off(sentence + "A", index, mark)
    assert garbled != sentence + "A"
    fixes = find_garbled(garbled)
    assert fixes
    repaired = garbled
    for f in reversed(fixes):
        repaired = repaired[: f.start] + f.text + repaired[f.end :]
    assert sentence[index : index + 6] in repaired


def test_clean_simplified_text_is_left_alone():
    text = "请问是否需要报送?各地要在10月底前报送材料。"
    assert find_garbled(text) == []
    assert clean(text).text == text


def test_utf8_read_as_gbk_mojibake_is_repaired():
    garbled = "关于加强养老服务的通知".encode("utf-8").decode("gbk", errors="replace")
    ct = clean(garbled + "\n各地要在2022年底前建成10个站。")
    assert "关于加强养老服务" in ct.text or any(w.startswith("mojibake") for w in ct.warnings)

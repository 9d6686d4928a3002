"""The one-byte-off GBK repair leaves valid text alone (issue 28, item 8): box-drawing dashes in ranges, circled
and parenthesised numbers, full-width forms, bopomofo, shapes and rare CJK are text, not debris; a repair fires
only where the text shows damage and the word model strongly prefers the repaired window."""
from __future__ import annotations

import pytest

from extractor.clean.garble import find_garbled
from extractor.clean.text import clean
from test_repair import one_byte_off

VALID = [
    "1─9月全省完成固定资产投资",
    "每个社区配备3─5个专职社工",
    "表格┌──┬──┐│项目│数量│└──┴──┘",
    "编号ＡＢＣ１２３号文件（全角）",
    "犇鑫燚淼焱森垚，㐀㐁𠀀龘",
    "①加强领导；②完善制度；③强化保障。",
    "⑴⑵⑶⒈⒉⒊，Ⅰ类、Ⅱ类、Ⅲ类地区",
    "ㄅㄆㄇ注音符号",
    "温度在−5℃至30℃之间，面积≥100㎡。",
    "★重点任务※注意事项→下一步■□▲△◆◇○●",
    "“十四五”时期，到2025年养老机构床位达到900万张。",
    "请问是否需要报送?各地要在10月底前报送材料。",
    "第一季度（1—3月）完成20%，第二季度（4～6月）完成50%。",
]


@pytest.mark.parametrize("text", VALID)
def test_valid_text_that_looks_like_gbk_debris_is_left_byte_identical(text: str) -> None:
    assert find_garbled(text) == []
    assert not [r for r in clean(text).repairs if r.kind == "garble"]


def test_all_of_it_in_one_notice_is_left_alone() -> None:
    text = "关于做好统计工作的通知\n" + "\n".join(VALID) + "\n"
    assert find_garbled(text) == []


@pytest.mark.parametrize("sentence,index", [
    ('各地要加快推进"十四五"规划实施，完成目标', 8),  # the character cut short at the quote: 五, not 位
    ("各地民政部门要加强组织领导。《通知》要求各地在年底前完成建设任务,确保取得实效", 13),
])
def test_real_one_byte_off_runs_come_back_exactly(sentence: str, index: int) -> None:
    garbled = one_byte_off(sentence + "A", index, True)
    repaired = garbled
    for f in reversed(find_garbled(garbled)):
        repaired = repaired[: f.start] + f.text + repaired[f.end :]
    assert repaired == sentence + "A"

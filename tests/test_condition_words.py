"""Capability table: a condition word after a value makes it a condition of what follows (`投资达到25%以上,即可
办理预售许可`); one that ends the sentence says the value suffices, so the value is the requirement itself
(`在出让合同签订一年内付清即可。`, L03)."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract

HEAD = "关于促进房地产市场平稳健康发展的通知\n各县区人民政府:\n"
TAIL = "\n某市人民政府办公室\n2022年10月6日"


def _targets(sentence: str) -> list[float]:
    notice = extract(HEAD + sentence + TAIL)
    return [o.value for o in notice.obligations if o.kind == "target"]


@pytest.mark.parametrize("sentence, value", [
    ("新建租赁住房项目的土地出让金可分期支付,在国有土地使用权出让合同签订一年内付清即可。", 1),
    ("土地出让金可分期缴纳,在合同签订后6个月内缴清即可。", 6),
    ("企业在项目竣工后30日内提交备案材料即可。", 30),
    ("二手房交易资金在网签后3个工作日内存入监管账户即可;", 3),
    ("预售资金监管额度按不低于总房款的20%缴存即可。", 20),
    ("群众办理公积金提取只需跑1次即可!", 1),
    ("企业按季度缴纳,每季度结束后15日内申报即可。", 15),
    ("首付款按不低于20%执行即可。", 20),
    ("房屋面积误差比绝对值在3%以内即可。", 3),
    ("企业在取得预售许可后10个工作日内完成网签备案即可。", 10),
])
def test_a_value_that_suffices_is_a_requirement(sentence, value):
    assert value in _targets(sentence)


@pytest.mark.parametrize("sentence, value", [
    ("投资达到25%以上,即可办理预售许可。", 25),
    ("工程形象进度达到50%的,即可申请预售资金拨付。", 50),
    ("网签备案满3年,方可上市交易。", 3),
    ("缴存住房公积金满6个月即可申请贷款。", 6),
])
def test_a_value_that_opens_something_else_stays_a_condition(sentence, value):
    assert value not in _targets(sentence)

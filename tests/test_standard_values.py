"""Capability table: a value that qualifies a standard (`按照人均用地不少于0.1平方米的标准规划设置…`) is the standard the
notice sets, a target; a value that qualifies what it applies to (`150张床位以上的养老机构`) stays an eligibility
threshold (background.toml standard_nouns)."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract

HEAD = "关于加强社区养老服务设施建设的通知\n各区民政局:\n"
TAIL = "\n某市民政局\n2023年3月1日"


def _targets(sentence: str) -> list[tuple[float, str | None, str | None]]:
    notice = extract(HEAD + sentence + TAIL)
    return [(o.value, o.unit, o.comparator) for o in notice.obligations if o.kind == "target"]


@pytest.mark.parametrize("sentence, value, unit, comparator", [
    ("落实新建小区按照人均用地不少于0.1平方米的标准规划设置社区养老服务设施要求。", 0.1, "平方米", ">="),
    ("新建住宅小区按照每百户不少于20平方米的标准配建社区养老服务用房。", 20, "平方米", ">="),
    ("老旧小区按照每百户不低于15平方米的标准补齐养老服务设施。", 15, "平方米", ">="),
    ("社区卫生服务中心按照每万人口不少于2名的标准配备全科医生。", 2, "人", ">="),
    ("各地按照每千名老年人不少于35张的标准规划养老床位。", 35, "张", ">="),
    ("按照不高于3000元的限额给予一次性建设补助。", 3000, "元", "<="),
    ("按照服务人口不少于5000人的要求设置社区卫生服务站。", 5000, "人", ">="),
    ("幼儿园按照每班不超过30名的规定控制班额。", 30, "人", "<="),
    ("按照人均不少于2平方米的标准建设社区综合服务设施。", 2, "平方米", ">="),
    ("新建居住区按照每百户不少于30平方米的标准配建托育服务用房。", 30, "平方米", ">="),
])
def test_a_value_of_a_standard_is_a_target(sentence, value, unit, comparator):
    assert (value, unit, comparator) in _targets(sentence)


@pytest.mark.parametrize("sentence, value", [
    ("鼓励150张床位以上的养老机构设立医务室或护理站。", 150),
    ("对于500张床位以上、规模较大的养老项目,允许企业分期开发。", 500),
    ("对面积大于1000平方米的项目,采用承诺制方式办理相关建设手续。", 1000),
    ("对建筑面积2000平方米以上的改造项目实行承诺制审批。", 2000),
])
def test_a_value_of_what_a_rule_applies_to_stays_a_threshold(sentence, value):
    assert value not in [v for v, _, _ in _targets(sentence)]

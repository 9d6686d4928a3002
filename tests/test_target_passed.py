"""A result set against a target it passed (`报销比例76.43%,超过省定70%的目标要求`, patterns.toml target_passed):
the quoted target is a benchmark and the figures before it are what was reached. A goal that promises to pass a
benchmark (`到2025年…高于全国平均水平`, `力争…超过`) keeps its targets."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


HEAD = "2024年1-9月份医疗保障领域民生实事进展情况\n"

PASSED = [
    "全市城乡居民住院费用报销比例76.43%,超过省定70%的目标要求。",
    "职工住院费用报销比例82.21%,超过省定80%的目标要求。",
    "全市新增城镇就业3.2万人,超过省下达的目标任务。",
    "养老机构护理型床位占比达到58%,高于全省55%的目标要求。",
    "完成植树造林12万亩,超出市定10万亩的目标。",
    "全县粮食产量52万吨,超过了市下达的50万吨目标。",
    "家庭医生签约率78%,高于省定75%的目标。",
    "城镇调查失业率4.9%,好于5.5%的预期目标。",
    "空气质量优良天数比例92.1%,优于国家下达的88%的目标。",
    "公共文化设施免费开放率100%,超过上级规定的95%的目标要求。",
]


@pytest.mark.parametrize("sentence", PASSED)
def test_a_result_set_against_its_target_gives_no_target(sentence):
    notice = extract(HEAD + sentence + "\n")
    assert [o.value for o in notice.obligations if o.kind == "target"] == [], [(o.value, o.kind) for o in notice.obligations]


KEPT = [
    ("到2025年,全市城乡居民住院费用报销比例达到75%,高于全省平均水平。", 75),
    ("力争全年新增城镇就业3万人,超过省下达的目标任务。", 30000),
    ("到2025年,家庭医生签约率达到80%,高于国家要求。", 80),
]


@pytest.mark.parametrize("sentence,value", KEPT)
def test_a_goal_to_pass_a_benchmark_keeps_its_target(sentence, value):
    notice = extract("关于推进医疗保障工作的实施意见\n" + sentence + "\n")
    assert value in [o.value for o in notice.obligations if o.kind == "target"], [(o.value, o.kind) for o in notice.obligations]

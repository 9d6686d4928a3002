"""A clause opening on a period now over (`5年来,`, `过去五年,`, `近三年来,`) reports what that period achieved: every
value after it in its sentence is background, change verbs and bounds included (`增加到241个`, `控制在3%以内`),
unless an intention (力争, 将, 要, 目标) or a due date comes between the opening and the value
(gazetteers/keywords/patterns.toml retrospective_opener, background.toml intentions)."""
import pytest

from extractor.pipeline import extract

pytestmark = pytest.mark.usefixtures("rules_kinds")

PAST = [
    "数据显示,5年来,全国新建运输机场43个,颁证运输机场数量增加到241个,新增跑道41条。",
    "五年来,全省高速公路通车里程增加到6500公里,农村公路新改建1.2万公里。",
    "过去五年,全市新增城镇就业12万人,城镇登记失业率控制在3%以内。",
    "近三年来,全县森林覆盖率提高到62%,新增造林面积3万亩。",
    "据介绍,十年来,全省博物馆数量增加到390家,年接待观众突破5000万人次。",
    "过去一年里,全区新建公办幼儿园12所,学前三年毛入园率达到95%。",
    "这五年,我们累计完成固定资产投资2300亿元,城镇化率提升到61.5%。",
    "报告指出,3年来全市建成充电桩2.1万个,公共充电站达到410座。",
]


@pytest.mark.parametrize("text", PAST)
def test_values_after_a_period_now_over_are_background(text):
    notice = extract(text + "\n")
    assert notice.obligations, text
    assert all(o.kind != "target" for o in notice.obligations), [(o.value, o.kind) for o in notice.obligations]


KEPT = [
    # an intention after the opening starts a goal
    ("五年来,我们新增就业12万人,今后要力争城镇登记失业率控制在3%以内。", [3.0]),
    ("近三年来,全县累计投入资金5亿元,到2025年将新建公路200公里。", [200.0]),
    # no opening: the change verb is a goal's
    ("全省高速公路通车里程增加到6500公里。", [6500.0]),
    # the period lies ahead, not behind
    ("今后五年,全市城镇登记失业率控制在3%以内。", [3.0]),
    # the opening governs its own sentence only
    ("过去五年,全市新增城镇就业12万人。到2025年,城镇登记失业率控制在3%以内。", [3.0]),
]


@pytest.mark.parametrize("text,targets", KEPT)
def test_an_intention_a_due_date_or_a_later_period_keeps_targets(text, targets):
    notice = extract(text + "\n")
    assert sorted(o.value for o in notice.obligations if o.kind == "target") == targets, \
        [(o.value, o.kind) for o in notice.obligations]

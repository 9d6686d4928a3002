"""Capability table: a first clause that names goals as a purpose (`围绕“城乡一体、普惠养老”发展目标,落实…`) does
not lead a goal list, so the next sentence keeps its own strength and no due date of this one (L01); a clause
that announces the goals (`总体发展目标,…`, `主要目标:`) still does (structure.toml goal_purpose_leads). A time
in the first clause (`根据“十四五”…目标`) is another rule: it governs its paragraph."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract

HEAD = "关于印发养老服务体系建设方案的通知\n各区民政局:\n三、重点任务\n"
REST = (",落实配套养老服务设施“四同步”要求,确保配建设施达标率达到100%,到2025年,实现老城区基本补齐社区养老服务设施。"
        "完善乡镇敬老院布局,实现城乡养老服务全覆盖。\n某市民政局\n2023年3月1日")


def _next_sentence(first_clause: str):
    notice = extract(HEAD + first_clause + REST)
    return next(o for o in notice.obligations if o.sentence.startswith("完善乡镇敬老院布局"))


@pytest.mark.parametrize("first_clause", [
    "围绕“城乡一体、普惠养老”发展目标",
    "按照全市养老服务发展目标",
    "根据全区养老服务体系建设目标",
    "对照省定工作目标",
    "依据年度目标任务",
    "聚焦“老有所养”建设目标",
    "紧扣高质量发展目标",
    "瞄准全覆盖目标",
    "锚定年度建设目标",
    "为实现上述发展目标",
    "对标国家考核指标",
])
def test_a_goal_named_as_a_purpose_leads_no_goal_list(first_clause):
    o = _next_sentence(first_clause)
    assert (o.value, o.deadline, o.strength) == (100, None, "binding")


@pytest.mark.parametrize("first_clause", ["总体发展目标", "主要目标"])
def test_a_clause_that_announces_the_goals_still_leads_them(first_clause):
    o = _next_sentence(first_clause)
    assert (o.value, o.deadline, o.strength) == (100, "2025-12-31", "aspirational")

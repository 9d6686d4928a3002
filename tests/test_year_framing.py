"""A sentence that frames a year (`2024年是…的关键一年`, patterns.toml year_framing) sets the scene: no dated duty,
whatever verbs its description holds. A sentence that gives the year a task still gives one."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


HEAD = "关于印发2024年国民经济和社会发展计划的通知\n各县(市、区)人民政府:\n"
TAIL = "\n某某市人民政府\n2024年3月19日\n"

FRAMES = [
    "2024年是中华人民共和国成立75周年,是实现“十四五”规划目标任务的关键一年,做好经济社会发展工作意义重大。",
    "2025年是“十四五”规划收官之年,也是谋划“十五五”发展的重要一年。",
    "今年是全面贯彻落实党的二十大精神的开局之年。",
    "2024年是实现“十四五”规划目标任务的攻坚之年。",
    "明年是建党100周年,是开启全面建设社会主义现代化国家新征程的第一年,是实施“十四五”规划的开局之年。",
    "2023年是全面建成养老服务体系的关键一年。",
    "今年为决胜全面建成小康社会的收官之年。",
    "2022年是推进乡村振兴、实现共同富裕的重要一年。",
    "2024年是深入实施“八八战略”、建设共同富裕示范区的关键之年。",
    "2026年是“十五五”规划的开局之年,做好全年工作至关重要。",
    # a plan period framed, perhaps after a short lead
    "关于“十三五”时期总体思路和发展目标,县长说,“十三五”是全面建成小康社会的决胜阶段。",
    "“十四五”时期是我省开启全面建设社会主义现代化新征程的第一个五年。",
    "报告指出,“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期。",
]


@pytest.mark.parametrize("sentence", FRAMES)
def test_a_year_framing_sentence_sets_no_duty(sentence):
    notice = extract(HEAD + sentence + TAIL)
    assert [o for o in notice.obligations if o.kind == "target"] == [], [(o.subject, o.deadline) for o in notice.obligations]


TASKS = [
    "2024年要完成老旧小区改造120个。",
    "2024年底前建成区级养老服务中心。",
    "今年要确保实现城镇新增就业8万人。",
]


@pytest.mark.parametrize("sentence", TASKS)
def test_a_year_given_a_task_still_sets_it(sentence):
    notice = extract(HEAD + sentence + TAIL)
    assert any(o.kind == "target" for o in notice.obligations), [(o.subject, o.kind) for o in notice.obligations]

"""A year opened by a base marker with a value after it (`从2020年的9.89亿提高到12亿`) is the base of a change,
never its due date: the target keeps the due date the sentence or its lead-in names (GOLD_FORMAT "deadline")."""
import pytest

from extractor.extractors.time_phrases import find_times
from extractor.pipeline import extract

HEAD = "关于印发某某省“十四五”发展规划的通知\n各市人民政府:\n"
TAIL = "\n某某省人民政府\n"

CASES = [
    ("到2025年,网民规模从2020年的9.89亿提高到12亿。", 1200000000, None),
    ("到2025年,5G用户普及率从2020年的15%提高到56%。", 56, "%"),
    ("到2025年,光纤接入用户从2020年640万户提高到6000万户。", 60000000, "户"),
    ("到2025年,高新技术企业数量从2020年的2.75万家提高到4.5万家。", 45000, "家"),
    ("到2025年,森林覆盖率由2020年的23%提高到25%。", 25, "%"),
    ("到2025年,养老床位由2020年的30万张增加到40万张。", 400000, "张"),
    ("到2025年,城镇登记失业率从2020年的4.5%下降到4%以内。", 4, "%"),
    ("到2027年,社区卫生服务中心从2022年的120个增加到150个。", 150, "个"),
    ("到2025年,公共供水管网漏损率从2020年的12%降低到9%。", 9, "%"),
    ("到2030年,人均体育场地面积从2020年的2.2平方米提高到2.8平方米。", 2.8, "平方米"),
    ("到2025年,托位数从2020年的1.8万个增加到5万个。", 50000, "个"),
]


@pytest.mark.parametrize("sentence,value,unit", CASES)
def test_the_base_year_of_a_change_is_no_deadline(sentence, value, unit):
    obs = [o for o in extract(HEAD + sentence + TAIL).obligations if o.kind == "target"]
    target = next(o for o in obs if o.value == value)
    assert target.deadline[:4] == sentence[1:5], (sentence, target.deadline)
    assert target.deadline_text and not target.deadline_text.startswith(("从", "由"))


@pytest.mark.parametrize("phrase,kind", [
    ("从2020年起实施", "effective"), ("从2023年1月1日起执行", "effective"), ("从2021年到2025年", "period"),
    ("从2020年的7.8%提高到10%", "base"), ("由2015年1.9万人增加到5.5万人", "base"), ("比2015年下降15%", "base"),
])
def test_a_from_year_is_a_base_only_when_a_value_follows(phrase, kind):
    assert find_times(phrase, None)[0].kind == kind

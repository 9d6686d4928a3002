"""Status words the word segmenter keeps inside a longer word (今年以来, 长期以来, 近几年来 are one jieba word, so
the status word 以来 in them was never seen): a figure after them is one already reached, unless a forward word
or a due date after them starts a goal (gazetteers/keywords/background.toml status; audit N, docs/audit.md)."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


REACHED = [
    ("今年以来,我市新增学位2.6万个。", 26000),
    ("今年以来,全市新建幼儿园12所。", 12),
    ("今年以来,全县累计发放救助资金3500万元。", 35_000_000),
    ("今年以来,全省新增高新技术企业356家。", 356),
    ("今年以来,全市接待游客1200万人次。", 12_000_000),
    ("今年以来,全市举办文化惠民演出600场。", 600),
    ("长期以来,全县农村文化礼堂覆盖率为95%。", 95),
    ("长期以来,我县公共图书馆总藏量为12万册。", 120000),
    ("近几年来,全区建成村级综合文化服务中心120个。", 120),
    ("近几年来,全市培育省级农业龙头企业45家。", 45),
    ("今年以来,我市又有3所新学校投入使用。", 3),
    # a milestone reached for the first time
    ("2025年,浦东国际机场年旅客吞吐量首次突破8000万人次。", 80_000_000),
    ("全省快递业务量首次超过100亿件。", 10_000_000_000),
    ("全市地区生产总值首次达到1万亿元。", 1_000_000_000_000),
]


@pytest.mark.parametrize("text,value", REACHED)
def test_a_figure_after_a_whole_word_status_phrase_is_background(text, value):
    notice = extract("我市教育事业稳步发展\n" + text)
    assert value not in [o.value for o in notice.obligations if o.kind == "target"]


# Near misses: a forward word or a due date after the status phrase starts a goal, which stays a target.
GOALS = [
    ("今年以来,全市已新增学位1.2万个,力争全年新增学位3万个。", 30000),
    ("今年以来工作进展顺利,到2025年,全市新建幼儿园20所。", 20),
    ("今年以来,各地要确保新增普惠性学位5000个。", 5000),
    ("长期以来底子薄弱,到2026年全县粮食总产量要稳定在6万吨以上。", 60000),
    ("近几年来发展较快,力争到2027年高新技术企业达到500家。", 500),
    ("今年以来,全省计划新建养老服务中心100个。", 100),
    ("今年以来稳步推进,确保年底前建成乡镇综合文化站30个。", 30),
    ("今年以来成效明显,争取全年接待游客1500万人次。", 15_000_000),
    ("今年以来,我局将新增养老床位800张。", 800),
    ("近几年来基础不断夯实,到2030年森林覆盖率达到45%。", 45),
    # an intention before the status word in its clause
    ("到2025年,全市旅客吞吐量力争首次突破8000万人次。", 80_000_000),
]


@pytest.mark.parametrize("text,value", GOALS)
def test_a_goal_after_a_status_phrase_stays_a_target(text, value):
    notice = extract("关于印发工作要点的通知\n" + text)
    assert value in [o.value for o in notice.obligations if o.kind == "target"]


# 全年 and 累计 are weak status words: after a forward word in their clause they open a goal for the year.
YEAR_GOALS = [
    ("力争全年签约文旅项目30个以上。", 30),
    ("确保全年新增城镇就业1.2万人。", 12000),
    ("计划全年新建幼儿园8所。", 8),
    ("争取全年接待游客1500万人次。", 15_000_000),
    ("全市要全年新增学位5000个。", 5000),
    ("力争全年累计发放消费券2000万元。", 20_000_000),
    ("努力实现全年旅游总收入120亿元。", 12_000_000_000),
    ("确保全年完成高标准农田建设5万亩。", 50000),
    ("力争今年全年新增高新技术企业60家。", 60),
    ("各地要确保全年累计培训农民2000人次。", 2000),
]
YEAR_REACHED = [
    ("全年共发放救助资金3500万元。", 35_000_000),
    ("全年累计接待游客1200万人次,同比增长12%。", 12_000_000),
    ("全年新增城镇就业1.1万人,比上年多0.1万人。", 11000),
    ("全年完成固定资产投资52亿元。", 5_200_000_000),
]


@pytest.mark.parametrize("text,value", YEAR_GOALS)
def test_a_forward_word_before_a_weak_status_word_makes_a_goal_for_the_year(text, value):
    notice = extract("市文旅局2024年工作计划\n" + text)
    assert value in [o.value for o in notice.obligations if o.kind == "target"]


@pytest.mark.parametrize("text,value", YEAR_REACHED)
def test_a_weak_status_word_with_no_forward_word_stays_background(text, value):
    notice = extract("市文旅局2023年工作总结\n" + text)
    assert value not in [o.value for o in notice.obligations if o.kind == "target"]

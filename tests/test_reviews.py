"""A page without a notice's anatomy that nowhere names a goal, plan or duty — a work summary, a review of the
year, a report of figures with no comparison word — reports what happened: its bare figures are background
(genre.names_no_goal; audit N pages 18 and 31, docs/audit.md). One goal on the page, a notice's anatomy or an
indicator table keeps the targets (near misses)."""
import pytest

from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


REVIEWS = [
    ("民政局2018年救助工作总结", "全市14035户25559人享受城乡低保,发放低保金4721万元。"),
    ("民政局2018年救助工作总结", "城市低保新增276户462人,退出374户714人。"),
    ("县教育局年度工作总结", "全县新建幼儿园8所,新增学位2400个。"),
    ("2022年工作回顾", "全省实有市场主体达635万户,制造业百亿企业达43家,新增规模以上工业企业1800家以上。"),
    ("2022年工作回顾", "28个百亿项目完成投资1142亿元,湘商回归新注册企业953家。"),
    ("科技创新工作情况", "全市建成国家级创新平台101个,其中高新技术企业86个、企业技术中心7个。"),
    ("文化旅游工作总结", "全年举办文化惠民活动600余场,服务群众60余万人次。"),
    ("农业农村工作总结", "建成高标准农田6.7万亩,粮食产量72.5万吨。"),
    ("市场监管局工作总结", "全市新登记市场主体2.3万户,新发放食品经营许可证1200张。"),
    ("养老服务工作情况", "对全市11所农村福利院进行了法人登记,筹资600万元改造敬老院5所。"),
    ("教育工作简报", "全市义务教育阶段新建学校6所,改扩建学校48所,共增加学位15700个。"),
]


@pytest.mark.parametrize("title,body", REVIEWS)
def test_a_page_that_names_no_goal_reports_what_happened(title, body):
    notice = extract(f"{title}\n{body}")
    assert [o.value for o in notice.obligations if o.kind == "target"] == []


GOAL_LINES = [
    ("下一步,力争全年新增学位3000个。", 3000),
    ("到2025年,全市建成国家级创新平台150个。", 150),
    ("明年要新建幼儿园10所。", 10),
    ("计划新增高标准农田5万亩。", 50000),
    ("确保全年发放低保金5000万元。", 50_000_000),
]


@pytest.mark.parametrize("goal,value", GOAL_LINES)
@pytest.mark.parametrize("title,body", REVIEWS[::5])
def test_one_goal_on_a_review_page_stays_a_target(title, body, goal, value):
    notice = extract(f"{title}\n{body}\n{goal}")
    assert value in [o.value for o in notice.obligations if o.kind == "target"]


def test_a_notice_with_its_anatomy_keeps_a_standard_without_forward_words():
    notice = extract("深民〔2017〕14号\n各区民政局、财政局:\n经报请市政府同意,我市孤儿最低养育标准调整如下:"
                     "社会散居孤儿每人每月1265元,福利机构内孤儿每人每月1998元。新标准从2017年1月1日起实施。\n"
                     "深圳市民政局\n2016年12月30日")
    assert {1265, 1998} <= {o.value for o in notice.obligations if o.kind == "target"}


def test_an_indicator_table_without_forward_words_keeps_its_targets():
    table = "\n".join(" | ".join(r) for r in [["指标", "单位", "2020年", "2025年", "属性"],
                                               ["森林覆盖率", "%", "42", "45", "约束性"],
                                               ["人均公园绿地面积", "平方米", "12", "14", "预期性"]])
    notice = extract("专栏1 生态建设主要指标\n" + table)
    assert {45, 14} <= {o.value for o in notice.obligations if o.kind == "target"}


# A forecast names no goal: a review that estimates the year's outcome (预计增长11%以上) still reports figures;
# a goal beside the forecast (`力争到2025年`) is a goal mark all the same.
FORECAST_REVIEWS = [
    "完成高新技术企业主营业务收入650亿元,预计增长11%以上。",
    "技术合同登记额3.89亿元,预计全年增长20%。",
    "全市接待游客1200万人次,预测全年突破1500万人次。",
    "农产品加工产值82亿元,预计增长8%。",
    "规上工业增加值增长6.2%,估计全年达到7%左右。",
    "社会消费品零售总额135亿元,有望增长10%。",
    "建成高标准农田6.7万亩,预计粮食产量72.5万吨。",
    "全年发放救助资金3500万元,预计惠及困难群众2.1万人。",
    "全市建成国家级创新平台101个,预计新增省级平台20个。",
    "新增市场主体2.3万户,预计年底达到15万户。",
]


@pytest.mark.parametrize("body", FORECAST_REVIEWS)
def test_a_forecast_on_a_review_page_names_no_goal(body):
    notice = extract("科技创新工作情况\n全市建成国家级创新平台86个。\n" + body)
    assert [o.value for o in notice.obligations if o.kind == "target"] == []


def test_a_goal_beside_a_forecast_is_kept():
    notice = extract("科技创新工作情况\n全市建成国家级创新平台86个,预计增长11%。\n力争到2025年全市国家级创新平台达到150个。")
    assert 150 in [o.value for o in notice.obligations if o.kind == "target"]

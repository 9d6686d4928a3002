"""Classes of misses on the second web set (issue 22, corpora/web2): a news report that restates a target and breaks
it down (`2021年,新建X 120个,其中A 20个…`), a base a target builds on (`在5个试点的基础上建设…`), a headline that
counts with another measure word, an action word that only names a priority (`将…建设作为…内容`), and a byline
date glued to the field before it.

Each behaviour is a table of surface variants written from the rule (verbs, units, years, separators, policy
areas), so the rule is shown to be general, not fitted to one page. The rules' kinds are read (as in
test_rules.py); which candidates the decision model keeps is tested in test_decide.py."""
import pytest

from extractor.extractors.metadata import extract_metadata
from extractor.pipeline import extract


pytestmark = pytest.mark.usefixtures("rules_kinds")


def _targets(text: str):
    return [o for o in extract(text).obligations if o.kind == "target"]


# --- A news report states a target, then restates it with its breakdown: the restatement is the same target (one
# record) and each part after 其中 is a target with the whole's due date, though the restating sentence carries no
# forward word. (headline, year, verb, whole noun, unit, whole, parts, separator between parts)
BREAKDOWNS = [
    ("某市今年将新建120个养老设施", 2021, "新建", "养老设施", "个", 120, [("区县养老服务中心", 20), ("日托中心", 40), ("农村幸福院", 60)], ","),
    ("某省今年将改造老旧小区900个", 2022, "改造", "老旧小区", "个", 900, [("城区", 600), ("县城", 300)], "、"),
    ("某市今年将新增托位3000个", 2023, "新增", "托位", "个", 3000, [("普惠托位", 2000), ("社区托位", 1000)], ","),
    ("某县今年将建设幼儿园15所", 2021, "建设", "幼儿园", "所", 15, [("公办幼儿园", 10), ("普惠性民办幼儿园", 5)], "、"),
    ("某市今年将培育家政企业50家", 2024, "培育", "家政企业", "家", 50, [("员工制企业", 30), ("示范企业", 20)], ";"),
    ("某区今年将新建养老床位800张", 2022, "新建", "养老床位", "张", 800, [("护理型床位", 500), ("普通床位", 300)], ","),
    ("某省今年将新改建农村公路2000公里", 2023, "新改建", "农村公路", "公里", 2000, [("县道", 500), ("乡道", 700), ("村道", 800)], "、"),
    ("某市今年将建成充电桩1200个", 2021, "建成", "充电桩", "个", 1200, [("公共充电桩", 700), ("专用充电桩", 500)], ","),
    ("某市今年将新建社区食堂60个", 2025, "新建", "社区食堂", "个", 60, [("城市社区食堂", 40), ("农村幸福食堂", 20)], "、"),
    ("某省今年将培训护理员1万人", 2020, "培训", "养老护理员", "人", 10000, [("初级护理员", 6000), ("中级护理员", 4000)], ","),
    ("某市今年将新建公园45个", 2023, "新建", "口袋公园", "个", 45, [("城区", 30), ("县城", 15)], ";"),
]


def _news(headline: str, year: int, verb: str, noun: str, unit: str, whole: int, parts, sep: str) -> str:
    amount = f"{whole // 10000}万" if whole >= 10000 else str(whole)
    listed = sep.join(f"{name}{n}{unit}" for name, n in parts)
    return (f"{headline}\n来源:某某日报 时间:{year}-03-02\n"
            f"记者从全市工作会议上了解到,{year}年,某市将{verb}{whole}{unit}{noun}。"
            f"据了解,全市现有{noun}300{unit}。{year - 1}年,{verb}{noun}100{unit}。"
            f"{year}年,{verb}{noun}{amount}{unit},其中{listed}。")


@pytest.mark.parametrize("headline,year,verb,noun,unit,whole,parts,sep", BREAKDOWNS, ids=[b[3] for b in BREAKDOWNS])
def test_a_restated_target_is_one_record_and_its_breakdown_parts_are_targets(headline, year, verb, noun, unit, whole, parts, sep):
    obs = _targets(_news(headline, year, verb, noun, unit, whole, parts, sep))
    assert sorted(o.value for o in obs if o.value != whole) == sorted(n for _, n in parts)
    assert [o.value for o in obs].count(whole) == 1
    assert all(o.deadline == f"{year}-12-31" for o in obs)
    assert not any(o.value == 100 for o in obs)  # last year's figure stays background


def test_a_figure_that_restates_no_target_stays_a_report():
    obs = _targets("某市去年新建养老设施\n来源:某某日报 时间:2021-03-02\n记者从全市工作会议上了解到,2021年,某市将新建120个养老设施。"
                   "2021年,新建社区食堂35个,其中城市社区食堂20个,农村幸福食堂15个。")
    assert sorted(o.value for o in obs) == [120]


# --- A base the target builds on (`在5个省级试点的基础上`) is neither a value nor a bar to the duty that follows it.
BASES = [
    ("2021年,某市将改造升级不少于50个社区服务设施,在5个省级试点地区的基础上建设一批国家级试点地区。", "一批国家级试点地区"),
    ("到2023年,某省将新建30个托育机构,在12个示范县的基础上建设一批普惠托育服务中心。", "普惠托育服务中心"),
    ("2022年,某市将新增60个充电站,在3个示范区的基础上建立一批智慧充电服务平台。", "智慧充电服务平台"),
    ("到2025年,某县将建成8个养老服务中心,在20个农村幸福院的基础上建设一批区域养老服务站。", "区域养老服务站"),
    ("2024年,某区将新增200张护理型床位,在4家公办机构的基础上组建一批医养结合服务机构。", "医养结合服务机构"),
    ("到2022年底,某市将培育15家龙头企业,在6个产业园区的基础上建成一批现代农业产业基地。", "现代农业产业基地"),
    ("2023年,某省将改造1000公里农村公路,在10个试点县的基础上制定农村公路管护办法。", "农村公路管护办法"),
    ("到2024年,某市将新建40个社区食堂,在8个街道的基础上建立社区助餐服务网络。", "社区助餐服务网络"),
    ("2025年,某县将新建5所幼儿园,在2所示范园的基础上组建学前教育集团。", "学前教育集团"),
    ("到2023年底,某市将建成20个口袋公园,在3个城区的基础上编制全市公园建设规划。", "全市公园建设规划"),
]


@pytest.mark.parametrize("sentence,duty", BASES, ids=[b[1] for b in BASES])
def test_a_base_to_build_on_is_no_value_and_the_duty_after_it_is_kept(sentence, duty):
    obs = _targets("关于推进民生实事的通知\n各区人民政府:\n" + sentence + "\n某某市人民政府\n2021年3月1日")
    base = int("".join(c for c in sentence.split("在", 2)[-1].split("的基础上")[0] if c.isdigit()))
    assert base not in [o.value for o in obs if o.value is not None]
    duties = [o for o in obs if o.value is None]
    assert len(duties) == 1 and duty in (duties[0].subject or "")


# --- A headline counts the body's things with another measure word (221处 for 221个): the same target, one record.
HEADLINES = [
    ("某市今年将新建221处养老设施", "2021年,某市将完成建设221个养老设施的任务。", 221),
    ("某省今年将建成50座污水处理厂", "2022年,某省将建成50个污水处理厂。", 50),
    ("某县今年新建12处文化广场", "2023年,某县将新建12个文化广场。", 12),
    ("某市今年将改造80栋老旧楼房", "2021年,某市将改造80幢老旧楼房。", 80),
    ("某区今年将建设30处口袋公园", "2024年,某区将建设30个口袋公园。", 30),
    ("某市今年将新增15座公共厕所", "2022年,某市将新增15处公共厕所。", 15),
    ("某省今年将建成100处应急避难场所", "2023年,某省将建成100个应急避难场所。", 100),
    ("某市今年将新建6座体育公园", "2025年,某市将新建6个体育公园。", 6),
    ("某县今年将改造40处农贸市场", "2021年,某县将改造40个农贸市场。", 40),
    ("某市今年将新建25处社区书房", "2022年,某市将新建25个社区书房。", 25),
]


@pytest.mark.parametrize("headline,body,value", HEADLINES, ids=[h[0][:8] for h in HEADLINES])
def test_a_headline_with_another_measure_word_restates_the_body(headline, body, value):
    year = body[:4]
    obs = _targets(f"{headline}\n来源:某某日报 时间:{year}-03-02\n记者从全市工作会议上了解到,{body}")
    assert [o.value for o in obs] == [value]
    assert obs[0].deadline == f"{year}-12-31" and obs[0].unit == ("个" if "个" in body else body[body.index(str(value)) + len(str(value))])


# --- `将X作为Y`: the verb is 作为; action words inside X and Y name what is made a priority, no dated duty.
PRIORITIES = [
    "2023年,某省将开工改造老旧小区1855个,优先将养老托幼、社区食堂等设施配套建设作为提升改造内容。",
    "2022年,某市将新建托位3000个,将普惠托育服务体系建设作为民生实事重点。",
    "到2025年,某县将新增养老床位500张,将居家养老服务设施建设作为考核内容。",
    "2024年,某区将改造农村公路200公里,将农村公路养护作为年度重点工作。",
    "到2023年底,某市将建成充电桩1200个,将充电设施建设作为新基建重点。",
    "2021年,某省将培训护理员1万人,将护理员培训纳入就业补贴范围,将职业技能评价作为补贴依据。",
    "到2022年,某市将新建幼儿园15所,将学前教育资源建设作为教育督导内容。",
    "2025年,某县将新建社区食堂60个,将社区助餐服务网络建设作为考核指标。",
    "到2024年,某市将新增公园45个,将口袋公园建设作为城市更新重点任务。",
    "2023年,某省将建成应急避难场所100个,将避难场所改造作为防灾减灾重点。",
]


@pytest.mark.parametrize("sentence", PRIORITIES, ids=[p[:12] for p in PRIORITIES])
def test_an_action_word_named_as_a_priority_is_no_dated_duty(sentence):
    obs = _targets("关于推进民生实事的通知\n各区人民政府:\n" + sentence + "\n某某市人民政府\n2021年3月1日")
    assert [o.value for o in obs if o.value is None] == []
    assert len([o for o in obs if o.value is not None]) == 1


# --- A byline date glued to the field before it (`作者:某某更新时间:2020-11-04 08:12:01`), or labelled 发布.
BYLINES = [
    ("来源:某某时报作者:张三更新时间:2020-11-04 08:12:01 阅读:", "2020-11-04"),
    ("某某观察网 财经 作者: hao333 发布:2023-03-21 11:13:16 9631阅读 5668评论", "2023-03-21"),
    ("来源:某某日报编辑:李四发布时间:2021-06-08 10:00", "2021-06-08"),
    ("作者:王五 发布:2022/7/29 11:31:09", "2022-07-29"),
    ("来源:新华网责任编辑:赵六发布日期:2019-12-30", "2019-12-30"),
    ("本站原创作者:某某刊发时间:2024-01-15 09:20", "2024-01-15"),
    ("来源:某某晚报记者:孙七发表时间:2018-05-06 18:30:00", "2018-05-06"),
    ("信息来源:某某局浏览次数:120更新时间:2023-09-01", "2023-09-01"),
    ("作者:周八 | 发布:2021-11-11 08:00", "2021-11-11"),
    ("来源:某某网作者:吴九发布时间:2025年3月5日 10:00", "2025-03-05"),
]


@pytest.mark.parametrize("byline,date", BYLINES, ids=[b[1] for b in BYLINES])
def test_a_byline_date_glued_to_the_field_before_it_is_the_page_date(byline, date):
    m = extract_metadata("欢迎来到某某时报,在这里您可以浏览到各市发生的最新资讯,包括长春、吉林、四平、辽源、通化、白山、松原、白城等地。\n"
                         f"某市今年将新建10所幼儿园\n{byline}\n记者从市教育局获悉,今年全市将新建10所公办幼儿园。")
    assert m.issue_date == date


def test_a_date_label_inside_prose_is_not_a_byline():
    m = extract_metadata("关于做好春耕生产的通知\n各市农业农村局:\n请于3月底前将春耕进展报送省厅,报送内容包括发布时间和发布渠道。\n"
                         "某某省农业农村厅\n2024年2月20日")
    assert m.issue_date == "2024-02-20"


# --- Full coverage shared by listed things gives one target per thing: the subjects listed before the predicate
# (`A、B实现配套建设X全覆盖`), or the objects the action after a quantifier makes (`全部制定A、B和C`); a list of
# one-character administrative levels (`县、乡、村三级`) stays one thing.
COVERAGE_LISTS = [
    ("到2025年,新建城区、新建居住区实现配套建设养老服务设施全覆盖。", 2),
    ("到2024年,乡镇(街道)、行政村(社区)实现公共体育设施全覆盖。", 2),
    ("到2023年底,城市社区、农村社区实现综合服务设施全覆盖。", 2),
    ("2022年,县级医院、乡镇卫生院和村卫生室实现远程医疗全覆盖。", 3),
    ("到2025年,城乡社区全部制定务实管用的居(村)民自治章程、村规民约和居民公约。", 3),
    ("到2024年,各街道全部建立社区议事协商机制和居务监督委员会。", 2),
    ("到2023年,所有乡镇全部设立社会工作服务站、未成年人保护工作站和残疾人之家。", 3),
    ("到2025年底,全市中小学全部配备专职心理健康教师和校医。", 2),
    ("到2022年,所有养老机构全部建立消防安全管理制度、应急预案及值班巡查制度。", 3),
    ("到2024年,各县(市、区)全部建成综合养老服务中心与未成年人救助保护机构。", 2),
    ("到2024年,县、乡、村三级综合文化服务中心实现全覆盖。", 1),
    ("到2025年,省、市、县三级政务服务平台实现全覆盖。", 1),
]


@pytest.mark.parametrize("sentence,n", COVERAGE_LISTS, ids=[c[0][6:18] for c in COVERAGE_LISTS])
def test_full_coverage_of_listed_things_gives_one_target_per_thing(sentence, n):
    obs = _targets("关于推进民生实事的通知\n各区人民政府:\n" + sentence + "\n某某市人民政府\n2021年3月1日")
    assert [(o.value, o.unit) for o in obs] == [(100, "%")] * n
    assert len({o.subject for o in obs}) == n


# --- A count whose noun's rate the clause sets is part of the subject, also when an action inside a `…的`
# modifier stands before it (`省考核我市的8个断面中…比例达到25%`): one target, the rate.
COUNTED_SUBJECTS = [
    ("省考核我市的8个地表水监测断面中水质优良比例达到25%。", 25),
    ("国家考核我省的85个断面水质优良比例达到92%。", 92),
    ("纳入考核的12个地级市空气质量优良天数比率达到90%。", 90),
    ("列入监测的30个重点湖库水质达标率达到80%以上。", 80),
    ("参与评估的20个县义务教育优质均衡比例达到60%。", 60),
    ("省督查我市的6个工业园区污水集中处理率达到100%。", 100),
    ("已确定的15个试点乡镇生活垃圾分类覆盖率达到70%。", 70),
    ("纳入统计的50家规上企业研发投入强度达到2.5%。", 2.5),
    ("市考核各县的9个出境断面水质达标率保持在100%。", 100),
    ("上级考核我县的4个饮用水水源地水质达标率达到100%。", 100),
]


@pytest.mark.parametrize("sentence,value", COUNTED_SUBJECTS, ids=[c[0][:8] for c in COUNTED_SUBJECTS])
def test_a_count_after_a_modifier_with_an_action_is_part_of_the_subject(sentence, value):
    obs = _targets("关于印发水污染防治行动计划的通知\n各县(市、区)人民政府:\n一、工作目标\n到2025年," + sentence + "\n某某市人民政府\n2021年3月1日")
    assert [o.value for o in obs] == [value]


# --- A quantifier before a verb of treatment (全部进行处理, 全部得到处理, 全部收集) is full coverage.
TREATED = [
    "确保辖区内污水全部进行处理。", "确保园区工业废水全部得到处理。", "确保城区生活垃圾全部收集。",
    "确保医疗废物全部进行无害化处理。", "确保养殖粪污全部得到资源化利用和处理。", "确保废旧农膜全部回收。",
    "确保建筑垃圾全部进行分类处理。", "确保餐厨垃圾全部收集处理。", "确保病死畜禽全部进行无害化处理。",
    "确保集中式饮用水水源地环境问题全部得到整治处理。",
]


@pytest.mark.parametrize("sentence", TREATED, ids=[t[2:10] for t in TREATED])
def test_a_quantifier_before_a_verb_of_treatment_is_full_coverage(sentence):
    obs = _targets("关于印发水污染防治行动计划的通知\n各县(市、区)人民政府:\n各工业集聚区要加强监管," + sentence + "\n某某市人民政府\n2021年3月1日")
    assert [(o.value, o.unit) for o in obs] == [(100, "%")]


# --- A recurring report counts once per period also before an adjective in 性 (一次阶段性总结); a count of
# stages (两个阶段) stays no value.
RECURRING = [
    ("每半年报送一次阶段性工作总结。", "次/半年"), ("每季度报送一次阶段性进展报告。", "次/季度"),
    ("每年开展一次系统性安全评估。", "次/年"), ("每月组织一次常态化应急演练。", "次/月"),
    ("每半年开展一次全面性隐患排查。", "次/半年"), ("每年报送一次阶段性成果。", "次/年"),
    ("每季度开展一次专项性督导检查。", "次/季度"), ("每月报送一次统计性报表。", "次/月"),
    ("每年组织一次综合性应急演练。", "次/年"), ("每半年召开一次阶段性推进会。", "次/半年"),
]


@pytest.mark.parametrize("sentence,unit", RECURRING, ids=[r[0][:9] for r in RECURRING])
def test_a_recurring_duty_before_an_adjective_in_xing_is_counted(sentence, unit):
    obs = _targets("关于开展安全生产治本攻坚的通知\n各县(区)安委会:\n各地要认真组织," + sentence + "\n某某市安全生产委员会\n2024年3月7日")
    assert [(o.value, o.unit) for o in obs] == [(1, unit)]


def test_a_count_of_stages_is_no_value():
    assert _targets("关于开展安全生产治本攻坚的通知\n各县(区)安委会:\n行动分两个阶段进行。\n某某市安全生产委员会\n2024年3月7日") == []


# --- A time bound followed by the people it delimits is an age band, not a value; a bound that closes the
# clause is a value.
AGE_BANDS = [
    "6个月内婴儿纯母乳喂养率达到50%以上。", "3个月以下婴幼儿健康管理率达到90%。", "6个月以上儿童辅食添加率达到80%。",
    "12个月内婴儿系统管理率达到95%。", "6个月以下婴儿母乳喂养率达到60%。", "24个月以下婴幼儿贫血患病率控制在10%以下。",
    "3个月以内新生儿访视率达到95%。", "18个月以上幼儿发育筛查率达到85%。", "6个月内宝宝纯母乳喂养率达到55%。",
    "36个月以下孩子健康管理率达到92%。",
]


@pytest.mark.parametrize("sentence", AGE_BANDS, ids=[a[:6] for a in AGE_BANDS])
def test_a_time_bound_before_people_is_an_age_band(sentence):
    obs = _targets("关于印发健康儿童行动提升计划的通知\n各省、自治区、直辖市卫生健康委:\n到2025年," + sentence + "\n国家卫生健康委\n2021年10月5日")
    assert [o.unit for o in obs] == ["%"]


def test_a_time_bound_closing_the_clause_is_a_value():
    obs = _targets("关于优化营商环境的通知\n各区人民政府:\n到2022年,企业开办时间压缩至3个工作日以内。\n某某市人民政府\n2021年3月1日")
    assert [(o.value, o.unit, o.comparator) for o in obs] == [(3, "工作日", "<=")]


# --- A news report quoting what a notice decided (`下发《…》,决定…`) states the notice's targets, also with a comma
# (or a scraper's doubled comma) between the title and the verb.
DECIDED = [
    ("近日,萧县下发《关于设立未成年人保护工作站的通知》,决定在全县设立未成年人保护工作站26个。", 26),
    ("近日,某市印发《关于加快发展托育服务的通知》,明确新建普惠托位3000个。", 3000),
    ("日前,某县出台《农村公路建设实施方案》,,提出新改建农村公路120公里。", 120),
    ("近日,某区印发《社区食堂建设方案》,要求新建社区食堂15个。", 15),
    ("日前,某省下发《关于推进充电设施建设的通知》,部署新建充电桩5000个。", 5000),
    ("近日,某市出台《口袋公园建设行动方案》,决定新建口袋公园40个。", 40),
    ("日前,某县印发《幼儿园建设规划》,明确新建公办幼儿园6所。", 6),
    ("近日,某市下发《养老服务设施建设通知》,,决定新建社区养老服务站30个。", 30),
    ("日前,某区出台《老旧小区改造方案》,提出改造老旧小区25个。", 25),
    ("近日,某省印发《应急避难场所建设方案》,要求建成应急避难场所100个。", 100),
]


@pytest.mark.parametrize("sentence,value", DECIDED, ids=[d[1] for d in DECIDED])
def test_what_a_quoted_notice_decided_is_a_target(sentence, value):
    obs = _targets(f"某地设立新举措\n来源:某某日报 时间:2023-08-14\n{sentence}")
    assert value in [o.value for o in obs]


# --- A quantifier inside a place phrase (`在全县所有乡镇…设立X 26个`): every place gets the thing (100 %) and the
# count of things is a target too.
PLACES = [
    ("在全县所有乡镇、街道办设立未成年人保护工作站26个。", 26),
    ("在全市所有街道设立综合养老服务中心12个。", 12),
    ("在全区所有社区建设社区食堂35个。", 35),
    ("在全省所有县(市、区)建成区域性养老服务中心120个。", 120),
    ("在全县所有行政村设立农村幸福院210个。", 210),
    ("在全市所有中小学配备心理咨询室300个。", 300),
    ("在所有乡镇卫生院设立中医馆18个。", 18),
    ("在全区所有小区建设充电桩800个。", 800),
    ("在全县所有乡镇建成综合文化站22个。", 22),
    ("在全市所有公园建设母婴室40个。", 40),
]


@pytest.mark.parametrize("sentence,count", PLACES, ids=[p[1] for p in PLACES])
def test_a_quantifier_over_places_is_coverage_beside_the_count_of_things(sentence, count):
    obs = _targets("关于设立基层服务站点的通知\n各乡镇人民政府、街道办事处:\n决定" + sentence + "\n某某县人民政府\n2023年8月1日")
    assert sorted((o.value, o.unit) for o in obs) == sorted([(count, obs[0].unit if obs[0].value == count else obs[1].unit), (100, "%")])


# --- A scraper's doubled comma before another mark is removed by the cleaner (`乡镇,、街道办` -> `乡镇、街道办`).
@pytest.mark.parametrize("raw,cleaned", [
    ("在全县所有乡镇,、街道办设立", "在全县所有乡镇、街道办设立"), ("夯实基础,,为未成年人", "夯实基础,为未成年人"),
    ("保驾护航,。", "保驾护航。"), ("规章制度,;规范服务", "规章制度;规范服务"), ("主要职责,:一是", "主要职责:一是"),
    ("资源整合,、统一规范", "资源整合、统一规范"), ("明确人员配置,,加强经费保障", "明确人员配置,加强经费保障"),
    ("交流,、成长", "交流、成长"), ("工作站,,。", "工作站。"), ("1,000元", "1,000元"),
])
def test_a_doubled_comma_is_removed(raw, cleaned):
    from extractor.clean.text import clean
    assert clean(raw).text == cleaned


# --- In a news report, a figure framed by a year after the page's own year is planned, not reported; a headline
# printed twice on a page that lost its line breaks is one statement; a byline label (`发布:`) is no action.
LATER_YEARS = [
    ("山西城镇社区养老机构2025年实现全覆盖", 2023, 100),
    ("某省农村公路2024年通达率达到100%", 2022, 100),
    ("某市2026年建成充电桩5000个", 2024, 5000),
    ("某县2025年新增普惠托位800个", 2023, 800),
    ("某区2024年建成社区食堂30个", 2023, 30),
    ("某省2027年培育专精特新企业1000家", 2024, 1000),
    ("某市2025年改造老旧小区300个", 2021, 300),
    ("某省2030年森林覆盖率达到65%", 2024, 65),
    ("某市2026年新建口袋公园60个", 2025, 60),
    ("某县2025年农村自来水普及率达到95%", 2022, 95),
]


@pytest.mark.parametrize("headline,year,value", LATER_YEARS, ids=[l[0][:6] for l in LATER_YEARS])
def test_a_news_figure_framed_by_a_later_year_is_planned_and_a_headline_printed_twice_is_one(headline, year, value):
    page = f"某某观察网 财经 {headline} {headline} 作者: 某某 发布:{year}-03-21 11:13:16 9631阅读 日前,有关部门发布实施意见,明确相关工作。"
    obs = _targets(page)
    assert [(o.value, o.deadline) for o in obs] == [(value, headline[headline.index("20"):][:4] + "-12-31")]


def test_a_figure_of_the_page_year_in_a_news_report_stays_a_report():
    page = "某某观察网 财经 某市2023年新增就业5万人 作者: 某某 发布:2024-01-21 11:13:16 9631阅读 记者从市人社局获悉,2023年全市新增就业5万人。"
    assert _targets(page) == []


# --- `展望2035年,…`: a far outlook is a vision, no dated duty.
OUTLOOKS = [
    "展望2035年,全面建成智能泛在的新型基础设施体系。", "展望2035年,基本建成现代化养老服务体系。",
    "展望2035年,全面建立覆盖城乡的公共文化服务体系。", "远景展望:到2035年,建成教育强市。",
    "展望2035年,农业机械化全面实现高质量发展,建成现代农机装备体系。", "展望2030年,建成国际消费中心城市。",
    "展望2035年,全面形成绿色生产生活方式,建成美丽中国先行区。", "展望2035年,建成健康城市。",
    "远期展望:2035年建成全域旅游示范区。", "展望2035年,全面建成法治政府。",
]


@pytest.mark.parametrize("sentence", OUTLOOKS, ids=[o[:10] for o in OUTLOOKS])
def test_a_far_outlook_is_no_dated_duty(sentence):
    obs = _targets("关于印发某某市“十四五”发展规划的通知\n各区人民政府:\n" + sentence + "\n某某市人民政府\n2021年6月1日")
    assert obs == []


def test_a_dated_duty_beside_an_outlook_is_kept():
    obs = _targets("关于印发某某市“十四五”发展规划的通知\n各区人民政府:\n到2025年,建成全市养老服务信息平台。\n某某市人民政府\n2021年6月1日")
    assert [(o.value, o.deadline) for o in obs] == [(None, "2025-12-31")]


# --- A frame verb (涉及, 覆盖, 惠及 …) before a value that closes its clause measures the target's extent
# (`新开工改造老旧小区3529个,涉及居民50万户`); before a value whose noun continues it only sets the scene.
EXTENTS = [
    ("2021年新开工改造城镇老旧小区3529个,涉及居民50万户。", 500000),
    ("2022年改造农村危房1200户,涉及农户4800人。", 4800),
    ("2023年实施棚户区改造8000套,涉及居民2.4万户。", 24000),
    ("2024年新建农村公路600公里,涉及行政村300个。", 300),
    ("2022年完成供水管网改造150公里,涉及用户6万户。", 60000),
    ("2021年实施易地搬迁安置项目20个,涉及群众1.5万人。", 15000),
    ("2023年改造老旧小区820个,涉及楼栋3100栋。", 3100),
    ("2025年完成加装电梯500部,涉及住户1.2万户。", 12000),
    ("2022年实施土地整治项目35个,涉及耕地8万亩。", 80000),
    ("2024年完成征收项目18个,涉及房屋2600套。", 2600),
]


@pytest.mark.parametrize("sentence,value", EXTENTS, ids=[e[1] for e in EXTENTS])
def test_a_value_closing_its_clause_after_a_frame_verb_is_the_targets_extent(sentence, value):
    obs = _targets("关于全面推进城镇老旧小区改造工作的实施意见\n各市州人民政府:\n" + sentence + "\n某某省人民政府办公厅\n2021年3月1日")
    assert value in [o.value for o in obs]


def test_a_value_whose_noun_continues_after_a_frame_verb_sets_the_scene():
    obs = _targets("关于推进设施农业的通知\n各县人民政府:\n到2025年,聚焦3万亩宜机化菜田设施,建成一批示范基地。\n某某市人民政府\n2021年3月1日")
    assert 30000 not in [o.value for o in obs]


# --- A news page's goal list (`发展目标:到2025年,…`): a completion goal with its deliverable before the verb
# (`服务体系基本建立`) is a dated duty like the values beside it; a photo caption (`图为…`) and a speeding-up
# (`加快推广应用`) are not.
GOAL_LISTS = [
    "全区农机社会化服务体系基本建立", "全市养老服务体系基本建成", "全省社会救助体系基本建立",
    "全县公共文化服务网络基本建成", "城乡医疗卫生服务体系全面建立", "全区应急物资储备体系基本建成",
    "全市智慧交通平台全面建成", "全省农产品质量追溯体系基本建立", "全县污水收集处理设施基本建成",
    "全区基层治理平台全面建立",
]


@pytest.mark.parametrize("clause", GOAL_LISTS, ids=[g[:6] for g in GOAL_LISTS])
def test_a_completion_goal_in_a_news_goal_list_is_a_dated_duty(clause):
    page = ("某地制定新规划\n- 来源:某某网\n- 2022/7/29 11:31:09\n近日,自治区农业农村厅印发《某某发展“十四五”规划》。\n"
            f"发展目标:到2025年,全区基本实现主要农作物生产全程机械化。全区农机总动力达到3960万千瓦;{clause},"
            "农机协管员实现行政村全覆盖,图为农机手正在作业。无人机、无人车加快推广应用。")
    obs = _targets(page)
    duties = [o for o in obs if o.value is None]
    assert [(o.deadline, clause[:4] in o.sentence) for o in duties] == [("2025-12-31", True)]


# --- The notice naming its own making (`结合全市实际,制定<its title>(2024—2026年)`) is no duty; the period in its
# title is no due date.
OWN_TITLES = [
    ("广元市安全生产治本攻坚三年行动方案(2024—2026年)", "结合全市实际,制定广元市安全生产治本攻坚三年行动方案(2024—2026年)。"),
    ("某某市城市更新三年行动方案(2023-2025年)", "根据有关要求,制定某某市城市更新三年行动方案(2023-2025年)。"),
    ("某某省养老服务体系建设规划(2021—2025年)", "为推进养老服务高质量发展,编制某某省养老服务体系建设规划(2021—2025年)。"),
    ("某某县农村人居环境整治提升五年行动方案(2021—2025年)", "结合本县实际,制定某某县农村人居环境整治提升五年行动方案。"),
    ("某某市全民健身实施计划(2021—2025年)", "为促进全民健身,制定某某市全民健身实施计划(2021—2025年)。"),
    ("某某区托育服务发展三年行动计划(2022—2024年)", "经区政府同意,制定某某区托育服务发展三年行动计划(2022—2024年)。"),
    ("某某省数字政府建设实施方案(2023—2025年)", "按照国家部署,制定某某省数字政府建设实施方案(2023—2025年)。"),
    ("某某市水污染防治2018年行动计划", "为完成年度目标任务,制定某某市水污染防治2018年行动计划。"),
    ("某某市生活垃圾分类工作实施方案(2022—2025年)", "结合我市实际,制定某某市生活垃圾分类工作实施方案(2022—2025年)。"),
    ("某某州乡村振兴五年规划(2021—2025年)", "根据省委部署,编制某某州乡村振兴五年规划(2021—2025年)。"),
]


@pytest.mark.parametrize("title,sentence", OWN_TITLES, ids=[t[0][:8] for t in OWN_TITLES])
def test_the_notice_naming_its_own_making_is_no_duty(title, sentence):
    obs = _targets(f"{title}\n各县(区)人民政府,市级有关部门:\n{sentence}\n一、总体要求\n到2025年,建成全市统一的监管平台。")
    assert [(o.value, o.deadline) for o in obs] == [(None, "2025-12-31")]


# --- A paragraph led by a past period (`在“十三五”期间,…`, `2016年至2020年期间,…`) reports: its later sentences'
# figures and events are background, though they name no time of their own.
PAST_PARAGRAPHS = [
    ("在“十三五”期间,我国建成全球最大规模光纤网络,互联网普及率超过70%。", "城乡差距明显缩小,行政村通光纤比例超过98%。"),
    ("在“十三五”期间,全省养老服务体系不断完善。", "每千名老年人拥有养老床位达到35张。"),
    ("在“十二五”期间,全市交通建设成效显著,新建公路800公里。", "农村公路通达率达到100%。"),
    ("在“十三五”期间,我区教育事业快速发展。", "学前教育毛入园率达到90%以上。"),
    ("在“十三五”期间,全县脱贫攻坚取得决定性胜利,脱贫人口5万人。", "贫困村通硬化路比例达到100%。"),
    ("在2016年至2020年期间,全市新建学校20所。", "地表水优良水体比例达到85%。"),
    ("在“十三五”期间,全市卫生健康事业稳步发展。", "每千人口执业医师数达到3.1人。"),
    ("在“十三五”期间,全省文化事业繁荣发展,建成文化馆30个。", "公共图书馆达到120个。"),
    ("在“十三五”期间,全区农机化水平显著提升。", "主要农作物耕种收综合机械化率达到65%。"),
    ("在“十三五”期间,全市就业形势保持稳定,城镇新增就业50万人。", "城镇登记失业率控制在3%以内。"),
]


@pytest.mark.parametrize("lead,figure", PAST_PARAGRAPHS, ids=[p[1][:6] for p in PAST_PARAGRAPHS])
def test_a_paragraph_of_a_past_period_reports(lead, figure):
    obs = _targets("关于印发某某“十四五”发展规划的通知\n各区人民政府:\n" + lead + figure + "\n到2025年,全市公共图书馆达到150个。\n某某市人民政府\n2021年6月1日")
    assert [(o.value, o.deadline) for o in obs] == [(150, "2025-12-31")]


# --- A quantifier over what 将/把 hands over (`将符合条件的全部年检材料报经…初审`) is all of a submission: a dated
# duty, not full coverage.
HANDOVERS = [
    "于2021年3月31日前将符合条件的全部年检材料报经业务主管单位初审。", "于2022年6月30日前将全部申报材料报送市民政局。",
    "于2023年5月底前将所有整改材料上报省厅。", "于2021年10月31日前把全部验收资料提交区住建局。",
    "于2024年4月30日前将全部项目清单报送市发展改革委。", "于2022年9月30日前将所有审计报告报送市审计局。",
    "于2023年3月31日前将全部统计报表提交市统计局。", "于2021年12月15日前将全部评估材料报经县政府审核。",
    "于2024年6月30日前把所有申请材料报送市人社局。", "于2022年11月30日前将全部备案材料提交省厅。",
]


@pytest.mark.parametrize("sentence", HANDOVERS, ids=[h[1:12] for h in HANDOVERS])
def test_all_of_a_submission_is_a_dated_duty_not_coverage(sentence):
    obs = _targets("关于开展年度检查的函\n各社会团体:\n各单位要如实填报材料," + sentence + "\n某某部\n2021年2月24日")
    assert [o.value for o in obs] == [None]
    assert obs[0].deadline[:4] == sentence[1:5]


# --- The same duty restated on the same day (an attachment repeats `5月31日前` for the same materials) is one duty;
# two duties of one day about different things stay two.
def test_a_duty_restated_for_the_same_day_and_thing_is_one():
    obs = _targets("关于开展年度检查的函\n各社会团体:\n各社会团体要于5月31日前将年检材料报送我部。\n附件\n一、年检材料填报要求\n"
                   "社会团体应于5月31日前完成年检材料的填写和报送工作。\n某某部\n2021年2月24日")
    assert [(o.value, o.deadline) for o in obs] == [(None, "2021-05-31")]


def test_duties_of_one_day_about_different_things_stay_two():
    obs = _targets("关于开展年度检查的函\n各社会团体:\n各社会团体要于5月31日前将年检材料报送我部。\n"
                   "各业务主管单位要于5月31日前建立年度检查工作台账。\n某某部\n2021年2月24日")
    assert [(o.value, o.deadline) for o in obs] == [(None, "2021-05-31"), (None, "2021-05-31")]

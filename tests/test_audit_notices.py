"""Capability tables for the general causes found by the audit of fresh notices and plans (docs/audit.md,
"Notices and plans"): each rule shown on surface variants written from the rule, with near-misses that must
not change."""
import pytest


@pytest.mark.parametrize("text,expected", [
    # a coverage verb reaching 所有/全部/一切 + things: every one of them, 100 % (GOLD_FORMAT: 所有…都, 全部 are 100 %)
    ("养老服务设施覆盖所有城市社区。", [("所有", 100)]),
    ("基本养老服务覆盖所有居家老年人。", [("所有", 100)]),
    ("公共法律服务覆盖全部村(社区)。", [("全部", 100)]),
    ("资助政策惠及所有在校学生。", [("所有", 100)]),
    ("服务网络涵盖所有乡镇。", [("所有", 100)]),
    ("家庭医生签约服务覆盖到所有重点人群。", [("所有", 100)]),
    ("公共服务延伸到所有行政村。", [("所有", 100)]),
    ("救助政策惠及一切困难群众。", [("一切", 100)]),
    ("覆盖所有城市社区、90%以上乡镇和60%以上村。", [("所有", 100), ("90%", 90), ("60%", 60)]),
    # near-misses: a value inside the item is the value; no reaching verb, no coverage
    ("覆盖所有人口的90%。", [("90%", 90)]),
    ("覆盖所有3个县。", [("3个", 3)]),
    ("所有城市社区。", []),
    ("覆盖城乡居民。", []),
    ("所有学校都要建立心理辅导室。", [("都要建立", 100)]),
])
def test_a_coverage_verb_over_every_thing_is_full_coverage(text, expected):
    from extractor.extractors.quantities import find_quantities
    assert [(q.text, q.value) for q in find_quantities(text)] == expected


def test_full_coverage_of_every_thing_is_a_target(monkeypatch):
    monkeypatch.setenv("NOTICE_EXTRACT_CONFIDENCE_MODEL", "")
    from extractor.pipeline import extract
    notice = extract("关于加强养老服务设施规划建设工作的通知\n各市、县(区)民政局:\n到2025年,养老服务设施覆盖所有城市社区。\n"
                     "某某省民政厅\n2022年3月1日")
    assert [(o.value, o.unit, o.deadline, o.kind) for o in notice.obligations] == [(100, "%", "2025-12-31", "target")]


@pytest.mark.parametrize("text,expected", [
    # a 、-list of session ordinals before 全会/会议 names meetings, every one of them (not counts of 次)
    ("认真落实省委十一届七次、八次、九次、十次全会部署。", []),
    ("按照省委九届五次、六次全会要求。", []),
    ("贯彻市委十二届三次、四次全体会议精神。", []),
    ("落实县委十五届二次和三次全会部署。", []),
    ("贯彻落实省第十四次、十五次党代会精神。", []),
    ("贯彻十九届二中、三中、四中全会精神。", []),
    # near-misses: a single session is masked as before; counts of activities stay values
    ("省委十五届二次全会。", []),
    ("每季度至少开展1次检查、2次督导。", [("1次", 1), ("2次", 2)]),
    ("全年组织培训3次、演练2次。", [("3次", 3), ("2次", 2)]),
    ("召开五次、六次座谈会。", [("五次", 5), ("六次", 6)]),
    ("开展七次、八次专项行动。", [("七次", 7), ("八次", 8)]),
])
def test_a_list_of_session_ordinals_is_no_count(text, expected):
    from extractor.extractors.quantities import find_quantities
    assert [(q.text, q.value) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text,title", [
    # a headline's short 《》 name and the body's full one: the full one
    ("国务院印发《全民健身计划》\n国务院日前印发《全民健身计划(2021-2025年)》,提出8个方面主要任务。", "全民健身计划(2021-2025年)"),
    ("省政府印发《养老服务条例》\n近日,省政府印发《养老服务条例(试行)》,明确了各地责任。", "养老服务条例(试行)"),
    ("市教育局出台《中小学课后服务方案》\n日前,市教育局出台《中小学课后服务方案(2023年修订)》。", "中小学课后服务方案(2023年修订)"),
    # 《…》 published with an adverb before the verb
    ("央视网消息:今天,《全国重要生态系统保护和修复重大工程总体规划》正式对外发布。", "全国重要生态系统保护和修复重大工程总体规划"),
    ("记者获悉,《某某市教育事业发展规划》日前向社会发布,明确了发展方向。", "某某市教育事业发展规划"),
    # 《…》 whose goals a report quotes after the figures: 提出/明确 … 目标/要求/任务
    ("到2025年,湿地保护率达到55%……《“十四五”林业草原保护发展规划纲要》提出多项发展要求。", "“十四五”林业草原保护发展规划纲要"),
    ("全省森林覆盖率将达到62%,《江西省林业发展规划》明确了主要目标。", "江西省林业发展规划"),
    ("《某某县乡村振兴实施方案》确定了五项重点任务,涉及产业、人才等方面。", "某某县乡村振兴实施方案"),
    # near-misses: a report's source, a cited law, another document, a bare short name, advice given on it
    ("《2022年国民经济和社会发展统计公报》显示,全年粮食产量创新高。", None),
    ("根据《中华人民共和国体育法》规定,县级以上人民政府应当建设公共体育设施。", None),
    ("国务院印发《全民健身计划》\n计划与《全民健身条例》相衔接。", "全民健身计划"),
    ("记者了解到,《规划》提出多项要求,将分步实施。", None),
    ("座谈会上,代表们就《某某市养老服务实施方案》提出的意见建议进行了讨论。", None),
])
def test_a_news_page_title_is_the_plan_it_quotes(text, title):
    from extractor.extractors import titles
    assert (titles.published_title(text) or titles.quoted_source_title(text)) == title


@pytest.mark.parametrize("line,furniture", [
    # a site's login and read-more prompts are furniture: never notice text, a title or a value (剩余:91.48%)
    ("新用户登录后自动创建账号", True),
    ("登录后可查看全文", True),
    ("请登录后识别阅读权限", True),
    ("请先登录后下载", True),
    ("注册后可下载", True),
    ("登录", True),
    ("登录/注册", True),
    ("免费注册", True),
    ("继续阅读(剩余:91.48%)", True),
    ("阅读全文", True),
    ("展开全文>>", True),
    # near-misses: login and reading as the notice's own words
    ("实现一次登录、全网通办", False),
    ("继续阅读推广工程建设", False),
    ("阅读全文并认真落实", False),
    ("到2025年,全省用户登录统一平台比例达到90%", False),
    ("请各单位登录系统填报数据", False),
])
def test_login_and_read_more_prompts_are_furniture(line, furniture):
    from extractor.clean.text import is_furniture
    assert is_furniture(line) is furniture


def test_a_login_prompt_above_a_report_is_no_title(monkeypatch):
    monkeypatch.setenv("NOTICE_EXTRACT_CONFIDENCE_MODEL", "")
    from extractor.pipeline import extract
    notice = extract("新用户登录后自动创建账号\n登录打造一批文物保护利用示范单位。2月22日,山西省出台实施意见,对深化文化和旅游融合发展"
                     "作出具体部署。\n建设忻州秀容古城、大阳古镇等50个非遗、民间艺术街区,推出1000种高质量文化旅游商品。\n"
                     "继续阅读(剩余:91.48%)\n")
    assert notice.title is None
    assert [o.value for o in notice.obligations if o.kind == "target"] == [1000]

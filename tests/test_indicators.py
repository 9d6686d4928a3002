"""The indicator taxonomy and classifier: sentences written from each indicator's pattern, not the seeds."""
from __future__ import annotations

import re
import shutil

import pytest

from extractor import gazetteers, taxonomy
from extractor.extractors import indicators as ind
from extractor.extractors.indicators import classify, comparable_value


@pytest.mark.parametrize(
    ("subject", "sentence", "unit", "scope", "value", "expected"),
    [
        ("社工站覆盖率", "到2025年,全市乡镇(街道)社工站覆盖率达到100%。", "%", "全市", 100, "sw_station_coverage"),
        ("社会工作服务站", "2023年底前,全区新建社会工作服务站20个。", "个", "全区", 20, "sw_stations"),
        ("社会工作专业人才", "到2025年,全州社会工作专业人才总量达到3万人。", "人", "全州", 30000, "sw_professionals"),
        ("持证社会工作者", "持证社会工作者达到8000人以上。", "人", None, 8000, "sw_certified"),
        ("社工机构", "每个县(市、区)至少培育2家社工机构。", "家", "每个县(市、区)", 2, "sw_orgs_per_county"),
        ("社工机构", "全省登记的社工机构达到600家。", "家", "全省", 600, "sw_orgs"),
        ("职业津贴", "对取得中级社会工作师证书的,每月发放职业津贴300元。", "元/月", None, 300, "sw_job_allowance"),
        (None, "每千名老年人拥有养老床位数达到40张。", "张", "每千名老年人", 40, "eldercare_beds_per_1000_elderly"),
        ("托位数", "到2025年,每千人口拥有3岁以下婴幼儿托位数达到4.5个。", "个", "每千人口", 4.5, "childcare_places_per_1000"),
        ("城镇新增就业", "全年城镇新增就业50万人以上。", "人", None, 500000, "urban_new_jobs"),
        ("失业率", "城镇调查失业率控制在5.5%以内。", "%", None, 5.5, "surveyed_unemployment_rate"),
        ("优良天数比率", "空气质量优良天数比率达到87.5%。", "%", None, 87.5, "air_quality_good_days"),
        ("优良天数比率", "空气质量优良天数比率提高2个百分点。", "个百分点", None, 2, "air_quality_good_days"),
        ("PM2.5浓度", "细颗粒物(PM2.5)浓度下降10%。", "%", None, 10, "pm25_reduction"),
        ("家庭医生", "重点人群家庭医生签约服务覆盖率达到75%以上。", "%", None, 75, "family_doctor_contract_rate"),
        ("高标准农田", "新建高标准农田120万亩。", "亩", None, 1200000, "high_standard_farmland"),
        ("保障性租赁住房", "筹集保障性租赁住房3万套(间)。", "套", None, 30000, "affordable_rental_housing"),
        ("5G基站", "新建5G基站1.2万个。", "个", None, 12000, "base_stations_5g"),
        ("执业(助理)医师", "每千人口执业(助理)医师数达到3.2人。", "人", "每千人口", 3.2, "physicians_per_1000"),
        (None, "请于6月底前将年度工作总结报送市民政局。", None, None, None, "report_submission"),
    ],
)
def test_classify_by_pattern(subject, sentence, unit, scope, value, expected):
    assert classify(subject, sentence, unit, scope, value=value) == expected


def test_unit_must_fit_the_indicator():
    sentence = "持证社会工作者占社区工作者的比例达到30%。"
    assert classify("持证社会工作者", sentence, "%", None, value=30) != "sw_certified"
    assert classify("社会工作专业人才", "社会工作专业人才占比达到5%。", "%", None) != "sw_professionals"
    assert classify("注册志愿者", "注册志愿者达到20万人。", "人", None) != "registered_volunteers_share"
    assert classify("材料", "报送材料3份。", "份", None) != "report_submission"


def test_value_picks_its_own_clause():
    sentence = "到2025年,全区社工机构达到50家、注册志愿者人数达到常住人口的15%,社会工作者达到3000人。"
    assert classify("社工机构", sentence, "%", None, value=15) == "registered_volunteers_share"
    assert classify("社工机构", sentence, "家", None, value=50) == "sw_orgs"
    assert classify("社工机构", sentence, "人", None, value=3000) == "sw_professionals"


def test_per_base_scope_decides():
    sentence = "到2025年,每千名老年人、每百张养老机构床位均配备1名社会工作者。"
    assert classify("社会工作者", sentence, "人", "每千名老年人", value=1) == "social_workers_per_1000_elderly"
    assert classify("社会工作者", sentence, "人", "每百张养老机构床位", value=1) == "social_workers_per_100_beds"


def test_other_when_nothing_matches():
    assert classify("吉祥物", "征集吉祥物设计方案30份。", "份", None, value=30) == ind.OTHER
    assert classify(None, "", None, None) == ind.OTHER


def test_comparable_value():
    assert comparable_value(5, "万人") == (50000, "人")
    assert comparable_value(2, "名") == (2, "人")
    assert comparable_value(3, "个百分点") == (3, "个百分点")
    assert comparable_value(300, "元/月") == (300, "元/月")
    assert comparable_value(None, "位") == (None, "人")
    assert comparable_value(1.5, "亿元") == (150000000, "元")


def test_taxonomy_is_well_formed():
    items = ind.indicators()
    ids = [i.id for i in items]
    assert len(items) >= 300
    assert len({i.area for i in items}) >= 15
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert all(i.label and i.label_en and i.definition and i.source and (i.keywords or i.patterns) for i in items)
    assert all(taxonomy.family_of(u) is not None for i in items for u in i.units)
    assert ind.label("sw_certified") == "持证社会工作者" and ind.label("other") == "其他"


def _copy_data(tmp_path, monkeypatch):
    shutil.copytree(gazetteers.data_dir(), tmp_path, dirs_exist_ok=True)
    monkeypatch.setenv("NOTICE_EXTRACT_GAZETTEERS", str(tmp_path))
    _clear()


def _clear():
    gazetteers.indicators.cache_clear()
    taxonomy.clear_caches()
    ind.clear_caches()


def test_taxonomy_is_extensible_without_code(tmp_path, monkeypatch):
    _copy_data(tmp_path, monkeypatch)
    (tmp_path / "indicators" / "90_library.toml").write_text(
        '[[indicator]]\nid = "river_cleaners"\nlabel = "河道保洁员人数"\nlabel_en = "River cleaners"\narea = "水利"\n'
        'definition = "配备的河道保洁员人数"\nfamily = "person"\nkeywords = ["河道保洁员"]\nsource = "test"\n',
        encoding="utf-8")
    _clear()
    try:
        assert classify(None, "全县配备河道保洁员500名。", "人", None) == "river_cleaners"
    finally:
        monkeypatch.delenv("NOTICE_EXTRACT_GAZETTEERS")
        _clear()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('family = "count"\nkeywords = ["x"]\nsource = "s"\n', "lacks `definition`"),
        ('definition = "d"\nfamily = "stones"\nkeywords = ["x"]\nsource = "s"\n', "unknown unit family 'stones'"),
        ('definition = "d"\nfamily = "percent"\nunits = ["人"]\nkeywords = ["x"]\nsource = "s"\n', "unit '人' is not of family percent"),
        ('definition = "d"\nfamily = "count"\npatterns = ["(unclosed"]\nsource = "s"\n', "bad regular expression"),
        ('definition = "d"\nfamily = "count"\nsource = "s"\n', "neither keywords nor patterns"),
        ('definition = "d"\nfamily = "count"\nkeywords = ["x"]\nsource = "s"\ncolour = "red"\n', "unknown key `colour`"),
    ],
)
def test_bad_entries_stop_with_file_and_line(tmp_path, monkeypatch, entry, message):
    _copy_data(tmp_path, monkeypatch)
    path = tmp_path / "indicators" / "90_bad.toml"
    path.write_text('# a comment\n\n[[indicator]]\nid = "bad_one"\nlabel = "坏"\nlabel_en = "Bad"\narea = "测试"\n' + entry,
                    encoding="utf-8")
    _clear()
    try:
        with pytest.raises(gazetteers.GazetteerError) as exc:
            gazetteers.check_gazetteers.__wrapped__()
        assert message in str(exc.value)
        assert f"{path}:" in str(exc.value)
        if "regular expression" not in message:
            assert f"{path}:4:" in str(exc.value)
    finally:
        monkeypatch.delenv("NOTICE_EXTRACT_GAZETTEERS")
        _clear()


def test_duplicate_id_names_both_places(tmp_path, monkeypatch):
    _copy_data(tmp_path, monkeypatch)
    path = tmp_path / "indicators" / "90_dup.toml"
    path.write_text('[[indicator]]\nid = "sw_certified"\nlabel = "x"\nlabel_en = "x"\narea = "x"\ndefinition = "x"\n'
                    'family = "person"\nkeywords = ["x"]\nsource = "x"\n', encoding="utf-8")
    _clear()
    try:
        with pytest.raises(gazetteers.GazetteerError, match=r"90_dup.toml:2: indicator id 'sw_certified' already defined at .*indicators.toml:\d+"):
            gazetteers.indicators()
    finally:
        monkeypatch.delenv("NOTICE_EXTRACT_GAZETTEERS")
        _clear()


def test_subject_after_the_value_belongs_to_the_next_value():
    """A subject stated between this value and the next one of its clause is the next value's: the total keeps
    the plain indicator, the bracketed sub-count gets the 中级 qualifier (an outline or subject stage may hand
    the total the sub-count's subject)."""
    sentence = ("到2020年,我省社会工作专业人才总量由2015年1.9万人增加到5.5万人(其中具有社会工作师职业水平证书的"
                "中级及以上社会工作专业人才达到6000人),年均增幅23%。")
    wrong = "具有社会工作师职业水平证书的中级及以上社会工作专业人才达到"
    assert ind.assign(wrong, sentence, "万人", None, value=5.5).id == "sw_professionals"
    assert ind.assign(wrong[:-2], sentence, "人", None, value=6000).id == "sw_professionals(中级)"


def test_a_keyword_in_a_clause_with_its_own_value_names_that_clause():
    """生产总值增长9.5% is not an unemployment rate because 失业率 appears, with its own value, later in the
    sentence; a neighbouring clause still helps when it holds the subject or the subject is a bare measure word."""
    sentence = "主要预期目标是,生产总值增长9.5%左右,地方财政收入增长12%左右,城镇登记失业率控制在4%以内。"
    assert ind.classify("生产总值", sentence, "%", None, value=9.5) not in ("surveyed_unemployment_rate",
                                                                       "urban_registered_unemployment")
    assert ind.classify("地方财政收入", sentence, "%", None, value=12) not in ("surveyed_unemployment_rate",
                                                                         "urban_registered_unemployment")
    series = "力争到2023年底,全省分别有30%、50%、70%以上的乡镇(街道)建立社会工作服务站,到2024年实现全覆盖;"
    assert ind.classify("乡镇(街道)建立社会工作服务站", series, "%", None, value=100) == "sw_station_coverage"
    total = "今年全市将新增设立乡镇(街道)省级社工站22个,总数将达到32个。"
    assert ind.classify("总数", total, "个", None, value=32) == "sw_stations"


def test_a_percent_after_a_level_and_a_growth_word_is_its_growth():
    """生产总值增长9.5% is GDP growth, 地方财政收入增长12% the growth of the fiscal-revenue level (no growth entry
    of its own: `fiscal_revenue+增长`), 城镇居民人均可支配收入…增长10% the income growth of the 城镇 population."""
    sentence = ("今年全省的主要预期目标是,生产总值增长9.5%左右,地方财政收入增长12%左右,城镇登记失业率控制在4%以内,"
                "城镇居民人均可支配收入和农民人均纯收入均增长10%左右,居民消费价格涨幅控制在3.5%左右。")
    assert ind.assign("生产总值", sentence, "%", "全省", value=9.5).id == "gdp_growth"
    assert ind.assign("地方财政收入", sentence, "%", None, value=12).id == "fiscal_revenue+增长"
    assert ind.assign("城镇登记失业率", sentence, "%", None, value=4).id == "urban_registered_unemployment"
    assert ind.assign("城镇居民人均可支配收入和农民人均纯收入", sentence, "%", None,
                      value=10).id == "disposable_income_growth(城镇)"
    assert ind.assign("居民消费价格涨幅", sentence, "%", None, value=3.5).id == "consumer_price_growth"
    # a level in its own unit stays the level; a percent without a growth word is no growth
    assert ind.assign("地方财政收入", "地方财政收入达到500亿元。", "亿元", None, value=500).id == "fiscal_revenue"
    assert not ind.assign("地方财政收入", "地方财政收入占比达到12%。", "%", None, value=12).id.endswith("+增长")


@pytest.mark.parametrize("subject, unit, value, expected", [
    ("城镇公共供水管网漏损率", "%", 9, "water_pipe_leakage"),
    ("城市供水管网漏损率", "%", 15, "water_pipe_leakage"),
    ("居民人均期望寿命", "岁", 81, "life_expectancy"),
    ("地级以上城市空气优良天数比", "%", 87.5, "air_quality_good_days"),
    ("居民消费价格总水平涨幅", "%", 4, "consumer_price_growth"),
    ("全社会研究与试验发展(R&D)经费支出占地区生产总值比重", "%", 3.4, "rd_expenditure_share"),
    ("全社会研发经费支出相当于全市生产总值的比例", "%", 4.5, "rd_expenditure_share"),
])
def test_wording_variants_of_listed_indicators(subject, unit, value, expected):
    """The wordings plans use for one listed indicator share its column (aliases written from the names)."""
    sentence = f"{subject}控制在{value:g}{unit}以内。"
    assert ind.assign(subject, sentence, unit, None, value=value).id == expected


def test_a_satisfaction_names_its_own_quantity():
    """…满意度 is a quantity of its own: a pass-rate keyword elsewhere in the sentence names a neighbour."""
    sentence = "食品抽检合格率达到98%以上,人民群众对食品安全总体满意度达70%以上。"
    assert ind.assign("人民群众对食品安全总体满意度", sentence, "%", None, value=70).id != "food_safety_sampling_pass"
    assert ind.assign("食品抽检合格率", sentence, "%", None, value=98).id == "food_safety_sampling_pass"

"""Units in base form, provisional keys for unlisted targets, and the grouping measure of `notice-extract eval`.

Sentences are written for each rule, not taken from the gold sets."""
from __future__ import annotations

import json

import pytest

from extractor import taxonomy
from extractor.cli import main
from extractor.evaluate import GroupsError, load_groups, score_groups
from extractor.extractors.indicators import assign, head_of, per_unit


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (5, "万人", (50000, "人")),
        (2, "名", (2, "人")),
        (1.5, "亿元", (150000000, "元")),
        (300, "元/月", (300, "元/月")),
        (3, "万元/年", (30000, "元/年")),
        (1.2, "万张", (12000, "张")),
        (22, "家", (22, "家")),
        (15, "亩", (10000, "平方米")),
        (3, "个百分点", (3, "个百分点")),
        (4.5, "‰", (4.5, "‰")),
        (None, "位", (None, "人")),
        (7, "标准间", (7, "标准间")),
    ],
)
def test_values_in_the_base_unit_of_their_family(value, unit, expected):
    assert taxonomy.to_base(value, unit) == expected


def test_families():
    assert taxonomy.family_of("万人") == "person"
    assert taxonomy.family_of("所") == taxonomy.family_of("张") == "count"
    assert taxonomy.family_of("元/月") == "money/月"
    assert taxonomy.family_of("标准间") is None
    assert taxonomy.family_key("标准间") == "unit:标准间"
    assert taxonomy.family_of("%") != taxonomy.family_of("个百分点")


def test_two_provinces_share_an_unlisted_target():
    a = assign("城市社区养老驿站服务人次", "到2025年,全省城市社区养老驿站服务人次达到30万人次。", "人次", "全省", value=300000)
    b = assign("城市社区养老驿站服务人次", "全市城市社区养老驿站服务人次力争达到5万人次。", "人次", "全市", value=50000)
    assert a.provisional and b.provisional
    assert a.id == b.id and a.id.startswith(taxonomy.PROVISIONAL)
    assert "全省" not in a.label and "2025" not in a.label


def test_provisional_keys_never_cross_unit_families():
    count = assign("智慧健康养老示范街道", "建成智慧健康养老示范街道20个。", "个", None, value=20)
    share = assign("智慧健康养老示范街道", "智慧健康养老示范街道占比达到20%。", "%", None, value=20)
    assert count.provisional and share.provisional and count.id != share.id


def test_provisional_key_drops_time_region_and_verbs():
    assert head_of("到2025年湖北省新建智慧健康养老示范街道", None) == "智慧健康养老示范街道"
    assert head_of("全市社区书屋数量", "全市") == "社区书屋"


def test_per_unit_values_are_not_totals():
    assert per_unit("每个城乡社区") == "社区"
    assert per_unit("每个乡镇人民政府(街道办事处)") == "乡镇"
    assert per_unit("每千名老年人") is None
    assert per_unit("全省") is None
    each = assign("社会工作专业人才", "每个城乡社区至少配备1名社会工作专业人才。", "人", "每个城乡社区", value=1)
    total = assign("社会工作专业人才", "全省社会工作专业人才达到5万人。", "人", "全省", value=50000)
    assert total.id == "sw_professionals" and each.id == "sw_professionals@每社区"


def test_added_and_population_variants():
    new = assign("新增社会工作服务站", "今年新增社会工作服务站22个。", "个", None, value=22)
    assert new.id == "sw_stations+新增" and not new.provisional
    rural = assign("农村学前三年毛入园率", "农村学前三年毛入园率达到90%。", "%", None, value=90)
    assert rural.id == "preschool_gross_enrolment(农村)"
    assert assign("学前三年毛入园率", "学前三年毛入园率达到95%。", "%", None, value=95).id == "preschool_gross_enrolment"


def test_no_key_without_a_value_or_a_subject():
    assert assign(None, "加强组织领导。", None, None).id == "other"
    assert assign("总数", "总数将达到32个。", "个", None, value=32).id == "other"


def _groups_file(tmp_path, rows):
    path = tmp_path / "groups.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_pair_scores(tmp_path):
    rows = [{"doc_id": "a", "index": 0, "key": "k1"}, {"doc_id": "b", "index": 0, "key": "k1"},
            {"doc_id": "c", "index": 0, "key": "k1"}, {"doc_id": "c", "index": 1, "key": "k2"},
            {"doc_id": "d", "index": 0, "key": "k2"}, {"doc_id": "d", "index": 1, "key": None}]
    groups = load_groups(_groups_file(tmp_path, rows))
    predicted = {("a", 0): "x", ("b", 0): "x", ("c", 0): "~y", ("c", 1): "x", ("d", 0): "other", ("d", 1): "x"}
    g = score_groups(groups, predicted).numbers()
    # gold pairs: a-b, a-c, b-c (k1), c1-d0 (k2) = 4; recalled: a-b only
    assert g["gold_pairs"] == 4 and g["recall"] == 0.25
    # predicted pairs among keyed, matched: a-b, a-c1, b-c1 (all "x"); correct: a-b
    assert g["predicted_pairs"] == 3 and g["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert g["indicator_share"] == pytest.approx(0.8) and g["canonical_share"] == pytest.approx(0.6)


def test_unmatched_obligations_fail_their_pairs(tmp_path):
    groups = load_groups(_groups_file(tmp_path, [{"doc_id": "a", "index": 0, "key": "k"}, {"doc_id": "b", "index": 0, "key": "k"}]))
    g = score_groups(groups, {("a", 0): "x", ("b", 0): ""}).numbers()
    assert g["gold_pairs"] == 1 and g["recall"] == 0.0 and g["predicted_pairs"] == 0


def test_bad_groups_line_names_file_and_line(tmp_path):
    path = tmp_path / "groups.jsonl"
    path.write_text('{"doc_id": "a", "index": 0, "key": "k"}\n{"doc_id": "a", "index": "x"}\n', encoding="utf-8")
    with pytest.raises(GroupsError, match=rf"{path}:2:"):
        load_groups(path)


def test_eval_reads_groups_inside_a_gold_folder(tmp_path, capsys):
    sentences = {"P1": "到2025年,全省城市社区养老驿站服务人次达到30万人次。", "P2": "到2024年,全市城市社区养老驿站服务人次力争达到5万人次。"}
    for name, sentence in sentences.items():
        text = f"关于做好养老服务工作的通知\n{sentence}\n"
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = {"doc_id": name, "raw": f"{name}.txt", "metadata": {"title": "关于做好养老服务工作的通知"},
                "obligations": [{"evidence": sentence, "value": 300000 if name == "P1" else 50000, "unit": "人次"}]}
        (tmp_path / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    _groups_file(tmp_path, [{"doc_id": "P1", "index": 0, "key": "驿站服务人次"}, {"doc_id": "P2", "index": 0, "key": "驿站服务人次"}])
    assert main(["eval", "--gold", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["indicator_groups"]["gold_pairs"] == 1
    assert out["indicator_groups"]["f1"] == 1.0


def test_a_subject_naming_another_quantity_gets_its_own_key():
    """甘蔗收获机械化率 is not the overall mechanisation rate: the canonical name covers too little of it."""
    overall = assign("农作物耕种收综合机械化率", "农作物耕种收综合机械化率达到75%。", "%", None, value=75)
    crop = assign("甘蔗收获机械化率", "甘蔗收获机械化率达到30%。", "%", None, value=30)
    assert overall.id == "farm_mechanisation_rate" and not overall.provisional
    assert crop.provisional and crop.id != overall.id and crop.label == "甘蔗收获机械化率"


def test_growth_figures_without_a_noun_get_no_key():
    assert assign("年均增长13.6%左右", "全市旅游人数年均增长13.6%左右。", "%", None, value=13.6).id != "~左右||percent"
    assert head_of("年均增长23.7%左右。", None) == ""


def test_increment_words_only_where_they_mean_added():
    assert assign("今年全市将新增设立社会工作服务站", "今年全市将新增设立社会工作服务站22个。", "个", "全市", value=22).id == "sw_stations+新增"
    price = assign("确定全市2022年度新建商品住房销售价格涨幅控制目标", "确定全市2022年度新建商品住房销售价格涨幅控制目标为7%。", "%", "全市", value=7)
    assert price.provisional and "新增" not in price.id

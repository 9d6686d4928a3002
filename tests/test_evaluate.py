from extractor.evaluate import agencies_match, match_document, overlap, score, values_match


def test_overlap_rules():
    gold = "到2025年,全省社会工作专业人才达到5万人"
    assert overlap(gold, "根据规划,到2025年,全省社会工作专业人才达到5万人,持证人才达到2万人。") > 0
    assert overlap(gold, "全省社会工作专业人才") > 0  # short predicted: half of its 4-grams are in the gold
    assert overlap(gold, "鼓励社区工作者参加社会工作职业资格考试,掌握专业知识。") == 0


def test_value_matching():
    assert values_match({"value": 50000}, {"value": 50000.0})
    assert not values_match({"value": 5}, {"value": 6})
    assert values_match({"value": None, "deadline": "2025-12-31"}, {"value": None, "deadline": "2025-12-31"})
    assert not values_match({"value": None, "deadline": "2025-12-31"}, {"value": None, "deadline": None})
    assert not values_match({"value": 1}, {"value": None})


def test_agency_containment_and_empty_gold():
    assert agencies_match(["各地民政部门"], ["民政部门"])
    assert not agencies_match(["共青团组织"], ["文明办"])
    assert agencies_match([], [])
    assert not agencies_match([], ["民政部"])


def test_one_to_one_greedy_matching():
    gold = [{"evidence": "全省分别有30%、50%以上的乡镇建站", "value": 30}, {"evidence": "全省分别有30%、50%以上的乡镇建站", "value": 50}]
    pred = [{"sentence": "全省分别有30%、50%以上的乡镇建站。", "value": 30}, {"sentence": "全省分别有30%、50%以上的乡镇建站。", "value": 30}]
    assert match_document(gold, pred) == [(0, 0)]


def test_score_counts_targets_only_and_strict_fields():
    gold = [{"raw": "a.txt", "metadata": {"title": "T", "issuers": ["甲"], "addressees": []},
             "obligations": [{"evidence": "到2025年建成100个服务站点", "value": 100, "unit": "个", "comparator": "=",
                              "deadline": "2025-12-31", "strength": "binding", "agencies": []}]}]
    pred = {"a.txt": {"title": "T", "issuers": ["甲"], "addressees": [], "obligations": [
        {"sentence": "到2025年建成100个服务站点。", "value": 100, "unit": "个", "comparator": "=", "deadline": None,
         "strength": "binding", "agencies": [], "kind": "target"},
        {"sentence": "截至2020年已建成50个服务站点。", "value": 50, "unit": "个", "kind": "fact"}]}}
    n = score(gold, pred).numbers()
    assert n["obligations"]["f1"] == 1.0
    assert n["strict"]["f1"] == 0.0
    assert n["fields"]["deadline"] == 0.0 and n["fields"]["unit"] == 1.0
    assert n["metadata"]["title"] == 1.0 and n["metadata"]["issuers"] == 1.0

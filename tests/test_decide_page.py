"""The decision's page, paragraph and indicator evidence (extractor/decide/features.py `_page_features`), each in
written variants that move it, and `train`'s leave-one-set-out figures (extractor/decide/train.py)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from extractor import gazetteers
from extractor.cli import main
from extractor.decide import features as feat
from extractor.decide.features import NoticeContext, features, paragraph_bounds, year_shares
from extractor.decide.train import Data, Document, Params, loso_probabilities, set_splits

ROOT = Path(__file__).resolve().parents[1]


def page(text: str, *obs: tuple[str, float | None, str | None], title: str = "某省“十四五”社会工作发展规划",
         date: str | None = "2021-03-01", evidence: list[dict] | None = None) -> list[dict[str, float]]:
    """The features of each candidate (sentence, value, unit) of a page whose text is `text`; each sentence is
    found in the text (a repeated sentence gives one candidate per value)."""
    records = []
    for sentence, value, unit in obs:
        start = text.index(sentence)
        records.append({"kind": "target", "sentence": sentence, "start": start, "end": start + len(sentence),
                        "value": value, "unit": unit, "comparator": ">=", "deadline": None, "deadline_text": None})
    notice = {"text": text, "issue_date": date, "title": title, "genre": None, "warnings": [], "doc_number": None,
              "obligations": records}
    evidence = evidence or [{} for _ in records]
    ctx = NoticeContext.of(notice, evidence)
    return [features(o, ctx, ev) for o, ev in zip(records, evidence)]


def test_the_years_a_page_names_against_its_date():
    review = "2019年全市生产总值同比增长6%。2020年社工站达到120个。"
    plan = "到2025年,建成社工站200个。到2035年,全面覆盖。"
    (r,) = page(review, ("2020年社工站达到120个。", 120, "个"))
    (p,) = page(plan, ("到2025年,建成社工站200个。", 200, "个"))
    assert r["page:years_past"] == 1.0 and r["page:years_future"] == 0.0
    assert p["page:years_past"] == 0.0 and p["page:years_future"] == 1.0
    assert year_shares("2020年建成,2021年启动,2025年完成。", 2021) == (1 / 3, 1 / 3)  # the page's own year is neither
    (undated,) = page(review, ("2020年社工站达到120个。", 120, "个"), date=None)
    assert undated["page:years_past"] == 0.0 and undated["page:years_future"] == 0.0


def test_growth_marks_and_a_goal_heading_anywhere_on_the_page():
    (growth,) = page("全市生产总值同比增长6%,比上年提高1个百分点。", ("全市生产总值同比增长6%,比上年提高1个百分点。", 6, "%"))
    (flat,) = page("全市建成社工站200个,覆盖全部街道。", ("全市建成社工站200个,覆盖全部街道。", 200, "个"))
    assert growth["page:growth"] > 0.5 and flat["page:growth"] == 0.0
    text = "一、主要目标\n建成社工站200个。\n二、保障措施\n培训社工500人。"
    one = ("建成社工站200个。", 200, "个")
    two = ("培训社工500人。", 500, "人")
    under_goal = page(text, one, two, evidence=[{"goal_section": True}, {}])
    assert [f["page:goal_heading"] for f in under_goal] == [1.0, 1.0]  # a page-level fact: the other record sees it too
    assert [f["page:goal_heading"] for f in page(text, one, two)] == [0.0, 0.0]


def test_growth_marks_come_from_the_gazetteer(monkeypatch):
    text = "全市生产总值同比增长6%。"
    assert page(text, (text, 6, "%"))[0]["page:growth"] > 0.0
    real = gazetteers.keywords
    own = real("confidence")
    monkeypatch.setattr(gazetteers, "keywords", lambda name: {**own, "growth_marks": ["环比"]} if name == "confidence" else real(name))
    feat._page_words.cache_clear()
    try:
        assert page(text, (text, 6, "%"))[0]["page:growth"] == 0.0
        other = "全市生产总值环比上升6%。"
        assert page(other, (other, 6, "%"))[0]["page:growth"] > 0.0
    finally:
        monkeypatch.undo()
        feat._page_words.cache_clear()


def test_the_tense_of_the_paragraph_around_the_value():
    past = "去年社工站数量为120个,同比增长20%,累计服务10万人次。"
    ahead = "到2025年,力争建成社工站200个,确保覆盖率达到100%。"
    a, b = page(f"{past}\n{ahead}", (past, 120, "个"), (ahead, 200, "个"))
    assert a["para:achieved"] == 1.0 and a["para:forward"] == 0.0
    assert b["para:forward"] == 1.0 and b["para:achieved"] == 0.0
    # the same two sentences in one paragraph: each now reads the other's tense too
    c, d = page(past + ahead, (past, 120, "个"), (ahead, 200, "个"))
    assert c["para:achieved"] == d["para:achieved"] == 0.5 and c["para:forward"] == d["para:forward"] == 0.5
    # years of the paragraph before the page's date
    (y,) = page("2019年建成80个,2020年建成120个。", ("2019年建成80个,2020年建成120个。", 120, "个"))
    assert y["para:years_past"] == 1.0


def test_a_page_without_line_breaks_is_not_one_paragraph():
    far = "去年社工站数量为120个,同比增长20%。" * 40
    text = far + "到2025年,力争建成社工站200个。"
    a, b = paragraph_bounds(text, len(far), len(text))
    assert a == len(far) - feat.PARA_CHARS and b == len(text)
    # the window's cut first piece is not read as a sentence: only whole sentences count
    (f,) = page(text, ("到2025年,力争建成社工站200个。", 200, "个"))
    whole = len([p for p in text[a:].split("。")[1:] if p]) - 1  # the sentences wholly inside, besides its own
    assert f["para:achieved"] == whole / (whole + 1) and f["para:forward"] == 1 / (whole + 1)


def test_the_nearest_heading_says_review_or_plan():
    text = "全省建成社工站120个。"
    ob = (text, 120, "个")
    review = page(text, ob, evidence=[{"outline_path": ["一、发展基础"]}])[0]
    plan = page(text, ob, evidence=[{"outline_path": ["一、发展基础", "（一）主要目标"]}])[0]  # the nearest heading wins
    assert (review["heading:review"], review["heading:plan"]) == (1.0, 0.0)
    assert (plan["heading:review"], plan["heading:plan"]) == (0.0, 1.0)
    none = page(text, ob)[0]
    assert none["heading:review"] == none["heading:plan"] == 0.0


def test_the_figure_year_against_the_plan_period():
    base, mid, end = ("2020年全省社工站120个。", 120, "个"), ("2023年建成社工站160个。", 160, "个"), ("到2025年建成社工站200个。", 200, "个")
    text = "".join(s for s, _, _ in (base, mid, end))
    b, m, e = page(text, base, mid, end)
    assert (b["figure_year:base"], b["figure_year:in_plan"], b["figure_year:plan_end"]) == (1.0, 0.0, 0.0)
    assert (m["figure_year:base"], m["figure_year:in_plan"], m["figure_year:plan_end"]) == (0.0, 1.0, 0.0)
    assert (e["figure_year:base"], e["figure_year:in_plan"], e["figure_year:plan_end"]) == (0.0, 1.0, 1.0)
    # a title without a plan period: no period to stand against
    assert all(f[k] == 0.0 for f in page(text, base, mid, end, title="关于社会工作的通知")
               for k in ("figure_year:base", "figure_year:in_plan", "figure_year:plan_end"))


def test_values_of_the_same_indicator_where_a_change_starts_and_ends():
    s = "四川省5G基站数量将从2020年的3.6万个,增加到2025年的25万个。"
    start, end = page(s, (s, 36000, "个"), (s, 250000, "个"))
    assert (start["indicator:from"], start["indicator:to"], start["indicator:rank"]) == (1.0, 0.0, 0.0)
    assert (end["indicator:from"], end["indicator:to"], end["indicator:rank"]) == (0.0, 1.0, 1.0)
    assert start["indicator:others"] == end["indicator:others"] > 0.0
    listed = "全市建成社工站36个、社区服务中心250个。"  # two values of one unit, no change between them
    a, b = page(listed, (listed, 36, "个"), (listed, 250, "个"))
    assert a["indicator:from"] == b["indicator:to"] == 0.0
    other_unit = "全市建成社工站36个,服务250人。"
    a, b = page(other_unit, (other_unit, 36, "个"), (other_unit, 250, "人"))
    assert a["indicator:others"] == b["indicator:others"] == 0.0 and a["indicator:rank"] == 0.0


def test_values_that_are_parts_of_a_whole():
    s = "总投资854万元,其中建设400万元,示范295万元,畅通159万元。"
    whole, *parts = page(s, (s, 8540000, "元"), (s, 4000000, "元"), (s, 2950000, "元"), (s, 1590000, "元"))
    assert whole["indicator:part"] == 0.0 and [p["indicator:part"] for p in parts] == [1.0, 1.0, 1.0]
    # the whole written in another sentence of the page
    text = "全年安排资金854万元。建设400万元,示范295万元,畅通159万元。"
    s2 = "建设400万元,示范295万元,畅通159万元。"
    got = page(text, ("全年安排资金854万元。", 8540000, "元"), (s2, 4000000, "元"), (s2, 2950000, "元"), (s2, 1590000, "元"))
    assert [f["indicator:part"] for f in got] == [0.0, 1.0, 1.0, 1.0]
    # the first values of a list add up to the whole, a later figure of the sentence does not belong to it
    lead = "新增助餐点5个。"
    s4 = "其中北山街道1个,西溪街道2个,灵隐街道2个,其中3个点位已完成建设。"
    got = page(lead + s4, (lead, 5, "个"), (s4, 1, "个"), (s4, 2, "个"), (s4, 2, "个"), (s4, 3, "个"))
    assert [f["indicator:part"] for f in got] == [0.0, 1.0, 1.0, 1.0, 0.0]
    # values that add up to nothing on the page are not parts
    s3 = "建设400万元,示范295万元,畅通100万元。"
    assert all(f["indicator:part"] == 0.0 for f in page(s3, (s3, 4000000, "元"), (s3, 2950000, "元"), (s3, 1000000, "元")))


def _docs(sets: list[str]) -> Data:
    return Data([Document({}, name, {}, [], [], [], []) for name in sets])


def test_leave_one_set_out_splits_hold_each_set_out_once():
    data = _docs(["a", "a", "b", "c", "c"])
    groups = [0, 0, 1, 2, 2, 3, 4]  # rows of documents 0..4
    splits = set_splits(data, groups)
    assert [name for name, _, _ in splits] == ["a", "b", "c"]
    for name, train_rows, test_rows in splits:
        assert {data.docs[groups[i]].set for i in test_rows} == {name}
        assert name not in {data.docs[groups[i]].set for i in train_rows}
        assert len(train_rows) + len(test_rows) == len(groups)
    assert set_splits(_docs(["a", "a"]), [0, 1]) == []  # one set: nothing to hold out


def test_leave_one_set_out_never_sees_the_set_it_scores():
    """A held-out set's probabilities do not move when its own labels do: the model and its calibration were
    fitted on the other sets only."""
    pytest.importorskip("sklearn")
    rng = np.random.default_rng(0)
    sets = [s for s in ("a", "b", "c") for _ in range(6)]
    data = _docs(sets)
    groups = [d for d in range(len(sets)) for _ in range(10)]
    x = rng.random((len(groups), 4))
    y = ((x[:, 0] + 0.3 * rng.standard_normal(len(groups))) > 0.5).astype(int)
    params = Params(2, 10)
    first = loso_probabilities(data, x, y, groups, params, "sigmoid")
    held = np.array([sets[g] == "b" for g in groups])
    flipped = y.copy()
    flipped[held] = 1 - flipped[held]
    second = loso_probabilities(data, x, flipped, groups, params, "sigmoid")
    assert first is not None and second is not None
    assert np.array_equal(first[held], second[held])
    assert not np.array_equal(first[~held], second[~held])  # the other sets were trained on b's labels
    assert loso_probabilities(_docs(["a"] * 3), x[:30], y[:30], groups[:30], params, "sigmoid") is None


@pytest.fixture(scope="module")
def two_sets(tmp_path_factory) -> Path:
    """Two gold sets (six web pages, four web2 pages), each with targets and other candidates."""
    gold = tmp_path_factory.mktemp("sets")
    for folder, names in (("web", [f"A{i:02d}" for i in range(1, 7)]), ("web2", [f"C{i:02d}" for i in range(1, 5)])):
        (gold / folder).mkdir()
        for name in names:
            for ext in (".json", ".txt"):
                shutil.copyfile(ROOT / "corpora" / folder / f"{name}{ext}", gold / folder / f"{name}{ext}")
    return gold


def test_train_prints_and_keeps_leave_one_set_out_figures(two_sets, tmp_path, capsys):
    pytest.importorskip("sklearn")
    out_model = tmp_path / "m.json"
    args = ["train", "--gold", str(two_sets), "--depth", "2", "--trees", "10", "--calibration", "sigmoid"]
    assert main([*args, "-o", str(out_model)]) == 0
    out = capsys.readouterr().out
    assert "leave one set out (trained on the other sets" in out and "lowest leave-one-set-out F1:" in out
    block = out[out.index("leave one set out") : out.index("out-of-fold reliability")]
    rows = {line.split()[0]: line.split() for line in block.splitlines()[2:] if line.split() and line.split()[0] in ("all", "web", "web2")}
    assert set(rows) == {"all", "web", "web2"} and rows["web"][1] == "6" and rows["web2"][1] == "4"
    info = json.loads(out_model.read_text(encoding="utf-8"))["info"]
    assert info["chosen"]["max_features"] == 0.5 and info["chosen"]["depth"] == 2  # the default regularisation kept
    assert set(info["leave_one_set_out_f1"]) == {"all", "web", "web2"}
    assert all(0.0 <= v <= 1.0 for v in info["leave_one_set_out_f1"].values())
    assert float(rows["web"][5]) == pytest.approx(info["leave_one_set_out_f1"]["web"], abs=5e-4)  # P R F1: F1 is the 6th
    # one set: nothing to hold out, no such block; --max-features 0 splits on every feature
    assert main(["train", "--gold", str(two_sets / "web"), "--depth", "2", "--trees", "5", "--max-features", "0", "--dry-run"]) == 0
    one_set = capsys.readouterr().out
    assert "leave one set out" not in one_set and "max_features=None" in one_set
    # --no-sets skips it however many sets there are
    assert main([*args, "--no-sets", "--dry-run"]) == 0
    assert "leave one set out" not in capsys.readouterr().out

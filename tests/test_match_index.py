"""The structures that make classification and the decision fast give what the plain computations give.

The indicator matcher (extractor.extractors.indicators._Matcher) looks only at the keywords and patterns whose
longest literal occurs in a text; it must give each indicator the length Indicator.match_length gives, on real
sentences and clauses of the bundled corpora and on generated strings dense with keyword pieces. The decision
model walks all its trees at once (extractor.decide.model._Forest); its scores must equal the trees summed one
at a time, bit for bit.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np

from extractor.decide.model import Calibration, DecisionModel, Tree, load_model
from extractor.extractors import indicators as ind
from extractor.taxonomy import indicators

ROOT = Path(__file__).resolve().parents[1]
PIECES = re.compile(r"[^。！？；\n]+")
CLAUSES = re.compile(r"[，,；;。：:！!？?\n]")


def _corpus_texts(limit: int, seed: int) -> list[str]:
    """Sentences and clauses of the raw notices under corpora/ (a seeded sample)."""
    texts: set[str] = set()
    for path in sorted((ROOT / "corpora").rglob("*.txt")):
        for sentence in PIECES.findall(path.read_text(encoding="utf-8", errors="replace")):
            if len(sentence.strip()) >= 4:
                texts.add(sentence.strip())
                texts.update(c for c in CLAUSES.split(sentence) if len(c) >= 4)
    return random.Random(seed).sample(sorted(texts), min(limit, len(texts)))


def _generated_texts(n: int, seed: int) -> list[str]:
    """Strings made of keywords, their slices, labels and filler, so that many keywords and patterns nearly match."""
    rng = random.Random(seed)
    words = sorted({k for i in indicators() for k in (*i.keywords, i.label)})
    filler = "的和与及达到以上全省城镇农村人口比例率数万个%0123456789（）()、，"
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 5)):
            w = rng.choice(words)
            a = rng.randint(0, len(w) // 2)
            b = rng.randint(a + 1, len(w))
            parts.append(w if rng.random() < 0.5 else w[a:b])
            parts.append("".join(rng.choice(filler) for _ in range(rng.randint(0, 4))))
        out.append("".join(parts))
    return out


def _plain(inds, text: str) -> tuple[tuple[int, int], ...]:
    return tuple((i, n) for i, x in enumerate(inds) if (n := x.match_length(text)))


def test_matcher_gives_the_lengths_of_match_length_on_real_and_generated_texts():
    texts = _corpus_texts(600, seed=3) + _generated_texts(400, seed=5)
    units = [None, "%", "人", "个", "元", "万元", "亩", "个百分点", "张"]
    matchers = {u: ind._Matcher(ind._candidates(u)) for u in units}
    levels = ind._growth_columns()[0]
    level_matcher = ind._Matcher(levels)
    everything = indicators()
    position = {x.id: i for i, x in enumerate(everything)}
    hits = 0
    for text in texts:
        full = [x.match_length(text) for x in everything]  # once per text; each unit's candidates are a subset
        hits += sum(1 for n in full if n)
        for u, matcher in matchers.items():
            want = tuple((i, full[position[x.id]]) for i, x in enumerate(ind._candidates(u)) if full[position[x.id]])
            assert matcher.lengths(text) == want, (text, u)
        assert level_matcher.lengths(text) == _plain(levels, text), text
    assert hits > len(texts)  # the texts do reach the keywords and patterns: the comparison is not vacuous


def test_literals_of_optional_runs_are_not_required():
    assert ind._literals("城市社区.{0,8}综合服务") == ("城市社区", "综合服务")
    assert ind._literals("社区(?:综合)?服务设施") == ("社区", "服务设施")
    assert ind._literals("老年人口?比例") == ("老年人", "比例")
    assert ind._literals("养老床位{,2}数") == ("养老床", "数")
    assert ind._required_literals("(?:每百户|百户).{0,8}社区") == (("社区",),)
    assert ind._required_literals("[0-9]+岁|儿童") == (("岁",), ("儿童",))
    assert ind._required_literals("[0-9]+%|儿童") is None


def _random_model(rng: random.Random, n_features: int, n_trees: int) -> DecisionModel:
    trees = []
    for t in range(n_trees):
        if t % 7 == 0:  # a tree that is one leaf
            trees.append(Tree(feature=[-1], threshold=[0.0], left=[-1], right=[-1], value=[rng.uniform(-1, 1)]))
            continue
        feature, threshold, left, right, value = [], [], [], [], []

        def grow(depth: int) -> int:
            node = len(feature)
            for lst in (feature, threshold, left, right, value):
                lst.append(0)
            if depth == 0 or rng.random() < 0.2:
                feature[node], threshold[node], left[node], right[node] = -1, 0.0, -1, -1
                value[node] = rng.uniform(-1, 1)
                return node
            feature[node], threshold[node] = rng.randrange(n_features), rng.choice([0.5, rng.random()])
            left[node] = grow(depth - 1)
            right[node] = grow(depth - 1)
            return node

        grow(rng.randint(1, 4))
        trees.append(Tree(feature, threshold, left, right, value))
    return DecisionModel([f"f{i}" for i in range(n_features)], rng.uniform(-1, 1), 0.1, trees, Calibration("none"))


def _tree_by_tree(model: DecisionModel, rows: np.ndarray) -> np.ndarray:
    total = np.full(len(rows), model.prior)
    for tree in model.trees:
        total += model.learning_rate * tree(rows)
    return total


def test_forest_scores_equal_the_trees_summed_one_at_a_time():
    rng = random.Random(11)
    shipped = load_model()
    models = [m for m in (shipped,) if m is not None] + [_random_model(rng, 12, n) for n in (1, 5, 40)]
    for model in models:
        width = len(model.features)
        for n in (1, 3, 50):
            rows = np.array([[rng.choice([0.0, 1.0, rng.random()]) for _ in range(width)] for _ in range(n)])
            assert np.array_equal(model.score(rows), _tree_by_tree(model, rows))
        assert len(model.score(np.zeros((0, width)))) == 0


def test_forest_follows_a_model_whose_trees_change():
    rng = random.Random(2)
    a, b = _random_model(rng, 6, 10), _random_model(rng, 6, 10)
    rows = np.array([[rng.random() for _ in range(6)] for _ in range(20)])
    for model in (a, b, a):
        assert np.array_equal(model.score(rows), _tree_by_tree(model, rows))


def test_quantities_without_comparators_are_the_same_quantities():
    """Classification finds a sentence's quantities without their comparators (find_quantities(comparators=False)):
    the same places, values and units as the full search on real sentences, only the comparator left out."""
    from dataclasses import astuple, replace

    from extractor.extractors.quantities import find_quantities

    texts = _corpus_texts(1500, seed=11)
    found = 0
    for text in texts:
        full, lean = find_quantities(text), find_quantities(text, comparators=False)
        found += sum(1 for a, b in zip(full, lean) if a.comparator != b.comparator)
        assert [astuple(replace(q, comparator=None)) for q in lean] == [astuple(replace(q, comparator=None)) for q in full], text
    assert found > 100  # comparators were there to leave out

"""Shortcuts taken for speed give what the long way gives (docs/benchmark.md, "Speed pass 2").

Each quick test or cache here must be exact: the run's outputs stay the same bytes. The checks run the quick and
the long way side by side on the real notices of corpora/ and on generated text.
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import patterns
from extractor.extractors.glued_tables import glued_rows

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "corpora").glob("*/*.txt"))


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in TEXTS]


def test_a_text_with_a_glued_single_row_has_its_end():
    """glued_single_end is a necessary condition of glued_single_row: checked first, it skips no row."""
    rows = 0
    single = patterns.GLUED_SINGLE_ROW
    for text in _texts():
        if single.search(text):
            rows += 1
            assert patterns.GLUED_SINGLE_END.search(text), text[:80]
    assert rows >= 1  # corpora/ has such tables: the check is not vacuous


@pytest.mark.parametrize("text, found", [
    ("存量养老床位数(张)其中普惠养老床位数(张)2578210422250750375\n", True),
    ("存量养老床位数（张）其中普惠养老床位数（张）2578210422250750375", True),
    ("存量养老床位数(张)其中普惠养老床位数(张) 2578210422250750375\n", False),  # a space before the run
    ("存量养老床位数(张)2578210422\n", False),  # one column only
    ("床位数(张)其中普惠(张)25782x\n", False),  # a run too short
])
def test_a_single_glued_row_is_found_with_or_without_the_quick_test(text, found):
    skipped: list = []
    glued_rows(text, skipped)
    assert bool(skipped) == found == bool(patterns.GLUED_SINGLE_ROW.search(text))


def test_the_single_row_pattern_is_the_one_it_was():
    """Split in two (its run named apart, for the quick test), the pattern finds the same rows and groups."""
    before = re.compile(r"(?P<cols>(?:[^()（）。；;:：\s]{2,40}?[(（][^()（）]{1,6}[)）]){2,8})(?P<run>\d[\d.%％\-—－]{5,})(?=\s|$)")
    rng = random.Random(7)
    texts = _texts()
    pieces = ["床位数(张)", "其中普惠(张)", "覆盖率(%)", "2578", "21042", ".5", "%", " ", "\n", "—", "（个）", "。", "指标"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(3, 25))) for _ in range(2000)]
    for text in texts:
        got = [(m.span(), m.groupdict()) for m in patterns.GLUED_SINGLE_ROW.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in before.finditer(text)]


# --- a run's worker leaves the language data check to the run ------------------------------------------------

def _corrupt(tmp_path: Path) -> Path:
    """A copy of gazetteers/ with a bad regular expression in a keyword file and an unknown key in html_profiles."""
    copy = tmp_path / "gazetteers"
    shutil.copytree(ROOT / "gazetteers", copy, ignore=shutil.ignore_patterns("build"))
    structure = copy / "keywords" / "structure.toml"
    structure.write_text(structure.read_text(encoding="utf-8") + '\n[broken]\nsection_heading = "(unclosed"\n',
                         encoding="utf-8")
    profiles = copy / "html_profiles.toml"
    profiles.write_text("no_such_key = 1\n" + profiles.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def test_a_process_whose_parent_checks_still_validates_each_file_it_reads(tmp_path):
    """checked_by_parent skips the whole-folder check, not the check of a file as it is read."""
    copy = _corrupt(tmp_path)
    script = (
        "from extractor import gazetteers as g\n"
        "try:\n    g.check_gazetteers()\nexcept g.GazetteerError as e:\n    print('checked:', e)\n"
        "g.clear_caches(); g.checked_by_parent(); g.check_gazetteers(); print('skipped')\n"
        "try:\n    g.keywords('structure')\nexcept g.GazetteerError as e:\n    print('read:', e)\n")
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(copy), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    lines = out.stdout.splitlines()
    assert len(lines) == 3, out.stdout + out.stderr
    assert lines[0].startswith("checked: ") and str(copy) in lines[0]
    assert lines[1] == "skipped"
    assert lines[2].startswith(f"read: {copy / 'keywords' / 'structure.toml'}:")


def test_a_run_with_broken_data_stops_before_its_worker_reads_a_document(tmp_path):
    """The run checks the data while its worker (which no longer checks) starts: exit 2, the file named, nothing
    extracted, no traceback from the worker."""
    copy = _corrupt(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "n.txt").write_text("关于印发方案的通知\n到2025年，养老机构床位达到100张。\n", encoding="utf-8")
    env = {"NOTICE_EXTRACT_GAZETTEERS": str(copy), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert str(copy) in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "notices.jsonl").exists()


def test_a_worker_that_does_not_check_extracts_what_one_that_checks_does(tmp_path):
    from extractor.worker import _Child, _receive, _send

    path = str(TEXTS[0])
    got = []
    for checked in (False, True):
        child = _Child(10**8, 600.0, data_checked=checked)
        try:
            child.wait_ready()
            _send(child.to, path)
            got.append(_receive(child.back))
        finally:
            child.stop()
    assert got[0][1] is not None and got[0] == got[1]


# --- decision features: cue classes looked for only where they are asked about ----------------------------------

def test_cue_classes_among_some_are_the_full_answer_cut_to_them():
    from extractor.decide.features import ACHIEVED_CUES, FORWARD_CUES, TENSE_CUES, cue_lists, cues_in

    pieces = [s for text in _texts() for s in re.split(r"[。\n]", text) if s.strip()]
    assert len(pieces) > 2000
    classes = set(cue_lists())
    assert FORWARD_CUES <= classes and ACHIEVED_CUES <= classes
    seen = set()
    for text in pieces[::3]:
        for cut in (text, text[: len(text) // 2], text[len(text) // 3 :]):
            full = cues_in.__wrapped__(cut)
            seen |= full
            for among in (FORWARD_CUES, ACHIEVED_CUES, TENSE_CUES):
                assert cues_in.__wrapped__(cut, among) == full & among, (cut, among)
                assert cues_in(cut, among) == full & among  # the cached answer too, whatever was asked before
    assert TENSE_CUES <= seen  # every class asked about occurs: the comparison is not vacuous

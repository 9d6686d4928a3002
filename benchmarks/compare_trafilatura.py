"""Compare extractor.ingest.html with trafilatura on the shared HTML fixtures; print the table.

Run from anywhere: `python benchmarks/compare_trafilatura.py`. Reads ../shared/fixtures/html
relative to the repository (never copies it). Both tools get the same decoded text, so the
comparison is about body finding, not charset sniffing. trafilatura runs with its defaults except
include_comments=False (its default keeps reader comments, which no body should have).

Char F1 is bag-of-characters F1 with whitespace ignored; "seq F1" uses the matching blocks of
difflib.SequenceMatcher, so it also punishes text in the wrong order.
"""
from __future__ import annotations

import importlib.util
import sys
from difflib import SequenceMatcher
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "html"
sys.path.insert(0, str(ROOT))


def chars(text: str) -> str:
    return "".join(text.split())


def seq_f1(pred: str, gold: str) -> float:
    """F1 over characters matched in order (difflib matching blocks), whitespace ignored."""
    a, b = chars(pred), chars(gold)
    if not a or not b:
        return 0.0
    matched = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    if not matched:
        return 0.0
    precision, recall = matched / len(a), matched / len(b)
    return 2 * precision * recall / (precision + recall)


def _load_expectations() -> ModuleType:
    """Per-page expectations and char_f1 live with the acceptance tests: one source of truth."""
    spec = importlib.util.spec_from_file_location("_html_expectations", ROOT / "tests" / "test_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _trafilatura(text: str) -> str:
    import trafilatura

    return trafilatura.extract(text, include_comments=False) or ""


def main() -> int:
    if not FIXTURES.is_dir():
        print(f"fixtures not found at {FIXTURES}; nothing to compare")
        return 0
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("trafilatura is not installed (pip install -e '.[dev]'); nothing to compare")
        return 0
    from extractor.ingest.decode import decode_bytes, sniff_html_charset
    from extractor.ingest.html import read_html

    exp = _load_expectations()
    print("| page | ours: start | ours: end | ours: clean | ours without profiles: same body "
          "| trafilatura: start | trafilatura: end | trafilatura: clean |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, page in sorted(exp.PAGES.items()):
        data = (FIXTURES / name).read_bytes()
        decoded, _ = decode_bytes(data, name, None, sniff_html_charset(data))
        ours, theirs = read_html(data, name).text, _trafilatura(decoded)
        density_only = read_html(data, name, use_profiles=False).text
        cells = [name]
        for body in (ours, theirs):
            verdict = exp.judge(body, page)
            cells += ["yes" if verdict.starts else "no", "yes" if verdict.ends else "no",
                      "yes" if not verdict.boilerplate else "no: " + ", ".join(verdict.boilerplate)]
            if body is ours:
                cells.append("yes" if density_only == ours else "no")
        print("| " + " | ".join(cells) + " |")
    print()
    print("| page | reference | ours: char F1 | trafilatura: char F1 | ours: seq F1 | trafilatura: seq F1 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, label, gold in exp.references():
        data = (FIXTURES / name).read_bytes()
        decoded, _ = decode_bytes(data, name, None, sniff_html_charset(data))
        ours, theirs = read_html(data, name).text, _trafilatura(decoded)
        print(f"| {name} | {label} | {exp.char_f1(ours, gold):.3f} | {exp.char_f1(theirs, gold):.3f} "
              f"| {seq_f1(ours, gold):.3f} | {seq_f1(theirs, gold):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time per stage for one sentence holding N values: is extraction linear in the values of a sentence?

    python benchmarks/values_per_sentence.py [--sizes 1000,2000,...,10000] [--budget 300] [--layout sentences]

The notice is a title, an addressee line, then N x `到2025年达到100%` run together with no 。 (one
sentence of N targets), then a signature. Each stage is called the way `pipeline.extract_raw` calls it
and timed in CPU seconds: clean, segment (jieba tokens, sentence starts, the spaCy Doc), each pipeline
component (metadata, obligations), and build (Notice records: indicators, offsets). The last columns give
microseconds per value and the growth against the first size: near 1.0 means linear, near N/N0 quadratic.
Then the obligations component and the build step taken apart into the extractor calls they make
(find_times, find_quantities, build_drafts, merge_repeats, indicators.classify), timed on their own.
A size is skipped once a smaller one took longer than --budget seconds (quadratic code would run for hours).

`--layout sentences` puts each value in a sentence of its own instead (`到2025年<30 random hanzi>达到100%。`
N times): the same value with N different subjects, the case where merging repeats compares every
target with every other.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

UNIT = "到2025年达到100%"
HEAD = "关于做好养老服务工作的通知\n各市民政局：\n"
TAIL = "\n湖北省民政厅\n2021年3月1日\n"
SUBJECT_CHARS = "养老服务机构床位社区中心站点人才队伍设施覆盖率建设标准运营补贴医疗卫生教育文化体育"


def notice(n: int, layout: str = "sentence") -> str:
    if layout == "sentence":
        return HEAD + UNIT * n + TAIL
    rng = random.Random(n)
    return HEAD + "".join(f"到2025年{''.join(rng.choice(SUBJECT_CHARS) for _ in range(30))}达到100%。" for _ in range(n)) + TAIL


def timed(fn, *args):  # noqa: ANN001, ANN202 - any stage
    start = time.process_time()
    out = fn(*args)
    return out, time.process_time() - start


def measure(n: int, layout: str = "sentence") -> dict[str, float]:
    """CPU seconds per stage for one notice of n values (in one sentence, or one per sentence)."""
    from extractor.clean.text import clean
    from extractor.extractors.components import build_nlp
    from extractor.model import RawDocument
    from extractor.pipeline import build_notice, segment

    text = notice(n, layout)
    raw = RawDocument("<bench>", text.encode(), "text/plain", text)
    row: dict[str, float] = {}
    ct, row["clean"] = timed(clean, raw)
    doc, row["segment"] = timed(segment, raw, ct)
    for name, proc in build_nlp().pipeline:
        doc, row[name.removeprefix("notice_")] = timed(proc, doc)
    result, row["build"] = timed(build_notice, raw, ct, doc)
    row["total"] = sum(row.values())
    row["values"] = len(result.obligations)
    row.update(breakdown(doc))
    return row


def breakdown(doc) -> dict[str, float]:  # noqa: ANN001 - an annotated spaCy Doc
    """The obligations component and the build step taken apart (the same calls, timed one by one)."""
    from extractor.extractors.clauses import TokenIndex, sentences
    from extractor.extractors.components import doc_context
    from extractor.extractors.indicators import classify
    from extractor.extractors.mentions import DocMentions
    from extractor.extractors.merge import merge_repeats
    from extractor.extractors.obligations import build_drafts
    from extractor.extractors.quantities import find_quantities
    from extractor.extractors.time_phrases import find_times
    from extractor.nlp.segment import doc_text

    text, meta = doc_text(doc), doc._.notice_meta
    out: dict[str, float] = {}
    _, out["find_times"] = timed(find_times, text, meta.base_year)
    _, out["find_quantities"] = timed(find_quantities, text)
    mentions = DocMentions(text, meta.base_year)
    drafts, out["build_drafts"] = timed(build_drafts, text, sentences(text), TokenIndex.from_doc(doc), doc_context(meta), mentions)
    _, out["merge_repeats"] = timed(merge_repeats, drafts, text)
    start = time.process_time()
    for d in drafts:
        classify(d.subject, text[d.sentence.start:d.sentence.end], d.unit, d.scope, value=d.value)
    out["classify"] = time.process_time() - start
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(str(n) for n in range(1000, 10001, 1000)),
                        help="comma-separated values per sentence (default 1000,2000,...,10000)")
    parser.add_argument("--budget", type=float, default=300.0,
                        help="skip larger sizes once one size took more CPU seconds than this (default 300)")
    parser.add_argument("--layout", choices=("sentence", "sentences"), default="sentence",
                        help="all values in one sentence (default), or one value per sentence with different subjects")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    from extractor.batch import load_models

    load_models()
    measure(10)  # warm-up: lazy tables and caches load once per process
    stages: list[str] = []
    parts = ["find_times", "find_quantities", "build_drafts", "merge_repeats", "classify"]
    base: float | None = None
    for n in sizes:
        row = measure(n, args.layout)
        if not stages:
            stages = [k for k in row if k not in ("total", "values", *parts)]
            print("CPU seconds per stage; after the growth column, the obligations and build stages taken apart.\n")
            print("| N | values | " + " | ".join(stages) + " | total s | µs per value | growth | " + " | ".join(parts) + " |")
            print("|---" * (len(stages) + len(parts) + 5) + "|")
        per_value = row["total"] / n * 1e6
        base = base or per_value
        cells = " | ".join(f"{row[s]:.2f}" for s in stages)
        extra = " | ".join(f"{row[p]:.2f}" for p in parts)
        print(f"| {n} | {row['values']:.0f} | {cells} | {row['total']:.2f} | {per_value:.0f} | {per_value / base:.2f} | {extra} |",
              flush=True)
        if row["total"] > args.budget:
            skipped = [m for m in sizes if m > n]
            if skipped:
                print(f"\nskipped N = {', '.join(map(str, skipped))}: N = {n} took {row['total']:.0f} s > --budget {args.budget:g} s")
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Distinct notice-like documents for benchmarks: real sentences reshuffled, every digit redrawn.

Copies of the same files would flatter every cache keyed on text, so each generated document is new: its
sentences are drawn (seeded) from the cleaned text of the bundled corpora (seeds, web pages, long plans),
every digit is redrawn, and each document gets its own title, 主送 line and signature date. The result has
the statistics of real notices (lengths, punctuation, numbers, time phrases) without repeating one.

    python benchmarks/corpus_gen.py OUT_DIR --megabytes 2 [--seed 7]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = re.compile(r"[^。！？；\n]{6,}[。！？；]")
TOPICS = ("养老服务", "托育服务", "社会工作", "就业创业", "学前教育", "全民健身", "农村供水", "大气污染防治", "充电基础设施", "医疗卫生")
REGIONS = ("湖北省", "河南省", "福建省", "江苏省", "四川省", "陕西省", "云南省", "甘肃省", "辽宁省", "广东省")


def sentences(corpora: Path) -> list[str]:
    """Sentences of every raw notice under `corpora`, as text (read, not cleaned: noise is part of the load)."""
    out: list[str] = []
    for path in sorted(corpora.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [m.group(0).strip() for m in SENTENCE.finditer(text)]
    return out


def redraw(sentence: str, rng: random.Random) -> str:
    """Every digit replaced by a random one (a leading digit never by 0), so no number repeats a source's."""
    def digit(m: re.Match[str]) -> str:
        first = m.start() == 0 or not sentence[m.start() - 1].isdigit()
        return str(rng.randint(1 if first else 0, 9))

    return re.sub(r"\d", digit, sentence)


def document(pool: list[str], rng: random.Random, target_chars: int, n: int) -> str:
    region, topic = rng.choice(REGIONS), rng.choice(TOPICS)
    head = [f"{region}关于推进{topic}高质量发展的实施意见(第{n}号)", f"{region[:-1]}政办发〔20{rng.randint(15, 25)}〕{n}号",
            "各市、县(区)人民政府,省政府各部门:"]
    body: list[str] = []
    size = 0
    while size < target_chars:
        paragraph = "".join(redraw(rng.choice(pool), rng) for _ in range(rng.randint(1, 6)))
        body.append(paragraph)
        size += len(paragraph)
    tail = [f"{region}人民政府", f"20{rng.randint(15, 25)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    return "\n".join(head + body + tail) + "\n"


def generate(out: Path, megabytes: float, seed: int = 7, corpora: Path = ROOT / "corpora") -> list[Path]:
    """Write distinct documents of about 18 KB each into `out` until `megabytes` (10**6 bytes) are written."""
    rng = random.Random(seed)
    pool = sentences(corpora)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    total = 0
    while total < megabytes * 1e6:
        data = document(pool, rng, rng.randint(3000, 9000), len(paths) + 1).encode("utf-8")
        path = out / f"gen{len(paths) + 1:05d}.txt"
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--megabytes", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    paths = generate(args.out, args.megabytes, args.seed)
    print(f"{len(paths)} documents, {sum(p.stat().st_size for p in paths) / 1e6:.2f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

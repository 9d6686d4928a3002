"""What a user could glue together from existing libraries, run over the same files as notice-extract:
OpenCC (traditional -> simplified), cn2an (Chinese numerals -> Arabic), JioNLP (time and money phrases) and
Microsoft Recognizers-Text (numbers, percentages). It extracts mentions, not obligations, so it is a floor
for the work a real extractor does. Runs in its own environment (`make bench` builds `.venv-peer`), since
JioNLP pins old dependencies.

    .venv-peer/bin/python benchmarks/peer_stack.py FILE...
"""
from __future__ import annotations

import sys
import time


def main(paths: list[str]) -> int:
    import cn2an
    import jionlp
    import opencc
    from recognizers_number import Culture
    from recognizers_suite import recognize_number, recognize_percentage

    convert = opencc.OpenCC("t2s")
    found = 0
    start = time.perf_counter()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = convert.convert(fh.read())
        text = cn2an.transform(text, "cn2an")
        found += len(jionlp.ner.extract_time(text)) + len(jionlp.ner.extract_money(text))
        found += len(recognize_number(text, Culture.Chinese)) + len(recognize_percentage(text, Culture.Chinese))
    print(f"{len(paths)} files, {found} mentions, {time.perf_counter() - start:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

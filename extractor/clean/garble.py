"""Repair GBK text that was decoded one byte off (`”?!锻ㄖ\ue000分厣` for `”。《通知》重申`).

When a GBK page loses one byte, every following two-byte character is read from the trail byte of
one character and the lead byte of the next, until an ASCII byte realigns the decoder. The lost
character usually shows as `?`. Re-encoding the improbable run as GB18030 gives the shifted bytes back;
dropping the first (a trail byte) and decoding restores the run, and the lost character is the most
probable one whose trail byte that was. A candidate is kept only when a character-frequency score
says it is more probable Chinese than the input.
"""
from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractor.clean.glosses import GLOSS, GLOSS_AFTER_MARK
from extractor.clean.word_model import char_logfreq, word_model

MAX_RUN = 24
PUA = re.compile("[\ue000-\uf8ff]")


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, str]:
    """pypinyin's table of character readings (`"20065": "xiāng"`), read on its own: importing pypinyin
    also loads its phrase dictionary, 55 MB that a one-character lookup never uses."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pypinyin is not installed: the garbling repair reads its table of readings")
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"{path}: pypinyin's table of readings cannot be read: {exc}") from exc


def _readings(ch: str) -> frozenset[str]:
    return frozenset(_pinyin_table().get(str(ord(ch)), "").split(",")) - {""}


@lru_cache(maxsize=1)
def t2s():
    """The OpenCC traditional-to-simplified converter, built once per process."""
    import opencc

    return opencc.OpenCC("t2s")


PUNCT_SCORE = 5.0


def char_score(ch: str) -> float:
    """How plausible one character is in a notice: frequent CJK high, PUA and rare forms low."""
    if PUA.match(ch) or ch in "\ufffd?":
        return -8.0
    if ch in "。，、；：“”《》（）！？〔〕":
        return PUNCT_SCORE
    simplified = t2s().convert(ch) if "\u4e00" <= ch <= "\u9fff" else ch
    logfreq = char_logfreq().get(simplified)
    if logfreq is not None:
        return logfreq - 8.0
    if "\u4e00" <= ch <= "\u9fff":
        return -4.0
    if "\u3100" <= ch <= "\u312f" or "\u2460" <= ch <= "\u27ff":
        return -6.0
    return -2.0


def score(text: str) -> float:
    if not text:
        return 0.0
    return sum(char_score(c) for c in text) / len(text)


def _encode_run(run: str) -> bytes | None:
    """GB18030 bytes of a garbled run; ASCII letters may be trail bytes, other ASCII were full-width."""
    out = bytearray()
    for ch in run:
        if ord(ch) < 0x80:
            if 0x40 <= ord(ch) <= 0x7E:
                out.append(ord(ch))
                continue
            if 0x21 <= ord(ch) < 0x40:
                ch = chr(ord(ch) + 0xFEE0)
            else:
                return None
        try:
            out += ch.encode("gb18030")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def window_logprob(text: str) -> float:
    """log-probability of the best segmentation of a short window: a unigram word model."""
    return word_model().logprob(text)


PUNCTUATION = "。，、；：“”《》（）！？"


@lru_cache(maxsize=1)
def _punct_logprob() -> float:
    """Sentence punctuation is as common as the commonest words: score it like 的."""
    return word_model().word_logprob("的")


@lru_cache(maxsize=4096)
def _best_char(candidates: tuple[bytes, ...], prev: str, nxt: str, gloss: str | None = None) -> str | None:
    """Most probable character among byte pairs: a pinyin gloss left on the page decides first,
    then how probable the words around it become (jieba's dictionary as a unigram word model)."""
    left, right = t2s().convert(prev[-3:]), t2s().convert(nxt[:3])
    best: tuple[float, str] | None = None
    for pair in candidates:
        try:
            ch = pair.decode("gbk")
        except UnicodeDecodeError:
            continue
        if len(ch) != 1 or PUA.match(ch) or not ("\u4e00" <= ch <= "\u9fff" or ch in PUNCTUATION):
            continue
        if ch in PUNCTUATION:
            s = window_logprob(left) + window_logprob(right) + _punct_logprob() if left and right else _punct_logprob()
        else:
            s = window_logprob(left + t2s().convert(ch) + right)
        if gloss and gloss in _readings(ch):
            s += 20.0
        if best is None or s > best[0]:
            best = (s, ch)
    return best[1] if best else None


@dataclass(frozen=True)
class GarbleFix:
    start: int
    end: int
    text: str


def _repair_run(text: str, qpos: int, marked: bool = True) -> GarbleFix | None:
    """Best repair of the run after a lost-character mark `?` at qpos, or None.

    The page's pinyin glosses stay in the text while this runs: a gloss right after a `?` names the
    lost character's reading, which picks it among the characters its surviving byte allows.
    """
    gm = GLOSS_AFTER_MARK.match(text, qpos + 1) if marked else None
    lost_gloss = gm.group(1) if gm else None
    run_start = gm.end() if gm else (qpos + 1 if marked else qpos)
    end = run_start
    while end < len(text) and end - run_start < MAX_RUN and text[end] not in "?\ufffd\n()":
        if text[end].isascii() and not 0x21 <= ord(text[end]) <= 0x7E:
            break
        end += 1
    run = text[run_start:end]
    if not run or not any(not c.isascii() and char_score(c) < 0.5 for c in run[:6]):
        return None
    prev = re.sub(r"[^\u4e00-\u9fff]", "", GLOSS.sub("", text[max(0, qpos - 40) : qpos]))[-3:]
    best: tuple[float, int, GarbleFix, tuple | None] | None = None
    for k in range(1, len(run) + 1):
        data = _encode_run(run[:k])
        if not data or len(data) < 2:
            continue
        body_bytes = data[1:]
        dangling = b""
        if len(body_bytes) % 2 == 1 or _odd_tail(body_bytes):
            body_bytes, dangling = body_bytes[:-1], body_bytes[-1:]
        try:
            body = body_bytes.decode("gbk")
        except UnicodeDecodeError:
            continue
        if PUA.search(body) or "\ufffd" in body:
            continue
        fix_end = run_start + k
        tail = ""
        retail = None
        if dangling and fix_end < len(text) and text[fix_end] in "?\ufffd":
            tm = GLOSS_AFTER_MARK.match(text, fix_end + 1)
            after = tm.end() if tm else fix_end + 1
            nxt = GLOSS.sub("", text[after : after + 20])[:3]
            ch = _best_char(tuple(dangling + bytes([t]) for t in range(0x40, 0xFF)), (prev + body)[-3:], nxt, tm.group(1) if tm else None)
            if ch:
                tail = ch
                retail = (dangling, body, nxt, tm.group(1) if tm else None)
                fix_end = after
        new = body + tail
        old = GLOSS.sub("", text[run_start:fix_end])
        gain = sum(char_score(c) for c in new) - sum(char_score(c) for c in old)
        if score(new) - score(old) > 3.0 and (best is None or gain > best[0] + 0.5):
            best = (gain, data[0], GarbleFix(qpos, fix_end, new), retail)
    if best is None:
        return None
    # the lost character is guessed once, for the best run, from its surviving trail byte and the repaired context
    _, trail, fix, retail = best
    right = (fix.text + GLOSS.sub("", text[fix.end : fix.end + 20]))[:3]
    lost = _best_char(tuple(bytes([lead, trail]) for lead in range(0x81, 0xFF)), prev, right, lost_gloss)
    if lost is None:
        return None
    if retail is not None:
        # the character cut short at the run's end was guessed before the lost one was known: guess it again with
        # the lost character in its left context (推进四 + 五/位 misjudges 十四五; 十四 + 五 does not)
        dangling, body, nxt, gloss = retail
        again = _best_char(tuple(dangling + bytes([t]) for t in range(0x40, 0xFF)), (prev + lost + body)[-3:], nxt, gloss)
        if again:
            fix = GarbleFix(fix.start, fix.end, body + again)
    return GarbleFix(fix.start, fix.end, lost + fix.text)


def _odd_tail(data: bytes) -> bool:
    """True when decoding pairs from the start leaves the last byte as a lone lead byte."""
    i = 0
    while i < len(data):
        if data[i] < 0x80:
            i += 1
        elif i + 1 < len(data):
            i += 2
        else:
            return True
    return False


IMPROBABLE = re.compile("[\ue000-\uf8ff\u3100-\u312f\u2460-\u27ff]")
# How much more probable (natural log, under the word model) the repaired window must be than the original.
# Real one-byte-off runs gain 37 to 180; valid text that looks like debris (1─9月, ①②, ┌──┐, ㄅㄆㄇ) at most 26.
MIN_GAIN = 30.0
CONTEXT = 4


def clearly_better(text: str, fix: GarbleFix) -> bool:
    """Keep a repair only where the text shows the damage and the word model strongly prefers the repair.

    The damage: a lost-character mark (`?`, U+FFFD) where the run starts, or a private-use character in it
    (what misaligned GBK pairs decode to). Box-drawing dashes, circled numbers, bopomofo and shapes alone are
    valid text, and valid text must come out byte-identical. The preference: the window with CONTEXT characters
    either side is at least e^MIN_GAIN times more probable repaired than as it is.
    """
    old = GLOSS.sub("", text[fix.start : fix.end])
    if not (old[:1] in "?\ufffd" or PUA.search(old)):
        return False
    left, right = text[max(0, fix.start - CONTEXT) : fix.start], text[fix.end : fix.end + CONTEXT]
    return window_logprob(left + fix.text + right) - window_logprob(left + old + right) > MIN_GAIN


def find_garbled(text: str) -> list[GarbleFix]:
    """Repairs for one-byte-off runs: after a lost-character mark `?`, or around improbable characters
    (private use, bopomofo, box drawing) where the lost byte left no mark; each kept only if `clearly_better`."""
    fixes: list[GarbleFix] = []
    pos = 0
    for m in re.finditer("[?\ufffd]", text):
        if m.start() < pos:
            continue
        fix = _repair_run(text, m.start())
        if fix and clearly_better(text, fix):
            fixes.append(fix)
            pos = fix.end
    for m in IMPROBABLE.finditer(text):
        if any(f.start <= m.start() < f.end for f in fixes):
            continue
        floor = max([f.end for f in fixes if f.end <= m.start()] + [m.start() - 4, 0])
        candidates = [_repair_run(text, s, marked=False) for s in range(floor, m.start() + 1) if text[s] != "\n"]
        found = [c for c in candidates if c is not None and c.end > m.start() and clearly_better(text, c)]
        if found:
            best = max(found, key=lambda f: sum(map(char_score, f.text)) - sum(map(char_score, text[f.start : f.end])))
            fixes.append(best)
            fixes.sort(key=lambda f: f.start)
    return fixes

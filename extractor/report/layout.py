"""Text measured before it is placed, so chart labels never overlap.

SVG text does not wrap and the page cannot measure it while Python draws, so widths are estimated
from character classes, on the generous side (a CJK or other wide character is 1 em, ASCII about
0.6 em): a label that fits by this estimate fits in the browser. Too-long labels are wrapped or
shortened with "…" (the full text goes in a <title> tooltip), and labels that would collide on one
line are moved to further lines ("lanes").
"""
from __future__ import annotations

from dataclasses import dataclass

LINE_HEIGHT = 1.5  # em: Noto Sans CJK's box is about 1.45 em tall
_WIDE_ASCII = set("%@MWmw")
_NARROW_ASCII = set(" .,:;'!|il1")


def char_width(ch: str, size: float) -> float:
    if ord(ch) >= 0x2000:
        return size
    if ch in _WIDE_ASCII:
        return 0.95 * size
    if ch in _NARROW_ASCII:
        return 0.4 * size
    return 0.65 * size


def text_width(text: str, size: float, bold: bool = False) -> float:
    w = sum(char_width(ch, size) for ch in text)
    return w * 1.08 if bold else w


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` itself when it fits in `width` px, else its longest prefix that fits, with "…"."""
    if text_width(text, size, bold) <= width:
        return text
    out, used, ell = [], 0.0, char_width("…", size)
    for ch in text:
        cw = char_width(ch, size) * (1.08 if bold else 1.0)
        if used + cw + ell > width:
            break
        out.append(ch)
        used += cw
    return "".join(out) + "…"


def wrap(text: str, width: float, size: float, max_lines: int = 2) -> list[str]:
    """Lines of at most `width` px, broken at a space when one fits, else between characters; the last
    line is shortened with "…" when the text needs more than `max_lines`."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines - 1 and text_width(rest, size) > width:
        cut = _break(rest, width, size)
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(fit(rest, width, size))
    return lines or [""]


def _break(text: str, width: float, size: float) -> int:
    used, last_space, k = 0.0, -1, 0
    for k, ch in enumerate(text):
        used += char_width(ch, size)
        if used > width:
            break
        if ch == " ":
            last_space = k
    else:
        return len(text)
    return last_space + 1 if last_space > 0 else max(1, k)


@dataclass
class Lanes:
    """Horizontal intervals packed into the first line ("lane") where they touch no other interval.

    Intervals must be placed in order of their start. `first` is the lowest lane allowed, so a label
    that would cover a mark on the top line goes below it.
    """

    gap: float = 6.0

    def __post_init__(self) -> None:
        self.ends: list[float] = []

    def place(self, start: float, end: float, first: int = 0) -> int:
        while len(self.ends) < first:
            self.ends.append(float("-inf"))
        for lane in range(first, len(self.ends)):
            if start >= self.ends[lane] + self.gap:
                self.ends[lane] = end
                return lane
        self.ends.append(end)
        return len(self.ends) - 1

    @property
    def count(self) -> int:
        return max(1, len(self.ends))

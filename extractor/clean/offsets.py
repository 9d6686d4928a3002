"""Text edits that keep a map from every character back to the raw text.

Each cleaning step rewrites spans of the current text; `MappedText` carries, for every current
character, the raw offset it came from, so obligations can always point back into the source.
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable

from extractor.model import Repair


class MappedText:
    """A string plus one raw offset per character, rewritten by span replacement."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw
        self.offsets: array[int] = array("q", range(len(raw)))  # slices copy as memory, not as objects
        self.repairs: list[Repair] = []

    def replace_spans(self, edits: Iterable[tuple[int, int, str]], kind: str | None = None) -> int:
        """Apply non-overlapping (start, end, new) edits; new characters map into the old span.

        A replacement of the same length maps one to one; otherwise each new character maps to
        the start of the span it replaces (the end for trailing characters), which keeps every
        offset inside the raw text and monotone.
        """
        edits = sorted(edits)
        if not edits:
            return 0
        parts: list[str] = []
        offs: array[int] = array("q")
        pos = 0
        count = 0
        for start, end, new in edits:
            if start < pos:
                continue
            parts.append(self.text[pos:start])
            offs.extend(self.offsets[pos:start])
            old = self.text[start:end]
            if new == old:
                parts.append(old)
                offs.extend(self.offsets[start:end])
                pos = end
                continue
            count += 1
            if kind is not None:
                raw_start = self.offsets[start] if start < len(self.offsets) else len(self.raw)
                raw_end = self.offsets[end - 1] + 1 if end > start else raw_start
                self.repairs.append(Repair(kind, raw_start, raw_end, old, new))
            parts.append(new)
            if len(new) == end - start:
                offs.extend(self.offsets[start:end])
            elif new:
                anchor = self.offsets[start] if start < len(self.offsets) else len(self.raw)
                last = self.offsets[end - 1] if end > start else anchor
                offs.extend([anchor] * (len(new) - 1) + [last] if len(new) > 1 else [anchor])
            pos = end
        parts.append(self.text[pos:])
        offs.extend(self.offsets[pos:])
        self.text = "".join(parts)
        self.offsets = offs
        return count

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], kind: str | None = None) -> int:
        """Regex substitution over the current text; returns the number of changed matches."""
        edits = []
        literal = isinstance(repl, str) and "\\" not in repl
        for m in pattern.finditer(self.text):
            new = repl if literal else repl(m) if callable(repl) else m.expand(repl)  # type: ignore[operator]
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
        return self.replace_spans(edits, kind)

    def translate(self, table: dict[int, str], kind: str | None = None) -> int:
        """Length-preserving per-character mapping (offsets unchanged)."""
        new = self.text.translate(table)
        if new == self.text:
            return 0
        changed = len(self.text) - len(self.text.translate({k: None for k, v in table.items() if v != chr(k)}))
        if kind is not None:
            self.repairs.append(Repair(kind, 0, len(self.raw), f"{changed} characters", "normalised"))
        self.text = new
        return changed

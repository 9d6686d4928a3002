"""The named regular expressions of `gazetteers/keywords/patterns.toml`, each compiled once, used by name.

One owner per pattern (the year, a clause break, a list marker): a rule writes `patterns.YEAR`, never the
expression itself, so a fix reaches every rule. In the data file `{name}` inserts another named pattern
(`{year}\\s*年`); a template's other `{field}`s are the word alternations a rule builds from the other
keyword files, given to `fill`. A regex quantifier such as `{2}` or `{1,3}` is never a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers


@lru_cache(maxsize=None)
def source(name: str) -> str:
    """The expression of one named pattern, every `{name}` in it filled in."""
    return fill(name)


@lru_cache(maxsize=256)
def fill(name: str, **fields: str) -> str:
    """The expression of a template with its `{field}`s (alternations the calling rule builds) filled in;
    kept, so a rule may ask for it per call."""
    table = gazetteers.keywords("patterns")
    if name not in table:
        raise gazetteers.GazetteerError(f"keywords/patterns.toml: no pattern `{name}`")
    return gazetteers.expand_pattern(name, table, fields)


@lru_cache(maxsize=None)
def compiled(name: str) -> re.Pattern[str]:
    return re.compile(source(name))


def __getattr__(attr: str) -> re.Pattern[str]:
    """`patterns.YEAR` is `year` of the data file compiled, loaded on first use (after the start-up check),
    then kept as a module attribute so later uses cost a plain lookup."""
    if not attr.isupper():
        raise AttributeError(attr)
    value = compiled(attr.lower())
    globals()[attr] = value
    return value

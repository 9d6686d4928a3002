"""Pinyin glosses some reposting sites glue after characters (`網(wǎng)`, `絡(luò )`), in one place for the
repairs that remove them and the garbling repair that reads them.

A gloss is 1-7 lowercase letters with at least one tone mark, in ASCII brackets, optionally with a space
before the closing bracket; `?shù)` is a gloss whose character (and opening bracket) was lost.
"""
from __future__ import annotations

import re

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLE = rf"(?=[a-z{TONED}]*[{TONED}])[a-z{TONED}]{{1,7}}"
GLOSS = re.compile(rf"\({_SYLLABLE} ?\)")
# after a character (or a private-use one the page could not show, or a Latin letter)
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff\uE000-\uF8FFA-Za-z])\({_SYLLABLE} ?\)")
LOST_CHAR_GLOSS = re.compile(rf"\?{_SYLLABLE} ?\)")
# the syllable of a gloss right after a lost-character mark `?`, as group 1
GLOSS_AFTER_MARK = re.compile(rf"({_SYLLABLE}) ?\)")

"""The CJK ranges and the ends of headings; the corrections of text are in drafter.transforms."""
from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Heading ends: every mark a standalone heading must not end with.
TRAILING_PUNCT = "。，、；：！？,.;:!?…—·"
_TRAILING = re.compile(rf"[{re.escape(TRAILING_PUNCT)}\s]+$")


def strip_trailing_punct(text: str) -> str:
    """A standalone heading never ends in punctuation (GENRES.md: level-1 heading)."""
    return _TRAILING.sub("", text)


def as_runin_head(text: str) -> str:
    """A run-in head is the first sentence of its paragraph and always ends in 。"""
    text = strip_trailing_punct(text.strip())
    return text + "。" if text else text

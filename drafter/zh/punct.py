"""Marks: the full-width marks that stand among Chinese characters, and the ends of headings.

The corrections of text are in drafter.transforms; what counts as a Chinese character is in
drafter.zh.cjk."""
from __future__ import annotations

import re

# The marks that stand among Chinese characters, as the body of a regex class: the ideographic
# space and CJK symbols (U+3000–303F), the full-width forms (U+FF01–FF5E), curly quotes, ——,
# …… and the middle dot. f"[{CJK}{ZH_MARKS}]" is "Chinese text" to the corrections.
ZH_MARKS = "\u3000-\u303f\uff01-\uff5e“”‘’—…·"
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

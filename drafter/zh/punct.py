"""Marks: the full-width marks that stand among Chinese characters, and the ends of headings.

The corrections of text are in drafter.transforms; what counts as a Chinese character is in
drafter.zh.cjk."""
from __future__ import annotations

import re
from typing import List, Tuple

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


# Marks that open and close a stretch: quotations, titles and brackets (GB/T 15834 4.5–4.9).
PAIRS = {"（": "）", "(": ")", "〔": "〕", "【": "】", "[": "]", "《": "》", "〈": "〉", "“": "”", "‘": "’",
         "「": "」", "『": "』"}
_CLOSERS = frozenset(PAIRS.values())


def paired_spans(text: str) -> List[Tuple[int, int]]:
    """The outermost stretches of ``text`` held in a matched pair of marks, as (open, close + 1).
    A mark without its partner on the line (a typo, a quotation that goes on into the next
    paragraph) opens or closes nothing; a closer that skips an unclosed opener still closes its own."""
    stack: List[Tuple[str, int]] = []
    spans: List[Tuple[int, int]] = []
    for k, ch in enumerate(text):
        if ch in PAIRS:
            stack.append((PAIRS[ch], k))
        elif ch in _CLOSERS:
            at = next((n for n in range(len(stack) - 1, -1, -1) if stack[n][0] == ch), None)
            if at is None:
                continue
            start = stack[at][1]
            del stack[at:]
            while spans and spans[-1][0] > start:
                spans.pop()             # an inner pair inside this one
            spans.append((start, k + 1))
    return spans


def inside_pair(spans: List[Tuple[int, int]], pos: int) -> bool:
    """A cut before ``pos`` would split one of ``spans`` (from ``paired_spans``)."""
    return any(a < pos < b for a, b in spans)

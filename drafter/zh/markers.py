"""Text shapes shared by the checker, the readers and import: heading numbers, 一是 items, sentences.

It lives outside ``drafter.checker`` so that reading a draft does not load the checker's rules.

A heading number is one of four styles, in the order GB/T 9704 7.3.3 nests them:
``一、`` (rank 1), ``（一）`` (rank 2), ``1.`` (rank 3), ``（1）`` (rank 4). A run-in item
``一是`` counts as an item, not a heading. Half-width brackets ``(一)`` are read as the same
style; the punctuation rule reports them separately.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from drafter.zh.cjk import cjk_count, is_cjk
from drafter.zh.numerals import ORDINAL, cn_to_int, heading_number, item_number

_CN_ORDINAL = f"[{ORDINAL}]{{1,3}}"

SENTENCE_END = "。！？"
CLAUSE_END = "，。：；！？"
# A draft as typed may still have half-width marks: readers find its sentences through them
# (``typed=True``); the checker reads the text as written.
TYPED_SENTENCE_END = SENTENCE_END + "!?"
# A plain paragraph opening with a number is read as a run-in head when its first sentence is
# at most this long; longer openings are ordinary prose that happens to start with a number.
RUNIN_MAX_CHARS = 40


# Heading number styles: name -> (rank, pattern at the start of a paragraph, formatter).
CN, PAREN_CN, ARABIC, PAREN_ARABIC, ITEM = "cn", "paren_cn", "arabic", "paren_arabic", "item"
RANK = {CN: 1, PAREN_CN: 2, ARABIC: 3, PAREN_ARABIC: 4}
_STYLE_RE = (
    (CN, re.compile(rf"({_CN_ORDINAL})、")),
    (PAREN_CN, re.compile(rf"[（(]({_CN_ORDINAL})[）)]")),
    (ARABIC, re.compile(r"(\d{1,2})(?:[.．](?!\d)|、)")),
    (PAREN_ARABIC, re.compile(r"[（(](\d{1,2})[）)]")),
)


@dataclass(frozen=True)
class Marker:
    style: str
    value: int
    text: str        # as written, e.g. "（一）"

    @property
    def rank(self) -> int:
        return RANK.get(self.style, 5)


def format_marker(style: str, value: int) -> str:
    """The canonical spelling of a number in a style, for messages: 三、 （三） 3. （3） 三是."""
    return heading_number(RANK[style], value) if style in RANK else item_number(value)


def parse_marker(text: str) -> Optional[Marker]:
    """The heading number a paragraph starts with, if any."""
    s = text.lstrip()        # every Unicode space: EM SPACE (U+2003) indents in reprinted reports
    for style, rx in _STYLE_RE:
        m = rx.match(s)
        if not m:
            continue
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else cn_to_int(raw)
        if value:
            return Marker(style, value, m.group(0))
    return None


# 一是 counts as an item only at the start of a sentence or clause: 统一是 is a word, not an item.
_ITEM_AFTER = "。！？；：，"
_ITEM_RE, _TYPED_ITEM_RE = (re.compile(r"(?:^|(?<=[%s]))[ \u3000]*(%s)是" % (marks, _CN_ORDINAL))
                            for marks in (_ITEM_AFTER, _ITEM_AFTER + "!?;:,."))


def find_items(text: str, typed: bool = False) -> List[Tuple[int, int]]:
    """(offset, value) of every run-in 一是/二是 item in a paragraph; ``typed``: also after
    half-width marks (a ``.`` only where it stands for 。)."""
    rx = _TYPED_ITEM_RE if typed else _ITEM_RE
    return [(m.start(1), v) for m in rx.finditer(text) if (v := cn_to_int(m.group(1)))
            and (m.start() == 0 or text[m.start() - 1] != "." or is_typed_stop(text, m.start() - 1))]


def first_sentence(text: str, typed: bool = False) -> str:
    """The text up to and including the first 。！？ (also ``!?`` and a ``.`` typed after a Chinese
    character, when ``typed``); the whole text if there is none."""
    ends = TYPED_SENTENCE_END if typed else SENTENCE_END
    for i, ch in enumerate(text):
        if ch in ends or typed and ch == "." and is_typed_stop(text, i):
            return text[: i + 1]
    return text


def is_typed_stop(text: str, i: int) -> bool:
    """``text[i]`` is a half-width ``.`` typed for 。: after a Chinese character or closing mark,
    before a Chinese character or an opening mark (任务.刚才; not 1.5, www.gov.cn, ...), or at the
    end of Chinese prose (……抓好落实. — not a file name 文稿., not an English sentence)."""
    before, after = text[i - 1:i], text[i + 1:i + 2]
    if text[i] != "." or not before or not (is_cjk(before) or before in "”’）》"):
        return False
    if after:
        return is_cjk(after) or after in "“‘（《"
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return any(ch in "，。；：！？" for ch in text) and cjk_count(text) > 2 * latin


def first_clause(text: str) -> str:
    """The text before the first clause punctuation, without it."""
    for i, ch in enumerate(text):
        if ch in CLAUSE_END:
            return text[:i]
    return text


"""Length of a draft: 字数 per part as Word counts it, and the time it takes to read aloud.

Counting, as Word's 字数 does for Chinese text: every CJK ideograph counts 1, every full-width
punctuation mark counts 1 (，。、；：？！“”‘’（）《》【】…— ·), and every run of other
non-space characters (``2025``, ``95%``, ``5G``, ``APP``) counts 1 as a word.

Speaking time uses only the CJK ideographs of what is read aloud: the title, subtitle, byline
and publication line are not read, so they count in 字数 but not in the time. Which kinds are
read aloud, and which count at all, the block-kind table says (drafter.draft.BLOCK_KINDS).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from drafter.lazy_re import lazy_re
from drafter.zh.cjk import CJK, cjk_count
from drafter.draft import BLOCK_KINDS, Draft
from drafter.read.web import without_notices

DEFAULT_RATE_PER_MIN = 200        # 字/分钟 read aloud; practice is 200–250 (GENRES.md)
_NOT_SPOKEN = frozenset(k.kind for k in BLOCK_KINDS if not k.spoken or not k.counted)
_NOT_COUNTED = frozenset(k.kind for k in BLOCK_KINDS if not k.counted)
_FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕…—·「」『』～"


# Compiled on first use: a negated class over the CJK ranges takes milliseconds to compile, and
# every `drafter check` imports this module for the length rule.
_OTHER_RUN = lazy_re(rf"[^\s\u3000{CJK}"
                     + re.escape(_FULLWIDTH_PUNCT) + r"\u3001-\u303f\uff01-\uff0f\uff1a-\uff20]+")


def count_words(text: str) -> Tuple[int, int]:
    """(字数 as Word counts it, CJK ideographs) of a text."""
    han = cjk_count(text)
    punct = sum(1 for ch in text if ch in _FULLWIDTH_PUNCT or "\u3001" <= ch <= "\u303f"
                or "\uff01" <= ch <= "\uff0f" or "\uff1a" <= ch <= "\uff20")
    return han + punct + len(_OTHER_RUN.findall(text)), han


@dataclass(frozen=True)
class PartStats:
    title: str              # 开头 for the front matter, else the level-1 heading
    words: int              # 字数
    han: int                # CJK ideographs read aloud
    line: Optional[int]


@dataclass(frozen=True)
class Stats:
    parts: Tuple[PartStats, ...]
    rate_per_min: int
    time_limit_min: Optional[float]
    title: str = ""
    source: Optional[Path] = None

    @property
    def words(self) -> int:
        return sum(p.words for p in self.parts)

    @property
    def han(self) -> int:
        return sum(p.han for p in self.parts)

    @property
    def minutes(self) -> float:
        return self.han / self.rate_per_min

    @property
    def over_min(self) -> float:
        return minutes_over(self.minutes, self.time_limit_min)


def minutes_over(minutes: float, limit: Optional[float]) -> float:
    """Minutes over the time limit (0 when there is no limit or the draft fits)."""
    return max(0.0, minutes - limit) if limit else 0.0


def _rate(draft: Draft, rate_per_min: Optional[int]) -> int:
    rate = rate_per_min or draft.rate_per_min or DEFAULT_RATE_PER_MIN
    if rate <= 0:
        raise ValueError("rate_per_min must be positive")
    return rate


def reading_minutes(draft: Draft, rate_per_min: Optional[int] = None) -> float:
    """``draft_stats(draft, rate_per_min).minutes`` without counting 字数 part by part: the CJK
    ideographs of what is read aloud, over the reading rate (the length rule needs no more)."""
    rate = _rate(draft, rate_per_min)
    return sum(cjk_count(b.text) for b in draft.blocks if b.kind not in _NOT_SPOKEN) / rate


def draft_stats(draft: Draft, rate_per_min: Optional[int] = None) -> Stats:
    """Per-part counts. A part is a top-level section; what stands before the first top-level
    heading (title, salutation, opening) is a part of its own. The reading rate is the one
    given, else the questionnaire's (``draft.rate_per_min``), else 200 字/分钟."""
    from drafter.tree import NUMBERED, ENTRY, HeadingTree

    rate = _rate(draft, rate_per_min)
    tree = HeadingTree(draft.blocks)
    heads = [h for h in tree.heads if h.shape not in (NUMBERED, ENTRY)]   # headings, not numbered prose
    top = min((h.level for h in heads), default=0)
    starts = {h.block: h for h in heads if h.level == top}
    parts: List[PartStats] = []
    title, words, han, line = "开头", 0, 0, draft.blocks[0].line if draft.blocks else None
    for i, b in enumerate(draft.blocks):
        if i in starts:
            if i > 0 or words:
                parts.append(PartStats(title, words, han, line))
            title, words, han, line = starts[i].text.rstrip("。"), 0, 0, b.line
        if b.kind in _NOT_COUNTED:
            continue
        w, h = count_words(without_notices(b.text))     # a site's notice in a copy read raw
        words += w
        han += 0 if b.kind in _NOT_SPOKEN else h
    if draft.blocks:
        parts.append(PartStats(title, words, han, line))
    return Stats(tuple(parts), rate, draft.time_limit_min, draft.title, draft.source)


def _width(s: str) -> int:
    import unicodedata      # only for the table format_stats prints
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _fit(s: str, width: int) -> str:
    """Cut ``s`` to a display width, with …… when cut, padded with spaces."""
    if _width(s) > width:
        while _width(s) > width - 2:
            s = s[:-1]
        s += "…"
    return s + " " * (width - _width(s))


def format_stats(stats: Stats) -> str:
    from drafter.display import text
    source = text(stats.source) if stats.source else ""
    name = f"{stats.title}（{source}）" if source and stats.title else stats.title or source
    lines = [name] if name else []
    lines.append(_fit("部分", 36) + "".join(" " * (w - _width(h)) + h
                                             for h, w in (("字数", 8), ("汉字", 8), ("朗读", 12))))
    for p in stats.parts + (PartStats("合计", stats.words, stats.han, None),):
        minutes = p.han / stats.rate_per_min
        lines.append(_fit(p.title, 36) + f"{p.words:>8}{p.han:>8}{minutes:>7.1f} 分钟")
    lines.append(f"按每分钟 {stats.rate_per_min} 字计，预计朗读约 {stats.minutes:.1f} 分钟"
                 "（只计正文汉字，不计标题、署名）。")
    if stats.time_limit_min:
        limit = f"{stats.time_limit_min:g}"
        if stats.over_min > 0:
            cut = round(stats.over_min * stats.rate_per_min)
            lines.append(f"时限 {limit} 分钟：超出约 {stats.over_min:.1f} 分钟，需压缩约 {cut} 字。")
        else:
            lines.append(f"时限 {limit} 分钟：未超时，尚余约 {stats.time_limit_min - stats.minutes:.1f} 分钟。")
    return "\n".join(lines)

"""Long titles: balanced lines, broken between words (GB/T 9704 7.3.1: 排列对称，长短适宜).

Text heuristics, not format numbers: the writer (drafter.write.docx) asks how many characters of
the title style fit a line and lets this module choose where the lines break.
"""
from __future__ import annotations

import math
from typing import List, Optional, Tuple

# The balancer's weights. A break after punctuation is free; inside a known word it is dear.
_BREAK = {"punct": 0.0, "joiner": 1.0, "after_de": 2.0, "plain": 4.0, "before_de": 6.0, "in_word": 10.0,
          "half_width": 0.5, "full_width": 1.0, "autospace": 0.25,
          "min_line": 3}   # never one or two characters alone on a line (7.3.1: 排列对称，长短适宜)
_CLOSE = set("，、。：；！？）》〉」』”’…—")
_OPEN = set("（《〈「『“‘")
_JOINERS = set("暨和与及并")
_PREPOSITIONS = set("以在对把为向从将按于")
_UNITS = set("年月日号%％万亿个项次大届")
# Words a title must not be split inside. No segmenter on purpose: jieba costs a second to load.
_WORDS = tuple("""
讲话 发言 汇报 会议 大会 全会 座谈会 推进会 部署会 动员会 现场会 报告会 研讨会 工作会议 专题会议
总结 表彰 动员 部署 推进 落实 贯彻 学习 精神 全面 深化 改革 发展 建设 治理 现代化 高质量 新时代
社会 工作 社会工作 基层 党建 引领 体制 机制 体系 能力 水平 志愿 服务 志愿服务 城乡 社区 乡村 振兴
人民 群众 领导 组织 政府 委员会 党委 党组 区委 市委 省委 县委 年度 全区 全市 全省 全县 全国 全体
新兴领域 两新组织 行业协会 商会 民营企业 互联网 统筹 协调 创新 实践 经验 交流 体会 调研 专题
""".split())


def balance_title(text: str, chars_per_line: int) -> str:
    """Break a title too long for one line into balanced lines at word boundaries.

    A title that already holds "\\n" is kept as the renderer broke it. No line is left with one or
    two characters; digits and Latin letters count as half a character.
    """
    if "\n" in text or _width(text) <= chars_per_line:
        return text
    inside = _inside_words(text)
    best: Optional[Tuple[float, List[int]]] = None
    lines = math.ceil(_width(text) / chars_per_line)
    for count in (lines, lines + 1):
        found = _best_breaks(text, count, chars_per_line, inside)
        if found and (best is None or found[0] < best[0]):
            best = found
        if best is not None:
            break
    if best is None:
        return text
    cuts = [0] + best[1] + [len(text)]
    return "\n".join(text[a:b] for a, b in zip(cuts, cuts[1:]))


def _width(s: str) -> float:
    return sum(_BREAK["half_width"] if c.isascii() else _BREAK["full_width"] for c in s)


def set_width(s: str) -> float:
    """Width in characters as Word and LibreOffice set it: _width plus the space both add
    between Chinese and digits or Latin letters (autospace)."""
    return _width(s) + _BREAK["autospace"] * sum(a.isascii() != b.isascii() for a, b in zip(s, s[1:]))


def _inside_words(text: str) -> set:
    inside = set()
    for word in _WORDS:
        start = text.find(word)
        while start >= 0:
            inside.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    return inside


def _break_cost(text: str, i: int, inside: set) -> Optional[float]:
    """Cost of a line break before text[i]; None where a break is not allowed."""
    a, b = text[i - 1], text[i]
    if b in _CLOSE or a in _OPEN or (a.isascii() and b.isascii() and a.isalnum() and b.isalnum()):
        return None
    if a.isdigit() and b in _UNITS:
        return None
    if a in _PREPOSITIONS and (i < 2 or not text[i - 2].isalnum()):
        return _BREAK["in_word"]   # 以/在/对 … belong to what follows: not "……：以" then "“123456”……"
    if a in _CLOSE or b in _OPEN:
        return _BREAK["punct"]
    if a in _JOINERS or text.startswith("上的", i):
        return _BREAK["joiner"]
    cost = _BREAK["after_de"] if a == "的" else _BREAK["before_de"] if b == "的" else _BREAK["plain"]
    return cost + (_BREAK["in_word"] if i in inside else _BREAK["punct"])


def _best_breaks(text: str, count: int, cap: int, inside: set) -> Optional[Tuple[float, List[int]]]:
    """Minimum cost of ``count`` lines: break costs plus the spread of line widths.

    A depth-first search in text order (so ties keep the first split found), bounded two ways:
    a partial split is dropped when its cost so far plus a lower bound for the rest (the cheapest
    breaks for the remaining lines, and the spread the widths must have) cannot beat the best
    found; and a state (position, lines left, widest and narrowest line so far) reached again at
    no lower cost is not searched again. Without these a 120-character title took minutes.
    """
    n = len(text)
    costs = {i: _break_cost(text, i, inside) for i in range(1, n)}
    prefix = [0.0]
    for c in text:
        prefix.append(prefix[-1] + _width(c))
    low = _min_line = _BREAK["min_line"]

    def width(a: int, b: int) -> float:
        return prefix[b] - prefix[a]

    # cheapest[(start, left)]: least break cost to set text[start:] in ``left`` lines, widths in range.
    cheapest: dict = {}

    def least(start: int, left: int) -> Optional[float]:
        key = (start, left)
        if key not in cheapest:
            if left == 1:
                cheapest[key] = 0.0 if low <= width(start, n) <= cap else None
            else:
                found = None
                for i in range(start + 1, n):
                    w = width(start, i)
                    if w > cap:
                        break
                    if costs[i] is None or w < low:
                        continue
                    rest = least(i, left - 1)
                    if rest is not None and (found is None or costs[i] + rest < found):
                        found = costs[i] + rest
                cheapest[key] = found
        return cheapest[key]

    best: Optional[Tuple[float, List[int]]] = None
    seen: dict = {}

    def search(start: int, left: int, cuts: List[int], acc: float, wide: float, narrow: float) -> None:
        nonlocal best
        rest = least(start, left)
        if rest is None:
            return
        mean = width(start, n) / left          # some later line is at least, and one at most, this wide
        bound = acc + rest + max(wide, mean) - min(narrow, mean)
        if best is not None and bound >= best[0]:
            return
        state = (start, left, wide, narrow)
        if state in seen and seen[state] <= acc:
            return
        seen[state] = acc
        if left == 1:
            last = width(start, n)
            total = acc + max(wide, last) - min(narrow, last)
            if best is None or total < best[0]:
                best = (total, list(cuts))
            return
        for i in range(start + 1, n):
            w = width(start, i)
            if w > cap:
                break
            cost = costs[i]
            if cost is not None and w >= _min_line:
                search(i, left - 1, cuts + [i], acc + cost, max(wide, w), min(narrow, w))

    search(0, count, [], 0.0, 0.0, float("inf"))
    return best

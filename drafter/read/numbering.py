"""Word's automatic numbering (numbering.xml): the number Word shows in front of a paragraph.

An office file rarely types 一、 or （一）: Word draws them from a list definition. This module
rebuilds the visible text as Word does (ECMA-376 Part 1, 17.9): a paragraph's ``w:numPr``
(numId, ilvl), given directly or through its style chain, points to a ``w:num``, which points to
a ``w:abstractNum`` whose ``w:lvl`` gives the start value, the number format, the level text
(``（%1）``) and when the level restarts. Counters belong to the abstract list, so two numIds
of one list continue each other, as in Word; a ``w:num`` with a ``w:lvlOverride`` is a list of
its own (Word's 重新开始编号 writes one). Bullets are not text: they give no number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from drafter.zh.numerals import NONZERO, cn_digits, cn_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9
ROMAN_LIMIT = 4000          # past MMMCMXCIX, and past these, a plain number (a damaged start value
LETTERS_LIMIT = 780         # must not build a string of millions of letters)

_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))          # ①..⑳
_PAREN = "".join(chr(c) for c in range(0x2474, 0x2488))            # ⑴..⒇
_FULLSTOP = "".join(chr(c) for c in range(0x2488, 0x249C))         # ⒈..⒛
_IDEO_CIRCLED = "".join(chr(c) for c in range(0x3280, 0x328A))     # ㊀..㊉
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    if not 0 < n < ROMAN_LIMIT:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter past z: a..z, aa..zz, aaa..
    if not 0 < n <= LETTERS_LIMIT:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese_legal(n: int, digits: str) -> str:
    plain = cn_number(n) if n < 1000 else str(n)
    table = dict(zip(NONZERO + "十百", digits[1:] + "拾佰"))
    table["零"] = digits[0]
    return "".join(table.get(ch, ch) for ch in plain)


def _listed(chars: str, n: int) -> str:
    """The n-th glyph of a series of enclosed numbers; Word writes a plain number past its end."""
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


def _cyclic(chars: str, n: int) -> str:
    return chars[(n - 1) % len(chars)] if n >= 1 else str(n)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalHalfWidth": str,
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalFullWidth2": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalEnclosedCircle": lambda n: _listed(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _listed(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _listed(_PAREN, n),
    "decimalEnclosedFullstop": lambda n: _listed(_FULLSTOP, n),
    "ideographEnclosedCircle": lambda n: _listed(_IDEO_CIRCLED, n),
    "ideographTraditional": lambda n: _cyclic(_HEAVENLY, n),
    "ideographZodiac": lambda n: _cyclic(_EARTHLY, n),
    "ideographDigital": lambda n: cn_digits(n) if n >= 0 else str(n),
    "chineseCounting": lambda n: cn_number(n) if 0 <= n < 1000 else str(n),
    "chineseCountingThousand": lambda n: cn_number(n) if 0 <= n < 1000 else str(n),
    "taiwaneseCounting": lambda n: cn_number(n) if 0 <= n < 1000 else str(n),
    "taiwaneseCountingThousand": lambda n: cn_number(n) if 0 <= n < 1000 else str(n),
    "japaneseCounting": lambda n: cn_number(n) if 0 <= n < 1000 else str(n),
    "chineseLegalSimplified": lambda n: _chinese_legal(n, _CN_LEGAL),
    "ideographLegalTraditional": lambda n: _chinese_legal(n, _CN_LEGAL_TRAD),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "ordinal": lambda n: f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}",
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """``n`` in a ``w:numFmt``; a format this table does not know is written as a decimal."""
    return FORMATS.get(fmt, str)(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""              # w:lvlText, "%1、"
    restart: Optional[int] = None   # w:lvlRestart: restart after this 1-based level; 0 never
    suffix: str = "tab"         # w:suff: tab | space | nothing
    legal: bool = False         # w:isLgl: every %n as a decimal
    style: str = ""             # w:pStyle: the paragraph style this level belongs to


@dataclass
class _List:
    levels: Dict[int, Level]
    counters: List[Optional[int]] = field(default_factory=lambda: [None] * MAX_LEVELS)


def _int(value: Optional[str], default: Optional[int] = None) -> Optional[int]:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(el, tag: str) -> Optional[str]:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _read_level(lvl) -> Level:
    restart = _int(_val(lvl, "lvlRestart"))
    legal = lvl.find(W + "isLgl")
    return Level(start=_int(_val(lvl, "start"), 1), fmt=_val(lvl, "numFmt") or "decimal",
                 text=_val(lvl, "lvlText") or "", restart=restart, suffix=_val(lvl, "suff") or "tab",
                 legal=legal is not None and legal.get(W + "val", "1") not in ("0", "false", "off"),
                 style=_val(lvl, "pStyle") or "")


class Numbering:
    """The lists of one document, with their running counters; ask in body order."""

    def __init__(self, root, style_num: Dict[str, str]) -> None:
        """``root`` is numbering.xml (or None); ``style_num`` maps a numbering style's id to its numId
        (abstract lists that only link to a style, ``w:numStyleLink``, take that style's list)."""
        self.abstract: Dict[str, Dict[int, Level]] = {}
        self.links: Dict[str, str] = {}
        self.nums: Dict[str, Tuple[str, Dict[int, Tuple[Optional[int], Optional[Level]]]]] = {}
        self.lists: Dict[str, _List] = {}
        self.style_num = style_num
        if root is None:
            return
        for ab in root.iter(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            self.abstract[aid] = {_int(lvl.get(W + "ilvl"), 0): _read_level(lvl) for lvl in ab.iter(W + "lvl")}
            link = _val(ab, "numStyleLink")
            if link:
                self.links[aid] = link
        for num in root.iter(W + "num"):
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                lvl = ov.find(W + "lvl")
                overrides[_int(ov.get(W + "ilvl"), 0)] = (_int(_val(ov, "startOverride")),
                                                         _read_level(lvl) if lvl is not None else None)
            self.nums[num.get(W + "numId")] = (_val(num, "abstractNumId"), overrides)

    def known(self, num_id: str) -> bool:
        return num_id in self.nums and self._abstract(num_id) is not None

    def level_of_style(self, num_id: str, style_id: str) -> Optional[int]:
        """The level whose w:pStyle is ``style_id``: how a style's numPr without ilvl finds its level."""
        levels = self._levels(num_id)
        return next((i for i, lv in sorted(levels.items()) if lv.style == style_id), None)

    def _abstract(self, num_id: str, depth: int = 0) -> Optional[str]:
        aid = self.nums.get(num_id, (None, {}))[0]
        if aid in self.links and depth < MAX_LEVELS:
            linked = self.style_num.get(self.links[aid])
            if linked and linked != num_id:
                return self._abstract(linked, depth + 1)
        return aid if aid in self.abstract else None

    def _levels(self, num_id: str) -> Dict[int, Level]:
        levels = dict(self.abstract.get(self._abstract(num_id) or "", {}))
        for ilvl, (_, lvl) in self.nums.get(num_id, (None, {}))[1].items():
            if lvl is not None:
                levels[ilvl] = lvl
        return levels

    def next_number(self, num_id: str, ilvl: int) -> Optional[Tuple[str, Level]]:
        """The visible number of the next paragraph in list ``num_id`` at ``ilvl`` and its level;
        None when the list or level is not defined. Counters move on as Word's do."""
        if not self.known(num_id):
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        levels = self._levels(num_id)
        if ilvl not in levels:
            return None
        overrides = self.nums[num_id][1]
        key = num_id if overrides else self._abstract(num_id)
        lst = self.lists.get(key)
        if lst is None:
            lst = self.lists[key] = _List(levels)
            for i, (start, _) in overrides.items():
                if start is not None and 0 <= i < MAX_LEVELS:
                    lst.counters[i] = start - 1
        level = levels[ilvl]
        current = lst.counters[ilvl]
        lst.counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            lv = levels.get(deeper)
            after = lv.restart if lv is not None and lv.restart is not None else deeper
            if after != 0 and ilvl < after:
                lst.counters[deeper] = None
        if level.fmt == "bullet":
            return "", level

        def value(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i, Level())
            n = lst.counters[i] if lst.counters[i] is not None else lv.start
            return str(n) if level.legal and lv.fmt != "none" else format_number(n, lv.fmt)

        text = re.sub(r"%([1-9])", value, level.text)
        if text and level.suffix in ("tab", "space") and not _ends_in_mark(text):
            text += " "
        return text, level


def _ends_in_mark(text: str) -> bool:
    # 一、 （一） 1. 1．: punctuation already parts the number from the text; 第一章 needs a space.
    return not (text[-1].isalnum())

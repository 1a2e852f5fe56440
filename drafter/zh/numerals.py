"""Chinese numerals both ways (十二 ↔ 12, 二〇二五 ↔ 2025), count words, heading numbers, dates
and the one test of a line that is only a date.

The character sets below are the pieces every pattern that reads a Chinese number is built
from (as the body of a regex class: f"[{ORDINAL}]"), so that they all read the same numerals.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple, Optional

from drafter.lazy_re import lazy_re

DIGITS = "零一二三四五六七八九"          # as cn_number writes them, 零 for 0
NONZERO = "一二三四五六七八九"           # 1 … 9
ORDINAL = NONZERO + "十"                # 一 … 九十九: heading numbers, 一是 items, months, days
COUNTING = ORDINAL + "两"               # a count: 两个, 十二项
ZEROS = "〇○零"                         # a zero in a year: 二〇二五, 二○二五 (a circle typed for 〇), 二零二五
YEAR_DIGITS = ZEROS + NONZERO           # a year written digit by digit
_DIGIT_VALUE = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(n: int) -> str:
    """Ordinal/cardinal form with 二: 1 → 一, 2 → 二, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if n < 0:
        raise ValueError("negative numbers have no Chinese numeral here")
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + DIGITS[rest] if rest < 10 else
                                     ("一" + cn_number(rest) if rest < 20 else cn_number(rest)))
        return DIGITS[n // 100] + "百" + tail
    return str(n)


def cn_digits(n: int) -> str:
    """Digit by digit, as years are written: 2025 → 二〇二五, 2010 → 二〇一〇."""
    if n < 0:
        raise ValueError("negative numbers have no Chinese numeral here")
    return "".join("〇" if d == "0" else DIGITS[int(d)] for d in str(n))


def cn_to_int(s: str) -> Optional[int]:
    """The counting form back to a number, 1 … 99: ``一``→1, ``十二``→12, ``二十``→20,
    ``九十九``→99, ``两``→2; anything else (零, 二〇, 一百) → None."""
    if not s:
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        if "十" in ones or len(tens) > 1 or len(ones) > 1:
            return None
        t = _DIGIT_VALUE.get(tens, -1) if tens else 1
        o = _DIGIT_VALUE.get(ones, -1) if ones else 0
        if t <= 0 or o < 0 or (tens and tens == "两"):
            return None
        return t * 10 + o
    if len(s) == 1 and _DIGIT_VALUE.get(s, 0) > 0:
        return _DIGIT_VALUE[s]
    return None


def digits_to_int(s: str) -> Optional[int]:
    """A number written digit by digit back: ``二〇二五``→2025, ``二○二五``, ``二零二五``; also
    Arabic digits (``2025``); anything else → None."""
    if s.isdigit():
        return int(s)
    if not s or any(ch not in YEAR_DIGITS for ch in s):
        return None
    return int("".join(str(_DIGIT_VALUE[ch]) for ch in s))


def cn_count(n: int, measure: str = "") -> str:
    """A count word: 两 stands for a lone 2 before a measure word (两个, 两化), 二 everywhere else."""
    word = "两" if n == 2 else cn_number(n)
    return word + measure


# Heading numbers by level, GB/T 9704 7.3.3: 一、 （一） 1. （1）
def heading_number(level: int, n: int) -> str:
    if level == 1:
        return cn_number(n) + "、"
    if level == 2:
        return "（" + cn_number(n) + "）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level {level} has no number format")


def item_number(n: int) -> str:
    """Run-in item heads: 一是, 二是 (二, not 两: it is an ordinal)."""
    return cn_number(n) + "是"


def cn_date(d: _dt.date) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, full year, no zero padding."""
    return f"{d.year}年{d.month}月{d.day}日"


_DATE_FORMS = (
    re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$"),
)


def parse_date(value) -> _dt.date | None:
    """A date from YAML's own date, or 2025-01-06, 2025/1/6, 2025.1.6, 2025年1月6日."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    for form in _DATE_FORMS:
        m = form.match(value)
        if m:
            try:
                return _dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


# -- a line that is only a date ------------------------------------------------------------------
# 2025年4月8日, 二〇二五年四月八日, （2025年4月8日）, 2025年4月, 4月8日: a month with a year, a day or
# both, in Arabic or Chinese numerals, with spaces between the parts, the whole line perhaps in
# brackets. The checker, the reader of the page, the writer's 落款 and import all ask this.
_YEAR = rf"\d{{4}}|[{YEAR_DIGITS}]{{4}}"
_MONTH = rf"\d{{1,2}}|十[一二]?|[{NONZERO}]"
_DAY = rf"\d{{1,2}}|[二三]?十[{NONZERO}]?|[{NONZERO}]"
_DATE_LINE = lazy_re(rf"(?P<open>[（(])?\s*(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>{_MONTH})\s*月"
                     rf"(?:\s*(?P<d>{_DAY})\s*[日号])?\s*(?P<close>[）)])?", needs="月")


class DateLine(NamedTuple):
    year: Optional[int]
    month: int
    day: Optional[int]
    bracketed: bool          # （2025年4月8日）: the date under a speech's title, not a 落款


def date_line(text: str) -> Optional[DateLine]:
    """The date when ``text`` (leading and trailing spaces aside) is only a date; else None."""
    m = _DATE_LINE.fullmatch(text.strip())
    if not m or bool(m["open"]) != bool(m["close"]) or not (m["y"] or m["d"]):
        return None
    return DateLine(m["y"] and digits_to_int(m["y"]), _number(m["m"]), m["d"] and _number(m["d"]),
                    bool(m["open"]))


def is_date_line(text: str) -> bool:
    return date_line(text) is not None


def _number(s: str) -> Optional[int]:
    return int(s) if s.isdigit() else cn_to_int(s)


class CnDate:
    """A date answer: prints itself as 2025年1月6日 wherever a template puts it."""

    __slots__ = ("date",)

    def __init__(self, date: _dt.date):
        self.date = date

    def __str__(self) -> str:
        return cn_date(self.date)

    def __html__(self) -> str:
        return str(self)

    def __eq__(self, other) -> bool:
        return isinstance(other, CnDate) and other.date == self.date

    def __hash__(self) -> int:
        return hash(self.date)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def month(self) -> int:
        return self.date.month

    @property
    def day(self) -> int:
        return self.date.day

"""Chinese numerals, count words, heading numbers and dates, as official drafts write them."""
from __future__ import annotations

import datetime as _dt
import re

DIGITS = "零一二三四五六七八九"


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

"""Dates: Arabic numerals, full year, no zero padding (GB/T 9704-2012, 7.3.5.4)."""
from __future__ import annotations

import re
from typing import Iterator

from drafter.checker.base import WARNING, Context, Finding, Rule, snippet

DATE_FORMAT = Rule(
    "date-format", WARNING, "日期写法不规范",
    "日期用阿拉伯数字写全年份，月、日不补零：2025年1月6日，不写“2025年01月06日”，"
    "也不写“二〇二五年一月六日”（GB/T 9704-2012 7.3.5.4）。“五四运动”“九一八”等"
    "不带“年/月/日”的专名不报告。")

_DATE = re.compile(r"(?<!\d)(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?")
_ZERO = re.compile(r"(?<!\d)0\d")
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}年")
_CN_MONTH_DAY = re.compile(r"(?<![〇○零一二三四五六七八九十])(?:[一二三四五六七八九十]|十[一二])月"
                           r"(?:[一二三四五六七八九十]|[二三]?十[一二三四五六七八九]?)[日号]")


def _unpad(text: str) -> str:
    return re.sub(r"(?<!\d)0(\d)(?=[月日号])", r"\1", text)


def check_dates(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts():
        for m in _DATE.finditer(text):
            s, e = m.span()
            if not _ZERO.search(m.group(0)):
                continue
            yield ctx.finding(DATE_FORMAT, i,
                              f"日期不补零：“{text[s:e]}”应写作“{_unpad(text[s:e])}”")
        for rx in (_CN_YEAR, _CN_MONTH_DAY):
            for m in rx.finditer(text):
                s, e = m.span()
                yield ctx.finding(DATE_FORMAT, i,
                                  f"日期应使用阿拉伯数字：{snippet(text, s, e, 2)}")


RULES = [(DATE_FORMAT, check_dates)]

"""Dates: Arabic numerals, full year, no zero padding (GB/T 9704-2012, 7.3.5.4)."""
from __future__ import annotations

import re
from typing import Iterator

from drafter.draft import BYLINE, SIGNOFF
from drafter.checker.base import WARNING, Context, Finding, Rule, snippet
from drafter.lazy_re import lazy_re
from drafter.zh.numerals import NONZERO, ORDINAL, YEAR_DIGITS, is_date_line

DATE_FORMAT = Rule(
    "date-format", WARNING, "日期写法不规范",
    "日期用阿拉伯数字写全年份，月、日不补零：2025年1月6日，不写“2025年01月06日”，"
    "成文日期（署名行、落款或单独一行的日期）也不写“二〇二五年一月六日”（GB/T 9704-2012 7.3.5.4）；"
    "正文中的“二〇三五年”等汉字年份不在此列。“五四运动”“九一八”等不带“年/月/日”的专名不报告。",
    source="GB/T 9704-2012 7.3.5.4；GB/T 15835-2011 4.1", fixable=True)

_DATE = lazy_re(r"(?<!\d)(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?", needs="月")
_ZERO = lazy_re(r"(?<!\d)0\d", needs="0")
_CN_MD = r"(?:[%s]|十[一二])月(?:[%s]|[二三]?十[%s]?)[日号]" % (ORDINAL, ORDINAL, NONZERO)
# A year in Chinese numerals ends 〇年 … 九年; a month is 一月 … 十月 (十一月 and 十二月 end in 一月, 二月).
_CN_DATE = lazy_re(rf"[{YEAR_DIGITS}]{{4}}年(?:{_CN_MD})?|(?<![{YEAR_DIGITS}十]){_CN_MD}",
                   needs=[d + "年" for d in YEAR_DIGITS] + [d + "月" for d in ORDINAL])


def _unpad(text: str) -> str:
    return re.sub(r"(?<!\d)0(\d)(?=[月日号])", r"\1", text)


def _is_date_line(b, text: str) -> bool:
    """Where GB/T 9704 governs the date: the 成文日期 of a byline or 落款, or a line that is
    only a date (（二〇二五年一月六日））."""
    return b.kind in (BYLINE, SIGNOFF) or is_date_line(text)


def check_dates(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts():
        for m in _DATE.finditer(text):
            s, e = m.span()
            if not _ZERO.search(m.group(0)):
                continue
            yield ctx.finding(DATE_FORMAT, i,
                              f"日期不补零：“{text[s:e]}”应写作“{_unpad(text[s:e])}”", span=(s, e))
        if not _is_date_line(ctx.blocks[i], text):
            continue
        for m in _CN_DATE.finditer(text):
            s, e = m.span()
            yield ctx.finding(DATE_FORMAT, i, f"日期应使用阿拉伯数字：{snippet(text, s, e, 2)}", offset=s, end=e,
                              fixable=False)    # format changes no numeral: the clerk decides


RULES = [(DATE_FORMAT, check_dates)]

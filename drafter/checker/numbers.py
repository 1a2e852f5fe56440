"""How numbers are written (GB/T 15835-2011): full years, 日 not 号, one kind of numeral for one
kind of quantity, ranges, 两 before a measure word, no Chinese unit glued to Arabic digits."""
from __future__ import annotations

from typing import Iterator

from drafter.checker.base import HINT, WARNING, Context, Finding, Rule, regex_findings, snippet
from drafter.lazy_re import lazy_re
from drafter.zh.cjk import CJK
from drafter.zh.numerals import COUNTING, NONZERO, ORDINAL

SHORT_YEAR = Rule(
    "abbreviated-year", WARNING, "年份简写",
    "年份写全：2025年，不写“25年”“’25”。只在后面紧跟月份（25年3月）或写作“25年度”“25年底”等"
    "明显指年份时报告；“奋斗25年”是年数，不报告。",
    source="GB/T 15835-2011 5.1.4；GB/T 9704-2012 7.3.5")
HAO = Rule(
    "hao-for-ri", WARNING, "日期用了“号”",
    "书面语的日期用“日”：3月5日，不写“3月5号”。",
    source="GB/T 9704-2012 7.3.5；GB/T 15835-2011 5.1.4", fixable=False)
MIXED_PERCENT = Rule(
    "mixed-numerals", HINT, "同类数字写法不一致",
    "同一篇文稿中同一类数量应使用同一种数字：百分数既有“百分之五”又有“5%”，应统一"
    "（计量数字一般用阿拉伯数字）。",
    source="GB/T 15835-2011 4.3（同类别同形式）")
RANGE = Rule(
    "range-mark", WARNING, "数值范围的连接号不规范",
    "数值范围用浪纹线“～”或一字线“—”连接：10%～20%、2024—2025年，不用半角“-”“~”。"
    "标准编号（GB/T 9704-2012）、电话、型号等字母数字代码中的连字符和书名号内照录的文件名称不报告。",
    source="GB/T 15834-2011 4.13；GB/T 15835-2011 5.1.3", fixable=False)
LIANG = Rule(
    "liang-er", WARNING, "量词前用了“二”",
    "个位数“2”在一般量词前读作、写作“两”：两个、两项、两条，不写“二个”“二项”；"
    "序数（第二个）、多位数（十二个）和概数（一二个）不在此列。",
    source="GB/T 15835-2011 5.2.1；《现代汉语词典》（第7版）“两”条")
THOUSANDS = Rule(
    "thousands-separator", HINT, "多位数分节不一致或用了全角逗号",
    "多位数要么一律不分节（12000），要么一律用千分撇或千分空（12,000），同一文稿不混用；"
    "汉语文稿中不用全角逗号分节（12，000）。",
    source="GB/T 15835-2011 5.1.1")
MIXED_NUMBER = Rule(
    "mixed-number", WARNING, "一个数里混用了阿拉伯数字和汉字",
    "除“万”“亿”可作单位外，一个数不混用阿拉伯数字和汉字数字：4000 不写“4千”，"
    "108 不写“1百零8”，年份不写“二0二五”。“千米”“千克”“千瓦”等是单位，不报告。",
    source="GB/T 15835-2011 5.3")
APPROX = Rule(
    "approx-dunhao", WARNING, "概数中间用了顿号",
    "相邻两个数字连用表示概数时中间不用顿号：三四个、十五六天，不写“三、四个”。"
    "缩略形式（二、三级医院，即二级和三级医院）用顿号，不报告。",
    source="GB/T 15834-2011 4.5.3.4；GB/T 15835-2011 5.2.1")

_SHORT_YEAR = lazy_re(r"(?<![\d.])[’']?(\d{2})年(?=\d{1,2}月|度|底|初|末|上半年|下半年)", needs="年")
_HAO = lazy_re(r"(?<!\d)(\d{1,2})月(\d{1,2})号", needs="号")
_CN_PERCENT = lazy_re(rf"百分之[零{COUNTING}百点]+", needs=("百分之",))
_AR_PERCENT = lazy_re(r"\d(?:\.\d+)?[%％]", needs="%％")
_RANGE = lazy_re(r"(?<![A-Za-z0-9/.\-])(\d+(?:\.\d+)?[%％]?)\s*[-~]\s*(\d+(?:\.\d+)?)" rf"(?=[%％{CJK}])",
                 needs="-~")
_LIANG_MEASURES = "个项条种名位件类批支张场"
_LIANG = lazy_re(rf"(?<![第〇零{COUNTING}百千万点\d])二(?=[{_LIANG_MEASURES}])",
                 needs=["二" + m for m in _LIANG_MEASURES])
_SEP = lazy_re(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])", needs=",")
_PLAIN = lazy_re(r"(?<![\d.,])\d{5,}(?![\d.,年])")
_SEP_FULL = lazy_re(r"(?<![\d.])\d{1,3}(?:，\d{3})+(?=[万亿元个人名家%％])", needs="，")
_MIXED = lazy_re(rf"(?<![\d.])\d+[十百千](?![米克瓦卡焦帕赫伏字])|[{NONZERO}〇][0-9]|[0-9][〇零{NONZERO}](?=[〇零{NONZERO}]*年)")
_APPROX = lazy_re(rf"(?<![第{ORDINAL}])([{NONZERO}])、([{NONZERO}])(?=[个天年次人岁倍名位件])", needs="、")


def _plus_one(d: str) -> str:
    k = NONZERO.find(d)
    return NONZERO[k + 1] if 0 <= k < 8 else ""


def check_short_year(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, SHORT_YEAR, _SHORT_YEAR,
                          lambda t, m: f"年份应写全，不写“{m.group(0)}”：{snippet(t, m.start(), m.end())}",
                          kinds=None)


def check_hao(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, HAO, _HAO, lambda t, m: f"日期用“日”：“{m.group(0)}”应写作“{m.group(1)}月{m.group(2)}日”",
                          kinds=None, suggest=lambda m: f"{m.group(1)}月{m.group(2)}日")


def check_mixed_percent(ctx: Context) -> Iterator[Finding]:
    first_cn = first_ar = None
    for i, text in ctx.texts():
        if first_cn is None and _CN_PERCENT.search(text):
            first_cn = (i, _CN_PERCENT.search(text).group(0))
        if first_ar is None and _AR_PERCENT.search(text):
            first_ar = (i, _AR_PERCENT.search(text).group(0))
    if first_cn and first_ar:
        later = max(first_cn, first_ar)
        yield ctx.finding(MIXED_PERCENT, later[0],
                          f"百分数写法不一致：既有“{first_cn[1]}”，又有“{first_ar[1]}”，应统一", quote=later[1])


def _in_title(text: str, pos: int) -> bool:
    """Inside 《》: a document's name is quoted as it was published."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def check_range(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, RANGE, _RANGE,
                          lambda t, m: f"数值范围用“～”或“—”连接：{snippet(t, m.start(), m.end())}",
                          keep=lambda t, m: not _in_title(t, m.start()),
                          suggest=lambda m: f"{m.group(1)}～{m.group(2)}")


def check_liang(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, LIANG, _LIANG,
                          lambda t, m: f"量词前用“两”：{snippet(t, m.start(), m.end() + 1)}",
                          suggest=lambda m: "两")


def check_thousands(ctx: Context) -> Iterator[Finding]:
    seps = []
    for i, text in ctx.texts():
        for m in _SEP_FULL.finditer(text):
            yield ctx.finding(THOUSANDS, i, f"不用全角逗号分节：“{m.group(0)}”", offset=m.start(), end=m.end(),
                              suggestion=m.group(0).replace("，", ""))
        seps += [(i, m) for m in _SEP.finditer(text)]
    # unseparated numbers matter only beside separated ones
    plains = [(i, m) for i, text in ctx.texts() for m in _PLAIN.finditer(text)] if seps else []
    if seps and plains:
        i, m = max(seps[0], plains[0], key=lambda x: (x[0], x[1].start()))
        yield ctx.finding(THOUSANDS, i, f"多位数分节不一致：既有“{seps[0][1].group(0)}”，"
                                         f"又有“{plains[0][1].group(0)}”，应统一", offset=m.start(),
                          end=m.end())


def check_mixed_number(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, MIXED_NUMBER, _MIXED,
                          lambda t, m: f"一个数不混用阿拉伯数字和汉字：{snippet(t, m.start(), m.end())}",
                          kinds=None)


def check_approx(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, APPROX, _APPROX,
                          lambda t, m: f"概数中间不用顿号：“{m.group(0)}”应写作“{m.group(1)}{m.group(2)}”",
                          keep=lambda t, m: _plus_one(m.group(1)) == m.group(2),
                          suggest=lambda m: m.group(1) + m.group(2))


RULES = [(SHORT_YEAR, check_short_year), (HAO, check_hao), (MIXED_PERCENT, check_mixed_percent),
         (RANGE, check_range), (LIANG, check_liang), (THOUSANDS, check_thousands),
         (MIXED_NUMBER, check_mixed_number), (APPROX, check_approx)]

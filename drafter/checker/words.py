"""Words a 公文 editor corrects: variant forms, miswritten characters, 其它, 做出决定, redundant
pairs (lists in ``data/variants.yaml``), and 截止/截至, 必需/必须 told apart by what follows."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, List, Tuple

from drafter.checker.base import ERROR, HINT, WARNING, Context, Finding, Rule, regex_findings, snippet
from drafter.lazy_re import lazy_re
from drafter.zh.numerals import ORDINAL

VARIANT = Rule(
    "variant-word", WARNING, "异形词",
    "一组异形词中使用推荐词形：交代、成分、精彩、图像、纪念、再接再厉、折中、佐证、模仿、"
    "摩擦、凝练、推诿、嘉宾、就座、思维、踏实、透彻、谋划、筹划、含糊、察觉、答复、告诫、"
    "干预、刻画、辗转、崭新、门槛等（词表见 drafter/checker/data/variants.yaml）。",
    source="《第一批异形词整理表》（GF 1001-2001）")
MISSPELT = Rule(
    "misspelt-word", ERROR, "别字",
    "常见别字：布署（部署）、按装（安装）、既使（即使）、迫不急待（迫不及待）、一愁莫展（一筹莫展）、"
    "竟争（竞争）、松驰（松弛）、贯切（贯彻）等（词表见 drafter/checker/data/variants.yaml；"
    "单位可在 drafter.yaml 的“别字”中补充）。",
    source="《现代汉语词典》（第7版）；《通用规范汉字表》（2013）")
OTHER = Rule(
    "other-word", WARNING, "“其它”应写作“其他”",
    "公文中指人指事一律写“其他”，不写“其它”。",
    source="《现代汉语词典》（第7版）“其他”条；公文编辑惯例")
ZUOCHU = Rule(
    "zuochu", WARNING, "“做出”应写作“作出”",
    "带抽象宾语时写“作出”：作出决定、作出部署、作出贡献、作出承诺、作出重要指示；"
    "制成具体物品时才写“做出”（做出一桌菜）。",
    source="《现代汉语词典》（第7版）“作出”条")
REDUNDANT = Rule(
    "redundant-word", HINT, "语义重复",
    "意思重复的搭配只留一个：涉及（不写“涉及到”）、目睹（不写“亲眼目睹”）、现状（不写“目前现状”）、"
    "约 500 人或 500 人左右（不写“约 500 人左右”）等（词表见 drafter/checker/data/variants.yaml）。",
    source="《现代汉语词典》（第7版）")
JIEZHI = Rule(
    "jiezhi", WARNING, "截止与截至用混",
    "“截至”后面带时间，表示到某时为止（截至2025年底、截至目前）；“截止”表示到期停止，"
    "后面不带时间（报名于3月5日截止、截止日期）。",
    source="《现代汉语词典》（第7版）“截止”“截至”条")
BIXU = Rule(
    "bixu", WARNING, "必须与必需用混",
    "“必须”是副词，修饰动词（必须坚持、必须加强）；“必需”是动词或形容词，指不可缺少"
    "（生活必需品、为群众所必需）。",
    source="《现代汉语词典》（第7版）“必须”“必需”条")

_TABLE = {"variant-word": VARIANT, "misspelt-word": MISSPELT, "other-word": OTHER,
          "zuochu": ZUOCHU, "redundant-word": REDUNDANT}


@lru_cache(maxsize=None)
def _compiled(rule_id: str) -> Tuple[re.Pattern, dict, Tuple[str, ...]]:
    from drafter.checker.data import load
    entries = load("variants")[rule_id]
    right = {e["wrong"]: e["right"] for e in entries}
    unless = tuple(u for e in entries for u in e.get("unless", ()))
    words = sorted(right, key=len, reverse=True)
    # re finds where an alternation of literals can start by itself: a lookahead over their
    # first characters only doubled the scan
    rx = re.compile("|".join(map(re.escape, words)))
    return rx, right, unless


def _inside(text: str, s: int, e: int, unless: Tuple[str, ...]) -> bool:
    for u in unless:
        a = text.find(u, max(0, s - len(u)), e + len(u))
        if a >= 0 and a <= s and e <= a + len(u):
            return True
    return False


@lru_cache(maxsize=16)
def _with_own(rule_id: str, own: Tuple[Tuple[str, str], ...]):
    """The table with the unit's own wrong → right words (drafter.yaml 别字) added."""
    _, right, unless = _compiled(rule_id)
    right = {**right, **dict(own)}
    rx = re.compile("|".join(map(re.escape, sorted(right, key=len, reverse=True))))
    return rx, right, unless


def _table_check(rule: Rule):
    def check(ctx: Context) -> Iterator[Finding]:
        own = tuple(sorted(ctx.settings.words.items())) if ctx.settings and rule.id == "misspelt-word" else ()
        rx, right, unless = _with_own(rule.id, own) if own else _compiled(rule.id)
        return regex_findings(
            ctx, rule, rx, lambda t, m: f"“{m.group(0)}”应写作“{right[m.group(0)]}”：{snippet(t, m.start(), m.end())}",
            kinds=None, keep=lambda t, m: not _inside(t, m.start(), m.end(), unless),
            suggest=lambda m: right[m.group(0)])
    return check


_TIME_AFTER = r"(?:到|至|于|目前|当前|现在|今年|去年|明年|本月|本年|年底|年末|上半年|发稿|\d|[" + ORDINAL + "]+月)"
_JIEZHI = lazy_re(rf"截止(?={_TIME_AFTER})|截至(?=[。，；！]|日期|时间|$)", needs=("截止", "截至"))
_BIXU = lazy_re(r"必需(?![的品之用。，、；：！？”）]|$)|必须品", needs=("必需", "必须品"))


def check_jiezhi(ctx: Context) -> Iterator[Finding]:
    def why(t, m):
        fix = "截至" if m.group(0) == "截止" else "截止"
        return f"“{m.group(0)}”应写作“{fix}”：{snippet(t, m.start(), m.end())}"
    return regex_findings(ctx, JIEZHI, _JIEZHI, why, kinds=None,
                          suggest=lambda m: "截至" if m.group(0) == "截止" else "截止")


def check_bixu(ctx: Context) -> Iterator[Finding]:
    def fix(m):
        return "必需品" if m.group(0) == "必须品" else "必须"
    return regex_findings(ctx, BIXU, _BIXU,
                          lambda t, m: f"“{m.group(0)}”应写作“{fix(m)}”：{snippet(t, m.start(), m.end())}",
                          kinds=None, suggest=fix)


RULES: List = [(r, _table_check(r)) for r in _TABLE.values()] + [(JIEZHI, check_jiezhi), (BIXU, check_bixu)]

"""The field's own words (社会工作, 党建引领基层治理, 新就业群体 …): a term with one character
replaced by a look-alike or sound-alike (杜会建设 for 社会建设) is a misprint. The terms, their
sources, their correct siblings and the confusable characters are data (``data/field.yaml``);
a unit adds its own terms in its drafter.yaml."""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, Iterable, Iterator, Tuple

from drafter.checker.base import ERROR, WARNING, Context, Finding, Rule, snippet
from drafter.zh.cjk import is_cjk

FIELD_TERM = Rule(
    "field-term", ERROR, "领域用语错字",
    "社会工作领域的核心用语（社会工作、党建引领基层治理、新兴领域党建、新就业群体、志愿服务、人民建议征集、"
    "信访工作法治化、两企三新、共建共治共享等）中某一个字被写成形近或音近的字（“杜会建设”应为“社会建设”），"
    "报告为错误并给出正确写法。只报告词表中列出的易混字，拼出另一个正确词语的不报告。"
    "六个字以上的用语中间多了一个字的（“志愿者服务体系”应为“志愿服务体系”），报告为警告；"
    "多的是“的”“和”“、”“下”等连接或方位字的（“党建引领下基层治理”），不报告。用语、出处和易混字见 "
    "drafter/checker/data/field.yaml；单位可在 drafter.yaml 中补充自己的用语。",
    source="各用语的出处见 field.yaml（《党和国家机构改革方案》（2023），党的十九大、二十大报告等）")


@lru_cache(maxsize=None)
def _data() -> dict:
    from drafter.checker.data import load
    return load("field")


def field_terms() -> Tuple[str, ...]:
    return tuple(t["text"] for t in _data()["terms"])


def siblings() -> Tuple[str, ...]:
    return tuple(_data().get("siblings", ()))


@lru_cache(maxsize=64)
def _misprints(extra: Tuple[str, ...]) -> Dict[str, Dict[str, str]]:
    """Misprinted forms by their first character: {first: {wrong: right}}."""
    conf = {k: set(v) for k, v in _data()["confusables"].items()}
    rights = set(field_terms()) | set(extra)
    good = rights | set(siblings())
    out: Dict[str, Dict[str, str]] = {}
    for term in sorted(rights):
        if len(term) < 4:
            continue
        for k, ch in enumerate(term):
            for c in sorted(conf.get(ch, ())):
                wrong = term[:k] + c + term[k + 1:]
                if wrong not in good:
                    out.setdefault(wrong[0], {}).setdefault(wrong, term)
    return out


def find_misprints(text: str, extra: Iterable[str] = ()) -> Iterator[Tuple[int, str, str]]:
    """(offset, wrong, right) of each misprinted term in ``text``, left to right; a misprint that
    starts inside the one before it is not another. Each first character is looked for with
    str.find, so a text is not walked character by character in Python."""
    table = _misprints(tuple(sorted(extra)))
    hits = []
    for first, forms in table.items():
        k = text.find(first)
        while k >= 0:
            hit = next(((w, r) for w, r in forms.items() if text.startswith(w, k)), None)
            if hit:
                hits.append((k, hit[0], hit[1]))
            k = text.find(first, k + 1)
    end = 0
    for k, wrong, right in sorted(hits):
        if k >= end:
            yield k, wrong, right
            end = k + len(wrong)


_INSERT_MIN = 6
# Function characters (particles, the copula, prepositions, conjunctions, adverbs) and places
# make a clause or a phrase of the term's words (新兴领域是党建工作的重点), not another wording.
_NOT_INSERTED = ("的之地得了着过们和与及或并而且、，；：“”《》（）等"
                 "是为有在要把被将就也都还又更再已不没很最对向到给让使从于以由自"
                 "下上中里内外前后间各全每该此这那其")


@lru_cache(maxsize=64)
def _long_terms(extra: Tuple[str, ...]) -> Dict[str, Tuple[str, ...]]:
    """Terms of at least _INSERT_MIN characters by their first two characters."""
    out: Dict[str, list] = {}
    for term in sorted(set(field_terms()) | set(extra)):
        if len(term) >= _INSERT_MIN:
            out.setdefault(term[:2], []).append(term)
    return {k: tuple(v) for k, v in out.items()}


def find_insertions(text: str, extra: Iterable[str] = ()) -> Iterator[Tuple[int, str, str]]:
    """(offset, wrong, right) of each long term written with one character added inside."""
    table = _long_terms(tuple(sorted(extra)))
    good = set(field_terms()) | set(siblings()) | set(extra)
    hits = []
    for n, (head, terms) in enumerate(table.items()):
        k = text.find(head)
        while 0 <= k < len(text) - _INSERT_MIN:
            for m, term in enumerate(terms):
                w = text[k:k + len(term) + 1]
                for j in range(2, len(term) - 1):       # never at either end: 志愿服务体系建设
                    if w[:j] == term[:j] and w[j + 1:] == term[j:] and is_cjk(w[j]) \
                            and w[j] not in _NOT_INSERTED and not any(g in w for g in good if len(g) > len(term)):
                        hits.append((k, m, w, term))
                        break
            k = text.find(head, k + 1)
    for k, _, w, term in sorted(hits):
        yield k, w, term


def check_field_terms(ctx: Context) -> Iterator[Finding]:
    extra = ctx.settings.terms if ctx.settings else ()
    for i, text in ctx.texts(None):
        for k, wrong, right in find_misprints(text, extra):
            yield ctx.finding(FIELD_TERM, i, f"“{wrong}”应为“{right}”：{snippet(text, k, k + len(wrong))}",
                              offset=k, end=k + len(wrong), suggestion=right)
        for k, wrong, right in find_insertions(text, extra):
            yield ctx.finding(FIELD_TERM, i, f"“{wrong}”多了一个字，规范用语是“{right}”：{snippet(text, k, k + len(wrong))}",
                              offset=k, end=k + len(wrong), suggestion=right, severity=WARNING)


RULES = [(FIELD_TERM, check_field_terms)]

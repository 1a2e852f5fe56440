"""The field's own words (社会工作, 党建引领基层治理, 新就业群体 …): a term with one character
replaced by a look-alike or sound-alike (杜会建设 for 社会建设) is a misprint. The terms, their
sources, their correct siblings and the confusable characters are data (``data/field.yaml``);
a unit adds its own terms in its drafter.yaml."""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, Iterable, Iterator, Tuple

from drafter.checker.base import ERROR, Context, Finding, Rule, snippet

FIELD_TERM = Rule(
    "field-term", ERROR, "领域用语错字",
    "社会工作领域的核心用语（社会工作、党建引领基层治理、新兴领域党建、新就业群体、志愿服务、人民建议征集、"
    "信访工作法治化、两企三新、共建共治共享等）中某一个字被写成形近或音近的字（“杜会建设”应为“社会建设”），"
    "报告为错误并给出正确写法。只报告词表中列出的易混字，拼出另一个正确词语的不报告。用语、出处和易混字见 "
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
    """(offset, wrong, right) of each misprinted term in ``text``."""
    table = _misprints(tuple(sorted(extra)))
    k = 0
    while k < len(text):
        forms = table.get(text[k])
        hit = None
        if forms:
            hit = next(((w, r) for w, r in forms.items() if text.startswith(w, k)), None)
        if hit:
            yield k, hit[0], hit[1]
            k += len(hit[0])
        else:
            k += 1


def check_field_terms(ctx: Context) -> Iterator[Finding]:
    extra = ctx.settings.terms if ctx.settings else ()
    for i, text in ctx.texts(None):
        for k, wrong, right in find_misprints(text, extra):
            yield ctx.finding(FIELD_TERM, i, f"“{wrong}”应为“{right}”：{snippet(text, k, k + len(wrong))}",
                              offset=k, end=k + len(wrong), suggestion=right)


RULES = [(FIELD_TERM, check_field_terms)]

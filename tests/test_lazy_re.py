"""lazy_re: compiled on first use, and ``needs`` is a necessary condition of every pattern that has it.

The second test walks each pattern's parse tree to write strings it matches (lookarounds
included, with random text around them) and checks that every text the pattern matches has one
of the needed strings: a ``needs`` that is not necessary would silently drop findings.
"""
import importlib
import pkgutil
import random

import pytest

import drafter
from drafter.lazy_re import LazyPattern, lazy_re

try:
    from re import _constants as C, _parser as sre_parse
except ImportError:                 # Python < 3.11
    import sre_constants as C
    import sre_parse

# Every module of the package: a lazy pattern anywhere is checked, wherever it moves.
MODULES = sorted(m.name for m in pkgutil.walk_packages(drafter.__path__, "drafter.")
                 if not m.name.startswith(("drafter.serve", "drafter.__main__")))
CONTEXT = "中国人的一二三年月日0123456789 ，。、“”（）-—…abcXx"


def test_compiled_on_first_use_and_skipped_without_the_needed_text():
    p = lazy_re(r"-{2,}", needs="-")
    assert p.finditer("没有横线") is not None and list(p.finditer("没有横线")) == []
    assert p._rx is None                      # a text without "-" never compiles it
    assert [m.group(0) for m in p.finditer("甲--乙")] == ["--"] and p._rx is not None
    assert p.sub("——", "甲--乙") == "甲——乙" and p.sub("——", "甲乙") == "甲乙"
    assert lazy_re("年").search("2025年").start() == 4


def _patterns():
    for name in MODULES:
        m = importlib.import_module(name)
        found = [(k, v) for k, v in vars(m).items() if isinstance(v, LazyPattern)]
        if name.endswith("placeholders"):
            found += [(f"_PATTERNS[{i}]", rx) for i, (rx, _) in enumerate(m._PATTERNS)]
        for k, v in found:
            if v.needs:
                yield pytest.param(v, id=f"{name}.{k}")


def _gen(items, rnd, groups) -> str:
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.NOT_LITERAL:
            out.append(rnd.choice([c for c in CONTEXT if ord(c) != av]))
        elif op is C.ANY:
            out.append(rnd.choice(CONTEXT))
        elif op is C.IN:
            out.append(_gen_in(av, rnd))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            out.extend(_gen(sub, rnd, groups) for _ in range(rnd.randint(lo, min(hi, lo + 3))))
        elif op is C.SUBPATTERN:
            gid, sub = av[0], av[-1]
            s = _gen(sub, rnd, groups)
            groups[gid] = s
            out.append(s)
        elif op is C.BRANCH:
            out.append(_gen(rnd.choice(av[1]), rnd, groups))
        elif op is C.GROUPREF:
            out.append(groups.get(av, ""))
        elif op is C.ASSERT:                  # what a lookaround requires stands beside the match
            out.append(_gen(av[1], rnd, groups))
        elif op not in (C.ASSERT_NOT, C.AT):
            raise NotImplementedError(op)
    return "".join(out)


def _gen_in(av, rnd) -> str:
    if av[0][0] is C.NEGATE:
        return rnd.choice(CONTEXT)
    op, a = rnd.choice(av)
    if op is C.LITERAL:
        return chr(a)
    if op is C.RANGE:
        return chr(rnd.randint(*a))
    # \d, \s, \w, with characters beyond ASCII that re counts as such
    return rnd.choice({C.CATEGORY_DIGIT: "07٣５", C.CATEGORY_SPACE: " \u3000\n"}.get(a, "a中_"))


@pytest.mark.parametrize("rx", list(_patterns()))
def test_needs_is_necessary(rx):
    rnd = random.Random(rx.pattern)
    tree = list(sre_parse.parse(rx.pattern, rx.flags))
    matched = 0
    for i in range(1000):
        # every other text alone, so that a pattern anchored at both ends (^…$) is reached as often
        around = [("".join(rnd.choice(CONTEXT) for _ in range(rnd.randint(0, 3)))) for _ in "ab"] if i % 2 else ["", ""]
        text = around[0] + _gen(tree, rnd, {}) + around[1]
        if rx.rx.search(text):
            matched += 1
            assert rx.may_match(text), text
    assert matched > 250                      # the generator reaches the pattern

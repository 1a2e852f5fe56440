"""Recall on published texts: one flaw at a time is planted into the texts of ``../shared/corpus/``
and ``../shared/corpus2/`` at positions spread over each text, and the checker must report it at
the planted line.

Flaws: a leftover placeholder (××, a lower-case x before a name, 某某), a doubled word, a
half-width comma, a lost closing quote, a skipped or repeated heading number, a number typed twice
(（一）（一）, 一是一是), a count off by one after a 、-list, a heading ending in 。, a zero-padded
date, a field term with one character misprinted (杜会建设). The target of issues 11 and 20 is at
least 97% caught at the right line; the rate is printed (``pytest -s``) and named in the failure
message.
"""
import random
import re
from collections import Counter
from pathlib import Path

from drafter.checker import check_draft
from drafter.checker.field import field_terms
from drafter.zh.numerals import cn_count
from drafter.zh.markers import ARABIC, CN, PAREN_ARABIC, PAREN_CN, find_items, format_marker, parse_marker
from drafter.read.reader import draft_from_text
from test_corpus_precision import _corpus

PER_TEXT = {"corpus": 2, "corpus2": 1}          # positions per flaw and text
CJK = re.compile(r"[\u4e00-\u9fff]")


def _paras(lines):
    """Indexes of body paragraphs: long lines that end a sentence, not numbered."""
    return [k for k, t in enumerate(lines) if len(t.strip()) > 30 and t.rstrip()[-1:] in "。！？”"
            and parse_marker(t) is None and k > 2]


def _cjk_positions(text):
    return [k for k in range(1, len(text) - 3) if all(CJK.match(c) for c in text[k - 1:k + 3])]


def plant_placeholder(lines, k, rng):
    t = lines[k]
    pos = rng.choice(_cjk_positions(t) or [None])
    return None if pos is None else (t[:pos] + "××" + t[pos:], "placeholder")


def plant_doubled(lines, k, rng):
    t = lines[k]
    pos = rng.choice(_cjk_positions(t) or [None])
    return None if pos is None else (t[:pos + 2] + t[pos:pos + 2] + t[pos + 2:], "repeated-text")


def plant_comma(lines, k, rng):
    t = lines[k]
    commas = [m.start() for m in re.finditer("，", t)]
    if not commas:
        return None
    pos = rng.choice(commas)
    return t[:pos] + "," + t[pos + 1:], "halfwidth-punct"


def plant_lost_quote(lines, k, rng):
    t = lines[k]
    if t.lstrip().startswith("“") or t.count("“") != t.count("”") or "”" not in t:
        return None
    pos = rng.choice([m.start() for m in re.finditer("”", t)])
    return t[:pos] + t[pos + 1:], "unbalanced-pair"


def plant_zero_date(lines, k, rng):
    t = lines[k]
    months = [m for m in re.finditer(r"(?<![\d.])([1-9])月", t)]
    if months:
        m = rng.choice(months)
        return t[:m.start()] + "0" + t[m.start():], "date-format"
    return "2024年03月06日，" + t.lstrip(), "date-format"


def plant_count(lines, k, rng):
    t = lines[k]
    lists = list(re.finditer(r"(?<=[，。：；])(?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}(?=[，。])", t))
    if not lists:
        return None
    m = rng.choice(lists)
    n = m.group(0).count("、") + 1
    wrong = n + 1 if n < 3 or rng.random() < 0.5 else n - 1
    return t[:m.end()] + cn_count(wrong) + "个方面" + t[m.end():], "count-list"


def plant_lower_x(lines, k, rng):
    t = lines[k]
    pos = rng.choice(_cjk_positions(t) or [None])
    return None if pos is None else (t[:pos] + "x" + rng.choice("市县镇村") + t[pos:], "placeholder")


def plant_moumou(lines, k, rng):
    t = lines[k]
    pos = rng.choice([m.end() for m in re.finditer("[，。；：]", t) if m.end() < len(t)] or [None])
    return None if pos is None else (t[:pos] + "某某" + rng.choice(("同志", "市", "社区")) + t[pos:], "placeholder")


def _confusables():
    from drafter.checker.data import load
    return load("field")["confusables"]


def plant_field_term(lines, k, rng):
    """One character of a field term replaced by a look-alike; a paragraph without one of the
    terms gets one (一个词写错的段落，词本身来自领域用语表)."""
    t = lines[k]
    terms = [w for w in field_terms() if len(w) >= 4 and any(ch in _confusables() for ch in w)]
    present = [(m.start(), w) for w in terms for m in re.finditer(re.escape(w), t)]
    if present:
        at, term = rng.choice(present)
    else:
        term = rng.choice(terms)
        commas = [m.end() for m in re.finditer("，", t)]
        if not commas:
            return None
        at = rng.choice(commas)
        t = t[:at] + "推进" + term + "，" + t[at:]
        at += 2
    spots = [j for j, ch in enumerate(term) if ch in _confusables()]
    j = rng.choice(spots)
    wrong = term[:j] + rng.choice(_confusables()[term[j]]) + term[j + 1:]
    return t[:at] + wrong + t[at + len(term):], "field-term"


def plant_doubled_item(lines, k, rng):
    t = lines[k]
    items = find_items(t)
    if not items:
        return None
    at, value = rng.choice(items)
    return t[:at] + format_marker("item", value) + t[at:], "doubled-number"


_STYLES = {CN: CN, PAREN_CN: PAREN_CN, ARABIC: ARABIC, PAREN_ARABIC: PAREN_ARABIC}


def plant_number(lines, k, rng):
    t = lines[k]
    m = parse_marker(t)
    if m is None or m.value < 2:
        return None
    lead = t[:len(t) - len(t.lstrip())]
    value = m.value + 1 if rng.random() < 0.5 else m.value - 1
    return lead + format_marker(m.style, value) + t.lstrip()[len(m.text):], "numbering"


def plant_heading_stop(lines, k, rng):
    t = lines[k]
    m = parse_marker(t)
    if m is None or len(t.strip()) > 40 or t.rstrip()[-1:] in "。！？：；，":
        return None
    return t.rstrip() + "。", "heading-end-punct"


def plant_doubled_number(lines, k, rng):
    t = lines[k]
    m = parse_marker(t)
    if m is None:
        return None
    lead = t[:len(t) - len(t.lstrip())]
    return lead + m.text + t.lstrip(), "doubled-number"


BODY_FLAWS = (plant_placeholder, plant_lower_x, plant_moumou, plant_doubled, plant_comma, plant_lost_quote,
              plant_zero_date, plant_count, plant_field_term, plant_doubled_item)
HEAD_FLAWS = (plant_number, plant_heading_stop, plant_doubled_number)


def _plants(corpus: Path):
    rng = random.Random(11)
    per_text = PER_TEXT[corpus.name]
    for path in sorted(corpus.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        heads = [k for k, t in enumerate(lines) if parse_marker(t) is not None]
        for flaw in BODY_FLAWS + HEAD_FLAWS:
            pool = list(heads if flaw in HEAD_FLAWS else _paras(lines))
            rng.shuffle(pool)
            made = 0
            for k in pool:
                planted = flaw(lines, k, rng)
                if planted is None:
                    continue
                text, rule = planted
                yield path.name, flaw.__name__, k + 1, rule, "\n".join(lines[:k] + [text] + lines[k + 1:])
                made += 1
                if made == per_text:
                    break


def _all_plants():
    corpus = _corpus()
    for c in (corpus, corpus.parent / "corpus2"):
        for name, flaw, line, rule, text in _plants(c):
            yield c, name, flaw, line, rule, text


def test_planted_flaws_are_caught_at_their_line():
    total, missed, by_flaw, baselines = 0, [], Counter(), {}
    for corpus, name, flaw, line, rule, text in _all_plants():
        if name not in baselines:
            baselines[name] = {(f.rule_id, f.line) for f in
                               check_draft(draft_from_text((corpus / name).read_text(encoding="utf-8")))}
        if (rule, line) in baselines[name]:
            continue                                  # the line already had this finding
        total += 1
        by_flaw[flaw] += 1
        if (rule, line) not in {(f.rule_id, f.line) for f in check_draft(draft_from_text(text))}:
            missed.append((name, flaw, line))
    rate = 1 - len(missed) / total
    print(f"\nplanted {total} flaws ({dict(by_flaw)}); caught {total - len(missed)} = {rate:.1%}; missed {missed}")
    assert total >= 900 and len(by_flaw) == len(BODY_FLAWS + HEAD_FLAWS)
    assert rate >= 0.97, f"caught {rate:.1%} of {total}; missed {missed}"

"""Draft → Draft passes that every path runs: render, format and import alike.

Like pandoc's filters, each pass takes the document model and returns a new one; none knows
where the Draft came from. ``clean`` runs them in order and, when given a list, records every
change it makes as a ``Correction`` (line, rule, the text before and after), so that
``drafter format`` can list each one and a test can prove that nothing else changed.

The passes:
- ``number_pending``: headings, run-in heads and 一是 items whose number is still to be written
  (the renderer's; a draft read from a file has its numbers in its text already) get it, by
  level, restarting under each parent;
- ``fix_text`` on every run, in Chinese context only: stray spaces between Chinese characters,
  half-width ``, : ; ( ) ! ?``, a ``.`` typed for 。 after a Chinese character, straight quotes, ``...``/``。。。``/a lone ``…`` to ``……``,
  ``--``/a lone ``—`` to ``——``, zero-padded dates;
- ``end_headings``: a standalone heading loses a closing ``。``, a run-in head ends with ``。``.
Numbers, Latin text, URLs and ``1,000`` stay as they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, List, Optional

from drafter import draft as d
from drafter.lazy_re import LazyPattern, lazy_re
from drafter.read.web import NOTICE as _NOTICE, furniture_notice
from drafter.zh.markers import is_typed_stop, parse_marker
from drafter.zh.numerals import heading_number, item_number
from drafter.zh.cjk import CJK
from drafter.zh.punct import ZH_MARKS, as_runin_head, strip_trailing_punct

# Rule ids of the corrections, and how a listing names them.
SPACE, HALFWIDTH, QUOTES, ELLIPSIS, DASH, DATE, HEADING_END, RUNIN_END, TYPED_NUMBER, FURNITURE = (
    "space", "halfwidth", "quotes", "ellipsis", "dash", "date", "heading-end", "runin-end", "typed-number",
    "web-furniture")
RULE_NAMES = {SPACE: "删去汉字间多余的空格", HALFWIDTH: "半角标点改为全角", QUOTES: "直引号改为弯引号",
              ELLIPSIS: "省略号改为“……”", DASH: "破折号改为“——”", DATE: "日期去掉前导零",
              HEADING_END: "独立标题删去末尾的标点", RUNIN_END: "文内标题补上句号",
              TYPED_NUMBER: "删去手写的序号（序号由 drafter 编写）", FURNITURE: "略去网页上的附加文字"}
CONTEXT_CHARS = 8     # how much text a listing shows on each side of a change


@dataclass(frozen=True)
class Correction:
    line: Optional[int]
    rule: str
    before: str       # the changed stretch with a little context, as it was
    after: str        # the same stretch as it is now

    @property
    def name(self) -> str:
        return RULE_NAMES.get(self.rule, self.rule)


Log = Optional[List[Correction]]

# Chinese characters and the full-width marks that stand among them.
_ZH = f"[{CJK}{ZH_MARKS}]"
_HAN = f"[{CJK}]"
# Spaces that only layout puts between Chinese characters (not tabs: they are data in tables).
_SPACE_CHARS = " \u00a0\u2002-\u200a\u202f\u205f\u3000"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


_LAYOUT_SPACES = frozenset(" \u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2002, 0x200b))))

# Each pattern is compiled on first need (a class over the CJK ranges takes a millisecond or more
# to compile, and a clean draft needs only _HAS_ZH); ``needs`` skips the texts it cannot match.
_SPACE_RUN = lazy_re(rf"(?<={_ZH})[{_SPACE_CHARS}]+(?={_ZH})", needs=_LAYOUT_SPACES)
_MARKS = lazy_re(rf"(?<={_ZH})[ ]*([,:;!?])[ ]*|[ ]*([,:;!?])[ ]*(?={_ZH})", needs=",:;!?")
_PARENS = lazy_re(r"\(([^()\n]*)\)", needs="(")
_HAS_ZH = lazy_re(_ZH)
_HAS_HAN = lazy_re(_HAN)
_DQUOTE = lazy_re(r'"')
_DQUOTED = lazy_re(r'"([^"\n]*)"')
_SQUOTE = lazy_re(r"(?<![A-Za-z])'([^'\n]*)'(?![A-Za-z])")
_DOTS = lazy_re(r"\.{3,}|。{3,}|(?<!…)…(?!…)|…{3,}", needs=(".", "。。", "…"))
_DASH = lazy_re(r"-{2,}|(?<!—)—(?!—)", needs="-—")
# A credit in brackets — （记者 王江宇 通讯员 李明）, （摄影 张某）: its spaces are the convention.
_CREDIT = lazy_re(r"[（(][^（）()\n]{0,30}?(?:记者|通讯员|实习生|特约记者|摄影|摄|作者|编辑|责编)[^（）()\n]{0,40}[）)]",
                  needs=("记者", "通讯员", "实习生", "摄", "作者", "编辑", "责编"))
_DOT = lazy_re(r"(?<!\.)\.(?!\.)", needs=".")
_DATE = lazy_re(r"(?<!\d)(?:(\d{4})年)?(0?)(\d{1,2})月(?:(0?)(\d{1,2})日)?")
_PADDED_MONTH = lazy_re(r"(?<!\d)0\d月", needs="0")


def _context(text: str, start: int, end: int, new: str) -> tuple:
    a, b = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return text[a:b], text[a:start] + new + text[end:b]


class _Edits:
    """Substitutions on one run's text that remember what they changed."""

    def __init__(self, text: str, line: Optional[int], log: Log):
        self.text, self.line, self.log = text, line, log

    def sub(self, rule: str, rx: LazyPattern, repl: Callable[[re.Match], Optional[str]]) -> None:
        out, pos, changes = [], 0, []
        for m in rx.finditer(self.text):
            new = repl(m)
            if new is None or new == m.group(0):
                continue
            out.append(self.text[pos:m.start()])
            out.append(new)
            changes.append((m.start(), m.end(), new))
            pos = m.end()
        if not changes:
            return
        out.append(self.text[pos:])
        if self.log is not None:
            # Each change is quoted in the text as the changes before it left it, so that
            # applying the listed corrections in order gives the result.
            current, shift = self.text, 0
            for start, end, new in changes:
                before, after = _context(current, start + shift, end + shift, new)
                self.log.append(Correction(self.line, rule, before, after))
                current = current[:start + shift] + new + current[end + shift:]
                shift += len(new) - (end - start)
        self.text = "".join(out)


def _zh_near(s: str, start: int, end: int) -> bool:
    """Chinese inside s[start:end] or right beside it."""
    return bool(_HAS_ZH.search(s, max(0, start - 1), min(len(s), end + 1)))


def _paren(m: re.Match) -> Optional[str]:
    return "（" + m.group(1) + "）" if _zh_near(m.string, m.start(), m.end()) else None


def _ellipsis(m: re.Match) -> Optional[str]:
    # Dots in a Chinese paragraph are an ellipsis (到98%... and 100%...人员 too), except between
    # Latin letters or digits on both sides: 1...9, a path, a URL, Latin prose.
    s, text = m.group(0), m.string
    before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
    if s.startswith(".") and (_latin(before) and _latin(after) or "/" in (before, after) or "\\" in (before, after)):
        return None
    return "……"


def _latin(ch: str) -> bool:
    return bool(ch) and ch.isascii() and (ch.isalnum() or ch in "_-")


def _stop(m: re.Match) -> Optional[str]:
    return "。" if is_typed_stop(m.string, m.start()) else None


def _dash(m: re.Match) -> Optional[str]:
    s, text = m.group(0), m.string
    before = text[m.start() - 1:m.start()]
    after = text[m.end():m.end() + 1]
    # 2021—2025 and A—B are ranges and links (GB/T 15834 4.13): only a dash with Chinese beside it.
    if not (_HAS_HAN.match(before or " ") or _HAS_HAN.match(after or " ")):
        return None
    if s.startswith("-") and (before.isascii() and before.isalnum() or after.isascii() and after.isalnum()):
        return None
    return "——"


def _date(m: re.Match) -> Optional[str]:
    y, mpad, mon, dpad, day = m.groups()
    if not (mpad or dpad) or not 1 <= int(mon) <= 12 or day is not None and not 1 <= int(day) <= 31:
        return None
    return (f"{y}年" if y else "") + f"{int(mon)}月" + (f"{int(day)}日" if day is not None else "")


def _quotes(e: _Edits) -> None:
    text = e.text
    if '"' in text and _HAS_HAN.search(text):
        count = [0]

        def pair(m: re.Match) -> Optional[str]:
            count[0] += 1
            return "“" if count[0] % 2 else "”"
        # Pairs by alternation; an odd one out is left for the checker to report.
        if text.count('"') % 2 == 0:
            e.sub(QUOTES, _DQUOTE, pair)
        else:
            e.sub(QUOTES, _DQUOTED,
                  lambda m: "“" + m.group(1) + "”" if _zh_near(m.string, m.start(), m.end()) else None)
    if "'" in e.text and _HAS_HAN.search(e.text):
        e.sub(QUOTES, _SQUOTE,
              lambda m: "‘" + m.group(1) + "’" if _HAS_HAN.search(m.group(1)) else None)


def fix_text(text: str, line: Optional[int] = None, log: Log = None, *, spaces: bool = True) -> str:
    """The mechanical corrections of one stretch of text (see the module docstring).
    ``spaces=False`` keeps spaces between Chinese characters (a byline's 单位　姓名)."""
    if not text or not _HAS_ZH.search(text):
        return text
    e = _Edits(text, line, log)
    if _NOTICE.may_match(text):
        e.sub(FURNITURE, _NOTICE, lambda m: "" if furniture_notice(m.group(0)) else None)
    if spaces:
        kept = [m.span() for m in _CREDIT.finditer(e.text)]     # （记者 王江宇）: the space is the convention
        e.sub(SPACE, _SPACE_RUN, lambda m: None if any(a <= m.start() < b for a, b in kept) else "")
    e.sub(HALFWIDTH, _MARKS, lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)])
    prev = None
    while prev != e.text:      # innermost pairs first, so nested ones convert too
        prev = e.text
        e.sub(HALFWIDTH, _PARENS, _paren)
    _quotes(e)
    e.sub(ELLIPSIS, _DOTS, _ellipsis)
    e.sub(HALFWIDTH, _DOT, _stop)          # 任务.刚才: a full stop typed half-width
    e.sub(DASH, _DASH, _dash)
    if "月0" in e.text or _PADDED_MONTH.search(e.text):
        e.sub(DATE, _DATE, _date)
    return e.text


# Lines where a space separates names, units, dates or a headline's two phrases on purpose.
_SPACED_KINDS = frozenset(k.kind for k in d.BLOCK_KINDS if k.keep_spaces)
_UNNUMBERED_KINDS = frozenset(k.kind for k in d.BLOCK_KINDS if not k.numbered)


def _fix_runs(b: d.Block, log: Log) -> d.Block:
    if b.kind == d.TABLE:
        cells = tuple(tuple(fix_text(c, b.line, log) for c in row) for row in b.cells)
        return d.Block(b.kind, b.runs, b.level, b.line, b.numbered, cells)
    spaces = b.kind not in _SPACED_KINDS
    runs = [r.with_text(fix_text(r.text, b.line, log, spaces=spaces)) for r in b.runs]
    return b.with_runs(runs)


# -- numbering -------------------------------------------------------------------------------
def number_pending(blocks: List[d.Block], log: Log = None) -> List[d.Block]:
    """Write the numbers the renderer left pending, by level, restarting under each parent.

    Every numbered head counts, whether its number is pending or already in its text, so a
    draft read from a file passes through unchanged. A pending text that already opens with a
    number typed by hand (（一）工作体系, 一是统筹) loses it first, listed as TYPED_NUMBER: never
    （一）（一） or 一是一是.
    """
    counters = [0] * 5
    items = 0
    out = []
    for b in blocks:
        if b.kind in _UNNUMBERED_KINDS:
            out.append(b)
            continue
        if b.kind == d.HEADING:
            counters[b.level] += 1
            counters[b.level + 1:] = [0] * (4 - b.level)
            items = 0
            if b.pending:
                text = strip_trailing_punct(b.text)
                if text != b.text.rstrip():     # the answer ended in a mark a heading does not take
                    _record(log, b.line, HEADING_END, b.text, text)
                if b.numbered:
                    text = heading_number(b.level, counters[b.level]) + _untyped(text, b.line, log)
                b = d.Block(b.kind, (d.Run(text),), b.level, b.line, b.numbered)
            out.append(b)
            continue
        runs = []
        for r in b.runs:
            if r.is_item:
                items += 1
                if r.pending:
                    text = _untyped(r.text, b.line, log)
                    _runin_end(text, b.line, log)
                    r = d.Run(item_number(items) + as_runin_head(text), r.role, r.level, r.numbered)
            elif r.is_head:
                counters[r.level] += 1
                counters[r.level + 1:] = [0] * (4 - r.level)
                items = 0
                if r.pending:
                    number = heading_number(r.level, counters[r.level]) if r.numbered else ""
                    text = _untyped(r.text, b.line, log) if r.numbered else r.text
                    _runin_end(text, b.line, log)
                    r = d.Run(number + as_runin_head(text), r.role, r.level, r.numbered)
            runs.append(r)
        out.append(b.with_runs(runs) if b.kind != d.TABLE else b)
    return out


def _runin_end(text: str, line: Optional[int], log: Log) -> None:
    """A run-in head ends in 。: one typed with another mark at its end (，；：) is corrected and
    listed; one typed without a mark just gets its 。, as its number, without a listing."""
    head, typed = as_runin_head(text), text.strip()
    if head not in (typed, typed + "。"):
        _record(log, line, RUNIN_END, typed, head)


def typed_number(text: str) -> str:
    """The number a text opens with, as typed: 一、 （一） 1. （1） or 一是 (with the spaces after it)."""
    s = text.lstrip()
    m = parse_marker(s)
    typed = m.text if m else (_TYPED_ITEM.match(s).group(0) if _TYPED_ITEM.match(s) else "")
    if not typed:
        return ""
    rest = s[len(typed):]
    return text[:len(text) - len(rest)] if rest.strip() else ""    # a number alone is the text itself


def _untyped(text: str, line: Optional[int], log: Log) -> str:
    typed = typed_number(text)
    if not typed:
        return text
    rest = text[len(typed):].lstrip(" \u3000")
    if log is not None:
        log.append(Correction(line, TYPED_NUMBER, text[:len(typed) + CONTEXT_CHARS], rest[:CONTEXT_CHARS]))
    return rest


_TYPED_ITEM = re.compile("[一二三四五六七八九十]{1,3}是(?![的否])")


# -- heading ends ----------------------------------------------------------------------------
# A standalone heading ends with no point mark (GENRES.md; GB/T 9704 7.3.3 practice); ！ and ？
# may close a rhetorical heading and stay.
_STANDALONE_END = "。．，、；：,;:"
_RUNIN_WRONG_END = "，,；;：:、"   # a run-in head is a sentence: it ends with 。


def end_headings(blocks: List[d.Block], log: Log = None) -> List[d.Block]:
    out = []
    for b in blocks:
        t = b.text.rstrip()
        if b.kind == d.HEADING and (t[-1:] in _STANDALONE_END or t.endswith(".") and _HAS_HAN.match(t[-2:-1])):
            text = t.rstrip(_STANDALONE_END + ".")
            _record(log, b.line, HEADING_END, b.text, text)
            b = b.with_runs(_cut_end(b.runs, text))
        elif b.kind == d.PARA and b.runs and b.runs[0].is_head:
            head = b.runs[0]
            t = head.text.rstrip()
            if t and t[-1] not in "。！？…":
                new = t.rstrip(_RUNIN_WRONG_END) + "。"
                nxt = b.runs[1].text.lstrip() if len(b.runs) > 1 else ""
                if not nxt.startswith(("。", "！", "？")):
                    _record(log, b.line, RUNIN_END, t, new)
                    b = b.with_runs([head.with_text(new)] + list(b.runs[1:]))
        out.append(b)
    return out


def _cut_end(runs, text: str) -> List[d.Run]:
    """A heading's runs cut to ``text`` (a prefix of theirs), as one run of text; a picture, note or
    comment it carries stays in its place."""
    if not any(r.is_object for r in runs):
        return [d.Run(text)]
    n = sum(len(r.text) for r in runs) - len(text)
    out: List[d.Run] = []
    for r in reversed(runs):
        if r.is_object:
            out.append(r)
            continue
        keep = max(0, len(r.text) - n)
        n -= len(r.text) - keep
        if keep:
            out.append(d.Run(r.text[:keep]))
    return list(reversed(out))


def _furniture(blocks: List[d.Block], log: Log, keep_text: bool) -> List[d.Block]:
    """A web page's own lines (drafter.read.web) are left out, each listed; ``keep_text`` keeps
    them, set in their own style (网页文字) so that they can still be told apart."""
    if keep_text:
        return blocks
    for b in blocks:
        if b.kind == d.FURNITURE and log is not None:
            log.append(Correction(b.line, FURNITURE, b.text, ""))
    return [b for b in blocks if b.kind != d.FURNITURE]


def _record(log: Log, line: Optional[int], rule: str, before: str, after: str) -> None:
    if log is not None:
        tail = max(0, len(before) - 2 * CONTEXT_CHARS)
        log.append(Correction(line, rule, before[tail:], after[tail:]))


# -- all together ----------------------------------------------------------------------------
def clean(draft: d.Draft, log: Log = None, *, keep_text: bool = False) -> d.Draft:
    """Every pass in order. ``keep_text`` leaves the wording untouched (only pending numbers are
    written, which a draft read from a file never has)."""
    start = len(log) if log is not None else 0
    blocks = _furniture(number_pending(draft.blocks, log), log, keep_text)
    if not keep_text:
        blocks = [_fix_runs(b, log) for b in blocks]
        blocks = end_headings(blocks, log)
    if log is not None:      # in the order of the source's lines (stable: one line's in the order made)
        log[start:] = sorted(log[start:], key=lambda c: c.line if c.line is not None else 0)
    return d.Draft(blocks=blocks, outline_id=draft.outline_id, source=draft.source,
                   time_limit_min=draft.time_limit_min, rate_per_min=draft.rate_per_min,
                   warnings=list(draft.warnings), tracked=list(draft.tracked))

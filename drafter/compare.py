"""``drafter compare 一稿 二稿``: two drafts compared as a 部长's office reads a 花脸稿.

Paragraphs are aligned first (difflib over the blocks' texts; within a stretch that changed, each
old paragraph is paired with the most similar new one in order, the rest are added or removed
whole), then characters within each changed pair. A paragraph that is removed in one place and
added, the same, in another is reported as moved; in the document it is a deletion and an
insertion, which Word, WPS and LibreOffice all accept and reject like any other.

The summary lists first what a leader checks — figures, dates, names and 提法 — each with its
words before and after (``数字：12个→15个``), then paragraphs added, removed and moved, then the
other wording changes. The document (drafter.review) is the second draft typeset, every
difference a tracked change: *accept all* gives the second draft, *reject all* the first.

difflib (standard library) is used for both steps: its matching blocks are exact, which is what a
comparison of wording needs, and it is fast enough on speech-sized texts (bench/: compare of two
30,000-character drafts); a faster library (diff-match-patch) would add a dependency for no figure
the benchmark asks for.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from drafter import draft as d
from drafter.lazy_re import lazy_re
from drafter.zh.cjk import CJK
from drafter.review import char_opcodes
from drafter.zh.numerals import COUNTING, YEAR_DIGITS

COMPARED_MARK = "（对照）"        # 一稿.docx + 二稿.docx → 一稿→二稿（对照）.docx beside the second
PAIR_RATIO = 0.5                 # paragraphs this similar are one paragraph changed, not two
MOVE_RATIO = 0.9                 # a removed and an added paragraph this similar are a move
PAIR_WINDOW = 12                 # how many new paragraphs an old one is tried against
SHOWN = 30                       # characters of a long change shown in the summary

# What a leader checks first, in this order.
NUMBER, DATE, NAME, TIFA, PARAGRAPH, WORDING = "数字", "日期", "名称", "提法", "段落", "文字"
KINDS = (NUMBER, DATE, NAME, TIFA, PARAGRAPH, WORDING)

_N = rf"[0-9０-９{COUNTING}零〇百千万亿]"
_UNITS = "个项家所名人次户元件条座处套批台辆吨米亩倍万亿千百点大类级位支场天年月周%％"
_NUMBER_CORE = lazy_re(rf"[0-9０-９]+(?:[.．,][0-9０-９]+)*[%％]?|[{COUNTING}零〇百千万亿]{{1,6}}[{_UNITS}]")
_DATE = lazy_re(rf"(?:(?:\d{{4}}|[{YEAR_DIGITS}]{{4}})年)?(?:\d{{1,2}}|[{COUNTING}]{{1,3}})月(?:(?:\d{{1,2}}|[{COUNTING}]{{1,3}})日)?"
                rf"|(?:\d{{4}}|[{YEAR_DIGITS}]{{4}})年")
_PERSON = lazy_re(rf"(?:书记|主任|部长|局长|区长|市长|县长|镇长|主席|委员|处长|科长|厅长|同志们?|总书记)"
                  rf"[{CJK}]{{2,3}}|[{CJK}]{{2,3}}(?=同志|书记|主任|部长|局长|区长|市长)")
_QUOTED = lazy_re(r"“[^“”]{1,20}”|《[^《》]{1,30}》")


@dataclass
class Change:
    """One line of the summary: what kind, the words before and after, and where."""

    kind: str
    before: str
    after: str
    line_a: Optional[int] = None        # paragraph (.docx) or line (.txt) in the first draft
    line_b: Optional[int] = None        # in the second

    def text(self) -> str:
        where = "、".join(w for w in (f"一稿第{self.line_a}段" if self.line_a else "",
                                         f"二稿第{self.line_b}段" if self.line_b else "") if w)
        if self.kind == PARAGRAPH:
            return f"{self.before}：“{self.after}”" + (f"（{where}）" if where else "")
        if not self.before:
            said = f"新增“{self.after}”"
        elif not self.after:
            said = f"删去“{self.before}”"
        else:
            said = f"{self.before}→{self.after}"
        return f"{self.kind}：{said}" + (f"（{where}）" if where else "")


@dataclass
class Step:
    """One aligned paragraph: ``a`` and ``b`` are block indices (None where it exists on one side)."""

    a: Optional[int]
    b: Optional[int]
    opcodes: list = field(default_factory=list)       # character diff of a changed pair
    moved: bool = False
    origin: Optional[int] = None      # a paragraph added by a move: the old block it came from

    @property
    def kind(self) -> str:
        if self.a is None:
            return "insert"
        if self.b is None:
            return "delete"
        return "change" if self.opcodes else "equal"


@dataclass
class Comparison:
    first: d.Draft
    second: d.Draft
    steps: List[Step]
    changes: List[Change]

    @property
    def counts(self) -> Dict[str, int]:
        out = {k: 0 for k in KINDS}
        for c in self.changes:
            out[c.kind] += 1
        return out


TABLE_KEY = "\x00table\x00"     # a table is compared whole, never paired with a paragraph


def _key(b: d.Block) -> str:
    return b.text if b.kind != d.TABLE else TABLE_KEY + b.text


def align(first: d.Draft, second: d.Draft) -> List[Step]:
    """The blocks of both drafts in one sequence of steps, in the second draft's order.

    Each new paragraph is first matched to an old one: the same text (in order, for texts that
    repeat), else the most similar old paragraph near the same place. difflib then aligns the two
    sequences of matches: matches in order are paragraphs kept or changed; a match out of order is
    a paragraph moved (removed here, added there); the rest were added or removed."""
    a = [_key(b) for b in first.blocks]
    b = [_key(x) for x in second.blocks]
    partner = _match(a, b)
    ids_b = [partner[j] if partner[j] is not None else len(a) + j for j in range(len(b))]
    taken = set(ids_b)
    steps: List[Step] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, list(range(len(a))), ids_b,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            for i, j in zip(range(a1, a2), range(b1, b2)):
                ops = [] if a[i] == b[j] else char_opcodes(a[i], b[j])
                steps.append(Step(i, j, ops))
            continue
        steps += [Step(i, None, moved=i in taken) for i in range(a1, a2)]
        steps += [Step(None, j, moved=partner[j] is not None, origin=partner[j]) for j in range(b1, b2)]
    return steps


def _match(a: Sequence[str], b: Sequence[str]) -> List[Optional[int]]:
    """For each new paragraph the old one it continues, or None."""
    by_text: Dict[str, List[int]] = {}
    for i, t in enumerate(a):
        by_text.setdefault(t, []).append(i)
    partner: List[Optional[int]] = [None] * len(b)
    used = set()
    for j, t in enumerate(b):
        if by_text.get(t):
            i = by_text[t].pop(0)
            partner[j] = i
            used.add(i)
    scale = len(a) / max(len(b), 1)
    free = sorted(set(range(len(a))) - used)
    for j, t in enumerate(b):
        if partner[j] is not None or t.startswith(TABLE_KEY):
            continue
        centre = j * scale
        best, best_ratio = None, PAIR_RATIO
        for i in free:
            if abs(i - centre) > PAIR_WINDOW or i in used or a[i].startswith(TABLE_KEY):
                continue
            m = difflib.SequenceMatcher(None, a[i], t, autojunk=False)
            if m.real_quick_ratio() > best_ratio and m.quick_ratio() > best_ratio and m.ratio() > best_ratio:
                best, best_ratio = i, m.ratio()
        if best is not None:
            partner[j] = best
            used.add(best)
    return partner


# -- the summary ------------------------------------------------------------------------------
def summarize(first: d.Draft, second: d.Draft, steps: List[Step]) -> List[Change]:
    facts: List[Change] = []
    paragraphs: List[Change] = []
    words: List[Change] = []
    for s in steps:
        if s.kind == "change":
            for c in _pair_changes(first.blocks[s.a], second.blocks[s.b], s.opcodes):
                (words if c.kind == WORDING else facts).append(c)
        elif s.kind in ("insert", "delete"):
            block = second.blocks[s.b] if s.kind == "insert" else first.blocks[s.a]
            if s.moved and s.kind == "delete":
                continue
            what = "移动段落" if s.moved else ("新增段落" if s.kind == "insert" else "删去段落")
            old = first.blocks[s.origin] if s.origin is not None else None
            paragraphs.append(Change(PARAGRAPH, what, _short(block.text.replace("\n", "")),
                                     (old.line if old is not None else None) if s.kind == "insert"
                                     else first.blocks[s.a].line, block.line if s.kind == "insert" else None))
            if old is not None and old.text != block.text:
                ops = char_opcodes(old.text, block.text)
                for c in _pair_changes(old, block, ops):
                    (words if c.kind == WORDING else facts).append(c)
    facts.sort(key=lambda c: KINDS.index(c.kind))
    return facts + paragraphs + words


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + "……"


def _pair_changes(old: d.Block, new: d.Block, opcodes: list) -> List[Change]:
    """The changes inside one paragraph, each widened to the whole figure, date, name or 提法 it
    touches, and neighbouring changes that then overlap joined."""
    a, b = old.text, new.text
    spans: List[List[int]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        kind, (s1, e1, t1, u1) = _widen(a, b, i1, i2, j1, j2, old.kind)
        if spans and s1 <= spans[-1][1] and t1 <= spans[-1][3]:
            last = spans[-1]
            last[1], last[3] = max(last[1], e1), max(last[3], u1)
            if KINDS.index(kind) < KINDS.index(last[4]):
                last[4] = kind
            continue
        spans.append([s1, e1, t1, u1, kind])
    return [Change(kind, _short(a[s:e]), _short(b[t:u]), old.line, new.line) for s, e, t, u, kind in spans]


def _widen(a: str, b: str, i1: int, i2: int, j1: int, j2: int, block_kind: str):
    """The kind of a change and its stretch in both texts, widened to the figure, date, name or
    quoted 提法 it touches; wording keeps two characters of context on each side."""
    s, e, t, u = i1, i2, j1, j2
    kind = WORDING
    for name, rx in ((DATE, _DATE), (NUMBER, _NUMBER_CORE), (TIFA, _QUOTED), (NAME, _PERSON)):
        hit = False
        for text, lo, hi, side in ((a, i1, i2, 0), (b, j1, j2, 1)):
            for m in rx.finditer(text, max(0, lo - 16), min(len(text), hi + 16)):
                if (m.start() < hi and m.end() > lo) if hi > lo else m.start() < lo < m.end():
                    hit = True
                    if side == 0:
                        s, e = min(s, m.start()), max(e, m.end())
                    else:
                        t, u = min(t, m.start()), max(u, m.end())
        if hit:
            kind = name
            break
    if kind == WORDING:
        if block_kind in (d.BYLINE, d.SIGNOFF) or _place_name(a, i1, i2) or _place_name(b, j1, j2):
            kind = NAME
        elif _is_tifa(a, i1, i2) or _is_tifa(b, j1, j2):
            kind = TIFA
    # What precedes and follows a change is the same text on both sides: widen both alike.
    left, right = max(i1 - s, j1 - t), max(e - i2, u - j2)
    if kind == NUMBER:
        right = max(right, _unit_len(a, e) + e - i2, _unit_len(b, u) + u - j2)
    elif kind == NAME and not (block_kind in (d.BYLINE, d.SIGNOFF)):
        right = max(right, _suffix_len(a, i2), _suffix_len(b, j2))
        left = max(left, _context(a, i1, -1), _context(b, j1, -1))
    elif kind in (WORDING, NAME):
        left = max(left, min(_context(a, i1, -1), _context(b, j1, -1)))
        right = max(right, min(_context(a, i2, 1), _context(b, j2, 1)))
    s, t = max(0, i1 - left), max(0, j1 - left)
    e, u = min(len(a), i2 + right), min(len(b), j2 + right)
    return kind, (s, e, t, u)


def _context(text: str, at: int, step: int, most: int = 2) -> int:
    """How many characters of context to show before (``step`` -1) or after ``at``: up to
    ``most``, not across a punctuation mark."""
    n = 0
    k = at - 1 if step < 0 else at
    while n < most and 0 <= k < len(text) and text[k] not in _STOPS:
        n += 1
        k += step
    return n


_STOPS = "，。；：、！？,.;:!? \u3000\n“”（）()《》"
_PLACE_SUFFIXES = ("街道", "社区", "区", "县", "市", "镇", "乡", "村", "省")


def _suffix_len(text: str, end: int) -> int:
    """Characters from ``end`` through a place suffix within three characters, or 0."""
    for k in range(end, min(len(text), end + 3) + 1):
        for suffix in _PLACE_SUFFIXES:
            if text.startswith(suffix, k):
                return k + len(suffix) - end
    return 0


def _place_name(text: str, s: int, e: int) -> bool:
    """A short change right before a place suffix: 东城街道 → 西城街道."""
    return 0 < e - s <= 4 and _suffix_len(text, e) > 0 or e == s and _suffix_len(text, e) > 0


def _unit_len(text: str, end: int) -> int:
    """A measure word right after a figure (12个, 3项) belongs to it."""
    return 1 if end < len(text) and text[end] in _UNITS else 0


def _is_tifa(text: str, s: int, e: int) -> bool:
    from drafter.checker.data import load
    for f in load("formulations")["formulations"]:
        k = text.find(f["text"], max(0, s - len(f["text"])), e + len(f["text"]))
        if k >= 0 and k < e and k + len(f["text"]) > s:
            return True
    return False


# -- the command's library side ----------------------------------------------------------------
def compare_files(first: Path, second: Path) -> Comparison:
    from drafter.read.reader import read_draft
    from drafter.typeset import require_text
    a, b = (require_text(read_draft(Path(p), "compare"), p) for p in (first, second))
    steps = align(a, b)
    return Comparison(a, b, steps, summarize(a, b, steps))


def default_output(first: Path, second: Path) -> Path:
    """一稿.docx + 二稿.docx → 二稿's folder / 一稿→二稿（对照）.docx."""
    return Path(second).with_name(f"{Path(first).stem}→{Path(second).stem}{COMPARED_MARK}.docx")


def summary_text(cmp: Comparison) -> str:
    counts = cmp.counts
    head = "，".join(f"{k} {n} 处" for k, n in counts.items() if n) or "两稿文字相同"
    lines = [f"改动：{head}。"] + ["  " + c.text() for c in cmp.changes]
    return "\n".join(lines)


def changes_json(cmp: Comparison) -> list:
    """The summary's lines as JSON-shaped values (compare --format json, the workbench)."""
    return [{"kind": c.kind, "before": c.before, "after": c.after, "line_first": c.line_a,
             "line_second": c.line_b, "text": c.text()} for c in cmp.changes]


def summary_json(cmp: Comparison, first: Path, second: Path, output: Optional[Path]) -> str:
    import json
    return json.dumps({"first": str(first), "second": str(second), "output": str(output) if output else None,
                       "counts": cmp.counts, "changes": changes_json(cmp)},
                      ensure_ascii=False, indent=1)


def document(cmp: Comparison, profile=None, reference_docx=None):
    """(fill, changes): the second draft typeset with every difference as a tracked change, and how
    many tracked changes a reviewer sees in it."""
    from drafter.profile.load import load_profile
    from drafter.review import written_places
    from drafter.write.docx import build_document
    from drafter.write.review import W, Ids, Stamp, count_changes, mark_paragraph, mark_table
    blocks, roles = [], []
    for s in cmp.steps:
        if s.kind == "delete":
            blocks.append(cmp.first.blocks[s.a])
        else:
            blocks.append(cmp.second.blocks[s.b])
        roles.append(s)
    merged = d.Draft(blocks=blocks, source=cmp.second.source)
    doc = build_document(merged, profile or load_profile(), reference_docx)
    places = written_places(merged, doc)
    body = [el for el in doc.element.body if el.tag in (W + "p", W + "tbl")]
    stamp, ids = Stamp.now(), Ids(doc.element)
    whole = stamp.later()
    for k, s in enumerate(roles):
        el = body[k]
        if s.kind in ("insert", "delete"):
            tag = "ins" if s.kind == "insert" else "del"
            if el.tag == W + "tbl":
                mark_table(el, tag, ids, whole)
                continue
            stream = places.candidates(k)
            pt = stream[0][0] if stream else None
            if pt is not None and pt.text:
                pt.wrap(0, len(pt.text), tag, ids, whole)
            mark_paragraph(el, tag, ids, whole)
        elif s.kind == "change":
            from drafter.review import char_range
            old = cmp.first.blocks[s.a].text
            chars = places.chars(k)
            for tag, i1, i2, j1, j2 in s.opcodes:
                if tag == "equal" or chars is None:
                    continue
                where = char_range(chars, j1, j2)
                if where is not None:
                    where[0].insert_tracked(where[1], where[2], old[i1:i2], ids, stamp)
    return (lambda tmp: doc.save(str(tmp))), count_changes(doc.element)

"""The review loop in Word (issue 22): findings as comments, corrections as tracked changes.

``drafter check 讲话.docx --annotate`` writes the clerk's own file back with a Word comment on the
exact characters each finding quotes; ``--fix`` adds the mechanical corrections of ``drafter
format`` as tracked changes in that same file, without typesetting it again. ``drafter format
--track-changes`` typesets the draft and keeps each correction as a tracked change. A .txt or .md
draft has no Word file of its own: it is typeset, and the comments and changes go there.

Where a block's characters are in a .docx is found by aligning the block's text (what the
checker and the transforms read) with its paragraphs' text (drafter.write.review.ParaText): the
source paragraph of the same line for a received file, the written paragraph for drafter's own.
Layout white space the reader dropped (an indent, a line break in a title) is skipped; a finding
whose characters cannot be found is anchored at the start of its paragraph, and the comment says so.
The OOXML itself is drafter.write.review's; this module decides what goes where.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from drafter import draft as d
from drafter.checker.base import Finding
from drafter.errors import ACCEPT_IN_WORD, Location, TrackedChanges
from drafter.transforms import Correction, clean

ANNOTATED_MARK = "（批注）"      # 讲话.docx → 讲话（批注）.docx beside it
TRACKED_MARK = "（修订）"        # drafter format --track-changes: 讲话（修订）.docx
NOT_FOUND = "（未能定位到所指的文字，批注放在该段开头）"


@dataclass
class ReviewResult:
    """What a review command wrote, for its report and for the tests (which count the same
    things in LibreOffice)."""

    findings: List[Finding] = field(default_factory=list)
    comments: int = 0                       # Word comments written
    revisions: int = 0                      # tracked changes as a reviewer counts them (count_changes)
    corrections: List[Correction] = field(default_factory=list)   # applied as tracked changes
    not_applied: List[Correction] = field(default_factory=list)   # could not be placed in the file
    unplaced: int = 0                       # comments anchored at their paragraph's start
    warnings: List[str] = field(default_factory=list)


# -- where a block's characters are ---------------------------------------------------------
Char = Tuple[object, int]        # (ParaText, offset in its text)


class _Run:
    """The characters of a block that stand as one stretch in one paragraph (the common case)."""

    __slots__ = ("pt", "start", "n")

    def __init__(self, pt, start: int, n: int) -> None:
        self.pt, self.start, self.n = pt, start, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> Char:
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.pt, self.start + i


def align(text: str, stream: Sequence):
    """Each character of ``text`` in the ParaTexts of ``stream``, read in order; white space of
    the paragraphs that ``text`` lacks is skipped. None when the two differ otherwise."""
    if len(stream) == 1:
        whole = stream[0].text
        k = whole.find(text) if text else -1
        if k >= 0 and not whole[:k].strip():
            return _Run(stream[0], k, len(text))
    out: List[Char] = []
    k, pos = 0, 0
    current = stream[0].text if stream else ""
    for ch in text:
        while True:
            if pos >= len(current):
                k += 1
                if k >= len(stream):
                    return None
                current, pos = stream[k].text, 0
                continue
            c = current[pos]
            if c == ch:
                out.append((stream[k], pos))
                pos += 1
                break
            if c.isspace():
                pos += 1
                continue
            return None
    return out


class Places:
    """The characters of each block of a draft, located in a .docx's paragraphs."""

    def __init__(self, blocks: Sequence[d.Block], candidates) -> None:
        """``candidates(i)``: the lists of ParaTexts block ``i`` may have come from, most likely first."""
        self.blocks = blocks
        self.candidates = candidates
        self._chars: Dict[int, Optional[List[Char]]] = {}

    def chars(self, i: int) -> Optional[List[Char]]:
        if i not in self._chars:
            found = None
            text = _block_text(self.blocks[i])
            for stream in self.candidates(i):
                found = align(text, stream)
                if found is not None:
                    break
            self._chars[i] = found
        return self._chars[i]

    def first_para(self, i: int):
        for stream in self.candidates(i):
            if stream:
                return stream[0]
        return None


def _block_text(b: d.Block) -> str:
    return b.text


def _checker_to_block(text: str, k: int) -> int:
    """A checker offset (in the block's text stripped, without line breaks) as an offset in the
    block's text."""
    j = len(text) - len(text.lstrip())
    seen = 0
    while j < len(text):
        if text[j] != "\n":
            if seen == k:
                return j
            seen += 1
        j += 1
    return len(text.rstrip()) if k >= seen else j


def source_places(draft: d.Draft, paras) -> Places:
    """A received .docx: a block comes from the body paragraph of its line and those after it
    up to the next block's line (a title broken over lines), or from a cell, text box or note
    paragraph of that line."""
    from drafter.write.review import ParaText
    texts = {}

    def pt(p):
        if id(p) not in texts:
            texts[id(p)] = ParaText(p.element, p.leaves or [])
        return texts[id(p)]

    body = [p for p in paras if not p.nested and p.element is not None]
    by_line: Dict[int, List] = {}
    for p in paras:
        if p.element is not None:
            by_line.setdefault(p.line, []).append(p)
    lines = [b.line for b in draft.blocks]
    body_lines = [p.line for p in body]
    import bisect

    def candidates(i: int):
        line = lines[i]
        if line is None:
            return []
        nxt = next((x for x in lines[i + 1:] if x is not None and x > line), None)
        a = bisect.bisect_left(body_lines, line)
        b = bisect.bisect_left(body_lines, nxt) if nxt is not None else len(body)
        out = [[pt(p) for p in body[a:b]]] if b > a else []
        out += [[pt(p)] for p in by_line.get(line, []) if p.nested]
        return out

    return Places(draft.blocks, candidates)


def written_places(draft: d.Draft, document) -> Places:
    """drafter's own .docx (write.docx.build_document): block i is the i-th paragraph or table
    of the body, in order."""
    from drafter.write.review import W, ParaText
    body = [el for el in document.element.body if el.tag in (W + "p", W + "tbl")]
    texts = {}

    def candidates(i: int):
        el = body[i] if i < len(body) else None
        if el is None or el.tag != W + "p":
            return []
        if i not in texts:
            texts[i] = ParaText.of_written(el)
        return [[texts[i]]]

    return Places(draft.blocks, candidates)


# -- comments -------------------------------------------------------------------------------
def comment_paragraphs(f: Finding, rules: Dict[str, object], unplaced: bool = False) -> List[str]:
    """What a finding's comment says: the message, the rule and its source, the suggestion."""
    from drafter.checker.report import FIXABLE_NOTE
    rule = rules.get(f.rule_id)
    out = [f"{f.severity}：{f.message}" + (NOT_FOUND if unplaced else "")]
    title = getattr(rule, "title", "") or f.rule_id
    out.append(f"规则：{title}（{f.rule_id}）")
    source = getattr(rule, "source", "")
    if source:
        out.append(f"依据：{source}")
    if f.suggestion is not None:
        out.append("建议：删去" if f.suggestion == "" else f"建议：改为“{f.suggestion}”")
    if f.fixable:
        out.append("可自动修正：" + FIXABLE_NOTE.strip("（）"))
    return out


def _rules() -> Dict[str, object]:
    from drafter.checker import RULES
    from drafter.checker.run import OWN_RULES
    return {r.id: r for r in list(RULES) + OWN_RULES}


def add_comments(findings: Sequence[Finding], draft: d.Draft, places: Places, comments_root, ids, stamp,
                 through: Optional[Dict[int, list]] = None) -> Tuple[int, int]:
    """A comment for each finding, on the characters it quotes. ``through``: per block, the diff
    opcodes (old → new text) when the file holds the corrected text. Returns (written, unplaced)."""
    from drafter.write.review import comment
    rules = _rules()
    written = unplaced = 0
    for f in findings:
        where = _anchor(f, draft, places, through)
        if where is None:
            continue
        (ps, s), (pe, e), exact = where
        cid = ids.take()
        start = ps.comment_start(s, cid)
        has = ps.has_text(s, e) if ps is pe else True
        pe.comment_end(e, cid, start=None if has else start)
        comments_root.append(comment(cid, stamp, comment_paragraphs(f, rules, not exact)))
        written += 1
        unplaced += not exact
    return written, unplaced


def _anchor(f: Finding, draft: d.Draft, places: Places, through):
    """((ParaText, start), (ParaText, end), exact) of a finding; None if it has no paragraph."""
    i = f.block
    if i is None:
        # A finding about the whole draft (its length): on the title, or the first block.
        i = next((k for k, b in enumerate(draft.blocks) if b.kind == d.TITLE), 0 if draft.blocks else None)
        if i is None:
            return None
        span = (0, len(draft.blocks[i].text.strip().replace("\n", "")))
    else:
        span = f.span
    text = draft.blocks[i].text
    chars = places.chars(i)
    if chars and span and span[1] > span[0]:
        s = _checker_to_block(text, span[0])
        e = _checker_to_block(text, span[1] - 1) + 1
        if through is not None and i in through:
            s, e = _map_through(through[i], s), max(_map_through(through[i], e - 1) + 1, _map_through(through[i], s))
        if 0 <= s < e <= len(chars):
            (ps, a), (pe, b) = chars[s], chars[e - 1]
            return (ps, a), (pe, b + 1), True
    first = places.first_para(i)
    if first is None:
        return None
    return (first, 0), (first, 0), False


def _map_through(opcodes: list, k: int) -> int:
    """An offset in the old text as an offset in the new (a changed stretch maps to its start)."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= k < i2:
            return j1 + (k - i1) if tag == "equal" else j1
    return opcodes[-1][4] if opcodes else k


# -- corrections as tracked changes ----------------------------------------------------------
def diff_blocks(before: d.Draft, after: d.Draft) -> Dict[int, list]:
    """Per block whose text changed: the character opcodes from the old text to the new."""
    out = {}
    for i, (a, b) in enumerate(zip(before.blocks, after.blocks)):
        if a.kind == d.TABLE or a.text == b.text:
            continue
        out[i] = char_opcodes(a.text, b.text)
    return out


def char_opcodes(a: str, b: str) -> list:
    """difflib's opcodes from ``a`` to ``b``, computed on what lies between their common start
    and end (a corrected paragraph differs in a few places: most of it need not be searched)."""
    n = min(len(a), len(b))
    head = 0
    while head < n and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ops = [("equal", 0, head, 0, head)] if head else []
    inner = difflib.SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
    ops += [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in inner.get_opcodes()]
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return _slide(ops, a, b)


def _slide(ops: list, a: str, b: str) -> list:
    """An added or removed stretch moved as far on as the text allows (。四是…” + 。 reads better
    as 四是…”。 after the 。 before it): a sentence added is shown whole, ending in its own mark."""
    ops = [list(op) for op in ops]
    for k in range(len(ops) - 1):
        tag, i1, i2, j1, j2 = ops[k]
        nxt = ops[k + 1]
        if nxt[0] != "equal" or tag not in ("insert", "delete"):
            continue
        text, lo, hi = (b, j1, j2) if tag == "insert" else (a, i1, i2)
        shift = 0
        while shift < nxt[2] - nxt[1] and text[lo + shift] == text[hi + shift]:
            shift += 1
        if shift:
            ops[k] = [tag, i1 + shift, i2 + shift, j1 + shift, j2 + shift]
            if k and ops[k - 1][0] == "equal":
                ops[k - 1][2] += shift
                ops[k - 1][4] += shift
            else:
                ops.insert(k, ["equal", i1, i1 + shift, j1, j1 + shift])
                k += 1
            nxt[1] += shift
            nxt[3] += shift
    return [tuple(op) for op in ops if op[0] != "equal" or op[2] > op[1]]


def track_corrections(ops: Dict[int, list], before: d.Draft, after: d.Draft, places: Places, ids, stamp,
                      holds_new: bool) -> Tuple[int, List[Tuple[int, int, int]], List[int]]:
    """Each changed stretch as a tracked deletion and insertion. ``holds_new``: the file holds the
    corrected text (format --track-changes), else the old (check --fix). Returns (revisions
    written, the (block, start, end) stretches of the old text that were changed, the blocks
    whose changes could not all be placed)."""
    revisions, done, failed = 0, [], []
    for i, opcodes in ops.items():
        old, new = before.blocks[i].text, after.blocks[i].text
        chars = places.chars(i)
        if chars is None:
            failed.append(i)
            continue
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                continue
            if holds_new:
                a, b, other = j1, j2, old[i1:i2]
            else:
                a, b, other = i1, i2, new[j1:j2]
            where = char_range(chars, a, b)
            if where is None:
                failed.append(i)
                continue
            pt, s, e = where
            ok = pt.insert_tracked(s, e, other, ids, stamp) if holds_new else pt.replace(s, e, other, ids, stamp)
            if not ok:
                failed.append(i)
                continue
            revisions += (b > a) + bool(other)
            done.append((i, i1, i2))
    return revisions, done, sorted(set(failed))


def char_range(chars: List[Char], a: int, b: int):
    """(ParaText, start, end) of block offsets [a, b) in one paragraph; an empty stretch is placed
    after the character before it (or before the one after it)."""
    if b > a:
        (ps, s), (pe, e) = chars[a], chars[b - 1]
        return (ps, s, e + 1) if ps is pe else None
    if a > 0:
        pt, k = chars[a - 1]
        return pt, k + 1, k + 1
    if chars:
        pt, k = chars[0]
        return pt, k, k
    return None


# -- the commands' library side -----------------------------------------------------------------


def default_output(source: Path, mark: str) -> Path:
    """Beside the input, never over it: 讲话.docx → 讲话（批注）.docx; a .txt/.md gives a .docx."""
    source = Path(source)
    return source.with_name(source.stem + mark + ".docx")


def save(out: Path, fill, source: Path, force: bool, also: Sequence[Path] = ()) -> None:
    """Write ``out`` through ``fill(tmp)`` as every command writes: never over its inputs (``source``
    and ``also``), never over a file drafter did not make without ``force``, never a partial file."""
    from drafter.api import write_guarded
    from drafter.fsutil import refuse_inputs, write_atomic
    out = Path(out)
    refuse_inputs(out, [Path(p) for p in also])
    write_guarded(out, lambda: write_atomic(out, fill, Path(source)), source=Path(source), force=force)


def annotate(path: Path, *, fix: bool = False, settings=None, profile=None, reference_docx=None):
    """``drafter check --annotate [--fix]``: (ReviewResult, fill) where ``fill(tmp)`` writes the
    annotated file. A .docx is the clerk's own file with comments (and tracked corrections); a
    .txt/.md is typeset first."""
    from drafter import formats
    kind = formats.accept(Path(path), "annotate")
    if kind.name == formats.DOCX:
        return _annotate_docx(Path(path), fix, settings)
    return _annotate_typeset(Path(path), fix, settings, profile, reference_docx)


def _require_text(draft: d.Draft, path: Path) -> None:
    from drafter.typeset import require_text
    require_text(draft, path)


def _annotate_docx(path: Path, fix: bool, settings):
    from drafter.checker import check_draft
    from drafter.read.reader import read_docx_traced
    from drafter.write.patch import Patch
    from drafter.write.review import Ids, Stamp
    patch = Patch(path)
    draft, paras = read_docx_traced(path, patch.root)
    _require_text(draft, path)
    if fix and draft.tracked:
        raise TrackedChanges(len(draft.tracked), Location(path), ACCEPT_IN_WORD + "；或不加 --fix，只加批注。")
    findings = check_draft(draft, settings=settings)
    result = ReviewResult(findings=findings)      # the file is kept whole: the reader's warnings do not apply
    places = source_places(draft, paras)
    stamp, ids = Stamp.now(), Ids(patch.root, patch.existing_comments())
    done: List[Tuple[int, int, int]] = []
    if fix:
        log: List[Correction] = []
        after = clean(draft, log)
        _, done = _track(draft, after, log, result, places, ids, stamp, patch.root, holds_new=False)
    shown = _unfixed(findings, draft, done)
    result.comments, result.unplaced = add_comments(shown, draft, places, patch.comments(), ids, stamp)
    return result, patch.write


def _track(before: d.Draft, after: d.Draft, log: List[Correction], result: ReviewResult, places, ids, stamp,
           root, holds_new: bool):
    """Each correction from ``before`` to ``after`` written as a tracked change; the result counts
    the revisions and splits the log into corrections made and those that could not be placed.
    Returns (the block diff, the (block, start, end) stretches changed)."""
    from drafter.write.review import count_changes
    ops = diff_blocks(before, after)
    _, done, failed = track_corrections(ops, before, after, places, ids, stamp, holds_new=holds_new)
    result.revisions = count_changes(root)
    failed_lines = {before.blocks[i].line for i in failed}
    result.corrections = [c for c in log if c.line not in failed_lines]
    result.not_applied = [c for c in log if c.line in failed_lines]
    return ops, done


def _unfixed(findings: Sequence[Finding], draft: d.Draft, done: List[Tuple[int, int, int]]) -> List[Finding]:
    """The findings no tracked correction speaks for: a fixable finding whose characters a
    correction changed is said by its revision, not again by a comment."""
    by_block: Dict[int, List[Tuple[int, int]]] = {}
    for i, a, b in done:
        by_block.setdefault(i, []).append((a, b))
    out = []
    for f in findings:
        stretches = by_block.get(f.block) if f.fixable and f.span is not None else None
        if stretches:
            text = draft.blocks[f.block].text
            s = _checker_to_block(text, f.span[0])
            e = _checker_to_block(text, f.span[1] - 1) + 1
            if any(a < e and s < b or a == b == s for a, b in stretches):
                continue
        out.append(f)
    return out


def _annotate_typeset(path: Path, fix: bool, settings, profile, reference_docx):
    from drafter.checker import check_draft
    from drafter.read.reader import read_draft
    draft = read_draft(path, "annotate")
    _require_text(draft, path)
    findings = check_draft(draft, settings=settings)
    log: List[Correction] = []
    after = clean(draft, log) if fix else clean(draft, keep_text=True)
    result = ReviewResult(findings=findings, warnings=list(draft.warnings))
    fill = _typeset_with_review(draft, after, result, findings if not fix else None, profile, reference_docx,
                                fix_log=log if fix else None)
    return result, fill


def track_changes(before: d.Draft, after: d.Draft, log: List[Correction], *, profile=None, reference_docx=None):
    """``drafter format --track-changes``: (ReviewResult, fill) for the typeset ``after`` with each
    correction from ``before`` as a tracked change."""
    result = ReviewResult(warnings=list(after.warnings))
    fill = _typeset_with_review(before, after, result, None, profile, reference_docx, fix_log=log)
    return result, fill


def _typeset_with_review(before: d.Draft, after: d.Draft, result: ReviewResult, findings, profile,
                         reference_docx, fix_log: Optional[List[Correction]] = None):
    """Typeset ``after``; corrections from ``before`` as tracked changes when ``fix_log`` is given,
    and comments for the findings (all of them, or with corrections the unfixed ones)."""
    from drafter.profile.load import load_profile
    from drafter.write.docx import build_document
    from drafter.write.review import Ids, Stamp, comments_part
    document = build_document(after, profile or load_profile(), reference_docx)
    places = written_places(after, document)
    stamp, ids = Stamp.now(), Ids(document.element)
    done: List[Tuple[int, int, int]] = []
    ops: Dict[int, list] = {}
    if fix_log is not None:
        ops, done = _track(before, after, fix_log, result, places, ids, stamp, document.element, holds_new=True)
    if findings is None and result.findings:
        findings = _unfixed(result.findings, before, done)
    if findings:
        result.comments, result.unplaced = add_comments(findings, before, _Through(places, before), comments_part(document),
                                                        ids, stamp, through=ops or None)
    return lambda tmp: document.save(str(tmp))


def format_tracked(source: Path, *, command: str = "format", accept_changes: bool = False, profile=None,
                   reference_docx=None):
    """``drafter format --track-changes`` of a file: (FormatResult, ReviewResult, fill). The draft is
    read as ``format`` reads it for a Word output (pictures, notes, comments carried; the source's
    own tracked changes stop it unless ``accept_changes``)."""
    from drafter.typeset import format_draft, read_for_format
    before = read_for_format(Path(source), command, carry=True, accept_changes=accept_changes)
    result = format_draft(before)
    review, fill = track_changes(before, result.draft, result.corrections, profile=profile,
                                 reference_docx=reference_docx)
    return result, review, fill


class _Through(Places):
    """Places of the old draft's blocks in a file that holds the new text: same blocks, and each
    old offset is mapped through the block's diff by add_comments."""

    def __init__(self, places: Places, before: d.Draft) -> None:
        super().__init__(before.blocks, places.candidates)
        self.after_places = places

    def chars(self, i: int):
        return self.after_places.chars(i)

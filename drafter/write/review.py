"""Word's own review marks in raw OOXML: comments anchored on characters, tracked insertions and deletions.

What Word itself writes (ECMA-376 Part 1, 17.13.4 and 17.13.5), so that Word, WPS and LibreOffice
show them in their review panes, and *accept all* / *reject all* work:

- a comment: ``w:commentRangeStart`` before its first character, ``w:commentRangeEnd`` after its
  last, then a run holding ``w:commentReference``, all with the id of a ``w:comment`` (author,
  initials, date; paragraphs of text, the first opening with ``w:annotationRef``) in the comments
  part (word/comments.xml, related from the main part);
- a revision: runs wrapped in ``w:ins`` (text inserted) or ``w:del`` (text deleted, held in
  ``w:delText``), each with an id, an author and a date; a paragraph inserted or deleted whole also
  has its paragraph mark marked (``w:pPr/w:rPr/w:ins`` or ``w:del``).

Characters are found through ``ParaText``: a paragraph's text as pieces, each with the element it
came from (a w:t, w:tab, w:br …, or None for text not in the XML, such as an automatic number). A
run is split where a mark must stand inside it; the pieces around keep the run's properties, so
the page looks the same. Nothing here knows a finding, a correction or a genre.
"""
from __future__ import annotations

import copy
import datetime as dt
import os
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
AUTHOR = "drafter"
# Children of w:pPr that come after w:rPr (ECMA-376 Part 1, 17.3.1.26).
_AFTER_RPR = (W + "sectPr", W + "pPrChange")
_TEXT_TAGS = {W + "t": W + "delText", W + "instrText": W + "delInstrText"}


@dataclass(frozen=True)
class Stamp:
    """Who made a comment or revision, and when (ISO 8601, UTC, as Word writes it)."""

    author: str = AUTHOR
    initials: str = "D"
    date: str = ""

    def later(self, seconds: int = 120) -> "Stamp":
        """The same author two minutes later. LibreOffice (7.4, measured) joins tracked changes of
        one author and kind made within a minute of each other that touch across a paragraph
        break, and the joined change then takes the break with it: a paragraph added whole right
        after a paragraph that ends in added text would, on *reject all*, take the paragraph
        before it along. Whole paragraphs are therefore stamped apart from changes within them."""
        when = dt.datetime.strptime(self.date, "%Y-%m-%dT%H:%M:%SZ") + dt.timedelta(seconds=seconds)
        return Stamp(self.author, self.initials, when.strftime("%Y-%m-%dT%H:%M:%SZ"))

    @staticmethod
    def now(author: str = AUTHOR, initials: str = "D") -> "Stamp":
        """Now; SOURCE_DATE_EPOCH, when set, fixes the time (reproducible builds and tests)."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.isdigit() \
            else dt.datetime.now(dt.timezone.utc)
        return Stamp(author, initials, when.strftime("%Y-%m-%dT%H:%M:%SZ"))


class Ids:
    """Fresh w:id values, above every id already in the parts given (comments, revisions and
    bookmarks share nothing then, whatever a reader assumes about their numbering)."""

    def __init__(self, *roots) -> None:
        top = -1
        for root in roots:
            if root is None:
                continue
            for el in root.iter():
                value = el.get(W + "id") if isinstance(el.tag, str) else None
                if value is not None and value.lstrip("-").isdigit():
                    top = max(top, int(value))
        self.next = top + 1

    def take(self) -> str:
        self.next += 1
        return str(self.next - 1)


def w(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(W + tag, {W + k: v for k, v in attrs.items()})


def _stamped(tag: str, ids: Ids, stamp: Stamp) -> etree._Element:
    return w(tag, id=ids.take(), author=stamp.author, date=stamp.date)


# -- a paragraph's text and where each character is -------------------------------------------
class ParaText:
    """The text of one w:p as ``leaves``: (element, text) in order; element None for text that is
    not in the XML. Offsets are into the concatenated text."""

    def __init__(self, p: etree._Element, leaves: Sequence[Tuple[Optional[etree._Element], str]]) -> None:
        self.p = p
        self.leaves: List[Tuple[Optional[etree._Element], str]] = list(leaves)
        self.ours: set = set()          # wrappers made here: marks go around them, not inside

    @classmethod
    def of_written(cls, p: etree._Element) -> "ParaText":
        """A paragraph drafter wrote (drafter.write.docx): runs of w:t and w:br."""
        leaves = []
        for r in p.iter(W + "r"):
            for c in r:
                if c.tag == W + "t":
                    leaves.append((c, c.text or ""))
                elif c.tag == W + "br" and c.get(W + "type") in (None, "textWrapping"):
                    leaves.append((c, "\n"))
                elif c.tag == W + "tab":
                    leaves.append((c, "\u3000"))
        return cls(p, [x for x in leaves if x[1]])

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.leaves)

    def _spans(self):
        pos = 0
        for i, (el, t) in enumerate(self.leaves):
            yield i, el, pos, pos + len(t)
            pos += len(t)

    def editable(self, start: int, end: int) -> bool:
        """Every character of [start, end) is in a run of the XML."""
        return all(el is not None and el.getparent() is not None and el.getparent().tag == W + "r"
                   for _, el, s, e in self._spans() if s < end and e > start)

    def cut(self, offset: int) -> None:
        """Make ``offset`` a run boundary: the runs before it and from it on are separate."""
        for i, el, s, e in list(self._spans()):
            if el is None:
                continue
            if s < offset < e:
                if el.tag != W + "t":
                    return                      # one character that cannot be cut
                k = offset - s
                text = el.text or ""
                second = etree.Element(el.tag)
                second.text = text[k:]
                el.text = text[:k]
                for t in (el, second):
                    t.set(XML_SPACE, "preserve")
                el.addnext(second)
                self.leaves[i:i + 1] = [(el, text[:k]), (second, text[k:])]
                _split_before(second)
                return
            if e == offset:
                nxt = el.getnext()
                if nxt is not None:
                    _split_before(nxt)
            elif s == offset:
                _split_before(el)
                return
            elif s > offset:
                return

    def runs(self, start: int, end: int) -> List[etree._Element]:
        """The runs holding [start, end) (after ``cut`` at both ends), in order."""
        out: List[etree._Element] = []
        for _, el, s, e in self._spans():
            if el is not None and s >= start and e <= end and e > s:
                r = el.getparent()
                if r is not None and r.tag == W + "r" and (not out or out[-1] is not r):
                    out.append(r)
        return out

    def run_from(self, offset: int) -> Optional[etree._Element]:
        """The run of the first character in the XML at or after ``offset``."""
        for _, el, s, e in self._spans():
            if el is not None and s >= offset and e > s and el.getparent() is not None:
                return self._outer(el.getparent())
        return None

    def run_before(self, offset: int) -> Optional[etree._Element]:
        """The run of the last character in the XML before ``offset``."""
        found = None
        for _, el, s, e in self._spans():
            if s >= offset:
                break
            if el is not None and el.getparent() is not None:
                found = el.getparent()
        return self._outer(found) if found is not None else None

    def _outer(self, el: etree._Element) -> etree._Element:
        while el.getparent() is not None and id(el.getparent()) in self.ours:
            el = el.getparent()
        return el

    def like(self, offset: int) -> Optional[etree._Element]:
        """The run whose properties new text at ``offset`` takes: the one before, else after."""
        for pick in (self.run_before, self.run_from):
            run = pick(offset)
            if run is not None:
                inner = next(run.iter(W + "r"), None) if run.tag != W + "r" else run
                if inner is not None:
                    return inner
        return None

    def place(self, new: etree._Element, offset: int) -> None:
        """Put ``new`` (a run, wrapper or marker) at ``offset``: after the run before it, else
        before the run from it, else at the end of the paragraph."""
        self.cut(offset)
        before = self.run_before(offset)
        if before is not None:
            before.addnext(new)
            return
        after = self.run_from(offset)
        if after is not None:
            after.addprevious(new)
        else:
            self.p.append(new)

    # -- revisions ---------------------------------------------------------------------------
    def wrap(self, start: int, end: int, tag: str, ids: Ids, stamp: Stamp) -> List[etree._Element]:
        """The runs of [start, end) inside ``w:ins`` or ``w:del`` wrappers (one per stretch of
        sibling runs); deleted text moves to w:delText."""
        self.cut(start)
        self.cut(end)
        runs = self.runs(start, end)
        wrappers: List[etree._Element] = []
        group: List[etree._Element] = []
        for r in runs + [None]:
            if r is not None and group and group[-1].getnext() is r:
                group.append(r)
                continue
            if group:
                wrapper = _stamped(tag, ids, stamp)
                group[0].addprevious(wrapper)
                wrapper.extend(group)
                self.ours.add(id(wrapper))
                wrappers.append(wrapper)
                if tag == "del":
                    for run in group:
                        _to_deleted(run)
            group = [r] if r is not None else []
        return wrappers

    def add(self, text: str, offset: int, tag: str, ids: Ids, stamp: Stamp,
            after: Optional[etree._Element] = None) -> etree._Element:
        """New text at ``offset`` as a tracked insertion or deletion (``tag``), in the properties
        of the run beside it; right after ``after`` when given."""
        wrapper = _stamped(tag, ids, stamp)
        wrapper.append(text_run(text, self.like(offset), deleted=tag == "del"))
        self.ours.add(id(wrapper))
        if after is not None:
            after.addnext(wrapper)
        else:
            self.place(wrapper, offset)
        return wrapper

    def replace(self, start: int, end: int, new: str, ids: Ids, stamp: Stamp) -> bool:
        """The XML holds the old text: [start, end) is deleted and ``new`` inserted after it, both
        tracked. False (nothing done) when part of the stretch is not in the XML."""
        if not self.editable(start, end) or end == start and not new:
            return False
        like = self.like(start)
        dels = self.wrap(start, end, "del", ids, stamp) if end > start else []
        if new:
            wrapper = _stamped("ins", ids, stamp)
            wrapper.append(text_run(new, like))
            self.ours.add(id(wrapper))
            if dels:
                dels[-1].addnext(wrapper)
            else:
                self.place(wrapper, start)
        return True

    def insert_tracked(self, start: int, end: int, old: str, ids: Ids, stamp: Stamp) -> bool:
        """The XML holds the new text: [start, end) is marked inserted and ``old`` added before it
        as deleted text, both tracked."""
        if not self.editable(start, end) or end == start and not old:
            return False
        like = self.like(start)
        ins = self.wrap(start, end, "ins", ids, stamp) if end > start else []
        if old:
            wrapper = _stamped("del", ids, stamp)
            wrapper.append(text_run(old, like, deleted=True))
            self.ours.add(id(wrapper))
            if ins:
                ins[0].addprevious(wrapper)
            else:
                self.place(wrapper, start)
        return True

    # -- comments ----------------------------------------------------------------------------
    def comment_start(self, offset: int, cid: str) -> etree._Element:
        self.cut(offset)
        marker = w("commentRangeStart", id=cid)
        run = self.run_from(offset)
        if run is not None:
            run.addprevious(marker)
        else:
            self.p.append(marker)
        return marker

    def comment_end(self, offset: int, cid: str, start: Optional[etree._Element] = None) -> None:
        """The end marker after the last character before ``offset``, and the reference run after
        it; right after ``start`` (the start marker) when the stretch holds no character in the XML."""
        self.cut(offset)
        marker = w("commentRangeEnd", id=cid)
        run = None if start is not None else self.run_before(offset)
        if run is not None:
            run.addnext(marker)
        elif start is not None:
            start.addnext(marker)
        else:
            self.p.append(marker)
        ref = w("r")
        ref.append(w("commentReference", id=cid))
        marker.addnext(ref)

    def has_text(self, start: int, end: int) -> bool:
        """[start, end) holds a character that is in the XML."""
        return any(el is not None and s < end and e > start for _, el, s, e in self._spans())


def _split_before(child: etree._Element) -> None:
    """Split the run holding ``child`` so that ``child`` opens a run of its own properties."""
    r = child.getparent()
    if r is None or r.tag != W + "r":
        return
    prev = child.getprevious()
    if prev is None or prev.tag == W + "rPr":
        return
    second = etree.Element(W + "r", attrib=dict(r.attrib))
    rpr = r.find(W + "rPr")
    if rpr is not None:
        second.append(copy.deepcopy(rpr))
    sib = child
    while sib is not None:
        nxt = sib.getnext()
        second.append(sib)
        sib = nxt
    r.addnext(second)


def _to_deleted(run: etree._Element) -> None:
    for el in run.iter(*_TEXT_TAGS):
        el.tag = _TEXT_TAGS[el.tag]


def text_run(text: str, like: Optional[etree._Element], deleted: bool = False) -> etree._Element:
    """A run of ``text`` in the properties of ``like``; a "\\n" is a line break."""
    r = w("r")
    rpr = like.find(W + "rPr") if like is not None else None
    if rpr is not None:
        rpr = copy.deepcopy(rpr)
        for change in rpr.findall(W + "rPrChange"):
            rpr.remove(change)
        r.append(rpr)
    for k, line in enumerate(text.split("\n")):
        if k:
            r.append(w("br"))
        if line:
            t = w("delText" if deleted else "t")
            t.text = line
            t.set(XML_SPACE, "preserve")
            r.append(t)
    return r


def mark_paragraph(p: etree._Element, tag: str, ids: Ids, stamp: Stamp) -> None:
    """The paragraph mark itself inserted or deleted (a paragraph added or removed whole)."""
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = w("pPr")
        p.insert(0, ppr)
    rpr = ppr.find(W + "rPr")
    if rpr is None:
        rpr = w("rPr")
        later = next((c for c in ppr if c.tag in _AFTER_RPR), None)
        if later is not None:
            later.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, _stamped(tag, ids, stamp))


def mark_table(tbl: etree._Element, tag: str, ids: Ids, stamp: Stamp) -> None:
    """A table inserted or deleted whole: each row marked (w:trPr), each run of its cells wrapped."""
    for tr in tbl.iter(W + "tr"):
        trpr = tr.find(W + "trPr")
        if trpr is None:
            trpr = w("trPr")
            tcs = tr.find(W + "tblPrEx")
            (tcs.addnext if tcs is not None else lambda x: tr.insert(0, x))(trpr)
        trpr.append(_stamped(tag, ids, stamp))
    for p in tbl.iter(W + "p"):
        pt = ParaText.of_written(p)
        if pt.text:
            pt.wrap(0, len(pt.text), tag, ids, stamp)
        mark_paragraph(p, tag, ids, stamp)


# -- the comments part ------------------------------------------------------------------------
def new_comments_root() -> etree._Element:
    return etree.Element(W + "comments", nsmap={"w": W_NS})


def comment(cid: str, stamp: Stamp, paragraphs: Iterable[str]) -> etree._Element:
    """A w:comment of plain paragraphs, the first opening with its reference mark as Word writes it."""
    c = w("comment", id=cid, author=stamp.author)
    for attr, value in (("date", stamp.date), ("initials", stamp.initials)):
        if value:
            c.set(W + attr, value)
    for k, text in enumerate(paragraphs):
        p = w("p")
        if k == 0:
            ref = w("r")
            ref.append(w("annotationRef"))
            p.append(ref)
        p.append(text_run(text, None))
        c.append(p)
    return c


def comments_part(document) -> etree._Element:
    """The comments part of a python-docx Document (drafter's own .docx), made if it has none."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    try:
        return document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        from docx.oxml.parser import parse_xml
        root = parse_xml(etree.tostring(new_comments_root()))
        part = XmlPart(PackURI("/word/comments.xml"), CT.WML_COMMENTS, root, document.part.package)
        document.part.relate_to(part, RT.COMMENTS)
        return part.element


def count_changes(root: etree._Element) -> int:
    """The tracked changes of a main part as a reviewer counts them in Word's or LibreOffice's
    list: a stretch of text inserted or deleted is one change; a paragraph added or removed whole
    (its text and its mark) is one, and so are paragraphs of one kind, author and time in a row;
    a table row's own mark goes with its cells, each cell a change. Stretches in different paragraphs are different
    changes unless the paragraph mark between them changed with them (LibreOffice 7.4 lists them
    so, measured in tests/test_review.py and tests/test_compare.py)."""
    count, open_key = 0, None
    for p in root.iter(W + "p"):
        if p.getparent() is not None and p.getparent().tag == W + "tc":
            open_key = None              # each cell's text is a change of its own
        for el in p.iter(W + "ins", W + "del", W + "r"):
            if el.tag == W + "r":
                if not _inside_revision(el, p) and any(c.tag in (W + "t", W + "tab", W + "br") for c in el):
                    open_key = None
                continue
            if el.getparent().tag in (W + "rPr", W + "trPr"):
                continue                 # a mark: the paragraph's is taken below, a row's goes with its cells
            key = (el.tag, el.get(W + "author"), el.get(W + "date"))
            if key != open_key:
                count += 1
                open_key = key
        mark = p.find(f"{W}pPr/{W}rPr")
        revised = None if mark is None else next((c for c in mark if c.tag in (W + "ins", W + "del")), None)
        if revised is None:
            open_key = None
            continue
        key = (revised.tag, revised.get(W + "author"), revised.get(W + "date"))
        if key != open_key:
            count += 1
            open_key = key
    return count


def _inside_revision(el: etree._Element, stop: etree._Element) -> bool:
    up = el.getparent()
    while up is not None and up is not stop:
        if up.tag in (W + "ins", W + "del"):
            return True
        up = up.getparent()
    return False

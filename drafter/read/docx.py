"""Reading any .docx into SourceParas, as Word shows it: every paragraph in body order, numbers included.

python-docx's ``paragraphs`` and ``runs`` skip hyperlinks, content controls, field results and
tables between paragraphs, so the document XML is walked directly (lxml, no entities, no network;
opened through docx_package). What the reader carries and how:

- paragraphs in body order, also inside content controls (w:sdt), custom XML, hyperlinks, smart
  tags, simple and complex fields (the result Word shows, never the field code) and ruby bases;
- Word's automatic numbering: the visible number (docx_numbering) opens the paragraph's text;
- styles through their basedOn chain: drafter's own (文稿标题 …, run styles 文内标题1..4 and
  文内条目), Title/Subtitle, Heading 1..9 / 标题 1..9 by name or by a Chinese Word id ("1"), and
  outline levels (0 → heading level 1, capped at 4); alignment centre and right (落款);
- a tab (w:tab, w:ptab) becomes a full-width space U+3000, the separator a Chinese typist means
  (区委书记　张三); a line break (w:br, w:cr) stays "\\n" inside its paragraph, as Word shows it,
  and the writers set it as a line break again; a page or column break is dropped, with a warning;
  w:sym gives its character (a symbol-font glyph in the private use area is dropped, with a
  warning); a non-breaking hyphen is "-", a soft hyphen nothing; hidden text (w:vanish) is dropped;
- tracked changes are taken as accepted: insertions kept, deletions dropped, with a warning;
- a table (w:tbl) is one SourcePara of kind TABLE whose ``cells`` is the full grid: a merged
  cell's text stands in its first grid cell and the cells it covers are empty, with a warning;
  paragraphs of one cell are joined with "\\n"; a nested table is flattened into its cell (rows
  by "\\n", cells by U+3000). A table counts as one body paragraph in ``line``;
- a text box's text follows the paragraph that anchors it, as paragraphs of their own with that
  paragraph's line; a footnote's or endnote's text follows its paragraph as 注1：…… / 尾注1：……;
- images, charts, shapes, embedded objects, equations, comments, section breaks, columns and
  header or footer text other than page numbers are not carried: each is a warning naming its
  paragraph (第12段：有一张图片，排版后的文稿中没有它);
- what the file links to outside itself (remote pictures, linked objects, fields that include or
  link outside content, a remote template) is never opened: each is a warning with its name and
  target (drafter.read.links).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from drafter.read import links
from drafter.read.numbering import Numbering
from drafter.read.package import W_NS, Package
from drafter.read.styles import Styles
from drafter.draft import (COMMENT, COMMENT_END, ITEM_STYLE_NAME, NOTE, PICTURE, TABLE, TENT_MARK, Comment, Note,
                           Picture, Run, head_run, item_run, object_run)
from drafter.errors import InputUnreadable, Location
from drafter.zh.markers import find_items
from drafter.read.source import RUNIN_STYLE, SourcePara

W = "{%s}" % W_NS
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
TAB = "\u3000"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
O_TITLE = "{urn:schemas-microsoft-com:office:office}title"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
EMU_PER = {"pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525}
MAX_COLUMNS = 63        # Word's own limit; a damaged span must not build a huge row
LINES_SHOWN = 10        # a warning on more paragraphs names the first ten and says 等
CELL_SEP = "\u3000"
_PASS_INLINE = {W + t for t in ("hyperlink", "smartTag", "customXml", "bdo", "dir", "fldSimple")}
_DROPPED = {W + "del", W + "moveFrom"}
# A tracked change of the paragraph itself: its mark inserted or deleted, its formatting changed.
_TRACKED_MARKS = (f"{W}rPr/{W}ins", f"{W}rPr/{W}del", W + "pPrChange")
TRACKED = "有修订，已按接受全部修订处理（插入的文字保留，删除的文字去掉）"
_KEPT = {W + "ins", W + "moveTo"}
# What a page number line holds besides the number: — 1 —, 第1页 共5页, Page 1 of 5.
_PAGE_MARKS = re.compile(r"第|页|共|Page|of|[\s\d—–\-/|·.．]")


def read_docx(path: Path, *, root=None, trace: bool = False, carry: bool = False,
              tracked: Optional[List[str]] = None) -> Tuple[List[SourcePara], List[str]]:
    """The paragraphs of ``path`` as Word shows them, and the warnings (Chinese, by paragraph)
    for what could not be carried. ``root``: the main part already parsed (drafter.review edits
    that tree); ``trace``: each paragraph records where its text is (SourcePara.leaves).

    ``carry`` (drafter format): inline pictures, footnotes and endnotes and comments become object
    runs at their place (drafter.draft.PICTURE, NOTE, COMMENT, COMMENT_END) instead of warnings;
    tracked changes are still read as accepted, and each is described in ``tracked`` (Chinese,
    by paragraph) instead of warned about, for the command to decide."""
    package = Package(Path(path))
    if root is None:
        root = package.xml(package.main)
    if root.tag != W + "document":
        raise InputUnreadable(f"“{package.main}”不是 Word 文稿的正文（根元素是 {_local(root.tag)}）",
                              Location(package.path), hint="请在 Word 或 WPS 中打开后另存为 .docx。")
    body = root.find(W + "body")
    if body is None:
        raise InputUnreadable("这个 .docx 文件没有正文（w:body），可能已损坏", Location(package.path),
                              hint="请在 Word 或 WPS 中打开后另存为 .docx。")
    reader = _Reader(package, trace, carry, listed=carry or tracked is not None)
    reader.block_content(body)
    if tracked is not None:
        tracked.extend(reader.tracked)
    reader.headers_and_footers(body)
    reader.loose.extend(links.remaining_warnings(package.all_external(), reader.linked))
    return reader.paras, reader.warnings()


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1]


class _Reader:
    """The walk over one document; paragraphs and warnings collect on it in body order."""

    def __init__(self, package: Package, trace: bool = False, carry: bool = False, listed: bool = False) -> None:
        self.package = package
        self.trace = trace
        self.carry = carry
        self.listed = listed                           # tracked changes described, not warned about
        self.pending: List[Run] = []                   # object runs met inside a run, in order
        self.tracked: List[str] = []                   # carry: the tracked changes, described
        self.started: Set[str] = set()                 # carry: comments whose start was met
        self._comments: Optional[Dict[str, Comment]] = None
        self.rels = package.relationships(package.main)
        self.leaves: Optional[List[Tuple[object, str]]] = None     # the paragraph being read, traced
        self.loose: List[str] = []                     # warnings not tied to a paragraph
        self.styles = Styles(package.optional_xml(package.related("styles"), self.loose, "样式定义"))
        numbering = package.optional_xml(package.related("numbering"), self.loose, "自动编号定义")
        self.numbering = Numbering(numbering, self.styles.numbering_styles())
        self.has_numbering = numbering is not None
        self.notes = {kind: self._notes(kind) for kind in ("footnotes", "endnotes")}
        self.note_count = {"footnotes": 0, "endnotes": 0}
        self.paras: List[SourcePara] = []
        self.by_line: Dict[int, List[str]] = {}        # line -> warnings, in order of appearance
        self.line = 0
        self.fields: List[bool] = []                   # open complex fields: True once in the result
        self.codes: List[List[str]] = []               # the field code of each open field, as read
        self.external = package.external(package.main)  # rId -> (type, target) outside the package
        self.linked: Set[Tuple[str, str]] = set()      # outside targets already named by paragraph

    # -- warnings ------------------------------------------------------------------------------
    def warn(self, line: int, message: str) -> None:
        found = self.by_line.setdefault(line, [])
        if message not in found:
            found.append(message)

    def warnings(self) -> List[str]:
        out = list(self.loose)
        groups: Dict[str, List[int]] = {}
        for line in sorted(self.by_line):
            for message in self.by_line[line]:
                groups.setdefault(message, []).append(line)
        for message, lines in groups.items():
            shown = "、".join(str(n) for n in lines[:LINES_SHOWN]) + ("等" if len(lines) > LINES_SHOWN else "")
            out.append(f"第{shown}段：{message}")
        return out

    # -- block level ---------------------------------------------------------------------------
    def block_content(self, container, line: Optional[int] = None) -> None:
        """Paragraphs and tables of ``container`` (the body, a cell, a text box, a note) in order.
        With ``line`` they are not body paragraphs and take that line; otherwise each counts."""
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child, line)
            elif tag == W + "tbl":
                self.table(child, line)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.block_content(content, line)
            elif tag in (W + "customXml",) or tag in _KEPT:
                self.block_content(child, line)
            elif tag == W + "altChunk":
                self.warn(line or self.line or 1, "有一段嵌入的外部内容（altChunk），排版后的文稿中没有它")
            elif tag == W + "sectPr":
                self._section(child, line or self.line)
            elif tag == MC + "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.block_content(branch, line)

    def paragraph(self, p, line: Optional[int] = None) -> None:
        if line is None:
            self.line += 1
        here = line if line is not None else self.line
        ppr = p.find(W + "pPr")
        info = self.styles.paragraph(ppr, here, self.warn)
        if ppr is not None and any(ppr.find(tag) is not None for tag in _TRACKED_MARKS):
            self._tracked(here, "段落标记或格式的修订", "")
        runs: List[Run] = []
        after: List[Tuple[str, object]] = []
        leaves = self.leaves = [] if self.trace else None
        number = self._number(ppr, info.style_id, here)
        if number:
            runs.append(Run(number))
            self._leaf(None, number)
        self.inline(p, runs, after, here)
        self.leaves = None
        # A field code does not run past its paragraph; one left open by a damaged file is
        # closed here, or it would hide the rest of the document.
        kept = [(f, c) for f, c in zip(self.fields, self.codes) if f]
        self.fields, self.codes = [f for f, _ in kept], [c for _, c in kept]
        if ppr is not None and ppr.find(W + "sectPr") is not None:
            self._section(ppr.find(W + "sectPr"), here)
            self.warn(here, "此处有分节符，排版后的文稿只有一节")
        para = SourcePara(here, _trimmed(_merged(runs)), info.kind, info.level, info.centred, info.right,
                          element=p if self.trace else None, leaves=leaves, nested=line is not None)
        if para.text or any(r.is_object for r in para.runs):
            self.paras.append(para)
        for what, item in after:
            if what == "textbox":
                self.block_content(item, here)
            else:
                self._note(what, item, here)

    def table(self, tbl, line: Optional[int] = None) -> None:
        if line is None:
            self.line += 1
        here = line if line is not None else self.line
        grid: List[List[str]] = []
        merged = False
        for tr in _children(tbl, "tr"):
            row: List[str] = []
            trpr = tr.find(W + "trPr")
            row.extend([""] * _capped(_number_attr(trpr, "gridBefore", 0)))
            for tc in _children(tr, "tc"):
                tcpr = tc.find(W + "tcPr")
                span = max(1, _capped(_number_attr(tcpr, "gridSpan", 1)))
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                continues = vmerge is not None and vmerge.get(W + "val") in (None, "continue")
                text = "" if continues else self._cell_text(tc, here)
                merged = merged or span > 1 or vmerge is not None
                row.extend([text] + [""] * (span - 1))
            row.extend([""] * _capped(_number_attr(trpr, "gridAfter", 0)))
            grid.append(row)
        width = max((len(r) for r in grid), default=0)
        if not width:
            return
        cells = tuple(tuple(r + [""] * (width - len(r))) for r in grid)
        if merged:
            self.warn(here, "表格中有合并的单元格，已按网格拆开，文字在合并区域的第一格")
        self.paras.append(SourcePara(here, [], TABLE, cells=cells))

    def _cell_text(self, tc, line: int) -> str:
        outer, self.paras = self.paras, []
        try:
            self.block_content(tc, line)
            parts = []
            for p in self.paras:
                if p.cells:
                    self.warn(line, "表格中嵌套的表格已并入所在的单元格")
                    parts.extend(CELL_SEP.join(c for c in row if c) for row in p.cells)
                else:
                    parts.append(p.text)
            return "\n".join(t for t in parts if t)
        finally:
            self.paras = outer

    # -- inline level --------------------------------------------------------------------------
    def inline(self, el, runs: List[Run], after: List, line: int) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "r":
                self.run(child, runs, after, line)
            elif tag in _PASS_INLINE:
                if tag == W + "fldSimple":
                    self._field_code(child.get(W + "instr") or "", line)
                self.inline(child, runs, after, line)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, runs, after, line)
            elif tag in _KEPT:
                self._tracked(line, "插入" if tag == W + "ins" else "移入", _texts(child, W + "t"))
                self.inline(child, runs, after, line)
            elif tag in _DROPPED:
                self._tracked(line, "删除" if tag == W + "del" else "移出", _texts(child, W + "delText", W + "t"))
            elif tag in (M + "oMath", M + "oMathPara"):
                self.warn(line, "有公式，排版后的文稿中没有它")
            elif tag == W + "commentRangeStart":
                if self.carry and self._comment(child.get(W + "id")) is not None:
                    self.started.add(child.get(W + "id"))
                    runs.append(object_run(COMMENT, self._comment(child.get(W + "id"))))
                else:
                    self.warn(line, "有批注，批注没有带入排版后的文稿")
            elif tag == W + "commentRangeEnd":
                if self.carry and self._comment(child.get(W + "id")) is not None:
                    runs.append(object_run(COMMENT_END, self._comment(child.get(W + "id"))))
            elif tag == MC + "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.inline(branch, runs, after, line)

    def run(self, r, runs: List[Run], after: List, line: int) -> None:
        rpr = r.find(W + "rPr")
        role_of = self._role(rpr)
        if rpr is not None and rpr.find(W + "rPrChange") is not None:
            self._tracked(line, "文字格式的修订", "")
        if self.styles.hidden(rpr):
            if any(t.text for t in r.iter(W + "t")):
                self.warn(line, "有隐藏文字，排版后的文稿中没有它")
            return
        for c in r:
            tag = c.tag
            if tag == W + "fldChar":
                kind = c.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                    self.codes.append([])
                elif kind == "separate" and self.fields:
                    self._field_code("".join(self.codes[-1]), line)
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    if not self.fields[-1]:
                        self._field_code("".join(self.codes[-1]), line)
                    self.fields.pop()
                    self.codes.pop()
                continue
            if not all(self.fields):
                if tag == W + "instrText" and not self.fields[-1]:
                    self.codes[-1].append(c.text or "")
                continue                        # inside a field code: not what Word shows
            text = self._run_child(c, tag, after, line)
            if text:
                runs.append(role_of(text))
            if self.pending:
                runs.extend(self.pending)
                self.pending.clear()

    def _leaf(self, el, text: str) -> str:
        """A piece of the paragraph's text, recorded with its element when tracing."""
        if self.leaves is not None and text:
            self.leaves.append((el, text))
        return text

    def _run_child(self, c, tag, after: List, line: int) -> str:
        if tag == W + "t":
            return self._leaf(c, c.text or "")
        if tag in (W + "tab", W + "ptab"):
            return self._leaf(c, TAB)
        if tag == W + "br":
            kind = c.get(W + "type")
            if kind in ("page", "column"):
                self.warn(line, "有分页符或分栏符，排版后的文稿由版式重新分页")
                return ""
            return self._leaf(c, "\n")
        if tag == W + "cr":
            return self._leaf(c, "\n")
        if tag == W + "noBreakHyphen":
            return self._leaf(c, "-")
        if tag == W + "sym":
            return self._leaf(c, self._symbol(c, line))
        if tag in (W + "drawing", W + "pict", W + "object"):
            picture = self._picture(c, line) if self.carry and tag != W + "object" else None
            if picture is not None:
                self.pending.append(object_run(PICTURE, picture))
            else:
                self._graphic(c, after, line)
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            kind = "footnotes" if tag == W + "footnoteReference" else "endnotes"
            note = self._carried_note(kind, c.get(W + "id"), line) if self.carry else None
            if note is not None:
                self.pending.append(object_run(NOTE, note))
            else:
                after.append((kind, c.get(W + "id")))
        elif tag == W + "commentReference":
            key = c.get(W + "id")
            comment = self._comment(key) if self.carry else None
            if comment is None:
                self.warn(line, "有批注，批注没有带入排版后的文稿")
            elif key not in self.started:        # a comment on a point, not on a stretch of text
                self.started.add(key)
                self.pending += [object_run(COMMENT, comment), object_run(COMMENT_END, comment)]
        elif tag == W + "ruby":
            base = c.find(W + "rubyBase")
            if base is not None:
                inner: List[Run] = []
                self.inline(base, inner, after, line)
                return "".join(x.text for x in inner)
        elif tag == MC + "AlternateContent":
            branch = _branch(c)
            if branch is not None:
                return "".join(self._run_child(x, x.tag, after, line) for x in branch)
        return ""

    def _symbol(self, sym, line: int) -> str:
        code = sym.get(W + "char") or ""
        try:
            value = int(code, 16)
        except ValueError:
            value = -1
        if value >= 0xF000 and value <= 0xF0FF or value < 0x20 or value > 0x10FFFF:
            self.warn(line, f"有一个符号字体的符号（{sym.get(W + 'font') or '未知字体'} {code}），排版后的文稿中没有它")
            return ""
        return chr(value)

    def _field_code(self, code: str, line: int) -> None:
        message = links.field_warning(code)
        if message:
            self.warn(line, message)

    def _graphic(self, el, after: List, line: int) -> None:
        boxes = _outer_boxes(el)
        if _tent_half(el):      # drafter's own table tent: the name once, from the upright half
            after.extend(("textbox", box) for box in boxes)
            return
        for box in boxes:
            after.append(("textbox", box))
            self.warn(line, "有文本框，其中的文字已作为单独的段落放在该段之后，文本框本身没有保留")
        linked = list(links.graphic_warnings(el, self.external, el.tag == W + "object"))
        for rel_type, target, message in linked:
            self.linked.add((rel_type, target))
            self.warn(line, message)
        if linked:
            return
        names = {_local(x.tag) for x in el.iter() if isinstance(x.tag, str)}
        if el.tag == W + "object":          # an embedded sheet or old equation, shown as a picture
            self.warn(line, "有一个嵌入对象，排版后的文稿中没有它")
        elif "pic" in names or "imagedata" in names:
            self.warn(line, "有一张图片，排版后的文稿中没有它")
        elif "chart" in names:
            self.warn(line, "有一个图表，排版后的文稿中没有它")
        elif "relIds" in names:
            self.warn(line, "有一个 SmartArt 图形，排版后的文稿中没有它")
        elif not boxes:
            self.warn(line, "有一个图形，排版后的文稿中没有它")

    # -- what ``carry`` takes along ----------------------------------------------------------------
    def _picture(self, el, line: int) -> Optional[Picture]:
        """The picture a w:drawing (or a VML w:pict) shows, with its size, or None when it is
        something else (a text box, a chart, a shape) or its bytes are not in the file."""
        if _outer_boxes(el) or any(_local(x.tag) in ("chart", "relIds", "wsp", "wgp") for x in el.iter()
                                   if isinstance(x.tag, str)):
            return None
        blip = next(el.iter(A + "blip"), None)
        if blip is not None:
            rid = blip.get(R_EMBED)
            extent = next(el.iter(WP + "extent"), None)
            size = (_int_or(extent, "cx"), _int_or(extent, "cy")) if extent is not None else (0, 0)
            doc_pr = next(el.iter(WP + "docPr"), None)
            name = (doc_pr.get("descr") or doc_pr.get("name") or "") if doc_pr is not None else ""
            floating = next(el.iter(WP + "anchor"), None) is not None
        else:
            data = next(el.iter(V + "imagedata"), None)
            if data is None:
                return None
            rid = data.get(R_ID)
            shape = data.getparent()
            size = _vml_size(shape.get("style") or "") if shape is not None else (0, 0)
            name, floating = data.get(O_TITLE) or "", "position:absolute" in (shape.get("style") or "")
        rel = self.rels.get(rid or "")
        if rel is None or rel[1] not in self.package.names or not all(size) or min(size) <= 0:
            return None
        try:
            data_bytes = self.package.read(rel[1])
        except InputUnreadable:
            return None
        ext = rel[1].rsplit(".", 1)[-1].lower() if "." in rel[1] else "png"
        if floating:
            self.warn(line, "有一张浮动的图片，排版后嵌在该段文字之中（位置随文字移动）")
        return Picture(data_bytes, ext, size[0], size[1], name[:200])

    def _carried_note(self, kind: str, note_id, line: int) -> Optional[Note]:
        note = self.notes[kind].get(note_id)
        if note is None:
            return None
        outer, self.paras = self.paras, []
        leaves, self.leaves = self.leaves, None
        pending, self.pending = self.pending, []
        try:
            self.block_content(note, line)
            texts = tuple(p.text for p in self.paras if p.text)
        finally:
            self.paras, self.leaves, self.pending = outer, leaves, pending
        return Note(texts or ("",), endnote=kind == "endnotes")

    def _comment(self, key) -> Optional[Comment]:
        if self._comments is None:
            self._comments = {}
            root = self.package.optional_xml(self.package.related("comments"), self.loose, "批注")
            for c in (root if root is not None else ()):
                if c.tag != W + "comment":
                    continue
                paragraphs = tuple(_texts(p, W + "t") for p in c.iter(W + "p")) or ("",)
                cid = c.get(W + "id") or ""
                self._comments[cid] = Comment(cid, c.get(W + "author") or "", c.get(W + "initials") or "",
                                              c.get(W + "date") or "", paragraphs)
        return self._comments.get(key or "")

    def _tracked(self, line: int, what: str, text: str) -> None:
        if not self.listed:
            self.warn(line, TRACKED)
            return
        said = f"第{line}段：{what}“{text}”" if text else f"第{line}段：{what}"
        if text or said not in self.tracked:           # a paragraph's formatting changes: said once
            self.tracked.append(said)

    def _role(self, rpr):
        style = rpr.find(W + "rStyle") if rpr is not None else None
        name = self.styles.name(style.get(W + "val")) if style is not None else ""
        m = RUNIN_STYLE.match(name)
        if m:
            return lambda text: head_run(text, int(m.group(1)))
        if name == ITEM_STYLE_NAME:
            return item_run
        return Run

    # -- numbering, notes, sections ------------------------------------------------------------
    def _number(self, ppr, style_id: str, line: int) -> str:
        num_id, ilvl = self.styles.num_pr(ppr, style_id)
        if num_id is None or num_id == "0":
            return ""
        if not self.numbering.known(num_id):
            why = "文件中没有自动编号定义" if not self.has_numbering else f"编号定义中找不到编号 {num_id}"
            self.warn(line, f"有自动编号，但{why}，没有加上编号")
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, self.styles.num_style(ppr, style_id)) or 0
        found = self.numbering.next_number(num_id, ilvl)
        if found is None:
            self.warn(line, f"有自动编号，但编号 {num_id} 没有第{ilvl + 1}级的定义，没有加上编号")
            return ""
        text, level = found
        if level.fmt == "bullet":
            self.warn(line, "有项目符号，排版后的文稿中没有它")
        return text

    def _notes(self, kind: str) -> Dict[str, object]:
        root = self.package.optional_xml(self.package.related(kind), self.loose,
                                         "脚注" if kind == "footnotes" else "尾注")
        if root is None:
            return {}
        return {n.get(W + "id"): n for n in root if n.tag in (W + "footnote", W + "endnote")}

    def _note(self, kind: str, note_id, line: int) -> None:
        label, name = ("注", "脚注") if kind == "footnotes" else ("尾注", "尾注")
        note = self.notes[kind].get(note_id)
        self.note_count[kind] += 1
        n = self.note_count[kind]
        if note is None:
            self.warn(line, f"有{name}，但文件中找不到它的文字")
            return
        start = len(self.paras)
        self.block_content(note, line)
        if len(self.paras) > start and self.paras[start].kind != TABLE:
            first = self.paras[start]
            first.runs.insert(0, Run(f"{label}{n}："))
            first.kind, first.level, first.centred, first.right = None, 0, False, False
        self.warn(line, f"有{name}，其文字已作为“{label}1：”这样的段落放在该段之后，{name}本身没有保留")

    def _section(self, sect_pr, line: int) -> None:
        cols = sect_pr.find(W + "cols")
        if cols is not None and _number_attr(cols, "num", 1, attr=True) > 1:
            self.warn(line, "分了栏，排版后的文稿不分栏")

    def headers_and_footers(self, body) -> None:
        seen = set()
        for sect in body.iter(W + "sectPr"):
            for ref in sect:
                if ref.tag not in (W + "headerReference", W + "footerReference"):
                    continue
                target = self.package.rels.get(ref.get(R_ID), ("", ""))[1]
                if not target or target in seen:
                    continue
                seen.add(target)
                root = self.package.optional_xml(target, self.loose, "页眉页脚")
                if root is None:
                    continue
                text = _plain_text(root)
                what = "页眉" if ref.tag == W + "headerReference" else "页脚"
                if _PAGE_MARKS.sub("", text):
                    self.loose.append(f"{what}中的文字“{text.strip()[:30]}”没有带入排版后的文稿（页眉页脚由格式方案决定）")


def _plain_text(root) -> str:
    """The visible text of a header or footer: w:t outside field codes."""
    out, fields = [], []
    for el in root.iter(W + "t", W + "fldChar", W + "tab"):
        if el.tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif all(fields):
            out.append(el.text or " ")
    return "".join(out)


def _tent_half(el) -> bool:
    """A half of a table tent drafter wrote (drafter.write.tent): the upright text box, or the
    picture of the turned copy of the same name."""
    return any(x.get("descr") == TENT_MARK for x in el.iter(WP + "docPr"))


def _outer_boxes(el) -> list:
    """The text boxes of a drawing, but not those inside another box (read with their box)."""
    out = []
    for box in el.iter(W + "txbxContent"):
        up = box.getparent()
        while up is not None and up is not el and up.tag != W + "txbxContent":
            up = up.getparent()
        if up is el:
            out.append(box)
    return out


def _branch(alternate):
    """The branch of mc:AlternateContent to read: the first Choice (Word writes the same content
    again in Fallback for older readers, so reading both would double it)."""
    choice = alternate.find(MC + "Choice")
    return choice if choice is not None else alternate.find(MC + "Fallback")


def _children(el, name: str):
    """Rows of a table or cells of a row, also inside content controls and custom XML."""
    for child in el:
        if child.tag == W + name:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                yield from _children(inner, name)


def _number_attr(el, tag: str, default: int, attr: bool = False) -> int:
    """An integer w:val of child ``tag`` (or, with ``attr``, attribute ``tag``); ``default`` when
    absent or not a number (a damaged file must not stop the reading)."""
    if el is None:
        return default
    if attr:
        value = el.get(W + tag)
    else:
        child = el.find(W + tag)
        value = child.get(W + "val") if child is not None else None
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _capped(n: int) -> int:
    return min(max(n, 0), MAX_COLUMNS)


def _trimmed(runs: List[Run]) -> List[Run]:
    """Runs without the paragraph's leading and trailing white space: spaces, full-width and EM
    SPACEs typed as an indent are layout, not text. A picture, note or comment is not white space."""
    while runs and not runs[0].is_object and not runs[0].text.lstrip():
        runs = runs[1:]
    while runs and not runs[-1].is_object and not runs[-1].text.rstrip():
        runs = runs[:-1]
    if runs:
        runs = [runs[0].with_text(runs[0].text.lstrip())] + runs[1:]
        runs[-1] = runs[-1].with_text(runs[-1].text.rstrip())
    return runs


def _merged(runs: List[Run]) -> List[Run]:
    """Word splits runs at will: pieces of one role join again, but each 一是 starts an item."""
    out: List[Run] = []
    for run in runs:
        starts_item = run.is_item and any(o == 0 for o, _ in find_items(run.text, typed=True))
        if out and (out[-1].role, out[-1].level) == (run.role, run.level) and not starts_item \
                and not run.is_object:
            out[-1] = out[-1].with_text(out[-1].text + run.text)
        else:
            out.append(run)
    return out


def _texts(el, *tags) -> str:
    """The text of the elements ``tags`` inside ``el``, in order."""
    return "".join(x.text or "" for x in el.iter(*tags))


def _int_or(el, attr: str, default: int = 0) -> int:
    try:
        return int(el.get(attr))
    except (TypeError, ValueError):
        return default


def _vml_size(style: str) -> Tuple[int, int]:
    """(width, height) in EMU from a VML shape's style: ``width:72pt;height:36pt``."""
    found = {}
    for part in style.split(";"):
        key, _, value = part.partition(":")
        m = re.match(r"^\s*([\d.]+)\s*(pt|in|cm|mm|px)\s*$", value)
        if key.strip() in ("width", "height") and m:
            found[key.strip()] = int(float(m.group(1)) * EMU_PER[m.group(2)])
    return found.get("width", 0), found.get("height", 0)

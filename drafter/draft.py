"""The document model every stage meets at: renderer and readers build it, writers and checker read it.

A Draft is a flat list of blocks, like Word's paragraphs. Numbers (一、 （一） 一是) are already
part of the text when a Draft leaves the renderer, so writers and the checker see exactly what
the reader of the printed page sees.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterator, List, NamedTuple, Optional, Tuple

# Block kinds: the value of Block.kind.
TITLE = "title"            # 在……上的讲话; may hold "\n" where a long title breaks
SUBTITLE = "subtitle"      # ——副标题
BYLINE = "byline"          # speaker, date line （2025年1月6日）, reporter line
LEAD = "lead"              # publication line under a signed article's headline
SALUTATION = "salutation"  # 同志们：
HEADING = "heading"        # standalone heading, level 1..4
PARA = "para"              # body paragraph; may open with run-in heads
CLOSING = "closing"        # 谢谢大家！ and other closing lines set apart from the body
SIGNOFF = "signoff"        # 落款: unit and date at the end, set right
TABLE = "table"            # a table carried from a source .docx; cells in Block.cells
OUTLINE_TITLE = "outline-title"   # the 提纲/目录 page's own heading (提纲, 目录, 【提纲】)
OUTLINE = "outline"        # an entry of the 提纲 page before the speech, level 1..4 by its number
KICKER = "kicker"          # 引题: the line above a news headline's main title (……强调)
FURNITURE = "furniture"    # a web page's own words (正文复制, 发布时间…字数…): left out by transforms.clean
AGENDA = "agenda"          # 议程事项: one item of a meeting's agenda; its 一、 is in its text
CARD = "card"              # 桌签: a name on a table card, one a page

# The two halves of a table tent carry this as wp:docPr/@descr: the reader takes the name from the
# upright half and passes over the turned copy, both without a warning.
TENT_MARK = "drafter-tent"

# Where a kind stands in a draft.
FRONT = "front"            # before the body: title and the lines under it; not read aloud
BODY = "body"              # the speech itself; the first body block ends the front matter
END = "end"                # after the body: the 落款


class BlockKind(NamedTuple):
    """Everything drafter knows about one kind of block, in one row of BLOCK_KINDS.

    Every per-kind table (template tags, Word styles, profile keys, labels, what the text writers,
    readers, transforms, stats and the checker do with it) is derived from these rows. A kind with
    ``levels`` has a style per level: ``style``, ``style_id`` and ``profile_key`` hold ``{n}``.
    The defaults are those of a body paragraph. Format numbers stay in the profiles. (A NamedTuple,
    not a frozen dataclass: as immutable, and a quarter of the cost at every start-up.)
    """

    kind: str                   # Block.kind
    label: str                  # what `drafter format --dry-run` and messages call it
    tag: Optional[str]          # the template tag that writes it (genre.render); None: none does
    style: str                  # drafter's Word paragraph style name: written, and read back
    style_id: str               # its w:styleId
    profile_key: str            # styles.<key> in the profile YAMLs
    levels: int = 0             # levels 1..N, a style each (headings); 0: one style
    builtin: bool = False       # Word's own style (Heading N): restyled in place, kept in the default template
    outline: bool = False       # its levels are the document outline (w:outlineLvl, the navigation pane)
    part: str = BODY            # FRONT, BODY or END
    spoken: bool = True         # read aloud: counts in the speaking time
    counted: bool = True        # counts in 字数 at all
    numbered: bool = True       # its heads and items take part in the numbering
    proofread: bool = True      # the checker's text rules read it
    keep_spaces: bool = False   # a space inside is meant (names, units, dates): transforms keep it
    block_lines: bool = False   # consecutive lines form one block: no space between them (落款)
    own_page: bool = False      # each block of it starts a page (w:pageBreakBefore): 桌签
    page_after: bool = False    # the first block of another kind after it starts a new page (the 提纲 page)
    indent: bool = True         # .txt: opens with two full-width spaces, as a paragraph
    nested: bool = True         # the dry run shows it under its heading
    md: str = "{}"              # its Markdown line, the text at {} (outline kinds: a Markdown heading)
    marked: bool = True         # .txt/.md carry a mark (【label】, a custom-style div) to read it back;
                                # False: readers tell it by the shape of its text (read.classify)
    tent: bool = False          # .docx: printed as a table tent, the page folded across its middle:
                                # the text upright on the lower half, turned 180° on the upper (write.docx)

    def styles(self) -> Tuple[Tuple[int, str, str, str], ...]:
        """(level, profile key, style id, style name) of each paragraph style: one a level, or one."""
        if not self.levels:
            return ((0, self.profile_key, self.style_id, self.style),)
        return tuple((n, self.profile_key.format(n=n), self.style_id.format(n=n), self.style.format(n=n))
                     for n in range(1, self.levels + 1))

    def style_of(self, level: int = 0) -> Tuple[str, str, str]:
        """(profile key, style id, style name) of a block at ``level``; a level deeper than the kind
        has takes the deepest."""
        _, key, sid, name = self.styles()[min(max(level, 1), self.levels) - 1 if self.levels else 0]
        return key, sid, name

    def text_mark(self, level: int = 0) -> str:
        """What opens its line in .txt: 【label】, with the level when it has levels."""
        return f"【{self.label}{level or ''}】"


# In the order the profiles list their styles (and `drafter profile show` prints them). The kinds
# drafter has had from the start are told by their shape in .txt and .md, so they carry no mark.
BLOCK_KINDS = (
    BlockKind(TITLE, "标题", "title", "文稿标题", "DrafterTitle", "title", part=FRONT, spoken=False,
              proofread=False, keep_spaces=True, indent=False, nested=False, md="# {}", marked=False),
    BlockKind(SUBTITLE, "副标题", "subtitle", "文稿副题", "DrafterSubtitle", "subtitle", part=FRONT, spoken=False,
              proofread=False, keep_spaces=True, indent=False, nested=False, md="## {}", marked=False),
    BlockKind(BYLINE, "署名", "byline", "署名", "DrafterByline", "byline", part=FRONT, spoken=False,
              proofread=False, keep_spaces=True, indent=False, nested=False, md="*{}*", marked=False),
    BlockKind(LEAD, "出处", "lead", "出处", "DrafterLead", "lead", part=FRONT, spoken=False,
              keep_spaces=True, indent=False, nested=False, md="*{}*", marked=False),
    BlockKind(SALUTATION, "称谓", "salutation", "称谓", "DrafterSalutation", "salutation",
              indent=False, nested=False, marked=False),
    BlockKind(PARA, "正文", "para", "文稿正文", "DrafterBody", "body", marked=False),
    BlockKind(CLOSING, "结束语", "closing", "结束语", "DrafterClosing", "closing", nested=False, marked=False),
    BlockKind(HEADING, "小标题", "heading", "heading {n}", "Heading{n}", "heading{n}", levels=4, builtin=True,
              outline=True, nested=False, marked=False),
    BlockKind(SIGNOFF, "落款", "signoff", "落款", "DrafterSignoff", "signoff", part=END, proofread=False,
              keep_spaces=True, block_lines=True, indent=False, nested=False, marked=False),
    BlockKind(TABLE, "表格", None, "表格文字", "DrafterTable", "table", proofread=False, keep_spaces=True,
              indent=False, marked=False),
    # A 提纲 page before the speech: never numbered into it, not read aloud, a page of its own.
    BlockKind(OUTLINE_TITLE, "提纲页标题", "outline-title", "提纲页标题", "DrafterOutlineTitle", "outline_title",
              part=FRONT, spoken=False, counted=False, numbered=False, proofread=False, keep_spaces=True,
              page_after=True, indent=False, nested=False, marked=False),
    BlockKind(OUTLINE, "提纲", "outline", "提纲页 {n}", "DrafterOutline{n}", "outline{n}", levels=4, part=FRONT,
              spoken=False, counted=False, numbered=False, proofread=False, page_after=True, indent=False,
              nested=False, marked=False),
    BlockKind(KICKER, "引题", "kicker", "文稿引题", "DrafterKicker", "kicker", part=FRONT, spoken=False,
              proofread=False, keep_spaces=True, indent=False, nested=False, marked=False),
    # A web page's own words, kept only with --keep-text (transforms.clean leaves them out).
    BlockKind(FURNITURE, "网页文字", None, "网页文字", "DrafterWebText", "web_text", spoken=False, counted=False,
              numbered=False, proofread=False, keep_spaces=True, indent=False, marked=False),
    BlockKind(AGENDA, "议程事项", "agenda", "议程事项", "DrafterAgenda", "agenda", spoken=False, numbered=False),
    BlockKind(CARD, "桌签", "card", "桌签", "DrafterCard", "card", own_page=True, spoken=False, counted=False,
              numbered=False, proofread=False, keep_spaces=True, indent=False, nested=False, tent=True),
)
KIND_ROWS = {k.kind: k for k in BLOCK_KINDS}

# Run-in heads and 一是 items are runs in character styles.
RUNIN_STYLE_PREFIX = "文内标题"      # + level: 文内标题1..文内标题4
ITEM_STYLE_NAME = "文内条目"


class Role(str, Enum):
    """What a run is inside its paragraph."""

    TEXT = "text"     # ordinary body text
    HEAD = "head"     # run-in heading (（一）加强组织领导。), set in its level's font
    ITEM = "item"     # run-in 一是/二是 item head; takes the body font
    # What a source .docx holds inside a paragraph besides text (Run.obj, text ""): carried by
    # ``format`` into the typeset .docx at its place (drafter.write.inline); see OBJECTS.
    PICTURE = "picture"           # an inline picture (obj: Picture)
    NOTE = "note"                 # a footnote or endnote reference (obj: Note)
    COMMENT = "comment"           # where a comment's stretch of text starts (obj: Comment)
    COMMENT_END = "comment-end"   # … and where it ends (obj: the same Comment)


TEXT, HEAD, ITEM = Role.TEXT, Role.HEAD, Role.ITEM
PICTURE, NOTE, COMMENT, COMMENT_END = Role.PICTURE, Role.NOTE, Role.COMMENT, Role.COMMENT_END


class ObjectKind(NamedTuple):
    """One row per kind of object a paragraph can carry: what messages call it, and whether the
    text writers (.txt/.md) can show it (they cannot: they say so)."""

    role: Role
    label: str


OBJECTS = {k.role: k for k in (ObjectKind(PICTURE, "图片"), ObjectKind(NOTE, "注释"),
                               ObjectKind(COMMENT, "批注"))}
_OBJECT_ROLES = frozenset(OBJECTS) | {COMMENT_END}


# Objects are plain named tuples (immutable, equal by value like the frozen dataclasses they were):
# every command imports this module, and a dataclass costs about 1 ms to create.
class Picture(NamedTuple):
    """An inline picture as the source holds it: its bytes, their type (the part's extension),
    its size on the page in EMU (914,400 to the inch), and its name (alternative text)."""

    data: bytes
    ext: str
    width_emu: int
    height_emu: int
    name: str = ""


class Note(NamedTuple):
    """A footnote (or, with ``endnote``, an endnote): its paragraphs' text."""

    paragraphs: Tuple[str, ...]
    endnote: bool = False


class Comment(NamedTuple):
    """A Word comment carried from the source: ``key`` pairs its start and end runs."""

    key: str
    author: str
    initials: str
    date: str
    paragraphs: Tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """A stretch of text in one paragraph. A HEAD run has its heading ``level`` (1..4); an object
    run (a picture, a note, a comment's start or end) has no text and its ``obj``."""

    text: str
    role: Role = TEXT
    level: int = 0
    numbered: bool = True   # HEAD/ITEM: part of a numbered series
    pending: bool = False   # its number is still to be written (transforms.number_pending)
    obj: object = None      # PICTURE, NOTE, COMMENT, COMMENT_END: what it carries

    def __post_init__(self):
        if not isinstance(self.role, Role):
            raise TypeError(f"Run.role must be a Role, not {self.role!r}")

    @property
    def is_head(self) -> bool:
        return self.role is HEAD

    @property
    def is_item(self) -> bool:
        return self.role is ITEM

    @property
    def is_object(self) -> bool:
        return self.role in _OBJECT_ROLES

    def with_text(self, text: str) -> "Run":
        return Run(text, self.role, self.level, self.numbered, self.pending, self.obj)


def object_run(role: Role, obj) -> Run:
    return Run("", role, obj=obj)


def head_run(text: str, level: int, numbered: bool = True, pending: bool = False) -> Run:
    return Run(text, HEAD, level, numbered, pending)


def item_run(text: str, pending: bool = False) -> Run:
    return Run(text, ITEM, pending=pending)


@dataclass(frozen=True)
class Block:
    kind: str
    runs: Tuple[Run, ...]
    level: int = 0                 # headings: 1..4
    line: Optional[int] = None     # where it came from: questionnaire line or source paragraph/line
    numbered: bool = True          # False for headings the outline leaves unnumbered
    cells: Tuple[Tuple[str, ...], ...] = ()   # TABLE: rows of cell texts
    pending: bool = False          # HEADING: number and end still to be written by the engine

    @property
    def text(self) -> str:
        if self.kind == TABLE:
            return "\n".join("\t".join(row) for row in self.cells)
        return "".join(r.text for r in self.runs)

    def heads(self) -> Iterator[Run]:
        return (r for r in self.runs if r.role is HEAD or r.role is ITEM)

    def with_runs(self, runs) -> "Block":
        return Block(self.kind, tuple(runs), self.level, self.line, self.numbered, self.cells, self.pending)


@dataclass
class Draft:
    blocks: list = field(default_factory=list)
    outline_id: str = ""
    source: Optional[Path] = None
    time_limit_min: Optional[float] = None   # the speaking slot, if the questionnaire sets one
    rate_per_min: Optional[int] = None       # 字/分钟 read aloud, if the questionnaire sets one
    # Parts of the source that could not be carried (images, text boxes, footnotes …), in Chinese,
    # each naming where it was; the command prints them as warnings.
    warnings: List[str] = field(default_factory=list)
    # The source's tracked changes, read as accepted (drafter.read.docx with ``carry``): each
    # in Chinese with its paragraph. ``format`` stops on them unless told to take them so.
    tracked: List[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        for b in self.blocks:
            if b.kind == TITLE:
                return b.text.replace("\n", "")
        return ""

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def block(kind: str, text: str, **kw) -> Block:
    """A block of plain text: the common case for readers and tests."""
    return Block(kind, (Run(text),), **kw)

"""What drafter reads and writes, and which command reads what: three tables, one row each.

pandoc keeps one table of readers and one of writers; drafter does the same, so a new kind of file
is one row here plus the function the row names:

* ``INPUTS``: each kind of input file, its suffixes, the function that reads it into a Draft
  (``module:function``, imported only when a file of that kind is read) and what it needs
  (``LIBREOFFICE``: converted to .docx first);
* ``OUTPUTS``: each output format, its suffix, its writer and what it needs (``PROFILE``: typeset
  by a format profile and a unit template; ``LIBREOFFICE``);
* ``COMMANDS``: which kinds each command reads. Every command asks ``accept`` here, so they all
  refuse the same way: a draft kind is read by every command that reads drafts, a questionnaire
  by those that render one.

Nothing here imports more than the error classes: every command pays for this module.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

from drafter.errors import DrafterError, InputUnreadable, Location

QUESTIONNAIRE, DOCX, TXT, MD, LEGACY = "questionnaire", "docx", "txt", "md", "legacy"
LIBREOFFICE = "LibreOffice"     # installed on this machine (found by drafter.soffice.find_soffice)
PROFILE = "profile"             # a format profile (--profile) and an optional unit template (--reference-docx)


class _Row:
    """A table row: named fields, set once. (Plain classes: every command imports these tables, and
    a dataclass costs a millisecond or more to create.)"""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__) + ")"


class InputKind(_Row):
    __slots__ = ("name", "suffixes", "label", "reader", "draft", "needs")

    def __init__(self, name: str, suffixes: Tuple[str, ...], label: str, reader: str, draft: bool = True,
                 needs: Tuple[str, ...] = ()):
        self.name = name
        self.suffixes = suffixes
        self.label = label          # how a message names it
        self.reader = reader        # "module:function": a file of this kind -> Draft
        self.draft = draft          # a draft, read as it is written; False: a questionnaire, rendered
        self.needs = needs


INPUTS: Tuple[InputKind, ...] = (
    InputKind(QUESTIONNAIRE, (".yaml", ".yml"), "问卷", "drafter.api:draft_from_file", draft=False),
    InputKind(DOCX, (".docx",), "Word 文稿", "drafter.read.reader:docx_draft"),
    InputKind(TXT, (".txt", ".text"), "纯文本文稿", "drafter.read.reader:txt_draft"),
    InputKind(MD, (".md", ".markdown"), "Markdown 文稿", "drafter.read.reader:md_draft"),
    # Old binary Word and WPS files: converted to .docx through LibreOffice (drafter.read.legacy).
    InputKind(LEGACY, (".doc", ".wps"), "旧版 Word/WPS 文稿", "drafter.read.reader:legacy_draft",
              needs=(LIBREOFFICE,)),
)
_BY_SUFFIX: Dict[str, InputKind] = {s: k for k in INPUTS for s in k.suffixes}
DRAFT_KINDS = tuple(k.name for k in INPUTS if k.draft)
ALL_KINDS = tuple(k.name for k in INPUTS)


class OutputFormat(_Row):
    __slots__ = ("name", "suffix", "writer", "needs")

    def __init__(self, name: str, suffix: str, writer: str, needs: Tuple[str, ...] = ()):
        self.name = name
        self.suffix = suffix
        self.writer = writer        # "module:function"(draft, path, source=…; profile=, reference_docx= if PROFILE)
        self.needs = needs


# In the order the help lists them; the first is the default.
OUTPUT_FORMATS: Tuple[OutputFormat, ...] = (
    OutputFormat("docx", ".docx", "drafter.write.docx:write_docx", (PROFILE,)),
    OutputFormat("txt", ".txt", "drafter.write.text:write_text"),
    OutputFormat("md", ".md", "drafter.write.text:write_markdown"),
    OutputFormat("pdf", ".pdf", "drafter.write.pdf:write_pdf", (PROFILE, LIBREOFFICE)),
)
OUTPUTS: Dict[str, str] = {f.name: f.suffix for f in OUTPUT_FORMATS}
FORMATS = tuple(OUTPUTS)


class Command(_Row):
    __slots__ = ("label", "reads")

    def __init__(self, label: str, reads: Tuple[str, ...]):
        self.label = label          # how a message names it
        self.reads = reads          # input kinds


COMMANDS: Dict[str, Command] = {
    "render": Command("drafter render", (QUESTIONNAIRE,)),
    "outline": Command("drafter outline", (QUESTIONNAIRE,)),
    "check": Command("drafter check", ALL_KINDS),
    "stats": Command("drafter stats", ALL_KINDS),
    "format": Command("drafter format", DRAFT_KINDS),
    "import": Command("drafter import", DRAFT_KINDS),
    # comments written into the clerk's own file: a .docx as it is, a .txt/.md typeset first; an
    # old .doc/.wps would have to be converted, and the comments would not be in the clerk's file
    "annotate": Command("drafter check --annotate", (DOCX, TXT, MD)),
    "compare": Command("drafter compare", DRAFT_KINDS),
    "serve": Command("drafter serve", (QUESTIONNAIRE,)),
    # the workbench's upload buttons
    "serve-open": Command("工作台的“打开问卷”", (QUESTIONNAIRE,)),
    "serve-import": Command("工作台的“导入旧稿”", DRAFT_KINDS),
    "serve-format": Command("工作台的“给文稿排版”", DRAFT_KINDS),
    "serve-annotate": Command("工作台的“批注稿”", (DOCX, TXT, MD)),
    "serve-track": Command("工作台的“修订稿”", DRAFT_KINDS),
    "serve-compare": Command("工作台的“对照另一稿”", DRAFT_KINDS),
}


def input_kind(path: Path) -> Optional[InputKind]:
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def suffixes_of(*kinds: str) -> Tuple[str, ...]:
    return tuple(s for k in INPUTS if k.name in kinds for s in k.suffixes)


def reads(command: str) -> Tuple[str, ...]:
    """The input kinds ``command`` reads."""
    return COMMANDS[command].reads


def accept(path: Path, command: Optional[str], kinds: Optional[Tuple[str, ...]] = None) -> InputKind:
    """The kind of ``path`` if ``command`` reads it (narrowed to ``kinds`` if given; None: any
    kind, for library callers); one Chinese refusal otherwise, naming what the command reads."""
    cmd = COMMANDS[command] if command is not None else Command("drafter", ALL_KINDS)
    wanted = tuple(k for k in cmd.reads if kinds is None or k in kinds)
    kind = input_kind(path)
    if kind is not None and kind.name in wanted:
        return kind
    offered = "、".join(suffixes_of(*wanted))
    shown = Path(path).suffix or "无扩展名"
    if kind is None:
        raise InputUnreadable(f"不支持的文件类型“{shown}”：{cmd.label} 不能处理", Location(Path(path)),
                              hint=f"可以处理的文件：{offered}。")
    if command is not None and command.startswith("serve-"):
        # on the page, the way on is another button, not a command the clerk never typed
        mine = "serve-track" if command in ("serve-annotate", "serve-compare") else command
        others = "、".join(label for name, label in _SERVE_BUTTONS.items()
                          if kind.name in COMMANDS[name].reads and name != mine)
        elsewhere = f"{kind.label}请点页面上方的{others}。" if others else ""
    else:
        others = "、".join(c.label for name, c in COMMANDS.items() if kind.name in c.reads and not name.startswith("serve-"))
        elsewhere = f"{kind.label}请用 {others}。"
    raise InputUnreadable(f"{cmd.label} 不能处理{kind.label}（{shown} 文件）", Location(Path(path)),
                          hint=f"可以处理的文件：{offered}。{elsewhere}")


# The workbench's top-bar buttons, by the upload each one makes (审阅文稿 takes what 修订稿 reads).
_SERVE_BUTTONS = {"serve-open": "“打开问卷…”", "serve-import": "“导入旧稿…”", "serve-format": "“给文稿排版…”",
                  "serve-track": "“审阅文稿…”"}


def output_format(out: Optional[Path], fmt: Optional[str]) -> str:
    """The format to write: ``--format`` if given, else the output's suffix, else docx.

    An output whose suffix drafter does not write is refused rather than filled with a .docx:
    ``-o 讲话.yaml`` would otherwise replace a questionnaire with a Word file.
    """
    if fmt:
        output_row(fmt)
        return fmt
    if out is None:
        return FORMATS[0]
    suffix = Path(out).suffix.lower()
    for name, s in OUTPUTS.items():
        if s == suffix:
            return name
    raise DrafterError(f"不能写出“{Path(out).suffix or '无扩展名'}”文件", Location(Path(out)),
                       hint="输出文件的扩展名应是 " + "、".join(OUTPUTS.values()) + "，或用 --format 指明格式。")


def output_row(fmt: str) -> OutputFormat:
    for f in OUTPUT_FORMATS:
        if f.name == fmt:
            return f
    raise DrafterError(f"不支持的输出格式“{fmt}”", hint="可用的格式：" + "、".join(FORMATS))


def missing_tools(needs: Tuple[str, ...]) -> Tuple[str, ...]:
    """The tools among ``needs`` this machine lacks."""
    if LIBREOFFICE in needs:
        from drafter.soffice import find_soffice     # lazy: only a .doc or a PDF asks
        if find_soffice() is None:
            return (LIBREOFFICE,)
    return ()


def require_tools(needs: Tuple[str, ...], source: Optional[Path] = None) -> None:
    """Refuse, before any work is done, what this machine cannot do: read ``source`` (an input that
    must be converted), or, without ``source``, write a format that needs a tool."""
    if LIBREOFFICE not in missing_tools(needs):
        return
    from drafter.soffice import SAVE_AS_DOCX, require_soffice
    if source is not None:
        raise InputUnreadable(f"不能直接读取{Path(source).suffix}文件，本机也没有可用来转换的 LibreOffice",
                              Location(Path(source)), hint=SAVE_AS_DOCX)
    require_soffice()


def load(ref: str) -> Callable:
    """The function a table row names (``module:function``), imported now."""
    module, _, name = ref.partition(":")
    # __import__, not importlib.import_module: -X importtime (how start-up is measured) lists only the former.
    return getattr(__import__(module, fromlist=[name]), name)

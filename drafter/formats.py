"""What drafter reads and what it writes: one table of input kinds, one of output formats.

Every command asks here instead of checking suffixes itself (pandoc keeps one readers table and
one writers table), so a new kind of file is one row, and the CLI's choices come from the table.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

from drafter.errors import DrafterError, InputUnreadable, Location

QUESTIONNAIRE, DOCX, TXT, MD, LEGACY = "questionnaire", "docx", "txt", "md", "legacy"


@dataclass(frozen=True)
class InputKind:
    name: str
    suffixes: Tuple[str, ...]
    label: str                 # how a message names it


INPUTS: Tuple[InputKind, ...] = (
    InputKind(QUESTIONNAIRE, (".yaml", ".yml"), "问卷"),
    InputKind(DOCX, (".docx",), "Word 文稿"),
    InputKind(TXT, (".txt", ".text"), "纯文本文稿"),
    InputKind(MD, (".md", ".markdown"), "Markdown 文稿"),
    # Old binary Word and WPS files: converted to .docx through LibreOffice when it is there.
    InputKind(LEGACY, (".doc", ".wps"), "旧版 Word/WPS 文稿"),
)
_BY_SUFFIX: Dict[str, InputKind] = {s: k for k in INPUTS for s in k.suffixes}
DRAFT_KINDS = (DOCX, TXT, MD, LEGACY)          # what format and import read

# Output formats, in the order the help lists them; the first is the default.
OUTPUTS: Dict[str, str] = {"docx": ".docx", "txt": ".txt", "md": ".md", "pdf": ".pdf"}
FORMATS = tuple(OUTPUTS)


def input_kind(path: Path) -> Optional[InputKind]:
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def suffixes_of(*kinds: str) -> Tuple[str, ...]:
    return tuple(s for k in INPUTS if k.name in kinds for s in k.suffixes)


def require_input(path: Path, *kinds: str, command: str = "drafter") -> InputKind:
    """The kind of ``path``, which must be one of ``kinds``; a Chinese refusal otherwise."""
    kind = input_kind(path)
    if kind is None or kind.name not in kinds:
        offered = "、".join(s for s in suffixes_of(*kinds))
        shown = Path(path).suffix or "无扩展名"
        raise InputUnreadable(f"不支持的文件类型“{shown}”：{command} 不能处理", Location(Path(path)),
                              hint=f"可以处理的文件：{offered}。")
    return kind


def output_format(out: Optional[Path], fmt: Optional[str]) -> str:
    """The format to write: ``--format`` if given, else the output's suffix, else docx.

    An output whose suffix drafter does not write is refused rather than filled with a .docx:
    ``-o 讲话.yaml`` would otherwise replace a questionnaire with a Word file.
    """
    if fmt:
        if fmt not in OUTPUTS:
            raise DrafterError(f"不支持的输出格式“{fmt}”", hint="可用的格式：" + "、".join(FORMATS))
        return fmt
    if out is None:
        return FORMATS[0]
    suffix = Path(out).suffix.lower()
    for name, s in OUTPUTS.items():
        if s == suffix:
            return name
    raise DrafterError(f"不能写出“{Path(out).suffix or '无扩展名'}”文件", Location(Path(out)),
                       hint="输出文件的扩展名应是 " + "、".join(OUTPUTS.values()) + "，或用 --format 指明格式。")

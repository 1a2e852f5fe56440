"""``drafter format``: any draft → the document model → the same writers as ``render``.

The reader (``drafter.read.reader``) recognises the structure, the shared transforms
(``drafter.transforms.clean``) make the mechanical corrections and list each one, and the
writers typeset the result. Nothing here knows a genre or a format number.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from drafter import display
from drafter import draft as d
from drafter.errors import InputUnreadable, Location
from drafter.transforms import Correction, clean

OUTPUT_MARK = "（排版）"     # 手稿.docx → 手稿（排版）.docx beside it

KIND_LABELS = {k.kind: k.label for k in d.BLOCK_KINDS}
LEVEL_LABELS = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
_NESTED = frozenset(k.kind for k in d.BLOCK_KINDS if k.nested)      # shown under their heading


@dataclass
class FormatResult:
    draft: d.Draft
    corrections: List[Correction] = field(default_factory=list)

    @property
    def warnings(self) -> List[str]:
        return self.draft.warnings


def format_draft(draft: d.Draft, keep_text: bool = False) -> FormatResult:
    """The corrected draft and the list of corrections (none with ``keep_text``)."""
    log: List[Correction] = []
    return FormatResult(clean(draft, log, keep_text=keep_text), log)


def format_file(path: Path, keep_text: bool = False, command: str = "format", carry: bool = False,
                accept_changes: bool = True) -> FormatResult:
    """The corrected Draft of any draft file ``command`` reads (drafter.read.reader.read_draft);
    a draft with no text is refused.

    ``carry`` (an output that is a Word file): the source's pictures, notes and comments come
    along, and its tracked changes are not taken as accepted unless ``accept_changes`` says so —
    then each is listed among the warnings. Without ``carry`` the reader names what it leaves out."""
    return format_draft(read_for_format(Path(path), command, carry, accept_changes), keep_text)


ACCEPT_OPTION = "--accept-changes"


def read_for_format(path: Path, command: str = "format", carry: bool = True,
                    accept_changes: bool = False) -> d.Draft:
    """The Draft ``format`` typesets (see format_file); TrackedChanges when the source holds
    tracked changes and ``accept_changes`` is False."""
    from drafter.errors import ACCEPT_IN_WORD, TrackedChanges
    from drafter.read.reader import read_draft
    draft = require_text(read_draft(Path(path), command, carry=carry, tracked=not accept_changes or carry), path)
    if draft.tracked:
        if not accept_changes:
            raise TrackedChanges(len(draft.tracked), Location(Path(path)),
                                 ACCEPT_IN_WORD + f"；或加上 {ACCEPT_OPTION}，按接受全部修订处理（会列出每一处修订）。")
        draft.warnings.extend("按接受处理的修订：" + t for t in draft.tracked)
    return draft


def require_text(draft: d.Draft, path: Path) -> d.Draft:
    """``draft``, unless it holds no text at all (a blank file, a scanned page): refused."""
    if not any(b.text.strip() for b in draft.blocks):
        raise InputUnreadable("文稿中没有可识别的文字", Location(Path(path)),
                              hint="请确认文件不是空白的、不是扫描图片；图片中的文字需要先转成文字。")
    return draft


def format_step(src: Path, job) -> tuple:
    """The batch step of ``drafter format`` (drafter.batch.run_batch): a draft file → its
    corrected Draft, with the parts that could not be carried as warnings."""
    result = format_file(src, keep_text=bool(job.option("keep_text")), carry=job.fmt in ("docx", "pdf"),
                         accept_changes=bool(job.option("accept_changes")))
    return result.draft, [f"{display.text(src.name)}：{w}" for w in result.warnings]


def default_output(source: Path, fmt: str) -> Path:
    """Beside the input, never over it: 手稿.docx → 手稿（排版）.docx."""
    from drafter.api import default_output as beside
    return beside(source, fmt, OUTPUT_MARK)


# -- what --dry-run shows ------------------------------------------------------------------------
def _label(b: d.Block) -> str:
    if b.kind == d.HEADING:
        return LEVEL_LABELS.get(b.level, f"{b.level}级标题")
    kind = d.KIND_ROWS.get(b.kind)
    if kind is not None and kind.levels and b.level:
        return f"{kind.label}{b.level}"      # as its mark in .txt: 【label N】
    return KIND_LABELS.get(b.kind, b.kind)


def _snippet(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ").replace("\t", " | ")
    return text if len(text) <= limit else text[:limit] + "……"


def structure_tree(draft: d.Draft) -> str:
    """The recognised structure, one line a block, indented under its heading, with run-in heads
    and items below their paragraph."""
    lines = []
    depth = 0
    for b in draft.blocks:
        if b.kind == d.HEADING:
            depth = b.level
            indent = "  " * (b.level - 1)
        else:
            indent = "  " * depth if b.kind in _NESTED else ""
        where = f"{b.line:>4}" if b.line is not None else "    "
        if b.kind == d.TABLE:
            shape = f"{len(b.cells)} 行 × {max((len(r) for r in b.cells), default=0)} 列"
            lines.append(f"{where}  {indent}[{KIND_LABELS[d.TABLE]}] {shape}")
            continue
        lines.append(f"{where}  {indent}[{_label(b)}] {_snippet(b.text)}")
        for r in b.heads():
            kind = "条目" if r.is_item else (f"{LEVEL_LABELS.get(r.level, '')}（文内）"
                                              + ("" if r.numbered else "，无序号"))
            lines.append(f"      {indent}  └ [{kind}] {_snippet(r.text, 30)}")
    return "\n".join(lines)


def corrections_text(result: FormatResult, path: Optional[Path] = None) -> str:
    where = display.text(path) if path else ""
    out = []
    for c in result.corrections:
        line = f"{where}:{c.line}" if c.line is not None else where
        out.append(f"{line}: [{c.name}] “{c.before}” → “{c.after}”")
    return "\n".join(out)


def report_json(result: FormatResult, path: Path) -> str:
    """For tools: the blocks recognised, the corrections and the warnings."""
    blocks = []
    for b in result.draft.blocks:
        item = {"kind": b.kind, "level": b.level, "line": b.line, "text": b.text}
        if b.kind == d.TABLE:
            item["cells"] = [list(r) for r in b.cells]
        heads = [{"role": r.role.value, "level": r.level, "numbered": r.numbered, "text": r.text} for r in b.heads()]
        if heads:
            item["heads"] = heads
        blocks.append(item)
    data = {"file": str(path), "blocks": blocks,
            "corrections": [{"line": c.line, "rule": c.rule, "name": c.name, "before": c.before, "after": c.after}
                            for c in result.corrections],
            "warnings": list(result.warnings)}
    return json.dumps(data, ensure_ascii=False, indent=1)

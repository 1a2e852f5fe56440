"""``drafter format``: any draft → the document model → the same writers as ``render``.

The reader (``drafter.read.reader``) recognises the structure, the shared transforms
(``drafter.transforms.clean``) make the mechanical corrections and list each one, and the
writers typeset the result. Nothing here knows a genre or a format number.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from drafter.fsutil import private_temp
from drafter import draft as d
from drafter import formats
from drafter.errors import InputUnreadable, Location
from drafter.transforms import Correction, clean

OUTPUT_MARK = "（排版）"     # 手稿.docx → 手稿（排版）.docx beside it
LEGACY_TIMEOUT_S = 120

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


def read_source(path: Path) -> d.Draft:
    """The Draft of any draft file: .docx, .txt, .md, or .doc/.wps through LibreOffice."""
    from drafter.read.reader import read_draft
    path = Path(path)
    kind = formats.require_input(path, *formats.DRAFT_KINDS, command="drafter format")
    if not path.exists():
        raise InputUnreadable("文件不存在", Location(path), hint="请检查文件名和路径。")
    if kind.name == formats.LEGACY:
        with private_temp("doc") as tmp:
            draft = read_draft(convert_legacy(path, Path(tmp)))
        draft.source = path
    else:
        draft = read_draft(path)
    if not any(b.text.strip() for b in draft.blocks):
        raise InputUnreadable("文稿中没有可识别的文字", Location(path),
                              hint="请确认文件不是空白的、不是扫描图片；图片中的文字需要先转成文字。")
    return draft


def format_draft(draft: d.Draft, keep_text: bool = False) -> FormatResult:
    """The corrected draft and the list of corrections (none with ``keep_text``)."""
    log: List[Correction] = []
    return FormatResult(clean(draft, log, keep_text=keep_text), log)


def format_file(path: Path, keep_text: bool = False) -> FormatResult:
    return format_draft(read_source(path), keep_text)


def format_step(src: Path, job) -> tuple:
    """The batch step of ``drafter format`` (drafter.batch.run_batch): a draft file → its
    corrected Draft, with the parts that could not be carried as warnings."""
    result = format_file(src, keep_text=bool(job.option("keep_text")))
    return result.draft, [f"{src.name}：{w}" for w in result.warnings]


def default_output(source: Path, fmt: str) -> Path:
    """Beside the input, never over it: 手稿.docx → 手稿（排版）.docx."""
    source = Path(source)
    return source.with_name(source.stem + OUTPUT_MARK + formats.OUTPUTS[fmt])


# -- .doc and .wps -----------------------------------------------------------------------------
def convert_legacy(path: Path, outdir: Path) -> Path:
    """A .doc/.wps converted to .docx in ``outdir`` by LibreOffice, when it is installed: a received
    file, so only where LibreOffice can be cut off from the network (drafter.soffice)."""
    from drafter import soffice
    if soffice.find_soffice() is None:
        raise InputUnreadable(f"不能直接读取{path.suffix}文件，本机也没有可用来转换的 LibreOffice", Location(path),
                              hint="请在 Word 或 WPS 中打开该文件，“另存为”Word 文档（.docx）后再排版。")
    src = outdir / ("source" + path.suffix.lower())
    shutil.copyfile(path, src)   # a name LibreOffice cannot misread, in a folder of our own
    try:
        soffice.run(["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(src)],
                    LEGACY_TIMEOUT_S, untrusted=True, source=path)
    except soffice.TimedOut:
        raise InputUnreadable(f"LibreOffice 转换超时（超过 {LEGACY_TIMEOUT_S} 秒）", Location(path),
                              hint="请在 Word 或 WPS 中另存为 .docx 后再排版。") from None
    made = outdir / "source.docx"
    if not made.is_file() or made.stat().st_size == 0:
        raise InputUnreadable(f"LibreOffice 无法转换这个{path.suffix}文件，它可能已损坏或加了密码", Location(path),
                              hint="请在 Word 或 WPS 中打开后另存为 .docx 再排版。")
    return made


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
    where = str(path) if path else ""
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

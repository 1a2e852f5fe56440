"""The pipeline as library calls: questionnaire → Answers → Draft → file."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from drafter import draft as d
from drafter.errors import DrafterError
from drafter.formats import FORMATS, output_format

if TYPE_CHECKING:     # writing a draft (format, import) needs neither YAML nor the outlines
    from drafter.genre.questionnaire import Answers


def load_answers(path: Path, extra_dirs: Sequence[Path] = ()) -> Answers:
    from drafter.genre.questionnaire import read_answers
    return read_answers(Path(path), extra_dirs=extra_dirs)


def draft_from_answers(answers: Answers) -> d.Draft:
    from drafter.genre.render import render_draft
    return render_draft(answers.outline, answers)


def draft_from_file(path: Path, extra_dirs: Sequence[Path] = ()) -> d.Draft:
    """Render the questionnaire at ``path`` into a Draft."""
    return draft_from_answers(load_answers(path, extra_dirs))


def format_of(out: Optional[Path], fmt: Optional[str]) -> str:
    return output_format(out, fmt)


def write_draft(draft: d.Draft, out: Path, fmt: str = "docx", profile=None,
                reference_docx: Optional[Path] = None, source: Optional[Path] = None, force: bool = False,
                record: bool = True) -> None:
    """Write ``draft`` to ``out``. The inputs (``source``, ``reference_docx``) are never written;
    an existing ``out`` is replaced only if drafter wrote it and it is unchanged, or with ``force``
    (drafter.overwrite). ``record=False`` for drafter's own temporary files: they need no record."""
    from drafter import overwrite
    from drafter.fsutil import refuse_inputs
    out = Path(out)
    refuse_inputs(out, [Path(source)] if source is not None else [])
    if reference_docx is not None:
        refuse_inputs(out, [Path(reference_docx)], what="Word 模板（--reference-docx）")
    overwrite.guard(out, force)
    if fmt == "txt":
        from drafter.write.text import write_text
        write_text(draft, out, source)
    elif fmt == "md":
        from drafter.write.text import write_markdown
        write_markdown(draft, out, source)
    elif fmt == "docx":
        from drafter.write.docx import write_docx
        write_docx(draft, out, profile=profile, reference_docx=reference_docx, source=source)
    elif fmt == "pdf":
        _write_pdf(draft, out, profile, reference_docx, source)
    else:
        raise DrafterError(f"不支持的输出格式“{fmt}”", hint="可用的格式：" + "、".join(FORMATS))
    if record:
        overwrite.remember(out)


def _write_pdf(draft, out: Path, profile, reference_docx, source) -> None:
    from drafter.fsutil import private_temp
    from drafter.write.docx import write_docx
    from drafter.soffice import require_soffice
    from drafter.write.pdf import convert_to_pdf
    require_soffice()   # say so before any work is done
    with private_temp("pdf") as tmp:
        docx = Path(tmp) / "d00000.docx"   # a name of our own: LibreOffice names the PDF after it
        # Written while LibreOffice starts up, which it opens only once it is ready.
        convert_to_pdf(docx, out, source=source,
                       make=lambda: write_docx(draft, docx, profile=profile, reference_docx=reference_docx))


def outline_entries(draft: d.Draft):
    """(level, text) of every heading down to the 一是 items: the 提纲 of the draft."""
    for b in draft.blocks:
        if b.kind == d.HEADING:
            yield b.level, b.text
        elif b.kind == d.PARA:
            for r in b.heads():
                yield (3 if r.is_item else r.level), r.text


def outline_text(draft: d.Draft) -> str:
    """The 提纲: title and every heading down to the 一是 items, indented by level."""
    lines = [draft.title] if draft.title else []
    lines += ["  " * (level - 1) + text for level, text in outline_entries(draft)]
    return "\n".join(lines) + "\n"


def with_outline_page(draft: d.Draft) -> d.Draft:
    """The draft with a 提纲 page before it (``render --outline-page``): the same entries as
    ``drafter outline``, a page of their own, never numbered into the speech."""
    page = [d.block(d.OUTLINE_TITLE, "提纲")] + [d.block(d.OUTLINE, text, level=level)
                                                  for level, text in outline_entries(draft)]
    return d.Draft(blocks=page + list(draft.blocks), outline_id=draft.outline_id, source=draft.source,
                   time_limit_min=draft.time_limit_min, rate_per_min=draft.rate_per_min, warnings=list(draft.warnings))


def default_output(source: Path, fmt: str) -> Path:
    from drafter.formats import OUTPUTS
    return Path(source).with_suffix(OUTPUTS[fmt])


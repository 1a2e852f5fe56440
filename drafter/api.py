"""The pipeline as library calls: any input → Draft → file.

Reading: ``read_input`` takes any file a command reads (drafter.formats.COMMANDS): a
questionnaire is rendered (``draft_from_file``), a draft is read (drafter.read.reader.read_draft).

Writing: every command that writes drafts — render and format, one file or a batch, and the
workbench — prepares its output with ``prepare_output`` (the format, the tools it needs, the
profile, the unit template: all checked before any work) and writes each draft with
``Output.write`` (never over an input, never over a file drafter did not make without ``force``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence, Tuple

from drafter import draft as d
from drafter import formats

if TYPE_CHECKING:     # writing a draft (format, import) needs neither YAML nor the outlines
    from drafter.genre.questionnaire import Answers


# -- reading ---------------------------------------------------------------------------------
def load_answers(path: Path, extra_dirs: Sequence[Path] = (), command: str = "render") -> Answers:
    """The validated answers of the questionnaire at ``path`` (refused unless ``command`` reads it)."""
    from drafter.genre.questionnaire import read_answers
    formats.accept(path, command, (formats.QUESTIONNAIRE,))
    return read_answers(Path(path), extra_dirs=extra_dirs)


def draft_from_answers(answers: Answers) -> d.Draft:
    from drafter.genre.render import render_draft
    return render_draft(answers.outline, answers)


def draft_from_file(path: Path, extra_dirs: Sequence[Path] = (), command: str = "render") -> d.Draft:
    """Render the questionnaire at ``path`` into a Draft."""
    return draft_from_answers(load_answers(path, extra_dirs, command))


def read_input(path: Path, command: str, extra_dirs: Sequence[Path] = ()) -> d.Draft:
    """The Draft of any file ``command`` reads: a questionnaire rendered, a draft read."""
    path = Path(path)
    kind = formats.accept(path, command)
    if kind.draft:
        from drafter.read.reader import read_draft
        return read_draft(path, command)
    return draft_from_file(path, extra_dirs, command)


# -- writing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Output:
    """What every draft written by one run shares, decided and checked once (``prepare_output``)."""

    fmt: str
    typeset: bool = False                   # the format is typeset by a profile (formats.PROFILE)
    profile: object = None                  # the Profile, or its name or file until it is loaded
    reference_docx: Optional[Path] = None
    force: bool = False
    record: bool = True                     # False for drafter's own temporary files
    warnings: Tuple[str, ...] = ()          # what of the unit template is left out (drafter.write.reference)

    def default_path(self, source: Path, mark: str = "") -> Path:
        return default_output(source, self.fmt, mark)

    def loaded(self) -> Output:
        """This output with its profile loaded (a bad profile file is refused here)."""
        if not self.typeset or not (self.profile is None or isinstance(self.profile, (str, Path))):
            return self
        from drafter.profile.load import load_profile
        return replace(self, profile=load_profile(self.profile))

    def write(self, draft: d.Draft, out: Path, source: Optional[Path] = None) -> Path:
        write_draft(draft, out, self.fmt, profile=self.loaded().profile, reference_docx=self.reference_docx,
                    source=source, force=self.force, record=self.record)
        return Path(out)

    def place(self, made: Path, out: Path, source: Optional[Path] = None) -> Path:
        """Put a file already made in this format (a batch's PDF, printed by LibreOffice) at ``out``,
        guarded and recorded like ``write``; it appears whole or not at all."""
        import shutil
        from drafter.fsutil import write_atomic
        out = Path(out)
        write_guarded(out, lambda: write_atomic(out, lambda target: shutil.copyfile(made, target), source=source),
                      source, self.reference_docx, self.force, self.record)
        return out


def prepare_output(fmt: Optional[str] = None, out: Optional[Path] = None, profile=None,
                   reference_docx: Optional[Path] = None, force: bool = False, record: bool = True,
                   load_now: bool = True) -> Output:
    """The output of a run, refused before any work if it cannot be written: the format (``fmt``,
    else ``out``'s suffix, else docx) and the tools it needs; the unit template; the profile (a
    name, a file or a Profile; loaded now unless ``load_now`` is False) for the formats a profile
    typesets. The Output's ``warnings`` are for the caller to show."""
    fmt = formats.output_format(out, fmt)
    row = formats.output_row(fmt)
    formats.require_tools(row.needs)
    warnings: Tuple[str, ...] = ()
    if reference_docx is not None:      # refused if unusable; what of it is left out, said once
        from drafter.write.reference import reference_warning
        warning = reference_warning(Path(reference_docx))
        warnings = (warning,) if warning else ()
    typeset = formats.PROFILE in row.needs
    output = Output(fmt, typeset, profile if typeset else None,
                    Path(reference_docx) if reference_docx is not None else None, force, record, warnings)
    return output.loaded() if load_now else output


def write_draft(draft: d.Draft, out: Path, fmt: str = "docx", profile=None,
                reference_docx: Optional[Path] = None, source: Optional[Path] = None, force: bool = False,
                record: bool = True) -> None:
    """Write ``draft`` to ``out`` with the writer the formats table names for ``fmt``. The inputs
    (``source``, ``reference_docx``) are never written; an existing ``out`` is replaced only if
    drafter wrote it and it is unchanged, or with ``force`` (drafter.overwrite). ``record=False``
    for drafter's own temporary files: they need no record."""
    row = formats.output_row(fmt)
    writer = formats.load(row.writer)
    if formats.PROFILE in row.needs:
        def write() -> None:
            writer(draft, out, profile=profile, reference_docx=reference_docx, source=source)
    else:
        def write() -> None:
            writer(draft, out, source=source)
    write_guarded(Path(out), write, source, reference_docx, force, record)


def write_guarded(out: Path, write, source: Optional[Path] = None, reference_docx: Optional[Path] = None,
                  force: bool = False, record: bool = True) -> None:
    """``write()`` a file at ``out`` as every output is written: never over an input, never over a
    file drafter did not make (or that changed since) without ``force``, and recorded as drafter's."""
    from drafter import overwrite
    from drafter.fsutil import refuse_inputs
    refuse_inputs(out, [Path(source)] if source is not None else [])
    if reference_docx is not None:
        refuse_inputs(out, [Path(reference_docx)], what="Word 模板（--reference-docx）")
    overwrite.guard(out, force)
    write()
    if record:
        overwrite.remember(out)


def default_output(source: Path, fmt: str, mark: str = "") -> Path:
    """Beside the input, named after it: 讲话.yaml → 讲话.docx; with ``mark`` 手稿.docx → 手稿（排版）.docx."""
    source = Path(source)
    return source.with_name(source.stem + mark + formats.OUTPUTS[fmt])


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

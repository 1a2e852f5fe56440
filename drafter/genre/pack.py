"""Packs: one questionnaire of facts, several documents (a meeting's 议程, 主持词, 新闻稿, 桌签 and
the leader's 讲话), each written by its own template from the same answers.

An outline becomes a pack by listing its ``documents:`` instead of one ``template:``::

    documents:
      - {name: 议程, template: meeting-agenda.xml.j2}
      - {name: 主持词, template: meeting-host.xml.j2, podium: true, speakers: true}
      - {name: 讲话, questionnaire: speech, podium: true}

A document is a template in the outline's folder, or a *linked* questionnaire: the answer to the
question ``speech`` names another questionnaire (讲话.yaml, beside this one), rendered with its own
outline as it would be alone; every template of the pack sees its title and headings as
``linked.speech``. ``podium`` marks a document read aloud (typeset large on request), ``speakers``
one that must name every agenda speaker. ``facts:`` says which answers are the meeting's facts,
so that ``drafter check`` can hold every document to them (drafter.checker.pack).

Nothing here knows a genre: a unit writes its own kind of meeting as an outline and templates.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from drafter import draft as d
from drafter.errors import AnswerError, DrafterError, Location
from drafter.genre.packdef import PackDocument

# -- rendering ------------------------------------------------------------------------------------

@dataclass
class Rendered:
    """One document of a pack, rendered."""

    document: PackDocument
    draft: d.Draft
    answers: Any                # the Answers it was rendered from: the pack's, or the linked questionnaire's


def linked_path(answers, key: str) -> Optional[Path]:
    """The questionnaire the answer to ``key`` names, beside the pack's questionnaire (or in a
    folder below it); None when left empty. A received questionnaire must not make drafter read
    a file elsewhere on the disk, so anything else is refused."""
    value = answers.values.get(key)
    if value is None or not str(value).strip():
        return None
    where = Location(answers.path, getattr(value, "line", 0) or None)
    name = str(value).strip()
    folder = Path(answers.path).resolve().parent
    hint = "请写与本问卷在同一文件夹里的问卷文件名，例如：讲话.yaml。"
    if Path(name).is_absolute() or ".." in Path(name).parts or "\\" in name or ":" in name:
        raise AnswerError(f"“{name}”应是本问卷旁边的一份问卷的文件名，不能是别处的路径", where, hint=hint)
    if Path(name).suffix.lower() not in (".yaml", ".yml"):
        raise AnswerError(f"“{name}”不是问卷（问卷的文件名以 .yaml 结尾）", where, hint=hint)
    path = (folder / name).resolve()
    if folder not in path.parents:
        raise AnswerError(f"“{name}”指向本问卷所在文件夹以外的文件", where, hint=hint)
    if not path.is_file():
        raise AnswerError(f"找不到问卷“{name}”", where,
                          hint=f"它应在 {folder} 里；还没有写讲话稿时，可以先把这一项留空。")
    return path


def render_pack(answers, extra_dirs: Sequence[Path] = (), links: bool = True) -> List[Rendered]:
    """Every document of the pack ``answers`` belongs to, in the outline's order. A linked
    questionnaire left empty (or any, when ``links`` is False: the workbench without a file, which
    has no folder to look in) has no document; its ``linked`` value is None in the templates."""
    from drafter.genre.questionnaire import read_answers
    from drafter.genre.render import render_draft
    outline = answers.outline
    linked: Dict[str, Optional[Tuple[Any, d.Draft]]] = {}
    for doc in outline.documents:
        if not doc.link or doc.link in linked:
            continue
        path = linked_path(answers, doc.link) if links else None
        if path is None:
            linked[doc.link] = None
            continue
        other = read_answers(path, extra_dirs=extra_dirs)
        if other.outline.is_pack:
            value = answers.values.get(doc.link)
            raise AnswerError(f"“{path.name}”也是材料包，不能作为材料包里的一份文稿",
                              Location(answers.path, getattr(value, "line", 0) or None),
                              hint="这里应写讲话稿等单份文稿的问卷。")
        linked[doc.link] = (other, render_draft(other.outline, other))
    seen = {k: (None if v is None else linked_record(v[1])) for k, v in linked.items()}
    out: List[Rendered] = []
    for doc in outline.documents:
        if doc.link:
            if linked[doc.link] is not None:
                other, draft = linked[doc.link]
                out.append(Rendered(doc, draft, other))
            continue
        draft = render_draft(outline, answers, template=doc.template, extra={"linked": seen})
        out.append(Rendered(doc, draft, answers))
    return out


def linked_record(draft: d.Draft):
    """What a template sees of a linked document: ``title`` and ``headings``, each heading with its
    ``text`` (no number, no closing 。) and ``children`` (the level below, the same way)."""
    from drafter.genre.questionnaire import Record
    from drafter.tree import HeadingTree
    tree = HeadingTree(draft.blocks)

    def heading(h, depth: int):
        kids = tree.children(h) if depth < 2 else []
        return Record({"text": h.bare, "children": [heading(k, depth + 1) for k in kids]})

    return Record({"title": draft.title, "headings": [heading(h, 1) for h in tree.children(None)]})


# -- writing -------------------------------------------------------------------------------------

PODIUM = "podium"


def names_a_file(name) -> bool:
    """Whether an output named ``name`` reads as one file (讲话.docx, 材料.zip, 会议.yaml), which a
    pack of several documents cannot be written to."""
    from drafter.formats import OUTPUTS
    return Path(str(name)).suffix.lower() in tuple(OUTPUTS.values()) + (".zip", ".yaml", ".yml")


def write_pack(rendered: Sequence[Rendered], out_dir: Path, output, podium: bool = False) -> List[Path]:
    """Write each document as ``out_dir/<name>.<fmt>`` through ``output`` (drafter.api.Output: the
    format, profile and unit template of the run). Every file is checked before the first is
    written (none over an input, none over a file drafter did not make unless ``force``).
    ``podium`` sets the documents read aloud in the podium profile. A PDF pack takes one LibreOffice
    start."""
    from dataclasses import replace
    from drafter import overwrite
    from drafter.fsutil import output_folder
    from drafter.formats import OUTPUTS
    from drafter.fsutil import refuse_inputs
    out_dir = output_folder(Path(out_dir))
    outs = [out_dir / (r.document.name + OUTPUTS[output.fmt]) for r in rendered]
    inputs = [Path(r.answers.path) for r in rendered]
    for out in outs:
        refuse_inputs(out, inputs)
        overwrite.guard(out, output.force)
    aloud = output
    if podium and output.typeset:
        from drafter.profile.load import load_profile
        aloud = replace(output, profile=load_profile(PODIUM))
    outputs = [aloud if podium and r.document.podium else output for r in rendered]
    before = [_stamp(out) for out in outs]
    try:
        if output.fmt == "pdf":
            _write_pdfs(rendered, outs, outputs)
        else:
            for r, out, o in zip(rendered, outs, outputs):
                o.write(r.draft, out, source=r.answers.path)
    except KeyboardInterrupt as e:
        # Each file is whole or absent; the message says which of the pack were made (drafter.crash),
        # told by the files themselves: the signal may come between a file's rename and its record.
        e.written = [out for out, was in zip(outs, before) if _stamp(out) not in (None, was)]  # type: ignore[attr-defined]
        e.out_dir = out_dir                                                                     # type: ignore[attr-defined]
        raise
    return outs


def _stamp(path: Path):
    from drafter.fsutil import lstat_or_none
    st = lstat_or_none(path)
    return None if st is None else (st.st_ino, st.st_mtime_ns, st.st_size)


def _write_pdfs(rendered, outs, outputs) -> None:
    import tempfile
    from drafter.write.docx import write_docx
    from drafter.write.pdf import convert_many
    with tempfile.TemporaryDirectory(prefix="drafter-pack-") as tmp:
        docxs = []
        for i, (r, o) in enumerate(zip(rendered, outputs)):
            docx = Path(tmp) / f"d{i:05d}.docx"     # names of our own: LibreOffice names the PDFs after them
            write_docx(r.draft, docx, profile=o.loaded().profile, reference_docx=o.reference_docx)
            docxs.append(docx)
        made = convert_many(docxs, Path(tmp) / "pdf")
        for r, pdf, out, o in zip(rendered, made, outs, outputs):
            o.place(pdf, out, source=r.answers.path)


def peek_pack(path: Path, extra_dirs: Sequence[Path] = ()) -> bool:
    """Whether the questionnaire at ``path`` belongs to a pack; False when that cannot be told
    (the ordinary path then reports what is wrong with it)."""
    from drafter.genre.questionnaire import outline_of
    from drafter.yamlsrc import load_yaml
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        return outline_of(load_yaml(path, AnswerError), extra_dirs).is_pack
    except DrafterError:
        return False

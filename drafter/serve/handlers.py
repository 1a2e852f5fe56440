"""What the workbench's buttons do, as plain functions over JSON-shaped values.

Every answer goes through the CLI's own pipeline: the form's values become questionnaire text
(drafter.serve.qtext), which is parsed and validated as a file would be, rendered, checked,
counted and outlined by the same library calls as ``drafter check``/``render``/``stats``/``outline``.
Nothing here renders or checks by itself; it only maps each finding's questionnaire line back to
the form field that wrote that line.
"""
from __future__ import annotations

import hashlib
import re
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import yaml

from drafter.fsutil import private_temp
from drafter.errors import AnswerError, DrafterError, Location
from drafter.genre.outline import Outline, Question, list_outlines
from drafter.genre.scaffold import example_text, requirement
from drafter.serve import qtext

MAX_LIST = 200          # entries a list in the form may have; outlines ask for a handful
# The genres clerks write most, in that order: the page opens on the first one there is; the
# free structure, the most abstract form, comes last.
USUAL_OUTLINES = ("leader-speech", "speech-priorities", "report-actions", "meeting-news", "signed-article")
LAST_OUTLINES = ("free",)
MAX_FILE_NAME = 80      # characters of a title a download's name keeps
NEEDS_IMPORT = "此功能需要 drafter import（导入旧稿），当前安装的 drafter 还没有这一功能。"
NEEDS_FORMAT = "此功能需要 drafter format（给文稿排版），当前安装的 drafter 还没有这一功能。"


class RequestError(DrafterError):
    """The page sent something the workbench does not accept (HTTP 400)."""


class Unavailable(DrafterError):
    """A button whose feature this installation lacks (HTTP 501)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- the form's schema -------------------------------------------------------------------------
def question_json(q: Question, open_: Optional[list] = None) -> Dict[str, Any]:
    """A question for the page. A list whose entries repeat an enclosing question (自由结构的
    “下级”) names it by ``ref`` instead of nesting it again for ever."""
    open_ = [] if open_ is None else open_
    out: Dict[str, Any] = {"key": q.key, "label": q.label, "type": q.type, "help": q.help, "uid": str(id(q)),
                           "required": q.required and q.default is None, "requirement": requirement(q),
                           "example": example_text(q) if q.type not in ("group", "list") else "",
                           "default": qtext.as_text(q.default) if q.default is not None else ""}
    if q.type == "text" and q.max_length:
        out["max_length"] = q.max_length
    if q.type == "choice":
        out["choices"] = list(q.choices)
    open_.append(q)
    if q.type == "list":
        item = {"ref": str(id(q.item))} if any(q.item is x for x in open_) else question_json(q.item, open_)
        out.update(min_items=q.min_items, max_items=q.max_items, item=item)
    if q.type == "group":
        out["questions"] = [question_json(s, open_) for s in q.questions]
    open_.pop()
    return out


def outline_json(o: Outline) -> Dict[str, Any]:
    return {"id": o.id, "name": o.name, "description": o.description, "level2": o.runin_level2 is not None,
            "questions": [question_json(q) for q in o.questions],
            "pack": [doc.name for doc in o.documents]}      # a pack's documents: one preview tab each


def clean_values(q: Question, v: Any) -> Any:
    """The page's values in the schema's shape, whatever arrived."""
    if q.type == "group":
        v = v if isinstance(v, dict) else {}
        return {s.key: clean_values(s, v.get(s.key)) for s in q.questions}
    if q.type == "list":
        v = v if isinstance(v, list) else []
        if len(v) > MAX_LIST:
            raise RequestError(f"「{q.label}」的项数过多（{len(v)} 项）", hint=f"请删去多余的项（至多 {MAX_LIST} 项）。")
        return [clean_values(q.item, x) for x in v]
    if v is None or isinstance(v, (dict, list)):
        return ""
    return str(v)


def _blank(q: Question) -> Any:
    if q.type == "group":
        return {s.key: _blank(s) for s in q.questions}
    if q.type == "list":
        return []
    return ""


def _at_least(q: Question, v: Any) -> Any:
    """``v`` with every list filled up to the outline's minimum with empty entries."""
    if q.type == "group" and isinstance(v, dict):
        return {s.key: _at_least(s, v.get(s.key)) for s in q.questions}
    if q.type == "list" and isinstance(v, list) and q.item is not None:
        v = [_at_least(q.item, x) for x in v]
        return v + [_at_least(q.item, _blank(q.item)) for _ in range(q.min_items - len(v))]
    return v


class Workbench:
    """One running workbench: the outline folders, and the file given on the command line."""

    def __init__(self, outline_dirs: Sequence[Path] = (), file: Optional[Path] = None, warm_pdf: bool = False):
        self.outline_dirs = list(outline_dirs)
        # drafter serve keeps one LibreOffice running for PDF downloads (serve.warm); started
        # when the page first opens, stopped with the workbench (close)
        self.warm = None
        if warm_pdf:
            from drafter.serve.warm import WarmConverter
            self.warm = WarmConverter()
        self.file = Path(file).resolve() if file else None
        self._stamp: tuple = ()
        self._outlines: Dict[str, Outline] = {}
        self._checked_base: Optional[str] = None     # the last questionnaire text found readable
        if self.file is not None:
            from drafter import formats
            formats.accept(self.file, "serve")
            self.load_file()   # a file drafter cannot read stops the start with the CLI's message

    def outlines(self) -> Dict[str, Outline]:
        """The outlines as ``drafter list`` finds them. The folders are looked at on every call, so
        an outline dropped into one just appears; they are read again only when a file changed."""
        from drafter.genre.outline import outline_dirs
        stamp = tuple((str(f), f.stat().st_mtime_ns) for folder, _ in outline_dirs(self.outline_dirs)
                      if folder.is_dir() for f in sorted(folder.glob("*.yaml")))
        if stamp != self._stamp:
            self._outlines = {o.id: o for o in list_outlines(self.outline_dirs)}
            self._stamp = stamp
        return self._outlines

    def outline(self, oid: Any) -> Outline:
        found = self.outlines().get(oid) if isinstance(oid, str) else None
        if found is None:
            raise RequestError(f"没有编号为“{oid}”的大纲", hint="请从页面上的大纲列表中选择。")
        return found

    def list_json(self) -> List[Dict[str, str]]:
        """The outlines in the order a clerk looks for them: speeches first, the free structure last,
        a unit's own outlines in between."""
        def rank(o: Outline):
            if o.id in USUAL_OUTLINES:
                return (0, USUAL_OUTLINES.index(o.id))
            return (2, 0) if o.id in LAST_OUTLINES else (1, 0)
        ordered = sorted(self.outlines().values(), key=rank)    # stable: the others keep their order
        return [{"id": o.id, "name": o.name, "description": o.description} for o in ordered]

    # -- documents: an outline, the questionnaire text the form came from, and the form's values
    def document(self, text: str, name: str) -> Dict[str, Any]:
        from drafter.genre.questionnaire import OUTLINE_KEY, outline_of
        from drafter.yamlsrc import parse_yaml
        doc = parse_yaml(text, Path(name), AnswerError)
        named = doc.data.get(OUTLINE_KEY, doc.data.get("outline")) if isinstance(doc.data, dict) else None
        if isinstance(named, str) and named not in self.outlines():
            # the CLI also takes a path to an outline file here; from a page that would name a path on disk
            raise AnswerError(f"问卷所用的大纲“{named}”不在可用的大纲中", doc.key_loc((OUTLINE_KEY,)),
                              hint="可用的大纲见页面上的“文稿类型”；本单位的大纲请放进 --outlines 文件夹。")
        o = self.outline(outline_of(doc, self.outline_dirs).id)
        return {"outline": outline_json(o), "base": text, "name": Path(name).name,
                "values": qtext.form_values(o.root, doc.data), "meta": qtext.meta_values(doc.data)}

    def new(self, oid: Any) -> Dict[str, Any]:
        """A new form: ``drafter init``'s questionnaire, each list with as many entries as the
        outline asks for at least (init writes one to copy)."""
        from drafter.genre.scaffold import write_questionnaire
        o = self.outline(oid)
        doc = self.document(write_questionnaire(o), "问卷.yaml")
        doc["values"] = _at_least(o.root, doc["values"])
        doc["untitled"] = True      # its download is named after the draft's title
        return doc

    def load_file(self) -> Dict[str, Any]:
        from drafter.textio import read_text
        raw = self.file.read_bytes() if self.file.is_file() else None
        if raw is None:
            raise DrafterError("文件不存在", Location(self.file), hint="请先用 drafter init 生成问卷，或不带文件名启动 drafter serve。")
        out = self.document(read_text(self.file), str(self.file))
        out.update(hash=digest(raw), file=self.file.name)
        return out

    def start(self) -> Dict[str, Any]:
        from drafter.soffice import find_soffice
        listed = self.list_json()
        out: Dict[str, Any] = {"outlines": listed, "pdf": find_soffice() is not None,
                               "default": listed[0]["id"] if listed else None,
                               "slot": digest(str(self.file).encode())[:16] if self.file else "new"}
        if self.file is not None:
            out["document"] = self.load_file()
        if out["pdf"] and self.warm is not None:
            self.warm.start()      # in the background: the page is answered at once
        out["pdf_warm"] = self.warm is not None and self.warm.ready.is_set()
        return out

    def close(self) -> None:
        if self.warm is not None:
            self.warm.stop()

    # -- the pipeline --------------------------------------------------------------------------
    def text_of(self, req: Dict[str, Any]):
        o = self.outline(req.get("outline"))
        base = req.get("base")
        if not isinstance(base, str):
            raise RequestError("请求中缺少问卷原文", hint="请刷新页面后再试。")
        self._check_base(base, req.get("name"))
        values = clean_values(o.root, req.get("values"))
        meta = req.get("meta") if isinstance(req.get("meta"), dict) else {}
        try:
            return o, qtext.questionnaire_text(base, o, values, {k: str(meta.get(k) or "") for k in qtext.META})
        except yaml.YAMLError:
            raise RequestError("页面保存的问卷原文已无法读取", hint="请重新打开问卷，或新建一份。") from None

    def _check_base(self, base: str, name: Any) -> None:
        """The questionnaire text the page sends back is read like a file first (size, nesting,
        anchors, tags: drafter.yamlsrc), so that a hostile one is refused before it is edited."""
        if base == self._checked_base:
            return
        from drafter.yamlsrc import parse_yaml
        try:
            parse_yaml(base, Path(Path(name).name if isinstance(name, str) and name else "问卷.yaml"), RequestError)
        except RequestError as e:
            raise RequestError(f"页面保存的问卷原文无法读取：{e.message}", e.where,
                               hint="请重新打开问卷，或新建一份。") from None
        self._checked_base = base

    def answers(self, o: Outline, text: str, name: str, pending: bool = False):
        """The form's answers, validated as ``drafter render`` does. ``pending``: a form still
        being filled in, where a missing or unusable answer stands as 【待填写：……】 (questionnaire)."""
        from drafter.genre.questionnaire import answers_from_doc
        from drafter.yamlsrc import parse_yaml
        path = self.file if self.file is not None and name == self.file.name else Path(name or "问卷.yaml")
        return answers_from_doc(parse_yaml(text, path, AnswerError), o, pending=pending)

    def check_settings(self, out: Dict[str, Any]):
        """The unit's drafter.yaml beside the questionnaire (or above it), as drafter check finds
        it; the folder the workbench was started in when no file is open. A settings file with a
        mistake is named among the errors, and the rules run as they ship."""
        from drafter.checker.config import ConfigError, settings_for
        try:
            return settings_for(self.file if self.file is not None else Path.cwd())
        except ConfigError as e:
            out["errors"].append({"field": None, "line": e.where.line if e.where else None,
                                  "message": f"单位设置文件 {e.where}：{e.message}", "hint": e.hint,
                                  "severity": "警告"})
            return None

    def preview(self, req: Dict[str, Any]) -> Dict[str, Any]:
        """What the page shows beside the form, from the CLI's own calls. The preview never pauses
        while the form is being filled in: an answer still missing (or not usable, a date that is
        not a date) stands in the draft as 【待填写：会议名称】 and is named at its field."""
        from drafter.api import outline_text
        from drafter.checker import check_draft
        from drafter.errors import OutlineError, TemplateError
        from drafter.genre.questionnaire import TextRemoved
        started = time.perf_counter()
        o, text = self.text_of(req)
        lines = qtext.LineMap(text, o)
        values = clean_values(o.root, req.get("values"))
        leaves = qtext.flatten(o.root, values)
        out: Dict[str, Any] = {"errors": [], "findings": [], "corrections": [], "blocks": None,
                               "empty": not any(v.strip() for v in leaves.values())}
        try:
            answers = self.answers(o, text, str(req.get("name") or ""), pending=True)
        except (AnswerError, OutlineError) as e:
            out["errors"] = [_message(x, lines) for x in getattr(e, "errors", [e])] + \
                [dict(_message(w, lines), severity="警告") for w in getattr(e, "warnings", ())]
            return out
        if o.is_pack:
            out["errors"] = [_message(x, lines) for x in answers.pending] + \
                [dict(_message(w, lines), severity="警告") for w in answers.warnings]
            return self._preview_pack(o, answers, req, lines, out, started)
        try:
            draft = _draft(answers)
        except (AnswerError, TemplateError) as e:
            out["errors"] = [_message(x, lines) for x in answers.pending] + \
                [dict(_message(w, lines), severity="警告") for w in answers.warnings] + [_message(e, lines)]
            return out
        # a number typed by hand or a web notice, removed: listed among the corrections instead
        out["errors"] = [_message(x, lines) for x in answers.pending] + \
            [dict(_message(w, lines), severity="警告") for w in answers.warnings if not isinstance(w, TextRemoved)]
        where = _FindingPlace(lines, draft, leaves)
        ours = _stand_ins(answers, leaves)
        out["findings"] = [{"field": where.field(f.line, f.message), "line": f.line, "severity": f.severity,
                            "rule": f.rule_id, "message": f.message}
                           for f in check_draft(draft, settings=self.check_settings(out))
                           if not any(m in f.message for m in ours)     # the stand-ins are named already
                           and not _counts_unwritten(f, draft, ours)]
        out["corrections"] = [_correction_json(c, where, leaves) for c in answers.corrections]
        out["blocks"] = [_block_json(b, lines) for b in draft.blocks]
        out["outline_text"] = outline_text(draft)
        out["file_name"] = download_stem(draft, o)
        self._stats(out, draft)
        out["ms"] = round((time.perf_counter() - started) * 1000, 1)
        return out

    def _links(self, answers) -> bool:
        """A pack's linked questionnaires are read only beside the file the workbench was started
        with: a page never makes drafter look anywhere else on the disk."""
        return self.file is not None and Path(answers.path) == self.file

    def _preview_pack(self, o: Outline, answers, req, lines, out, started) -> Dict[str, Any]:
        """Each document of a pack in its own tab, every finding of the pack beside the form."""
        from drafter.api import outline_text
        from drafter.checker.pack import check_rendered
        from drafter.checker.run import questionnaire_warnings
        from drafter.errors import TemplateError
        from drafter.genre.pack import render_pack
        try:
            rendered = render_pack(answers, self.outline_dirs, links=self._links(answers))
        except (AnswerError, TemplateError) as e:
            out["errors"].append(_message(e, lines) if e.where is None or e.where.path in (None, answers.path)
                                 else dict(_message(e, lines), field="", message=f"{e.where}：{e.message}"))
            return out
        mine = [r.draft for r in rendered if r.answers is answers]
        leaves = qtext.flatten(o.root, clean_values(o.root, req.get("values")))
        where = _FindingPlace(lines, mine[0] if mine else rendered[0].draft, leaves)
        ours = _stand_ins(answers, leaves)
        # a form not begun has nothing to find fault with; later, the stand-ins are named already
        found = [] if out["empty"] else check_rendered(answers, rendered, self.check_settings(out), questionnaire_warnings)
        out["findings"] = [{"field": where.field(f.line, f.message) if f.path == answers.path else "",
                            "line": f.line if f.path == answers.path else None, "severity": f.severity,
                            "rule": f.rule_id, "message": f.message}
                           for f in found if not any(m in f.message for m in ours)]
        out["documents"] = [{"name": r.document.name, "outline_text": outline_text(r.draft),
                             "blocks": [_block_json(b, lines if r.answers is answers else None)
                                        for b in r.draft.blocks]} for r in rendered]
        missing = [doc.name for doc in o.documents if doc.name not in {r.document.name for r in rendered}]
        if missing and not self._links(answers):
            out["notes"] = [f"{'、'.join(missing)}：工作台只在打开问卷文件时（drafter serve 会议.yaml）读取它旁边的问卷。"]
        first = rendered[0]
        out["blocks"], out["outline_text"] = out["documents"][0]["blocks"], out["documents"][0]["outline_text"]
        spoken = next((r for r in rendered if r.document.podium), first)
        self._stats(out, spoken.draft)
        out["ms"] = round((time.perf_counter() - started) * 1000, 1)
        return out

    def _stats(self, out: Dict[str, Any], draft) -> None:
        from drafter.stats import draft_stats, format_stats
        st = draft_stats(draft)
        out["stats_text"] = format_stats(st)
        out["stats"] = {"words": st.words, "han": st.han, "minutes": round(st.minutes, 1),
                        "rate": st.rate_per_min, "limit": st.time_limit_min, "over": round(st.over_min, 1),
                        "parts": [{"title": p.title, "words": p.words} for p in st.parts]}

    def export(self, req: Dict[str, Any]):
        """The draft as a file, named after its title: (bytes, file name). Never from an empty
        form; with answers still missing only when the clerk has confirmed it (``confirmed``),
        and then with the same 【待填写：……】 the preview shows."""
        from drafter.api import prepare_output
        from drafter.genre.questionnaire import AnswerErrors
        fmt = req.get("format")
        if fmt not in ("docx", "pdf"):
            raise RequestError(f"不支持的下载格式“{fmt}”", hint="可下载 docx 或 pdf。")
        output = prepare_output(fmt, record=False)
        o, text = self.text_of(req)
        if not any(v.strip() for v in qtext.flatten(o.root, clean_values(o.root, req.get("values"))).values()):
            raise RequestError("表单还是空的，没有可以生成的内容", hint="请先在左边的表单中填写，右边的预览会随之更新；填好后再下载。")
        answers = self.answers(o, text, str(req.get("name") or ""), pending=True)
        if answers.pending and not req.get("confirmed"):
            raise AnswerErrors(answers.pending)
        if o.is_pack:
            return self._export_pack(answers, output), _pack_name(answers, str(req.get("name") or ""), fmt)
        draft = _draft(answers)
        name = download_stem(draft, o) + "." + fmt
        with private_temp("serve") as tmp:
            out = Path(tmp) / f"文稿.{fmt}"
            if fmt == "pdf" and self.warm is not None:
                docx = prepare_output("docx", record=False).write(draft, Path(tmp) / "文稿.docx")
                if self.warm.convert(docx, out):
                    return out.read_bytes(), name
            return output.write(draft, out).read_bytes(), name

    def take_corrections(self, req: Dict[str, Any]) -> Dict[str, Any]:
        """The form's values with every listed correction written into its answer, so that the
        saved questionnaire says what the draft says. A correction whose text the answer no
        longer holds (typed over since) is left, and counted."""
        o, text = self.text_of(req)
        values = clean_values(o.root, req.get("values"))
        leaves = qtext.flatten(o.root, values)
        answers = self.answers(o, text, str(req.get("name") or ""), pending=True)
        draft = _draft(answers)
        where = _FindingPlace(qtext.LineMap(text, o), draft, leaves)
        taken = left = 0
        for c in answers.corrections:
            item = _correction_json(c, where, leaves)
            fixed = apply_correction(leaves.get(item["field"], ""), c.before, c.after) if item["field"] else None
            if fixed is None:
                left += 1
                continue
            leaves[item["field"]] = fixed
            _put(values, item["field"], fixed)
            taken += 1
        return {"values": values, "taken": taken, "left": left}

    def _export_pack(self, answers, output) -> bytes:
        """The whole pack as one .zip: every document as ``output`` writes it, named as ``drafter
        render`` names them."""
        import io
        import zipfile
        from drafter.genre.pack import render_pack, write_pack
        rendered = render_pack(answers, self.outline_dirs, links=self._links(answers))
        with private_temp("serve") as tmp:
            outs = write_pack(rendered, Path(tmp) / "材料", output)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
                for out in outs:
                    z.write(out, out.name)
            return buffer.getvalue()

    def save(self, req: Dict[str, Any]) -> Dict[str, Any]:
        """Write the questionnaire back to the file given on the command line, never over a
        version changed on disk since the page read it unless the page says so (``force``)."""
        from drafter.fsutil import write_atomic
        o, text = self.text_of(req)
        data = text.encode("utf-8")
        out: Dict[str, Any] = {"text": text}
        if self.file is None or not req.get("hash"):
            return out     # not the command line's file: the page offers the text as a download
        on_disk = digest(self.file.read_bytes()) if self.file.exists() else None
        if on_disk != req["hash"] and not req.get("force"):
            return {"conflict": True, "message": f"“{self.file.name}”在打开之后已被其他程序改动，"
                                                 "保存会覆盖那些改动。"}
        if not (text == req.get("base") and on_disk == req["hash"]):   # unchanged: leave the bytes alone
            mode = stat.S_IMODE(self.file.stat().st_mode) if self.file.exists() else None
            write_atomic(self.file, lambda p: p.write_bytes(data), mode=mode)   # keeps the file's permissions
        out.update(saved=self.file.name, hash=digest(self.file.read_bytes()))
        return out

    # -- uploads: read in memory or in a private temporary folder, removed at once -------------
    def open_upload(self, name: str, body: bytes) -> Dict[str, Any]:
        from drafter.textio import decode_text
        _upload_kind(name, "serve-open")
        return self.document(decode_text(body, Path(name)), Path(name).name)

    def import_upload(self, name: str, body: bytes, oid: Any) -> Dict[str, Any]:
        """``drafter import`` of an old draft into the form: the importer picks the outline unless
        the page names one; what it chose, generated and could not carry is shown beside the form."""
        try:
            from drafter.importer.run import import_draft
        except ImportError:
            raise Unavailable(NEEDS_IMPORT) from None
        from drafter.read.reader import read_draft
        suffix = _upload_kind(name, "serve-import")
        outline_id = self.outline(oid).id if oid else None
        with private_temp("serve") as tmp:
            src = Path(tmp) / ("旧稿" + suffix)
            src.write_bytes(body)
            result = import_draft(read_draft(src, "serve-import"), self.outline_dirs, outline_id)
        doc = self.document(result.text, Path(name).stem + ".yaml")
        doc["notes"] = list(result.reasons) + list(result.changes) + list(result.warnings)
        return doc

    def format_upload(self, name: str, body: bytes) -> Dict[str, Any]:
        """``drafter format`` of an uploaded draft: the typeset .docx (base64) and its file name,
        every correction made (line, what, before, after), the warnings, and the draft's preview."""
        import base64
        try:
            from drafter.typeset import default_output, format_file
        except ImportError:
            raise Unavailable(NEEDS_FORMAT) from None
        from drafter.api import prepare_output
        suffix = _upload_kind(name, "serve-format")
        output = prepare_output("docx", record=False)
        with private_temp("serve") as tmp:
            src = Path(tmp) / ("文稿" + suffix)
            src.write_bytes(body)
            result = format_file(src, command="serve-format")
            data = output.write(result.draft, Path(tmp) / "out.docx", source=src).read_bytes()
        unit = "段" if suffix in (".docx", ".doc", ".wps") else "行"     # a .docx has paragraphs, not lines
        return {"file_name": default_output(Path(_safe_name(name)), "docx").name, "data": base64.b64encode(data).decode("ascii"),
                "source": Path(name).name, "unit": unit,
                "corrections": [_fix_json(c) for c in result.corrections],
                "warnings": list(result.warnings),
                "blocks": [_block_json(b, None) for b in result.draft.blocks]}

    # -- the review loop: the same library calls as check --annotate, format --track-changes, compare
    def annotate_upload(self, name: str, body: bytes, fix: bool) -> Dict[str, Any]:
        """``drafter check --annotate [--fix]`` of an uploaded draft: the clerk's own file with a Word
        comment at each finding (and the mechanical corrections as tracked changes with ``fix``),
        and the lists the page shows. The unit's drafter.yaml is the one ``check`` would use here."""
        from drafter.review import ANNOTATED_MARK, annotate, default_output
        suffix = _upload_kind(name, "serve-annotate")
        out: Dict[str, Any] = {"errors": []}
        settings = self.check_settings(out)
        with private_temp("serve") as tmp:
            src = Path(tmp) / ("文稿" + suffix)
            src.write_bytes(body)
            with _for_the_page(fix):
                result, fill = annotate(src, fix=fix, settings=settings)
            data = _filled(fill, Path(tmp) / "out.docx")
        return _review_json(name, suffix, default_output(Path(_safe_name(name)), ANNOTATED_MARK).name, data, result,
                            warnings=[e["message"] for e in out["errors"]] + list(result.warnings))

    def track_upload(self, name: str, body: bytes) -> Dict[str, Any]:
        """``drafter format --track-changes`` of an uploaded draft: typeset, each correction a
        tracked change; the corrections and the typeset draft's preview for the page."""
        from drafter.review import TRACKED_MARK, default_output, format_tracked
        suffix = _upload_kind(name, "serve-track")
        with private_temp("serve") as tmp:
            src = Path(tmp) / ("文稿" + suffix)
            src.write_bytes(body)
            with _for_the_page(False):
                formatted, result, fill = format_tracked(src, command="serve-track")
            data = _filled(fill, Path(tmp) / "out.docx")
        out = _review_json(name, suffix, default_output(Path(_safe_name(name)), TRACKED_MARK).name, data, result,
                           warnings=list(formatted.warnings))
        out["corrections"] = [_fix_json(c) for c in formatted.corrections]
        out["blocks"] = [_block_json(b, None) for b in formatted.draft.blocks]
        return out

    def compare_upload(self, first_name: str, first: bytes, second_name: str, second: bytes) -> Dict[str, Any]:
        """``drafter compare`` of two uploads: the second draft with every difference a tracked
        change, and the summary (figures, dates, names and 提法 first)."""
        import base64
        from drafter.compare import changes_json, compare_files, default_output, document
        kinds = [_upload_kind(first_name, "serve-compare"), _upload_kind(second_name, "serve-compare")]
        with private_temp("serve") as tmp:
            paths = [Path(tmp) / ("一稿" + kinds[0]), Path(tmp) / ("二稿" + kinds[1])]
            for path, body in zip(paths, (first, second)):
                path.write_bytes(body)
            result = compare_files(*paths)
            fill, revisions = document(result)
            data = _filled(fill, Path(tmp) / "out.docx")
        warnings = [f"一稿 {Path(first_name).name}：{w}" for w in result.first.warnings] + \
            [f"二稿 {Path(second_name).name}：{w}" for w in result.second.warnings]
        return {"file_name": default_output(Path(_safe_name(first_name)), Path(_safe_name(second_name))).name,
                "data": base64.b64encode(data).decode("ascii"),
                "first": Path(first_name).name, "second": Path(second_name).name,
                "revisions": revisions, "counts": result.counts, "changes": changes_json(result),
                "warnings": warnings}


def _filled(fill, out: Path) -> bytes:
    fill(out)
    return out.read_bytes()


@contextmanager
def _for_the_page(fix: bool):
    """A draft with tracked changes of its own stops the review commands; their hint names a
    command-line option, which the page says in its own words."""
    from drafter.errors import ACCEPT_IN_WORD, TrackedChanges
    try:
        yield
    except TrackedChanges as e:
        e.hint = ACCEPT_IN_WORD + ("；或改用“加批注”，只加批注、不改正。" if fix else "。")
        raise


def _fix_json(c) -> Dict[str, Any]:
    return {"line": c.line, "rule": c.rule, "name": c.name, "before": c.before, "after": c.after}


def _review_json(name: str, suffix: str, file_name: str, data: bytes, result, warnings: List[str]) -> Dict[str, Any]:
    """What the page shows of a review command's result (drafter.review.ReviewResult) and its file."""
    import base64
    return {"file_name": file_name, "data": base64.b64encode(data).decode("ascii"), "source": Path(name).name,
            "unit": "段" if suffix in (".docx", ".doc", ".wps") else "行",
            "comments": result.comments, "revisions": result.revisions, "unplaced": result.unplaced,
            "corrections": [_fix_json(c) for c in result.corrections],
            "not_applied": [_fix_json(c) for c in result.not_applied],
            "findings": [{"line": f.line, "severity": f.severity, "rule": f.rule_id, "message": f.message,
                          "suggestion": f.suggestion} for f in result.findings],
            "warnings": warnings, "blocks": None}


def _upload_kind(name: str, button: str) -> str:
    """The upload's suffix when ``button`` (a key of drafter.formats.COMMANDS) reads that kind of
    file; the page is told otherwise (the name itself is never used on disk)."""
    from drafter import formats
    try:
        formats.accept(Path(name), button)
    except DrafterError as e:
        raise RequestError(e.message, hint=e.hint) from None
    return Path(name).suffix.lower()


class _FindingPlace:
    """The field a finding comes from. A finding carries its block's line, and one paragraph may
    be made of several answers (the opening: task, attendees, remarks): among the answers written
    between this block's line and the next block's, the one holding the most of the quoted words
    (the flagged mark first) wins."""

    def __init__(self, lines: qtext.LineMap, draft, leaves: Dict[str, str]):
        self.lines = lines
        self.starts = sorted({b.line for b in draft.blocks if b.line})
        self.first_line: Dict[str, int] = {}
        for n, path in sorted(lines.by_line.items()):
            self.first_line.setdefault(path, n)
        self.leaves = leaves

    def field(self, line: Optional[int], message: str) -> str:
        if not line:
            return ""
        later = [n for n in self.starts if n > line]
        end = later[0] if later else float("inf")
        quoted = re.findall(r"“([^”]+)”", message)
        pieces = [p.strip("…") for p in re.split(r"[“”：，。；（）]", message)]
        pieces = [(len(p) + (100 if any(q in p for q in quoted) else 0), p) for p in pieces if len(p) >= 2]
        best, found = 0, ""
        for path, n in sorted(self.first_line.items(), key=lambda kv: kv[1]):
            if line <= n < end:
                score = max((w for w, p in pieces if p in self.leaves.get(path, "")), default=0)
                if score > best:
                    best, found = score, path
        if found:
            return found
        return self.lines.field(line)

    def holder(self, line: Optional[int], quote: str, leaves: Dict[str, str]) -> str:
        """The answer a quoted stretch of the draft comes from: among the answers written between
        this paragraph's line and the next one's, the one sharing the longest run of characters."""
        if not line:
            return ""
        import difflib
        later = [n for n in self.starts if n > line]
        end = later[0] if later else float("inf")
        best, found = 0, ""
        for path, n in sorted(self.first_line.items(), key=lambda kv: kv[1]):
            value = leaves.get(path, "")
            if line <= n < end and value:
                m = difflib.SequenceMatcher(None, quote, value, autojunk=False).find_longest_match(
                    0, len(quote), 0, len(value))
                if m.size > best:
                    best, found = m.size, path
        return found or self.lines.field(line)


def _draft(answers):
    from drafter.api import draft_from_answers
    return draft_from_answers(answers)


def _stand_ins(answers, leaves: Dict[str, str]) -> List[str]:
    """The 【待填写：……】 marks drafter stood in for missing answers (one the clerk typed is theirs)."""
    return [m for m in answers.stand_ins if not any(m in v for v in leaves.values())]


def _counts_unwritten(f, draft, marks: List[str]) -> bool:
    """A count checked against parts still to be written (“两项重点任务” over paragraphs that are
    all 【待填写】) is not a count yet: the finding waits until they are written."""
    from drafter import draft as d
    if not marks or not f.rule_id.startswith("count") or f.block is None or f.block >= len(draft.blocks):
        return False
    head = draft.blocks[f.block]
    rank = head.level if head.kind == d.HEADING else None
    for b in draft.blocks[f.block:]:
        if b is not head and b.kind in (d.HEADING, d.TITLE) and (rank is None or b.level <= rank):
            break       # a heading's count covers its section; a paragraph's, itself and what follows it
        if any(m in b.text for m in marks):
            return True
    return False


def _message(e: DrafterError, lines: qtext.LineMap) -> Dict[str, Any]:
    from drafter.genre.questionnaire import Missing
    line = e.where.line if e.where else None
    return {"field": lines.field(line), "line": line, "message": e.message, "hint": e.hint,
            "severity": "待填写" if isinstance(e, Missing) else "错误"}


def _correction_json(c, where: "_FindingPlace", leaves: Dict[str, str]) -> Dict[str, Any]:
    """A correction drafter made on the way from the answers to the draft, at the answer it came
    from: among the answers written for that paragraph, the one that holds the most of it."""
    field = where.holder(c.line, c.before, leaves)
    return {"field": field, "line": c.line, "rule": c.rule, "name": c.name, "before": c.before,
            "after": c.after, "can_take": bool(field) and apply_correction(leaves.get(field, ""), c.before, c.after) is not None}


def apply_correction(value: str, before: str, after: str) -> Optional[str]:
    """``value`` with the correction made in it, or None where the value does not hold it once.
    A correction quotes its change with a little context, which may reach past the answer (the
    heading's number, the next answer in the same paragraph): the context is narrowed until the
    quote is found exactly once."""
    if not value:
        return None
    p = 0
    while p < min(len(before), len(after)) and before[p] == after[p]:
        p += 1
    s = 0
    while s < min(len(before), len(after)) - p and before[-1 - s] == after[-1 - s]:
        s += 1
    for width in range(p + s, -1, -1):
        for left in range(min(p, width), max(-1, width - s - 1), -1):
            right = width - left
            old = before[p - left:len(before) - s + right]
            if old and value.count(old) == 1:
                return value.replace(old, after[p - left:len(after) - s + right])
    return None


def _put(values: Any, path: str, text: str) -> None:
    keys = path.split(".")
    for k in keys[:-1]:
        values = values[int(k)] if isinstance(values, list) else values[k]
    last = keys[-1]
    if isinstance(values, list):
        values[int(last)] = text
    else:
        values[last] = text


def download_stem(draft, outline: Outline) -> str:
    """A download's name without its suffix: the draft's title (在全市社区工作会议上的讲话), as a
    file name any system takes; the genre's name while the title is still to be filled in."""
    from drafter import draft as d
    from drafter.genre.questionnaire import STAND_IN
    title = _safe_stem(re.sub(r"\s+", "", next((b.text for b in draft.blocks if b.kind == d.TITLE), "")))
    if not title or STAND_IN.split("{")[0] in title:
        return outline.name.split("（", 1)[0] + "（草稿）"
    return title


def _safe_stem(text: str) -> str:
    """``text`` as a file name's stem any system takes: no character one refuses or shows
    misleadingly, no dot or space at either end, at most MAX_FILE_NAME characters; "" when nothing
    is left or it is a device name Windows reserves (CON, CON.txt …)."""
    stem = _UNSAFE_NAME.sub("", text).strip(". ")[:MAX_FILE_NAME].rstrip(". ")
    return "" if stem.upper().split(".")[0] in _RESERVED_NAMES else stem


def _safe_name(name: str, fallback: str = "文稿") -> str:
    """An uploaded file's name as a download's name may carry it: no character a system refuses
    or shows misleadingly, the stem at most MAX_FILE_NAME characters."""
    p = Path(_UNSAFE_NAME.sub("", Path(name).name))
    return (_safe_stem(p.stem) or fallback) + p.suffix


def _pack_name(answers, name: str, fmt: str) -> str:
    """A pack's download, as one .zip: the meeting's name (else the questionnaire's), 材料包 and the
    format, so that the Word and the PDF pack of one meeting, and two meetings' packs, differ."""
    from drafter.genre.questionnaire import STAND_IN
    meeting = answers.values.get("meeting")
    stem = meeting if isinstance(meeting, str) and STAND_IN.split("{")[0] not in meeting else \
        re.sub(r"\.ya?ml$", "", Path(name).name, flags=re.I)
    stem = _safe_stem(re.sub(r"\s+", "", stem)) or "会议"
    return f"{stem}{'' if stem.endswith('材料包') else '材料包'}（{'Word' if fmt == 'docx' else 'PDF'}）.zip"


# What no file name may hold on Windows, macOS or Linux, nor show misleadingly (bidi controls).
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]')
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _block_json(b, lines: Optional[qtext.LineMap]) -> Dict[str, Any]:
    """A block for the preview; ``lines`` maps it to its form field (None: another questionnaire's)."""
    return {"kind": b.kind, "level": b.level, "field": lines.field(b.line) if lines is not None else "", "line": b.line,
            "runs": [{"text": r.text, "role": r.role.value, "level": r.level} for r in b.runs],
            "cells": [list(row) for row in b.cells]}

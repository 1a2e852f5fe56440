"""What ``drafter mcp`` offers an assistant: a table of tools over the CLI's own library calls.

Each tool is a plain function from JSON arguments to a JSON result; it raises DrafterError for
anything the assistant (or the clerk) can act on. Nothing here knows the protocol: drafter.mcp.server
turns the table into MCP tools and the errors into Chinese error results. Paths are the workspace's
(drafter.mcp.workspace); reading, rendering, checking, formatting, importing and counting are the
very functions ``drafter render/check/format/import/stats`` call.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from drafter.errors import AnswerError, DrafterError, Location
from drafter.mcp.workspace import Workspace

FORMAT_CHOICES = ("docx", "pdf", "txt", "md")
DEFAULT_NAME = "文稿"          # render_draft's output when none is named: 文稿.docx and 文稿.yaml


class ToolFailure(DrafterError):
    """A tool that could not do its work, with the answers' problems when those are why."""

    def __init__(self, message: str, hint: str = "", problems: Sequence[Dict[str, Any]] = ()):
        super().__init__(message, hint=hint)
        self.problems = list(problems)


@dataclass
class Session:
    workspace: Workspace
    outline_dirs: List[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Param:
    type: str                   # JSON Schema type: string, boolean, integer, object
    description: str
    required: bool = False
    enum: Tuple[str, ...] = ()
    minimum: Optional[int] = None
    maximum: Optional[int] = None

    def schema(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"type": self.type, "description": self.description}
        if self.enum:
            out["enum"] = list(self.enum)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass(frozen=True)
class Tool:
    name: str
    title: str
    description: str
    params: Dict[str, Param]
    run: Callable[[Session, Dict[str, Any]], Dict[str, Any]]
    read_only: bool = True

    def input_schema(self) -> Dict[str, Any]:
        return {"type": "object", "properties": {k: p.schema() for k, p in self.params.items()},
                "required": [k for k, p in self.params.items() if p.required], "additionalProperties": False}

    def call(self, session: Session, arguments: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        return self.run(session, self.arguments(arguments or {}))

    def arguments(self, given: Dict[str, Any]) -> Dict[str, Any]:
        """The arguments checked against ``params``, with one Chinese message for the first problem."""
        names = "、".join(self.params) or "（无）"
        for k in given:
            if k not in self.params:
                raise DrafterError(f"工具 {self.name} 没有参数“{k}”", hint=f"可用的参数：{names}。")
        out: Dict[str, Any] = {}
        for k, p in self.params.items():
            v = given.get(k)
            if v is None:
                if p.required:
                    raise DrafterError(f"缺少参数“{k}”", hint=f"{k}：{p.description}")
                continue
            ok = {"string": isinstance(v, str), "object": isinstance(v, dict),
                  "boolean": isinstance(v, bool),
                  "integer": isinstance(v, int) and not isinstance(v, bool)}[p.type]
            if not ok:
                kind = {"string": "文字", "object": "对象（JSON 对象）", "boolean": "true 或 false", "integer": "整数"}[p.type]
                raise DrafterError(f"参数“{k}”应是{kind}", hint=f"{k}：{p.description}")
            if p.enum and v not in p.enum:
                raise DrafterError(f"参数“{k}”只能是：{'、'.join(p.enum)}", hint=f"现在是“{str(v)[:40]}”。")
            if p.type == "integer" and (p.minimum is not None and v < p.minimum or p.maximum is not None and v > p.maximum):
                raise DrafterError(f"参数“{k}”应在 {p.minimum} 到 {p.maximum} 之间", hint=f"现在是 {v}。")
            out[k] = v
        return out


# -- results -----------------------------------------------------------------------------------
def finding_json(ws: Workspace, f, where: Optional[Callable[[Optional[int]], Optional[list]]] = None) -> Dict[str, Any]:
    out: Dict[str, Any] = {"severity": f.severity, "rule": f.rule_id, "message": f.message}
    if f.line is not None:
        out["line"] = f.line
    if f.path is not None:
        out["file"] = ws.show(Path(f.path))
    path = where(f.line) if where is not None else None
    if path:
        out["path"] = path
    if f.suggestion:
        out["suggestion"] = f.suggestion
    return out


def findings_json(ws: Workspace, findings, where=None) -> Dict[str, Any]:
    from drafter.checker.base import ERROR, WARNING
    items = [finding_json(ws, f, where) for f in findings]
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = sum(1 for f in findings if f.severity == WARNING)
    return {"findings": items, "summary": f"错误 {errors} 个，警告 {warnings} 个，提示 {len(items) - errors - warnings} 个。"}


def questionnaire_places(path: Path) -> Callable[[Optional[int]], Optional[list]]:
    """line of a questionnaire → the labels of the answer written there (the nearest one above)."""
    from drafter.genre.questionnaire import read_answers
    from drafter.mcp.answers import label_path
    from drafter.yamlsrc import load_yaml
    try:
        doc = load_yaml(path)
        outline = read_answers(path).outline
    except DrafterError:
        return lambda line: None
    marks = sorted(((line, len(kp), kp) for kp, (line, _) in doc.value_marks.items() if kp and "<key>" not in kp),
                   key=lambda m: (m[0], m[1]))

    def where(line: Optional[int]) -> Optional[list]:
        if line is None:
            return None
        best = None
        for at, _, kp in marks:
            if at > line:
                break
            best = kp
        return label_path(outline, best) if best else None
    return where


def stats_json(ws: Workspace, draft, rate: Optional[int] = None) -> Dict[str, Any]:
    import dataclasses
    from drafter.stats import DEFAULT_RATE_PER_MIN, draft_stats, format_stats
    st = draft_stats(draft, rate or draft.rate_per_min or DEFAULT_RATE_PER_MIN)
    if st.source is not None:
        st = dataclasses.replace(st, source=Path(ws.show(st.source)))
    out: Dict[str, Any] = {
        "words": st.words, "han": st.han, "rate_per_min": st.rate_per_min, "minutes": round(st.minutes, 1),
        "parts": [{"title": p.title, "words": p.words, "han": p.han, "minutes": round(p.han / st.rate_per_min, 1)}
                  for p in st.parts],
        "text": format_stats(st)}
    if st.time_limit_min:
        out["time_limit_min"] = st.time_limit_min
        out["over_min"] = round(st.over_min, 1)
    return out


# -- arguments that name files ----------------------------------------------------------------
def _profile(s: Session, spec: Optional[str]):
    """A built-in profile by name, or a profile file in the workspace whose whole ``base:`` chain
    stays in the workspace (or ends in a built-in profile)."""
    from drafter.profile.load import list_profiles, load_profile
    if spec is None or spec in list_profiles() and not (s.workspace.root / spec).is_file():
        return load_profile(spec)       # the server runs in the workspace: load_profile looks there first
    path = s.workspace.source(spec, "版式文件")
    _profile_chain_inside(s, path)
    return load_profile(str(path))


def _profile_chain_inside(s: Session, path: Path) -> None:
    import yaml
    from drafter.profile.load import list_profiles
    from drafter.textio import read_text
    seen = set()
    while path not in seen:
        seen.add(path)
        try:
            data = yaml.safe_load(read_text(path, 1_000_000))
        except yaml.YAMLError:
            return                      # load_profile reports it, with the line
        base = data.get("base") if isinstance(data, dict) else None
        if base is None or str(base) in list_profiles():
            return
        path = s.workspace.source(str((path.parent / str(base))), "版式文件的 base")


def _reference(s: Session, name: Optional[str]) -> Optional[Path]:
    if name is None:
        return None
    from drafter.safezip import check_docx_package
    path = s.workspace.source(name, "Word 模板")
    check_docx_package(path, what="参考模板")
    return path


def _prepared(s: Session, fmt: str, a: Dict[str, Any]):
    """The CLI's output path (drafter.api.prepare_output), with the profile and template the workspace allows."""
    from drafter import formats
    from drafter.api import prepare_output
    typeset = formats.PROFILE in formats.output_row(fmt).needs
    return prepare_output(fmt, profile=_profile(s, a.get("profile")) if typeset else None,
                          reference_docx=_reference(s, a.get("reference_docx")), force=bool(a.get("force")))


def _write(s: Session, draft, out: Path, fmt: str, a: Dict[str, Any], source: Path) -> None:
    _prepared(s, fmt, a).write(draft, out, source=source)


def _output(s: Session, name: Optional[str], fmt: Optional[str], default: Callable[[str], Path]) -> Tuple[Path, str]:
    """The output file and its format: named (the format from its suffix unless given), or the default."""
    from drafter.formats import output_format
    if name is not None:
        out = s.workspace.target(name)
        return out, output_format(out, fmt)
    fmt = output_format(None, fmt)
    return s.workspace.target(str(default(fmt))), fmt


# -- the tools -----------------------------------------------------------------------------------
def list_outlines(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter.genre.outline import list_outlines as find_all
    broken: List[DrafterError] = []
    found = find_all(s.outline_dirs, errors=broken)
    out: Dict[str, Any] = {"outlines": [{"id": o.id, "name": o.name, "description": o.description} for o in found]}
    if broken:
        out["problems"] = [e.format_message() for e in broken]
    return out


def get_questionnaire(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter.genre.outline import find_outline
    from drafter.mcp.schema import outline_schema
    o = find_outline(a["outline"], s.outline_dirs)
    return {"outline": o.id, "name": o.name, "description": o.description, "schema": outline_schema(o)}


def _checked(s: Session, outline_id: str, answers: Any):
    from drafter.genre.outline import find_outline
    from drafter.mcp.answers import check_answers
    o = find_outline(outline_id, s.outline_dirs)
    return o, check_answers(o, answers)


def validate_answers(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter.api import draft_from_answers, outline_text
    from drafter.checker import check_draft
    from drafter.mcp.answers import label_path
    o, c = _checked(s, a["outline"], a["answers"])
    if c.answers is None:
        out = {"ok": False, "errors": [p.as_json() for p in c.errors],
               "summary": f"有 {len(c.errors)} 处需要改正；改好后再核对一次。"}
        if c.warnings:          # limits that are advice (length, number of items): said, not required
            out["warnings"] = [p.as_json() for p in c.warnings]
        return out
    if o.is_pack:               # every document but the linked ones, read only when rendered from a file
        from drafter.genre.pack import render_pack
        rendered = render_pack(c.answers, s.outline_dirs, links=False)
        findings = [f for r in rendered for f in check_draft(r.draft)]
        out = {"ok": True, "errors": [], "documents": [{"name": r.document.name, "outline_text": outline_text(r.draft)}
                                                      for r in rendered]}
    else:
        draft = draft_from_answers(c.answers)
        findings = check_draft(draft)   # what `drafter check 问卷.yaml` adds once the answers fit
        out = {"ok": True, "errors": [], "outline_text": outline_text(draft)}
    if c.warnings:
        out["warnings"] = [p.as_json() for p in c.warnings]
    out.update(findings_json(s.workspace, findings,
                             where=lambda line: label_path(o, c.doc.keypath(Location(None, line)))))
    for f in out["findings"]:
        f.pop("line", None)         # a place in the JSON, not a line of any file: ``path`` says where
        f.pop("file", None)
    return out


def render_draft(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter import overwrite
    from drafter.api import draft_from_answers, load_answers, outline_text
    from drafter.checker.run import check_file
    from drafter.fsutil import write_text_atomic
    ws = s.workspace
    force = bool(a.get("force"))
    if a.get("answers") is None and a.get("questionnaire") is None:
        raise DrafterError("请给出 answers（问卷的答案），或 questionnaire（工作文件夹里已有的问卷）",
                           hint="从头起草时先用 get_questionnaire 取得问卷结构，按它填写 answers。")
    if a.get("answers") is not None:
        if a.get("outline") is None:
            raise DrafterError("给出 answers 时，还要用参数 outline 写明大纲编号", hint="大纲编号见 list_outlines。")
        if _is_pack(s, a["outline"]):
            qpath = _yaml(ws.target(a.get("questionnaire") or PACK_NAME + ".yaml", "问卷文件"))
            text = _questionnaire(s, a["outline"], a["answers"], qpath)
            overwrite.guard(qpath, force)
            write_text_atomic(qpath, text)
            overwrite.remember(qpath)
            return _render_pack(s, a, qpath)
        out, fmt = _output(s, a.get("output"), a.get("format"), lambda f: Path(DEFAULT_NAME + "." + f))
        qpath = _yaml(ws.target(a.get("questionnaire") or out.with_suffix(".yaml").name, "问卷文件"))
        if qpath == out:
            raise DrafterError("问卷文件与输出文件不能是同一个文件", hint="请换一个输出文件名。")
        text = _questionnaire(s, a["outline"], a["answers"], qpath)
        overwrite.guard(out, force)         # both refusals before either file is written
        overwrite.guard(qpath, force)
        write_text_atomic(qpath, text)
        overwrite.remember(qpath)
    else:
        qpath = ws.source(_yaml(a["questionnaire"]), "问卷")
        from drafter.genre.pack import peek_pack
        if peek_pack(qpath, s.outline_dirs):
            return _render_pack(s, a, qpath)
        out, fmt = _output(s, a.get("output"), a.get("format"), lambda f: qpath.with_suffix("." + f))
    # From here on, what `drafter render 问卷.yaml -o 输出` does.
    answers = load_answers(qpath, s.outline_dirs)
    draft = draft_from_answers(answers)
    _write(s, draft, out, fmt, a, qpath)
    places = questionnaire_places(qpath)
    result: Dict[str, Any] = {"output": ws.show(out), "format": fmt, "questionnaire": ws.show(qpath),
                              "outline_text": outline_text(draft)}
    result.update(findings_json(ws, check_file(qpath, s.outline_dirs), where=places))
    if draft.warnings:
        result["warnings"] = list(draft.warnings)
    st = stats_json(ws, draft)
    result["stats"] = {k: st[k] for k in ("words", "minutes", "rate_per_min", "time_limit_min", "over_min") if k in st}
    return result


PACK_NAME = "会议"              # a pack's questionnaire when none is named; its documents go into 会议/


def _is_pack(s: Session, outline_id: str) -> bool:
    from drafter.genre.outline import find_outline
    try:
        return find_outline(str(outline_id), s.outline_dirs).is_pack
    except DrafterError:
        return False            # an unknown id is told by the questionnaire's own check


def _render_pack(s: Session, a: Dict[str, Any], qpath: Path) -> Dict[str, Any]:
    """What ``drafter render 会议.yaml -o 材料/`` does: every document of the pack into one folder
    of the workspace (``output``, default the questionnaire's name without .yaml)."""
    from drafter import formats
    from drafter.api import load_answers, outline_text
    from drafter.checker.run import check_file
    from drafter.genre.pack import names_a_file, render_pack, write_pack
    ws = s.workspace
    answers = load_answers(qpath, s.outline_dirs)
    name = a.get("output") or qpath.stem
    if names_a_file(name):
        raise DrafterError(f"“{answers.outline.name}”是材料包，会生成 {len(answers.outline.documents)} 份文稿，"
                           "参数 output 应写一个文件夹名", hint="例如“材料”；不写则用问卷的名字。")
    folder = ws.target(str(name).rstrip("/"), "输出文件夹")
    fmt = formats.output_format(None, a.get("format"))
    output = _prepared(s, fmt, a)
    rendered = render_pack(answers, s.outline_dirs)
    outs = write_pack(rendered, folder, output, podium=bool(a.get("podium")))
    result: Dict[str, Any] = {"outputs": [ws.show(o) for o in outs], "format": fmt, "questionnaire": ws.show(qpath),
                              "documents": [{"name": r.document.name, "output": ws.show(o),
                                             "outline_text": outline_text(r.draft)} for r, o in zip(rendered, outs)]}
    result.update(findings_json(ws, check_file(qpath, s.outline_dirs), where=questionnaire_places(qpath)))
    warnings = [w.format_message() for r in rendered for w in r.answers.warnings]
    if warnings:
        result["warnings"] = list(dict.fromkeys(warnings))
    return result


def _yaml(path):
    """``path`` (a name or a Path), if it names a questionnaire."""
    if Path(str(path)).suffix.lower() not in (".yaml", ".yml"):
        raise DrafterError(f"问卷文件的扩展名应是 .yaml：{Path(str(path)).name}", hint="例如“讲话.yaml”。")
    return path


def _questionnaire(s: Session, outline_id: str, data: Any, qpath: Path) -> str:
    """The questionnaire text for ``data``, proved to mean the same answers before it is saved."""
    from drafter.genre.questionnaire import AnswerErrors, answers_from_doc
    from drafter.mcp.answers import questionnaire_text, same_answers
    from drafter.yamlsrc import parse_yaml
    o, c = _checked(s, outline_id, data)
    if c.answers is None:
        raise ToolFailure(f"问卷的答案有 {len(c.errors)} 处需要改正，没有生成文稿",
                          hint="按 problems 中每一处的 path 和 message 改正后再生成；也可先用 validate_answers 核对。",
                          problems=[p.as_json() for p in c.errors + c.warnings])
    text = questionnaire_text(o, data)
    try:
        again = answers_from_doc(parse_yaml(text, qpath), o)
    except (AnswerError, AnswerErrors) as e:
        again = None
        why = e.format_message()
    if again is None or not same_answers(c.answers, again):
        raise DrafterError("这些答案无法原样写成问卷文件，没有生成文稿",
                           hint="请把这份答案和这条消息发给维护人员。" + (f"（{why}）" if again is None else ""))
    return text


def check(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter.checker import check_draft
    from drafter.checker.run import check_file
    if (a.get("text") is None) == (a.get("path") is None):
        raise DrafterError("请给出 text（要检查的文字）或 path（工作文件夹里的文件），两者只给一个")
    if a.get("text") is not None:
        from drafter.read.reader import draft_from_text
        draft = draft_from_text(_bounded_text(a["text"]), markdown=bool(a.get("markdown")))
        return findings_json(s.workspace, check_draft(draft))
    path = s.workspace.source(a["path"])
    from drafter import formats
    kind = formats.input_kind(path)
    places = questionnaire_places(path) if kind is not None and kind.name == formats.QUESTIONNAIRE else None
    return findings_json(s.workspace, check_file(path, s.outline_dirs), where=places)


def _bounded_text(text: str) -> str:
    from drafter.textio import MAX_BYTES
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise DrafterError(f"文字过长（超过 {MAX_BYTES // 1_000_000} MB）",
                           hint="一篇讲话稿通常只有几万字；请只传要检查的文稿。")
    return text


def format_draft(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter.typeset import corrections_text, default_output, format_file, structure_tree
    ws = s.workspace
    src = ws.source(a["path"], "文稿")
    result = format_file(src, keep_text=bool(a.get("keep_text")))
    corrections = [{"line": c.line, "name": c.name, "before": c.before, "after": c.after} for c in result.corrections]
    out: Dict[str, Any] = {"corrections": corrections, "warnings": list(result.warnings)}
    if a.get("preview"):
        out["structure"] = structure_tree(result.draft)
        out["note"] = "这是预览，没有生成文件。"
        return out
    target, fmt = _output(s, a.get("output"), a.get("format"), lambda f: default_output(src, f))
    _write(s, result.draft, target, fmt, a, src)
    out.update(output=ws.show(target), format=fmt, text=corrections_text(result, Path(ws.show(src))))
    return out


def import_draft(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter import overwrite
    from drafter.fsutil import write_text_atomic
    from drafter.importer.run import import_file
    from drafter.mcp.answers import as_json
    from drafter.yamlsrc import parse_yaml
    ws = s.workspace
    src = ws.source(a["path"], "原稿")
    out = ws.target(a["output"] if a.get("output") is not None else ws.show(src.with_suffix(".yaml")), "问卷文件")
    _yaml(out)
    overwrite.guard(out, bool(a.get("force")))
    result = import_file(src, s.outline_dirs, a.get("outline"))
    write_text_atomic(out, result.text, src)
    overwrite.remember(out)
    data = parse_yaml(result.text, out).data
    return {"questionnaire": ws.show(out), "outline": result.outline_id, "reasons": result.reasons,
            "changes": result.changes, "warnings": result.warnings,
            "answers": {k: v for k, v in as_json(data).items() if k != "大纲"},
            "next": "请与文秘核对问卷中的“原稿数字”和日期；改好后可用 render_draft（参数 questionnaire）生成文稿。"}


def draft_stats(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    if (a.get("text") is None) == (a.get("path") is None):
        raise DrafterError("请给出 text（文稿的文字）或 path（工作文件夹里的文件），两者只给一个")
    if a.get("text") is not None:
        from drafter.read.reader import draft_from_text
        draft = draft_from_text(_bounded_text(a["text"]), markdown=bool(a.get("markdown")))
    else:
        from drafter.api import read_input
        draft = read_input(s.workspace.source(a["path"]), "stats", s.outline_dirs)
    return stats_json(s.workspace, draft, a.get("rate"))


def list_files(s: Session, a: Dict[str, Any]) -> Dict[str, Any]:
    from drafter.mcp.workspace import MAX_LISTED
    files, complete = s.workspace.files()
    out: Dict[str, Any] = {"workspace": str(s.workspace.root), "files": files}
    if not complete:
        out["note"] = (f"工作文件夹里的文件太多，只列出了其中 {len(files)} 个（至多 {MAX_LISTED} 个）；"
                       "请把文稿放在一个专用的文件夹里，用它作工作文件夹。")
    return out


# -- the table -----------------------------------------------------------------------------------
_OUTLINE = Param("string", "大纲编号，例如 leader-speech；用 list_outlines 查看。")
_ANSWERS = Param("object", "问卷的答案：JSON 对象，键是问卷各项的中文名称（见 get_questionnaire 给出的 schema）。"
                           "文秘没有提供的事实不要编造，写成“【待填写：缺少什么】”。")
_FORCE = Param("boolean", "覆盖工作文件夹里已有的、不是 drafter 生成的（或生成后被改过的）文件。"
                          "只有文秘明确同意覆盖时才设为 true。")
_FORMAT = Param("string", "输出格式：docx（Word 文稿，默认）、pdf（需要本机装有 LibreOffice）、txt 或 md（预览）；"
                          "不写则按输出文件的扩展名确定。", enum=FORMAT_CHOICES)
_PROFILE = Param("string", "版式：gbt9704（默认，印发用）、podium（大字念稿用），或工作文件夹里本单位的版式文件。")
_REFERENCE = Param("string", "工作文件夹里本单位的 Word 模板（.docx）：页面设置和样式取自该文件。")
_PATH = Param("string", "工作文件夹里的文件，写相对路径，例如“讲话.docx”。", required=True)
_TEXT = Param("string", "文稿的文字（纯文本，每段一行）。")
_MARKDOWN = Param("boolean", "text 是 Markdown（# 标题、## 小标题）时设为 true。")

TOOLS: Tuple[Tool, ...] = (
    Tool("list_outlines", "列出大纲",
         "列出可用的大纲（文稿类型）：编号、名称和说明。起草前先用它和文秘确定文稿类型。",
         {}, list_outlines),
    Tool("get_questionnaire", "取得问卷结构",
         "给出一个大纲的问卷，形式是 JSON Schema：每一项的中文名称（即 answers 的键）、说明、示例、"
         "字数和项数限制、是否必填。按它向文秘逐项询问并填写 answers。示例只说明写法，不得照抄其中的人名、单位和数字。",
         {"outline": Param("string", _OUTLINE.description, required=True)}, get_questionnaire),
    Tool("validate_answers", "核对答案",
         "按大纲核对 answers，不生成文件。有问题时逐条给出所在的项（path）和说明（与 drafter check 的说明相同）；"
         "没有问题时给出提纲和对文稿的检查结果（遗留的【待填写：…】等）。",
         {"outline": Param("string", _OUTLINE.description, required=True),
          "answers": Param("object", _ANSWERS.description, required=True)}, validate_answers),
    Tool("render_draft", "生成文稿",
         "按问卷生成文稿，保存在工作文件夹里，返回文件名、提纲和检查结果。给出 answers 时，同时把问卷保存为 .yaml 文件"
         "（文秘可以接着手改）；也可以只给 questionnaire，按工作文件夹里已有的问卷生成。"
         "检查结果中还有“错误”（特别是遗留的【待填写：…】）时，要告诉文秘，不能说文稿已经定稿。",
         {"outline": _OUTLINE, "answers": _ANSWERS,
          "questionnaire": Param("string", "问卷文件（.yaml）：给出 answers 时，问卷保存到这里（默认与输出文件同名）；"
                                           "不给 answers 时，按这份已有的问卷生成。"),
          "output": Param("string", "输出文件，例如“讲话.docx”；不写则与问卷同名（给出 answers 时为“文稿.docx”）。"
                                    "会议材料包（大纲 meeting 等）生成多份文稿，这里写文件夹名，例如“材料”。"),
          "podium": Param("boolean", "会议材料包中念稿用的文稿（主持词、讲话）用大字版（podium）。"),
          "format": _FORMAT, "profile": _PROFILE, "reference_docx": _REFERENCE, "force": _FORCE},
         render_draft, read_only=False),
    Tool("check", "检查文稿",
         "检查一段文字，或工作文件夹里的问卷（.yaml）或文稿（.docx、.txt、.md）：遗留的占位符（如【待填写：…】、××）、"
         "跳号重号、与后文对不上的数字（如“五大行动”只写了四项）、标点、日期写法、超时的篇幅等。text 和 path 只给一个。",
         {"text": _TEXT, "markdown": _MARKDOWN, "path": Param("string", "工作文件夹里要检查的文件。")}, check),
    Tool("format_draft", "排版",
         "把工作文件夹里已有的文稿（.docx、.txt、.md，装有 LibreOffice 时也可以是 .doc、.wps）按 GB/T 9704 排成公文格式，"
         "生成新文件（默认在原稿旁边，文件名加“（排版）”，不改原稿）。改正半角标点等，每一处都列出来；其余文字一字不改。",
         {"path": _PATH, "output": Param("string", "输出文件；不写则为“原稿名（排版）.docx”。"), "format": _FORMAT,
          "profile": _PROFILE, "reference_docx": _REFERENCE,
          "keep_text": Param("boolean", "一个字也不改：不做标点、空格、日期等改正，只排版式。"),
          "preview": Param("boolean", "只给出识别出的结构和将做的改正，不生成文件。"), "force": _FORCE},
         format_draft, read_only=False),
    Tool("import_draft", "导入旧稿",
         "把工作文件夹里已有的讲话稿（.docx、.txt、.md）导入为问卷（.yaml）：自动选择大纲，返回问卷文件名、答案（answers）"
         "和由 drafter 生成或改正的内容。改数字、改事实后即可生成今年的文稿。",
         {"path": _PATH, "output": Param("string", "问卷保存到哪个文件；不写则与原稿同名、扩展名为 .yaml。"),
          "outline": Param("string", "指定大纲编号；不写则按原稿的结构自动选择。"), "force": _FORCE},
         import_draft, read_only=False),
    Tool("draft_stats", "统计字数",
         "统计文稿各部分的字数和按语速估算的讲话时间（问卷、.docx、.txt、.md 或一段文字）。text 和 path 只给一个。",
         {"text": _TEXT, "markdown": _MARKDOWN, "path": Param("string", "工作文件夹里的问卷或文稿。"),
          "rate": Param("integer", "每分钟念多少字；默认取问卷中的“语速”，没有则为 200。", minimum=60, maximum=600)},
         draft_stats),
    Tool("list_files", "列出文件",
         "列出工作文件夹里的问卷和文稿（.yaml、.docx、.txt、.md、.pdf、.doc、.wps）。", {}, list_files),
)
BY_NAME = {t.name: t for t in TOOLS}

"""Outline schemas: the YAML that describes a genre's skeleton and its questions."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from drafter.errors import DrafterError, Location, OutlineError
from drafter.yamlsrc import YamlDoc, load_yaml_cached

if TYPE_CHECKING:     # a pack's parts; only pack outlines import drafter.genre.pack
    from drafter.genre.packdef import Facts, PackDocument

TYPES = {
    "text": "单行文字",
    "prose": "多段文字",
    "integer": "整数",
    "date": "日期",
    "choice": "选项",
    "list": "列表",
    "group": "一组问题",
}
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# A label is the key a clerk types in the questionnaire: no YAML punctuation in it.
_LABEL_BAD = re.compile(r"[:：#\[\]{}&*!|>'\"%@`,\s]")
ENV_VAR = "DRAFTER_OUTLINES"
# Names a template already has (the renderer's ``answers``, Jinja's globals and loop variables):
# a top-level question key of one of these would be hidden by it, or hide it.
RESERVED_KEYS = frozenset({"answers", "linked", "range", "dict", "cycler", "joiner", "namespace", "lipsum",
                           "loop", "self", "caller", "varargs", "kwargs"})
_PACKAGE = Path(__file__).resolve().parent.parent
BUILTIN_OUTLINES = _PACKAGE / "outlines"
BUILTIN_TEMPLATES = _PACKAGE / "templates"
if not BUILTIN_OUTLINES.is_dir():  # running from a source checkout
    BUILTIN_OUTLINES = _PACKAGE.parent / "outlines"
    BUILTIN_TEMPLATES = _PACKAGE.parent / "templates"


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    type: str
    help: str = ""
    required: bool = True
    default: Any = None
    example: Any = None
    max_length: Optional[int] = None
    min: Optional[int] = None
    max: Optional[int] = None
    choices: Tuple[str, ...] = ()
    min_items: int = 0
    max_items: Optional[int] = None
    item: Optional["Question"] = None                 # list: the question each entry answers
    questions: Tuple["Question", ...] = ()            # group: its sub-questions
    line: int = 0                                     # where the outline defines it
    hints: Any = None                                 # import: how ``drafter import`` fills it (importer)

    def child(self, label_or_key: str) -> Optional["Question"]:
        for q in self.questions:
            if label_or_key in (q.label, q.key):
                return q
        return None


@dataclass(frozen=True)
class Outline:
    id: str
    name: str
    description: str
    template: str
    questions: Tuple[Question, ...]
    path: Path
    folder: Path
    builtin: bool
    runin_level2: Optional[str] = None   # None: fixed by template; else "standalone"/"runin" default
    import_signals: Tuple[dict, ...] = ()   # import: how ``drafter import`` scores a source against it
    # A pack (``documents:``): several documents from the same answers (drafter.genre.pack).
    documents: Tuple["PackDocument", ...] = ()
    facts: Optional["Facts"] = None     # which answers are the meeting's facts (pack checks)
    root: Question = field(init=False, repr=False, compare=False)

    @property
    def is_pack(self) -> bool:
        return bool(self.documents)

    def __post_init__(self):
        object.__setattr__(self, "root", Question("", "", "group", questions=self.questions))


_COMMON = {"key", "label", "type", "help", "required", "default", "example", "import"}
_ALLOWED = {
    "text": _COMMON | {"max_length"},
    "prose": _COMMON,
    "integer": _COMMON | {"min", "max"},
    "date": _COMMON,
    "choice": _COMMON | {"choices"},
    "list": _COMMON | {"item", "min_items", "max_items"},
    "group": _COMMON | {"questions"},
}
_OUTLINE_KEYS = {"id", "name", "description", "template", "questions", "schema", "level2", "import",
                 "documents", "facts"}


class _Reader:
    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.enclosing: List[str] = []      # keys of the questions being read, outermost first
        self.uses: List[Tuple[Question, str]] = []   # lists whose item is an enclosing question

    def fail(self, kp, message: str, hint: str = "") -> OutlineError:
        return OutlineError(message, self.doc.loc(kp), hint)

    def text(self, node: dict, kp, key: str, required: bool = True) -> str:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(kp, f"缺少“{key}”", hint=f"请为这一项写上 {key}: …")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(kp + (key,), f"“{key}”应是一段文字")
        return str(value).strip()

    def int_(self, node: dict, kp, key: str) -> Optional[int]:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(kp + (key,), f"“{key}”应是不小于 0 的整数，现在是“{value}”")
        return value

    def question(self, node: Any, kp) -> Question:
        if not isinstance(node, dict):
            raise self.fail(kp, "每个问题都应是“键: 值”的一组设置", hint="请参照 outlines/README.md 的示例。")
        qtype = self.text(node, kp, "type")
        if qtype not in TYPES:
            raise self.fail(kp + ("type",), f"未知的问题类型“{qtype}”",
                            hint="可用的类型：" + "、".join(f"{k}（{v}）" for k, v in TYPES.items()))
        for k in node:
            if k not in _ALLOWED[qtype]:
                raise self.fail(kp + (k,), f"{qtype} 类型的问题不认识设置“{k}”",
                                hint="可用的设置：" + "、".join(sorted(_ALLOWED[qtype])))
        key = self.text(node, kp, "key")
        if not _KEY.match(key):
            raise self.fail(kp + ("key",), f"key“{key}”不合规",
                            hint="key 供模板使用，只能用小写英文字母、数字和下划线，并以字母开头，例如 meeting_name。")
        label = self.text(node, kp, "label")
        if _LABEL_BAD.search(label) or len(label) > 20:
            raise self.fail(kp + ("label",), f"label“{label}”不能用作问卷中的键名",
                            hint="label 是文秘在问卷里看到并填写的中文名称：不超过 20 个字，不含空格、冒号、井号、引号等符号。")
        required = node.get("required", True)
        if not isinstance(required, bool):
            raise self.fail(kp + ("required",), "“required”只能是 true 或 false")
        kw: dict = dict(key=key, label=label, type=qtype, help=self.text(node, kp, "help", required=False),
                        required=required, default=node.get("default"), example=node.get("example"),
                        line=self.doc.loc(kp).line or 0)
        if qtype == "text":
            kw["max_length"] = self.int_(node, kp, "max_length")
        elif qtype == "integer":
            kw["min"], kw["max"] = node.get("min"), node.get("max")
            for k in ("min", "max"):
                if kw[k] is not None and (not isinstance(kw[k], int) or isinstance(kw[k], bool)):
                    raise self.fail(kp + (k,), f"“{k}”应是整数")
        elif qtype == "choice":
            choices = node.get("choices")
            if not isinstance(choices, list) or not choices or not all(isinstance(c, (str, int)) for c in choices):
                raise self.fail(kp + ("choices",), "choice 类型需要“choices”：一个不为空的选项列表")
            kw["choices"] = tuple(str(c) for c in choices)
        elif qtype == "list":
            if "item" not in node:
                raise self.fail(kp, "list 类型需要“item”：说明列表中每一项要填什么")
            use = node["item"].get("use") if isinstance(node["item"], dict) else None
            if use is not None and use not in self.enclosing:
                raise self.fail(kp + ("item", "use"), f"“use: {use}”应是包含这个列表的某个问题的 key",
                                hint="use 让列表的每一项重复外层的那个问题，用来写任意层级的结构。")
            if use is None:
                kw["item"] = self.question(node["item"], kp + ("item",))
            kw["min_items"] = self.int_(node, kp, "min_items") or 0
            kw["max_items"] = self.int_(node, kp, "max_items")
            if kw["max_items"] is not None and kw["max_items"] < kw["min_items"]:
                raise self.fail(kp + ("max_items",), "max_items 不能小于 min_items")
        elif qtype == "group":
            self.enclosing.append(key)
            kw["questions"] = self.questions(node.get("questions"), kp + ("questions",))
            self.enclosing.pop()
        if "import" in node:
            kw["hints"] = node["import"]
        q = Question(**kw)
        if qtype == "list" and q.item is None:
            self.uses.append((q, use))
        if qtype == "group":
            for lst, target in [u for u in self.uses if u[1] == key and u[0] is not q]:
                object.__setattr__(lst, "item", q)     # frozen: the cycle is closed once, here
                self.uses.remove((lst, target))
        return q

    def questions(self, nodes: Any, kp) -> Tuple[Question, ...]:
        if not isinstance(nodes, list) or not nodes:
            raise self.fail(kp, "“questions”应是一个不为空的问题列表")
        out = [self.question(n, kp + (i,)) for i, n in enumerate(nodes)]
        seen: dict = {}
        for i, q in enumerate(out):
            for name in (q.key, q.label):
                if name in seen:
                    raise self.fail(kp + (i,), f"“{name}”与同一层的另一个问题重名",
                                    hint="同一层的问题，key 和 label 都不能重复。")
                seen[name] = i
        return tuple(out)


def load_outline(path: Path, builtin: bool = False) -> Outline:
    path = Path(path)
    doc = load_yaml_cached(path, OutlineError)
    if not isinstance(doc.data, dict):
        raise OutlineError("大纲文件的最外层应是“键: 值”的设置", Location(path, 1))
    r = _Reader(doc)
    for k in doc.data:
        if k not in _OUTLINE_KEYS:
            raise r.fail((k,), f"大纲不认识设置“{k}”", hint="可用的设置：" + "、".join(sorted(_OUTLINE_KEYS)))
    oid = r.text(doc.data, (), "id")
    if oid != path.stem:
        raise r.fail(("id",), f"id“{oid}”与文件名“{path.name}”不一致",
                     hint=f"请把文件命名为 {oid}.yaml，或把 id 改为 {path.stem}。")
    level2 = doc.data.get("level2")
    if level2 is not None and level2 not in ("standalone", "runin"):
        raise r.fail(("level2",), "“level2”只能是 standalone（单独成行）或 runin（段首）")
    questions = r.questions(doc.data.get("questions"), ("questions",))
    for i, q in enumerate(questions):
        if q.key in RESERVED_KEYS:
            raise r.fail(("questions", i, "key"), f"key“{q.key}”与模板中已有的名称重名",
                         hint="模板里这些名称另有用途，不能用作问题的 key：" + "、".join(sorted(RESERVED_KEYS)) + "。")
    documents: tuple = ()
    facts = None
    if "documents" in doc.data:
        from drafter.genre.packdef import read_documents, read_facts
        documents = read_documents(r, doc.data["documents"], questions)
        facts = read_facts(r, doc.data.get("facts"), questions)
    elif "facts" in doc.data:
        raise r.fail(("facts",), "只有写了“documents”的材料包大纲才能写“facts”",
                     hint="facts 说明材料包的问卷里哪些回答是会议的事实，供检查各份材料是否一致。")
    return Outline(
        id=oid, name=r.text(doc.data, (), "name"), description=r.text(doc.data, (), "description"),
        template=r.text(doc.data, (), "template", required=not documents), questions=questions,
        path=path, folder=path.parent, builtin=builtin, runin_level2=level2,
        import_signals=_signals(r, doc.data.get("import")), documents=documents, facts=facts)


def _signals(r: _Reader, node: Any) -> Tuple[dict, ...]:
    """The outline's ``import:`` scoring signals (see outlines/README.md and drafter/importer/run.py)."""
    if node is None:
        return ()
    if not isinstance(node, list) or not all(isinstance(x, dict) and "reason" in x for x in node):
        raise r.fail(("import",), "“import”应是一个列表，每项是一条带“reason”的评分依据",
                     hint="参照内置大纲 report-actions.yaml 的写法。")
    return tuple(node)


def outline_dirs(extra: List[Path] = ()) -> List[Tuple[Path, bool]]:
    """Folders searched for outlines, first match wins: --outlines, $DRAFTER_OUTLINES, built-in."""
    for d in extra:
        if not Path(d).is_dir():
            raise OutlineError(f"找不到大纲文件夹：{d}", hint="请检查 --outlines 后的路径；它应是放大纲文件的文件夹。")
    dirs = [(Path(d), False) for d in extra]
    env = os.environ.get(ENV_VAR, "")
    dirs += [(Path(d), False) for d in env.split(os.pathsep) if d]
    dirs.append((BUILTIN_OUTLINES, True))
    return dirs


# An outline id names a file in an outline folder; it is never a path (a questionnaire received
# from someone else must not load and run an outline from anywhere on disk).
_ID = re.compile(r"^[^\\/:*?\"<>|\x00-\x1f.][^\\/:*?\"<>|\x00-\x1f]{0,99}$")


def find_outline(name: str, extra: List[Path] = ()) -> Outline:
    """An outline by id, looked up in the outline folders."""
    if not _ID.match(name) or name.endswith((".yaml", ".yml")):
        raise OutlineError(f"大纲“{name[:60]}”应是大纲的编号，不能是文件路径",
                           hint="请写大纲编号，例如 leader-speech（用 drafter list 查看）；"
                                "本单位的大纲请放进一个文件夹，用 --outlines 文件夹 指定。")
    for folder, builtin in outline_dirs(extra):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return load_outline(candidate, builtin)
    known = ", ".join(o.id for o in list_outlines(extra, errors=[])) or "（无）"
    raise OutlineError(f"找不到大纲“{name}”", hint=f"可用的大纲：{known}。用 drafter list 查看说明。")


def list_outlines(extra: List[Path] = (), errors: Optional[List[DrafterError]] = None) -> List[Outline]:
    """Every outline, first match of an id wins. With ``errors``, an outline file that cannot be
    loaded is recorded there and skipped (one broken file does not hide the others); without, it raises."""
    seen, out = set(), []
    for folder, builtin in outline_dirs(extra):
        if not folder.is_dir():
            continue
        for f in sorted(folder.glob("*.yaml")):
            if f.stem not in seen:
                seen.add(f.stem)
                try:
                    out.append(load_outline(f, builtin))
                except DrafterError as e:
                    if errors is None:
                        raise
                    errors.append(e)
    return out

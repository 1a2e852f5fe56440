"""YAML reading for outlines and questionnaires: safe, bounded, and with a line for every value.

PyYAML composes the node graph; we build plain Python values from it ourselves, so that no tag
can construct an object, an alias bomb is counted node by node and refused, duplicate keys are
caught, and every key and value keeps the line and column where the user typed it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Tuple

import yaml

from drafter.errors import AnswerError, Location
from drafter.textio import read_text

MAX_BYTES = 2_000_000     # a questionnaire of a whole meeting is a few dozen KB
MAX_NODES = 200_000       # values built, aliases counted each time they are expanded
MAX_DEPTH = 40

KeyPath = Tuple[Any, ...]
# libyaml composes the same node graph (tags, values, marks) about 15x faster than pure Python.
# It accepts a few things pure PyYAML refuses, so text with any of those (tabs, odd line
# breaks and BOMs that shift columns, "|#" block headers) and anything libyaml refuses is composed
# again in pure Python: errors keep PyYAML's own messages and marks for _syntax_error.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_NOT_FOR_LIBYAML = re.compile("[\t\x85\ufeff\u2028\u2029]|[|>][-+0-9]*#")
# C0 controls but tab, newline and carriage return; DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SAFE_TAGS = {f"tag:yaml.org,2002:{t}" for t in
              ("map", "seq", "str", "int", "float", "bool", "null", "timestamp", "merge")}


@dataclass
class YamlDoc:
    data: Any
    path: Path
    value_marks: Dict[KeyPath, Tuple[int, int]] = field(default_factory=dict)
    key_marks: Dict[KeyPath, Tuple[int, int]] = field(default_factory=dict)
    cleaned_lines: Tuple[int, ...] = ()   # lines whose control characters were removed

    def loc(self, keypath: KeyPath = ()) -> Location:
        """Where the value at ``keypath`` was typed; the nearest ancestor if it is absent."""
        kp = tuple(keypath)
        while kp not in self.value_marks and kp:
            kp = kp[:-1]
        line, col = self.value_marks.get(kp, (1, 1))
        return Location(self.path, line, col)

    def key_loc(self, keypath: KeyPath) -> Location:
        kp = tuple(keypath)
        if kp in self.key_marks:
            line, col = self.key_marks[kp]
            return Location(self.path, line, col)
        return self.loc(kp)


class _Builder:
    def __init__(self, doc: YamlDoc, error_cls):
        self.doc = doc
        self.count = 0
        self.built: set = set()
        self.aliased = False
        self.error_cls = error_cls
        self.scalars = yaml.SafeLoader("")

    def where(self, node) -> Location:
        return Location(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node, kp: KeyPath, depth: int, active: frozenset = frozenset()):
        self.count += 1
        if self.count > MAX_NODES:
            if self.aliased:
                raise self.error_cls("文件展开后的内容过多（锚点“&”与别名“*”层层嵌套）",
                                     self.where(node), hint="请不要使用 YAML 锚点和别名，直接写出内容。")
            raise self.error_cls(f"文件中的项目过多（超过 {MAX_NODES} 项）", self.where(node),
                                 hint="一份问卷通常只有几百项；请检查是否选错了文件，或把内容分成几份问卷。")
        if id(node) in self.built:
            self.aliased = True   # the same node met again: an alias
        self.built.add(id(node))
        if depth > MAX_DEPTH:
            raise self.error_cls("嵌套层次过深", self.where(node), hint="问卷不需要这么多层缩进，请检查缩进。")
        self.doc.value_marks.setdefault(kp, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in active:
            raise self.error_cls("别名引用了自身", self.where(node))
        if node.tag not in _SAFE_TAGS:
            raise self.error_cls(f"不支持的 YAML 标签 {node.tag}", self.where(node),
                                 hint="问卷里只写文字、数字和日期，请删去以“!”开头的标签。")
        if isinstance(node, yaml.MappingNode):
            out: Dict[str, Any] = {}
            inner = active | {id(node)}
            for knode, vnode in node.value:
                if knode.tag == "tag:yaml.org,2002:merge":
                    raise self.error_cls("不支持“<<”合并写法", self.where(knode), hint="请直接写出每一项。")
                key = self.build(knode, kp + ("<key>",), depth + 1, inner)
                if isinstance(key, (dict, list)) or key is None:
                    raise self.error_cls("键名必须是文字", self.where(knode))
                key = str(key)
                if key in out:
                    raise self.error_cls(f"“{key}”重复出现", self.where(knode),
                                         hint="同一层里每个键只能写一次，请删去或合并重复的一项。")
                self.doc.key_marks[kp + (key,)] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
                out[key] = self.build(vnode, kp + (key,), depth + 1, inner)
            return out
        if isinstance(node, yaml.SequenceNode):
            inner = active | {id(node)}
            return [self.build(v, kp + (i,), depth + 1, inner) for i, v in enumerate(node.value)]
        try:
            value = self.scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise self.error_cls(f"不支持的 YAML 标签 {node.tag}", self.where(node),
                                 hint="问卷里只写文字、数字和日期，请删去以“!”开头的标签。") from None
        except (ValueError, OverflowError):
            raise self._bad_scalar(node) from None
        if isinstance(value, str) and _SURROGATE.search(value):
            code = ord(_SURROGATE.search(value).group(0))
            raise self.error_cls(f"文字中有无法保存的字符（\\u{code:04x}，一个不成对的代理码位）", self.where(node),
                                 hint="这通常是写错的“\\u”转义；请删去它，或直接写出要的字。")
        return value

    def _bad_scalar(self, node) -> Exception:
        shown = node.value[:40]
        if node.tag.endswith(":timestamp"):
            return self.error_cls(f"“{shown}”不是一个存在的日期或时间", self.where(node),
                                  hint="请检查年、月、日（如 2 月没有 30 日）和时刻（0 到 23 时），例如 2025-02-28；"
                                       "如要按原样保留这段文字，请给它加上引号。")
        if node.tag.endswith(":int"):
            return self.error_cls(f"数字过长（{len(node.value)} 位）", self.where(node),
                                  hint="问卷中的数字不需要这么多位；如要按原样保留，请给它加上引号。")
        return self.error_cls(f"无法读取“{shown}”", self.where(node), hint="如要按原样保留这段文字，请给它加上引号。")


def parse_yaml(text: str, path: Path, error_cls=AnswerError) -> YamlDoc:
    """Parse ``text`` into a YamlDoc; syntax errors become ``error_cls`` with a diagnosis."""
    path = Path(path)
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise error_cls(f"文件过大（超过 {MAX_BYTES // 1_000_000} MB）", Location(path),
                        hint="一份问卷通常只有几十 KB，请检查是否选错了文件。")
    if text.startswith("\ufeff"):
        text = text[1:]
    cleaned: Tuple[int, ...] = ()
    if _CONTROL.search(text):
        # Pasted text brings these along; YAML refuses them and a .docx cannot hold them.
        cleaned = tuple(n for n, line in enumerate(text.splitlines(), 1) if _CONTROL.search(line))
        text = _CONTROL.sub("", text)
    try:
        if _flow_too_deep(text, MAX_DEPTH):   # the scanners take seconds over 100,000 brackets
            raise RecursionError
        node = compose(text)
    except RecursionError:
        raise error_cls("嵌套层次过深（方括号、花括号或缩进层层套叠）", Location(path),
                        hint="问卷不需要这么多层嵌套，请检查括号和缩进。") from None
    except yaml.MarkedYAMLError as e:
        raise _syntax_error(e, text, path, error_cls) from None
    except yaml.YAMLError:
        raise error_cls("YAML 格式错误：问卷无法读取", Location(path),
                        hint="请用 drafter init 生成的问卷对照检查；注意键名后是半角冒号加空格。") from None
    doc = YamlDoc(None, path, cleaned_lines=cleaned)
    if node is not None:
        doc.data = _Builder(doc, error_cls).build(node, (), 0)
    return doc


def _flow_too_deep(text: str, limit: int) -> bool:
    """Whether brackets and braces open more than ``limit`` deep: counted before any parser runs,
    over every bracket (one in a quoted value only makes the count err on the safe side, and no
    questionnaire opens 40 of them)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        elif depth:
            depth -= 1
    return False


_BRACKETS = re.compile(r"[\[\]{}]")


def compose(text: str):
    """The node graph of ``text``, by libyaml where it composes the same graph, else by pure
    PyYAML, whose errors and marks the messages are built on. Questionnaires, the workbench and
    profile files all compose through here. Raises yaml.YAMLError (or RecursionError)."""
    node = _compose_fast(text)
    return node if node is not None else yaml.compose(text, Loader=yaml.SafeLoader)


def _compose_fast(text: str):
    """The node graph by libyaml, or None when libyaml is absent or refuses the text."""
    if _FAST_LOADER is None or not text.strip() or _NOT_FOR_LIBYAML.search(text):
        return None
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return None


def load_yaml(path: Path, error_cls=AnswerError) -> YamlDoc:
    return parse_yaml(read_text(path, MAX_BYTES), Path(path), error_cls)


def load_yaml_cached(path: Path, error_cls=AnswerError) -> YamlDoc:
    """load_yaml for files read on every run and seldom changed (outlines). The built values and
    their marks are kept in the cache as JSON (data, never code; dates tagged), keyed by the text
    and this module, so that a run that finds them builds nothing."""
    path = Path(path)
    text = read_text(path, MAX_BYTES)
    entry = _cache_entry(text)
    doc = _from_cache(entry, path)
    if doc is None:
        doc = parse_yaml(text, path, error_cls)
        _to_cache(entry, doc)
    return doc


def _cache_entry(text: str):
    from drafter.cache import data_entry
    return data_entry("yaml", text, (__file__,))


# Values in JSON: a mapping as {"m": [[key, value], ...]}, a date {"d": "2025-03-18"}, a date and
# time {"t": "…isoformat…"}; lists, text, numbers, true/false and null as themselves.
def _encode(value: Any) -> Any:
    import datetime
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a JSON number")
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"m": [[k, _encode(v)] for k, v in value.items()]}
    if isinstance(value, datetime.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    raise ValueError(f"not carried: {type(value).__name__}")


def _decode(value: Any) -> Any:
    import datetime
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "m" in value:
            return {str(k): _decode(v) for k, v in value["m"]}
        if "d" in value:
            return datetime.date.fromisoformat(value["d"])
        return datetime.datetime.fromisoformat(value["t"])
    return value


def _from_cache(entry, path: Path):
    import json
    from drafter.cache import load
    payload = load(entry) if entry is not None else None
    if payload is None:
        return None
    try:
        d = json.loads(payload)
        doc = YamlDoc(_decode(d["data"]), path, cleaned_lines=tuple(int(n) for n in d["cleaned"]))
        for name, rows in (("value_marks", d["values"]), ("key_marks", d["keys"])):
            marks = getattr(doc, name)
            for kp, line, col in rows:
                if not (isinstance(kp, list) and isinstance(line, int) and isinstance(col, int)):
                    return None
                marks[tuple(kp)] = (line, col)
    except (ValueError, TypeError, KeyError, AttributeError):      # another layout: parsed again
        return None
    return doc


def _to_cache(entry, doc: YamlDoc) -> None:
    import json
    from drafter.cache import store
    if entry is None or not all(isinstance(k, (str, int)) and not isinstance(k, bool)
                                for marks in (doc.value_marks, doc.key_marks) for kp in marks for k in kp):
        return
    try:
        data = _encode(doc.data)
    except ValueError:
        return
    payload = {"data": data, "cleaned": list(doc.cleaned_lines),
               "values": [[list(kp), *lc] for kp, lc in doc.value_marks.items()],
               "keys": [[list(kp), *lc] for kp, lc in doc.key_marks.items()]}
    store(entry, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


_FULLWIDTH_COLON_KEY = re.compile(r"^\s*(-\s+)?[^\s:#：\"'][^:#：]*：")
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(-\s+)?[^\s:#\"'][^:#\"']*:(?=[^\s/])")


def diagnose_line(line: str) -> str:
    """Name the usual cause of a YAML syntax error on ``line``, or ''."""
    stripped = line.lstrip(" ")
    if stripped.startswith("\t") or "\t" in line[:len(line) - len(line.lstrip())]:
        return "这一行用 Tab 键缩进了；YAML 只能用空格缩进，请把 Tab 换成空格"
    if _FULLWIDTH_COLON_KEY.match(line) and ": " not in line:
        return "键名后面用了全角冒号“：”；键名后应是半角冒号加一个空格，例如“会议名称: 全区社会工作会议”"
    if _NO_SPACE_AFTER_COLON.match(line):
        return "冒号后缺少空格；键名后应是半角冒号加一个空格，例如“会议名称: 全区社会工作会议”"
    if line.count('"') % 2 == 1 or (line.count("'") % 2 == 1 and "'" in line.split(":", 1)[-1][:3]):
        return "引号没有闭合；请补上配对的引号，或干脆去掉引号"
    return ""


def _syntax_error(e: yaml.MarkedYAMLError, text: str, path: Path, error_cls):
    mark = e.problem_mark or e.context_mark
    lines = text.splitlines()
    line_no = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else None
    problem = (e.problem or "") + " " + (e.context or "")
    # The cause often sits on the line before the one PyYAML stops at.
    candidates = []
    if e.context_mark is not None:
        candidates.append(e.context_mark.line + 1)
    candidates += [line_no, line_no - 1]
    for n in candidates:
        if 1 <= n <= len(lines):
            why = diagnose_line(lines[n - 1])
            if why:
                return error_cls(f"YAML 格式错误：{why}", Location(path, n, 1 if n != line_no else col),
                                 hint=f"第 {n} 行：{lines[n - 1].strip()[:40]}")
    if "quoted scalar" in problem:
        n = e.context_mark.line + 1 if e.context_mark else line_no
        return error_cls("YAML 格式错误：引号没有闭合", Location(path, n),
                         hint="请补上配对的引号，或干脆去掉引号。")
    if "tab" in problem.lower():
        return error_cls("YAML 格式错误：用了 Tab 键缩进", Location(path, line_no, col),
                         hint="YAML 只能用空格缩进，请把 Tab 换成空格。")
    shown = lines[line_no - 1].strip()[:40] if 1 <= line_no <= len(lines) else ""
    return error_cls("YAML 格式错误：缩进或冒号不对", Location(path, line_no, col),
                     hint=f"请对照上下行检查缩进是否对齐、键名后是否是“: ”。本行：{shown}")

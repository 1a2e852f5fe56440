"""An outline's questionnaire as a JSON Schema, keyed by the Chinese labels a clerk types.

Derived from the Question model (drafter.genre.outline) alone, so a unit's own outline gets a
schema too. A list whose entries repeat an enclosing question (自由结构的“下级”) refers to it
through ``$defs`` instead of nesting it for ever. The labels, help, examples and limits are the
ones ``drafter init`` writes as comments; "required" means what the questionnaire check means:
required and without a default.
"""
from __future__ import annotations

from typing import Any, Dict, List

from drafter.genre.outline import Outline, Question
from drafter.genre.questionnaire import (LEVEL2_CHOICES, LEVEL2_KEY, MAX_TIME_LIMIT_MIN, OUTLINE_KEY, RATE_KEY,
                                         TIME_LIMIT_KEY)
from drafter.genre.scaffold import requirement

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_HELP = "写成 2025-01-06 或 2025年1月6日；文稿中统一印成“2025年1月6日”。"
PROSE_HELP = "写成一个字符串，段与段之间换行；也可写成字符串数组，每段一项。"
# The forms drafter.zh.numerals.parse_date reads.
DATE_PATTERN = r"^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*$"
_TYPE_NOTES = {"prose": PROSE_HELP, "date": DATE_HELP}
EXAMPLE_NOTE = "示例只说明写法，其中的人名、单位、数字都是虚构的，不得照抄进文稿。"


def outline_schema(outline: Outline) -> Dict[str, Any]:
    """The JSON Schema of ``outline``'s questionnaire (draft 2020-12)."""
    b = _Builder()
    root = b.group_body(outline.root)
    props = dict(root["properties"])
    props[OUTLINE_KEY] = {"const": outline.id, "title": OUTLINE_KEY, "description": "本问卷使用的大纲编号，可不写。"}
    props[TIME_LIMIT_KEY] = {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_TIME_LIMIT_MIN,
                             "title": TIME_LIMIT_KEY, "description": "选填：讲话限时多少分钟；检查时会提示文稿是否超时。",
                             "examples": [30]}
    props[RATE_KEY] = {"type": "integer", "minimum": 60, "maximum": 600, "title": RATE_KEY,
                       "description": "选填：每分钟念多少字，默认 200。", "examples": [200]}
    if outline.runin_level2 is not None:
        default = "段首" if outline.runin_level2 == "runin" else "单独成行"
        props[LEVEL2_KEY] = {"type": "string", "enum": list(LEVEL2_CHOICES), "default": default, "title": LEVEL2_KEY,
                             "description": f"选填：（一）（二）级小标题单独成行，还是写在段首作为段落的第一句，默认{default}。"}
    schema: Dict[str, Any] = {
        "$schema": DIALECT, "title": outline.name,
        "description": f"{outline.description}。按各项的中文名称填写；序号、“五大”等数词和日期写法由 drafter 生成，"
                       f"不必手写。{EXAMPLE_NOTE}",
        "type": "object", "properties": props, "required": root["required"], "additionalProperties": False}
    if b.defs:
        schema["$defs"] = b.defs
    return schema


class _Builder:
    def __init__(self):
        self.open: List[Question] = []        # the questions being built, outermost first
        self.refs: Dict[int, str] = {}        # id(question) -> its name under $defs
        self.defs: Dict[str, Any] = {}

    def question(self, q: Question, entry: bool = False) -> Dict[str, Any]:
        """``entry``: the question each entry of a list answers (required or not is the list's)."""
        self.open.append(q)
        body = getattr(self, "t_" + q.type)(q)
        self.open.pop()
        out: Dict[str, Any] = {"title": q.label}
        desc = [requirement(q).replace("必填", "", 1).lstrip("，") + "。"] if entry else [requirement(q) + "。"]
        if q.help:
            desc.append(q.help)
        if q.type in _TYPE_NOTES:
            desc.append(_TYPE_NOTES[q.type])
        if q.default is not None:
            desc.append(f"不填则用：{q.default}")
        text = "".join(d if d.endswith(("。", "！", "？", "）")) else d + "。" for d in desc if d != "。")
        if text:
            out["description"] = text
        out.update(body)
        if q.default is not None and q.type not in ("group", "list"):
            out["default"] = q.default if q.type != "date" else str(q.default)
        if q.example is not None and q.type not in ("group", "list"):
            out["examples"] = [_plain(q.example)]
        elif q.example is not None and q.type == "list" and isinstance(q.example, list):
            out["examples"] = [[_plain(x) for x in q.example]]
        if id(q) in self.refs:                  # a list below repeats this question: define it once
            name = self.refs[id(q)]
            self.defs[name] = out
            return {"$ref": f"#/$defs/{name}"}
        return out

    def t_text(self, q: Question) -> Dict[str, Any]:
        out: Dict[str, Any] = {"type": "string"}
        if q.max_length:
            out["maxLength"] = q.max_length
        return out

    def t_prose(self, q: Question) -> Dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}

    def t_integer(self, q: Question) -> Dict[str, Any]:
        out: Dict[str, Any] = {"type": "integer"}
        if q.min is not None:
            out["minimum"] = q.min
        if q.max is not None:
            out["maximum"] = q.max
        return out

    def t_date(self, q: Question) -> Dict[str, Any]:
        return {"type": "string", "pattern": DATE_PATTERN}

    def t_choice(self, q: Question) -> Dict[str, Any]:
        return {"type": "string", "enum": list(q.choices)}

    def t_list(self, q: Question) -> Dict[str, Any]:
        if any(q.item is x for x in self.open):     # the entries repeat an enclosing question
            name = self.refs.setdefault(id(q.item), self._def_name(q.item))
            items: Dict[str, Any] = {"$ref": f"#/$defs/{name}"}
        else:
            items = self.question(q.item, entry=True)
        out: Dict[str, Any] = {"type": "array", "items": items}
        if q.min_items:
            out["minItems"] = q.min_items
        if q.max_items is not None:
            out["maxItems"] = q.max_items
        return out

    def t_group(self, q: Question) -> Dict[str, Any]:
        body = self.group_body(q)
        return {"type": "object", "properties": body["properties"], "required": body["required"],
                "additionalProperties": False}

    def group_body(self, q: Question) -> Dict[str, Any]:
        props = {s.label: self.question(s) for s in q.questions}
        required = [s.label for s in q.questions if s.required and s.default is None]
        return {"properties": props, "required": required}

    def _def_name(self, q: Question) -> str:
        name, n = q.key, 2
        while name in self.refs.values():
            name, n = f"{q.key}_{n}", n + 1
        return name


def _plain(v: Any) -> Any:
    """An example as JSON: a YAML date becomes its ISO text."""
    import datetime as _dt
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v

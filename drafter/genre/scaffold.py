"""``drafter init``: a commented questionnaire that explains itself to a clerk who never saw YAML."""
from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any, Callable, List, Optional

from drafter.genre.outline import TYPES, Outline, Question
from drafter.genre.questionnaire import LEVEL2_KEY, OUTLINE_KEY, RATE_KEY, TIME_LIMIT_KEY

_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
# Characters outside YAML's printable set (YAML 1.1, 5.1).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LOOKS_TYPED = re.compile(r"^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+([eE][-+]?\d+)?|\d{4}-\d\d?-\d\d?.*)$", re.I)


def yaml_scalar(value: Any) -> str:
    """A YAML scalar that reads back as the same text (quoted only when it must be)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = str(value)
    if _UNPRINTABLE.search(s):       # YAML cannot hold these as they are: escape them
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}" if ord(m.group(0)) < 0x10000
                                else f"\\U{ord(m.group(0)):08x}", json.dumps(s, ensure_ascii=False))
    if _PLAIN_OK.match(s) and not _LOOKS_TYPED.match(s) and ": " not in s and " #" not in s and "\t" not in s \
            and not s.endswith((":", " ")):
        return s
    return json.dumps(s, ensure_ascii=False)   # a JSON string is a valid YAML double-quoted scalar


def requirement(q: Question) -> str:
    """What an answer must be, in the words of the comment above it: 必填，不超过 30 字."""
    bits = ["必填" if q.required and q.default is None else "选填"]
    if q.type == "text" and q.max_length:
        bits.append(f"不超过 {q.max_length} 字")
    if q.type == "list":
        if q.max_items is not None and q.min_items:
            bits.append(f"{q.min_items}～{q.max_items} 项")
        elif q.min_items:
            bits.append(f"至少 {q.min_items} 项")
        elif q.max_items is not None:
            bits.append(f"最多 {q.max_items} 项")
    if q.type == "integer" and (q.min is not None or q.max is not None):
        bits.append(f"{q.min if q.min is not None else ''}～{q.max if q.max is not None else ''}")
    if q.type == "choice":
        bits.append("从以下选项中选一个：" + "、".join(q.choices))
    if q.type not in ("text", "group", "list"):
        bits.append(TYPES[q.type])
    return "，".join(bits)


def example_text(q: Question) -> str:
    """The outline's example for ``q`` on one line (list examples joined by “；”)."""
    if q.example is None:
        return ""
    if isinstance(q.example, list):
        return "；".join(str(x) for x in q.example)
    return str(q.example).strip().replace("\n", " ")


_NONE = object()    # "no imported value": write what init writes


class QuestionnaireWriter:
    """Questionnaire lines for questions, comments above each (``drafter init``; the workbench
    writes single answers with it so that a saved form reads like an initialised file)."""

    def __init__(self, fill: bool, note: Optional[Callable[[Question, Any], List[str]]] = None):
        self.fill = fill
        self.note = note          # import: extra comment lines above a value (原稿数字……)
        self.lines: List[str] = []
        self.open: List[Question] = []   # questions being written, to stop at a recursive list

    def comment(self, indent: str, text: str) -> None:
        for part in text.splitlines() or [""]:
            self.lines.append(f"{indent}# {part}".rstrip())

    def question(self, q: Question, indent: str, first_prefix: str = "", value: Any = _NONE) -> None:
        """Write ``q``; ``first_prefix`` ("- ") starts a list entry on its first line; ``value``
        is an imported answer (plain data, keyed by question key) written instead of an empty one."""
        lead = indent + first_prefix
        self.comment(lead if first_prefix else indent, f"【{q.label}】{requirement(q)}")
        lead = indent + ("  " if first_prefix else "")   # later lines of a list entry align past "- "
        if q.help:
            self.comment(lead, q.help)
        if q.default is not None:
            self.comment(lead, f"不填则用：{q.default}")
        ex = example_text(q)
        if ex and q.type not in ("group", "list"):
            self.comment(lead, f"示例：{ex}")
        if value is not _NONE and self.note is not None:
            for line in self.note(q, value):
                self.comment(lead, line)
        self.open.append(q)
        self.value(q, lead, value)
        self.open.pop()

    def value(self, q: Question, indent: str, value: Any = _NONE) -> None:
        key = f"{indent}{q.label}:"
        if q.type == "group":
            self.lines.append(key)
            for sub in q.questions:
                sub_value = _NONE if value is _NONE else (value or {}).get(sub.key)
                self.question(sub, indent + "  ", value=sub_value)
        elif q.type == "list":
            entries = self.sample_entries(q) if value is _NONE else list(value or [])
            self.lines.append(key)
            for n, entry in enumerate(entries):
                if n == 0:
                    self.comment(indent + "  ", "每项以“- ”开头；要增加一项，就复制下面整项（连同缩进的内容），粘贴在后面再改写。")
                self.entry(q.item, entry, indent + "  ", imported=value is not _NONE)
        else:
            if value is _NONE:
                v = (q.example if q.example is not None else q.default) if self.fill else None
            else:
                v = value
            if v is None or v == "" or v == []:
                self.lines.append(key + (" |" if q.type == "prose" else ""))
            elif q.type == "prose":
                paras = [str(p).strip() for p in (v if isinstance(v, list) else str(v).splitlines()) if str(p).strip()]
                if any(_UNPRINTABLE.search(p) for p in paras):     # a list of quoted paragraphs instead
                    self.lines.append(key)
                    self.lines.extend(f"{indent}  - {yaml_scalar(p)}" for p in paras)
                else:
                    self.lines.append(key + " |")
                    self.lines.extend(f"{indent}  {p}" for p in paras)
            else:
                self.lines.append(f"{key} {yaml_scalar(v)}")

    def sample_entries(self, q: Question) -> list:
        if q.item in self.open:      # a recursive list (自由结构的“下级”) starts empty
            return []
        if not self.fill:
            return [None]
        if isinstance(q.example, list) and q.example:
            return list(q.example)
        return [None] * max(q.min_items, 1)

    def entry(self, item: Question, value: Any, indent: str, imported: bool = False) -> None:
        if item.type == "group":
            self.lines.append(f"{indent}-")
            self.open.append(item)
            for sub in item.questions:
                sub_value = (value or {}).get(sub.key) if imported else _NONE
                self.question(sub, indent + "  ", value=sub_value)
            self.open.pop()
        else:
            if imported and self.note is not None:
                for line in self.note(item, value):
                    self.comment(indent, line)
            v = value if value is not None else (item.example if self.fill and not imported else None)
            self.lines.append(f"{indent}- {yaml_scalar(v) if v is not None else ''}".rstrip())


HEADER = """\
# ==================================================================
# drafter 问卷：{name}
# {description}
#
# 填写方法：
#   1. 在每个“名称:”后面填写内容。冒号是半角的“:”，冒号后空一格再写。
#   2. 以“#”开头的行是说明，不会出现在文稿里，可以保留，也可以删掉。
#   3. 后面带“|”的是多段文字：从下一行起写，每段占一行，
#      每行比上一行的名称多缩进两个空格（只能用空格，不能用 Tab 键）。
#   4. 列表的每一项以“- ”开头。要增加一项，就复制一整项再改写。
#   5. 序号（一、（一）一是）、“两个”“五大”等数字和日期格式都由 drafter 自动生成，不必手写。
#   6. 填好后检查：drafter check {{本文件}}
#      生成文稿：  drafter render {{本文件}} -o {target}
# ==================================================================

# 本问卷使用的大纲，请勿修改。
{outline_key}: {outline_id}

# 【{time_key}】选填：讲话限时多少分钟；drafter check 会提示文稿是否超时。
# {time_key}: 30
# 【{rate_key}】选填：每分钟念多少字，默认 200。
# {rate_key}: 200
"""


def write_questionnaire(outline: Outline, fill_examples: bool = False, values: Optional[dict] = None,
                        note: Optional[Callable[[Question, Any], List[str]]] = None,
                        preface: List[str] = (), level2: Optional[str] = None) -> str:
    """The questionnaire text for ``outline``; with ``fill_examples`` every answer is its example.

    ``values`` (plain answers keyed by question key, as ``drafter import`` finds them) are written
    in place of empty answers, under the same comments; ``note(question, value)`` adds comment
    lines above a value, ``preface`` comment lines before the first question, ``level2`` sets
    二级标题 (单独成行/段首) where the outline lets a questionnaire choose.
    """
    head = HEADER.format(name=outline.name, description=outline.description, outline_key=OUTLINE_KEY,
                         outline_id=outline.id, time_key=TIME_LIMIT_KEY, rate_key=RATE_KEY,
                         target="材料/（材料包的每份文稿都放在这个文件夹里）" if outline.is_pack else "文稿.docx")
    w = QuestionnaireWriter(fill_examples, note)
    for line in preface:
        w.comment("", line)
    if preface:
        w.lines.append("")
    if outline.runin_level2 is not None:
        default = "段首" if outline.runin_level2 == "runin" else "单独成行"
        w.comment("", f"【{LEVEL2_KEY}】选填：（一）（二）级小标题“单独成行”，还是写在段首作为段落的第一句，默认{default}。")
        if level2:
            w.lines.append(f"{LEVEL2_KEY}: {level2}")
        else:
            w.comment("", f"{LEVEL2_KEY}: {default}")
        w.lines.append("")
    for q in outline.questions:
        w.question(q, "", value=_NONE if values is None else values.get(q.key))
        w.lines.append("")
    return head.replace("{本文件}", "本文件") + "\n" + "\n".join(w.lines).rstrip() + "\n"

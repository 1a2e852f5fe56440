"""An assistant's answers (JSON keyed by the questionnaire's Chinese labels) checked and written
as a questionnaire.

Checking runs the questionnaire's own validator (drafter.genre.questionnaire.answers_from_doc)
over the JSON, so every message is the one ``drafter check`` prints; each problem comes back with
the path of the answer it is about instead of a line. Writing goes through the questionnaire
``drafter init`` writes (drafter.genre.scaffold), so the clerk can go on by hand, and the text
is read back and compared before it is saved: the file means exactly what the JSON meant.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from drafter.errors import AnswerError, DrafterError, Location
from drafter.genre.outline import Outline, Question
from drafter.genre.questionnaire import (LEVEL2_KEY, META_KEYS, OUTLINE_KEY, RATE_KEY, TIME_LIMIT_KEY, AnswerErrors,
                                         Answers, answers_from_doc)
from drafter.yamlsrc import MAX_BYTES, MAX_DEPTH, MAX_NODES, YamlDoc

KeyPath = Tuple[Any, ...]
_SURROGATE = re.compile("[\ud800-\udfff]")
_META_BY_KEY = {v: k for k, v in META_KEYS.items()}      # time_limit -> 时长上限


@dataclass
class Problem:
    """One thing wrong with the answers: where (labels and 0-based list positions) and what."""

    path: List[Any]
    message: str
    hint: str = ""

    def as_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"path": self.path, "message": self.message}
        if self.hint:
            out["hint"] = self.hint
        return out


@dataclass
class Checked:
    answers: Optional[Answers]
    doc: Optional["_JsonDoc"] = None
    errors: List[Problem] = field(default_factory=list)
    warnings: List[Problem] = field(default_factory=list)


class _JsonDoc(YamlDoc):
    """A YamlDoc over JSON data. Every place the validator asks for gets a line of its own, so
    that each message leads back to the exact answer (or missing answer) it names."""

    def __init__(self, data: Any, path: Path):
        super().__init__(data, path)
        self.places: Dict[KeyPath, int] = {}

    def loc(self, keypath=()) -> Location:
        return Location(self.path, self._place(keypath), 1)

    def key_loc(self, keypath) -> Location:
        return Location(self.path, self._place(keypath), 2)

    def _place(self, keypath) -> int:
        return self.places.setdefault(tuple(keypath), len(self.places) + 1)

    def keypath(self, where: Optional[Location]) -> KeyPath:
        if where is None or where.line is None:
            return ()
        for kp, n in self.places.items():
            if n == where.line:
                return kp
        return ()


def bound(data: Any, what: str = "answers") -> None:
    """Refuse JSON the questionnaire reader would refuse as YAML: too many values, too deep,
    too long, or text that cannot be saved (yamlsrc's limits and messages)."""
    count = 0
    size = 0
    stack = [(data, 0)]
    while stack:
        v, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise AnswerError(f"{what} 中的项目过多（超过 {MAX_NODES} 项）",
                              hint="一份问卷通常只有几百项；请检查是否把别的内容放了进来。")
        if depth > MAX_DEPTH:
            raise AnswerError(f"{what} 嵌套层次过深", hint="问卷不需要这么多层，请对照 get_questionnaire 给出的结构。")
        if isinstance(v, dict):
            for k, x in v.items():
                size += len(str(k).encode("utf-8", "replace"))
                stack.append((x, depth + 1))
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
        elif isinstance(v, str):
            size += len(v.encode("utf-8", "replace"))
            if _SURROGATE.search(v):
                code = ord(_SURROGATE.search(v).group(0))
                raise AnswerError(f"文字中有无法保存的字符（\\u{code:04x}，一个不成对的代理码位）",
                                  hint="这通常是写错的“\\u”转义；请删去它，或直接写出要的字。")
        elif isinstance(v, float) and v != v:
            raise AnswerError(f"{what} 中有不是数字的数值（NaN）", hint="请写出具体的数字。")
        if size > MAX_BYTES:
            raise AnswerError(f"{what} 过大（超过 {MAX_BYTES // 1_000_000} MB）",
                              hint="一份问卷通常只有几十 KB，请检查是否把别的内容放了进来。")


def check_answers(outline: Outline, data: Any) -> Checked:
    """Validate ``data`` against ``outline`` with the questionnaire's validator."""
    bound(data)
    if not isinstance(data, dict):
        return Checked(None, errors=[Problem([], "answers 应是一个对象：问卷各项的中文名称对应所填的内容",
                                      "请按 get_questionnaire 给出的结构填写。")])
    named = data.get(OUTLINE_KEY, data.get("outline"))
    if named is not None and named != outline.id:
        return Checked(None, errors=[Problem([OUTLINE_KEY], f"answers 中的“{OUTLINE_KEY}”是“{named}”，与所选的大纲“{outline.id}”不一致",
                                      f"请删去“{OUTLINE_KEY}”一项，或改为 {outline.id}。")])
    doc = _JsonDoc(data, Path("answers.json"))
    try:
        answers = answers_from_doc(doc, outline)
    except AnswerErrors as e:      # advice on the outline's limits is said beside the errors
        return Checked(None, doc, [_problem(outline, doc, x) for x in e.errors],
                       [_problem(outline, doc, w) for w in e.warnings])
    except AnswerError as e:
        return Checked(None, doc, [_problem(outline, doc, e)])
    return Checked(answers, doc, warnings=[_problem(outline, doc, w) for w in answers.warnings])


def _problem(outline: Outline, doc: _JsonDoc, e: DrafterError) -> Problem:
    return Problem(label_path(outline, doc.keypath(e.where)), e.message, e.hint)


def label_path(outline: Outline, kp: KeyPath) -> List[Any]:
    """``kp`` with each question named by its label (the validator names a missing one by key)."""
    out: List[Any] = []
    q: Optional[Question] = outline.root
    for part in kp:
        if isinstance(part, int):
            out.append(part)
            q = q.item if q is not None and q.type == "list" else None
            continue
        sub = q.child(part) if q is not None and q.type == "group" else None
        if sub is None and q is outline.root and part in _META_BY_KEY:
            part = _META_BY_KEY[part]
        out.append(sub.label if sub is not None else part)
        q = sub
    return out


# -- writing ------------------------------------------------------------------------------------
def questionnaire_text(outline: Outline, data: Dict[str, Any]) -> str:
    """The questionnaire ``drafter init`` would write, filled with ``data`` (already checked)."""
    from drafter.genre.scaffold import write_questionnaire, yaml_scalar
    level2 = _meta(data, LEVEL2_KEY)
    text = write_questionnaire(outline, values=_by_key(outline.root, data), level2=level2)
    for label in (TIME_LIMIT_KEY, RATE_KEY):
        value = _meta(data, label)
        if value is not None:
            commented = f"# {label}: "
            at = text.index("\n" + commented) + 1
            end = text.index("\n", at)
            text = text[:at] + f"{label}: {yaml_scalar(value)}" + text[end:]
    return text


def _meta(data: Dict[str, Any], label: str) -> Any:
    value = data.get(label, data.get(META_KEYS[label]))
    return None if value is None or value == "" else value


def _by_key(q: Question, raw: Any) -> Any:
    """The answers keyed by question key, as scaffold.write_questionnaire takes them."""
    if q.type == "group":
        raw = raw if isinstance(raw, dict) else {}
        return {s.key: _by_key(s, raw.get(s.label, raw.get(s.key))) for s in q.questions}
    if q.type == "list":
        return [_by_key(q.item, x) for x in raw] if isinstance(raw, list) else None
    if q.type == "prose" and isinstance(raw, list):
        return [str(p) for p in raw if p is not None]
    return raw


def same_answers(a: Answers, b: Answers) -> bool:
    return (a.values.to_plain() == b.values.to_plain() and a.time_limit_min == b.time_limit_min
            and a.rate_per_min == b.rate_per_min and a.level2 == b.level2)


def as_json(value: Any) -> Any:
    """Questionnaire data (from YAML) as JSON: a date becomes its ISO text."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value

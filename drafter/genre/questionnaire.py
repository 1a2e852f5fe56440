"""Questionnaires: a filled YAML file checked against its outline, becoming Answers for the renderer."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

from drafter.errors import AnswerError, DrafterError, Location
from drafter.zh.numerals import CnDate, parse_date
from drafter.genre.outline import Outline, Question, find_outline
from drafter.yamlsrc import YamlDoc, load_yaml

# Keys every questionnaire may carry besides its outline's questions.
OUTLINE_KEY = "大纲"
TIME_LIMIT_KEY = "时长上限"      # minutes of the speaking slot
MAX_TIME_LIMIT_MIN = 600         # a working day; .inf and .nan are not a time limit
RATE_KEY = "语速"               # 字/分钟 read aloud
LEVEL2_KEY = "二级标题"          # 单独成行 or 段首, where the outline allows the switch
LEVEL2_CHOICES = {"单独成行": "standalone", "段首": "runin"}
META_KEYS = {OUTLINE_KEY: "outline", TIME_LIMIT_KEY: "time_limit", RATE_KEY: "rate", LEVEL2_KEY: "level2"}

# What a preview shows for an answer still to be given or corrected (answers_from_doc(pending=True)).
STAND_IN = "【待填写：{label}】"

# XML 1.0 cannot hold these; the renderer's line markers (U+FDD0/U+FDD1) are reserved too.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0\ufdd1\ufffe\uffff]")
MARK_OPEN, MARK_CLOSE = "\ufdd0", "\ufdd1"


class Text(str):
    """An answer's text that remembers the questionnaire line it was typed on."""

    line: int = 0

    def __new__(cls, value: str, line: int = 0):
        s = super().__new__(cls, value)
        s.line = line
        return s

    def __html__(self) -> str:
        # The renderer escapes through here: a marker before the text tells it the source line.
        from markupsafe import escape
        return f"{MARK_OPEN}{self.line}{MARK_CLOSE}{escape(str(self))}"


class Record:
    """A group of answers; templates read ``x.key`` (or ``x['key']``)."""

    __slots__ = ("_values", "line")

    def __init__(self, values: Dict[str, Any], line: int = 0):
        self._values = values
        self.line = line

    def __getattr__(self, key: str):
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str):
        return self._values[key]

    def __contains__(self, key: str) -> bool:
        return key in self._values

    def get(self, key: str, default=None):
        return self._values.get(key, default)

    def to_plain(self) -> dict:
        return {k: _plain(v) for k, v in self._values.items()}


def _plain(v):
    if isinstance(v, Record):
        return v.to_plain()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, CnDate):
        return str(v)
    if isinstance(v, Text):
        return str(v)
    return v


@dataclass
class Answers:
    outline: Outline
    values: Record
    path: Path
    time_limit_min: Optional[float] = None
    rate_per_min: Optional[int] = None
    level2: Optional[str] = None
    warnings: List[DrafterError] = field(default_factory=list)
    # pending=True: the errors a stand-in (STAND_IN) took the place of, and those stand-ins
    pending: List[AnswerError] = field(default_factory=list)
    stand_ins: List[str] = field(default_factory=list)
    # what the cleaning passes changed in the answers on the way to the draft (render_draft
    # fills it: transforms.Correction, each with its questionnaire line)
    corrections: List[Any] = field(default_factory=list)


class Missing(AnswerError):
    """A required answer not given yet."""


class LimitAdvice(AnswerError):
    """An answer past one of the outline's limits that are advice (a text's length, a list's number
    of items): the draft still renders, and ``render``, ``check`` and the workbench name the line."""


class TextRemoved(AnswerError):
    """Text rendering left out of an answer, said with the questionnaire's line: a number typed at
    the start of an answer that drafter numbers itself (never （一）（一）; ``rule`` typed-number),
    a web page's notice pasted in with the text (web-furniture)."""

    def __init__(self, message: str, where: Location, hint: str, rule: str):
        super().__init__(message, where, hint)
        self.rule = rule


class AnswerErrors(AnswerError):
    """Every problem found in one questionnaire, reported together."""

    def __init__(self, errors: List[AnswerError], warnings: Optional[List[DrafterError]] = None):
        super().__init__(errors[0].message, errors[0].where, errors[0].hint)
        self.errors = errors
        self.warnings = list(warnings or [])     # advice found on the way, for check and the workbench

    def format_message(self) -> str:
        return "\n".join(e.format_message() for e in self.errors)


def outline_of(doc: YamlDoc, extra_dirs=()) -> Outline:
    data = doc.data
    if not isinstance(data, dict):
        raise AnswerError("问卷的最外层应是“键名: 内容”的形式", doc.loc(),
                          hint="请用 drafter init 生成问卷再填写；注意键名后是半角冒号加空格。")
    name = data.get(OUTLINE_KEY, data.get("outline"))
    if not name or not isinstance(name, str):
        raise AnswerError(f"问卷没有写明“{OUTLINE_KEY}”", doc.loc(),
                          hint=f"请在文件开头写上“{OUTLINE_KEY}: leader-speech”（用 drafter list 查看可用的大纲）。")
    try:
        return find_outline(name, list(extra_dirs))
    except DrafterError as e:
        if e.where is None:
            e.where = doc.key_loc((OUTLINE_KEY,) if OUTLINE_KEY in data else ("outline",))
        raise


def read_answers(path: Path, outline: Optional[Outline] = None, extra_dirs=()) -> Answers:
    """Load a questionnaire, find its outline, validate; raise AnswerErrors listing every problem."""
    return answers_from_doc(load_yaml(Path(path), AnswerError), outline, extra_dirs)


def answers_from_doc(doc: YamlDoc, outline: Optional[Outline] = None, extra_dirs=(),
                     pending: bool = False) -> Answers:
    """Validate a parsed questionnaire (``drafter serve`` parses the form's text in memory, and
    ``drafter import`` its questionnaire's text). Limits that are advice are warnings, not errors.

    ``pending``: a form still being filled in (the workbench's preview). An answer that is missing
    or cannot be used is not an error that stops: the draft gets ``【待填写：会议名称】`` in its place,
    and the errors are returned in ``Answers.pending`` instead of raised."""
    path = doc.path
    outline = outline or outline_of(doc, extra_dirs)
    v = _Validator(doc, pending)
    for n in doc.cleaned_lines:
        v.warnings.append(AnswerError("删去了文字中无法保存到文稿里的控制字符", Location(doc.path, n),
                                      hint="这些字符通常来自复制粘贴，删去后不影响内容。"))
    for label, key in META_KEYS.items():
        if label in doc.data and key in doc.data:
            v.error((key,), f"“{label}”与“{key}”是同一项，不能都写", key=True, hint=f"请只保留“{label}”这一行。")
    data = {k: val for k, val in doc.data.items() if k not in META_KEYS and k not in META_KEYS.values()}
    values = v.group(outline.root, data, ())
    answers = Answers(outline, values, Path(path), warnings=v.warnings)
    limit = doc.data.get(TIME_LIMIT_KEY, doc.data.get("time_limit"))
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not 0 < limit <= MAX_TIME_LIMIT_MIN:
            v.error((TIME_LIMIT_KEY,), f"“{TIME_LIMIT_KEY}”应是讲话的分钟数（大于 0，至多 {MAX_TIME_LIMIT_MIN}），例如 30")
        else:
            answers.time_limit_min = float(limit)
    rate = doc.data.get(RATE_KEY, doc.data.get("rate"))
    if rate is not None:
        if isinstance(rate, bool) or not isinstance(rate, int) or not 60 <= rate <= 600:
            v.error((RATE_KEY,), f"“{RATE_KEY}”应是每分钟念的字数，60 到 600 之间，例如 200")
        else:
            answers.rate_per_min = rate
    level2 = doc.data.get(LEVEL2_KEY, doc.data.get("level2"))
    if level2 is not None:
        if outline.runin_level2 is None:
            v.error((LEVEL2_KEY,), f"大纲“{outline.id}”的二级标题格式是固定的，不能设置“{LEVEL2_KEY}”",
                    hint=f"请删去“{LEVEL2_KEY}”这一行。")
        elif str(level2) not in LEVEL2_CHOICES and level2 not in LEVEL2_CHOICES.values():
            v.error((LEVEL2_KEY,), f"“{LEVEL2_KEY}”只能填“单独成行”或“段首”")
        else:
            answers.level2 = LEVEL2_CHOICES.get(str(level2), level2)
    if v.errors and not pending:
        raise AnswerErrors(v.errors, v.warnings)
    answers.pending, answers.stand_ins = v.errors, sorted(set(v.stand_ins))
    return answers


def _name(q: Question, kp) -> str:
    return f"「{q.label}」" if not any(isinstance(k, int) for k in kp) else \
        f"「{q.label}」（第 {[k for k in kp if isinstance(k, int)][-1] + 1} 项中）"


class _Validator:
    def __init__(self, doc: YamlDoc, pending: bool = False):
        self.doc = doc
        self.pending = pending
        self.errors: List[AnswerError] = []
        self.warnings: List[DrafterError] = []
        self.stand_ins: List[str] = []

    def error(self, kp, message: str, hint: str = "", key: bool = False) -> None:
        where = self.doc.key_loc(kp) if key else self.doc.loc(kp)
        self.errors.append(AnswerError(message, where, hint))

    def advise(self, kp, message: str, hint: str = "") -> None:
        self.warnings.append(LimitAdvice(message, self.doc.loc(kp), hint))

    def line(self, kp) -> int:
        return self.doc.loc(kp).line or 0

    def value(self, q: Question, raw: Any, kp) -> Any:
        if is_empty(raw):
            if q.default is not None:
                raw = q.default
            elif q.required:
                # a form being filled in: each empty answer inside is named, not the whole group
                if self.pending and q.type == "group":
                    return self.group(q, raw if isinstance(raw, dict) else {}, kp)
                if self.pending and q.type == "list" and isinstance(raw, list) and raw:
                    return self.t_list(q, raw, kp)
                self.errors.append(Missing(f"{_name(q, kp)}是必填项，还没有填写", self.doc.loc(kp),
                                           f"请填写{q.label}" + (f"，例如：{_short(q.example)}" if q.example else "。")))
                return self.stand_in(q, kp)
            else:
                return [] if q.type == "list" else None
        return getattr(self, "t_" + q.type)(q, raw, kp)

    def stand_in(self, q: Question, kp) -> Any:
        """What the draft shows for an answer that is missing or unusable: nothing, unless pending."""
        if not self.pending:
            return None
        if q.type == "group":
            return Record({s.key: self.stand_in(s, kp) if s.required and s.default is None
                           else self.value(s, None, kp + (s.key,)) for s in q.questions}, self.line(kp))
        if q.type == "list":
            return [self.stand_in(q.item, kp)] if q.item is not None else []
        mark = STAND_IN.format(label=q.label)
        self.stand_ins.append(mark)
        text = Text(mark, self.line(kp))
        return [text] if q.type == "prose" else text

    def clean(self, s: str, kp) -> str:
        if _BAD_CHARS.search(s):
            self.warnings.append(AnswerError("删去了文字中无法保存到文稿里的控制字符", self.doc.loc(kp),
                                             hint="这些字符通常来自复制粘贴，删去后不影响内容。"))
            s = _BAD_CHARS.sub("", s)
        return s

    def t_text(self, q, raw, kp):
        if isinstance(raw, (dict, list)):
            self.error(kp, f"{_name(q, kp)}应是一行文字", hint="请直接在冒号后写文字，不要分项。")
            return self.stand_in(q, kp)
        s = self.clean(str(raw) if not isinstance(raw, bool) else ("是" if raw else "否"), kp)
        s = re.sub(r"\s*\n\s*", "", s.strip())
        if q.max_length and len(s) > q.max_length:
            self.advise(kp, f"{_name(q, kp)}最多 {q.max_length} 个字，现在有 {len(s)} 个字",
                        hint="这是大纲的建议：请压缩措辞，或检查是否把几项写进了一项；文稿照样生成。")
        return Text(s, self.line(kp))

    def t_prose(self, q, raw, kp):
        if isinstance(raw, dict):
            self.error(kp, f"{_name(q, kp)}应是一段或几段文字", hint="请在冒号后写“|”，下一行起每段一行。")
            return self.stand_in(q, kp)
        parts = raw if isinstance(raw, list) else str(raw).splitlines()
        base = self.line(kp)
        out = []
        for i, p in enumerate(parts):
            if isinstance(p, (dict, list)):
                self.error(kp + (i,), f"{_name(q, kp)}的每一段应是文字")
                continue
            p = self.clean(str(p), kp).strip()
            if p:
                # A block scalar starts on the line after its key.
                line = self.line(kp + (i,)) if isinstance(raw, list) else base + i + (1 if len(parts) > 1 or "\n" in str(raw) else 0)
                out.append(Text(p, line))
        if not out and q.required:
            self.errors.append(Missing(f"{_name(q, kp)}是必填项，还没有填写", self.doc.loc(kp)))
            return self.stand_in(q, kp) or out
        return out

    def t_integer(self, q, raw, kp):
        if isinstance(raw, bool) or not isinstance(raw, int):
            if isinstance(raw, str) and raw.strip().isdigit():
                raw = int(raw.strip())
            else:
                self.error(kp, f"{_name(q, kp)}应是阿拉伯数字写的整数，现在是“{_short(raw)}”")
                return self.stand_in(q, kp)
        if q.min is not None and raw < q.min or q.max is not None and raw > q.max:
            self.error(kp, f"{_name(q, kp)}应在 {q.min} 到 {q.max} 之间，现在是 {raw}")
        return raw

    def t_date(self, q, raw, kp):
        d = parse_date(raw)
        if d is None:
            self.error(kp, f"{_name(q, kp)}不是有效的日期：“{_short(raw)}”",
                       hint="请写成 2025-01-06 或 2025年1月6日。")
            return self.stand_in(q, kp)
        return CnDate(d)

    def t_choice(self, q, raw, kp):
        s = str(raw).strip()
        if s not in q.choices:
            near = _close_matches(s, q.choices, n=1, cutoff=0.3)
            self.error(kp, f"{_name(q, kp)}只能从这些选项中选一个：{'、'.join(q.choices)}",
                       hint=f"您是不是想填“{near[0]}”？" if near else "")
            return self.stand_in(q, kp)
        return Text(s, self.line(kp))

    def t_list(self, q, raw, kp):
        if not isinstance(raw, list):
            self.error(kp, f"{_name(q, kp)}应是一个列表，每一项以“- ”开头",
                       hint="请参照 drafter init 生成的问卷，复制其中的示例项。")
            return []
        n = len(raw)
        if n < q.min_items:
            self.advise(kp, f"{_name(q, kp)}至少需要 {q.min_items} 项，现在有 {n} 项",
                       hint="请复制一整项（以“- ”开头的那一段）再填写。")
        if q.max_items is not None and n > q.max_items:
            self.advise(kp, f"{_name(q, kp)}最多 {q.max_items} 项，现在有 {n} 项",
                       hint="请删去或合并次要的几项。")
        return [self.value(q.item, x, kp + (i,)) for i, x in enumerate(raw)]

    def t_group(self, q, raw, kp):
        return self.group(q, raw, kp)

    def group(self, q: Question, raw: Any, kp) -> Record:
        if not isinstance(raw, dict):
            self.error(kp, f"{_name(q, kp) if q.label else '问卷'}应由若干“键名: 内容”组成",
                       hint="请检查缩进：这一组的每个问题应比上一行多缩进两个空格。")
            raw = {}
        by_name = {}
        for sub in q.questions:
            by_name[sub.label] = sub
            by_name[sub.key] = sub
        for k in raw:
            if k not in by_name:
                labels = [s.label for s in q.questions]
                near = _close_matches(k, labels, n=1, cutoff=0.4)
                where = f"“{q.label}”中" if q.label else ""
                self.error(kp + (k,), f"{where}没有“{k}”这一项", key=True,
                           hint=(f"您是不是想写“{near[0]}”？" if near else "") + "可填写的项：" + "、".join(labels))
        values = {}
        for sub in q.questions:
            if sub.label != sub.key and sub.label in raw and sub.key in raw:
                self.error(kp + (sub.key,), f"“{sub.label}”与“{sub.key}”是同一项，不能都写", key=True,
                           hint=f"请只保留“{sub.label}”这一行，删去“{sub.key}”。")
            present = sub.label if sub.label in raw else sub.key
            values[sub.key] = self.value(sub, raw.get(present), kp + (present,))
        return Record(values, self.line(kp))


def _close_matches(word: str, choices, n: int, cutoff: float) -> List[str]:
    import difflib   # only a mistake needs a suggestion
    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


def is_empty(raw: Any) -> bool:
    """Nothing filled in: a questionnaire fresh from ``drafter init`` has only empty answers."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list):
        return all(is_empty(x) for x in raw)
    if isinstance(raw, dict):
        return all(is_empty(x) for x in raw.values())
    return False


def _short(v: Any) -> str:
    s = str(v).replace("\n", " ")
    return s if len(s) <= 30 else s[:30] + "……"

"""``drafter import``, part two: a source Draft's blocks become the answers of one outline.

Two mappers, both data-driven:
- ``map_free``: the built-in free-structure outline (outlines/free.yaml) takes any draft: front
  matter, then sections nested by heading level (a run-in head opens a section 段首), paragraphs
  with their 一是 items, closing lines and 落款;
- ``map_outline``: any other outline, by the ``import:`` hints of its questions (outlines/README.md
  describes them). Questions are filled in order while a cursor walks the body; a hint's regular
  expression names the answers it captures (a name is the key of a question of the group being
  filled, or of a group around it); ``count__<list>`` captures a count the source announced.

Answers are plain data (dict/list/str/date) keyed by question key, ready for the scaffold writer.
A mapper that cannot place a paragraph raises ``NoFit`` with the reason in Chinese.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

from drafter import draft as d
from drafter.checker.markers import cn_to_int, find_items, first_sentence, parse_marker
from drafter.outline import Outline, Question
from drafter.punct import strip_trailing_punct

FRONT_KINDS = (d.TITLE, d.SUBTITLE, d.BYLINE, d.LEAD, d.SALUTATION)
_ITEM_NUMBER = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]{1,3}是")
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_COUNT = "一二三四五六七八九十两"


class NoFit(Exception):
    """The source has a part the outline has no place for (message in Chinese)."""


@dataclass
class Mapped:
    values: dict
    announced: List[Tuple[str, int, str, Optional[int]]] = field(default_factory=list)  # list key, n, words, line
    notes: List[str] = field(default_factory=list)        # what the mapper decided, in Chinese
    undated: bool = False                                  # the year of the date was not in the source


def strip_number(text: str) -> str:
    s = text.lstrip(" \t\u3000")
    m = parse_marker(s)
    return s[len(m.text):] if m else s


def head_text(text: str) -> str:
    """A heading or run-in head as a questionnaire holds it: no number, no closing mark."""
    return strip_trailing_punct(strip_number(text).strip())


def item_parts(b: d.Block, start: int = 0) -> Tuple[str, List[dict]]:
    """The text before the first 一是 item of a paragraph's runs[start:], and its items."""
    text, items = [], []
    runs = list(b.runs[start:])
    if not any(r.is_item for r in runs) and len(runs) == 1:
        runs = _items_in_text(runs[0].text)
    for r in runs:
        if r.is_item:
            items.append({"head": strip_trailing_punct(_ITEM_NUMBER.sub("", r.text).strip()), "detail": ""})
        elif items:
            items[-1]["detail"] += r.text
        else:
            text.append(r.text)
    return "".join(text).strip(), items


def _items_in_text(text: str) -> List[d.Run]:
    """一是……。二是……。 left as plain text (the reader keeps a marked paragraph's runs as
    found): item runs, when they count 一、二、三 in order and each head ends at 。"""
    found = find_items(text)
    if not found or [v for _, v in found] != list(range(1, len(found) + 1)):
        return [d.Run(text)]
    runs = [d.Run(text[:found[0][0]])]
    bounds = [at for at, _ in found] + [len(text)]
    for k, (at, _) in enumerate(found):
        part = text[at:bounds[k + 1]]
        head = first_sentence(part)
        if not head.endswith("。"):
            return [d.Run(text)]
        runs += [d.item_run(head), d.Run(part[len(head):])]
    return [r for r in runs if r.text or r.is_item]


def split_front(draft: d.Draft) -> Tuple[List[d.Block], List[d.Block]]:
    """Front matter (title, bylines, salutation …) and body; the body starts at the first
    heading, paragraph or closing."""
    front: List[d.Block] = []
    blocks = list(draft.blocks)
    i = 0
    while i < len(blocks) and blocks[i].kind in FRONT_KINDS:
        front.append(blocks[i])
        i += 1
    return front, blocks[i:]


# -- free structure --------------------------------------------------------------------------
def map_free(draft: d.Draft) -> Mapped:
    front, body = split_front(draft)
    values: Dict[str, Any] = {"bylines": [], "paras": [], "sections": [], "closing": [], "signoff": []}
    notes: List[str] = []
    for b in front:
        key = {d.TITLE: "title", d.SUBTITLE: "subtitle", d.LEAD: "lead", d.SALUTATION: "salutation"}.get(b.kind)
        text = b.text.replace("\n", "")
        if b.kind == d.BYLINE and _PUBLISHED.match(text) and not values.get("lead"):
            key = "lead"
        if key and not values.get(key):
            values[key] = text
        else:
            values["bylines"].append(text)
            if key:
                notes.append(f"原稿第 {b.line} 行“{text}”作为署名行导入（前面已有{_KIND_NAMES[b.kind]}）。")
    stack: List[Tuple[int, dict]] = []       # open sections by level
    rest = [b for b in body if b.kind not in (d.CLOSING, d.SIGNOFF, d.TABLE)]
    last_plain = rest[-1] if rest and _plain(rest[-1]) else None

    def open_section(level: int, heading: str, numbered: bool, runin: bool) -> dict:
        while stack and stack[-1][0] >= level:
            stack.pop()
        while (stack[-1][0] if stack else 0) < level - 1:   # a skipped level: a section without a heading
            filler = _section("", True, False)
            (stack[-1][1]["sections"] if stack else values["sections"]).append(filler)
            stack.append(((stack[-1][0] if stack else 0) + 1, filler))
        s = _section(heading, numbered, runin)
        (stack[-1][1]["sections"] if stack else values["sections"]).append(s)
        stack.append((level, s))
        return s

    for b in body:
        if b.kind == d.HEADING:
            open_section(b.level, head_text(b.text), b.numbered and parse_marker(b.text) is not None, False)
        elif b.kind == d.PARA and b.runs and b.runs[0].is_head:
            h = b.runs[0]
            s = open_section(h.level, head_text(h.text), h.numbered and parse_marker(h.text) is not None, True)
            s["paras"].append(_para(b, 1, notes))
        elif b.kind == d.CLOSING or b is last_plain and _CALL.match(b.text):
            values["closing"].append(b.text)
        elif b.kind in (d.PARA, d.SALUTATION, d.SUBTITLE, d.BYLINE, d.LEAD, d.TITLE):
            (stack[-1][1]["paras"] if stack else values["paras"]).append(_para(b, 0, notes))
        elif b.kind == d.SIGNOFF:
            values["signoff"].append(b.text)
        elif b.kind == d.TABLE:
            notes.append(f"原稿第 {b.line} 行的表格无法写进问卷，请在生成的文稿中另行补上。")
    return Mapped(values, notes=notes)


_PUBLISHED = re.compile(r"^[（(]?(?:本文)?(?:原载|刊于|来源)")     # a signed article's publication line
_CALL = re.compile(r"^同志们[，,]")                               # the closing call of a speech
_KIND_NAMES = {d.TITLE: "标题", d.SUBTITLE: "副标题", d.BYLINE: "署名", d.LEAD: "出处", d.SALUTATION: "称谓"}


def _section(heading: str, numbered: bool, runin: bool) -> dict:
    return {"heading": heading, "number": "是" if numbered else "否",
            "placement": "段首" if runin else "单独成行", "paras": [], "sections": []}


def _para(b: d.Block, start: int, notes: List[str]) -> dict:
    for r in b.runs[start:]:
        if r.is_head:
            notes.append(f"原稿第 {b.line} 行段落中间的小标题“{r.text}”按正文导入。")
    runs = [r if not r.is_head else d.Run(r.text) for r in b.runs]
    text, items = item_parts(b.with_runs(runs), start)
    return {"text": text, "items": items}


# -- outlines with import hints --------------------------------------------------------------
Pred = Callable[[d.Block], bool]


def _never(b: d.Block) -> bool:
    return False


def _plain(b: d.Block) -> bool:
    return b.kind == d.PARA and not (b.runs and b.runs[0].is_head)


class _Mapper:
    def __init__(self, outline: Outline, draft: d.Draft, today: _dt.date):
        self.outline = outline
        self.front, self.body = split_front(draft)
        self.used_front: set = set()
        self.pos = 0
        self.today = today
        self.out = Mapped({})

    # where a block is
    def peek(self) -> Optional[d.Block]:
        return self.body[self.pos] if self.pos < len(self.body) else None

    def run(self) -> Mapped:
        self.out.values = self.group(self.outline.root, [], _never)
        if self.pos < len(self.body):
            b = self.body[self.pos]
            raise NoFit(f"原稿第 {b.line} 行“{_short(b.text)}”在大纲“{self.outline.name}”中没有位置")
        return self.out

    # -- questions
    def group(self, q: Question, chain: List[Tuple[Question, dict]], stop: Pred) -> dict:
        values: dict = {}
        chain = chain + [(q, values)]
        qs = q.questions
        for i, sub in enumerate(qs):
            if sub.key in values:
                continue
            later = [self.start(x) for x in qs[i + 1:]]
            sub_stop = _any_of([p for p in later if p is not None] + [stop])
            v = self.question(sub, chain, sub_stop)
            if v is not None and sub.key not in values:
                values[sub.key] = v
        return values

    def question(self, q: Question, chain, stop: Pred) -> Any:
        h = q.hints if isinstance(q.hints, dict) else {}
        if "title" in h:
            return self.front_match(q, chain, h["title"], (d.TITLE,))
        if "subtitle" in h:
            return self.front_match(q, chain, h["subtitle"], (d.SUBTITLE,))
        if "byline" in h:
            return self.front_match(q, chain, h["byline"], (d.BYLINE, d.LEAD), skip_dates=True)
        if "date" in h:
            return self.front_date()
        if "closing" in h:
            texts, closing = [], self.start(q)
            while self.peek() is not None and closing(self.peek()):
                texts.append(self.peek().text)
                self.pos += 1
            return (texts if q.type == "prose" else "".join(texts)) or None
        if "para" in h:
            b = self.peek()
            m = re.fullmatch(h["para"], b.text) if b is not None and _plain(b) and not stop(b) else None
            if not m:
                return None
            self.pos += 1
            if q.type == "group":
                values: dict = {}
                self.assign(q, chain + [(q, values)], m, b)
                return values
            return self.assign(q, chain, m, b)
        if "paras" in h:
            texts = []
            while self.peek() is not None and _plain(self.peek()) and not stop(self.peek()):
                texts.append(self.peek().text)
                self.pos += 1
            return texts or None
        if "head" in h:
            return self.head(q, chain, h, stop)
        if q.type == "group":
            v = self.group(q, chain, stop)
            return v if any(x not in (None, [], "") for x in v.values()) else None
        if q.type == "list" and q.item is not None and self.start(q.item) is not None:
            out, item_start = [], self.start(q.item)
            while self.peek() is not None and item_start(self.peek()):
                before = self.pos
                v = self.question(q.item, chain, stop)
                if self.pos == before:
                    break
                out.append(v)
            return out or None
        return None

    def start(self, q: Question) -> Optional[Pred]:
        """What the first body block of ``q`` looks like (None: ``q`` takes no body block first)."""
        h = q.hints if isinstance(q.hints, dict) else {}
        if "para" in h:
            rx = re.compile(h["para"])
            return lambda b: _plain(b) and rx.fullmatch(b.text) is not None
        if "head" in h:
            return lambda b: self.head_of(b, h) is not None
        if "closing" in h:
            # true: the closing lines only; a pattern: also the paragraphs that read as a closing
            rx = re.compile(h["closing"]) if isinstance(h["closing"], str) else None
            return lambda b: b.kind == d.CLOSING or rx is not None and _plain(b) and rx.fullmatch(b.text) is not None
        if q.type == "group":
            for sub in q.questions:
                p = self.start(sub)
                if p is not None:
                    return p
        if q.type == "list" and q.item is not None:
            return self.start(q.item)
        return None

    # -- hints
    def front_match(self, q, chain, pattern: str, kinds, skip_dates: bool = False):
        for k, b in enumerate(self.front):
            if k in self.used_front or b.kind not in kinds:
                continue
            text = b.text.replace("\n", "")
            if skip_dates and _is_date_line(text):
                continue
            m = re.fullmatch(pattern, text)
            if m:
                self.used_front.add(k)
                return self.assign(q, chain, m, b)
        return None

    def front_date(self) -> Optional[_dt.date]:
        for k, b in enumerate(self.front):
            if k in self.used_front:
                continue
            m = _DATE.search(b.text)
            if m:
                if _is_date_line(b.text):
                    self.used_front.add(k)
                return self.date_of(m)
        return None

    def date_of(self, m: re.Match) -> Optional[_dt.date]:
        year = int(m.group(1)) if m.group(1) else None
        if year is None:
            self.out.undated = True
        try:
            return _dt.date(year or self.today.year, int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None

    def head_of(self, b: d.Block, h: dict) -> Optional[Tuple[re.Match, bool]]:
        """The hint's match on ``b``'s heading, and whether it is run-in."""
        level, numbered = h.get("level", 1), h.get("numbered", True)
        rx = re.compile(h["head"])
        if b.kind == d.HEADING and b.level == level and (parse_marker(b.text) is not None) == numbered:
            m = rx.fullmatch(head_text(b.text))
            return (m, False) if m else None
        if b.kind != d.PARA or not b.runs:
            return None
        first = b.runs[0]
        if first.is_head:
            # An unnumbered head's level is not on the page (a Markdown **bold** head reads as
            # level 2): the hint's pattern decides.
            if (parse_marker(first.text) is not None) != numbered or numbered and first.level != level:
                return None
            m = rx.fullmatch(head_text(first.text))
            return (m, True) if m else None
        if not numbered and first.role is d.TEXT:      # a plain paragraph's first sentence
            m = rx.fullmatch(strip_trailing_punct(first_sentence(first.text)))
            return (m, True) if m else None
        return None

    def head(self, q: Question, chain, h: dict, stop: Pred) -> Optional[dict]:
        b = self.peek()
        found = self.head_of(b, h) if b is not None else None
        if not found:
            return None
        m, runin = found
        self.pos += 1
        values: dict = {}
        inner = chain + [(q, values)] if q.type == "group" else chain
        own = self.assign(q, inner, m, b)
        if runin:
            first = b.runs[0]
            if first.is_head:
                rest = b.with_runs(b.runs[1:])
            else:
                sent = first_sentence(first.text)
                rest = b.with_runs((d.Run(first.text[len(sent):]),) + tuple(b.runs[1:]))
            content = rest
        else:
            content = None
            nxt = self.peek()
            if (h.get("text") or h.get("items")) and nxt is not None and _plain(nxt) and not stop(nxt):
                content = nxt
                self.pos += 1
        if content is not None:
            text, items = item_parts(content)
            if items and h.get("items"):
                self.put(inner, h["items"], items, raw=True)
            elif items:
                text = content.text.strip()
            if text and h.get("text"):
                self.put(inner, h["text"], text, append=True)
            elif text:
                raise NoFit(f"原稿第 {b.line} 行小标题后的文字在大纲“{self.outline.name}”中没有位置")
        if h.get("items"):      # 一是/二是 measures that each open a paragraph of their own
            while self.peek() is not None and _plain(self.peek()) and not stop(self.peek()):
                lead, items = item_parts(self.peek())
                if lead or not items:
                    break
                self.put(inner, h["items"], items, append=True, raw=True)
                self.pos += 1
        if h.get("more"):
            following = []
            while self.peek() is not None and _plain(self.peek()) and not stop(self.peek()) \
                    and not self.head_of(self.peek(), h):
                following.append(self.peek().text)
                self.pos += 1
            if following and h.get("tail"):       # the last paragraph has a question of its own
                self.put(inner, h["tail"], following.pop())
            for text in following:
                self.put(inner, h["more"], text, append=True)
        return values if q.type == "group" else own

    # -- answers
    def assign(self, q: Question, chain, m: re.Match, b: d.Block) -> Any:
        own = None
        for name, text in m.groupdict().items():
            if text is None:
                continue
            if name == "value":
                own = text
            elif name.startswith("count__"):
                n = cn_to_int(text) if not text.isdigit() else int(text)
                if n:
                    words = m.string[m.start(name):m.end(name) + 3]     # 五大行动
                    self.out.announced.append((name[len("count__"):], n, words, b.line))
            else:
                self.put(chain, name, text)
        if own is not None:
            return self.typed(q, own)
        return None

    def put(self, chain, key: str, text: Any, append: bool = False, raw: bool = False) -> None:
        for q, values in reversed(chain):
            sub = q.child(key) if q.type == "group" else None
            if sub is None and q.type == "list" and q.item is not None:
                sub = q.item.child(key)
            if sub is not None:
                value = text if raw else self.typed(sub, text)
                if append and isinstance(values.get(key), list):
                    values[key] = values[key] + (value if isinstance(value, list) else [value])
                else:
                    values[key] = value
                return
        raise NoFit(f"大纲“{self.outline.id}”的导入说明用了不存在的名称“{key}”")

    def typed(self, q: Question, text: str) -> Any:
        h = q.hints if isinstance(q.hints, dict) else {}
        text = text.strip()
        if "slot" in h:
            text = self.slot(h["slot"], text)
        if q.type == "prose":
            return [text]
        if q.type == "date":
            m = _DATE.search(text)
            return self.date_of(m) if m else None
        if q.type == "list":
            sep = h.get("split", "、")
            parts = [p for p in re.split(f"(?<=[{re.escape(sep)}])" if sep in "？！。" else re.escape(sep), text) if p]
            return [p.rstrip(sep) if sep in "？！。" else p for p in parts]
        return text

    def slot(self, spec: dict, text: str) -> str:
        """A count the template derives: 突出抓好三项重点任务 → 突出抓好{任务数}项重点任务."""
        rx = re.compile(f"([{_CN_COUNT}]+|\\d+)(?={re.escape(spec.get('before', ''))})")
        m = rx.search(text)
        if not m:
            return text
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else cn_to_int(raw)
        if n:
            self.out.announced.append((spec["list"], n, raw + spec.get("before", ""), None))
        return text[:m.start()] + "{" + spec["name"] + "}" + text[m.end():]


def map_outline(outline: Outline, draft: d.Draft, today: Optional[_dt.date] = None) -> Mapped:
    if not any(_has_hints(q) for q in outline.questions):
        raise NoFit(f"大纲“{outline.name}”还没有导入说明（import）")
    return _Mapper(outline, draft, today or _dt.date.today()).run()


def _has_hints(q: Question, seen=None) -> bool:
    seen = seen or set()
    if id(q) in seen:
        return False
    seen.add(id(q))
    return bool(q.hints) or any(_has_hints(s, seen) for s in q.questions) or \
        (q.item is not None and _has_hints(q.item, seen))


def find_list(values: Any, key: str) -> Optional[list]:
    """The list answer ``key`` anywhere in ``values``."""
    if isinstance(values, dict):
        if isinstance(values.get(key), list):
            return values[key]
        for v in values.values():
            found = find_list(v, key)
            if found is not None:
                return found
    return None


def _any_of(preds: List[Pred]) -> Pred:
    return lambda b: any(p(b) for p in preds)


def _is_date_line(text: str) -> bool:
    return bool(re.fullmatch(r"[（(]?\s*" + _DATE.pattern + r"\s*[）)]?", text.strip()))


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "……"

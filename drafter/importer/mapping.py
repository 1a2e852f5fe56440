"""``drafter import``, part two: a source Draft's blocks become the answers of an outline, by the
``import:`` hints of its questions (outlines/README.md describes them).

Questions are filled in order while a cursor walks the body; a question that takes paragraphs
stops where a later question's first block begins. A hint's regular expression names the answers
it captures (a name is the key of a question of the group being filled, or of a group around it);
``count__<list>`` captures a count the source announced.

A mapper that cannot place a paragraph raises ``NoFit`` with the reason in Chinese.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable, List, Optional, Tuple

from drafter import draft as d
from drafter.zh.markers import first_sentence, parse_marker
from drafter.zh.numerals import COUNTING, cn_to_int, date_line, is_date_line
from drafter.importer.blocks import Mapped, NoFit, head_text, item_parts, plain, split_front
from drafter.genre.outline import Outline, Question
from drafter.zh.punct import strip_trailing_punct

_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")

Pred = Callable[[d.Block], bool]


def _never(b: d.Block) -> bool:
    return False


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
            raise NoFit(f"原稿第 {b.line} 行“{_short(b.text)}”在这种文稿里没有位置")
        return self.out

    # -- questions
    def group(self, q: Question, chain: List[Tuple[Question, dict]], stop: Pred, values=None) -> dict:
        values = {} if values is None else values
        chain = chain + [(q, values)]
        qs = q.questions
        for i, sub in enumerate(qs):
            later = [self.start(x) for x in qs[i + 1:]]
            sub_stop = _any_of([p for p in later if p is not None] + [stop])
            if sub.key in values:
                # set by a sibling's pattern; a prose answer also takes the paragraphs after it
                if isinstance(values[sub.key], list) and isinstance(sub.hints, dict) and "paras" in sub.hints:
                    values[sub.key] += self.question(sub, chain, sub_stop) or []
                continue
            v = self.question(sub, chain, sub_stop)
            if v is not None and sub.key not in values:
                values[sub.key] = v
        return values

    def question(self, q: Question, chain, stop: Pred) -> Any:
        h = q.hints if isinstance(q.hints, dict) else {}
        if "title" in h:
            return self.front_match(q, chain, h["title"], (d.TITLE,))
        if "lead" in h:
            return self.front_match(q, chain, h["lead"], (d.LEAD, d.BYLINE), skip_dates=True)
        if "subtitle" in h:
            return self.front_match(q, chain, h["subtitle"], (d.SUBTITLE,))
        if "byline" in h:
            return self.front_match(q, chain, h["byline"], (d.BYLINE, d.LEAD), skip_dates=True)
        if "date" in h:
            return self.front_date()
        if "closing" in h:
            texts, closing = [], self.start(q)
            while self.peek() is not None and (closing(self.peek()) or texts and plain(self.peek())):
                texts.append(self.peek().text)       # the closing runs from its first paragraph to the end
                self.pos += 1
            return (texts if q.type == "prose" else "".join(texts)) or None
        if "para" in h:
            b = self.peek()
            m = re.fullmatch(h["para"], b.text) if b is not None and plain(b) and not stop(b) else None
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
            while self.peek() is not None and plain(self.peek()) and not stop(self.peek()):
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
            return lambda b: plain(b) and rx.fullmatch(b.text) is not None
        if "head" in h:
            return lambda b: self.head_of(b, h) is not None
        if "closing" in h:
            # true: the closing lines only; a pattern: also the paragraphs that read as a closing
            rx = re.compile(h["closing"]) if isinstance(h["closing"], str) else None
            return lambda b: b.kind == d.CLOSING or rx is not None and plain(b) and rx.fullmatch(b.text) is not None
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
            if skip_dates and is_date_line(text):
                continue
            m = re.fullmatch(pattern, text)
            if m:
                self.used_front.add(k)
                if q.type == "group":
                    values: dict = {}
                    self.assign(q, chain + [(q, values)], m, b)
                    return values
                return self.assign(q, chain, m, b)
        return None

    def front_date(self) -> Optional[_dt.date]:
        for k, b in enumerate(self.front):
            if k in self.used_front:
                continue
            line = date_line(b.text)       # the line is the date: 2025年4月8日, 二〇二五年四月八日
            if line and line.day:
                self.used_front.add(k)
                return self.day(line.year, line.month, line.day)
            m = _DATE.search(b.text)
            if m:
                return self.date_of(m)
        return None

    def date_of(self, m: re.Match) -> Optional[_dt.date]:
        return self.day(int(m.group(1)) if m.group(1) else None, int(m.group(2)), int(m.group(3)))

    def day(self, year: Optional[int], month: int, day: int) -> Optional[_dt.date]:
        if year is None:
            self.out.undated = True
        try:
            return _dt.date(year or self.today.year, month, day)
        except ValueError:
            return None

    def head_of(self, b: d.Block, h: dict) -> Optional[Tuple[re.Match, bool]]:
        """The hint's match on ``b``'s heading, and whether it is run-in."""
        level, numbered = h.get("level", 1), h.get("numbered", True)
        rx = re.compile(h["head"])
        marked_only = numbered == "any"     # numbered among siblings, unnumbered alone: a marked head
        if marked_only:
            numbered = parse_marker(b.text) is not None
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
        if not numbered and not marked_only and first.role is d.TEXT:      # a plain paragraph's first sentence
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
            if (h.get("text") or h.get("items")) and nxt is not None and plain(nxt) and not stop(nxt):
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
                raise NoFit(f"原稿第 {b.line} 行小标题后的文字在这种文稿里没有位置")
        if h.get("items"):      # 一是/二是 measures that each open a paragraph of their own
            while self.peek() is not None and plain(self.peek()) and not stop(self.peek()):
                lead, items = item_parts(self.peek())
                if lead or not items:
                    break
                self.put(inner, h["items"], items, append=True, raw=True)
                self.pos += 1
        if h.get("more"):
            following = []
            while self.peek() is not None and plain(self.peek()) and not stop(self.peek()) \
                    and not self.head_of(self.peek(), h):
                following.append(self.peek().text)
                self.pos += 1
            if following and h.get("tail"):       # the last paragraph has a question of its own
                self.put(inner, h["tail"], following.pop())
            for text in following:
                self.put(inner, h["more"], text, append=True)
        if q.type == "group":     # the group's other questions take what follows (a part's sub-items)
            return self.group(q, chain, stop, values)
        return own

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
        for spec in h.get("slot", []) if isinstance(h.get("slot"), list) else [h["slot"]] if "slot" in h else []:
            text = self.slot(spec, text)
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
        """A count the template derives: 突出抓好三项重点任务 → 突出抓好{任务数}项重点任务; with
        ``pattern``, any text the template derives (“123456” → “{口号}”; a group named ``slot``
        marks the part replaced)."""
        if "pattern" in spec:
            m = re.search(spec["pattern"], text)
            if not m:
                return text
            at = m.span("slot") if "slot" in m.groupdict() else m.span()
            return text[:at[0]] + "{" + spec["name"] + "}" + text[at[1]:]
        rx = re.compile(f"([{COUNTING}]+|\\d+)(?={re.escape(spec.get('before', ''))})")
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


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "……"

"""The form's values and the questionnaire's text, both ways, without losing what the clerk wrote.

The page edits a tree of plain values (a group is a dict by question key, a list a list, every
answer a string; prose paragraphs are lines). The questionnaire text stays the file of record:
``questionnaire_text`` starts from the text the form was opened from (``drafter init``'s text for a
new form) and changes only the values that differ, in place, so comments and layout survive and
a form saved unchanged gives back the very same bytes. A list whose entries were added, removed
or moved is written again as ``drafter init`` writes one, values included.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from typing import Any, Dict, List, Optional, Tuple

import yaml

from drafter.genre.outline import Outline, Question
from drafter.genre.questionnaire import LEVEL2_KEY, OUTLINE_KEY, RATE_KEY, TIME_LIMIT_KEY
from drafter.genre.scaffold import QuestionnaireWriter, yaml_scalar
from drafter.yamlsrc import compose

# The questionnaire's own settings, by the name the page uses for them.
META = {"time_limit": TIME_LIMIT_KEY, "rate": RATE_KEY, "level2": LEVEL2_KEY}
_META_BY_KEY = {key: name for name, key in META.items()}
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def as_text(raw: Any) -> str:
    """A questionnaire value as the form's text box shows it."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, _dt.date):
        return raw.isoformat()
    return str(raw)


def _lookup(raw: Any, q: Question) -> Any:
    if not isinstance(raw, dict):
        return None
    return raw[q.label] if q.label in raw else raw.get(q.key)


def form_values(q: Question, raw: Any) -> Any:
    """The form's value for question ``q`` from what the YAML holds."""
    if q.type == "group":
        return {sub.key: form_values(sub, _lookup(raw, sub)) for sub in q.questions}
    if q.type == "list":
        return [form_values(q.item, x) for x in raw] if isinstance(raw, list) else []
    if q.type == "prose":
        if isinstance(raw, list):
            return "\n".join(as_text(x).strip() for x in raw)
        return as_text(raw).strip("\n")
    return as_text(raw)


def flatten(q: Question, value: Any, prefix: str = "") -> Dict[str, str]:
    """Every answer of a form's values by its field path ('a.b.0.c')."""
    out: Dict[str, str] = {}
    if q.type == "group":
        for sub in q.questions:
            out.update(flatten(sub, (value or {}).get(sub.key), prefix + sub.key + "."))
    elif q.type == "list":
        for i, x in enumerate(value or []):
            out.update(flatten(q.item, x, f"{prefix}{i}."))
    else:
        out[prefix.rstrip(".")] = value or ""
    return out


def meta_values(data: Any) -> Dict[str, str]:
    data = data if isinstance(data, dict) else {}
    return {name: as_text(data.get(key)) for name, key in META.items()}


def _scalar_text(q: Question, value: str) -> str:
    """What follows ``key:`` for a one-line answer ('' for an empty one, as init leaves it)."""
    s = value.strip()
    if not s:
        return ""
    if q.type == "integer" and s.isdigit() or q.type == "date" and _is_iso_date(s):
        return " " + s
    return " " + yaml_scalar(value)


def _is_iso_date(s: str) -> bool:
    # Only a real day goes unquoted: YAML reads 2025-13-45 as a timestamp and fails to build it.
    if not _ISO_DATE.match(s):
        return False
    try:
        _dt.date(*map(int, s.split("-")))
    except ValueError:
        return False
    return True


def _prose_lines(value: str) -> List[str]:
    lines = [line.strip() for line in value.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _prose_text(value: str, indent: str) -> str:
    return " |" + "".join("\n" + (indent + "  " + line if line else "") for line in _prose_lines(value))


def written(q: Question, value: Any, indent: str, comments: bool = True) -> List[str]:
    """The lines ``drafter init`` writes for ``q`` holding ``value`` (its writer's imported mode);
    without ``comments`` the key line comes first (the comments above it stay where they are)."""
    w = QuestionnaireWriter(fill=False)
    if comments:
        w.question(q, indent, value=value)
    else:
        w.value(q, indent, value)
    return w.lines


class _Regenerate(Exception):
    """This part of the text has a shape the in-place editor does not follow: write it anew."""


def _real_end(text: str, node) -> int:
    """Where a node's own text ends: PyYAML's end marks run on over the blank lines and the
    comments that follow a block scalar or a block collection."""
    if isinstance(node, yaml.ScalarNode):
        s, e = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):
            return s + len(text[s:e].rstrip())
        return e
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
    if not children or node.flow_style:
        return node.end_mark.index
    return max(_real_end(text, c) for c in children)


class _Editor:
    def __init__(self, text: str):
        self.text = text
        self.edits: List[Tuple[int, int, str]] = []

    def after_colon(self, knode) -> int:
        i = self.text.find(":", knode.end_mark.index)
        if i < 0 or "\n" in self.text[knode.end_mark.index:i]:
            raise _Regenerate()
        return i + 1

    def group(self, q: Question, node, new: dict, old: dict, root: bool = False) -> None:
        if not isinstance(node, yaml.MappingNode) or node.flow_style:   # {…} cannot hold a "|" block
            raise _Regenerate()
        pairs = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        for sub in q.questions:
            nv, ov = new.get(sub.key), old.get(sub.key)
            if nv == ov:
                continue
            pair = pairs.get(sub.label) or pairs.get(sub.key)
            if pair is None:
                if not root:
                    raise _Regenerate()
                self.edits.append((len(self.text), len(self.text), "\n" + "\n".join(written(sub, nv, "")) + "\n"))
                continue
            self.value(sub, pair[0], pair[1], nv, ov)

    def value(self, q: Question, knode, vnode, new: Any, old: Any) -> None:
        start = self.after_colon(knode)
        try:
            if q.type == "group":
                self.group(q, vnode, new, old)
            elif q.type == "list":
                self.list_(q, vnode, new, old)
            else:
                self.edits.append((start, _real_end(self.text, vnode), self.leaf(q, new, knode.start_mark.column)))
        except _Regenerate:
            self.edits = [e for e in self.edits if not start <= e[0] < _real_end(self.text, vnode)]
            lines = written(q, new, " " * knode.start_mark.column, comments=False)
            self.edits.append((start, _real_end(self.text, vnode), "\n" + "\n".join(lines[1:])))

    def list_(self, q: Question, node, new: list, old: list) -> None:
        if not isinstance(node, yaml.SequenceNode) or node.flow_style or not (len(node.value) == len(new) == len(old)):
            raise _Regenerate()
        for inode, nv, ov in zip(node.value, new, old):
            if nv == ov:
                continue
            if q.item.type == "group":
                self.group(q.item, inode, nv, ov)
            elif q.item.type in ("list", "prose") or inode.start_mark.index == inode.end_mark.index:
                raise _Regenerate()
            else:
                self.edits.append((inode.start_mark.index, _real_end(self.text, inode),
                                   _scalar_text(q.item, nv).lstrip() or '""'))

    @staticmethod
    def leaf(q: Question, value: str, column: int) -> str:
        if q.type == "prose":
            return _prose_text(value or "", " " * column)
        return _scalar_text(q, value or "")

    def meta(self, root, name: str, key: str, new: str, old: str) -> None:
        if new == old:
            return
        pair = next(((k, v) for k, v in root.value if k.value == key), None)
        shown = yaml_scalar(new.strip()) if not re.fullmatch(r"\d+(\.\d+)?", new.strip()) else new.strip()
        if pair is not None:
            k, v = pair
            if new.strip():
                self.edits.append((self.after_colon(k), _real_end(self.text, v), " " + shown))
            else:   # cleared: back to init's commented line
                self.edits.append((k.start_mark.index, k.start_mark.index, "# "))
            return
        if not new.strip():
            return
        m = re.search(rf"^# {re.escape(key)}:.*$", self.text, re.M)
        if m:
            self.edits.append((m.start(), m.end(), f"{key}: {shown}"))
            return
        anchor = next((v for k, v in root.value if k.value in (OUTLINE_KEY, "outline")), None)
        at = _real_end(self.text, anchor) if anchor is not None else 0
        self.edits.append((at, at, f"\n{key}: {shown}" if at else f"{key}: {shown}\n"))

    def apply(self) -> str:
        out = self.text
        for s, e, new in sorted(self.edits, key=lambda x: (x[0], x[1]), reverse=True):
            out = out[:s] + new + out[e:]
        return out


def questionnaire_text(base: str, outline: Outline, values: dict, meta: Dict[str, str]) -> str:
    """``base`` with the form's ``values`` and ``meta`` written in; ``base`` itself when nothing changed."""
    root = compose(base)
    data = _data(root)
    old_values, old_meta = form_values(outline.root, data), meta_values(data)
    meta = {name: str(meta.get(name) or "") for name in META}
    if old_values == values and old_meta == meta:
        return base
    if not base.endswith("\n"):
        base += "\n"
    ed = _Editor(base)
    try:
        ed.group(outline.root, root, values, old_values, root=True)
        for name, key in META.items():
            ed.meta(root, name, key, meta[name], old_meta[name])
    except _Regenerate:
        # A file whose top level the editor cannot follow: the values go into init's text instead.
        from drafter.genre.scaffold import write_questionnaire
        return questionnaire_text(write_questionnaire(outline), outline, values, meta)
    return ed.apply()


def _data(root) -> Any:
    """Plain values of a composed node (only mapping keys and scalars, as the form needs them)."""
    if root is None:
        return None
    return yaml.SafeLoader("").construct_document(root) if not isinstance(root, yaml.ScalarNode) else None


class LineMap:
    """Questionnaire line → the form field it belongs to ('a.b.0.c'), deepest field winning."""

    def __init__(self, text: str, outline: Outline):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.by_line: Dict[int, str] = {}
        root = compose(text)
        if isinstance(root, yaml.MappingNode):
            self._group(outline.root, root, "")

    def line(self, index: int) -> int:
        return bisect_right(self.starts, index)

    def _mark(self, first: int, last_index: int, path: str) -> None:
        for n in range(first, self.line(last_index) + 1):
            self.by_line[n] = path

    def _group(self, q: Question, node, prefix: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        subs = {}
        for sub in q.questions:
            subs[sub.label] = subs[sub.key] = sub
        for k, v in node.value:
            sub = subs.get(getattr(k, "value", None))
            if not prefix and k.value in _META_BY_KEY:
                self._mark(k.start_mark.line + 1, _real_end(self.text, v), "meta." + _META_BY_KEY[k.value])
            if sub is not None:
                path = prefix + sub.key
                self._mark(k.start_mark.line + 1, max(_real_end(self.text, v), k.end_mark.index), path)
                self._node(sub, v, path)

    def _node(self, q: Question, node, path: str) -> None:
        if q.type == "group":
            self._group(q, node, path + ".")
        elif q.type == "list" and isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._mark(item.start_mark.line + 1, _real_end(self.text, item), f"{path}.{i}")
                self._node(q.item, item, f"{path}.{i}")

    def field(self, line: Optional[int]) -> str:
        return self.by_line.get(line, "") if line else ""

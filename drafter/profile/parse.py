"""A profile file's YAML -> its leaves: every value checked against the schema, every number with
its source (``clause`` and ``strength``), refusals with file and line.

A profile is read by every render and format: the checked leaves of each file are kept in the
cache as JSON (data, never code), so that a run that finds them needs no YAML parser.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from drafter.errors import Location, ProfileError
from drafter.profile.model import RUN_IN_KEYS, STYLE_KEYS, Leaf, Source

STRENGTHS = ("规定", "一般", "推荐", "实务", "推算")
NEEDS_CLAUSE = frozenset(("规定", "一般", "推荐"))   # the standard's own words: cite the clause
META_KEYS = ("clause", "strength", "note")
ALIGNS = ("left", "center", "right", "justify")


# Leaf kinds: numbers (with their allowed range and what the user reads) and others.
# Pages: Word's limits are 0.1 to 22 inches; a page under 50 mm holds no speech. Margins: a
# printer cannot print at the paper's edge, so 0 is refused.
NUMBER_KINDS = {"mm": (0, 1000, "毫米"), "pt": (1, 200, "磅"), "rule_pt": (0.25, 6, "磅"), "chars": (0, 20, "字"),
                "lines": (0, 10, "行"), "count": (1, 200, "个"),
                "page_mm": (50, 558, "毫米"), "margin_mm": (3, 300, "毫米")}
MAX_FONT_NAME = 31                 # Word keeps at most 31 characters of a font name
_STYLE = {"font": "str", "latin_font": "str", "size_pt": "pt", "bold": "bool", "align": "align",
          "first_indent_chars": "chars", "right_indent_chars": "chars", "snap_to_grid": "bool", "keep_with_next": "bool",
          "widow_control": "bool", "spacing": {"before_lines": "lines", "after_lines": "lines"}}
SCHEMA: Dict[str, Any] = {
    "base": "str", "name": "str", "description": "str",
    "page": {"width_mm": "page_mm", "height_mm": "page_mm"},
    "margins": {"top_mm": "margin_mm", "left_mm": "margin_mm", "right_mm": "margin_mm", "bottom_mm": "margin_mm"},
    "grid": {"lines_per_page": "count", "chars_per_line": "count"},
    "latin_font": "str",
    "styles": {k: _STYLE for k in STYLE_KEYS},
    "run_in": {k: {"font": "str", "bold": "bool"} for k in RUN_IN_KEYS},
    "table": {"border_pt": "rule_pt"},
    "page_number": {"font": "str", "format": "str", "size_pt": "pt", "side_space_chars": "chars",
                    "below_text_mm": "mm", "footer": {"distance_mm": "mm"}},
}
_CLAUSE_RE = re.compile(r"^(\d+(\.\d+)*|附录[A-Z](\.\d+)*)$")


def schema_order(path: str) -> Tuple[int, ...]:
    order: List[int] = []
    node: Any = SCHEMA
    for part in path.split("."):
        keys = list(node) if isinstance(node, dict) else []
        order.append(keys.index(part) if part in keys else len(keys))
        node = node.get(part) if isinstance(node, dict) else None
    return tuple(order)


def parse_file(path: Path) -> Dict[str, Leaf]:
    """The leaves one file names, checked against the schema, keyed by dotted path."""
    from drafter.textio import read_text

    text = read_text(path)
    entry = _cache_entry(text)
    cached = _from_cache(entry, path)
    if cached is not None:
        return cached
    leaves = _parse_text(text, path)
    _to_cache(entry, leaves)
    return leaves


# A profile is read by every render and format; its checked leaves are kept in the cache as JSON
# (data, never code), keyed by the file's text and this module, so that a run needs no YAML parser.
def _cache_entry(text: str) -> Optional[Path]:
    # The schema comes from this module, the style keys of model.py and the block-kind table.
    from drafter import draft
    from drafter.cache import data_entry
    from drafter.profile import model
    return data_entry("profile", text, (__file__, model.__file__, draft.__file__))


def _from_cache(entry: Optional[Path], path: Path) -> Optional[Dict[str, Leaf]]:
    import json
    from drafter.cache import load
    payload = load(entry) if entry is not None else None
    if payload is None:
        return None
    try:
        rows = json.loads(payload)
        if not isinstance(rows, list):
            return None
        out = {}
        for key, value, clause, strength, line, column in rows:
            if not (isinstance(key, str) and isinstance(value, (str, int, float)) and isinstance(line, int)
                    and isinstance(column, int) and (strength is None or isinstance(clause, str))):
                return None
            source = Source(clause, strength) if strength is not None else None
            out[key] = Leaf(key, value, source, Location(path, line, column))
    except (ValueError, TypeError):      # an entry of another layout: parsed again
        return None
    return out or None


def _to_cache(entry: Optional[Path], leaves: Dict[str, Leaf]) -> None:
    import json
    from drafter.cache import store
    if entry is None:
        return
    rows = [[k, v.value, v.source.clause if v.source else None, v.source.strength if v.source else None,
             v.where.line, v.where.column] for k, v in leaves.items()]
    if all(isinstance(r[1], (str, int, float, bool)) for r in rows):
        store(entry, json.dumps(rows, ensure_ascii=False).encode("utf-8"))


def _parse_text(text: str, path: Path) -> Dict[str, Leaf]:
    import yaml
    from drafter.yamlsrc import compose       # only when the cache has no entry: start-up stays YAML-free
    try:
        root = compose(text)
    except RecursionError:
        raise ProfileError("格式方案嵌套层次过深", Location(path), hint="请检查括号和缩进。") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise ProfileError(f"YAML 语法错误：{getattr(e, 'problem', '') or e}", where) from None
    if root is None:
        raise ProfileError("格式方案文件是空的", Location(path), hint="至少写出 base 和要改的项。")
    leaves: Dict[str, Leaf] = {}
    _walk(root, SCHEMA, "", path, leaves, yaml)
    return leaves


def _walk(node: Any, schema: Dict[str, Any], prefix: str, path: Path, out: Dict[str, Leaf], yaml: Any) -> None:
    where = _loc(path, node)
    label = prefix.rstrip(".") or "方案"
    if not isinstance(node, yaml.MappingNode):
        raise ProfileError(f"「{label}」应为映射（由键和值组成），现为「{_text(node)}」", where)
    pairs: Dict[str, Tuple[Any, Any]] = {}
    for k, v in node.value:
        key = _text(k)
        if key in pairs:
            raise ProfileError(f"键「{prefix}{key}」重复", _loc(path, k))
        pairs[key] = (k, v)
    group = _source(pairs, label, path, yaml)
    for key, (knode, vnode) in pairs.items():
        if key in META_KEYS:
            continue
        if key not in schema:
            raise ProfileError(f"未知的键「{prefix}{key}」", _loc(path, knode),
                               hint=f"此处可用的键：{'、'.join(list(schema) + list(META_KEYS))}。")
        sub = schema[key]
        if isinstance(sub, dict):
            _walk(vnode, sub, f"{prefix}{key}.", path, out, yaml)
        else:
            out[prefix + key] = _leaf(prefix + key, sub, vnode, group, path, yaml)


def _leaf(dotted: str, kind: str, node: Any, group: Optional[Source], path: Path, yaml: Any) -> Leaf:
    source = group
    if isinstance(node, yaml.MappingNode):      # {value: 18, strength: 实务}
        pairs = {_text(k): (k, v) for k, v in node.value}
        extra = set(pairs) - {"value"} - set(META_KEYS)
        if "value" not in pairs or extra:
            raise ProfileError(f"「{dotted}」应写成一个数值，或写成 {{value: 18, strength: 实务}} 的形式",
                               _loc(path, node))
        source = _source(pairs, dotted, path, yaml) or group
        node = pairs["value"][1]
    where = _loc(path, node)
    if not isinstance(node, yaml.ScalarNode):
        raise ProfileError(f"「{dotted}」应为单个值，现为「{_text(node)}」", where)
    try:
        value = yaml.constructor.SafeConstructor().construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        raise ProfileError(f"「{dotted}」的值「{_text(node)}」无法读取", where, hint="请写一个普通的数字或文字。") from None
    if kind in NUMBER_KINDS:
        low, high, unit = NUMBER_KINDS[kind]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind == "count" and not isinstance(value, int)):
            what = "整数" if kind == "count" else "数字"
            raise ProfileError(f"「{dotted}」应为{what}（单位：{unit}），现为「{node.value}」", where)
        if not low <= value <= high:
            raise ProfileError(f"「{dotted}」为 {value}，超出范围：应在 {low} 到 {high} {unit}之间", where)
        if source is None:
            raise ProfileError(
                f"「{dotted}」的数值 {node.value} 没有注明出处", where,
                hint="请在同一映射中写 strength（规定、一般、推荐、实务或推算），引用 GB/T 9704-2012 时再写 "
                     "clause 条款号（如 7.3.3）；也可以写成 {value: 18, strength: 实务}")
        return Leaf(dotted, value, source, where)
    if kind == "bool" and not isinstance(value, bool):
        raise ProfileError(f"「{dotted}」应为 true 或 false，现为「{node.value}」", where)
    if kind in ("str", "align") and not isinstance(value, str):
        raise ProfileError(f"「{dotted}」应为文字，现为「{node.value}」", where)
    if kind == "str" and any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in value):
        raise ProfileError(f"「{dotted}」中有控制字符或不可见的格式字符", where, hint="请重新输入这一项，不要从别处复制。")
    if dotted.endswith("font") and not 0 < len(value.strip()) <= MAX_FONT_NAME:
        raise ProfileError(f"「{dotted}」的字体名应有 1 到 {MAX_FONT_NAME} 个字", where, hint="例如：font: 仿宋_GB2312")
    if kind == "align" and value not in ALIGNS:
        raise ProfileError(f"「{dotted}」为「{value}」，不是可用的对齐方式", where,
                           hint=f"可用：{'、'.join(ALIGNS)}。")
    return Leaf(dotted, value, None, where)


def _source(pairs: Dict[str, Tuple[Any, Any]], label: str, path: Path, yaml: Any) -> Optional[Source]:
    """The clause and strength a mapping declares for the numbers in it, checked."""
    clause = pairs.get("clause")
    strength = pairs.get("strength")
    for name, item in (("clause", clause), ("strength", strength), ("note", pairs.get("note"))):
        if item is not None and not isinstance(item[1], yaml.ScalarNode):
            raise ProfileError(f"「{label}」的 {name} 应为文字", _loc(path, item[1]))
    if strength is None:
        if clause is not None:
            raise ProfileError(f"「{label}」写了 clause 却没有 strength", _loc(path, clause[0]),
                               hint="请补写 strength：规定、一般、推荐、实务或推算。")
        return None
    word = str(strength[1].value)
    if word not in STRENGTHS:
        raise ProfileError(f"strength「{word}」不是可用的强度词", _loc(path, strength[1]),
                           hint=f"可用：{'、'.join(STRENGTHS)}。")
    text = str(clause[1].value) if clause is not None else ""
    if clause is not None and not _CLAUSE_RE.match(text):
        raise ProfileError(f"clause「{text}」不是 GB/T 9704-2012 的条款号", _loc(path, clause[1]),
                           hint="请写条款号，如 clause: 5.2.1")
    if word in NEEDS_CLAUSE and not text:
        raise ProfileError(f"「{label}」的 strength 为「{word}」，必须写出 clause", _loc(path, strength[0]),
                           hint="规定、一般、推荐引自标准，请注明 GB/T 9704-2012 的条款号（如 clause: 7.3.3）；"
                                "办公实务请写 strength: 实务")
    return Source(text, word)


def _loc(path: Path, node: Any) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _text(node: Any) -> str:
    """What the user wrote, in their words: never a PyYAML node's repr."""
    import yaml
    if isinstance(node, yaml.MappingNode):
        return "一组“键: 值”"
    if isinstance(node, yaml.SequenceNode):
        return "一个列表"
    return str(getattr(node, "value", node))[:40]

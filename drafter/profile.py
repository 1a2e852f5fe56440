"""Format profile YAML -> Profile: page, grid, fonts and sizes, each number with its GB/T 9704 clause.

A profile file names only what it changes; the rest comes from its ``base`` (gbt9704 unless it
says otherwise). Every number must say where it comes from (``clause`` and ``strength`` in its
mapping, or ``{value: ..., strength: ...}`` on the number itself); the loader refuses one that
does not, with file and line. Lengths become ``Twips``; the writer reads only typed values.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from drafter import draft
from drafter.errors import Location, ProfileError

BUILTIN_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT = "gbt9704"

TWIPS_PER_PT = 20
TWIPS_PER_INCH = 1440
MM_PER_INCH = 25.4
CHAR_HUNDREDTHS = 100   # OOXML *Chars attributes count hundredths of a character
TWIPS_PER_HALF_POINT = 10
EIGHTHS_PER_PT = 8      # w:sz of a border counts eighths of a point
CENTRE = 2              # a line centred on a longer one sits in by half the difference


STRENGTHS = ("规定", "一般", "推荐", "实务", "推算")
NEEDS_CLAUSE = frozenset(("规定", "一般", "推荐"))   # the standard's own words: cite the clause
META_KEYS = ("clause", "strength", "note")
ALIGNS = ("left", "center", "right", "justify")
# One style a block kind (a style a level for headings), in the model's table order.
STYLE_KEYS = tuple(key for kind in draft.BLOCK_KINDS for _, key, _, _ in kind.styles())
RUN_IN_KEYS = ("level1", "level2", "level3", "level4", "item")

# Leaf kinds: numbers (with their allowed range and what the user reads) and others.
# Pages: Word's limits are 0.1 to 22 inches; a page under 50 mm holds no speech. Margins: a
# printer cannot print at the paper's edge, so 0 is refused.
NUMBER_KINDS = {"mm": (0, 1000, "毫米"), "pt": (1, 200, "磅"), "rule_pt": (0.25, 6, "磅"), "chars": (0, 20, "字"),
                "lines": (0, 10, "行"), "count": (1, 200, "个"),
                "page_mm": (50, 558, "毫米"), "margin_mm": (3, 300, "毫米")}
MAX_FONT_NAME = 31                 # Word keeps at most 31 characters of a font name
# Each style's characters may be condensed by at most half their size to fit the grid's line.
MIN_PITCH_SHARE = 0.5
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


@dataclass(frozen=True)
class Source:
    """Where a number comes from: a clause of GB/T 9704-2012 and how strongly it binds."""

    clause: str
    strength: str


@dataclass(frozen=True)
class Leaf:
    path: str                   # dotted: styles.body.size_pt
    value: Any                  # as written in the file (mm, pt, chars ...)
    source: Optional[Source]    # set for every number
    where: Location



class Twips(int):
    """A length in twentieths of a point, the unit of OOXML page and paragraph measures."""

    @classmethod
    def from_mm(cls, mm: float) -> "Twips":
        return cls(round(mm * TWIPS_PER_INCH / MM_PER_INCH))

    @classmethod
    def from_pt(cls, pt: float) -> "Twips":
        return cls(round(pt * TWIPS_PER_PT))

    def __add__(self, other: int) -> "Twips":
        return Twips(int(self) + int(other))

    def __sub__(self, other: int) -> "Twips":
        return Twips(int(self) - int(other))

    def __neg__(self) -> "Twips":
        return Twips(-int(self))

    __radd__ = __add__

    @property
    def pt(self) -> float:
        return self / TWIPS_PER_PT

    @property
    def mm(self) -> float:
        return self * MM_PER_INCH / TWIPS_PER_INCH

    @property
    def half_points(self) -> int:
        """Font size as ``w:sz`` wants it."""
        return round(self / TWIPS_PER_HALF_POINT)


class Chars(int):
    """A length in hundredths of a character, as ``w:firstLineChars`` wants it."""

    @classmethod
    def from_chars(cls, n: float) -> "Chars":
        return cls(round(n * CHAR_HUNDREDTHS))

    @property
    def chars(self) -> float:
        return self / CHAR_HUNDREDTHS


@dataclass(frozen=True)
class Style:
    """One paragraph style. Lengths already resolved against the grid."""

    font: str
    latin_font: str
    size: Twips
    bold: bool
    align: str                  # left | center | right | justify
    first_indent: Chars
    first_indent_twips: Twips   # the same indent for readers that ignore *Chars
    right_indent: Chars
    right_indent_twips: Twips
    snap_to_grid: bool
    keep_with_next: bool
    widow_control: bool
    space_before: Twips
    space_after: Twips


@dataclass(frozen=True)
class RunInFont:
    font: str
    bold: bool


@dataclass(frozen=True)
class PageNumber:
    font: str
    format: str                 # "— {n} —"
    size: Twips
    side_space: Chars           # odd pages: from the right; even pages: from the left
    side_space_twips: Twips
    below_text: Twips           # the target, measured by the tests
    footer_distance: Twips      # what produces it


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    page_width: Twips
    page_height: Twips
    margin_top: Twips
    margin_bottom: Twips
    margin_left: Twips
    margin_right: Twips
    lines_per_page: int
    chars_per_line: int
    latin_font: str
    styles: Mapping[str, Style]          # keys: STYLE_KEYS
    run_in: Mapping[str, RunInFont]      # keys: RUN_IN_KEYS
    page_number: PageNumber
    table_border_pt: float               # width of every table rule
    leaves: Tuple[Leaf, ...]             # every value with its source, for `profile show`
    files: Tuple[Path, ...]              # the chain of files, base first

    @property
    def text_width(self) -> Twips:
        return Twips(self.page_width - self.margin_left - self.margin_right)

    @property
    def text_height(self) -> Twips:
        return Twips(self.page_height - self.margin_top - self.margin_bottom)

    @property
    def line_pitch(self) -> Twips:
        """Grid line pitch: the text block height split into lines, floored so all of them fit."""
        return line_pitch(self.text_height, self.lines_per_page)

    @property
    def char_spacing(self) -> Twips:
        """Per-character condensing (never expansion) so ``chars_per_line`` body characters fit."""
        return char_spacing(self.text_width, self.chars_per_line, self.styles["body"].size)

    @property
    def title_chars_per_line(self) -> int:
        return int(self.text_width // (self.styles["title"].size + self.char_spacing))

    @property
    def table_border_eighths(self) -> int:
        """The table rule width as a border's w:sz wants it."""
        return max(1, round(self.table_border_pt * EIGHTHS_PER_PT))

    def signoff_indents(self, unit_widths: List[float], date_width: float) -> List[Tuple[Twips, Chars]]:
        """Right indents of the unit lines of a 落款 block, each centred on the date line below
        (GB/T 9704 7.3.5.1), which keeps the style's indent. Widths in characters."""
        st = self.styles["signoff"]
        out = []
        for width in unit_widths:
            chars = max(0.0, st.right_indent.chars + (date_width - width) / CENTRE)
            indent = Chars.from_chars(chars)
            out.append((Twips(round(indent * (st.size + self.char_spacing) / CHAR_HUNDREDTHS)), indent))
        return out

    def run_in_font(self, head: int) -> RunInFont:
        key = f"level{head}"
        return self.run_in[key] if key in self.run_in else self.run_in["item"]


def line_pitch(text_height: int, lines: int) -> Twips:
    return Twips(text_height // lines)


def char_spacing(text_width: int, chars: int, size: int) -> Twips:
    return Twips(min(0, math.floor(text_width / chars - size)))


def list_profiles() -> List[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def load_profile(spec: Union[str, Path, None] = None) -> Profile:
    """None -> gbt9704; a built-in name -> that profile; a path -> the file merged over its base."""
    if spec is None or str(spec) == "":
        return _load_builtin(DEFAULT)
    if isinstance(spec, str) and spec in list_profiles() and not Path(spec).is_file():
        return _load_builtin(spec)
    path = Path(spec)
    if not path.is_file():
        if isinstance(spec, str) and not re.search(r"[/\\.]", spec):
            raise ProfileError(f"没有名为「{spec}」的格式方案",
                               hint=f"内置方案：{'、'.join(list_profiles())}；或给出方案文件的路径。")
        raise ProfileError("格式方案文件不存在", Location(path), hint="请检查文件名和路径。")
    return _build(_load_chain(path.resolve(), ()))


@lru_cache(maxsize=None)
def _load_builtin(name: str) -> Profile:
    return _build(_load_chain(BUILTIN_DIR / f"{name}.yaml", ()))


def _load_chain(path: Path, seen: Tuple[Path, ...]) -> Tuple[Dict[str, Leaf], Tuple[Path, ...]]:
    """Leaves of ``path`` merged over those of its base chain (nearest file wins)."""
    if path in seen:
        raise ProfileError("格式方案的 base 形成循环", Location(path),
                           hint=" → ".join(str(p.name) for p in seen + (path,)))
    leaves = parse_file(path)
    base_leaf = leaves.pop("base", None)
    if base_leaf is not None:
        base_spec = str(base_leaf.value)
        if base_spec in list_profiles():
            base_path = BUILTIN_DIR / f"{base_spec}.yaml"
        else:
            base_path = (path.parent / base_spec).resolve()
            if not base_path.is_file():
                raise ProfileError(f"base「{base_spec}」既不是内置方案，也不是存在的文件", base_leaf.where,
                                   hint=f"内置方案：{'、'.join(list_profiles())}。")
    elif path != BUILTIN_DIR / f"{DEFAULT}.yaml":
        base_path = BUILTIN_DIR / f"{DEFAULT}.yaml"   # a user file inherits the standard implicitly
    else:
        return leaves, (path,)
    base_leaves, files = _load_chain(base_path, seen + (path,))
    base_leaves.pop("name", None)           # a file that does not name itself is named by its stem
    merged = dict(base_leaves)
    merged.update(leaves)
    return merged, files + (path,)


def _build(chain: Tuple[Dict[str, Leaf], Tuple[Path, ...]]) -> Profile:
    leaves, files = chain
    last = files[-1]

    def get(path: str, default: Any = None) -> Any:
        leaf = leaves.get(path)
        if leaf is not None:
            return leaf.value
        if default is None:
            raise ProfileError(f"格式方案缺少「{path}」", Location(last),
                               hint="请在方案文件中写出该项，或用 base 继承一个完整的方案。")
        return default

    def mm(path: str) -> Twips:
        return Twips.from_mm(get(path))

    text_width = mm("page.width_mm") - mm("margins.left_mm") - mm("margins.right_mm")
    text_height = mm("page.height_mm") - mm("margins.top_mm") - mm("margins.bottom_mm")
    if text_width <= 0 or text_height <= 0:
        raise ProfileError("页边距大于纸张，版心为空", _where(leaves, "margins.left_mm", last))
    lines = get("grid.lines_per_page")
    chars = get("grid.chars_per_line")
    pitch = line_pitch(text_height, lines)
    latin = get("latin_font")
    body_size = Twips.from_pt(get("styles.body.size_pt"))
    spacing = char_spacing(text_width, chars, body_size)

    styles = {}
    for key in STYLE_KEYS:
        p = f"styles.{key}."
        size = Twips.from_pt(get(p + "size_pt"))
        indent = Chars.from_chars(get(p + "first_indent_chars", 0))
        right = Chars.from_chars(get(p + "right_indent_chars", 0))
        styles[key] = Style(
            font=get(p + "font"), latin_font=get(p + "latin_font", latin), size=size,
            bold=get(p + "bold", False), align=get(p + "align", "justify"), first_indent=indent,
            first_indent_twips=Twips(round(indent * (size + spacing) / CHAR_HUNDREDTHS)),
            right_indent=right, right_indent_twips=Twips(round(right * (size + spacing) / CHAR_HUNDREDTHS)),
            snap_to_grid=get(p + "snap_to_grid", True), keep_with_next=get(p + "keep_with_next", False),
            widow_control=get(p + "widow_control", False),
            space_before=Twips(round(get(p + "spacing.before_lines", 0) * pitch)),
            space_after=Twips(round(get(p + "spacing.after_lines", 0) * pitch)))
    run_in = {k: RunInFont(get(f"run_in.{k}.font"), get(f"run_in.{k}.bold", False)) for k in RUN_IN_KEYS}
    pn_size = Twips.from_pt(get("page_number.size_pt"))
    side = Chars.from_chars(get("page_number.side_space_chars"))
    page_number = PageNumber(
        font=get("page_number.font"), format=get("page_number.format"), size=pn_size,
        side_space=side, side_space_twips=Twips(round(side * pn_size / CHAR_HUNDREDTHS)),
        below_text=mm("page_number.below_text_mm"), footer_distance=mm("page_number.footer.distance_mm"))
    for key in STYLE_KEYS:
        size = styles[key].size
        if size + spacing < size * MIN_PITCH_SHARE:
            raise ProfileError(f"每行 {chars} 字时，「styles.{key}」的 {size.pt:g} 磅字要压缩一半以上才排得下",
                               _where(leaves, "grid.chars_per_line", last),
                               hint="请减少 grid.chars_per_line，或减小正文字号 styles.body.size_pt。")
    if "{n}" not in page_number.format:
        raise ProfileError("页码格式中缺少 {n}", _where(leaves, "page_number.format", last),
                           hint="例如：format: — {n} —")
    return Profile(
        name=get("name", last.stem), description=get("description", ""),
        page_width=mm("page.width_mm"), page_height=mm("page.height_mm"),
        margin_top=mm("margins.top_mm"), margin_bottom=mm("margins.bottom_mm"),
        margin_left=mm("margins.left_mm"), margin_right=mm("margins.right_mm"),
        lines_per_page=lines, chars_per_line=chars, latin_font=latin,
        styles=MappingProxyType(styles), run_in=MappingProxyType(run_in), page_number=page_number,
        table_border_pt=get("table.border_pt"),
        leaves=tuple(leaves[k] for k in sorted(leaves, key=_schema_order)), files=files)


def _where(leaves: Dict[str, Leaf], path: str, fallback: Path) -> Location:
    leaf = leaves.get(path)
    return leaf.where if leaf else Location(fallback)


def _schema_order(path: str) -> Tuple[int, ...]:
    order: List[int] = []
    node: Any = SCHEMA
    for part in path.split("."):
        keys = list(node) if isinstance(node, dict) else []
        order.append(keys.index(part) if part in keys else len(keys))
        node = node.get(part) if isinstance(node, dict) else None
    return tuple(order)


# --- reading a profile file: YAML nodes keep their line numbers ------------------------------

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
    import hashlib
    import os
    from drafter import __version__
    from drafter.cache import cache_dir
    folder = cache_dir("profile")
    if folder is None:
        return None
    # The schema comes from this module and the block-kind table.
    stamp = " ".join(f"{st.st_size} {st.st_mtime_ns}" for st in map(os.stat, (__file__, draft.__file__)))
    key = hashlib.sha256(f"{__version__} {stamp}\n{text}".encode("utf-8"))
    return folder / (key.hexdigest() + ".json")


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
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
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


# --- `drafter profile show` ----------------------------------------------------------------------

def dump_yaml(profile: Profile) -> str:
    """The effective profile as YAML that loads back to the same profile, with derived values."""
    tree: Dict[str, Any] = {}
    for leaf in profile.leaves:
        *parents, last = leaf.path.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = leaf
    chain = " ← ".join(p.name for p in profile.files)
    out = [f"# 有效格式方案：{profile.name}（{chain}）", f"name: {_scalar(profile.name)}"]
    tree.pop("name", None)
    _emit(tree, "", out)
    body = profile.styles["body"]
    out += [
        "# 推算（由上列数值得出，不必写入方案）：",
        f"#   版心 {profile.text_width.mm:.1f} × {profile.text_height.mm:.1f} 毫米",
        f"#   行距 = floor({profile.text_height} / {profile.lines_per_page}) = {profile.line_pitch} twips"
        f"（{profile.line_pitch.pt:.2f} 磅）",
        f"#   字距 = min(0, floor({profile.text_width} / {profile.chars_per_line} − {body.size}))"
        f" = {profile.char_spacing} twips",
        f"#   标题每行最多 {profile.title_chars_per_line} 字",
    ]
    return "\n".join(out) + "\n"


def _emit(node: Dict[str, Any], indent: str, out: List[str]) -> None:
    numbers = [v.source for v in node.values() if isinstance(v, Leaf) and v.source is not None]
    common = max(set(numbers), key=numbers.count) if numbers else None
    for key, value in node.items():
        if isinstance(value, dict):
            out.append(f"{indent}{key}:")
            _emit(value, indent + "  ", out)
            continue
        text = _scalar(value.value)
        if value.source is not None and value.source != common:
            text = "{value: %s%s}" % (text, _source_text(value.source, ", "))
        origin = value.where.path
        note = f"  # {origin.name}:{value.where.line}" if origin and origin.parent != BUILTIN_DIR else ""
        out.append(f"{indent}{key}: {text}{note}")
    if common is not None:
        out.extend(f"{indent}{line}" for line in _source_text(common, "\n").split("\n") if line)


def _source_text(source: Source, sep: str) -> str:
    clause = f"{sep}clause: \"{source.clause}\"" if source.clause else ""
    return f"{clause}{sep}strength: {source.strength}"


def _scalar(value: Any) -> str:
    import json
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)

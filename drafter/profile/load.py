"""Format profile files -> Profile: page, grid, fonts and sizes, each number with its GB/T 9704 clause.

A profile file names only what it changes; the rest comes from its ``base`` (gbt9704 unless it
says otherwise). Every number must say where it comes from (``clause`` and ``strength`` in its
mapping, or ``{value: ..., strength: ...}`` on the number itself); ``drafter.profile.parse``
refuses one that does not, with file and line. Lengths become ``Twips``; the writer reads only
typed values. ``dump_yaml`` writes the effective profile back (``drafter profile show``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Dict, List, Tuple, Union

from drafter.errors import Location, ProfileError
from drafter.profile.model import (CHAR_HUNDREDTHS, RUN_IN_KEYS, STYLE_KEYS, Chars, Leaf, PageNumber, Profile,
                                   RunInFont, Source, Style, Twips, char_spacing, line_pitch)
from drafter.profile.parse import parse_file, schema_order

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "profiles"
DEFAULT = "gbt9704"

# Each style's characters may be condensed by at most half their size to fit the grid's line.
MIN_PITCH_SHARE = 0.5


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
        leaves=tuple(leaves[k] for k in sorted(leaves, key=schema_order)), files=files)


def _where(leaves: Dict[str, Leaf], path: str, fallback: Path) -> Location:
    leaf = leaves.get(path)
    return leaf.where if leaf else Location(fallback)


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
    # The most frequent source; among equals the first met, so the output never depends on set order.
    common = max(dict.fromkeys(numbers), key=numbers.count) if numbers else None
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

"""A format profile as the writer reads it: lengths in typed units, styles, the page and its grid.

``drafter.profile.load`` builds a ``Profile`` from the checked leaves that ``drafter.profile.parse``
reads from the profile files; every ``Leaf`` keeps the GB/T 9704 clause its number comes from.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, List, Mapping, Optional, Tuple

from drafter import draft
from drafter.errors import Location

TWIPS_PER_PT = 20
TWIPS_PER_INCH = 1440
MM_PER_INCH = 25.4
CHAR_HUNDREDTHS = 100   # OOXML *Chars attributes count hundredths of a character
TWIPS_PER_HALF_POINT = 10
EIGHTHS_PER_PT = 8      # w:sz of a border counts eighths of a point
CENTRE = 2              # a line centred on a longer one sits in by half the difference


# One style a block kind (a style a level for headings), in the model's table order.
STYLE_KEYS = tuple(key for kind in draft.BLOCK_KINDS for _, key, _, _ in kind.styles())
RUN_IN_KEYS = ("level1", "level2", "level3", "level4", "item")


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

"""What counts as a Chinese character: the one CJK test, and the same extent as a regex class.

The extent is the CJK ideographs of the Basic Multilingual Plane: the unified ideographs
(U+4E00–9FFF), Extension A (U+3400–4DBF, rare characters of names and places) and the
compatibility ideographs (U+F900–FAFF). Every count of 字, every "Chinese beside it" test and
every regex class over Chinese characters uses these, so that a rare character in a name is
Chinese everywhere or nowhere.

Python's ``re`` compiles a class over these ranges slowly (it walks each of their 28,096 code
points, 2–3 ms a class): a pattern that uses ``CJK`` is built with ``drafter.lazy_re`` so that
it is compiled only when a text needs it.
"""
from __future__ import annotations

# The body of a regex character class: f"[{CJK}]", f"[^{CJK}]", f"[{CJK}，。]".
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def is_cjk(ch: str) -> bool:
    """A CJK ideograph: one character of the ranges of ``CJK``."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch))

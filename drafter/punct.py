"""Full-width punctuation in Chinese text, whatever the user typed; and the ends of headings."""
from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese characters and the full-width marks that stand among them.
_ZH = f"[{CJK}\u3000-\u303f\uff01-\uff5e“”‘’—…·]"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}

_HALF_MARKS = ',:;!?()"'


@lru_cache(maxsize=1)
def _re() -> SimpleNamespace:
    # Compiled on first need: classes over the CJK ranges cost milliseconds to build, and text
    # typed with full-width marks (the usual case) never needs them.
    return SimpleNamespace(
        mark_after=re.compile(rf"(?<={_ZH})\s*([,:;!?])\s*"),
        mark_before=re.compile(rf"\s*([,:;!?])\s*(?={_ZH})"),
        parens=re.compile(r"\(([^()]*)\)"),
        has_zh=re.compile(_ZH),
        han=re.compile(f"[{CJK}]"),
        quote=re.compile(r'"([^"\n]*)"'))

# Heading ends: every mark a standalone heading must not end with.
TRAILING_PUNCT = "。，、；：！？,.;:!?…—·"
_TRAILING = re.compile(rf"[{re.escape(TRAILING_PUNCT)}\s]+$")


def has_chinese(s: str) -> bool:
    return bool(_re().han.search(s))


def _paren(m: re.Match) -> str:
    inner = m.group(1)
    before = m.string[max(0, m.start() - 1):m.start()]
    after = m.string[m.end():m.end() + 1]
    if _re().has_zh.search(inner) or _re().has_zh.match(before or " ") or _re().has_zh.match(after or " "):
        return "（" + inner + "）"
    return m.group(0)


def _quote(m: re.Match) -> str:
    inner = m.group(1)
    if _re().has_zh.search(inner) or _re().has_zh.search(m.string[max(0, m.start() - 1):m.end() + 1]):
        return "“" + inner + "”"
    return m.group(0)


def to_fullwidth(text: str) -> str:
    """Half-width , : ; ! ? ( ) " beside Chinese text become their full-width forms.

    Marks between Latin letters or digits (10:30, 3,000, Word!) are left as they are.
    """
    if not any(c in text for c in _HALF_MARKS) or not has_chinese(text):
        return text
    rx = _re()
    text = rx.mark_after.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = rx.mark_before.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    prev = None
    while prev != text:  # innermost parentheses first, so nested pairs convert too
        prev = text
        text = rx.parens.sub(_paren, text)
    text = rx.quote.sub(_quote, text)
    return text


def strip_trailing_punct(text: str) -> str:
    """A standalone heading never ends in punctuation (GENRES.md: level-1 heading)."""
    return _TRAILING.sub("", text)


def as_runin_head(text: str) -> str:
    """A run-in head is the first sentence of its paragraph and always ends in 。"""
    text = strip_trailing_punct(text.strip())
    return text + "。" if text else text

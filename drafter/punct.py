"""Full-width punctuation in Chinese text, whatever the user typed; and the ends of headings."""
from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese characters and the full-width marks that stand among them.
_ZH = f"[{CJK}\u3000-\u303f\uff01-\uff5e“”‘’—…·]"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}

_MARK_AFTER_ZH = re.compile(rf"(?<={_ZH})\s*([,:;!?])\s*")
_MARK_BEFORE_ZH = re.compile(rf"\s*([,:;!?])\s*(?={_ZH})")
_PARENS = re.compile(r"\(([^()]*)\)")
_HAS_ZH = re.compile(_ZH)
_QUOTE = re.compile(r'"([^"\n]*)"')
# Heading ends: every mark a standalone heading must not end with.
TRAILING_PUNCT = "。，、；：！？,.;:!?…—·"
_TRAILING = re.compile(rf"[{re.escape(TRAILING_PUNCT)}\s]+$")


def has_chinese(s: str) -> bool:
    return bool(re.search(f"[{CJK}]", s))


def _paren(m: re.Match) -> str:
    inner = m.group(1)
    before = m.string[max(0, m.start() - 1):m.start()]
    after = m.string[m.end():m.end() + 1]
    if _HAS_ZH.search(inner) or _HAS_ZH.match(before or " ") or _HAS_ZH.match(after or " "):
        return "（" + inner + "）"
    return m.group(0)


def _quote(m: re.Match) -> str:
    inner = m.group(1)
    if _HAS_ZH.search(inner) or _HAS_ZH.search(m.string[max(0, m.start() - 1):m.end() + 1]):
        return "“" + inner + "”"
    return m.group(0)


def to_fullwidth(text: str) -> str:
    """Half-width , : ; ! ? ( ) " beside Chinese text become their full-width forms.

    Marks between Latin letters or digits (10:30, 3,000, Word!) are left as they are.
    """
    if not has_chinese(text):
        return text
    text = _MARK_AFTER_ZH.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = _MARK_BEFORE_ZH.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    prev = None
    while prev != text:  # innermost parentheses first, so nested pairs convert too
        prev = text
        text = _PARENS.sub(_paren, text)
    text = _QUOTE.sub(_quote, text)
    return text


def strip_trailing_punct(text: str) -> str:
    """A standalone heading never ends in punctuation (GENRES.md: level-1 heading)."""
    return _TRAILING.sub("", text)


def as_runin_head(text: str) -> str:
    """A run-in head is the first sentence of its paragraph and always ends in 。"""
    text = strip_trailing_punct(text.strip())
    return text + "。" if text else text

"""File names and other outside text, shown safely: every message that shows a path goes through here.

A received file's name is outside text. Printed raw, an escape sequence in it retitles or clears
the clerk's terminal and a newline splits drafter's message in two; a name that starts with "-" or
holds a space breaks the next-step command drafter prints. So:

* ``text(s)`` escapes what a terminal would act on, as ``ls`` does: control characters (C0, DEL,
  C1), Unicode format characters (bidi overrides, zero-width characters), line and paragraph
  separators, and the bytes of a name that is not UTF-8 (Python keeps them as lone surrogates).
  ``\\n``, ``\\t`` and ``\\r`` keep their C names, the rest are ``\\xHH`` or ``\\uHHHH``.
  Everything else, Chinese and backslashes included (a UNC path \\\\host\\share reads as written),
  stays as it is.
* ``terminal(message)`` is the same for a whole message of drafter's own, whose line breaks and
  tabs stay: the last guard on what reaches the terminal from a file's content.
* ``arg(path)`` is the path as a shell argument that runs as shown: ``./`` before a name that
  starts with "-", single quotes around one with spaces or shell characters, and bash's ``$'…'``
  when it holds a character ``text`` escapes.
"""
from __future__ import annotations

import os

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"}
# What a shell leaves alone in an argument besides letters and digits (Chinese among them).
_SHELL_SAFE = set("@%+=:,./-_") | {chr(c) for c in range(0x3001, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF5F)}


def text(value: "str | os.PathLike[str]") -> str:
    """``value`` (a str or a path) with every character a terminal would act on escaped."""
    s = os.fspath(value) if not isinstance(value, str) else value
    if isinstance(s, bytes):
        s = os.fsdecode(s)
    if s.isprintable():   # the usual case, answered in C: nothing to escape
        return s
    return "".join(_escape(c) for c in s)


def terminal(message: str) -> str:
    """``message`` with what a terminal would act on escaped, except line breaks and tabs."""
    if message.replace("\n", "").replace("\t", "").isprintable():
        return message
    return "".join(c if c in "\n\t" else _escape(c) for c in message)


def _escape(c: str) -> str:
    import unicodedata   # only when something may need escaping
    if c in _NAMED:
        return _NAMED[c]
    if unicodedata.category(c) not in _BAD_CATEGORIES:
        return c
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:          # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def arg(path: "str | os.PathLike[str]") -> str:
    """``path`` written so that a command printed with it runs as shown."""
    s = os.fspath(path) if not isinstance(path, str) else path
    if isinstance(s, bytes):
        s = os.fsdecode(s)
    if s.startswith("-"):
        s = ("./" if os.sep == "/" else ".\\") + s
    if s and all(c.isalnum() or c in _SHELL_SAFE for c in s):
        return s
    if os.name == "nt":
        return '"' + s.replace('"', '""') + '"'
    if text(s) != s:    # a character the terminal would act on: bash's $'…', backslashes doubled
        return "$'" + "".join("\\\\" if c == "\\" else "\\'" if c == "'" else _escape(c) for c in s) + "'"
    return "'" + s.replace("'", "'\"'\"'") + "'"

"""Regular expressions compiled on first use, and skipped on texts that cannot match.

Python's ``re`` compiler walks every code point of a character-class range in Python code:
``[\\u4e00-\\u9fff]`` alone is 21,000 steps, a millisecond or more per pattern. A module that
compiles its patterns at import makes every process that imports it pay for all of them, used or
not; ``lazy_re`` compiles a pattern the first time a text reaches it.

``needs`` is an optional necessary condition: strings (a ``str`` stands for its characters) of
which every text the pattern can match contains at least one — in the match itself or in what a
lookaround requires beside it. A text with none of them gets no match without running the
pattern, and a run in which no text has them never compiles it. Give ``needs`` only when it
follows from the pattern itself, so that the result is the same with it and without it.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, List, Optional


class LazyPattern:
    __slots__ = ("pattern", "flags", "needs", "_rx")

    def __init__(self, pattern: str, flags: int = 0, needs: Optional[Iterable[str]] = None):
        self.pattern, self.flags = pattern, flags
        self.needs = tuple(needs) if needs is not None else None
        self._rx: Optional[re.Pattern] = None

    @property
    def rx(self) -> re.Pattern:
        if self._rx is None:
            self._rx = re.compile(self.pattern, self.flags)
        return self._rx

    def may_match(self, text: str) -> bool:
        """False when ``text`` has none of the needed strings (then nothing matches)."""
        if self.needs is None:
            return True
        for n in self.needs:        # a loop, not any(): this runs for every text and pattern
            if n in text:
                return True
        return False

    # The methods the project uses, each with re.Pattern's signature and result. A position
    # range only narrows the search, so the test on the whole text stays a necessary condition.
    def search(self, text: str, *span: int) -> Optional[re.Match]:
        return self.rx.search(text, *span) if self.may_match(text) else None

    def match(self, text: str, *span: int) -> Optional[re.Match]:
        return self.rx.match(text, *span) if self.may_match(text) else None

    def fullmatch(self, text: str, *span: int) -> Optional[re.Match]:
        return self.rx.fullmatch(text, *span) if self.may_match(text) else None

    def finditer(self, text: str, *span: int) -> Iterator[re.Match]:
        return self.rx.finditer(text, *span) if self.may_match(text) else iter(())

    def findall(self, text: str, *span: int) -> List:
        return self.rx.findall(text, *span) if self.may_match(text) else []

    def sub(self, repl, text: str, count: int = 0) -> str:
        return self.rx.sub(repl, text, count) if self.may_match(text) else text

    def __repr__(self) -> str:
        return f"lazy_re({self.pattern!r}" + (f", needs={self.needs!r})" if self.needs else ")")


def lazy_re(pattern: str, flags: int = 0, *, needs: Optional[Iterable[str]] = None) -> LazyPattern:
    """A pattern compiled on first use; see the module docstring for ``needs``."""
    return LazyPattern(pattern, flags, needs)

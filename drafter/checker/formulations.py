"""Fixed political formulations (提法) and names whose numbers announce nothing that follows.

The lists are data (``data/formulations.yaml``): the 提法 with their sources, and the names,
ordinals and idioms that contain a number (和平共处五项原则、三步走).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, List


@lru_cache(maxsize=None)
def _by_first() -> Dict[str, List[str]]:
    from drafter.checker.data import load
    data = load("formulations")
    names = [f["text"] for f in data["formulations"]] + list(data["numbered_names"])
    out: Dict[str, List[str]] = {}
    for name in names:
        out.setdefault(name[0], []).append(name)
    return out


def is_fixed(text: str, pos: int) -> bool:
    """Whether a fixed formulation, a numbered name or an idiom starts at ``pos``: the number in
    it is part of the name (两个确立、和平共处五项原则、分三步走)."""
    if any(text.startswith(f, pos) for f in _by_first().get(text[pos:pos + 1], ())):
        return True
    # a name may start a character or two before the number: 和平共处五项原则, 分三步走
    for back in range(1, 5):
        if pos - back >= 0 and any(text.startswith(f, pos - back) and len(f) > back
                                   for f in _by_first().get(text[pos - back], ())):
            return True
    return False

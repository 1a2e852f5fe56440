"""The checker's word lists, 提法 and variant forms, kept as YAML data rather than code."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def path(name: str) -> Path:
    return _HERE / f"{name}.yaml"


@lru_cache(maxsize=None)
def load(name: str):
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path(name).read_text(encoding="utf-8"), Loader=loader)

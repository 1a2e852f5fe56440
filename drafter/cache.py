"""drafter's cache folder: compiled templates and restyled blank documents, kept between runs.

A clerk re-renders the same kind of draft all afternoon; what does not change between runs is
built once. Everything here is an optimisation only: a folder that cannot be written, or an
entry that cannot be read, means building again, never an error.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Optional

ENV_VAR = "DRAFTER_CACHE_DIR"


def cache_dir(part: str = "") -> Optional[Path]:
    """$DRAFTER_CACHE_DIR, else the XDG cache folder; DRAFTER_CACHE_DIR=off turns caching off.
    With ``part``, that subfolder, created (mode 0700), or None when it cannot be."""
    explicit = os.environ.get(ENV_VAR)
    if explicit is not None:
        if explicit.strip().lower() in ("", "off", "0", "no"):
            return None
        base = Path(explicit)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")) / "drafter"
    if not part:
        return base
    folder = base / part
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder


def store(path: Path, fill: Callable[[Path], None]) -> None:
    """Write a cache entry whole or not at all; a cache that cannot be written is simply not used."""
    from drafter.fsutil import write_atomic
    try:
        write_atomic(path, fill)
    except Exception:  # noqa: BLE001 — see the module docstring
        pass

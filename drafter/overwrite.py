"""Which files drafter may replace without ``--force``: those it wrote itself, unchanged since.

After writing an output drafter keeps a small record in the cache folder (``outputs/``): the
output's real path, by digest, and the SHA-256 of the bytes it wrote. Re-rendering over that file
is fine while its content still has that digest. A file drafter never wrote, or one changed since
(a clerk's edits in Word), is replaced only with ``--force``. The record is the only mark: the
output itself carries none, so a copy on another machine, a cache that was deleted or turned off
(DRAFTER_CACHE_DIR=off) means asking for ``--force`` once — the safe way to be wrong.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Optional

from drafter.cache import cache_dir, load, store
from drafter.errors import OutputError
from drafter.fsutil import check_target, lstat_or_none

MAX_HASHED_BYTES = 512_000_000   # larger files are not drafter's; reading them all would be slow
_CHUNK = 1 << 20


def guard(path: Path, force: bool) -> None:
    """Refuse to replace an existing file drafter did not write (or that changed) unless ``force``."""
    path = Path(path)
    check_target(path)
    if force or lstat_or_none(path) is None:
        return
    recorded = _record(path)
    if recorded is not None and recorded == file_digest(path):
        return
    why = "是 drafter 生成后又被修改过的" if recorded is not None else "不是 drafter 生成的（或无法确认）"
    from drafter.display import text
    raise OutputError(f"文件已存在，且{why}：{text(path)}",
                      hint="为免丢失其中的修改，drafter 不覆盖它。如确需覆盖，请加上 --force；或用 -o 另选文件名。")


def remember(path: Path) -> None:
    """Record that drafter just wrote ``path``; a record that cannot be kept only costs a --force later."""
    entry = _entry(path)
    digest = file_digest(path)
    if entry is not None and digest is not None:
        store(entry, digest.encode("ascii"))


def file_digest(path: Path) -> Optional[str]:
    """SHA-256 of a regular file's content, or None (not a regular file, too large, unreadable)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_HASHED_BYTES:
            return None
        h = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as f:
            for chunk in iter(lambda: f.read(_CHUNK), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def _entry(path: Path) -> Optional[Path]:
    folder = cache_dir("outputs")
    if folder is None:
        return None
    key = hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()
    return folder / key


def _record(path: Path) -> Optional[str]:
    entry = _entry(path)
    payload = load(entry) if entry is not None else None
    return payload.decode("ascii", "replace") if payload is not None else None

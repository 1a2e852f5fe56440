"""drafter's cache folder: compiled templates and restyled blank documents, kept between runs.

A clerk re-renders the same kind of draft all afternoon; what does not change between runs is
built once. Everything here is an optimisation only: a folder that cannot be written, or an
entry that cannot be read, means building again, never an error.

A compiled template is code that runs and a blank document is the base of every draft, so the
cache is trusted only as far as nobody else could have written it: a folder is used only when it
is a real folder (not a symlink) owned by this user and writable by nobody else, and an entry
only when it is a regular file owned by this user, writable by nobody else, and its digest
matches its content. Anything else (someone else's folder, a damaged or truncated entry, a FIFO
or a folder in an entry's place) is passed over and the entry is built again.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Optional, Sequence

ENV_VAR = "DRAFTER_CACHE_DIR"
MAX_ENTRY_BYTES = 32_000_000    # a blank document is ~40 KB, a compiled template a few KB
_MAGIC = b"drafter-cache-1\n"
_DIGEST_LEN = 64                # sha256 in hex, then a newline, then the payload


def cache_dir(part: str = "") -> Optional[Path]:
    """$DRAFTER_CACHE_DIR, else the XDG cache folder; DRAFTER_CACHE_DIR=off turns caching off.
    With ``part``, that subfolder, created (mode 0700), or None when it cannot be made or is
    not this user's own (see the module docstring)."""
    explicit = os.environ.get(ENV_VAR)
    if explicit is not None:
        if explicit.strip().lower() in ("", "off", "0", "no"):
            return None
        base = Path(explicit)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")) / "drafter"
        _tighten(base)
    if not part:
        return base
    return private_dir(base, part)


def data_entry(part: str, text: str, sources: Sequence[str]) -> Optional[Path]:
    """Where data built from ``text`` is kept as JSON (data, never code): keyed by the text,
    drafter's version and the size and time of each of ``sources``, the modules that build it, so
    that a change to any of them builds it again. None when there is no cache."""
    folder = cache_dir(part)
    if folder is None:
        return None
    from drafter import __version__
    stamp = " ".join(f"{st.st_size} {st.st_mtime_ns}" for st in map(os.stat, sources))
    key = hashlib.sha256(f"{__version__} {stamp}\n{text}".encode("utf-8"))
    return folder / (key.hexdigest() + ".json")


def _tighten(base: Path) -> None:
    """Earlier drafters created the default folder with the umask (0775 under Debian's 002):
    a folder of this user's own is made private again. Its entries were never writable by others
    and each is checked anyway. A folder named by DRAFTER_CACHE_DIR is left as the user set it."""
    try:
        st = os.lstat(base)
    except OSError:
        return
    if stat.S_ISDIR(st.st_mode) and os.name == "posix" and st.st_uid == os.getuid() \
            and st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        try:
            os.chmod(base, 0o700)
        except OSError:
            pass


def private_dir(base: Path, part: str) -> Optional[Path]:
    """``base/part``, created mode 0700 if absent; None unless both folders are this user's own."""
    folder = base / part
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not (_own(base, folder=True) and _own(folder, folder=True)):
        return None
    return folder


def _own(path: Path, folder: bool) -> bool:
    """``path`` itself (not a symlink) is a folder/regular file of this user that only it can write."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)
    return kind_ok and _owner_ok(st)


def _owner_ok(st: os.stat_result) -> bool:
    if os.name != "posix":
        # Windows reports every writable file as 0o666 and keeps who may write in ACLs; the
        # default cache under the user's own profile folder is private there.
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_own(path: Path) -> Optional[bytes]:
    """The bytes of ``path`` if it is a regular file of this user that only it can write, else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)   # O_NONBLOCK: a FIFO planted here opens at once instead of waiting
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _owner_ok(st) or st.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def load(path: Path) -> Optional[bytes]:
    """The payload of a cache entry, or None when it is absent, not trusted or damaged."""
    data = read_own(path)
    head = len(_MAGIC) + _DIGEST_LEN + 1
    if data is None or not data.startswith(_MAGIC) or len(data) < head:
        return None
    payload = data[head:]
    if data[len(_MAGIC):head - 1] != hashlib.sha256(payload).hexdigest().encode("ascii"):
        return None
    return payload


def store(path: Path, payload: bytes) -> None:
    """Write a cache entry whole or not at all; a cache that cannot be written is simply not used."""
    from drafter.fsutil import write_atomic
    framed = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload
    try:
        write_atomic(path, lambda tmp: _write_private(tmp, framed), mode=0o600)
    except Exception:  # noqa: BLE001 — see the module docstring
        pass


def _write_private(tmp: Path, data: bytes) -> None:
    with open(tmp, "wb") as f:
        f.write(data)

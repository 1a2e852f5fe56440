"""Writing output safely: a temporary file in the target folder, renamed into place on success.

The output is a regular file or nothing. An existing target that is a device, a FIFO, a socket
or a folder is refused (``-o /dev/null`` run as root would otherwise turn the device into a
file), and so is a symlink: renaming over it would replace the link, not the file it points to,
so drafter asks for the real path instead of guessing which of the two the user meant.

A run that is killed outright (SIGKILL, a power cut) cannot remove what it was writing. So every
temporary file or folder drafter makes is named after the machine and the process that made it
(``.讲话.docx.drafter-<host>-<pid>-XXXXXXXX.tmp`` beside the output, ``drafter-lo-<host>-<pid>-…``
in the temp folder), and the first write into a folder, or the first temporary folder, of a later
run removes those whose process is gone (on another machine, or where processes cannot be asked,
once they are a day old). A live run's files are never touched.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterable, Optional, Set

from drafter.display import text
from drafter.errors import DrafterError, OutputError


def write_atomic(path: Path, fill: Callable[[Path], None], source: Path | None = None,
                 mode: Optional[int] = None) -> None:
    """Call ``fill(tmp)`` to write a temporary file beside ``path``, then rename it over ``path``.

    A failure leaves neither a partial file nor a changed target. ``source`` is the input file:
    drafter never overwrites its own input. ``mode`` defaults to an ordinary file's (umask).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    refuse_inputs(path, [source] if source is not None else [])
    check_target(path)
    if not folder.is_dir():
        raise OutputError(f"输出文件夹不存在：{text(folder)}", hint="请先创建该文件夹，或用 -o 指定已有的文件夹。")
    sweep_partials(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=partial_prefix(path.name), suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"无法在 {text(folder)} 中写入文件（{e.strerror}）", hint="请检查该文件夹的写入权限。") from e
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        fill(tmp_path)
        os.chmod(tmp_path, 0o666 & ~_umask() if mode is None else mode)   # mkstemp makes 0600
        os.replace(tmp_path, path)
    except OSError as e:
        raise OutputError(f"无法写入 {text(path)}（{e.strerror}）", hint="请检查文件是否被 Word/WPS 打开，或文件夹是否可写。") from e
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def lstat_or_none(path: Path) -> Optional[os.stat_result]:
    """The target's own status (a symlink is not followed), None when nothing is there."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            raise OutputError(f"文件名过长：{text(path)}", hint="文件名不能超过 255 个字节（约 85 个汉字），请改短一些。") from None
        if e.errno == errno.ENOTDIR:
            raise OutputError(f"输出路径中有一段不是文件夹：{text(path)}", hint="请检查 -o 后的路径。") from None
        raise OutputError(f"无法访问 {text(path)}（{e.strerror}）", hint="请检查路径和权限。") from None


def check_target(path: Path) -> None:
    """Refuse an existing target that is not a regular file (see the module docstring)."""
    st = lstat_or_none(path)
    if st is None or stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"输出路径是一个文件夹：{text(path)}", hint="请在 -o 后写出文件名。")
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(f"输出路径是一个符号链接：{text(path)}",
                          hint=f"drafter 不经符号链接写文件；请在 -o 后写出实际文件的路径（{text(os.path.realpath(path))}），"
                               "或先删去这个链接。")
    raise OutputError(f"输出路径已有一个特殊文件（设备、管道或套接字），不是普通文件：{text(path)}",
                      hint="drafter 只写普通文件；请用 -o 另选一个文件名。")


def refuse_inputs(path: Path, inputs: Iterable[Path], what: str = "输入文件") -> None:
    """drafter never writes over one of its inputs (the questionnaire, the Word template)."""
    for source in inputs:
        try:
            same = os.path.exists(path) and os.path.exists(source) and os.path.samefile(path, source)
        except OSError:
            same = False
        if same:
            raise OutputError(f"输出文件与{what}相同：{text(path)}", hint="请用 -o 指定另一个输出文件。")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str, source: Path | None = None) -> None:
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), source)


# --- what a killed run left behind ---------------------------------------------------------------

STALE_AFTER_S = 24 * 3600          # a file of another machine's run, or where pids cannot be asked
NAME_MAX = 255
_PARTIAL = re.compile(r"\.drafter-([0-9a-f]{4})-(\d+)-[A-Za-z0-9_]+\.tmp$")
_TEMP_DIR = re.compile(r"^drafter-[a-z]+-([0-9a-f]{4})-(\d+)-")
# What drafter wrote before its partial files carried a process id.
_OLD_PARTIAL = re.compile(r"^\..+\.(docx|pdf|txt|md|yaml|yml)\.[a-z0-9_]{8}\.tmp$")
_SWEPT: Set[str] = set()
_SWEEP_LOCK = threading.Lock()


def _host() -> str:
    # os.uname's node name is gethostname's; the socket module (3 ms of start-up) only where there is no uname
    if hasattr(os, "uname"):
        name = os.uname().nodename
    else:
        import socket
        name = socket.gethostname()
    return hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:4]


def partial_prefix(name: str) -> str:
    """The start of the temporary file's name for output ``name``: the name itself when the whole
    stays within the 255-byte limit, else a digest of it."""
    tail = f".drafter-{_host()}-{os.getpid()}-"
    prefix = f".{name}{tail}"
    if len(os.fsencode(prefix)) + 8 + len(".tmp") > NAME_MAX:
        prefix = f".{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}{tail}"
    return prefix


def is_partial_of(file_name: str, name: str) -> bool:
    """Whether ``file_name`` is a temporary file of output ``name`` (any process)."""
    if not _PARTIAL.search(file_name):
        return False
    head = file_name[:_PARTIAL.search(file_name).start()]
    return head in (f".{name}", f".{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}")


def remove_partials(folder: Path, names: Iterable[str]) -> None:
    """Remove the temporary files of the outputs ``names`` in ``folder`` that this process or a
    process now gone (a stopped worker) was writing: what an interrupted batch leaves."""
    wanted = set(names)
    try:
        entries = [f for f in os.scandir(folder) if f.name.endswith(".tmp")]
    except OSError:
        return
    for f in entries:
        m = _PARTIAL.search(f.name)
        if m is None or not any(is_partial_of(f.name, n) for n in wanted):
            continue
        if int(m.group(2)) == os.getpid() or _stale(f, m.group(1), int(m.group(2))):
            _unlink(Path(f.path))


def sweep_partials(folder: Path) -> None:
    """Once per process and folder: remove the temporary files a killed drafter left there."""
    key = os.path.realpath(folder)
    with _SWEEP_LOCK:
        if key in _SWEPT:
            return
        _SWEPT.add(key)
    try:
        entries = [f for f in os.scandir(folder) if f.name.startswith(".") and f.name.endswith(".tmp")]
    except OSError:
        return
    for f in entries:
        m = _PARTIAL.search(f.name)
        if m is not None and _stale(f, m.group(1), int(m.group(2))):
            _unlink(Path(f.path))
        elif m is None and _OLD_PARTIAL.match(f.name) and _older_than(f, STALE_AFTER_S):
            _unlink(Path(f.path))


def private_temp(kind: str) -> "tempfile.TemporaryDirectory[str]":
    """A private temporary folder (``drafter-<kind>-<host>-<pid>-…``), removed when its ``with``
    ends; the first one of a process also removes those a killed run left in the temp folder."""
    sweep_temp()
    return tempfile.TemporaryDirectory(prefix=temp_prefix(kind))


def temp_prefix(kind: str) -> str:
    return f"drafter-{kind}-{_host()}-{os.getpid()}-"


def sweep_temp() -> None:
    """Once per process: remove this user's drafter temporary folders whose process is gone."""
    folder = tempfile.gettempdir()
    with _SWEEP_LOCK:
        if "temp:" + folder in _SWEPT:
            return
        _SWEPT.add("temp:" + folder)
    try:
        entries = [f for f in os.scandir(folder) if f.name.startswith("drafter-")]
    except OSError:
        return
    uid = getattr(os, "getuid", lambda: None)()
    for f in entries:
        m = _TEMP_DIR.match(f.name)
        try:
            st = f.stat(follow_symlinks=False)
        except OSError:
            continue
        if m is None or not stat.S_ISDIR(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        if _stale(f, m.group(1), int(m.group(2))):
            shutil.rmtree(f.path, ignore_errors=True)


def _stale(entry: "os.DirEntry[str]", host: str, pid: int) -> bool:
    if host != _host() or os.name == "nt":   # os.kill(pid, 0) ends the process on Windows
        return _older_than(entry, STALE_AFTER_S)
    return pid != os.getpid() and not _alive(pid)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` is running (a zombie, killed but not yet reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # another user's: alive
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        return True


def _older_than(entry: "os.DirEntry[str]", seconds: float) -> bool:
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > seconds
    except OSError:
        return False


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def output_folder(out_dir: Path) -> Path:
    """``out_dir``, made if missing; refused when it is a file or cannot be made."""
    if out_dir.exists() and not out_dir.is_dir():
        raise DrafterError(f"输出路径不是文件夹：{text(out_dir)}", hint="生成多份文稿时，-o 后应写一个文件夹。")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DrafterError(f"无法创建输出文件夹：{text(out_dir)}（{e.strerror}）", hint="请检查路径和写入权限。") from None
    return out_dir

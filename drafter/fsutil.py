"""Writing output safely: a temporary file in the target folder, renamed into place on success.

The output is a regular file or nothing. An existing target that is a device, a FIFO, a socket
or a folder is refused (``-o /dev/null`` run as root would otherwise turn the device into a
file), and so is a symlink: renaming over it would replace the link, not the file it points to,
so drafter asks for the real path instead of guessing which of the two the user meant.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional

from drafter.errors import OutputError


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
        raise OutputError(f"输出文件夹不存在：{folder}", hint="请先创建该文件夹，或用 -o 指定已有的文件夹。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"无法在 {folder} 中写入文件（{e.strerror}）", hint="请检查该文件夹的写入权限。") from e
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        fill(tmp_path)
        os.chmod(tmp_path, 0o666 & ~_umask() if mode is None else mode)   # mkstemp makes 0600
        os.replace(tmp_path, path)
    except OSError as e:
        raise OutputError(f"无法写入 {path}（{e.strerror}）", hint="请检查文件是否被 Word/WPS 打开，或文件夹是否可写。") from e
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
            raise OutputError(f"文件名过长：{path}", hint="文件名不能超过 255 个字节（约 85 个汉字），请改短一些。") from None
        if e.errno == errno.ENOTDIR:
            raise OutputError(f"输出路径中有一段不是文件夹：{path}", hint="请检查 -o 后的路径。") from None
        raise OutputError(f"无法访问 {path}（{e.strerror}）", hint="请检查路径和权限。") from None


def check_target(path: Path) -> None:
    """Refuse an existing target that is not a regular file (see the module docstring)."""
    st = lstat_or_none(path)
    if st is None or stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"输出路径是一个文件夹：{path}", hint="请在 -o 后写出文件名。")
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(f"输出路径是一个符号链接：{path}",
                          hint=f"drafter 不经符号链接写文件；请在 -o 后写出实际文件的路径（{os.path.realpath(path)}），"
                               "或先删去这个链接。")
    raise OutputError(f"输出路径已有一个特殊文件（设备、管道或套接字），不是普通文件：{path}",
                      hint="drafter 只写普通文件；请用 -o 另选一个文件名。")


def refuse_inputs(path: Path, inputs: Iterable[Path], what: str = "输入文件") -> None:
    """drafter never writes over one of its inputs (the questionnaire, the Word template)."""
    for source in inputs:
        try:
            same = os.path.exists(path) and os.path.exists(source) and os.path.samefile(path, source)
        except OSError:
            same = False
        if same:
            raise OutputError(f"输出文件与{what}相同：{path}", hint="请用 -o 指定另一个输出文件。")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str, source: Path | None = None) -> None:
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), source)

"""Writing output safely: a temporary file in the target folder, renamed into place on success."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from drafter.errors import OutputError


def write_atomic(path: Path, fill: Callable[[Path], None], source: Path | None = None) -> None:
    """Call ``fill(tmp)`` to write a temporary file beside ``path``, then rename it over ``path``.

    A failure leaves neither a partial file nor a changed target. ``source`` is the input file:
    drafter never overwrites its own input.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if source is not None and path.exists() and os.path.samefile(path, source):
        raise OutputError(f"输出文件与输入文件相同：{path}", hint="请用 -o 指定另一个输出文件。")
    if not folder.is_dir():
        raise OutputError(f"输出文件夹不存在：{folder}", hint="请先创建该文件夹，或用 -o 指定已有的文件夹。")
    if path.is_dir():
        raise OutputError(f"输出路径是一个文件夹：{path}", hint="请在 -o 后写出文件名。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"无法在 {folder} 中写入文件（{e.strerror}）", hint="请检查该文件夹的写入权限。") from e
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        fill(tmp_path)
        os.chmod(tmp_path, 0o666 & ~_umask())   # mkstemp makes 0600; an output file is an ordinary file
        os.replace(tmp_path, path)
    except OSError as e:
        raise OutputError(f"无法写入 {path}（{e.strerror}）", hint="请检查文件是否被 Word/WPS 打开，或文件夹是否可写。") from e
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str, source: Path | None = None) -> None:
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), source)

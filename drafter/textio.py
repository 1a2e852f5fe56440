"""Reading text files as Chinese offices save them: UTF-8 (with or without BOM), UTF-16, GB18030."""
from __future__ import annotations

from pathlib import Path

from drafter.errors import InputUnreadable, Location


def read_text(path: Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputUnreadable("文件不存在", Location(path), hint="请检查文件名和路径。") from None
    except IsADirectoryError:
        raise InputUnreadable("这是一个文件夹，不是文件", Location(path)) from None
    except OSError as e:
        raise InputUnreadable(f"无法读取文件（{e.strerror}）", Location(path)) from None
    return decode_text(data, path)


def decode_text(data: bytes, path: Path | None = None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputUnreadable(
            "无法识别文件编码", Location(path),
            hint="请将文件另存为 UTF-8 或 GBK（GB18030）编码的文本。") from None

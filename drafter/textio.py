"""Reading text files as Chinese offices save them.

Windows Notepad and WPS save UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's
"Unicode" and "Unicode big endian") and GBK/GB18030 ("ANSI" on a Chinese Windows). The order:

1. a BOM decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
2. no BOM: strict UTF-8;
3. GB18030, but only if the result is plausible Chinese text, because GB18030 maps nearly any
   byte string to *some* characters: at least 95% of the characters must be ASCII printable,
   common whitespace, GB2312 characters (the 6,763 hanzi and the punctuation of everyday
   simplified Chinese) or general punctuation. Big5, Shift-JIS and binary files fall far below.

Text that fails all of these raises InputUnreadable. Control characters (other than tab, line
feed, form feed and carriage return) in more than 1% of the characters mark a binary file in
any encoding.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Optional

from drafter.errors import InputUnreadable, Location

PLAUSIBLE_SHARE = 0.95       # of characters that must look like Chinese or ASCII text
CONTROL_SHARE = 0.01         # of characters that may be control characters
# Unicode's Cc (C0, DEL, C1) but tab, newline, carriage return and form feed: one pass in C
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SAMPLE_CHARS = 20000        # the plausibility test reads at most this many characters

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HINT = "请在记事本或 WPS 中将文件另存为 UTF-8 编码的文本。"


MAX_BYTES = 20_000_000      # a long speech is a few hundred KB; anything near this is the wrong file


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a regular file of at most ``max_bytes``. A device (/dev/zero), a FIFO or a
    socket is refused without reading, and no more than the limit is ever read."""
    return decode_text(read_bytes(path, max_bytes), path)


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    path = Path(path)
    with open_regular(path, max_bytes) as f:
        try:
            data = f.read(max_bytes + 1)   # the size may grow while it is read
        except OSError as e:
            raise InputUnreadable(f"无法读取文件（{e.strerror}）", Location(path)) from None
    if len(data) > max_bytes:
        raise _too_big(path, max_bytes)
    return data


def open_regular(path: Path, max_bytes: int, what: str = "文件", hint: str = "请给出保存在磁盘上的文件。"):
    """``path`` opened for reading (binary) if it is a regular file of at most ``max_bytes``.

    A folder, a device (/dev/zero), a FIFO or a socket is refused without reading; a symlink to
    a regular file is read like the file. A FIFO is opened non-blocking, so it cannot hang us."""
    where = Location(Path(path))
    what = (" " if what[:1].isascii() else "") + what   # 不是 Word 文稿文件, 不是文件
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputUnreadable("文件不存在", where, hint="请检查文件名和路径。") from None
    except IsADirectoryError:
        raise InputUnreadable(f"这是一个文件夹，不是{what}", where, hint=hint) from None
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            raise InputUnreadable("文件名过长", where, hint="文件名不能超过 255 个字节（约 85 个汉字），请改短一些。") from None
        raise InputUnreadable(f"无法读取{what}（{e.strerror}）", where, hint="请检查文件名和权限。") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputUnreadable(f"这是一个文件夹，不是{what}", where, hint=hint)
        raise InputUnreadable("这不是普通文件（是设备、管道或套接字），drafter 不读取它", where, hint=hint)
    if st.st_size > max_bytes:
        os.close(fd)
        raise _too_big(Path(path), max_bytes)
    return os.fdopen(fd, "rb")


def _too_big(path: Path, max_bytes: int) -> InputUnreadable:
    return InputUnreadable(f"文件过大（超过 {_size_text(max_bytes)}）", Location(path), hint="请检查是否选错了文件。")


def _size_text(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def decode_text(data: bytes, path: Optional[Path] = None) -> str:
    """The text of a file's bytes, in whichever of the encodings above fits."""
    where = Location(Path(path)) if path is not None else None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(enc), enc, where)
            except UnicodeDecodeError as e:
                raise InputUnreadable(f"文件以 {enc.upper()} 标记开头，但第 {e.start + len(bom) + 1} "
                                      "字节起的内容不是该编码", where, hint=_HINT) from None
    if b"\x00" in data:   # text in UTF-8 or GB18030 has no NUL bytes; UTF-16 has them for ASCII
        text = _utf16_without_bom(data)
        if text is not None:
            return _checked(text, "UTF-16", where)
    try:
        return _checked(data.decode("utf-8"), "UTF-8", where)
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible(text):
        return _checked(text, "GB18030", where)
    text = _utf16_without_bom(data)
    if text is not None:
        return _checked(text, "UTF-16", where)
    raise InputUnreadable(
        "无法识别文件编码：既不是 UTF-8、UTF-16，也不像 GBK/GB18030 编码的中文文本"
        f"（按 UTF-8 读取时第 {utf8_error.start + 1} 字节出错）", where, hint=_HINT)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """Notepad's "Unicode" saved by another program without its BOM, if it reads as plausible text."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    return None


def _checked(text: str, enc: str, where: Optional[Location]) -> str:
    sample = text[:_SAMPLE_CHARS]
    controls = len(_CONTROLS.findall(sample))
    if sample and controls > CONTROL_SHARE * len(sample):
        raise InputUnreadable(f"这不像文本文件：按 {enc} 读取后含有大量控制字符", where,
                              hint="请确认文件类型；Word 文档请用 .docx 文件。")
    return text


@lru_cache(maxsize=8192)
def _common(ch: str) -> bool:
    if ch.isascii():
        return ch.isprintable() or ch in "\t\n\r\x0c"
    if "\u2000" <= ch <= "\u206f" or ch in "\u3000\ufeff":
        return True
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _plausible(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return True
    good = sum(1 for ch in sample if _common(ch))
    return good >= PLAUSIBLE_SHARE * len(sample)

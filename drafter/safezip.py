""".docx packages checked before python-docx inflates them.

python-docx reads each part whole with ``ZipFile.read``, which inflates a member's compressed
bytes in one call, whatever size the zip's directory claims: a 1 MB file can become gigabytes in
memory before any check. So the package is measured here first, part by part, by inflating each
member's compressed bytes in small steps and counting (the directory's sizes are not trusted).
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from drafter import display
from drafter.errors import InputUnreadable, Location
from drafter.textio import open_regular

MAX_FILE_BYTES = 200_000_000     # the .docx file itself; a long speech with pictures is a few MB
MAX_PART_BYTES = 50_000_000      # one part inflated; document.xml of a 20,000-paragraph file is ~10 MB
MAX_TOTAL_BYTES = 200_000_000    # all parts inflated
MAX_MEMBERS = 5_000
MAX_RATIO = 300                  # inflated / compressed, for parts over RATIO_FROM_BYTES; XML is ~10–30
RATIO_FROM_BYTES = 1_000_000
_STEP = 1 << 16
_LOCAL_HEADER = struct.Struct("<4s22xHH")


def check_docx_package(path: Path, what: str = "Word 文稿") -> None:
    """Refuse (InputUnreadable) a .docx that is not a regular file, not a zip, or a zip bomb."""
    path = Path(path)
    where = Location(path)
    hint = "请给出 Word 保存的 .docx 文件（不支持 .doc 与 .wps）。"
    with open_regular(path, MAX_FILE_BYTES, what=f"{what}文件", hint=hint) as f:
        _not_a_zip(f, where, what)
        try:
            _measure(f, where, what)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, struct.error, ValueError):
            raise InputUnreadable(f"{what}不是有效的 .docx 文件，可能已损坏或是改了扩展名的其他文件",
                                  where, hint=hint) from None
        except OSError as e:
            raise InputUnreadable(f"无法读取{what}（{e.strerror}）", where, hint=hint) from None


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # old Word files, and Word's encrypted .docx


def _not_a_zip(f, where: Location, what: str) -> None:
    """Name the usual non-zips plainly: an empty file, a password-protected .docx (Word keeps it in
    an OLE file), an old .doc renamed."""
    head = f.read(len(OLE_MAGIC))
    if not head:
        raise InputUnreadable(f"{what}是空文件", where, hint="请确认选对了文件。")
    if head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in f.read(MAX_PART_BYTES):
            raise InputUnreadable(f"{what}设置了打开密码（已加密），无法读取", where,
                                  hint="请在 Word 或 WPS 中打开它，删除密码后另存为 .docx 再试。")
        raise InputUnreadable(f"{what}是旧版 Word（.doc）或 WPS 文件，只是扩展名写成了 .docx", where,
                              hint="请在 Word 或 WPS 中打开它，另存为“Word 文档（*.docx）”后再试。")
    f.seek(0)


def _measure(f, where: Location, what: str) -> None:
    bomb_hint = "这个文件解压后异常庞大（可能是“压缩炸弹”），drafter 不读取它；请用 Word 重新保存后再试。"
    with zipfile.ZipFile(f) as z:
        members = z.infolist()
        if len(members) > MAX_MEMBERS:
            raise InputUnreadable(f"{what}中的部件过多（{len(members)} 个，上限 {MAX_MEMBERS}）", where, hint=bomb_hint)
        total = 0
        for info in members:
            if info.flag_bits & 0x1:
                raise InputUnreadable(f"{what}已加密，无法读取", where, hint="请在 Word 中取消密码保护后另存。")
            size = _inflated_size(f, info, MAX_PART_BYTES)
            if size > MAX_PART_BYTES:
                raise InputUnreadable(f"{what}中的部件“{display.text(info.filename)}”解压后超过 {MAX_PART_BYTES // 1_000_000} MB",
                                      where, hint=bomb_hint)
            if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
                raise InputUnreadable(f"{what}中的部件“{display.text(info.filename)}”压缩比异常（超过 {MAX_RATIO} 倍）",
                                      where, hint=bomb_hint)
            total += size
            if total > MAX_TOTAL_BYTES:
                raise InputUnreadable(f"{what}解压后超过 {MAX_TOTAL_BYTES // 1_000_000} MB", where, hint=bomb_hint)


def _inflated_size(f, info: zipfile.ZipInfo, limit: int) -> int:
    """Bytes the member's compressed data inflates to (what zipfile would produce), counted up to
    just past ``limit``."""
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise zipfile.BadZipFile(f"部件 {info.filename} 使用了 Word 不用的压缩方式")
    f.seek(info.header_offset)
    magic, name_len, extra_len = _LOCAL_HEADER.unpack(f.read(_LOCAL_HEADER.size))
    if magic != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"部件 {info.filename} 的文件头有误")
    f.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    left, size = info.compress_size, 0
    while left > 0 and not inflater.eof:
        chunk = f.read(min(left, _STEP))
        if not chunk:
            raise EOFError(f"部件 {info.filename} 被截断")
        left -= len(chunk)
        while chunk:
            size += len(inflater.decompress(chunk, _STEP))
            if size > limit:
                return size
            chunk = inflater.unconsumed_tail
    return size + len(inflater.flush())

"""Old binary Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice, then read as one.

The one place drafter hands a received legacy file to LibreOffice (``convert_legacy``); every
command reads such a file through drafter.read.reader.legacy_draft, which calls it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from drafter.errors import InputUnreadable, Location

LEGACY_TIMEOUT_S = 120


def convert_legacy(path: Path, outdir: Path) -> Path:
    """A .doc/.wps converted to .docx in ``outdir`` by LibreOffice, when it is installed: a received
    file, so only where LibreOffice can be cut off from the network (drafter.soffice)."""
    from drafter import soffice
    if soffice.find_soffice() is None:
        raise InputUnreadable(f"不能直接读取{path.suffix}文件，本机也没有可用来转换的 LibreOffice", Location(path),
                              hint="请在 Word 或 WPS 中打开该文件，“另存为”Word 文档（.docx）后再排版。")
    src = outdir / ("source" + path.suffix.lower())
    shutil.copyfile(path, src)   # a name LibreOffice cannot misread, in a folder of our own
    try:
        soffice.run(["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(src)],
                    LEGACY_TIMEOUT_S, untrusted=True, source=path)
    except soffice.TimedOut:
        raise InputUnreadable(f"LibreOffice 转换超时（超过 {LEGACY_TIMEOUT_S} 秒）", Location(path),
                              hint="请在 Word 或 WPS 中另存为 .docx 后再排版。") from None
    made = outdir / "source.docx"
    if not made.is_file() or made.stat().st_size == 0:
        raise InputUnreadable(f"LibreOffice 无法转换这个{path.suffix}文件，它可能已损坏或加了密码", Location(path),
                              hint="请在 Word 或 WPS 中打开后另存为 .docx 再排版。")
    return made

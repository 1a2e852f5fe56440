"""Old binary Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice, then read as one.

The one place drafter hands a received legacy file to LibreOffice (``convert_legacy``); every
command reads such a file through drafter.read.reader.legacy_draft, which calls it.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import InputUnreadable, Location, ToolMissing

LEGACY_TIMEOUT_S = 120


def convert_legacy(path: Path, outdir: Path) -> Path:
    """A .doc/.wps converted to .docx in ``outdir`` by LibreOffice, when it is installed."""
    from drafter.fonts import fontconfig_env
    from drafter.write.pdf import find_soffice
    soffice = find_soffice()
    if soffice is None:
        raise InputUnreadable(f"不能直接读取{path.suffix}文件，本机也没有可用来转换的 LibreOffice", Location(path),
                              hint="请在 Word 或 WPS 中打开该文件，“另存为”Word 文档（.docx）后再排版。")
    src = outdir / ("source" + path.suffix.lower())
    shutil.copyfile(path, src)   # a name LibreOffice cannot misread, in a folder of our own
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile_dir:
        cmd = [soffice, f"-env:UserInstallation={Path(profile_dir).as_uri()}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(src)]
        env = fontconfig_env()
        env.setdefault("HOME", profile_dir)
        try:
            subprocess.run(cmd, capture_output=True, env=env, timeout=LEGACY_TIMEOUT_S, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise InputUnreadable(f"LibreOffice 转换超时（超过 {LEGACY_TIMEOUT_S} 秒）", Location(path),
                                  hint="请在 Word 或 WPS 中另存为 .docx 后再排版。") from None
        except OSError as e:
            raise ToolMissing(f"无法启动 LibreOffice（{e.strerror}）：{soffice}",
                              hint="请在 Word 或 WPS 中另存为 .docx 后再排版。") from None
    made = outdir / "source.docx"
    if not made.is_file() or made.stat().st_size == 0:
        raise InputUnreadable(f"LibreOffice 无法转换这个{path.suffix}文件，它可能已损坏或加了密码", Location(path),
                              hint="请在 Word 或 WPS 中打开后另存为 .docx 再排版。")
    return made

"""PDF through headless LibreOffice, with a private profile and drafter's font aliases.

LibreOffice without ``-env:UserInstallation`` writes a profile into the home folder and refuses
to run beside an open LibreOffice window; a private temporary profile avoids both.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence

from drafter.errors import OutputError, ToolMissing
from drafter.fonts import fontconfig_env
from drafter.fsutil import write_atomic

TIMEOUT_S = 300
_CANDIDATES = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
INSTALL_HINT = ("请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui，"
                "或以 root 运行 scripts/install-system-deps.sh；Windows/macOS：从 LibreOffice 官网安装），"
                "或先生成 .docx，再用 Word/WPS 另存为 PDF。")


def find_soffice() -> Optional[str]:
    """The LibreOffice program, or None. DRAFTER_SOFFICE overrides the search."""
    override = os.environ.get("DRAFTER_SOFFICE")
    if override:
        return override if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in _CANDIDATES:
        for path in sorted(glob.glob(pattern)):
            if Path(path).is_file():
                return path
    return None


def convert_to_pdf(docx: Path, pdf: Path) -> None:
    """Convert one .docx to ``pdf``; the PDF appears whole or not at all."""
    docx, pdf = Path(docx), Path(pdf)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as out:
        made = convert_many([docx], Path(out))[0]
        write_atomic(pdf, lambda tmp: shutil.copyfile(made, tmp), source=docx)


def convert_many(docxs: Sequence[Path], outdir: Path) -> List[Path]:
    """Convert several .docx files in one LibreOffice start (about 1.3 s a file, less together).
    Returns the PDF paths in ``outdir``, in the order given."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissing("未找到 LibreOffice，无法生成 PDF", hint=INSTALL_HINT)
    docxs = [Path(d).resolve() for d in docxs]
    stems = [d.stem for d in docxs]
    if len(set(stems)) != len(stems):
        raise ValueError("convert_many: two inputs share a file name; their PDFs would collide")
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile_dir:
        cmd = [soffice, f"-env:UserInstallation={Path(profile_dir).as_uri()}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir),
               *map(str, docxs)]
        env = fontconfig_env()
        env.setdefault("HOME", profile_dir)   # some builds still touch ~/.config
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=TIMEOUT_S,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice 转换超时（超过 {TIMEOUT_S} 秒）",
                              hint="请关闭其他 LibreOffice 进程后重试。") from None
        except OSError as e:
            raise ToolMissing(f"无法启动 LibreOffice（{e.strerror}）：{soffice}", hint=INSTALL_HINT) from None
    pdfs = [outdir / f"{s}.pdf" for s in stems]
    missing = [p for p in pdfs if not p.is_file()]
    if missing:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"退出码 {done.returncode}"]
        raise OutputError(f"LibreOffice 未能生成 PDF：{missing[0].name}（{detail[0]}）",
                          hint="请确认 .docx 能用 Word/WPS 打开；或先用 LibreOffice 手动打开一次。")
    return pdfs

"""The one folder ``drafter mcp`` reads and writes: every path an assistant names is resolved,
symlinks and ``..`` included, and refused unless it lies inside.

A path is checked when it is used, just before the file is opened; a file swapped for a link by
someone else in between is outside what this guards (the assistant is not such a someone).
Writing keeps the CLI's own guards (drafter.fsutil, drafter.overwrite): no symlink, device or
folder is written over, and a file drafter did not make is replaced only with ``force``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Tuple

from drafter.errors import DrafterError, InputUnreadable, Location

MAX_LISTED = 500            # files list_files shows; a workspace is a folder of drafts
MAX_VISITED = 20_000        # names looked at, so that a workspace set to a whole disk answers soon
_LISTED_SUFFIXES = (".yaml", ".yml", ".docx", ".txt", ".md", ".pdf", ".doc", ".wps")


class OutsideWorkspace(DrafterError):
    """A path that leads out of the workspace."""


class Workspace:
    def __init__(self, root: Path):
        root = Path(root)
        if not root.is_dir():
            raise InputUnreadable(f"工作文件夹不存在：{root}", hint="请先建好这个文件夹，或在 --workspace 后写出已有的文件夹。")
        self.root = Path(os.path.realpath(root))

    def _inside(self, real: str) -> bool:
        return real == str(self.root) or real.startswith(str(self.root) + os.sep)

    def _candidate(self, name: Any, what: str) -> Path:
        if not isinstance(name, str) or not name.strip():
            raise DrafterError(f"请写出{what}的文件名", hint="写相对于工作文件夹的路径，例如“讲话.docx”或“旧稿/去年讲话.docx”。")
        if "\x00" in name:
            raise DrafterError(f"{what}的文件名中有空字符", hint="请去掉文件名中的控制字符。")
        p = Path(name.strip())
        return p if p.is_absolute() else self.root / p

    def _refuse(self, name: str) -> OutsideWorkspace:
        return OutsideWorkspace(f"“{name[:80]}”不在工作文件夹内",
                                hint=f"drafter 只读写工作文件夹 {self.root} 里的文件（符号链接按其实际指向判断）；"
                                     "请写相对于该文件夹的路径，例如“讲话.docx”。")

    def source(self, name: Any, what: str = "文件") -> Path:
        """An existing file to read: its real path, which must be inside."""
        real = os.path.realpath(self._candidate(name, what))
        if not self._inside(real):
            raise self._refuse(name)
        if not os.path.exists(real):
            raise InputUnreadable("文件不存在", Location(Path(self.show(Path(real)))),
                                  hint="请检查文件名；可用 list_files 查看工作文件夹里的文件。")
        return Path(real)

    def target(self, name: Any, what: str = "输出文件") -> Path:
        """A file to write: its folder resolved (and inside), its own name kept, so that the CLI's
        guards see a symlink there and refuse it instead of writing where it points."""
        candidate = self._candidate(name, what)
        if candidate.name in ("", ".", ".."):
            raise DrafterError(f"请写出{what}的文件名，而不是文件夹", hint="例如“讲话.docx”。")
        folder = os.path.realpath(candidate.parent)
        if not self._inside(folder):
            raise self._refuse(name)
        path = Path(folder) / candidate.name
        if os.path.islink(path) and not self._inside(os.path.realpath(path)):
            raise self._refuse(name)
        if not os.path.isdir(folder):
            raise DrafterError(f"文件夹不存在：{self.show(Path(folder))}", hint="请先建好这个文件夹，或把文件写在工作文件夹里。")
        return path

    def show(self, path: Path) -> str:
        """``path`` as the assistant names it: relative to the workspace, with “/”."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def files(self) -> Tuple[List[Dict[str, Any]], bool]:
        """Drafts and questionnaires in the workspace (hidden folders and links to folders skipped),
        and whether that is all of them."""
        out: List[Dict[str, Any]] = []
        visited = 0
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            visited += len(dirs) + len(names)
            if visited > MAX_VISITED:
                return out, False
            for n in sorted(names):
                p = Path(folder) / n
                if n.startswith(".") or p.suffix.lower() not in _LISTED_SUFFIXES:
                    continue
                try:
                    st = p.stat()
                except OSError:
                    continue
                if not self._inside(os.path.realpath(p)):
                    continue
                out.append({"path": self.show(p), "bytes": st.st_size})
                if len(out) >= MAX_LISTED:
                    return out, False
        return out, True

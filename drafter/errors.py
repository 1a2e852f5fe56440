"""One error tree for everything a user can get wrong; only the CLI turns it into output."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class Location:
    path: Optional[Path] = None
    line: Optional[int] = None
    column: Optional[int] = None

    def __str__(self) -> str:
        from drafter.display import text
        parts = [text(self.path) if self.path else "<输入>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class DrafterError(Exception):
    """A problem the user can act on. Carries where it happened and what to do."""

    exit_code = 1

    def __init__(self, message: str, where: Optional[Location] = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def format_message(self) -> str:
        head = f"{self.where}: {self.message}" if self.where else self.message
        return f"{head}\n  提示：{self.hint}" if self.hint else head


class InputUnreadable(DrafterError):
    """The input could not be read at all (missing file, unknown encoding, broken zip)."""

    exit_code = 2


class OutlineError(DrafterError, ValueError):
    """An outline schema file breaks the schema format."""


class AnswerError(DrafterError, ValueError):
    """A questionnaire does not fit its outline."""


class TemplateError(DrafterError):
    """A template failed to compile or render."""


class ProfileError(DrafterError, ValueError):
    """A format profile is malformed."""


class OutputError(DrafterError, OSError):
    """The output could not be written."""


class ToolMissing(DrafterError):
    """An outside program (LibreOffice) is needed and absent."""


class TrackedChanges(DrafterError):
    """A draft holds tracked changes nobody has accepted or rejected: drafter does not decide for
    the clerk which of them stand."""

    exit_code = 2

    def __init__(self, count: int, where: Optional[Location], hint: str):
        super().__init__(f"文稿中有 {count} 处修订（Word 或 WPS 的“修订”标记）尚未接受或拒绝", where, hint)
        self.count = count


ACCEPT_IN_WORD = "请先在 Word 或 WPS 中逐条审阅（“审阅”→“接受”或“拒绝”），保存后再试"

"""How a run ends when it does not end normally: an unexpected error is written to a log file and
reported in one line, and SIGINT/SIGTERM stop the run through every ``finally`` (so partial files
are removed) with one line saying what was left.

Shared by the command line (drafter.cli) and the workbench (drafter.serve.server); it imports
neither, and nothing heavy: every command pays for what this module imports.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Dict

from drafter import __version__


def log_internal_error() -> Path:
    """Write the exception being handled, with drafter's version and argv, to a new log file."""
    # Imported here: only a crash needs them.
    import datetime as _dt
    import tempfile
    import traceback
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    fd, name = tempfile.mkstemp(prefix=f"drafter-error-{stamp}-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"drafter {__version__}\nargv: {sys.argv!r}\n\n")
        traceback.print_exc(file=f)
    return Path(name)


def internal_error_message() -> str:
    """Log the exception being handled; the one line the user reads about it."""
    log = log_internal_error()
    return f"drafter 内部错误，未能完成。详细信息已记入：{log}（请将该文件发给维护人员）"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` removes its partial files."""


def _on_signal(signum, frame) -> None:
    import signal
    for sig in (signal.SIGINT, signal.SIGTERM):   # a second signal must not cut the clean-up short
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def report_interrupt(e: KeyboardInterrupt, echo: Callable[[str], None]) -> int:
    """One line after SIGINT or SIGTERM: what was written, and that nothing partial is left; the exit code."""
    from drafter.display import text
    written = getattr(e, "written", None)
    if written:
        echo(f"已中断：已生成 {len(written)} 份，保存在 {text(getattr(e, 'out_dir', ''))}；"
             "其余未生成，未留下不完整的文件。")
    else:
        echo("已中断：未生成文件，未留下不完整的文件。")
    return 143 if isinstance(e, Terminated) else 130


def catch_signals() -> Dict[int, object]:
    """SIGINT and SIGTERM raise in the main thread; returns the handlers to put back."""
    import signal
    import threading
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}


def restore_signals(previous: Dict[int, object]) -> None:
    """Put back the handlers ``catch_signals`` replaced (main() called in-process leaves no trace)."""
    import signal
    for sig, handler in previous.items():
        signal.signal(sig, handler)

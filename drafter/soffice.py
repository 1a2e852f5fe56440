"""Every LibreOffice run drafter starts: found, walled off from the network, and stopped here.

LibreOffice fetches what a document links to while it converts it: measured with LibreOffice 7.4,
a flat ODT named .doc had its remote image fetched, an HTML file named .doc its style sheet, during
a plain ``--convert-to docx``. A received "old speech" would learn when and where it was opened and
could reach the office's intranet. Two layers keep LibreOffice off the network:

1. **A network namespace** (``unshare --net``, inside a user namespace when drafter is not root):
   LibreOffice sees no interface but a loopback that is down, so no socket reaches anything, not
   127.0.0.1 and not the machine's own addresses. A pid namespace comes with it where the system
   allows: when the converter is stopped, everything it started dies with it, even a process that
   left its process group.
2. **LibreOffice's own settings** in the private profile: links of untrusted documents blocked,
   links never updated, macros off. Alone this layer does not hold (the HTML style sheet above is
   still fetched with it), so it is the second wall, not the guard.

A received file (``untrusted=True``: .doc, .wps, uploads) is converted only inside the namespace.
Where none can be made (Windows, macOS, a Linux that forbids user namespaces) drafter refuses and
says to save the file as .docx in Word or WPS; a warning would leave the office exposed. A PDF of
drafter's own .docx, which names no outside target (drafter writes none, and a unit template is
cleaned of them), is converted with the second wall alone there.

Each run has a private profile folder (its temp files live there too) removed when it ends, and
is stopped with its whole process group: on time-out, on interrupt, and at exit (``stop_all``,
which the workbench also calls when it shuts down). ``Converter`` is the one way to start
LibreOffice; a long-lived converter (the warm converter of the front door) is a Converter that is
kept, and talks to drafter through a pipe (``--accept=pipe,…``), which a network namespace leaves
alone.
"""
from __future__ import annotations

import atexit
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import List, Optional, Sequence, Set, Tuple

from drafter.errors import DrafterError, Location, ToolMissing

_CANDIDATES = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
INSTALL_HINT = ("请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui，"
                "或以 root 运行 scripts/install-system-deps.sh；Windows/macOS：从 LibreOffice 官网安装），"
                "或先生成 .docx，再用 Word/WPS 另存为 PDF。")
SAVE_AS_DOCX = "请在 Word 或 WPS 中打开该文件，“另存为”Word 文档（.docx）后再交给 drafter。"
# The flags every start shares: no window, no recovery dialog, no start centre, no lock files.
_FLAGS = ("--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck")

# The second wall, written into each private profile before LibreOffice first reads it.
# Writer's Update/Link 0 is "never" (1 on request, 2 always); Calc's 1 is "never".
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>1</value></prop></item>
</oor:items>
"""


class NoSandbox(DrafterError):
    """A received file would be converted with the network reachable: refused."""

    exit_code = 2


class TimedOut(Exception):
    """LibreOffice did not finish in time; it has been stopped (with everything it started)."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


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


def require_soffice(message: str = "未找到 LibreOffice，无法生成 PDF", hint: str = INSTALL_HINT) -> str:
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissing(message, hint=hint)
    return soffice


# --- the first wall ---------------------------------------------------------------------------

_PROBED: List[Optional[Tuple[str, ...]]] = []
_PROBE_LOCK = threading.Lock()


def sandbox_prefix() -> Optional[Tuple[str, ...]]:
    """The command that runs a program in a fresh network namespace (and pid namespace, where
    allowed), or None where this system cannot make one. Tried once per process."""
    with _PROBE_LOCK:
        if not _PROBED:
            _PROBED.append(_probe())
        return _PROBED[0]


def _probe() -> Optional[Tuple[str, ...]]:
    unshare, true = shutil.which("unshare"), shutil.which("true")
    if unshare is None or true is None or not hasattr(os, "killpg"):
        return None
    # --kill-child: if unshare dies, the namespace's first process (and so every other) dies too.
    pid = ("--pid", "--fork", "--kill-child")
    for user in (("--map-current-user",), ("--map-root-user",), ()):   # () works for root only
        for extra in (pid, ()):
            cmd = (unshare, *user, "--net", *extra)
            try:
                ok = subprocess.run([*cmd, true], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, timeout=10).returncode == 0
            except (OSError, subprocess.SubprocessError):
                ok = False
            if ok:
                return cmd
    return None


def no_sandbox_error(path: Optional[Path]) -> NoSandbox:
    return NoSandbox("为安全起见，drafter 不转换收到的旧版文件：本机无法让 LibreOffice 在断网的隔离环境中运行，"
                     "文件中链接的图片和对象可能被 LibreOffice 从网上读取",
                     Location(path) if path is not None else None,
                     hint=SAVE_AS_DOCX + "（在 Linux 上，drafter 需要 util-linux 的 unshare 和系统允许的用户命名空间。）")


# --- one run ----------------------------------------------------------------------------------

_RUNNING: Set["Converter"] = set()
_RUNNING_LOCK = threading.Lock()


class Converter:
    """One LibreOffice process: ``soffice <flags> *args`` in a private profile, walled off from the
    network, in a session of its own so that ``stop`` ends it with everything it started.

    ``untrusted``: the files come from outside drafter; without a network namespace the run is
    refused (NoSandbox, naming ``source``). Output (stdout and stderr together, as text) is
    ``self.proc.stdout``. Use as a context manager, or call ``stop`` (idempotent)."""

    def __init__(self, args: Sequence[str], *, untrusted: bool, source: Optional[Path] = None,
                 soffice: Optional[str] = None):
        soffice = soffice or require_soffice()
        prefix = sandbox_prefix()
        if prefix is None and untrusted:
            raise no_sandbox_error(source)
        self.sandboxed = prefix is not None
        from drafter.fsutil import sweep_temp, temp_prefix
        sweep_temp()   # profiles a killed run left behind
        self.profile = Path(tempfile.mkdtemp(prefix=temp_prefix("lo")))
        self._lock = threading.Lock()
        self._stopped = False
        try:
            user = self.profile / "user"
            user.mkdir()
            (user / "registrymodifications.xcu").write_text(_SETTINGS, encoding="utf-8")
            from drafter.fonts import fontconfig_env
            env = fontconfig_env()
            env.setdefault("HOME", str(self.profile))   # some builds still touch ~/.config
            # LibreOffice's own lu*.tmp files go in the folder removed by stop, even when it is killed.
            env["TMPDIR"] = env["TMP"] = env["TEMP"] = str(self.profile)
            cmd = [*(prefix or ()), soffice, f"-env:UserInstallation={self.profile.as_uri()}", *_FLAGS, *args]
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, env=env, text=True, errors="replace",
                                         start_new_session=hasattr(os, "killpg"))
        except OSError as e:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise ToolMissing(f"无法启动 LibreOffice（{e.strerror}）：{soffice}", hint=INSTALL_HINT) from None
        except BaseException:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        with _RUNNING_LOCK:
            if not _RUNNING:
                _register_exit()
            _RUNNING.add(self)

    def __enter__(self) -> "Converter":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def output(self, timeout: float) -> Tuple[int, str]:
        """Wait up to ``timeout`` seconds for LibreOffice to end: (exit code, what it printed).
        Raises TimedOut, after stopping it, when it is still running."""
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise TimedOut(timeout) from None
        return self.proc.returncode, out or ""

    def stop(self) -> None:
        """End LibreOffice and whatever it started, reap it and remove its profile folder. A
        conversion that is abandoned has nothing to save, so it is killed at once."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            try:
                _kill_group(self.proc)
            finally:
                shutil.rmtree(self.profile, ignore_errors=True)
                with _RUNNING_LOCK:
                    _RUNNING.discard(self)


def run(args: Sequence[str], timeout: float, *, untrusted: bool, source: Optional[Path] = None) -> Tuple[int, str]:
    """One LibreOffice run to its end: (exit code, output). TimedOut after ``timeout`` seconds."""
    with Converter(args, untrusted=untrusted, source=source) as conv:
        return conv.output(timeout)


def stop_all() -> None:
    """Stop every LibreOffice this process started that is still running (exit, workbench shutdown)."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for conv in running:
        conv.stop()


def _register_exit() -> None:
    if not _EXIT_HOOK:
        atexit.register(stop_all)
        _EXIT_HOOK.append(True)


_EXIT_HOOK: List[bool] = []


def _kill_group(proc: subprocess.Popen) -> None:
    if not hasattr(os, "killpg"):
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)   # the wrapper script, soffice.bin and their children
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()

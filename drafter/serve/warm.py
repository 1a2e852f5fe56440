"""One LibreOffice kept running while the workbench is open, so that a PDF download takes a
conversion (about 0.3 s) instead of a LibreOffice start (1–5 s).

LibreOffice is started through drafter.soffice, the one way drafter starts it: in a private
profile folder, walled off from the network, stopped with everything it started. It listens on a
UNO pipe with a random name, made with umask 077 so that only this user can connect to it, and
removed when it stops; nothing listens on a network port. A small client (uno_bridge.py) run by
the Python that has LibreOffice's UNO bridge (python3-uno) converts one file per request.

The converter is started in the background the first time the page asks what the workbench can
do (``/api/start``), not when ``drafter serve`` starts: the page answers at once, and a workbench
that is never opened starts no LibreOffice. A download that comes while it is starting waits for
it (one start, not two at once); when it cannot start or a conversion fails, the download takes
the ordinary path (one LibreOffice start, drafter.write.pdf), and the warm one is started again
for the next.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import uuid
from pathlib import Path
from typing import List, Optional

BRIDGE = Path(__file__).resolve().parent / "uno_bridge.py"
READY_S = 60            # LibreOffice's start and the bridge's connection, at the most
CONVERT_S = 60          # one conversion
_PIPE_FOLDERS = ("/tmp", "/var/tmp")     # where LibreOffice puts a pipe's socket on Unix


def uno_python(soffice: str) -> Optional[str]:
    """A Python that can ``import uno``: the one LibreOffice ships beside soffice (Windows, macOS,
    LibreOffice's own Linux builds), else the system's python3 (Debian's python3-uno)."""
    program = Path(soffice).resolve().parent
    candidates: List[str] = [str(program / "python.exe"), str(program / "python")]
    for name in ("python3", "python"):
        found = shutil.which(name, path="/usr/bin:/usr/local/bin")
        if found:
            candidates.append(found)
    for c in candidates:
        if Path(c).is_file() and _has_uno(c):
            return c
    return None


def _has_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


class WarmConverter:
    """A LibreOffice and its UNO client, started in the background by ``start``; ``convert``
    returns False (and the caller converts the ordinary way) whenever it cannot convert now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()        # one conversion at a time through the one pipe
        self._state_lock = threading.Lock()
        self._conv = None                    # drafter.soffice.Converter
        self._bridge: Optional[subprocess.Popen] = None
        self._pipe = ""
        self._starting: Optional[threading.Thread] = None
        self._stopped = False
        self.ready = threading.Event()
        self.conversions = 0                 # PDFs made warm (the tests and the bench look)
        self.failure = ""                    # why the last start or conversion failed, for the log

    # -- life ------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start LibreOffice and the client in a background thread, unless running or starting."""
        with self._state_lock:
            if self._stopped or self.ready.is_set() or (self._starting and self._starting.is_alive()):
                return
            self._starting = threading.Thread(target=self._start, name="drafter-warm-pdf", daemon=True)
            self._starting.start()

    def _start(self) -> None:
        from drafter import soffice
        try:
            program = soffice.find_soffice()
            python = uno_python(program) if program else None
            if python is None:
                self.failure = "没有 LibreOffice 或它的 Python 接口（python3-uno）"
                return
            pipe = "drafter-" + uuid.uuid4().hex
            conv = soffice.Converter([f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                                     untrusted=False, soffice=program, umask=0o077)
            env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}  # the venv's paths are not its
            bridge = subprocess.Popen([python, str(BRIDGE), pipe], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True, encoding="utf-8", env=env,
                                      start_new_session=hasattr(os, "killpg"))
            with self._state_lock:
                self._conv, self._bridge, self._pipe = conv, bridge, pipe
                if self._stopped:
                    raise RuntimeError("stopped while starting")
            answer = self._answer(READY_S)
            if not answer.get("ready"):
                raise RuntimeError(answer.get("error") or "the bridge did not connect")
            self.ready.set()
        except Exception as e:  # noqa: BLE001 — without it, downloads take the ordinary path
            self.failure = str(e)
            self._stop_processes()

    def stop(self) -> None:
        """Stop LibreOffice, its client and its pipe: the workbench is closing."""
        with self._state_lock:
            self._stopped = True
        self._stop_processes()

    def _stop_processes(self) -> None:
        self.ready.clear()
        with self._state_lock:
            conv, bridge, pipe = self._conv, self._bridge, self._pipe
            self._conv, self._bridge = None, None
        if bridge is not None:
            try:
                bridge.stdin.close()
            except OSError:
                pass
            if bridge.poll() is None:
                bridge.kill()
            bridge.wait()
        if conv is not None:
            conv.stop()
        if pipe and hasattr(os, "getuid"):
            for folder in _PIPE_FOLDERS:    # a killed LibreOffice leaves its socket behind
                path = Path(folder) / f"OSL_PIPE_{os.getuid()}_{pipe}"
                try:
                    if path.is_socket() and path.lstat().st_uid == os.getuid():
                        path.unlink()
                except OSError:
                    pass

    # -- work ------------------------------------------------------------------------------------
    def convert(self, docx: Path, pdf: Path) -> bool:
        """Write ``pdf`` from ``docx`` with the running LibreOffice; False if it is not ready
        (it is then started for next time) or the conversion failed (it is started afresh)."""
        if not self.ready.is_set():
            starting = self._starting
            if starting is not None and starting.is_alive():
                self.ready.wait(READY_S)     # on its way: sooner than a second LibreOffice start
            if not self.ready.is_set():
                self.start()
                return False
        with self._lock:
            try:
                self._bridge.stdin.write(json.dumps({"docx": str(docx), "pdf": str(pdf)}) + "\n")
                self._bridge.stdin.flush()
                answer = self._answer(CONVERT_S)
            except Exception as e:  # noqa: BLE001
                answer = {"error": str(e)}
        from drafter.write.pdf import pdf_problem
        if answer.get("ok") and pdf_problem(pdf) is None:
            self.conversions += 1
            return True
        self.failure = answer.get("error") or pdf_problem(pdf) or ""
        self._stop_processes()
        self.start()
        return False

    def _answer(self, timeout: float) -> dict:
        """The client's next line, within ``timeout`` seconds (else it is stopped)."""
        bridge = self._bridge
        if bridge is None:
            return {"error": "stopped"}
        got: List[str] = []
        reader = threading.Thread(target=lambda: got.append(bridge.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        if not got:
            return {"error": "no answer in time"}
        try:
            return json.loads(got[0]) if got[0] else {"error": "the bridge ended"}
        except ValueError:
            return {"error": "the bridge said something else"}

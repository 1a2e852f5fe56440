"""Issue 26, point 4: every LibreOffice drafter starts is stopped with everything it started, on
time-out, on interrupt and when the workbench shuts down (one helper: drafter.soffice).

The stand-in converter (fake_soffice.py, mode fork-hang) does what LibreOffice's wrapper does and
worse: it starts a child that ignores SIGTERM and a grandchild that leaves the process group, and
all three hang. Each test marks its environment, which every process inherits, and then looks
through /proc for any process that still carries the mark.
"""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from drafter import soffice
from helpers import processes_with, settled

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")


def require_sandbox() -> None:
    """The network namespace drafter.soffice needs; in CI its absence fails the suite."""
    if soffice.sandbox_prefix() is None:
        message = "unshare cannot make a network namespace here (util-linux, user namespaces)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture
def hanging(tmp_path, monkeypatch):
    """The stand-in in fork-hang mode, a private temp folder, and the mark; returns (mark, flag, tmp)."""
    require_sandbox()
    exe = tmp_path / "bin" / "soffice"
    exe.parent.mkdir()
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "tests" / "fake_soffice.py"}" "$@"\n')
    exe.chmod(0o755)
    mark, flag, tmp = uuid.uuid4().hex, tmp_path / "hanging", tmp_path / "tmp"
    tmp.mkdir()
    for k, v in dict(DRAFTER_SOFFICE=str(exe), FAKE_SOFFICE_MODE="fork-hang", FAKE_SOFFICE_HANGING=str(flag),
                     DRAFTER_TEST_RUN=mark, TMPDIR=str(tmp)).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr("tempfile.tempdir", None)   # TMPDIR is read again
    return mark, flag, tmp


def _old_doc(folder: Path) -> Path:
    doc = folder / "旧稿.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return doc


def _wait_for(flag: Path, proc=None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not flag.exists():
        if proc is not None:
            assert proc.poll() is None, "drafter ended before the converter hung: " + proc.stderr.read()
        assert time.monotonic() < deadline, "the stand-in converter never started"
        time.sleep(0.02)


def test_a_converter_that_times_out_is_stopped_with_every_process_it_started(hanging):
    mark, flag, tmp = hanging
    started = time.monotonic()
    with pytest.raises(soffice.TimedOut):
        soffice.run(["--convert-to", "docx", "--outdir", str(tmp), "x.doc"], 3, untrusted=True)
    assert flag.exists(), "the stand-in should have hung, not failed"
    assert time.monotonic() - started < 30
    assert settled(mark) == []
    assert list(tmp.iterdir()) == [], "the private profile folder is removed"


def test_the_same_holds_for_a_pdf_run(hanging, monkeypatch):
    from drafter.write import pdf
    mark, flag, tmp = hanging
    monkeypatch.setattr(pdf, "TIMEOUT_S", 2)
    monkeypatch.setattr(pdf, "PER_FILE_S", 1)
    docx = tmp / "d00000.docx"
    docx.write_bytes(b"PK")
    failed = []
    pdf.convert_batch([docx], tmp / "pdf", lambda k, made, why: failed.append(why))
    assert failed and "超时" in failed[0]
    assert settled(mark) == []
    assert sorted(p.name for p in tmp.iterdir()) == ["d00000.docx", "pdf"]


def test_an_interrupted_format_of_an_old_doc_stops_the_converter(hanging, tmp_path):
    mark, flag, tmp = hanging
    doc = _old_doc(tmp_path)
    p = subprocess.Popen([sys.executable, "-m", "drafter", "format", str(doc)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        _wait_for(flag, p)
        p.send_signal(signal.SIGTERM)
        _, stderr = p.communicate(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 143, stderr
    assert "Traceback" not in stderr and "已中断" in stderr
    assert settled(mark) == []
    assert list(tmp.iterdir()) == []
    assert sorted(f.name for f in tmp_path.iterdir()) == ["bin", "hanging", "tmp", "旧稿.doc"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_workbench_that_shuts_down_stops_the_converter_of_a_pending_upload(hanging, tmp_path, sig):
    mark, flag, tmp = hanging
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--no-browser", "--port", str(port)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                         env=dict(os.environ, PYTHONPATH=str(ROOT), CI="true"))
    try:
        assert f":{port}/" in p.stdout.readline()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode()
        token = page.split('name="drafter-token" content="', 1)[1].split('"', 1)[0]
        body = _old_doc(tmp_path).read_bytes()
        headers = {"X-Drafter-Token": token, "X-File-Name": "%E6%97%A7%E7%A8%BF.doc",
                   "Content-Length": str(len(body)), "Host": f"127.0.0.1:{port}"}

        def upload() -> None:
            try:
                conn.request("POST", "/api/format", body, headers)
                conn.getresponse().read()
            except (OSError, http.client.HTTPException):
                pass   # the workbench went away mid-request (reset, or an answer cut short), as it should
        threading.Thread(target=upload, daemon=True).start()
        _wait_for(flag, p)
        assert processes_with(mark), "the converter should be running"
        p.send_signal(sig)
        _, stderr = p.communicate(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert "Traceback" not in stderr, stderr
    assert settled(mark) == []
    assert list(tmp.iterdir()) == []

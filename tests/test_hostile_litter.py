"""Issue 26, point 6 of "what must hold": no litter. A run killed outright (SIGKILL) cannot clean
up, so drafter's temporary files and folders carry the machine and process that made them, and a
later run removes those whose process is gone (drafter.fsutil), never those of a live run.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter import fsutil

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"
pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and process ids as on POSIX")


def _drafter(*args, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})), **kw)


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def _partials(folder: Path) -> list:
    return sorted(f.name for f in folder.iterdir() if f.name.endswith(".tmp"))


def test_a_write_killed_outright_leaves_a_partial_file_that_the_next_run_removes(tmp_path):
    src = tmp_path / "问卷"
    src.mkdir()
    for i in range(200):
        (src / f"讲话{i:03d}.yaml").write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "文稿"
    out.mkdir()
    left = []
    for _ in range(5):   # the kill must land while a file is being written; with 200 files it soon does
        p = subprocess.Popen([sys.executable, "-m", "drafter", "render", str(src), "-o", f"{out}/", "-j", "2",
                              "--force"], env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while p.poll() is None and time.monotonic() < deadline and not _partials(out):
            time.sleep(0.001)
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        time.sleep(0.2)   # the workers, killed with it, leave the process table
        left = _partials(out)
        if left:
            break
    assert left, "no partial file was caught being written"
    assert all(".drafter-" in name for name in left), left
    r = _drafter("render", src / "讲话000.yaml", "-o", out / "讲话000.docx", "--force")
    assert r.returncode == 0, r.stderr
    assert _partials(out) == []


def test_a_later_run_removes_only_what_dead_runs_left(tmp_path):
    out = tmp_path / "文稿"
    out.mkdir()
    host = fsutil._host()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = out / f".讲话.docx.drafter-{host}-{_dead_pid()}-abcd1234.tmp"
        running = out / f".讲话.docx.drafter-{host}-{live.pid}-abcd1234.tmp"
        elsewhere = out / ".讲话.docx.drafter-ffff-1-abcd1234.tmp"      # another machine, fresh
        old_elsewhere = out / ".讲话.docx.drafter-ffff-2-abcd1234.tmp"  # another machine, two days old
        before_pids = out / ".别的.docx.k2j4h6g8.tmp"                  # drafter's old naming, two days old
        not_ours = out / ".notes.tmp"
        for f in (dead, running, elsewhere, old_elsewhere, before_pids, not_ours):
            f.write_bytes(b"partial")
        two_days_ago = time.time() - 2 * 24 * 3600
        for f in (old_elsewhere, before_pids, not_ours):
            os.utime(f, (two_days_ago, two_days_ago))
        r = _drafter("render", EXAMPLE, "-o", out / "讲话.docx")
        assert r.returncode == 0, r.stderr
        assert sorted(f.name for f in out.iterdir()) == sorted(
            ["讲话.docx", running.name, elsewhere.name, not_ours.name])
    finally:
        live.kill()
        live.wait()


def test_temporary_folders_of_a_killed_run_are_removed_by_the_next(tmp_path):
    """A PDF run killed while LibreOffice (a stand-in that hangs) converts leaves its private
    folders in the temp folder; the next run that makes one removes them."""
    exe = tmp_path / "bin" / "soffice"
    exe.parent.mkdir()
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "tests" / "fake_soffice.py"}" "$@"\n')
    exe.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    flag = tmp_path / "hanging"
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(temp), DRAFTER_SOFFICE=str(exe),
               FAKE_SOFFICE_MODE="hang", FAKE_SOFFICE_HANGING=str(flag))
    p = subprocess.Popen([sys.executable, "-m", "drafter", "render", str(EXAMPLE), "-o", str(tmp_path / "讲话.pdf")],
                         env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not flag.exists():
        assert p.poll() is None and time.monotonic() < deadline, "the stand-in never started"
        time.sleep(0.02)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    left = sorted(f.name for f in temp.iterdir())
    assert any(n.startswith("drafter-lo-") for n in left) and any(n.startswith("drafter-pdf-") for n in left), left
    someone_elses = temp / f"drafter-lo-{fsutil._host()}-1-x"     # pid 1 is alive: never removed
    someone_elses.mkdir()
    env["FAKE_SOFFICE_MODE"] = "ok"
    r = subprocess.run([sys.executable, "-m", "drafter", "render", str(EXAMPLE), "-o", str(tmp_path / "讲话.pdf")],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert [f.name for f in temp.iterdir()] == [someone_elses.name]
    assert not _partials(tmp_path)


def test_the_partial_name_of_a_long_output_stays_within_the_limit(tmp_path):
    name = "很" * 80 + ".docx"            # 245 bytes: its partial name would pass 255
    prefix = fsutil.partial_prefix(name)
    assert len(os.fsencode(prefix)) + 12 <= 255
    fsutil.write_atomic(tmp_path / name, lambda p: p.write_text("x"))
    assert [f.name for f in tmp_path.iterdir()] == [name]
    assert fsutil.is_partial_of(prefix + "abcd1234.tmp", name)

"""An interrupted run cleans up (issue 14 item 12): after SIGTERM or SIGINT in the middle of a batch,
drafter leaves no partial file in the output folder or the temp folder, no worker and no LibreOffice
running, exits 143 or 130 and says in one line what it wrote.

Each test starts a real batch in a subprocess with a marker in its environment (inherited by every
process it starts, LibreOffice included), waits for the first output, sends the signal, and then
looks through /proc for any process that still carries the marker.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest

from drafter.write.pdf import pdf_problem
from helpers import settled

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")


@pytest.fixture(scope="module")
def questionnaire_text() -> str:
    from drafter.genre.outline import find_outline
    from drafter.genre.scaffold import write_questionnaire
    return write_questionnaire(find_outline("leader-speech"), fill_examples=True)


def _interrupt(args, out: Path, suffix: str, sig: int, tmp: Path, timeout: float = 60, started: Path = None):
    """Run ``drafter ARGS``, send ``sig`` once the first ``suffix`` file is in ``out`` (or once
    the file ``started`` exists)."""
    marker = uuid.uuid4().hex
    tmp.mkdir()
    env = dict(os.environ, DRAFTER_TEST_RUN=marker, TMPDIR=str(tmp))   # drafter: installed, or PYTHONPATH
    p = subprocess.Popen([sys.executable, "-m", "drafter", *map(str, args)], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    def ready() -> bool:
        if started is not None:
            return started.exists()
        return out.is_dir() and any(f.suffix == suffix for f in out.iterdir())

    while not ready():
        assert p.poll() is None, "drafter ended before its first output: " + p.stderr.read()
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.01)
    p.send_signal(sig)
    stdout, stderr = p.communicate(timeout=timeout)
    return p.returncode, stdout, stderr, settled(marker)


def _assert_clean(out: Path, tmp: Path, stderr: str, made: list, complete) -> None:
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("已中断："), stderr
    assert "Traceback" not in stderr
    assert not [f.name for f in out.iterdir() if f.name.startswith(".")], "partial files left in the output folder"
    assert not list(tmp.iterdir()), "files left in the temp folder"
    for f in made:
        assert complete(f), f.name
    if made:
        assert f"已生成 {len(made)} 份" in lines[0]


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_docx_batch_stops_its_workers_and_leaves_no_partial_file(tmp_path, questionnaire_text,
                                                                               sig, code):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(300):
        (src / f"讲话{i:03d}.yaml").write_text(questionnaire_text, encoding="utf-8")
    out = tmp_path / "out"
    rc, _, stderr, alive = _interrupt(["render", src, "-o", f"{out}/", "-j", "2"], out, ".docx", sig,
                                      tmp_path / "tmp")
    assert rc == code, stderr
    assert not alive, alive
    made = sorted(out.glob("*.docx"))
    assert 0 < len(made) < 300, "the signal should have come mid-way"
    _assert_clean(out, tmp_path / "tmp", stderr, made, zipfile.is_zipfile)


def test_an_interrupted_pdf_batch_stops_libreoffice_and_leaves_nothing_in_the_temp_folder(tmp_path,
                                                                                          questionnaire_text):
    from conftest_pdf import require_soffice
    require_soffice()
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"讲话{i:02d}.yaml").write_text(questionnaire_text, encoding="utf-8")
    out = tmp_path / "out"
    rc, _, stderr, alive = _interrupt(["render", src, "--format", "pdf", "-o", f"{out}/"], out, ".pdf",
                                      signal.SIGTERM, tmp_path / "tmp", timeout=120)
    assert rc == 143, stderr
    assert not alive, alive
    made = sorted(out.glob("*.pdf"))
    assert 0 < len(made) < 12
    _assert_clean(out, tmp_path / "tmp", stderr, made, lambda f: pdf_problem(f) is None)


def test_an_interrupted_pdf_render_stops_the_converter_it_started(tmp_path, questionnaire_text):
    # A stand-in LibreOffice that hangs half-way through the PDF: the signal comes while drafter
    # waits for it, with the draft's .docx copy and the half PDF in drafter's temp folder.
    exe, flag, fake = tmp_path / "soffice", tmp_path / "hanging", ROOT / "tests" / "fake_soffice.py"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{fake}" "$@"\n')
    exe.chmod(0o755)
    q = tmp_path / "in" / "讲话.yaml"
    q.parent.mkdir()
    q.write_text(questionnaire_text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.environ.update(DRAFTER_SOFFICE=str(exe), FAKE_SOFFICE_MODE="hang", FAKE_SOFFICE_HANGING=str(flag))
    try:
        rc, _, stderr, alive = _interrupt(["render", q, "-o", out / "讲话.pdf"], tmp_path, "", signal.SIGTERM,
                                          tmp_path / "tmp", started=flag)
    finally:
        for k in ("DRAFTER_SOFFICE", "FAKE_SOFFICE_MODE", "FAKE_SOFFICE_HANGING"):
            del os.environ[k]
    assert rc == 143, stderr
    assert not alive, alive
    assert not list(out.iterdir())
    _assert_clean(out, tmp_path / "tmp", stderr, [], None)
    assert "未生成文件" in stderr

"""LibreOffice as the client that judges the review outputs: one run, many files (tests/uno_client.py).

LibreOffice is started through drafter's one helper (drafter.soffice: no network, private profile,
stopped with everything it started) listening on a pipe; Debian's /usr/bin/python3 with python3-uno
talks to it, as the venv's interpreter has no UNO bridge. In CI a missing LibreOffice or python3-uno
fails the test (scripts/install-system-deps.sh installs both).
"""
from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path
from typing import List

import pytest

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
TIMEOUT_S = 300


def require_uno() -> None:
    from conftest_pdf import require_soffice
    require_soffice()
    ok = os.path.exists(SYSTEM_PYTHON) and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    if not ok:
        message = "LibreOffice's Python bridge (python3-uno) is not installed: run `make system-deps` as root"
        if os.environ.get("CI") or os.environ.get("DRAFTER_TEST_INSTALLED"):
            pytest.fail(message)
        pytest.skip(message)


def inspect(docxs: List[Path]) -> List[dict]:
    """What LibreOffice sees in each .docx (see uno_client.py)."""
    from drafter import soffice
    require_uno()
    name = "drafter-test-" + uuid.uuid4().hex[:12]
    jobs = [{"docx": str(Path(p).resolve())} for p in docxs]
    with soffice.Converter([f"--accept=pipe,name={name};urp;StarOffice.ComponentContext"], untrusted=False):
        p = subprocess.run([SYSTEM_PYTHON, str(HERE / "uno_client.py"), name], input=json.dumps(jobs),
                           capture_output=True, text=True, timeout=TIMEOUT_S)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout)

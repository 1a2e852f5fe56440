"""The static check: no undefined name, unused import or unused variable can land.

ruff runs pyflakes' rules (``F``, configured in pyproject.toml) over the package, the tests and
the benchmark. It is pinned in the ``test`` extra of setup.cfg, so a new release cannot turn the
suite red by itself; ``# noqa: F401`` marks an import kept on purpose (a warm-up import).
"""
import shutil
import subprocess
import sys

from conftest import ROOT

CHECKED = ("drafter", "tests", "bench")


def _ruff() -> list:
    try:
        import ruff  # noqa: F401  (only to find out whether it is installed)
    except ImportError:
        exe = shutil.which("ruff")
        assert exe, "ruff 没有安装：请运行 pip install '.[test]'（setup.cfg 的 test 附加依赖）"
        return [exe]
    return [sys.executable, "-m", "ruff"]


def test_no_undefined_names_or_unused_imports():
    r = subprocess.run(_ruff() + ["check", "--no-cache", "--output-format", "concise", *CHECKED],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr

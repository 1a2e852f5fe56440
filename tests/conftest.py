"""Shared fixtures: the repository's folders, a CLI runner, the golden-file comparison."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"

# The PDF layout fixtures (layout_pdfs), for the tests that ask for them by name.
pytest_plugins = ["conftest_pdf"]


@pytest.fixture(autouse=True, scope="session")
def _private_template_cache(tmp_path_factory):
    # Tests compile many one-off templates: keep them out of the user's cache folder.
    os.environ["DRAFTER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


_update_golden = False


def pytest_configure(config):
    global _update_golden
    _update_golden = bool(config.getoption("--update-golden")) or os.environ.get("DRAFTER_UPDATE_GOLDEN") == "1"


def assert_golden(got: str, golden: Path) -> None:
    """``got`` is the text of the golden file, byte for byte. Every comparison with an expected-output
    file goes through here, so ``pytest --update-golden`` (or DRAFTER_UPDATE_GOLDEN=1) rewrites them
    all from the current output; read the diff before committing."""
    if _update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"没有金标准文件 {golden}：请运行 pytest --update-golden 生成并检查"
    want = golden.read_text(encoding="utf-8")
    if got != want:
        import difflib
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            str(golden), "now", n=2))
        pytest.fail(f"与金标准文件不同（确认无误后运行 pytest --update-golden 更新）：\n{diff}", pytrace=False)


class Cli:
    """Runs ``drafter`` in-process through the same main() the console script calls."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args, env=None):
        from drafter.cli import main
        return self.runner.invoke(_Main(main), [str(a) for a in args], env=env, catch_exceptions=False)


class _Main:
    # CliRunner wants a click command; main() adds our error handling around it.
    def __init__(self, fn):
        self.fn = fn
        self.name = "drafter"

    def main(self, args=None, prog_name=None, **_):
        self.fn(list(args or []))


@pytest.fixture
def drafter_cli() -> Cli:
    return Cli()


@pytest.fixture(scope="module")
def served():
    """A workbench started without a questionnaire, shared by a module's tests (a module that
    needs one started on a file defines its own ``served``)."""
    from drafter.serve.server import start_in_thread
    server = start_in_thread()
    yield server
    server.shutdown()
    server.server_close()

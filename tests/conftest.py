"""Shared fixtures: the repository's folders, a CLI runner, golden-file regeneration."""
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


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden") or os.environ.get("DRAFTER_UPDATE_GOLDEN") == "1"


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

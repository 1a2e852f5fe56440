"""The README's development section draws the package tree: every folder and module of drafter/
is named there, so the drawing cannot fall behind a move."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tree() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("  drafter/\n  ├──")
    return text[start:text.index("```", start)]


def test_every_folder_of_the_package_is_drawn():
    tree = _tree()
    folders = sorted(p.name for p in (ROOT / "drafter").iterdir()
                     if p.is_dir() and (p / "__init__.py").exists() and p.name != "profiles")
    assert [f for f in folders if not re.search(rf"── {f}/", tree)] == []


def test_every_top_level_module_is_named():
    tree = _tree()
    modules = sorted(p.name for p in (ROOT / "drafter").glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert [m for m in modules if m not in tree] == []


def test_every_module_of_the_pipeline_folders_is_named():
    tree = _tree()
    missing = [f"{d}/{p.name}" for d in ("read", "write", "genre", "importer", "zh", "profile")
               for p in (ROOT / "drafter" / d).glob("*.py")
               if p.name not in ("__init__.py", "_oxml.py") and p.name not in tree]
    assert missing == []

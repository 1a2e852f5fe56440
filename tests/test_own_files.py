"""Our own files hold what we ask of users: full-width punctuation in Chinese text.

Every Chinese string a user can read — messages in the code, outlines, templates, examples,
READMEs — goes through the checker's own punctuation rule; it must find nothing.
"""
import ast
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from drafter import draft as d
from drafter.checker import check_draft

HALF_WIDTH_RULES = {"halfwidth-punct"}


_REGEX_LIKE = re.compile(r"\\[dswDSW(\[]|\(\?|\[\^|\]\{|\]\*|\]\+|\)\?")


def _strings_in_python(path: Path):
    """Strings a user reads: not docstrings (for developers), not regular expressions (code)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and re.search(r"[\u4e00-\u9fff]", node.value) and not _REGEX_LIKE.search(node.value):
            yield node.lineno, node.value


def _strings_in_yaml(path: Path):
    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                yield from walk(v)
        elif isinstance(x, list):
            for v in x:
                yield from walk(v)
        elif isinstance(x, str) and not _REGEX_LIKE.search(x):   # import hints' patterns are code
            yield x
    for s in walk(yaml.safe_load(path.read_text(encoding="utf-8"))):
        yield 0, s
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        comment = line.lstrip()[1:].strip() if line.lstrip().startswith("#") else None
        # A commented-out answer (# 语速: 200) is YAML the user may uncomment, not prose.
        if comment and not re.match(r"^[^\s:：#]+: ", comment):
            yield n, comment


def _lines_outside_code(path: Path):
    fenced = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            line = re.sub(r"`[^`]*`", "", line)            # inline code is code
            yield n, re.sub(r"\]\([^)]*\)", "]", line)      # so is a link target


def _template_text(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        yield n, re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]+>", "", line)


def _sources():
    for p in sorted((ROOT / "drafter").rglob("*.py")):
        yield p, _strings_in_python(p)
    for folder in ("outlines", "examples", "drafter/profiles"):
        for p in sorted((ROOT / folder).glob("*.yaml")):
            yield p, _strings_in_yaml(p)
    for p in sorted((ROOT / "templates").glob("*.j2")):
        yield p, _template_text(p)
    for p in [ROOT / "README.md", *sorted((ROOT / "outlines").glob("*.md"))]:
        if p.exists():
            yield p, _lines_outside_code(p)


@pytest.mark.parametrize("path, strings", list(_sources()), ids=lambda x: str(x.relative_to(ROOT)) if isinstance(x, Path) else "")
def test_no_half_width_punctuation_beside_chinese(path, strings):
    lines = list(strings)
    draft = d.Draft([d.Block(d.PARA, (d.Run(text.replace("\n", " ")),), line=n) for n, text in lines])
    found = [f"{path.name}:{lines[i].__getitem__(0)}: {f.message}" for i, f in
             ((next(i for i, b in enumerate(draft.blocks) if b.line == f.line), f) for f in check_draft(draft)
              if f.rule_id in HALF_WIDTH_RULES)]
    assert found == []


def test_the_rule_this_relies_on_exists():
    from drafter.checker import RULES
    assert HALF_WIDTH_RULES <= {r.id for r in RULES}

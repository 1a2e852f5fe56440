"""The README's worked example, literally, on every shared text: ``drafter import`` and then
``drafter render`` run as processes, as a clerk runs them. The rendered draft has the source's
heading tree and every paragraph, and every difference from the source is listed by import.

Both commands run once over all texts (import and render each take many files into a folder):
two processes instead of two hundred keep the suite fast.
"""
from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from conftest import ROOT
from drafter import draft as d
from drafter.importer.run import heading_tree, lost_paragraphs
from drafter.read.reader import read_draft
from drafter.transforms import clean

SHARED = ROOT.parent / "shared"


def _sources() -> List[Path]:
    out = sorted((SHARED / "seeds").glob("*.txt"))
    for corpus in ("corpus", "corpus2"):
        out += sorted((SHARED / corpus).glob("[0-9]*.txt")) + sorted((SHARED / corpus / "docx").glob("*.docx"))
    return out


SOURCES = _sources()


def _drafter(*args, cwd: Path) -> subprocess.CompletedProcess:
    # cwd outside the checkout: the drafter that runs is the one the suite tests (installed, or on
    # PYTHONPATH), as the console script would find it.
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=900)


class Run:
    def __init__(self, source: Path, questionnaire: Path, outline: str, report: str, rendered: Path):
        self.source, self.questionnaire, self.outline, self.report, self.rendered = \
            source, questionnaire, outline, report, rendered


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Dict[Path, Run]:
    if len(SOURCES) < 90:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the shared texts are missing: {SHARED}")
        pytest.skip("../shared is not beside this checkout")
    work = tmp_path_factory.mktemp("shared")
    imported = _drafter("import", "--verbose", *SOURCES, "-o", work / "q/", cwd=work)
    assert imported.returncode == 0, imported.stdout[-3000:] + imported.stderr[-3000:]
    assert "Traceback" not in imported.stderr
    out: Dict[Path, Run] = {}
    # one section per source: 已导入：SRC → OUT（大纲：ID） (the id with --verbose), then its reasons and changes
    for section in re.split(r"\n(?=已导入：)", imported.stdout):
        m = re.match(r"已导入：(.+) → (.+)（大纲：([a-z0-9-]+)）", section)
        if m:
            q = Path(m.group(2))
            q = q if q.is_absolute() else work / q
            src = Path(m.group(1))
            out[src.resolve()] = Run(src, q, m.group(3), section, work / "r" / (q.stem + src.suffix))
    # Rendered in the source's own format: the heading tree is compared as that format shows it
    # (a .txt page has no 楷体 run-in head without a number; a .docx has).
    for fmt in ("txt", "docx"):
        qs = [r.questionnaire for r in out.values() if r.source.suffix == "." + fmt]
        rendered = _drafter("render", *qs, "-o", work / "r/", "--format", fmt, cwd=work)
        assert rendered.returncode == 0, rendered.stdout[-3000:] + rendered.stderr[-3000:]
    return out


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_import_then_render_gives_the_source_back(runs, source):
    run = runs[source.resolve()]
    log: list = []
    src = clean(read_draft(source), log)
    out = read_draft(run.rendered)
    assert heading_tree(out) == heading_tree(src)
    assert lost_paragraphs(src, out) == []
    unlisted = _unlisted(src, out, run.report)
    assert unlisted == [], "\n".join(unlisted)


def _unlisted(src: d.Draft, out: d.Draft, report: str) -> List[str]:
    """Every block where the rendered draft differs from the source (after the listed corrections)
    must be named by import's report: a source block by its line, a new block by its text."""
    a = [b for b in src.blocks if b.kind != d.TABLE]
    b = [x for x in out.blocks if x.kind != d.TABLE]
    missing = []
    said, says = "".join(x.text for x in a), "".join(x.text for x in b)
    sm = difflib.SequenceMatcher(None, [x.text for x in a], [x.text for x in b], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        for old in a[i1:i2]:
            if f"第 {old.line} 行" not in report:
                missing.append(f"原稿第 {old.line} 行改了却没有列出：{old.text[:40]}")
        for new in b[j1:j2]:
            if 0 < said.count(new.text) < says.count(new.text):
                missing.append(f"文稿把原稿已有的话又说了一遍：{new.text[:40]}")
            clip = new.text.replace("\n", "")[:24]
            if clip not in report and not any(f"第 {o.line} 行" in report for o in a[i1:i2]):
                missing.append(f"文稿多出的一段没有列出：{new.text[:40]}")
    return missing

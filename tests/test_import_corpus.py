"""Import on the real texts of ../shared/corpus: every text imports, no paragraph is lost, and
the re-rendered draft has the source's heading tree (read as the source's own format)."""
import csv
import os

import pytest

from conftest import ROOT
from helpers import render_questionnaire
from drafter.importer.run import lost_paragraphs, heading_tree, import_file, tree_as_read
from drafter.read.reader import read_draft
from drafter.transforms import clean

CORPUS = ROOT.parent / "shared" / "corpus"


def _rows():
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with open(manifest, encoding="utf-8") as f:
        rows = [CORPUS / r["file"] for r in csv.DictReader(f, delimiter="\t")]
    return rows + sorted((CORPUS / "docx").glob("*.docx"))


ROWS = _rows()


def test_the_corpus_is_there():
    if not ROWS:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the corpus is missing: {CORPUS}")
        pytest.skip("../shared/corpus is not beside this checkout")
    assert len(ROWS) >= 20


@pytest.mark.parametrize("path", ROWS, ids=lambda p: p.name)
def test_a_corpus_text_imports_whole_with_its_heading_tree(path):
    result = import_file(path)
    assert result.reasons and result.text.startswith("# ====")
    out = render_questionnaire(result.text)
    source = read_draft(path)
    assert lost_paragraphs(clean(source), out) == []
    assert tree_as_read(out, path.suffix.lstrip(".")) == heading_tree(source)

"""Precision on published texts: the checker finds in ``../shared/corpus/`` exactly the real
defects a reader found there, and nothing else.

The corpus holds 23 published speeches, reports and news items (MANIFEST.tsv names each source)
and the Word originals of three of them. Its README names the defects found by reading: the
half-width colons and the unclosed quote of the Henan report. Three more are mechanical and
real: the ASCII ``----`` opening the Shanghai report's second line (a 破折号 typed as hyphens)
and a stray zero-width non-joiner (U+200C) at the end of a Guangdong glossary entry.

Every other finding would be a false alarm; the target of issue 11 is at most one per ten
texts and no false 错误 on a speech. The test holds the checker to the exact list below, so
a new false alarm fails it (and a lost true finding too).
"""
import csv
import os
from pathlib import Path

import pytest

from conftest import ROOT
from drafter.checker import ERROR, check_draft
from drafter.read.reader import read_draft

CORPUS = ROOT.parent / "shared" / "corpus"

HENAN = "29-gwr-2025-henan"
EXPECTED = {
    # (rule, file, line): .txt lines; .docx paragraph numbers (one more: the docx opens with an empty paragraph)
    *{("halfwidth-punct", f"{HENAN}.txt", n) for n in (3, 17, 20, 24)},
    ("unbalanced-pair", f"{HENAN}.txt", 9),
    *{("halfwidth-punct", f"docx/{HENAN}.docx", n) for n in (4, 18, 21, 25)},
    ("unbalanced-pair", f"docx/{HENAN}.docx", 10),
    ("dash-form", "25-gwr-2025-shanghai.txt", 2),
    ("dash-form", "docx/25-gwr-2025-shanghai.docx", 2),
    ("invisible-char", "27-gwr-2025-guangdong.txt", 124),
    ("invisible-char", "docx/27-gwr-2025-guangdong.docx", 128),
}


def _corpus() -> Path:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI 上缺少语料目录 {CORPUS}")
        pytest.skip(f"no corpus at {CORPUS} (CI has it beside the checkout)")
    return CORPUS


def _genres(corpus: Path) -> dict:
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as f:
        return {row["file"]: row["genre"] for row in csv.DictReader(f, delimiter="\t")}


def _findings(corpus: Path):
    files = sorted(corpus.glob("*.txt")) + sorted((corpus / "docx").glob("*.docx"))
    out = []
    for path in files:
        name = path.relative_to(corpus).as_posix()
        out += [(f.rule_id, name, f.line, f.severity, f.message) for f in check_draft(read_draft(path))]
    return files, out


def test_published_texts_raise_only_their_real_defects():
    corpus = _corpus()
    files, found = _findings(corpus)
    assert len(files) == 26
    false = [f for f in found if f[:3] not in EXPECTED]
    missed = EXPECTED - {f[:3] for f in found}
    texts = len(files)
    assert len(false) * 10 <= texts, f"{len(false)} 个误报（{texts} 篇）：{false}"
    genres = _genres(corpus)
    assert not [f for f in false if f[3] == ERROR and genres.get(Path(f[1]).stem + ".txt") == "speech"]
    assert false == [] and missed == set(), (false, missed)


def test_unseen_published_texts_stay_within_the_target():
    """Issue 20, on ../shared/corpus2 (64 texts and 13 .docx, half of them kept unseen while the
    rules were tuned, see tests/corpora.py): at most one false finding per ten texts, all
    severities together, and no false 错误 on a speech. True findings are the copy editor's
    (KNOWN-TRUE.tsv, STYLE-TRUE.tsv) and those we read and judged (tests/corpus-judged.tsv)."""
    import corpora
    _corpus()
    texts = corpora.texts("corpus2")
    assert len(texts) == 77
    false = []
    for t in texts:
        draft = read_draft(t.path)
        false += [v for v in corpora.verdicts(t, check_draft(draft), draft) if not v.true]
    shown = [(v.text.name, v.line, v.rule, v.severity, v.message) for v in false]
    assert len(false) * 10 <= len(texts), f"{len(false)} 个误报（{len(texts)} 篇）：{shown}"
    assert not [v for v in false if v.severity == ERROR and v.text.genre == "speech"], shown


def test_the_held_out_part_is_half_of_each_genre():
    import corpora
    _corpus()
    by_genre = {}
    for t in corpora.texts("corpus2"):
        if t.path.suffix == ".txt":
            by_genre.setdefault(t.genre, []).append(t.part)
    assert {g: (ps.count("held-out"), len(ps)) for g, ps in by_genre.items()} == {
        "speech": (6, 12), "report": (8, 16), "news": (16, 32), "article": (2, 4)}

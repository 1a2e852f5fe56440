"""The corpus in tests/bad/: every malformed questionnaire gets one clear message; an error leaves no output,
advice on the outline's limits (exit 0) leaves the draft beside the warning.

Each case is a folder with questionnaire.yaml and expected.txt: the exit code on the first line
(``exit: N``), then fragments the output must contain; ``{file}`` stands for the questionnaire's path.
"""
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parent / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.is_dir())


def expectation(case: Path):
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    code = int(lines[0].split(":")[1])
    return code, [line for line in lines[1:] if line]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_render_gives_one_clear_message_and_no_output(drafter_cli, case, tmp_path):
    code, fragments = expectation(case)
    q = case / "questionnaire.yaml"
    out = tmp_path / "out.docx"
    r = drafter_cli("render", q, "-o", out)
    assert r.exit_code == code, r.output
    for fragment in fragments:
        assert fragment.replace("{file}", str(q)) in r.output, r.output
    assert "Traceback" not in r.output
    assert out.exists() == (code == 0)
    assert list(tmp_path.iterdir()) == ([out] if code == 0 else [])   # no temporary file left behind


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_the_same_problem(drafter_cli, case):
    code, fragments = expectation(case)
    q = case / "questionnaire.yaml"
    r = drafter_cli("check", q)
    assert r.exit_code == code, r.output
    for fragment in fragments:
        assert fragment.replace("{file}", str(q)) in r.output, r.output


def test_the_corpus_covers_every_kind_of_mistake():
    names = {c.name for c in CASES}
    assert {"tab-indent", "fullwidth-colon", "no-space-after-colon", "unclosed-quote", "unknown-key",
            "wrong-type-date", "missing-required", "too-few-items", "too-many-items", "heading-too-long",
            "billion-laughs", "object-tag", "control-character", "undecodable-bytes", "gbk-encoded",
            "utf16-with-bom"} <= names

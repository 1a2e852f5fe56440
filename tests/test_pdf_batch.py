"""PDF output: a batch is one LibreOffice start, each PDF is checked before it counts, and a failed
conversion is a failure of that file only, with no PDF left behind (issue 12, issue 14 item 13).

Most tests run a stand-in for LibreOffice (fake_soffice.py, through DRAFTER_SOFFICE) that breaks
in the ways a real one does; the last ones run the real LibreOffice once.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.write import pdf
from drafter.batch import render_batch
from drafter.errors import OutputError

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def questionnaire_text() -> str:
    from drafter.genre.outline import find_outline
    from drafter.genre.scaffold import write_questionnaire
    return write_questionnaire(find_outline("leader-speech"), fill_examples=True)


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Point drafter at the stand-in; returns a function setting its mode, and the log of starts."""
    exe = tmp_path / "bin" / "soffice"
    exe.parent.mkdir()
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{HERE / "fake_soffice.py"}" "$@"\n')
    exe.chmod(0o755)
    log = tmp_path / "starts.log"
    monkeypatch.setenv("DRAFTER_SOFFICE", str(exe))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))

    def mode(name: str) -> Path:
        monkeypatch.setenv("FAKE_SOFFICE_MODE", name)
        return log
    return mode


def _questionnaires(folder: Path, text: str, n: int) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(1, n + 1):
        p = folder / f"讲话{i}.yaml"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


def _starts(log: Path) -> list:
    return [int(x) for x in log.read_text().split()] if log.exists() else []


def _run_cli(*args, env=None):
    full = dict(os.environ, **(env or {}))   # the drafter under test: installed, or PYTHONPATH
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], capture_output=True, text=True,
                          env=full, timeout=120)


def test_a_batch_starts_libreoffice_once_and_every_pdf_is_complete(tmp_path, fake, questionnaire_text):
    log = fake("ok")
    files = _questionnaires(tmp_path / "in", questionnaire_text, 5)
    result = render_batch(files, tmp_path / "out", fmt="pdf", jobs=1, echo=lambda s: None)
    assert _starts(log) == [5]
    assert [p.name for p in result.rendered] == [f"讲话{i}.pdf" for i in range(1, 6)]
    assert all(pdf.pdf_problem(p) is None for p in result.rendered)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in result.rendered)


def test_a_pdf_batch_keeps_overwrite_records_for_its_pdfs_only(tmp_path, fake, questionnaire_text, monkeypatch):
    """The .docx files drafted for LibreOffice are drafter's own and gone afterwards: no record of
    them is left in the cache, which nothing would ever prune."""
    from drafter import overwrite
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    fake("ok")
    files = _questionnaires(tmp_path / "in", questionnaire_text, 3)
    result = render_batch(files, tmp_path / "out", fmt="pdf", jobs=1, echo=lambda s: None)
    records = list((tmp_path / "cache" / "outputs").iterdir())
    assert len(records) == 3
    assert all(overwrite._record(p) == overwrite.file_digest(p) for p in result.rendered)
    again = render_batch(files, tmp_path / "out", fmt="pdf", jobs=1, echo=lambda s: None)   # its own: no --force
    assert again.exit_code == 0 and len(list((tmp_path / "cache" / "outputs").iterdir())) == 3


@pytest.mark.parametrize("mode, reason, starts", [
    ("truncate-exit0", "不完整", [3]),
    ("empty", "空文件", [3]),
    # Not opened: it might have been reached before it was drafted, so it gets one more start.
    ("skip", "无法打开", [3, 1]),
])
def test_one_bad_conversion_fails_that_file_only_and_leaves_no_pdf(tmp_path, fake, questionnaire_text, mode, reason,
                                                                   starts):
    log = fake(mode)
    files = _questionnaires(tmp_path / "in", questionnaire_text, 3)
    result = render_batch(files, tmp_path / "out", fmt="pdf", jobs=1, echo=lambda s: None)
    assert _starts(log) == starts
    assert [p.name for p in result.rendered] == ["讲话1.pdf", "讲话3.pdf"]
    (path, message), = result.failed
    assert path == files[1] and reason in message and "PDF" in message
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["讲话1.pdf", "讲话3.pdf"]
    assert result.exit_code == 1


def test_libreoffice_dying_part_way_fails_the_file_it_was_on_and_restarts_for_the_rest(tmp_path, fake,
                                                                                        questionnaire_text):
    log = fake("crash")
    files = _questionnaires(tmp_path / "in", questionnaire_text, 4)
    result = render_batch(files, tmp_path / "out", fmt="pdf", jobs=1, echo=lambda s: None)
    assert _starts(log) == [4, 2]   # files 3 and 4 were never reached by the first start
    assert [p.name for p in result.rendered] == ["讲话1.pdf", "讲话3.pdf", "讲话4.pdf"]
    (path, message), = result.failed
    assert path == files[1] and "异常退出" in message and "134" in message
    assert not (tmp_path / "out" / "讲话2.pdf").exists()


def test_pdfs_are_reported_as_libreoffice_finishes_them_not_at_the_end(tmp_path, fake):
    # The stand-in holds the second file until it sees the GO file, which only the report of the
    # first PDF creates: reporting at the end would leave the second one waiting out its 10 s.
    fake("wait-after-first")
    go = tmp_path / "go"
    os.environ["FAKE_SOFFICE_GO"] = str(go)
    docxs = []
    for name in ("a", "b"):
        (tmp_path / f"{name}.docx").write_bytes(b"PK")
        docxs.append(tmp_path / f"{name}.docx")
    seen = []

    def done(k, made, why):
        seen.append((k, go.exists()))
        go.touch()

    try:
        pdf.convert_batch(docxs, tmp_path / "pdf", done)
    finally:
        del os.environ["FAKE_SOFFICE_GO"]
    assert seen == [(0, False), (1, True)]


def test_files_made_after_libreoffice_started_are_converted_and_one_it_overtook_gets_another_start(tmp_path, fake):
    # make() runs once LibreOffice is starting; here the second file appears only when the first
    # PDF is reported, so the first start finds it missing and a second start converts it.
    log = fake("needs-file")
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    made = []

    def make():
        a.write_bytes(b"PK")
        return [0, 1]

    def done(k, pdf_path, why):
        made.append((k, pdf_path is not None, why))
        b.write_bytes(b"PK")

    pdf.convert_batch([a, b], tmp_path / "pdf", done, make)
    assert made == [(0, True, None), (1, True, None)]
    assert _starts(log) == [2, 1]


@pytest.mark.parametrize("mode", ["truncate-exit1", "complete-exit1", "truncate-exit0", "empty", "skip"])
def test_a_failed_single_conversion_is_an_error_not_success(tmp_path, fake, questionnaire_text, mode):
    fake(mode)
    q, = _questionnaires(tmp_path, questionnaire_text, 1)
    out = tmp_path / "讲话.pdf"
    r = _run_cli("render", q, "-o", out, env={"FAKE_SOFFICE_BAD": "d00000"})
    assert r.returncode != 0, r.stdout + r.stderr
    assert "已生成" not in r.stdout + r.stderr
    assert "未能生成 PDF" in r.stderr and str(out) in r.stderr
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".log") == ["bin", "讲话1.yaml"]


def test_a_failed_conversion_in_a_cli_batch_exits_nonzero_and_names_the_file(tmp_path, fake, questionnaire_text):
    fake("truncate-exit0")
    _questionnaires(tmp_path / "in", questionnaire_text, 3)
    r = _run_cli("render", tmp_path / "in", "--format", "pdf", "-o", f"{tmp_path / 'out'}/")
    assert r.returncode == 1
    assert "成功 2 份，失败 1 份" in r.stdout and "讲话2.yaml" in r.stdout and "不完整" in r.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["讲话1.pdf", "讲话3.pdf"]


def test_convert_many_raises_on_any_failure(tmp_path, fake, monkeypatch):
    fake("empty")
    monkeypatch.setenv("FAKE_SOFFICE_BAD", "b")
    docxs = []
    for name in ("a", "b"):
        (tmp_path / f"{name}.docx").write_bytes(b"PK")
        docxs.append(tmp_path / f"{name}.docx")
    with pytest.raises(OutputError, match="b.docx"):
        pdf.convert_many(docxs, tmp_path / "pdf")


@pytest.mark.parametrize("body, problem", [
    (b"", "空文件"), (b"<html>", "不是 PDF"), (b"%PDF-1.7\n1 0 obj", "不完整"), (None, "没有写出"),
])
def test_pdf_problem_names_what_is_wrong(tmp_path, body, problem):
    p = tmp_path / "x.pdf"
    if body is not None:
        p.write_bytes(body)
    assert problem in pdf.pdf_problem(p)


# --- the real LibreOffice ---------------------------------------------------------------------

def test_a_real_pdf_batch_is_one_start_and_a_bad_questionnaire_fails_alone(tmp_path, questionnaire_text, monkeypatch):
    from conftest_pdf import require_soffice
    real = require_soffice()
    log = tmp_path / "starts.log"
    wrapper = tmp_path / "soffice"
    wrapper.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("DRAFTER_SOFFICE", str(wrapper))
    files = _questionnaires(tmp_path / "in", questionnaire_text, 3)
    bad = tmp_path / "in" / "坏.yaml"
    bad.write_text("大纲: leader-speech\n会议名称: [\n", encoding="utf-8")
    result = render_batch(files + [bad], tmp_path / "out", fmt="pdf", echo=lambda s: None)
    assert log.read_text().split() == ["start"]
    assert [p.name for p in result.rendered] == ["讲话1.pdf", "讲话2.pdf", "讲话3.pdf"]
    assert [p for p, _ in result.failed] == [bad]
    import pdfplumber
    for p in result.rendered:
        with pdfplumber.open(p) as doc:
            assert len(doc.pages) >= 2 and "同志们" in doc.pages[0].extract_text()


def test_a_bad_profile_stops_a_pdf_batch_before_any_file(tmp_path, fake, questionnaire_text):
    from drafter.errors import DrafterError
    fake("ok")
    files = _questionnaires(tmp_path / "in", questionnaire_text, 2)
    with pytest.raises(DrafterError):
        render_batch(files, tmp_path / "out", fmt="pdf", profile="no-such-profile", echo=lambda s: None)
    assert not (tmp_path / "out").exists()      # not even the output folder is made

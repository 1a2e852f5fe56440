"""One output path (drafter.api.prepare_output, Output.write): render and format, one file or a
folder, refuse the same mistakes the same way, before any file is written."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"
DRAFT = Path(__file__).resolve().parent / "format_cases" / "hand_speech.txt"

RUNS = {   # how each path is started: (command, input, output)
    "render": ("render", "讲话.yaml", "out.docx"),
    "render-batch": ("render", "问卷/", "文稿/"),
    "format": ("format", "手稿.txt", "out.docx"),
    "format-batch": ("format", "手稿/", "排好的/"),
}


def _inputs(tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "讲话.yaml")
    shutil.copyfile(DRAFT, tmp_path / "手稿.txt")
    (tmp_path / "问卷").mkdir()
    shutil.copyfile(EXAMPLE, tmp_path / "问卷" / "甲.yaml")
    (tmp_path / "手稿").mkdir()
    shutil.copyfile(DRAFT, tmp_path / "手稿" / "甲.txt")


def _run(drafter_cli, tmp_path, run, *extra):
    cmd, src, out = RUNS[run]
    _inputs(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    r = drafter_cli(cmd, tmp_path / src, "-o", str(tmp_path / out) + ("/" if out.endswith("/") else ""), *extra)
    assert "Traceback" not in r.output and "内部错误" not in r.output, r.output
    return r, before


@pytest.mark.parametrize("run", list(RUNS))
@pytest.mark.parametrize("reference", ["没有.docx", "文件夹.docx"])
def test_a_unit_template_that_cannot_be_read_is_refused_before_any_file(drafter_cli, tmp_path, run, reference):
    """(``drafter format a.txt --reference-docx missing.docx`` used to end in 内部错误.)"""
    ref = tmp_path / reference
    if reference.startswith("文件夹"):
        ref.mkdir()
    r, before = _run(drafter_cli, tmp_path, run, "--reference-docx", ref)
    assert r.exit_code == 2, r.output
    assert ("文件不存在" if reference.startswith("没有") else "文件夹") in r.output, r.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("run", list(RUNS))
def test_pdf_without_libreoffice_is_refused_before_any_file(drafter_cli, tmp_path, monkeypatch, run):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    r, before = _run(drafter_cli, tmp_path, run, "--format", "pdf")
    assert r.exit_code != 0 and "未找到 LibreOffice" in r.output, r.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("run", list(RUNS))
def test_a_profile_that_does_not_exist_is_refused_before_any_file(drafter_cli, tmp_path, run):
    r, before = _run(drafter_cli, tmp_path, run, "--profile", "没有这个版式")
    assert r.exit_code != 0 and "没有名为「没有这个版式」的格式方案" in r.output, r.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("cmd, src", [("render", "讲话.yaml"), ("format", "手稿.txt")])
def test_an_output_drafter_does_not_write_is_refused(drafter_cli, tmp_path, cmd, src):
    _inputs(tmp_path)
    r = drafter_cli(cmd, tmp_path / src, "-o", tmp_path / "另一份.yaml")
    assert r.exit_code != 0 and "不能写出“.yaml”文件" in r.output, r.output
    assert not (tmp_path / "另一份.yaml").exists()


def test_the_workbench_writes_no_overwrite_records_for_its_temporary_files(tmp_path, monkeypatch):
    """Downloads are written to a private folder and read back: nothing to remember afterwards."""
    from drafter import overwrite
    from drafter.serve.handlers import Workbench
    remembered = []
    monkeypatch.setattr(overwrite, "remember", lambda path: remembered.append(path))
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    bench = Workbench(file=q)
    doc = bench.load_file()
    data = bench.export({"outline": "leader-speech", "base": doc["base"], "values": doc["values"],
                         "meta": doc["meta"], "format": "docx"})
    assert data.startswith(b"PK")
    data, name, _ = bench.format_upload("手稿.txt", DRAFT.read_bytes())
    assert data.startswith(b"PK") and name == "手稿（排版）.docx"
    assert remembered == []

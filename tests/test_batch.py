"""Batch rendering: many questionnaires, one process or a pool; bad ones never stop the others."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from drafter import batch
from drafter.batch import BatchResult, format_summary, render_batch
from drafter.errors import DrafterError


@pytest.fixture(scope="module")
def questionnaire_text() -> str:
    from drafter.genre.outline import find_outline
    from drafter.genre.scaffold import write_questionnaire
    return write_questionnaire(find_outline("leader-speech"), fill_examples=True)


def _good(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def _bad_ones(folder: Path, text: str) -> dict:
    """Corrupt copies of a good questionnaire, each with words its failure message must hold."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = {
        "语法错误.yaml": (text.replace("会议名称:", "会议名称:\t[", 1), "YAML 格式错误"),
        "缺必填项.yaml": ("\n".join(l for l in text.splitlines() if not l.startswith("会议名称:")) + "\n",
                       "「会议名称」是必填项"),
        "大纲不存在.yaml": (text.replace("大纲: leader-speech", "大纲: no-such-outline", 1), "no-such-outline"),
        "不是问卷.yaml": ("- 只是\n- 一个列表\n", "最外层"),
    }
    out = {}
    for name, (body, words) in cases.items():
        (folder / name).write_text(body, encoding="utf-8")
        out[folder / name] = words
    (folder / "乱码.yml").write_bytes(b"\xff\xfe\x00\xd8garbage\x00")
    out[folder / "乱码.yml"] = ""
    return out


def test_good_ones_render_and_bad_ones_are_listed_with_their_reason(tmp_path, questionnaire_text):
    good = [_good(tmp_path / "in", f"讲话{i}.yaml", questionnaire_text) for i in range(3)]
    bad = _bad_ones(tmp_path / "in", questionnaire_text)
    missing = tmp_path / "没有这个文件.yaml"
    out = tmp_path / "out"
    result = render_batch(good + list(bad) + [missing], out, jobs=1, echo=lambda s: None)

    assert result.rendered == [out / f"讲话{i}.docx" for i in range(3)]
    assert all(p.is_file() and zipfile.is_zipfile(p) for p in result.rendered)
    failed = dict(result.failed)
    assert set(failed) == set(bad) | {missing}
    for path, words in bad.items():
        assert words in failed[path], failed[path]
        assert "Traceback" not in failed[path]
    assert "文件不存在" in failed[missing]
    # no partial output: exactly the rendered files, no temporary leftovers
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in result.rendered)
    assert result.exit_code == 1 and result.total == 3 + len(bad) + 1


def test_all_good_exits_zero_and_summary_counts(tmp_path, questionnaire_text):
    good = [_good(tmp_path, f"q{i}.yaml", questionnaire_text) for i in range(2)]
    result = render_batch(good, tmp_path / "out", fmt="txt", jobs=1, echo=lambda s: None)
    assert result.exit_code == 0 and not result.failed
    assert [p.suffix for p in result.rendered] == [".txt", ".txt"]
    assert format_summary(result).startswith("共 2 份：成功 2 份，失败 0 份")


def test_summary_has_one_line_per_failure_naming_the_file():
    result = BatchResult(rendered=[Path("out/a.docx")],
                         failed=[(Path("b.yaml"), "文件不存在"), (Path("c.yaml"), "c.yaml:3:1: 「会议名称」是必填项")])
    lines = format_summary(result).splitlines()
    assert lines[0].startswith("共 3 份：成功 1 份，失败 2 份")
    assert lines[1:] == ["b.yaml: 文件不存在", "c.yaml:3:1: 「会议名称」是必填项"]


def test_a_folder_stands_for_its_questionnaires_and_same_stems_get_numbered(tmp_path, questionnaire_text):
    _good(tmp_path / "a", "讲话.yaml", questionnaire_text)
    _good(tmp_path / "a", "说明.txt", "不是问卷")
    _good(tmp_path / "b", "讲话.yml", questionnaire_text)
    empty = tmp_path / "空"
    empty.mkdir()
    result = render_batch([tmp_path / "a", tmp_path / "b", empty], tmp_path / "out", jobs=1, echo=lambda s: None)
    assert [p.name for p in result.rendered] == ["讲话.docx", "讲话-2.docx"]
    assert result.failed == [(empty, "文件夹中没有问卷（.yaml 或 .yml 文件）")]


def test_an_unexpected_error_is_one_chinese_failure_and_the_rest_go_on(tmp_path, questionnaire_text, monkeypatch):
    import drafter.api
    real = drafter.api.draft_from_answers

    def flaky(answers):
        if answers.path.name == "坏.yaml":
            raise RuntimeError("boom")
        return real(answers)

    monkeypatch.setattr(drafter.api, "draft_from_answers", flaky)
    files = [_good(tmp_path, n, questionnaire_text) for n in ("好.yaml", "坏.yaml", "也好.yaml")]
    result = render_batch(files, tmp_path / "out", jobs=1, echo=lambda s: None)
    assert [p.name for p in result.rendered] == ["好.docx", "也好.docx"]
    (path, message), = result.failed
    assert path.name == "坏.yaml" and "内部错误" in message and "Traceback" not in message


def test_a_bad_profile_stops_the_batch_before_any_file(tmp_path, questionnaire_text):
    q = _good(tmp_path, "q.yaml", questionnaire_text)
    with pytest.raises(DrafterError):
        render_batch([q], tmp_path / "out", profile="no-such-profile", echo=lambda s: None)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_output_must_be_a_folder(tmp_path, questionnaire_text):
    q = _good(tmp_path, "q.yaml", questionnaire_text)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(DrafterError, match="不是文件夹"):
        render_batch([q], tmp_path / "file", echo=lambda s: None)


def _parts(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_a_parallel_run_writes_the_same_documents_as_a_serial_run(tmp_path, questionnaire_text, monkeypatch):
    n = batch.POOL_THRESHOLD + 2
    files = [_good(tmp_path / "in", f"讲话{i:02d}.yaml", questionnaire_text.replace("全区社会工作会议", f"第{i}次会议"))
             for i in range(n)]
    bad = tmp_path / "in" / "坏.yaml"
    bad.write_text("大纲: leader-speech\n会议名称: [\n", encoding="utf-8")
    pooled = []
    real = batch._render_parallel
    monkeypatch.setattr(batch, "_render_parallel", lambda *a, **k: (pooled.append(a[2]), real(*a, **k)))

    serial = render_batch(files + [bad], tmp_path / "serial", jobs=1, echo=lambda s: None)
    parallel = render_batch(files + [bad], tmp_path / "parallel", jobs=2, echo=lambda s: None)

    assert pooled == [2], "the parallel run should have taken the pool path with two workers"
    assert [p.name for p in parallel.rendered] == [p.name for p in serial.rendered] and len(serial.rendered) == n
    assert [(p, m) for p, m in parallel.failed] == [(p, m) for p, m in serial.failed] and len(serial.failed) == 1
    for a, b in zip(serial.rendered, parallel.rendered):
        assert _parts(a) == _parts(b), a.name

"""An office's own outlines: outlines/README.md followed literally, extra outline folders, and the
sandbox that keeps templates from such folders to their own folder and away from Python internals."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from helpers import write_outline, write_yaml

README = Path(__file__).resolve().parent.parent / "outlines" / "README.md"
_FILE_BLOCK = re.compile(r"^```\w+ file=(\S+)\n(.*?)^```", re.M | re.S)
_CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)


def readme_files() -> dict:
    return {name: body for name, body in _FILE_BLOCK.findall(README.read_text(encoding="utf-8"))}


def readme_commands() -> list:
    cmds = []
    for block in _CONSOLE_BLOCK.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ drafter "):
                cmds.append(shlex.split(line[len("$ drafter "):]))
    return cmds


def test_readme_walkthrough_works_as_written(tmp_path, monkeypatch):
    files = readme_files()
    assert {"我单位大纲/pledge-speech.yaml", "我单位大纲/pledge-speech.xml.j2", "表态发言.yaml",
            "表态发言.txt"} <= set(files)
    expected = files.pop("表态发言.txt")
    monkeypatch.chdir(tmp_path)
    for name, body in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(body, encoding="utf-8")

    runner = CliRunner()
    commands = readme_commands()
    assert len(commands) == 5
    for args in commands:
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output, result.exception)
        if args[2] == "list":
            assert "pledge-speech" in result.output
        if args[2] == "check":
            assert "错误 0 个" in result.output

    assert Path("试填.txt").read_text(encoding="utf-8").startswith("在全县优化营商环境动员大会上的表态发言")
    got = Path("表态发言.txt").read_text(encoding="utf-8")
    assert got.strip() == expected.strip()
    assert "从三个方面" in got and "（三）在贴心服务上再加码。" in got


def test_readme_outline_switches_level2_to_standalone(tmp_path, monkeypatch):
    files = readme_files()
    monkeypatch.chdir(tmp_path)
    for name, body in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(body, encoding="utf-8")
    q = Path("表态发言.yaml")
    q.write_text(q.read_text(encoding="utf-8") + "二级标题: 单独成行\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--outlines", "我单位大纲", "render", str(q), "-o", "out.txt"])
    assert result.exit_code == 0, result.output
    assert "\n　　（一）在简化审批上再提速\n" in Path("out.txt").read_text(encoding="utf-8")


def test_readme_documents_every_question_type_and_filter():
    from drafter.genre.outline import TYPES, _ALLOWED
    text = README.read_text(encoding="utf-8")
    for t, settings in _ALLOWED.items():
        assert f"`{t}`" in text, t
        for s in settings:
            assert f"`{s}`" in text, s
    for f in ("count", "cn", "paras", "sentence", "date", "fill"):
        assert f"`{f}`" in text, f
    for tag in ("title", "subtitle", "byline", "lead", "salutation", "heading", "para", "head", "item", "closing"):
        assert f"<{tag}" in text, tag
    assert "level2" in text and "DRAFTER_OUTLINES" in text and "--outlines" in text
    assert set(TYPES) == set(_ALLOWED)


def test_environment_variable_adds_outline_folders(tmp_path, drafter_cli):
    import os
    folder = tmp_path / "我单位大纲"
    for name, body in readme_files().items():
        if name.startswith("我单位大纲/"):
            folder.mkdir(exist_ok=True)
            (tmp_path / name).write_text(body, encoding="utf-8")
    other = tmp_path / "空文件夹"
    other.mkdir()
    result = drafter_cli("list", env={"DRAFTER_OUTLINES": os.pathsep.join([str(other), str(folder)])})
    assert result.exit_code == 0
    assert "pledge-speech" in result.output and "leader-speech" in result.output


def test_user_outline_shadows_builtin_of_the_same_id(tmp_path, drafter_cli):
    write_outline(tmp_path, "meeting-news", "- {key: t, label: 标题, type: text}", "<title>{{ t }}</title>")
    result = drafter_cli("--outlines", tmp_path, "list")
    line = next(x for x in result.output.splitlines() if x.startswith("meeting-news"))
    assert "测试大纲" in line


# -- the sandbox ------------------------------------------------------------------------------

def _run_template(tmp_path, drafter_cli, template: str):
    folder = tmp_path / "office"
    write_outline(folder, "probe", "- {key: t, label: 标题, type: text}", template)
    q = write_yaml(tmp_path / "q.yaml", {"大纲": "probe", "标题": "试验"})
    return drafter_cli("--outlines", folder, "render", q, "-o", tmp_path / "out.txt")


def _assert_refused(result, *words):
    out = result.output + (getattr(result, "stderr", "") or "")
    assert result.exit_code not in (0, 3), out          # 3 would be an internal error
    assert "Traceback" not in out
    assert "错误：" in out and re.search(r"[\u4e00-\u9fff]", out)
    for w in words:
        assert w in out, out


def test_template_may_not_climb_out_of_its_folder(tmp_path, drafter_cli):
    (tmp_path / "secret.xml.j2").write_text("<title>外面的文件</title>", encoding="utf-8")
    result = _run_template(tmp_path, drafter_cli, "{% include '../secret.xml.j2' %}")
    _assert_refused(result, "找不到模板")
    assert not (tmp_path / "out.txt").exists()


def test_template_may_not_reach_builtin_templates_either(tmp_path, drafter_cli):
    result = _run_template(tmp_path, drafter_cli, "{% include 'leader-speech.xml.j2' %}")
    _assert_refused(result, "找不到模板")


@pytest.mark.parametrize("probe", [
    "<title>{{ ''.__class__.__mro__ }}</title>",
    "<title>{{ cycler.__init__.__globals__ }}</title>",
    "<title>{{ t.__class__.__base__.__subclasses__() }}</title>",
])
def test_template_may_not_touch_python_internals(tmp_path, drafter_cli, probe):
    result = _run_template(tmp_path, drafter_cli, probe)
    _assert_refused(result, "不允许访问")
    assert not (tmp_path / "out.txt").exists()


def test_template_may_include_its_own_folder(tmp_path, drafter_cli):
    folder = tmp_path / "office"
    write_outline(folder, "probe", "- {key: t, label: 标题, type: text}", "{% include 'part.xml.j2' %}")
    (folder / "part.xml.j2").write_text("<title>{{ t }}</title>", encoding="utf-8")
    q = write_yaml(tmp_path / "q.yaml", {"大纲": "probe", "标题": "同一文件夹"})
    result = drafter_cli("--outlines", folder, "render", q, "-o", tmp_path / "out.txt")
    assert result.exit_code == 0, result.output
    assert "同一文件夹" in (tmp_path / "out.txt").read_text(encoding="utf-8")

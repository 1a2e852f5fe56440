import re

import pytest

from drafter import __version__

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["init", "--help"], ["check", "--help"],
                                  ["outline", "--help"], ["render", "--help"]])
def test_help_is_in_chinese(drafter_cli, args):
    r = drafter_cli(*args)
    assert r.exit_code == 0
    assert "用法：" in r.output and "Usage" not in r.output and "Show this message" not in r.output
    assert "显示本帮助并退出" in r.output
    assert "选项：" in r.output and "OPTIONS" not in r.output and "选项:" not in r.output


def test_version(drafter_cli):
    r = drafter_cli("--version")
    assert r.exit_code == 0 and __version__ in r.output


def test_list_shows_id_name_and_description(drafter_cli):
    r = drafter_cli("list")
    line = next(x for x in r.output.splitlines() if x.startswith("leader-speech"))
    assert "会议讲话" in line and "部署任务" in line


@pytest.mark.parametrize("args, words", [
    (["nosuchcommand"], "没有“nosuchcommand”这个命令"),
    (["render", "--nosuch"], "没有“--nosuch”这个选项"),
    (["render"], "缺少参数"),
    (["init", "no-such-outline"], "找不到大纲“no-such-outline”"),
    (["render", "missing.yaml"], "文件不存在"),
])
def test_usage_errors_are_chinese_and_nonzero(drafter_cli, args, words):
    r = drafter_cli(*args)
    assert r.exit_code != 0
    assert words in r.output
    assert "Traceback" not in r.output


def test_init_writes_a_questionnaire_and_refuses_to_overwrite(drafter_cli, tmp_path):
    out = tmp_path / "讲话.yaml"
    r = drafter_cli("init", "leader-speech", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "大纲: leader-speech" in text
    # every question shows its label, whether it is required, and an example
    for words in ("【会议名称】必填，不超过 40 字", "示例：全区社会工作会议", "【参会人员】选填",
                  "【主要成效】必填，2～4 项", "复制下面整项"):
        assert words in text
    out.write_text("我的内容", encoding="utf-8")
    r = drafter_cli("init", "leader-speech", "-o", out)
    assert r.exit_code == 1 and "文件已存在" in r.output and "--force" in r.output
    assert out.read_text(encoding="utf-8") == "我的内容"
    assert drafter_cli("init", "leader-speech", "-o", out, "--force").exit_code == 0
    assert "大纲: leader-speech" in out.read_text(encoding="utf-8")


def test_unfilled_questionnaire_lists_what_to_fill(drafter_cli, tmp_path):
    out = tmp_path / "q.yaml"
    drafter_cli("init", "leader-speech", "-o", out)
    r = drafter_cli("render", out, "-o", tmp_path / "x.txt")
    assert r.exit_code == 1
    assert "「会议名称」是必填项" in r.output and re.search(r"q\.yaml:\d+:\d+", r.output)
    assert not (tmp_path / "x.txt").exists()


def test_render_txt_md_and_outline(drafter_cli, tmp_path):
    q = tmp_path / "q.yaml"
    drafter_cli("init", "leader-speech", "--examples", "-o", q)
    for fmt in ("txt", "md"):
        r = drafter_cli("render", q, "-o", tmp_path / f"讲话.{fmt}")
        assert r.exit_code == 0, r.output
    txt = (tmp_path / "讲话.txt").read_text(encoding="utf-8")
    assert txt.startswith("在全区社会工作会议上的讲话\n")
    assert "# 在全区社会工作会议上的讲话" in (tmp_path / "讲话.md").read_text(encoding="utf-8")
    r = drafter_cli("outline", q)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[1] == "一、回顾成效，坚定做好社会工作的信心决心"
    assert "    一是统筹协调还不够有力。" in lines


def test_render_never_overwrites_its_input(drafter_cli, tmp_path):
    q = tmp_path / "q.yaml"
    drafter_cli("init", "leader-speech", "--examples", "-o", q)
    before = q.read_bytes()
    r = drafter_cli("render", q, "-o", q, "--format", "txt")
    assert r.exit_code == 1 and "输出文件与输入文件相同" in r.output
    assert q.read_bytes() == before


def test_missing_output_folder_is_a_clear_error(drafter_cli, tmp_path):
    q = tmp_path / "q.yaml"
    drafter_cli("init", "leader-speech", "--examples", "-o", q)
    r = drafter_cli("render", q, "-o", tmp_path / "没有的文件夹" / "x.txt")
    assert r.exit_code == 1 and "输出文件夹不存在" in r.output


def test_internal_error_prints_one_chinese_line_and_logs(drafter_cli, tmp_path, monkeypatch):
    import drafter.api
    def boom(*a, **k):
        raise RuntimeError("boom")
    monkeypatch.setattr(drafter.api, "draft_from_answers", boom)
    q = tmp_path / "q.yaml"
    drafter_cli("init", "leader-speech", "--examples", "-o", q)
    r = drafter_cli("render", q, "-o", tmp_path / "x.txt")
    assert r.exit_code == 3
    assert "drafter 内部错误" in r.output and "Traceback" not in r.output
    log = re.search(r"记入：(\S+\.log)", r.output).group(1)
    assert "RuntimeError: boom" in open(log, encoding="utf-8").read()


def test_output_files_get_ordinary_permissions(drafter_cli, tmp_path):
    import os
    import stat
    q = tmp_path / "q.yaml"
    drafter_cli("init", "leader-speech", "--examples", "-o", q)
    drafter_cli("render", q, "-o", tmp_path / "x.txt")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "x.txt").stat().st_mode) == 0o666 & ~mask
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_batch_render_through_the_cli(drafter_cli, tmp_path):
    good = tmp_path / "in" / "甲.yaml"
    good.parent.mkdir()
    drafter_cli("init", "leader-speech", "--examples", "-o", good)
    bad = tmp_path / "in" / "乙.yaml"
    bad.write_text(good.read_text(encoding="utf-8").replace("讲话人: 周文涛", "讲话人:"), encoding="utf-8")
    r = drafter_cli("render", tmp_path / "in", "-o", tmp_path / "out/", "--format", "txt")
    assert r.exit_code == 1
    assert "共 2 份：成功 1 份，失败 1 份" in r.output and "「讲话人」是必填项" in r.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["甲.txt"]
    r = drafter_cli("render", good, good, "--format", "txt")
    assert r.exit_code == 2 and "请用 -o 指定输出文件夹" in r.output


def test_pdf_without_libreoffice_says_what_to_install(drafter_cli, tmp_path):
    q = tmp_path / "q.yaml"
    drafter_cli("init", "leader-speech", "--examples", "-o", q)
    r = drafter_cli("render", q, "-o", tmp_path / "讲话.pdf", env={"DRAFTER_SOFFICE": str(tmp_path / "no-soffice")})
    assert r.exit_code == 1
    assert "未找到 LibreOffice，无法生成 PDF" in r.output and "libreoffice-writer-nogui" in r.output
    assert not (tmp_path / "讲话.pdf").exists()


def test_profile_show_and_fonts(drafter_cli, tmp_path):
    r = drafter_cli("profile", "show", "podium")
    assert r.exit_code == 0 and "podium" in r.output and "clause" in r.output
    mine = tmp_path / "本单位.yaml"
    mine.write_text("base: gbt9704\nstyles:\n  body:\n    size_pt: {value: 15, strength: 实务}\n", encoding="utf-8")
    r = drafter_cli("profile", "show", mine)
    assert r.exit_code == 0, r.output
    bad = tmp_path / "坏.yaml"
    bad.write_text("styles:\n  body:\n    size_pt: 15\n", encoding="utf-8")
    r = drafter_cli("profile", "show", bad)
    assert r.exit_code == 1 and "坏.yaml:3" in r.output
    r = drafter_cli("fonts")
    assert r.exit_code == 0 and "仿宋_GB2312" in r.output

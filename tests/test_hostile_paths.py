"""Issue 14, items 2, 3, 8, 10, 11: what drafter reads stays where it belongs, what it writes is a
regular file that is never an input and never someone's edited work."""
import os
import socket

import pytest

from conftest import EXAMPLES
from helpers import run_capped, write_outline, write_yaml

SECRET = "机密：这一行不在大纲文件夹里"


def out_text(r) -> str:
    return r.output if hasattr(r, "output") else (r.stdout + r.stderr).decode("utf-8", "replace")


# --- item 2: outlines and templates stay in their folder --------------------------------------

@pytest.fixture
def outside(tmp_path):
    """An outline and a file outside every outline folder: nothing may load them."""
    folder = tmp_path / "elsewhere"
    write_outline(folder, "evil", "- {key: a, label: 甲, type: text}", "<para>{{ a }}</para>")
    (folder / "secret.txt").write_text(f"<para>{SECRET}</para>\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["../elsewhere/evil", "{outside}/evil", "{outside}/evil.yaml", "evil.yaml",
                                  "./evil", "..", "a\\b"])
def test_an_outline_is_named_never_reached_by_path(drafter_cli, tmp_path, outside, name):
    work = tmp_path / "work"
    work.mkdir()
    q = write_yaml(work / "q.yaml", {"大纲": name.format(outside=outside), "甲": "内容"})
    r = drafter_cli("render", q, "-o", work / "q.txt")
    assert r.exit_code == 1 and "应是大纲的编号" in r.output and "q.yaml:1" in r.output
    assert not (work / "q.txt").exists()


def outline_with(folder, template: str):
    write_outline(folder, "probe", "- {key: a, label: 甲, type: text}", template)
    return folder


@pytest.mark.parametrize("link", ["file", "folder", "main template"])
def test_a_symlink_out_of_the_outline_folder_is_refused(drafter_cli, tmp_path, outside, link):
    folder = tmp_path / "ol"
    if link == "file":
        outline_with(folder, '<para>{{ a }}</para>{% include "leak.txt" %}')
        (folder / "leak.txt").symlink_to(outside / "secret.txt")
    elif link == "folder":
        outline_with(folder, '<para>{{ a }}</para>{% include "sub/secret.txt" %}')
        (folder / "sub").symlink_to(outside, target_is_directory=True)
    else:
        outline_with(folder, "<para>{{ a }}</para>")
        (folder / "probe.xml.j2").unlink()
        (folder / "probe.xml.j2").symlink_to(outside / "secret.txt")
    q = write_yaml(tmp_path / "q.yaml", {"大纲": "probe", "甲": "内容"})
    r = drafter_cli("--outlines", folder, "render", q, "-o", tmp_path / "q.txt")
    assert r.exit_code == 1 and "大纲文件夹以外" in r.output and SECRET not in r.output
    assert not (tmp_path / "q.txt").exists()


def test_a_symlink_that_stays_inside_the_folder_is_fine(drafter_cli, tmp_path):
    folder = outline_with(tmp_path / "ol", '<para>{{ a }}</para>{% include "part.j2" %}')
    (folder / "real-part.j2").write_text("<para>本文件夹里的段落。</para>\n", encoding="utf-8")
    (folder / "part.j2").symlink_to(folder / "real-part.j2")
    q = write_yaml(tmp_path / "q.yaml", {"大纲": "probe", "甲": "内容"})
    r = drafter_cli("--outlines", folder, "render", q, "-o", tmp_path / "q.txt")
    assert r.exit_code == 0, r.output
    assert "本文件夹里的段落" in (tmp_path / "q.txt").read_text(encoding="utf-8")


def test_a_missing_outlines_folder_is_an_error(drafter_cli, tmp_path):
    r = drafter_cli("--outlines", tmp_path / "没有这个文件夹", "list")
    assert r.exit_code == 1 and "找不到大纲文件夹" in r.output


# --- item 8: non-regular and oversized inputs are refused without reading ---------------------

def special(tmp_path, kind: str, name: str):
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "huge":   # 600 MB, sparse: no disk used, but reading it whole would take 600 MB
        with open(path, "wb") as f:
            f.truncate(600_000_000)
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge", "folder"])
@pytest.mark.parametrize("command, name", [("render", "q.yaml"), ("check", "d.txt"), ("stats", "d.md"),
                                           ("check", "d.docx")])
def test_special_and_oversized_inputs_are_refused_at_once(tmp_path, kind, command, name):
    path = special(tmp_path, kind, name)
    r = run_capped([command, path], timeout_s=60, memory_mb=500)
    text = out_text(r)
    assert r.returncode in (1, 2) and "内部错误" not in text, text
    assert any(w in text for w in ("不是普通文件", "文件过大", "文件夹")), text


def test_a_fifo_in_an_outline_folder_does_not_hang_list(tmp_path):
    folder = tmp_path / "ol"
    write_outline(folder, "probe", "- {key: a, label: 甲, type: text}", "<para>{{ a }}</para>")
    os.mkfifo(folder / "stuck.yaml")
    r = run_capped(["--outlines", folder, "list"], timeout_s=60, memory_mb=500)
    assert r.returncode == 2 and "stuck.yaml" in out_text(r) and "不是普通文件" in out_text(r)
    assert "probe" in r.stdout.decode("utf-8") and "leader-speech" in r.stdout.decode("utf-8")   # the rest still listed


# --- item 3: the output is a regular file or nothing -------------------------------------------

def make_target(tmp_path, kind: str):
    path = tmp_path / "out.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    elif kind == "device":   # what -o /dev/null is, made here so a failure harms nothing
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))
    return path


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_an_existing_target_that_is_not_a_regular_file_is_refused(drafter_cli, tmp_path, kind):
    path = make_target(tmp_path, kind)
    before = os.lstat(path)
    for extra in ((), ("--force",)):
        r = drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", path, *extra)
        assert r.exit_code == 1 and "不是普通文件" in r.output
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_a_symlinked_target_is_refused_and_both_ends_stay(drafter_cli, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("原有内容", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    r = drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", link, "--force")
    assert r.exit_code == 1 and "符号链接" in r.output and str(real) in r.output
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "原有内容"


# --- item 10: the reference template is an input ----------------------------------------------

@pytest.fixture
def reference(tmp_path, drafter_cli):
    ref = tmp_path / "讲话.docx"
    assert drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", ref).exit_code == 0
    return ref


@pytest.mark.parametrize("how", ["default output", "-o", "hard link", "batch"])
def test_the_reference_docx_is_never_written(drafter_cli, tmp_path, reference, how):
    q = tmp_path / "讲话.yaml"
    q.write_bytes((EXAMPLES / "leader-speech.yaml").read_bytes())
    before = reference.read_bytes()
    if how == "default output":
        args = ["render", q]
    elif how == "-o":
        args = ["render", q, "-o", reference]
    elif how == "hard link":
        os.link(reference, tmp_path / "别名.docx")
        args = ["render", q, "-o", tmp_path / "别名.docx"]
    else:
        args = ["render", q, EXAMPLES / "meeting-news.yaml", "-o", f"{tmp_path}/"]
    r = drafter_cli(*args, "--reference-docx", reference, "--force")
    assert r.exit_code == 1 and "Word 模板" in r.output
    assert reference.read_bytes() == before


# --- item 11: only drafter's own, unchanged output is replaced without --force ------------------

@pytest.mark.parametrize("suffix", [".docx", ".txt", ".md"])
def test_overwriting_needs_force_unless_drafter_wrote_the_file_and_it_is_unchanged(drafter_cli, tmp_path, suffix):
    out = tmp_path / f"讲话{suffix}"
    q = EXAMPLES / "leader-speech.yaml"
    assert drafter_cli("render", q, "-o", out).exit_code == 0
    assert drafter_cli("render", q, "-o", out).exit_code == 0          # drafter's own, unchanged
    with open(out, "ab") as f:
        f.write(b"\n")                                                  # the clerk edited it
    edited = out.read_bytes()
    r = drafter_cli("render", q, "-o", out)
    assert r.exit_code == 1 and "修改过" in r.output and "--force" in r.output
    assert out.read_bytes() == edited
    assert drafter_cli("render", q, "-o", out, "--force").exit_code == 0
    assert out.read_bytes() != edited


def test_a_file_drafter_never_wrote_needs_force(drafter_cli, tmp_path):
    out = tmp_path / "别人的.txt"
    out.write_text("别人写的稿子", encoding="utf-8")
    r = drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", out)
    assert r.exit_code == 1 and "不是 drafter 生成的" in r.output and "--force" in r.output
    assert out.read_text(encoding="utf-8") == "别人写的稿子"


def test_in_a_batch_an_edited_output_fails_alone_and_force_replaces_it(drafter_cli, tmp_path):
    sources = [EXAMPLES / "leader-speech.yaml", EXAMPLES / "meeting-news.yaml"]
    out = tmp_path / "文稿"
    assert drafter_cli("render", *sources, "-o", f"{out}/", "-j", "1").exit_code == 0
    edited = out / "leader-speech.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")
    r = drafter_cli("render", *sources, "-o", f"{out}/", "-j", "1")
    assert r.exit_code == 1 and "成功 1 份，失败 1 份" in r.output and "--force" in r.output
    assert drafter_cli("render", *sources, "-o", f"{out}/", "--force").exit_code == 0

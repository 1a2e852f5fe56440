"""Issue 26, point 7: names are shown safely. A received file's name reaches the terminal escaped
(as ls does), never as escape sequences that retitle or clear it, never as a line break that
splits drafter's message; and every next-step command drafter prints runs as shown.

Every case runs the command as a process in a folder holding a file of that name.
"""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from drafter import display

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"
pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file names and bash quoting")

NAMES = {
    "sets the title": "讲话\x1b]0;你的电脑已被控制\x07",
    "clears the screen": "讲话\x1b[2J\x1b[H",
    "has a line break": "讲话\n错误：伪造的一行",
    "starts with --": "--force",
    "has spaces": "有 空格 的讲话",
    "has a quote": "张三's 讲话",
    "has a bidi override": "讲话\u202eslmx.exe",
    "is not UTF-8": os.fsdecode(b"\xbd\xb2\xbb\xb0"),   # 讲话 in GBK, as a Windows share hands it over
}


def _run(args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, capture_output=True,
                          timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def _shown(r: subprocess.CompletedProcess) -> str:
    """stdout and stderr as text; fails on anything a terminal would act on."""
    out = (r.stdout + r.stderr).decode("utf-8")
    bad = [c for c in out if c not in "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    assert not bad, (bad, out)
    return out


def _replaced(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _next_step(out: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the drafter command printed after 运行： through bash, as the clerk would paste it."""
    line = next(x for x in out.splitlines() if "运行：drafter " in x)
    command = line.split("运行：", 1)[1]
    return subprocess.run(["bash", "-c", command.replace("drafter", f'"{sys.executable}" -m drafter', 1)],
                          cwd=cwd, capture_output=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))


@pytest.mark.parametrize("case", list(NAMES))
def test_init_shows_the_name_escaped_and_its_next_step_runs(tmp_path, case):
    name = NAMES[case] + ".yaml"
    r = _run(["init", "leader-speech", "--examples", f"--output={name}"], tmp_path)
    assert r.returncode == 0, r.stderr
    out = _shown(r)
    assert len(out.strip().splitlines()) == 2, out
    assert display.text(name) in out
    step = _next_step(out, tmp_path)
    assert step.returncode in (0, 1), step.stderr.decode()   # checked, not a usage error
    # (the checker's report shows undecodable bytes as U+FFFD, so that its JSON stays UTF-8)
    assert display.text(name) in _shown(step) or _replaced(name) in _shown(step)


@pytest.mark.parametrize("case", list(NAMES))
def test_import_shows_the_names_escaped_and_its_next_step_runs(tmp_path, case):
    src = tmp_path / (NAMES[case] + ".txt")
    src.write_text("在全区社会工作会议上的讲话\n\n同志们：\n\n今天召开会议，部署下一阶段工作。\n", encoding="utf-8")
    r = _run(["import", f"./{src.name}"], tmp_path)
    assert r.returncode == 0, r.stderr
    out = _shown(r)
    assert display.text(src.name) in out
    step = _next_step(out, tmp_path)
    assert step.returncode in (0, 1), step.stderr.decode()
    _shown(step)


@pytest.mark.parametrize("case", list(NAMES))
def test_messages_about_a_file_show_its_name_escaped(tmp_path, case):
    stem = NAMES[case]
    (tmp_path / f"{stem}.yaml").write_bytes(EXAMPLE.read_bytes())
    r = _run(["render", f"./{stem}.yaml", "-o", f"./{stem}.docx"], tmp_path)      # 已生成：…
    assert r.returncode == 0, r.stderr
    assert "：" + display.text(f"{stem}.docx") in _shown(r)
    r = _run(["render", f"./{stem}缺.yaml"], tmp_path)                            # an error with its place
    assert r.returncode == 2
    out = _shown(r)
    assert out.startswith("错误：" + display.text(f"{stem}缺.yaml") + ": "), out
    assert len(out.strip().splitlines()) == 2, out                               # the error and its hint
    r = _run(["check", f"./{stem}缺.yaml"], tmp_path)
    assert r.returncode == 2
    assert _shown(r).startswith(tuple(f"{n}缺.yaml: 错误 [unreadable]" for n in (display.text(stem), _replaced(stem))))
    (tmp_path / f"{stem}.txt").write_text("讲话\n\n同志们：\n\n今天开会,研究工作。\n", encoding="utf-8")
    r = _run(["format", f"./{stem}.txt"], tmp_path)                               # corrections by file:line
    assert r.returncode == 0, r.stderr
    assert display.text(f"{stem}.txt") + ":" in _shown(r)


def test_a_batch_summary_shows_failed_names_escaped(tmp_path):
    folder = tmp_path / "问卷"
    folder.mkdir()
    for case, stem in NAMES.items():
        (folder / f"{stem}.yaml").write_text("大纲: leader-speech\n会议名称: [\n", encoding="utf-8")
    r = _run(["render", "问卷", "-o", "文稿/"], tmp_path)
    assert r.returncode == 1
    out = _shown(r)
    for stem in NAMES.values():
        assert display.text(f"{stem}.yaml") in out, stem


def test_the_workbench_shows_the_file_it_edits_escaped(tmp_path):
    import socket
    stem = NAMES["sets the title"]
    (tmp_path / f"{stem}.yaml").write_bytes(EXAMPLE.read_bytes())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--no-browser", "--port", str(port), f"{stem}.yaml"],
                         cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=dict(os.environ, PYTHONPATH=str(ROOT), CI="true"))
    try:
        lines = [p.stdout.readline() for _ in range(2)]
    finally:
        p.terminate()
        p.wait(timeout=30)
    text = b"".join(lines).decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text and display.text(stem) in text, text


@pytest.mark.parametrize("raw, shown, argument", [
    ("讲话.yaml", "讲话.yaml", "讲话.yaml"),
    ("--force.yaml", "--force.yaml", "./--force.yaml"),
    ("有 空格.yaml", "有 空格.yaml", "'有 空格.yaml'"),
    ("a\x1b[2Jb", "a\\x1b[2Jb", "$'a\\x1b[2Jb'"),
    ("a\nb", "a\\nb", "$'a\\nb'"),
    ("a\u202eb", "a\\u202eb", "$'a\\u202eb'"),
    ("it's", "it's", "'it'\"'\"'s'"),
    ("~/x", "~/x", "'~/x'"),
    (os.fsdecode(b"\xff.txt"), "\\xff.txt", "$'\\xff.txt'"),
])
def test_display_escapes_as_ls_does_and_quotes_as_a_shell_needs(raw, shown, argument):
    assert display.text(raw) == shown
    assert display.arg(raw) == argument
    # the argument, read back by bash, is the name itself
    back = subprocess.run(["bash", "-c", f"printf %s {argument}"], capture_output=True).stdout
    assert back == os.fsencode(raw if not raw.startswith("-") else "./" + raw)

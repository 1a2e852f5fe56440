"""check and stats stay linear on hostile sizes (issue 14, item 6): 20,000 short headings, a
draft a hundred times the size of a speech, one paragraph of 20,000 count phrases, a .docx of
20,000 paragraphs.

No timing is asserted: each command runs in a subprocess with a generous timeout that only a
hang or quadratic growth (minutes, as before) can exceed. ``make bench`` measures speed.
"""
import subprocess
import sys

from conftest import ROOT

CASES = ROOT / "tests" / "checker_cases"
HANG = 60          # seconds; the three files take a few seconds together


def _write(tmp_path):
    cn = "一二三四五六七八九"
    heads = tmp_path / "标题两万.txt"
    heads.write_text("在全区会议上的讲话\n同志们：\n今天开会。\n"
                     + "".join(f"（{cn[k % 9]}）加强第{k}项工作\n" for k in range(20000)), encoding="utf-8")
    big = tmp_path / "百倍.txt"
    big.write_text("\n".join([(CASES / "good_article.txt").read_text(encoding="utf-8")] * 100), encoding="utf-8")
    long = tmp_path / "长段.txt"
    long.write_text("在全区会议上的讲话\n同志们：\n" + "实施三大行动，抓好两项任务，" * 20000 + "\n", encoding="utf-8")
    from drafter.write.docx import write_docx
    from drafter.draft import PARA, TITLE, Draft, block
    paras = tmp_path / "两万段.docx"
    write_docx(Draft([block(TITLE, "在全区会议上的讲话")] + [block(PARA, f"第{k}段，全区新建服务站三个。")
                                                            for k in range(20000)]), paras)
    return [heads, big, long, paras]


def _run(*args):
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=HANG, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_check_and_stats_finish_on_hostile_sizes(tmp_path):
    files = _write(tmp_path)
    assert files[0].stat().st_size > 500_000
    r = _run("check", *files)
    assert r.returncode in (0, 1), r.stderr
    assert "共检查 4 个文件" in r.stdout
    for f in files:
        s = _run("stats", f)
        assert s.returncode == 0 and "分钟" in s.stdout, s.stderr

"""Issue 22's measurements, run by bench/run.py: the review loop as whole processes.

* ``drafter check IN.docx --annotate -o OUT.docx --force`` and ``drafter format IN.docx
  --track-changes -o OUT.docx --force`` of the 30,000-character .docx, against the floor process
  (target ≤ 1.5×), and at 1×, 4×, 16× for the growth;
* ``drafter compare A.docx B.docx -o OUT.docx --force`` of two 30,000-character drafts (target ≤ 2×
  the floor), and at 1×, 4×, 16×.

The drafts are run.py's (the leader-speech example's prose repeated, see synth.py) with the slips
a clerk's draft has planted in every few paragraphs — a half-width comma, a typed ``...``, a
half-width colon — so that the annotated copy has a comment and the tracked copy a change in
every third paragraph or so; they are made .docx by ``drafter format --keep-text``. The second
draft of a comparison changes a figure in every seventh paragraph, drops a sentence from every
eleventh, a word from every thirteenth, removes every seventeenth paragraph and adds one after
every nineteenth.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

SIZES = ("1", "4", "16", "30k")
TARGET_ANNOTATE = 1.5
TARGET_TRACK = 1.5
TARGET_COMPARE = 2.0
TARGET_LINEAR = 1.25
ADDED = "　　要把这项工作抓紧抓实，确保按期完成。"


@dataclass
class Cases:
    slipped: Dict[str, Path] = field(default_factory=dict)    # size -> .docx with slips
    second: Dict[str, Path] = field(default_factory=dict)     # size -> revised .docx
    first: Dict[str, Path] = field(default_factory=dict)      # size -> the draft as rendered
    chars: Dict[str, int] = field(default_factory=dict)
    commands: Dict[str, List[str]] = field(default_factory=dict)


def _slips(lines: List[str]) -> List[str]:
    out = []
    for k, line in enumerate(lines):
        if k % 3 == 1:
            line = line.replace("，", ",", 1)
        if k % 5 == 2 and line.count("。") > 1:
            line = line.replace("。", "...", 1)
        if k % 7 == 3:
            line = line.replace("：", ":", 1)
        out.append(line)
    return out


def _revised(lines: List[str]) -> List[str]:
    out = []
    for k, line in enumerate(lines):
        if k % 17 == 8:
            continue
        if k % 7 == 0:
            line = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1), line, count=1)
        if k % 11 == 5 and line.count("。") > 1:
            line = line.split("。", 1)[1]
        if k % 13 == 6:
            line = line.replace("工作", "任务", 1)
        out.append(line)
        if k % 19 == 9:
            out.append(ADDED)
    return out


def build(drafter: List[str], drafts, folder: Path) -> Cases:
    """The slipped and revised drafts of every size, as .docx, and the commands to time."""
    folder.mkdir(parents=True, exist_ok=True)
    c = Cases()
    for size in SIZES:
        lines = drafts[size].txt.read_text(encoding="utf-8").splitlines()
        made = {}
        for kind, text in (("slipped", _slips(lines)), ("second", _revised(lines))):
            txt = folder / f"{kind}-{size}.txt"
            txt.write_text("\n".join(text) + "\n", encoding="utf-8")
            made[kind] = folder / f"{kind}-{size}.docx"
            subprocess.run([*drafter, "format", str(txt), "--keep-text", "-o", str(made[kind]), "--force"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        c.slipped[size], c.second[size] = made["slipped"], made["second"]
        c.first[size] = drafts[size].docx
        c.chars[size] = drafts[size].chars
        out = folder / "out"
        out.mkdir(exist_ok=True)
        c.commands[f"annotate-{size}"] = [*drafter, "check", str(made["slipped"]), "--annotate",
                                          "-o", str(out / f"annotated-{size}.docx"), "--force"]
        c.commands[f"track-{size}"] = [*drafter, "format", str(made["slipped"]), "--track-changes",
                                       "-o", str(out / f"tracked-{size}.docx"), "--force"]
        c.commands[f"compare-{size}"] = [*drafter, "compare", str(c.first[size]), str(made["second"]),
                                         "-o", str(out / f"compared-{size}.docx"), "--force"]
    return c


def _ok(good: bool) -> str:
    return "达标" if good else "**未达标**"


def _linear(t: Dict[str, float], chars: Dict[str, int]):
    unit = chars["1"]
    m1 = (t["4"] - t["1"]) / (chars["4"] - chars["1"]) * unit
    m2 = (t["16"] - t["4"]) / (chars["16"] - chars["4"]) * unit
    return m1, m2, (m2 / m1 if m1 > 0 else float("inf"))


def render(procs, c: Cases) -> str:
    """Issue 22's table. A command that failed is a row that says so, never a number."""
    floor = procs["floor"].ms
    L = ["## 问题 22（批注、修订与对照）", "", "| 目标 | 实测 | 结论 |", "|---|---|---|"]
    rows = (("annotate", "`drafter check IN.docx --annotate`", TARGET_ANNOTATE),
            ("track", "`drafter format IN.docx --track-changes`", TARGET_TRACK),
            ("compare", "`drafter compare 一稿.docx 二稿.docx`（两稿各", TARGET_COMPARE))
    for key, label, target in rows:
        s = procs[f"{key}-30k"]
        what = f"{label} {c.chars['30k']:,} 字" + ("）" if key == "compare" else " 的 .docx")
        if s.failed or not s.times:
            L.append(f"| {what} ≤ {target}× 基线进程 | 运行失败 | **未达标** |")
            continue
        L.append(f"| {what} ≤ {target}× 基线进程 | {s.ms:,.0f} ms ÷ {floor:,.0f} ms = {s.ms / floor:.2f}× | "
                 f"{_ok(s.ms / floor <= target)} |")
    for key, label, _ in rows:
        if any(procs[f"{key}-{k}"].failed or not procs[f"{key}-{k}"].times for k in ("1", "4", "16")):
            L.append(f"| {label}{'）' if key == 'compare' else ''} 随篇幅线性增长 | 运行失败 | **未达标** |")
            continue
        t = {k: procs[f"{key}-{k}"].cpu_ms for k in ("1", "4", "16")}
        m1, m2, r = _linear(t, c.chars)
        name = label.replace("（两稿各", "")
        L.append(f"| {name} 随篇幅线性增长（整个进程，CPU 时间）：4×→16× 每 1× 的增量 ≤ {TARGET_LINEAR}× 1×→4× 的增量 | "
                 f"{t['1']:,.0f} / {t['4']:,.0f} / {t['16']:,.0f} ms；每 1× 增量 {m1:.1f} → {m2:.1f} ms = {r:.2f}× | "
                 f"{_ok(r <= TARGET_LINEAR)} |")
    L += ["", "说明：",
          "- 文稿：与上面相同的 1×、4×、16× 和 30,000 字文稿，每三段改一个半角逗号、每五段把一个句号改成“...”、"
          "每七段改一个半角冒号（文书常见的笔误），用 `drafter format --keep-text` 存为 .docx；加批注和修订都针对这份文稿，"
          "输出写到 -o 指定的文件（--force）。",
          "- 对照：一稿是 drafter 生成的原稿，二稿每七段改一个数字、每十一段删一句、每十三段改一个词、删去每十七段、"
          "每十九段后加一段。",
          "- 整个进程计时，与基线进程交替运行，取中位数（同上表）。随篇幅的增长按进程的 CPU 时间（用户＋系统，"
          "os.wait4）判断：机器上同时有别的程序运行时，被抢占的时间落在墙钟时间里，增量因此不可比。", ""]
    return "\n".join(L)

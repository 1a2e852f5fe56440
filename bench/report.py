"""The benchmark's report: one Markdown text, printed and written to bench/RESULTS.md."""
from __future__ import annotations

import math
import statistics
from typing import List, Optional

TARGET_RENDER_VS_FLOOR = 1.25
TARGET_LIGHT_VS_FLOOR = 0.6
TARGET_INPROC_VS_PYTHON_DOCX = 1.5
TARGET_LINEAR = 1.25      # marginal cost per unit of length, 4x→16x over 1x→4x
TARGET_PEAK_MB = 60
TARGET_BATCH_VS_PANDOC = 1 / 3

LIGHT_NAMES = {"help": "drafter --help", "list": "drafter list", "init": "drafter init leader-speech",
               "check": "drafter check 问卷"}


def _n(x: float, digits: int = 0) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.{digits}f}"


def _r(a: Optional[float], b: Optional[float]) -> str:
    if a is None or b is None or math.isnan(a) or math.isnan(b) or b == 0:
        return "—"
    return f"{a / b:.2f}"


def _ok(good: bool) -> str:
    return "达标" if good else "**未达标**"


def render(info, cases, procs, docx_imports, inproc, batch, rounds, inproc_runs, inproc_rounds,
           quick: bool = False) -> str:
    floor = procs["floor"]
    size_label = {c.size: f"{c.size}×（{c.chars:,} 字，{c.blocks} 段）" for c in cases}
    L: List[str] = []
    L.append("# drafter 性能基准结果")
    L.append("")
    if quick:
        L.append("> 这是 `--quick` 试运行的结果，轮数很少，数字只用来检查基准本身，不作为正式结果。")
        L.append("")
    L.append(f"- 日期：{info['date']}；用时 {info['seconds']} 秒；复现：`make bench`")
    L.append(f"- 机器：{info['cpu']}，{info['cores']} 核，内存 {info['memory']}；{info['os']}；Python {info['python']}")
    L.append(f"- 测量前后的系统负载（1/5/15 分钟）：{info['load']} → {info['load_after']}"
             "（负载高于 0 说明同时有别的程序在运行，数字会偏大、偏散）")
    L.append(f"- 版本：{info['versions']}；{info['pandoc']}")
    L.append("- 内容：leader-speech 示例问卷（1×），以及把其中每一段多段文字重复若干遍、篇幅约为 4× 和 16× 的合成问卷；"
             "pandoc 用同一文稿的 Markdown，python-docx 与 docxtpl 用同一文稿的段落。")
    L.append("")

    L.append("## 结果")
    L.append("")
    L.append("| 测量 | 篇幅 | 时间（毫秒） | ÷ 基线 | ÷ pandoc | 峰值内存（MB） | ÷ 基线 | ÷ pandoc |")
    L.append("|---|---|---:|---:|---:|---:|---:|---:|")
    L.append(f"| 基线进程：导入 python-docx、jinja2、PyYAML、click 并保存空文档 | — | {_n(floor.ms)} | 1.00 | — | "
             f"{_n(floor.mb, 1)} | 1.00 | — |")
    for c in cases:
        pan = procs.get(f"pandoc-{c.size}")
        ren = procs[f"render-{c.size}"]
        pan_ms = pan.ms if pan else None
        pan_mb = pan.mb if pan else None
        L.append(f"| `drafter render`（整个进程） | {size_label[c.size]} | {_n(ren.ms)} | {_r(ren.ms, floor.ms)} | "
                 f"{_r(ren.ms, pan_ms)} | {_n(ren.mb, 1)} | {_r(ren.mb, floor.mb)} | {_r(ren.mb, pan_mb)} |")
        if pan:
            L.append(f"| pandoc：Markdown → .docx（整个进程） | {size_label[c.size]} | {_n(pan.ms)} | "
                     f"{_r(pan.ms, floor.ms)} | 1.00 | {_n(pan.mb, 1)} | {_r(pan.mb, floor.mb)} | 1.00 |")
        base = inproc[f"python-docx-{c.size}"]
        for key, name in (("python-docx", "python-docx 直接生成同样的段落（进程内，基线）"),
                          ("drafter", "drafter 库调用：问卷 → .docx（进程内）"),
                          ("docxtpl", "docxtpl 把同样的段落填入模板（进程内）")):
            s = inproc[f"{key}-{c.size}"]
            L.append(f"| {name} | {size_label[c.size]} | {_n(s.ms, 1)} | {_r(s.ms, base.ms)} | {_r(s.ms, pan_ms)} | "
                     f"{_n(s.mb, 1)} | {_r(s.mb, base.mb)} | — |")
    for name, label in LIGHT_NAMES.items():
        s = procs[f"cmd-{name}"]
        imported = docx_imports.get(name)
        flag = "导入了 python-docx" if imported else ("未导入 python-docx" if imported is False else "运行失败")
        pan = procs.get("pandoc-1")
        L.append(f"| `{label}`（整个进程，{flag}） | 1× | {_n(s.ms)} | {_r(s.ms, floor.ms)} | "
                 f"{_r(s.ms, pan.ms if pan else None)} | {_n(s.mb, 1)} | {_r(s.mb, floor.mb)} | "
                 f"{_r(s.mb, pan.mb if pan else None)} |")
    L.append("")
    L.append("说明：")
    L.append(f"- 整个进程：从启动到退出的墙钟时间，峰值内存是 `os.wait4` 给出的该进程最大常驻内存（ru_maxrss）；"
             f"各进程交替运行 {rounds} 轮，取中位数。“÷ 基线”除以基线进程。")
    runs = "、".join(f"{k}× 每轮 {v} 次" for k, v in inproc_runs.items())
    L.append(f"- 进程内：在已导入所需库的新进程里先生成一次（预热），再计时生成（{runs}，共 {inproc_rounds} 轮），"
             "取中位数；不含进程启动。峰值内存是第一次生成时进程最大常驻内存比生成前多出的部分"
             "（Linux 写 /proc/self/clear_refs 重置峰值），不含导入库的内存。“÷ 基线”除以同篇幅的 python-docx。"
             "进程内的内存与 pandoc 整个进程的内存不可比，不列比值。")
    L.append("- python-docx 基线按最直接的用法逐段 `add_paragraph(style=…)`、逐段落内片段 `add_run`；"
             "docxtpl 的模板只有一个段落循环，不区分段落样式。两者都不含问卷读取、校验、编号和版式。")
    failures = [f"{name}（{s.failed} 次失败{'：' + s.error if s.error else ''}）"
                for group in (procs, inproc) for name, s in group.items() if s.failed]
    if failures:
        L.append("- 未能测量或有失败的项目（不计入中位数，表中为“—”的就是没有数字）：" + "；".join(failures))
    L.append("")

    L.append("## 目标")
    L.append("")
    L.append("| 目标 | 实测 | 结论 |")
    L.append("|---|---|---|")
    ren1 = procs["render-1"]
    ratio = ren1.ms / floor.ms
    L.append(f"| `drafter render` 示例 ≤ {TARGET_RENDER_VS_FLOOR}× 基线进程 | {_n(ren1.ms)} ms ÷ {_n(floor.ms)} ms = "
             f"{ratio:.2f}× | {_ok(ratio <= TARGET_RENDER_VS_FLOOR)} |")
    for name, label in LIGHT_NAMES.items():
        if name == "check":   # re-stated by issue 12: see its section below
            continue
        s = procs[f"cmd-{name}"]
        r = s.ms / floor.ms
        imported = docx_imports.get(name)
        good = r <= TARGET_LIGHT_VS_FLOOR and imported is False
        L.append(f"| `{label}` 不导入 python-docx，且 ≤ {TARGET_LIGHT_VS_FLOOR}× 基线进程 | "
                 f"{'未导入' if imported is False else '导入了' if imported else '运行失败'}；{_n(s.ms)} ms = {r:.2f}× | "
                 f"{_ok(good)} |")
    for c in cases:
        d, b = inproc[f"drafter-{c.size}"], inproc[f"python-docx-{c.size}"]
        r = d.ms / b.ms
        L.append(f"| 进程内 {c.size}× ≤ {TARGET_INPROC_VS_PYTHON_DOCX}× python-docx | {_n(d.ms, 1)} ms ÷ "
                 f"{_n(b.ms, 1)} ms = {r:.2f}× | {_ok(r <= TARGET_INPROC_VS_PYTHON_DOCX)} |")
    by_size = {c.size: c for c in cases}
    if all(s in by_size for s in (1, 4, 16)):
        for label, key in (("进程内", "drafter-{}"),):
            src = inproc
            t = {s: src[key.format(s)].cpu_ms for s in (1, 4, 16)}
            ch = {s: by_size[s].chars for s in (1, 4, 16)}
            unit = ch[1]
            m1 = (t[4] - t[1]) / (ch[4] - ch[1]) * unit
            m2 = (t[16] - t[4]) / (ch[16] - ch[4]) * unit
            r = m2 / m1 if m1 > 0 else float("inf")
            L.append(f"| 耗时随篇幅线性增长（{label}，CPU 时间）：4×→16× 每 1× 篇幅的增量 ≤ {TARGET_LINEAR}× 1×→4× 的增量 | "
                     f"{_n(t[1], 1)} / {_n(t[4], 1)} / {_n(t[16], 1)} ms；每 1× 增量 {m1:.1f} → {m2:.1f} ms = {r:.2f}× | "
                     f"{_ok(r <= TARGET_LINEAR)} |")
    L.append(f"| 生成示例的峰值内存 ≤ {TARGET_PEAK_MB} MB（整个进程） | {_n(ren1.mb, 1)} MB | "
             f"{_ok(ren1.mb <= TARGET_PEAK_MB)} |")
    if batch:
        d = statistics.median(batch["drafter"])
        serial = statistics.median(batch["drafter_serial"])
        if "pandoc_seq" in batch:
            seq = statistics.median(batch["pandoc_seq"])
            par = statistics.median(batch["pandoc_par"])
            L.append(f"| 批量 {200} 份 ≤ 1/3 × {200} 次单独运行 pandoc（逐个运行） | {d:.2f} s ÷ {seq:.2f} s = "
                     f"{d / seq:.2f} | {_ok(d / seq <= TARGET_BATCH_VS_PANDOC)} |")
            L.append(f"| （参考）同上，pandoc 在全部 {info['cores']} 个核上同时运行 | {d:.2f} s ÷ {par:.2f} s = "
                     f"{d / par:.2f} | {'达标' if d / par <= TARGET_BATCH_VS_PANDOC else '未达标'}（仅参考） |")
        else:
            L.append("| 批量 200 份 ≤ 1/3 × 200 次 pandoc | pandoc 不可用，无法比较 | 未测 |")
        L.append("")
        L.append(f"批量生成用的是：{batch['how']}；同样 200 份在一个进程内逐份生成（jobs=1）用时 {serial:.2f} s，"
                 f"默认（按核数分给多个进程）用时 {d:.2f} s。批量的时间包括进程启动，取 {len(batch['drafter'])} 次的中位数。")
    L.append("")
    L.append("“线性增长”的判断：1× 到 4× 之间每增加 1× 篇幅多用的时间，与 4× 到 16× 之间的相比，"
             f"后者不超过前者的 {TARGET_LINEAR} 倍即为线性（固定开销不影响这一比较）。进程内的增长按该进程的 CPU 时间"
             "（time.process_time）判断：机器上同时有别的程序运行时，被抢占的时间会落在墙钟时间里，"
             "篇幅越长的一次生成越容易被抢占，墙钟时间的增量因此不可比；表中其余进程内的数字仍是墙钟时间。")
    L.append("")
    return "\n".join(L)

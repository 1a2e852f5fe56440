"""The measurements of issue 12 (and the speed rows of issues 9 and 10), run by bench/run.py.

* ``drafter check`` of the example questionnaire, of a 30,000-character .txt and .docx draft (whole
  processes, in run.py's interleaved rounds with the floor); 50 questionnaires checked in one call
  against 50 calls;
* check's growth with length, in process (inproc.py ``check``) on the 1×, 4×, 16× drafts;
* ``drafter format IN.docx -o OUT.docx`` (1×, 4×, 16×, 30,000 characters) and ``drafter import
  IN.txt -o OUT.yaml --force`` (1×, 4×, 16×, 6,000 characters) as whole processes, and format in
  process against python-docx reading and writing the same paragraphs (inproc.py ``format`` and
  ``python-docx-rw``). A command that does not exist yet is reported as not measured, never as a
  number;
* PDF batches of 5 and 20 drafts: ``drafter render 文件夹/ --format pdf`` (and ``drafter format
  文件夹/ --format pdf``) against one direct ``soffice --convert-to pdf`` of the same .docx files,
  with a fresh LibreOffice profile and drafter's font aliases, as drafter runs it.
"""
from __future__ import annotations

import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import synth

PDF_SIZES = (5, 20)
CHECK_MANY = 50
TARGET_PDF_VS_SOFFICE = 1.3
TARGET_CHECK_QUESTIONNAIRE = 1.0
TARGET_CHECK_DRAFT = 1.2
TARGET_CHECK_MANY = 1 / 4
TARGET_LINEAR = 1.25
TARGET_FORMAT_VS_FLOOR = 1.3
TARGET_FORMAT_INPROC = 1.5
TARGET_IMPORT_VS_FLOOR = 1.3
MISSING = "未测量：命令不存在"
SIZES = ("1", "4", "16")


@dataclass
class Extra:
    commands: Dict[str, List[str]] = field(default_factory=dict)
    has: Dict[str, bool] = field(default_factory=dict)          # "format", "import": the command exists
    check_many: Dict[str, List[float]] = field(default_factory=dict)
    pdf: Dict[str, object] = field(default_factory=dict)


def _in_child(*args: str):
    """Run one of this module's builders in a fresh interpreter and return its JSON. Writing .docx
    files here would load python-docx into run.py, and a child forked from a large parent has
    the parent's resident set counted in its own peak (ru_maxrss)."""
    p = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip().splitlines()[-1:] or "builder failed")
    return json.loads(p.stdout)


def build_draft_cases(folder: Path, cases) -> Dict[str, "synth.DraftCase"]:
    spec = json.dumps([[c.size, str(c.questionnaire)] for c in cases])
    data = _in_child("drafts", str(folder), spec)
    return {k: synth.DraftCase(v["name"], Path(v["docx"]) if v["docx"] else None, Path(v["txt"]), v["chars"])
            for k, v in data.items()}


def command_exists(drafter: List[str], name: str) -> bool:
    p = subprocess.run([*drafter, name, "--help"], capture_output=True)
    return p.returncode == 0


def process_commands(drafter: List[str], drafts, work: Path) -> Extra:
    work.mkdir(parents=True, exist_ok=True)
    x = Extra(has={name: command_exists(drafter, name) for name in ("format", "import")})
    for kind in ("txt", "docx"):
        x.commands[f"check-{kind}-30k"] = [*drafter, "check", str(getattr(drafts["30k"], kind))]
    if x.has["format"]:
        for name in SIZES + ("30k",):
            x.commands[f"format-{name}"] = [*drafter, "format", str(drafts[name].docx), "-o",
                                            str(work / f"format-{name}.docx"), "--force"]
    if x.has["import"]:
        for name in SIZES + ("6k",):
            x.commands[f"import-{name}"] = [*drafter, "import", str(drafts[name].txt), "-o",
                                            str(work / f"import-{name}.yaml"), "--force"]
    return x


def inproc_jobs(drafts, inproc_runs: Dict[int, int], x: Extra) -> Dict[str, tuple]:
    jobs = {}
    for name in SIZES:
        runs = inproc_runs[int(name)]
        jobs[f"check-docx-{name}"] = ("check", drafts[name].docx, runs)
        jobs[f"check-txt-{name}"] = ("check", drafts[name].txt, runs)
    jobs["python-docx-rw-30k"] = ("python-docx-rw", drafts["30k"].docx, inproc_runs[4])
    if x.has["format"]:
        jobs["format-inproc-30k"] = ("format", drafts["30k"].docx, inproc_runs[4])
    return jobs


def _run(cmd: List[str]) -> float:
    t = time.perf_counter()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - t
    if code not in (0, 1):   # check exits 1 when it finds errors: that is a result, not a failure
        raise RuntimeError(f"{cmd[3:5]} exited {code}")
    return wall


def measure_check_many(drafter: List[str], folder: Path, rounds: int) -> Dict[str, List[float]]:
    files = [str(f) for f in synth.build_check_files(folder, CHECK_MANY)]
    out: Dict[str, List[float]] = {"one": [], "each": []}
    _run([*drafter, "check", files[0]])
    for _ in range(rounds):
        out["one"].append(_run([*drafter, "check", *files]))
        out["each"].append(sum(_run([*drafter, "check", f]) for f in files))
    return out


def measure_pdf_batches(drafter: List[str], folder: Path, rounds: int) -> Dict[str, object]:
    from drafter.fonts import fontconfig_env
    from drafter.soffice import find_soffice
    soffice = find_soffice()
    if soffice is None:
        return {"error": "未找到 LibreOffice，未测量"}
    batches = {int(n): (Path(q), [Path(d) for d in ds]) for n, (q, ds) in _in_child("pdf", str(folder)).items()}
    has_format = command_exists(drafter, "format")
    env = fontconfig_env()
    out: Dict[str, object] = {"soffice": soffice, "has_format": has_format}

    def direct(docxs: List[Path], target: Path) -> float:
        shutil.rmtree(target, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix="bench-lo-") as profile:
            cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--nologo", "--nodefault", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(target),
                   *map(str, docxs)]
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(env, HOME=profile))
            wall = time.perf_counter() - t
        if len(list(target.glob("*.pdf"))) != len(docxs):
            raise RuntimeError("soffice did not convert every file")
        return wall

    def through(cmd: List[str], target: Path, n: int) -> float:
        shutil.rmtree(target, ignore_errors=True)
        t = time.perf_counter()
        code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        wall = time.perf_counter() - t
        if code != 0 or len(list(target.glob("*.pdf"))) != n:
            raise RuntimeError(f"{cmd[3:5]} exited {code}")
        return wall

    for n, (qdir, docxs) in batches.items():
        render_out, format_out, lo_out = folder / f"render-{n}", folder / f"format-{n}", folder / f"lo-{n}"
        render_cmd = [*drafter, "render", str(qdir), "--format", "pdf", "-o", f"{render_out}/"]
        format_cmd = [*drafter, "format", str(docxs[0].parent), "--format", "pdf", "-o", f"{format_out}/"]
        times: Dict[str, List[float]] = {"render": [], "soffice": [], "format": []}
        failed: Dict[str, str] = {}
        direct(docxs, lo_out)   # untimed: disk caches, LibreOffice's own first start
        for _ in range(rounds):
            times["soffice"].append(direct(docxs, lo_out))
            for key, cmd, target in (("render", render_cmd, render_out), ("format", format_cmd, format_out)):
                if key == "format" and not has_format:
                    continue
                try:
                    times[key].append(through(cmd, target, n))
                except RuntimeError as e:
                    failed[key] = str(e)
        out[n] = {"times": times, "failed": failed}
    return out


# --- the report -------------------------------------------------------------------------------

def _med(xs) -> float:
    return statistics.median(xs) if xs else float("nan")


def _ok(good: bool) -> str:
    return "达标" if good else "**未达标**"


def _ms(x: float) -> str:
    return "—" if math.isnan(x) else f"{x:,.0f}"


def _linear(t: Dict[str, float], chars: Dict[str, int]):
    unit = chars["1"]
    m1 = (t["4"] - t["1"]) / (chars["4"] - chars["1"]) * unit
    m2 = (t["16"] - t["4"]) / (chars["16"] - chars["4"]) * unit
    return m1, m2, (m2 / m1 if m1 > 0 else float("inf"))


def _vs(label: str, a: Optional[float], b: float, target: float, missing_note: str = "") -> str:
    """A target row ``a ÷ b ≤ target``; ``a`` None means the command does not exist."""
    if a is None:
        return f"| {label} | {MISSING}{missing_note} | 未测 |"
    digits = 1 if b < 100 else 0
    return (f"| {label} | {a:,.{digits}f} ms ÷ {b:,.{digits}f} ms = {a / b:.2f}× | "
            f"{_ok(a / b <= target)} |")


def render(procs, inproc, x: Extra, drafts) -> str:
    floor = procs["floor"].ms
    L: List[str] = ["## 问题 12（以及问题 9、10 的速度要求）", ""]
    L.append("| 目标 | 实测 | 结论 |")
    L.append("|---|---|---|")

    pdf = x.pdf
    if "error" in pdf:
        L.append(f"| PDF 批量 | {pdf['error']} | 未测 |")
    else:
        for n in PDF_SIZES:
            entry = pdf[n]
            lo = _med(entry["times"]["soffice"])
            for key, label in (("render", "drafter render 文件夹/ --format pdf"),
                               ("format", "drafter format 文件夹/ --format pdf")):
                if key == "format" and not pdf["has_format"]:
                    L.append(f"| `{label}`，{n} 份 ≤ {TARGET_PDF_VS_SOFFICE}× 直接运行一次 soffice | {MISSING} | 未测 |")
                    continue
                if key in entry["failed"]:
                    L.append(f"| `{label}`，{n} 份 | 运行失败：{entry['failed'][key]} | **未达标** |")
                    continue
                d = _med(entry["times"][key])
                L.append(f"| `{label}`，{n} 份 ≤ {TARGET_PDF_VS_SOFFICE}× 直接运行一次 soffice 转换同样 {n} 个 .docx | "
                         f"{d:.2f} s ÷ {lo:.2f} s = {d / lo:.2f}× | {_ok(d / lo <= TARGET_PDF_VS_SOFFICE)} |")

    L.append(_vs(f"`drafter check 问卷` ≤ {TARGET_CHECK_QUESTIONNAIRE}× 基线进程", procs["cmd-check"].ms, floor,
                 TARGET_CHECK_QUESTIONNAIRE))
    for kind in ("txt", "docx"):
        L.append(_vs(f"`drafter check` {drafts['30k'].chars:,} 字的 .{kind} ≤ {TARGET_CHECK_DRAFT}× 基线进程",
                     procs[f"check-{kind}-30k"].ms, floor, TARGET_CHECK_DRAFT))
    one, each = _med(x.check_many.get("one", [])), _med(x.check_many.get("each", []))
    L.append(f"| 一次检查 {CHECK_MANY} 份问卷 ≤ 1/4 × 分 {CHECK_MANY} 次检查 | {one:.2f} s ÷ {each:.2f} s = "
             f"{one / each:.2f} | {_ok(one / each <= TARGET_CHECK_MANY)} |")

    chars = {k: drafts[k].chars for k in SIZES}
    for kind in ("docx", "txt"):
        t = {k: inproc[f"check-{kind}-{k}"].cpu_ms for k in SIZES}
        m1, m2, r = _linear(t, chars)
        L.append(f"| check 随篇幅线性增长（进程内，.{kind}，CPU 时间）：4×→16× 每 1× 的增量 ≤ {TARGET_LINEAR}× 1×→4× 的增量 | "
                 f"{t['1']:.1f} / {t['4']:.1f} / {t['16']:.1f} ms；每 1× 增量 {m1:.1f} → {m2:.1f} ms = {r:.2f}× | "
                 f"{_ok(r <= TARGET_LINEAR)} |")
    for cmd, label in (("format", "`drafter format IN.docx -o OUT.docx`"),
                       ("import", "`drafter import IN.txt -o OUT.yaml --force`")):
        rule = f"{label} 随篇幅线性增长（整个进程，CPU 时间）：4×→16× 每 1× 的增量 ≤ {TARGET_LINEAR}× 1×→4× 的增量"
        if not x.has[cmd]:
            L.append(f"| {rule} | {MISSING} | 未测 |")
            continue
        t = {k: procs[f"{cmd}-{k}"].cpu_ms for k in SIZES}
        m1, m2, r = _linear(t, chars)
        L.append(f"| {rule} | {_ms(t['1'])} / {_ms(t['4'])} / {_ms(t['16'])} ms；每 1× 增量 {m1:.1f} → {m2:.1f} ms = "
                 f"{r:.2f}× | {_ok(r <= TARGET_LINEAR)} |")

    rw = inproc["python-docx-rw-30k"].ms
    has_f, has_i = x.has["format"], x.has["import"]
    L.append(_vs(f"问题 9：`drafter format` {drafts['30k'].chars:,} 字的 .docx ≤ {TARGET_FORMAT_VS_FLOOR}× 基线进程",
                 procs["format-30k"].ms if has_f else None, floor, TARGET_FORMAT_VS_FLOOR))
    L.append(_vs(f"问题 9：进程内 format ≤ {TARGET_FORMAT_INPROC}× python-docx 读写同样段落",
                 inproc["format-inproc-30k"].ms if has_f else None, rw, TARGET_FORMAT_INPROC,
                 f"（python-docx 读写同样段落为 {rw:.1f} ms）"))
    L.append(_vs(f"问题 10：`drafter import` {drafts['6k'].chars:,} 字的讲话 ≤ {TARGET_IMPORT_VS_FLOOR}× 基线进程",
                 procs["import-6k"].ms if has_i else None, floor, TARGET_IMPORT_VS_FLOOR))
    L.append("")

    L.append("说明：")
    if "error" not in pdf:
        lo_runs = len(pdf[PDF_SIZES[0]]["times"]["soffice"])
        L.append(f"- PDF 批量：问卷是五份示例轮流复制到 {' 份和 '.join(map(str, PDF_SIZES))} 份；直接转换的是 drafter 由同样问卷生成的 "
                 f".docx，一次 `soffice --headless --convert-to pdf:writer_pdf_Export --outdir … 全部文件`，与 drafter 一样用新建的"
                 f"私有配置目录和 drafter 的字体别名。两者交替运行 {lo_runs} 轮（另有一次不计时的预热），取中位数；时间包括进程启动和"
                 "LibreOffice 启动。drafter 的时间还包括由问卷生成 .docx。")
        for n in PDF_SIZES:
            t = pdf[n]["times"]
            parts = [f"{k} " + "、".join(f"{v:.2f}" for v in t[k]) + " s" for k in ("render", "soffice", "format") if t[k]]
            L.append(f"  - {n} 份各轮：" + "；".join(parts))
    L.append(f"- 检查 {CHECK_MANY} 份：五份示例问卷轮流复制，一次 `drafter check 全部文件` 与逐份运行 {CHECK_MANY} 次"
             f"（各 {len(x.check_many.get('one', []))} 轮，取中位数）。")
    L.append("- check 的增长按进程内的 CPU 时间计（理由同上）：读入 .docx 或 .txt 文稿并运行全部检查规则（不含启动），篇幅与上面的 1×、4×、16× 相同"
             f"（{chars['1']:,} / {chars['4']:,} / {chars['16']:,} 字）。")
    L.append("- format、import 按各自问题中写明的命令计时；分支上还没有这两个命令时写“未测量：命令不存在”，不给数字。"
             "两者随篇幅的增长按整个进程的 CPU 时间（用户＋系统，os.wait4）判断，理由同上。")
    L.append("")
    return "\n".join(L)


def _main(argv: List[str]) -> None:
    kind, folder = argv[0], Path(argv[1])
    if kind == "drafts":
        cases = [synth.Case(size, Path(q), Path(), Path(), 0, 0) for size, q in json.loads(argv[2])]
        made = synth.build_draft_cases(folder, cases)
        print(json.dumps({k: {**asdict(v), "docx": str(v.docx) if v.docx else None, "txt": str(v.txt)}
                          for k, v in made.items()}))
    elif kind == "pdf":
        made = synth.build_pdf_batches(folder, PDF_SIZES)
        print(json.dumps({n: [str(q), [str(d) for d in ds]] for n, (q, ds) in made.items()}))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    _main(sys.argv[1:])

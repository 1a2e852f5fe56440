"""drafter's benchmark: ``make bench`` (or ``python bench/run.py`` with drafter and the bench extra
installed in the running interpreter's environment).

It measures, in one run on the same content (the leader-speech example and drafts about 4x and
16x its length, see synth.py):

* whole processes, wall time and peak resident memory (os.wait4's ru_maxrss), median of several
  runs taken in interleaved rounds so that a busy moment of the machine hits every row alike:
  ``drafter render``; the floor, a Python process that imports python-docx, jinja2, PyYAML and
  click and saves an empty document; pandoc turning the same text, as Markdown, into .docx; and
  ``drafter --help``, ``list``, ``init`` and ``check``, with whether each imported python-docx;
* in-process work (inproc.py): drafter's library pipeline, python-docx adding the same
  paragraphs with no drafter logic, and docxtpl rendering them into a template;
* a batch of 200 questionnaires against 200 separate pandoc runs on the same content.

* (issue 12, also 9 and 10, see more.py) ``drafter check`` of a questionnaire and of 30,000-character
  .txt and .docx drafts, checking 50 files in one call against 50 calls, check's growth with length
  (in process), ``drafter format`` and ``drafter import`` as the issues specify them, and PDF batches
  of 5 and 20 drafts against one direct LibreOffice call converting the same .docx files.
* (issue 24, see workbench.py) a PDF download through the running workbench, once the first is made.
* (issue 13, see workbench.py) ``drafter serve`` from start to its first answer, against the floor,
  and a preview refresh of the leader-speech example through the running workbench's HTTP API.
* (issue 22, see review_loop.py) ``check --annotate``, ``format --track-changes`` and ``compare`` of
  the 30,000-character drafts against the floor, and their growth with length.

drafter is run from this checkout (``python -c "from drafter.cli import main; main()"`` with the
checkout first on PYTHONPATH, its modules byte-compiled first), so the figures are those of the code
beside this file whether or not it is installed; ``make bench`` installs the same code.

It prints a table with each figure's ratio to its floor and to pandoc, checks the targets of the
performance issues, and writes all of it with the machine and the date to bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
# Every process measured runs this checkout's drafter, with byte-code written as a user's would be.
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
from synth import build_cases  # noqa: E402
import more  # noqa: E402
import report  # noqa: E402
import review_loop  # noqa: E402
import workbench  # noqa: E402

PY = sys.executable
DRAFTER = [PY, "-c", "import sys; from drafter.cli import main; sys.argv[0] = 'drafter'; main()"]
BATCH_SIZE = 200
FLOOR_CODE = "import sys, docx, jinja2, yaml, click; docx.Document().save(sys.argv[1])"


# --- measuring processes --------------------------------------------------------------------

def run_process(cmd: Sequence[str], cwd: Optional[Path] = None) -> Tuple[float, int, int, float]:
    """Wall seconds, peak RSS in KB, exit status and CPU seconds (user + system) of one process
    (its children not counted)."""
    t = time.perf_counter()
    p = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, p.returncode, usage.ru_utime + usage.ru_stime


class Samples:
    def __init__(self) -> None:
        self.times: List[float] = []
        self.cpu: List[float] = []          # CPU time: of the in-process work, or of the whole process
        self.peaks_kb: List[int] = []
        self.failed = 0
        self.error = ""

    @property
    def ms(self) -> float:
        return statistics.median(self.times) * 1000 if self.times else float("nan")

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu) * 1000 if self.cpu else float("nan")

    @property
    def mb(self) -> float:
        return statistics.median(self.peaks_kb) / 1024 if self.peaks_kb else float("nan")


def measure_processes(commands: Dict[str, List[str]], rounds: int) -> Dict[str, Samples]:
    out = {name: Samples() for name in commands}
    for name, cmd in commands.items():   # one untimed run each: disk caches, .pyc files
        run_process(cmd)
    for _ in range(rounds):
        for name, cmd in commands.items():
            wall, rss, code, cpu = run_process(cmd)
            if code != 0:
                out[name].failed += 1
                continue
            out[name].times.append(wall)
            out[name].cpu.append(cpu)
            out[name].peaks_kb.append(rss)
    return out


def imports_docx(args: Sequence[str]) -> Optional[bool]:
    """Whether ``drafter ARGS`` imports python-docx (from -X importtime), or None if it failed."""
    code = "import sys; from drafter.cli import main; sys.argv = ['drafter'] + sys.argv[1:]; main()"
    p = subprocess.run([PY, "-X", "importtime", "-c", code, *args], capture_output=True, text=True)
    if p.returncode != 0:
        return None
    names = {line.rsplit("|", 1)[-1].strip() for line in p.stderr.splitlines() if line.startswith("import time:")}
    return "docx" in names


# --- measuring in-process work --------------------------------------------------------------

def measure_inproc(jobs: Dict[str, Tuple[str, Path, int]], work: Path, rounds: int) -> Dict[str, Samples]:
    """Each job (kind, input, runs) in a fresh interpreter, in interleaved rounds."""
    out = {name: Samples() for name in jobs}
    for _ in range(rounds):
        for name, (kind, src, runs) in jobs.items():
            s = out[name]
            p = subprocess.run([PY, str(HERE / "inproc.py"), kind, str(src), str(work), str(runs)],
                               capture_output=True, text=True)
            if p.returncode != 0:
                s.failed += 1
                s.error = (p.stderr.strip().splitlines() or ["?"])[-1]
                continue
            data = json.loads(p.stdout)
            s.times.extend(data["times"])
            s.cpu.extend(data["cpu"])
            s.peaks_kb.append(data["peak_kb"])
    return out


# --- the batch ------------------------------------------------------------------------------

def make_batch(case_yaml: Path, case_md: Path, folder: Path) -> Tuple[Path, List[Path]]:
    qdir, mdir = folder / "问卷", folder / "markdown"
    qdir.mkdir(parents=True)
    mdir.mkdir(parents=True)
    mds = []
    for i in range(1, BATCH_SIZE + 1):
        shutil.copyfile(case_yaml, qdir / f"问卷{i:03d}.yaml")
        md = mdir / f"问卷{i:03d}.md"
        shutil.copyfile(case_md, md)
        mds.append(md)
    return qdir, mds


def batch_command(qdir: Path, out: Path) -> Tuple[List[str], str]:
    """The CLI batch if ``drafter render 文件夹 -o 文件夹/`` works; else the library in a fresh process."""
    cli = [*DRAFTER, "render", str(qdir), "-o", str(out) + "/"]
    shutil.rmtree(out, ignore_errors=True)
    _, _, code, _ = run_process(cli)
    if code == 0 and out.is_dir() and len(list(out.glob("*.docx"))) == BATCH_SIZE:
        return cli, "drafter render 问卷文件夹/ -o 输出文件夹/"
    code = ("import sys; from pathlib import Path; from drafter.batch import render_batch; "
            "r = render_batch([Path(sys.argv[1])], Path(sys.argv[2]), echo=lambda s: None); "
            "sys.exit(r.exit_code)")
    return [PY, "-c", code, str(qdir), str(out)], "render_batch() 库调用（命令行尚未接入批量生成）"


def serial_batch_command(qdir: Path, out: Path) -> List[str]:
    code = ("import sys; from pathlib import Path; from drafter.batch import render_batch; "
            "r = render_batch([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, echo=lambda s: None); "
            "sys.exit(r.exit_code)")
    return [PY, "-c", code, str(qdir), str(out)]


def pandoc_runs(pandoc: str, mds: List[Path], out: Path, workers: int) -> float:
    out.mkdir(parents=True, exist_ok=True)

    def one(md: Path) -> int:
        return subprocess.run([pandoc, str(md), "-o", str(out / (md.stem + ".docx"))],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode

    t = time.perf_counter()
    if workers == 1:
        codes = [one(md) for md in mds]
    else:
        with ThreadPoolExecutor(workers) as pool:
            codes = list(pool.map(one, mds))
    wall = time.perf_counter() - t
    if any(codes):
        raise RuntimeError("pandoc failed")
    return wall


# --- tools and the machine --------------------------------------------------------------------

def find_pandoc() -> Tuple[Optional[str], str]:
    try:
        import pypandoc
        path = pypandoc.get_pandoc_path()
        return path, f"pandoc {pypandoc.get_pandoc_version()}（pypandoc-binary {metadata.version('pypandoc-binary')}）"
    except Exception:  # noqa: BLE001 — any failure means: look for Debian's pandoc
        pass
    path = shutil.which("pandoc")
    if path:
        first = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.splitlines()
        return path, (first[0] if first else "pandoc") + f"（{path}）"
    return None, "未安装（pip install pypandoc-binary 与 apt-get install pandoc 均不可用）"


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "未安装"


def machine() -> Dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": mem, "os": platform.platform(),
            "python": platform.python_version(), "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


# --- main -----------------------------------------------------------------------------------

def workbench_rows(questionnaire: Path, floor: List[str], rounds: int):
    """Issue 13's rows; a workbench that does not start is a row that says so, not a lost run."""
    try:
        ready = workbench.measure_ready(DRAFTER, floor, questionnaire, rounds)
    except RuntimeError as e:
        ready = {"error": str(e)}
    try:
        preview = workbench.measure_preview(DRAFTER, questionnaire)
    except RuntimeError as e:
        preview = {"error": str(e)}
    return ready, preview


def workbench_pdf_row(questionnaire: Path) -> Dict[str, object]:
    """Issue 24's row: a PDF download through a running workbench, once the first one is made."""
    try:
        return workbench.measure_pdf(DRAFTER, questionnaire)
    except RuntimeError as e:
        return {"error": str(e)}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="drafter 性能基准")
    ap.add_argument("--quick", action="store_true", help="少跑几轮，只用来检查基准本身能否运行")
    ap.add_argument("--no-batch", action="store_true", help="不测批量生成（200 份）")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="结果文件（默认 bench/RESULTS.md）")
    args = ap.parse_args(argv)
    rounds = 3 if args.quick else 11
    inproc_runs = {1: 7, 4: 5, 16: 3} if args.quick else {1: 9, 4: 5, 16: 3}
    inproc_rounds = 1 if args.quick else 7

    import compileall
    compileall.compile_dir(str(ROOT / "drafter"), quiet=1)
    pandoc, pandoc_desc = find_pandoc()
    started = time.perf_counter()
    info = machine()
    info["date"] = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    info["versions"] = ", ".join(f"{d} {version(d)}" for d in
                                 ("drafter", "python-docx", "jinja2", "PyYAML", "click", "lxml", "docxtpl"))
    info["pandoc"] = pandoc_desc

    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        work = Path(tmp)
        print("准备测试内容……", file=sys.stderr)
        cases = build_cases(work / "cases")
        commands: Dict[str, List[str]] = {"floor": [PY, "-c", FLOOR_CODE, str(work / "floor.docx")]}
        for c in cases:
            commands[f"render-{c.size}"] = [*DRAFTER, "render", str(c.questionnaire), "-o",
                                            str(work / f"render-{c.size}.docx")]
            if pandoc:
                commands[f"pandoc-{c.size}"] = [pandoc, str(c.markdown), "-o", str(work / f"pandoc-{c.size}.docx")]
        example = str(cases[0].questionnaire)
        light = {"help": ["--help"], "list": ["list"], "init": ["init", "leader-speech"], "check": ["check", example]}
        for name, a in light.items():
            commands[f"cmd-{name}"] = [*DRAFTER, *a]
        drafts = more.build_draft_cases(work / "drafts", cases)
        extra = more.process_commands(DRAFTER, drafts, work / "more")
        commands.update(extra.commands)
        reviews = review_loop.build(DRAFTER, drafts, work / "review")
        commands.update(reviews.commands)
        print(f"测量整个进程（{rounds} 轮）……", file=sys.stderr)
        procs = measure_processes(commands, rounds)
        docx_imports = {name: imports_docx(a) for name, a in light.items()}

        print("测量进程内生成……", file=sys.stderr)
        jobs = {}
        for c in cases:
            jobs[f"drafter-{c.size}"] = ("drafter", c.questionnaire, inproc_runs[c.size])
            jobs[f"python-docx-{c.size}"] = ("python-docx", c.paragraphs, inproc_runs[c.size])
            jobs[f"docxtpl-{c.size}"] = ("docxtpl", c.paragraphs, inproc_runs[c.size])
        jobs.update(more.inproc_jobs(drafts, inproc_runs, extra))
        inproc = measure_inproc(jobs, work, inproc_rounds)

        batch: Dict[str, object] = {}
        if not args.no_batch:
            print(f"测量批量生成（{BATCH_SIZE} 份）……", file=sys.stderr)
            qdir, mds = make_batch(cases[0].questionnaire, cases[0].markdown, work / "batch")
            cmd, how = batch_command(qdir, work / "batch-out")
            batch["how"] = how
            b_rounds = 1 if args.quick else 3
            batch["drafter"] = [run_process(cmd)[0] for _ in range(b_rounds)]
            batch["drafter_serial"] = [run_process(serial_batch_command(qdir, work / "batch-serial"))[0]
                                       for _ in range(b_rounds)]
            if pandoc:
                batch["pandoc_seq"] = [pandoc_runs(pandoc, mds, work / "pandoc-seq", 1) for _ in range(b_rounds)]
                batch["pandoc_par"] = [pandoc_runs(pandoc, mds, work / "pandoc-par", os.cpu_count() or 1)
                                       for _ in range(b_rounds)]

        print("测量检查 50 份和 PDF 批量……", file=sys.stderr)
        extra.check_many = more.measure_check_many(DRAFTER, work / "check-50", 1 if args.quick else 3)
        extra.pdf = more.measure_pdf_batches(DRAFTER, work / "pdf", 1 if args.quick else 5)

        print("测量工作台（drafter serve）……", file=sys.stderr)
        served = work / "serve" / "讲话.yaml"      # serve may write back to its file: a copy of our own
        served.parent.mkdir()
        shutil.copyfile(ROOT / "examples" / "leader-speech.yaml", served)
        ready, preview = workbench_rows(served, commands["floor"], 3 if args.quick else 11)
        pdf_download = workbench_pdf_row(served)

    info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    info["seconds"] = f"{time.perf_counter() - started:.0f}"
    text = report.render(info, cases, procs, docx_imports, inproc, batch, rounds, inproc_runs, inproc_rounds,
                         quick=args.quick)
    text += more.render(procs, inproc, extra, drafts)
    text += review_loop.render(procs, reviews)
    text += workbench.render(ready, preview)
    text += workbench.render_pdf(pdf_download)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(f"已写入：{args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

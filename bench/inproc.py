"""One in-process measurement, run by bench/run.py in a fresh interpreter:

    python bench/inproc.py KIND INPUT OUT_DIR RUNS

KIND is ``drafter`` (questionnaire → .docx through drafter's library calls), ``python-docx``
(the same paragraphs added with python-docx's own API, no drafter logic) or ``docxtpl`` (the same
paragraphs rendered into a one-loop template); ``check`` (a .docx or .txt draft read and checked,
what ``drafter check`` does after start-up); ``format`` (``drafter format INPUT -o OUT.docx``
through the command's own code, in process) and ``python-docx-rw`` (its floor: python-docx
reading the paragraphs of INPUT and writing them, with their styles and runs, into a new file). Everything is imported and each kind runs once
before timing, so the figures are the steady cost of one draft, without process start-up.

Prints JSON: the wall time (time.perf_counter) and the CPU time of this process (time.process_time,
which a busy machine's other programs do not inflate) of each warm run, and the peak memory of the
first run: the high-water mark of the process's resident set during that run above its resident
set just before it (python-docx, lxml and templates imported, nothing rendered yet). The first
run is the one that pays for compiling templates and loading profiles, so its peak is the most a
render adds to a process. Linux resets the high-water mark when "5" is written to
/proc/self/clear_refs; where it cannot, the figure is the whole process's peak and says so.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def drafter_job(src: Path, out: Path):
    import drafter.write.docx  # noqa: F401 — imports are start-up, not rendering
    import drafter.genre.render  # noqa: F401
    from drafter.api import draft_from_answers, load_answers, write_draft
    from drafter.profile.load import load_profile

    def run() -> None:
        answers = load_answers(src)
        draft = draft_from_answers(answers)
        write_draft(draft, out, "docx", profile=load_profile(None), source=src)
    return run


_DOCX_STYLES = {"title": "Title", "heading1": "Heading 1", "heading2": "Heading 2", "heading3": "Heading 3",
                "heading4": "Heading 4"}


def python_docx_job(src: Path, out: Path):
    import docx
    paragraphs = json.loads(src.read_text(encoding="utf-8"))

    def run() -> None:
        document = docx.Document()
        for style, runs in paragraphs:
            p = document.add_paragraph(style=_DOCX_STYLES.get(style))
            for text, is_head in runs:
                r = p.add_run(text)
                if is_head:
                    r.bold = True
        document.save(str(out))
    return run


def docxtpl_job(src: Path, out: Path):
    import docx
    from docxtpl import DocxTemplate
    paragraphs = json.loads(src.read_text(encoding="utf-8"))
    texts = ["".join(t for t, _ in runs) for _, runs in paragraphs]
    template = out.with_name("docxtpl-template.docx")
    document = docx.Document()
    for line in ("{%p for t in paragraphs %}", "{{ t }}", "{%p endfor %}"):
        document.add_paragraph(line)
    document.save(str(template))

    def run() -> None:
        tpl = DocxTemplate(str(template))
        tpl.render({"paragraphs": texts}, autoescape=True)
        tpl.save(str(out))
    return run


def check_job(src: Path, out: Path):
    import drafter.checker  # noqa: F401 — imports are start-up
    import drafter.read.reader  # noqa: F401
    if src.suffix == ".docx":
        import docx  # noqa: F401
    from drafter.checker import check_draft
    from drafter.read.reader import read_draft

    def run() -> None:
        check_draft(read_draft(src))
    return run


def format_job(src: Path, out: Path):
    """What drafter format does once the process is up: read, correct, write (the library calls;
    the CLI would print its list of corrections into the JSON this script reports)."""
    from drafter.api import write_draft
    from drafter.typeset import format_file
    from drafter.profile.load import load_profile
    import docx  # noqa: F401
    target = out.with_name("inproc-format-out.docx")

    def run() -> None:
        write_draft(format_file(src).draft, target, "docx", profile=load_profile(), source=src, force=True)
    return run


def python_docx_rw_job(src: Path, out: Path):
    import docx

    def run() -> None:
        source = docx.Document(str(src))
        document = docx.Document()
        known = {s.name for s in document.styles}
        for p in source.paragraphs:
            name = p.style.name if p.style is not None else None
            q = document.add_paragraph(style=name if name in known else None)
            for r in p.runs:
                q.add_run(r.text).bold = r.bold
        document.save(str(out))
    return run


JOBS = {"drafter": drafter_job, "python-docx": python_docx_job, "docxtpl": docxtpl_job, "check": check_job,
        "format": format_job, "python-docx-rw": python_docx_rw_job}


def main() -> None:
    kind, src, out_dir, runs = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    out = out_dir / f"inproc-{kind}.docx"
    run = JOBS[kind](src, out)
    exact = _reset_peak()
    before = _status_kb("VmRSS")
    run()   # the cold run: template and profile caches fill here
    peak_kb = _status_kb("VmHWM") - before if exact else _status_kb("VmHWM")
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(json.dumps({"times": times, "cpu": cpu, "peak_kb": peak_kb, "peak_is_delta": exact}))

if __name__ == "__main__":
    main()

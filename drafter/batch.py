"""Many drafts in one run: ``drafter render a.yaml b.yaml … -o 文件夹/`` and commands like it.

Each input goes through a *step* that turns it into a Draft, then through the same output as a
single run (drafter.api.prepare_output: the format, LibreOffice, the unit template and the profile
checked before any work, the profile loaded once for the whole batch; Output.write for each draft). One bad input
never stops the others: its failure is recorded with the message the user would have seen, and
every output is written atomically, so a failed draft leaves no file.

The seam for other commands is ``run_batch(inputs, out_dir, fmt, step=..., suffixes=..., what=...)``:

* ``step(src, job) -> (Draft, warnings)`` is a module-level function (it is pickled by name for
  the worker processes) that reads one input; ``job`` is the Job of the batch (format, profile,
  outline folders, and ``job.option(name)`` for the command's own settings, passed to run_batch
  as ``options={...}``). It raises DrafterError for a bad input; ``warnings`` are Chinese lines.
  render's step is ``render_step`` (questionnaire → Draft); ``drafter format`` plugs in a step
  that reads any draft with ``drafter.read.reader.read_draft`` and applies its corrections.
* ``suffixes`` are the files a folder stands for; ``what`` names them in the message for a folder
  that holds none (``文件夹中没有问卷（.yaml 或 .yml 文件）``).

A batch large enough to pay for it is spread over a pool of worker processes. The workers are
forked after the pipeline's modules are imported and the profile is loaded, so they start warm,
and they take the inputs in chunks to keep the round trips few. A PDF batch converts every draft
in one LibreOffice start (pdf.convert_batch): LibreOffice is started first, and the profile is
loaded and the .docx files drafted (in this process) while it starts up; each PDF is moved into the
output folder, and counted on the progress bar, as soon as LibreOffice has finished it.

An interrupted batch (KeyboardInterrupt, which drafter's main raises for SIGINT and SIGTERM) stops
its workers and LibreOffice, removes the partial files of its outputs, and re-raises with
``written`` (the outputs that were complete) and ``out_dir`` set on the exception.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from drafter import display
from drafter.errors import DrafterError

from drafter.formats import QUESTIONNAIRE, suffixes_of

SUFFIXES = suffixes_of(QUESTIONNAIRE)
# Below this many inputs one process is as fast as a pool. Measured on two cores with the
# leader-speech example, median of 5 fresh processes, one process vs two workers: 2 files 174 vs
# 158 ms, 3 files 194 vs 188 ms, 4 files 218 vs 190 ms, 6 files 274 vs 210 ms.
POOL_THRESHOLD = 4
# Chunks small enough to balance the workers' load, large enough to keep round trips few.
MAX_CHUNK = 16

Echo = Callable[[str], None]
Outcome = Tuple[Optional[str], List[str]]   # the error message or None, the warnings


@dataclass
class BatchResult:
    rendered: List[Path] = field(default_factory=list)                # output files, in input order
    failed: List[Tuple[Path, str]] = field(default_factory=list)      # input, the message in Chinese
    warnings: List[Tuple[Path, str]] = field(default_factory=list)    # input, warning in Chinese
    out_dir: Optional[Path] = None

    @property
    def total(self) -> int:
        return len(self.rendered) + len(self.failed)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


@dataclass(frozen=True)
class Job:
    """What every input of the batch shares; picklable for spawned workers."""

    fmt: str
    profile_spec: Optional[str]
    reference_docx: Optional[Path]
    outline_dirs: Tuple[Path, ...]
    step: Callable[[Path, "Job"], Tuple[Any, List[str]]]
    options: Tuple[Tuple[str, Any], ...] = ()
    force: bool = False
    scratch: bool = False        # outputs are drafter's own temporary files: no overwrite records

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)


def render_step(src: Path, job: Job):
    """render's step: a questionnaire → its Draft, with the questionnaire's warnings."""
    from drafter.api import draft_from_answers, load_answers
    answers = load_answers(src, job.outline_dirs)
    draft = draft_from_answers(answers)
    if job.option("outline_page"):
        from drafter.api import with_outline_page
        draft = with_outline_page(draft)
    return draft, [w.format_message() for w in answers.warnings]


# The job and its loaded profile inside this process (the parent, or a warm worker).
_state: Dict[str, object] = {}


def render_batch(inputs: Sequence[Path], out_dir: Path, fmt: str = "docx", profile: Optional[str] = None,
                 reference_docx: Optional[Path] = None, outline_dirs: Sequence[Path] = (),
                 jobs: Optional[int] = None, progress: bool = False, echo: Echo = print,
                 force: bool = False, outline_page: bool = False) -> BatchResult:
    """Render every questionnaire in ``inputs`` (files, or folders of *.yaml/*.yml) into ``out_dir``;
    ``outline_page``: each with a 提纲 page before it."""
    return run_batch(inputs, out_dir, fmt, step=render_step, profile=profile, reference_docx=reference_docx,
                     outline_dirs=outline_dirs, options={"outline_page": outline_page}, jobs=jobs,
                     progress=progress, echo=echo, force=force)


def run_batch(inputs: Sequence[Path], out_dir: Path, fmt: str = "docx", step=render_step,
              suffixes: Sequence[str] = SUFFIXES, what: str = "问卷", profile: Optional[str] = None,
              reference_docx: Optional[Path] = None, outline_dirs: Sequence[Path] = (),
              options: Mapping[str, Any] = {}, jobs: Optional[int] = None, progress: bool = False,
              echo: Echo = print, force: bool = False) -> BatchResult:
    """Turn every input (files, or folders standing for their files with ``suffixes``) into a
    draft with ``step`` and write it to ``out_dir`` as ``fmt``; an existing output is replaced
    only when drafter wrote it and it is unchanged, or with ``force``.

    Raises DrafterError only for what concerns the whole batch (an unknown format, a profile or
    reference template that cannot be used, an output folder that cannot be made, no LibreOffice
    for PDF); ``echo`` receives each input's warnings.
    """
    from drafter.api import prepare_output
    # The same preparation as a single run, before any file or folder is made: the format,
    # LibreOffice for PDF, the unit template, the profile (loaded once for the batch).
    output = prepare_output(fmt, profile=profile, reference_docx=reference_docx, force=force)
    for w in output.warnings:      # what of the unit template is left out, said once for the batch
        echo("警告：" + w)
    job = Job(fmt, str(profile) if profile is not None else None,
              Path(reference_docx) if reference_docx is not None else None, tuple(Path(d) for d in outline_dirs),
              step, tuple(sorted(options.items())), force)
    if fmt != "pdf":   # a PDF batch starts LibreOffice first and imports the writer while it starts
        _prepare(job, output)
    from drafter.fsutil import output_folder
    out_dir = output_folder(Path(out_dir))

    result = BatchResult(out_dir=out_dir)
    entries = expand_inputs(inputs, suffixes, what)
    sources = [p for p, why in entries if why is None]
    tasks = list(zip(sources, output_names(sources, out_dir, fmt)))
    outcomes: Dict[int, Outcome] = {}
    bar = _progress_bar(len(tasks)) if progress and tasks else None
    tick = bar.update if bar is not None else (lambda n: None)
    started = time.time()
    try:
        if fmt == "pdf":
            _pdf_batch(tasks, job, output, outcomes, tick)
        else:
            _draft_all(tasks, job, jobs, outcomes, tick)
    except BaseException as e:
        _remove_partial(out_dir, [out for _, out in tasks])
        if isinstance(e, KeyboardInterrupt):
            e.written = _written(tasks, outcomes, started)  # type: ignore[attr-defined]
            e.out_dir = out_dir  # type: ignore[attr-defined]
        raise
    finally:
        if bar is not None:
            bar.render_finish()

    errors = {}
    for i, (src, out) in enumerate(tasks):
        error, warnings = outcomes[i]
        for w in warnings:
            result.warnings.append((src, w))
            echo("警告：" + w)
        if error is None:
            result.rendered.append(out)
        else:
            errors[src] = error
    result.failed = [(p, why if why is not None else errors[p]) for p, why in entries
                     if why is not None or p in errors]
    return result


def expand_inputs(inputs: Sequence[Path], suffixes: Sequence[str] = SUFFIXES,
                  what: str = "问卷") -> List[Tuple[Path, Optional[str]]]:
    """What ``inputs`` name, in the user's order: each input file once, with None (a folder stands
    for its files with ``suffixes``, sorted by name), or an input that names none, with why."""
    entries: List[Tuple[Path, Optional[str]]] = []
    seen = set()
    wanted = tuple(s.lower() for s in suffixes)
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            # drafter.yaml is a unit's settings for drafter check, not a questionnaire
            files = sorted(f for f in p.iterdir() if f.suffix.lower() in wanted and f.is_file()
                           and f.name != "drafter.yaml")
            if not files:
                entries.append((p, f"文件夹中没有{what}（{_either(suffixes)} 文件）"))
        elif p.exists():
            files = [p]
        else:
            entries.append((p, "文件不存在"))
            continue
        for f in files:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                entries.append((f, None))
    return entries


def _either(suffixes: Sequence[str]) -> str:
    return suffixes[0] if len(suffixes) == 1 else "、".join(suffixes[:-1]) + " 或 " + suffixes[-1]


def output_names(sources: Sequence[Path], out_dir: Path, fmt: str) -> List[Path]:
    """``out_dir/<stem>.<fmt>`` for each source; a stem met again gets -2, -3 … in input order."""
    used = set()
    names = []
    for src in sources:
        stem, n = src.stem, 1
        name = f"{stem}.{fmt}"
        while name.lower() in used:   # case-insensitive: Windows and macOS folders are
            n += 1
            name = f"{stem}-{n}.{fmt}"
        used.add(name.lower())
        names.append(out_dir / name)
    return names


def draft_one(src: Path, out: Path) -> Outcome:
    """One input through the prepared job's step and output: (error message or None, warnings)."""
    job: Job = _state["job"]   # type: ignore[assignment]
    warnings: List[str] = []
    try:
        draft, warnings = job.step(src, job)
        _state["output"].write(draft, out, source=src)   # type: ignore[attr-defined]
    except DrafterError as e:
        return e.format_message(), warnings
    except RecursionError:
        return "内容嵌套过深，无法处理", warnings
    except MemoryError:
        return "内存不足，未能生成这份文稿", warnings
    except Exception as e:   # noqa: BLE001 — one bad input never stops the others
        return f"drafter 内部错误，未能生成这份文稿（{type(e).__name__}: {e}）", warnings
    return None, warnings


def format_summary(result: BatchResult) -> str:
    """共 N 份：成功 a 份，失败 b 份, then one line (or more, with hints) per failure."""
    lines = [f"共 {result.total} 份：成功 {len(result.rendered)} 份，失败 {len(result.failed)} 份"]
    if result.rendered and result.out_dir is not None:
        lines[0] += f"。文稿保存在：{display.text(result.out_dir)}"
    for src, message in result.failed:
        shown = display.text(src)
        lines.append(display.terminal(message if message.startswith(shown) else f"{shown}: {message}"))
    return "\n".join(lines) + "\n"


# --- internals ------------------------------------------------------------------------------

def _prepare(job: Job, output=None) -> None:
    """Load what the whole batch shares into this process (``output`` if it is prepared already),
    unless it is there."""
    if _state.get("job") == job:
        return
    if output is None:
        from drafter.api import prepare_output
        output = prepare_output(job.fmt, profile=job.profile_spec, reference_docx=job.reference_docx,
                                force=job.force, record=not job.scratch)
    if output.typeset:
        import drafter.write.docx  # noqa: F401 — imported once here, inherited by forked workers
    import drafter.genre.render  # noqa: F401
    _state.update(job=job, output=output)


def _draft_all(tasks, job: Job, jobs: Optional[int], outcomes: Dict[int, Outcome], tick) -> None:
    """Every (input, output) of ``tasks`` through ``job``, in a pool when that pays."""
    _prepare(job)
    workers = _worker_count(len(tasks), jobs)
    if workers > 1:
        _render_parallel(tasks, job, workers, outcomes, tick)
    for i, (src, out) in enumerate(tasks):   # serial batches, and whatever a broken pool left
        if i not in outcomes:
            outcomes[i] = draft_one(src, out)
            tick(1)


def _pdf_batch(tasks, job: Job, output, outcomes: Dict[int, Outcome], tick) -> None:
    """Convert every draft in one LibreOffice start. LibreOffice is started first and the .docx
    files are drafted, into a private folder, while it starts up (it opens each file only when it
    reaches it); each PDF is copied into place, atomically, as soon as LibreOffice has finished it."""
    from drafter.fsutil import private_temp
    from drafter.write.pdf import convert_batch
    with private_temp("pdf") as tmp:
        # Names of our own: a stem met twice, or one LibreOffice would mangle, cannot collide.
        docxs = [Path(tmp) / f"d{i:05d}.docx" for i in range(len(tasks))]
        drafted: Dict[int, Outcome] = {}
        docx_job = dataclasses.replace(job, fmt="docx", scratch=True)

        def make() -> List[int]:
            # In this process: a pool would fork beside LibreOffice's output thread, and drafting
            # (tens of ms a file) keeps ahead of converting (hundreds) anyway.
            _prepare(docx_job)
            for i, (src, _) in enumerate(tasks):
                drafted[i] = draft_one(src, docxs[i])
                if drafted[i][0] is not None:
                    outcomes[i] = drafted[i]
                    tick(1)
            return [i for i in drafted if drafted[i][0] is None]

        def done(i: int, pdf: Optional[Path], reason: Optional[str]) -> None:
            src, out = tasks[i]
            if pdf is not None:
                try:
                    output.place(pdf, out, source=src)
                except DrafterError as e:
                    reason = e.format_message()
            outcomes[i] = (None if reason is None else f"未能生成 PDF：{reason}", drafted[i][1])
            tick(1)

        if tasks:
            convert_batch(docxs, Path(tmp) / "pdf", done, make)


def _remove_partial(out_dir: Path, outs: Sequence[Path]) -> None:
    """Remove the hidden partial files (fsutil.write_atomic's) of ``outs``, left by this process or
    a worker that was stopped while writing."""
    from drafter.fsutil import remove_partials
    remove_partials(out_dir, [o.name for o in outs])


def _written(tasks, outcomes: Dict[int, Outcome], started: float) -> List[Path]:
    """The outputs complete when the batch stopped: those reported, and those a worker finished
    in a chunk it had not reported yet (in place, and written since the batch started)."""
    out = []
    for i, (_, path) in enumerate(tasks):
        if i in outcomes:
            if outcomes[i][0] is None:
                out.append(path)
            continue
        try:
            if path.stat().st_mtime >= started - 1:
                out.append(path)
        except OSError:
            pass
    return out


def _worker_count(n: int, jobs: Optional[int]) -> int:
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    if wanted <= 1 or n < POOL_THRESHOLD:
        return 1
    return max(1, min(wanted, n // 2))


def _chunks(tasks, workers: int) -> List[List[Tuple[int, Path, Path]]]:
    size = max(1, min(MAX_CHUNK, len(tasks) // (workers * 4)))
    indexed = [(i, src, out) for i, (src, out) in enumerate(tasks)]
    return [indexed[k:k + size] for k in range(0, len(indexed), size)]


def _pool_context():
    # fork shares the warm parent (modules, profile) for free; it is safe only while this process
    # has no other threads. Elsewhere the platform's default start method re-prepares each worker.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _worker_init(job: Job) -> None:
    # A worker dies at once on SIGTERM (the parent removes its partial file) and leaves Ctrl-C,
    # which the terminal sends to every process of the group, to the parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _prepare(job)


def _render_chunk(chunk: List[Tuple[int, Path, Path]]):
    return [(i, draft_one(src, out)) for i, src, out in chunk]


def _render_parallel(tasks, job: Job, workers: int, outcomes: Dict[int, Outcome], tick) -> None:
    """Fill ``outcomes`` from a pool; if the pool breaks, what it did not finish stays for the caller.
    Interrupted, the workers are stopped at once rather than left to finish their chunks."""
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                   initializer=_worker_init, initargs=(job,))
    except OSError:
        return
    try:
        futures = [pool.submit(_render_chunk, c) for c in _chunks(tasks, workers)]
        for fut in as_completed(futures):
            try:
                done = fut.result()
            except BrokenProcessPool:
                continue
            for i, outcome in done:
                outcomes[i] = outcome
            tick(len(done))
    except (BrokenProcessPool, OSError):
        pass   # the rest is rendered in this process
    except BaseException:
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    stop = getattr(pool, "terminate_workers", None)   # Python 3.14
    if stop is not None:
        stop()
        return
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for p in procs:
        p.terminate()
    for p in procs:
        p.join(5)


def _progress_bar(n: int):
    import click
    bar = click.progressbar(length=n, label="正在生成", file=sys.stderr, show_pos=True, width=30)
    bar.render_progress()
    return bar

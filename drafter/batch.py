"""Many questionnaires in one process: ``drafter render a.yaml b.yaml … -o 文件夹/``.

Each questionnaire goes through the same pipeline as a single render (load_answers →
draft_from_answers → write_draft); the format profile is loaded once for the whole batch. One
bad questionnaire never stops the others: its failure is recorded with the message the user
would have seen, and every output is written atomically, so a failed draft leaves no file.

A batch large enough to pay for it is spread over a pool of worker processes. The workers are
forked after the pipeline's modules are imported and the profile is loaded, so they start warm,
and they take the questionnaires in chunks to keep the round trips few.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from drafter.errors import DrafterError, Location

from drafter.formats import QUESTIONNAIRE, suffixes_of

SUFFIXES = suffixes_of(QUESTIONNAIRE)
# Below this many questionnaires one process is as fast as a pool. Measured on two cores with the
# leader-speech example, median of 5 fresh processes, one process vs two workers: 2 files 174 vs
# 158 ms, 3 files 194 vs 188 ms, 4 files 218 vs 190 ms, 6 files 274 vs 210 ms.
POOL_THRESHOLD = 4
# Chunks small enough to balance the workers' load, large enough to keep round trips few.
MAX_CHUNK = 16

Echo = Callable[[str], None]


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
class _Job:
    """What every questionnaire of the batch shares; picklable for spawned workers."""

    fmt: str
    profile_spec: Optional[str]
    reference_docx: Optional[Path]
    outline_dirs: Tuple[Path, ...]
    force: bool = False


# The job and its loaded profile inside this process (the parent, or a warm worker).
_state: Dict[str, object] = {}


def render_batch(inputs: Sequence[Path], out_dir: Path, fmt: str = "docx", profile: Optional[str] = None,
                 reference_docx: Optional[Path] = None, outline_dirs: Sequence[Path] = (),
                 jobs: Optional[int] = None, progress: bool = False, echo: Echo = print,
                 force: bool = False) -> BatchResult:
    """Render every questionnaire in ``inputs`` (files, or folders of *.yaml/*.yml) into ``out_dir``.

    Raises DrafterError only for what concerns the whole batch (an unknown format, a profile or
    reference template that cannot be used, an output folder that cannot be made); ``echo``
    receives each questionnaire's warnings.
    """
    from drafter.formats import FORMATS
    if fmt not in FORMATS:
        raise DrafterError(f"不支持的输出格式“{fmt}”", hint="可用的格式：" + "、".join(FORMATS))
    if reference_docx is not None:
        from drafter.safezip import check_docx_package
        check_docx_package(Path(reference_docx), what="参考模板")
    out_dir = _output_folder(Path(out_dir))
    job = _Job(fmt, str(profile) if profile is not None else None,
               Path(reference_docx) if reference_docx is not None else None, tuple(Path(d) for d in outline_dirs),
               force)
    _prepare(job)   # loads the profile once: a bad profile stops the batch before any file

    result = BatchResult(out_dir=out_dir)
    entries = expand_inputs(inputs)
    sources = [p for p, why in entries if why is None]
    tasks = list(zip(sources, output_names(sources, out_dir, fmt)))
    outcomes: Dict[int, Tuple[Optional[str], List[str]]] = {}
    workers = _worker_count(len(tasks), jobs, fmt)
    bar = _progress_bar(len(tasks)) if progress and tasks else None
    try:
        if workers > 1:
            _render_parallel(tasks, job, workers, outcomes, bar)
        for i, (src, out) in enumerate(tasks):   # serial batches, and whatever a broken pool left
            if i not in outcomes:
                outcomes[i] = render_one(src, out)
                if bar is not None:
                    bar.update(1)
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
                  what: str = "问卷（.yaml 或 .yml 文件）") -> List[Tuple[Path, Optional[str]]]:
    """What ``inputs`` name, in the user's order: each file once, with None (a folder stands for
    its files with one of ``suffixes``, sorted by name), or an input that names none, with why."""
    entries: List[Tuple[Path, Optional[str]]] = []
    seen = set()
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() in suffixes and f.is_file())
            if not files:
                entries.append((p, f"文件夹中没有{what}"))
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


def render_one(src: Path, out: Path) -> Tuple[Optional[str], List[str]]:
    """Render one questionnaire with the prepared job: (error message or None, warnings)."""
    from drafter.api import draft_from_answers, load_answers, write_draft
    job: _Job = _state["job"]   # type: ignore[assignment]
    warnings: List[str] = []
    try:
        answers = load_answers(src, job.outline_dirs)
        warnings = [w.format_message() for w in answers.warnings]
        draft = draft_from_answers(answers)
        write_draft(draft, out, job.fmt, profile=_state.get("profile"), reference_docx=job.reference_docx,
                    source=src, force=job.force)
    except DrafterError as e:
        return e.format_message(), warnings
    except RecursionError:
        return "问卷内容嵌套过深，无法处理", warnings
    except MemoryError:
        return "内存不足，未能生成这份文稿", warnings
    except Exception as e:   # noqa: BLE001 — one bad questionnaire never stops the others
        return f"drafter 内部错误，未能生成这份文稿（{type(e).__name__}: {e}）", warnings
    return None, warnings


def format_summary(result: BatchResult) -> str:
    """共 N 份：成功 a 份，失败 b 份, then one line (or more, with hints) per failure."""
    lines = [f"共 {result.total} 份：成功 {len(result.rendered)} 份，失败 {len(result.failed)} 份"]
    if result.rendered and result.out_dir is not None:
        lines[0] += f"。文稿保存在：{result.out_dir}"
    for src, message in result.failed:
        text = message if message.startswith(str(src)) else f"{src}: {message}"
        lines.append(text)
    return "\n".join(lines) + "\n"


# --- internals ------------------------------------------------------------------------------

def _output_folder(out_dir: Path) -> Path:
    if out_dir.exists() and not out_dir.is_dir():
        raise DrafterError(f"输出路径不是文件夹：{out_dir}", hint="生成多份文稿时，-o 后应写一个文件夹。")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DrafterError(f"无法创建输出文件夹：{out_dir}（{e.strerror}）", hint="请检查路径和写入权限。") from None
    return out_dir


def _prepare(job: _Job) -> None:
    """Load what the whole batch shares into this process, unless it is already there."""
    if _state.get("job") == job:
        return
    profile = None
    if job.fmt in ("docx", "pdf"):
        from drafter.profile import load_profile
        profile = load_profile(job.profile_spec)
        import drafter.docx_writer  # noqa: F401 — imported once here, inherited by forked workers
    import drafter.render  # noqa: F401
    _state.update(job=job, profile=profile)


def _worker_count(n: int, jobs: Optional[int], fmt: str) -> int:
    if fmt == "pdf":   # LibreOffice runs one conversion at a time per machine well enough
        return 1
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


def _worker_init(job: _Job) -> None:
    _prepare(job)


def _render_chunk(chunk: List[Tuple[int, Path, Path]]):
    return [(i, render_one(src, out)) for i, src, out in chunk]


def _render_parallel(tasks, job: _Job, workers: int, outcomes: Dict, bar) -> None:
    """Fill ``outcomes`` from a pool; if the pool breaks, what it did not finish stays for the caller."""
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                 initializer=_worker_init, initargs=(job,)) as pool:
            futures = [pool.submit(_render_chunk, c) for c in _chunks(tasks, workers)]
            for fut in as_completed(futures):
                try:
                    done = fut.result()
                except BrokenProcessPool:
                    continue
                for i, outcome in done:
                    outcomes[i] = outcome
                if bar is not None:
                    bar.update(len(done))
    except (BrokenProcessPool, OSError):
        return   # the rest is rendered in this process


def _progress_bar(n: int):
    import click
    bar = click.progressbar(length=n, label="正在生成", file=sys.stderr, show_pos=True, width=30)
    bar.render_progress()
    return bar

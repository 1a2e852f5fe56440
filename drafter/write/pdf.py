"""PDF through headless LibreOffice (drafter.soffice: a private profile, no network, stopped whole).

A batch is one LibreOffice start (convert_batch): starting takes 1.5–5 s here, converting a
draft about 0.3 s, so one ``--convert-to`` call with every file beats a converter held open
(unoserver) for anything drafter runs. LibreOffice announces each file on stdout before it
converts it, so a PDF is known to be complete when the next file is announced or LibreOffice
exits cleanly; each is then checked (%PDF- header, %%EOF trailer) before it counts.
"""
from __future__ import annotations

import queue
import subprocess
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Callable, Collection, Dict, List, Optional, Sequence, Tuple

from drafter.errors import OutputError
from drafter.fsutil import private_temp, write_atomic
from drafter.soffice import Converter, require_soffice

TIMEOUT_S = 300          # one LibreOffice start, plus PER_FILE_S for each file it converts
PER_FILE_S = 60
_FIX_HINT = "请确认 .docx 能用 Word/WPS 打开；或先用 LibreOffice 手动打开一次。"
_ANNOUNCE = re.compile(r"^convert (.+) -> (.+) using filter")

# done(k, pdf, None) for a complete PDF of the k-th input, done(k, None, reason) for a failure.
Done = Callable[[int, Optional[Path], Optional[str]], None]


def write_pdf(draft, out: Path, profile=None, reference_docx: Optional[Path] = None,
              source: Optional[Path] = None) -> None:
    """The writer of the PDF format: the draft as .docx (drafter.write.docx), printed by LibreOffice."""
    from drafter.write.docx import write_docx
    require_soffice()   # say so before any work is done
    with private_temp("pdf") as tmp:
        docx = Path(tmp) / "d00000.docx"   # a name of our own: LibreOffice names the PDF after it
        # Written while LibreOffice starts up, which it opens only once it is ready.
        convert_to_pdf(docx, out, source=source,
                       make=lambda: write_docx(draft, docx, profile=profile, reference_docx=reference_docx))


def convert_to_pdf(docx: Path, pdf: Path, source: Optional[Path] = None,
                   make: Optional[Callable[[], None]] = None) -> None:
    """Convert one .docx to ``pdf``; the PDF appears whole or not at all. ``make``, if given,
    writes ``docx`` once LibreOffice is starting (see convert_batch)."""
    docx, pdf = Path(docx), Path(pdf)
    result: Dict[str, Optional[object]] = {}

    def made_it() -> List[int]:
        make()
        return [0]

    with private_temp("pdf") as out:
        convert_batch([docx], Path(out), lambda k, made, why: result.update(made=made, why=why),
                      made_it if make is not None else None)
        made = result.get("made")
        if made is None:
            raise OutputError(f"未能生成 PDF：{pdf}（{result.get('why')}）", hint=_FIX_HINT)
        write_atomic(pdf, lambda tmp: shutil.copyfile(made, tmp), source=source or docx)


def convert_many(docxs: Sequence[Path], outdir: Path) -> List[Path]:
    """Convert several .docx files in one LibreOffice start; the PDF paths in ``outdir``, in the
    order given. Any failure raises OutputError naming the first file that failed."""
    made: Dict[int, Path] = {}
    failed: List[str] = []

    def done(k: int, pdf: Optional[Path], reason: Optional[str]) -> None:
        if pdf is not None:
            made[k] = pdf
        else:
            failed.append(f"{Path(docxs[k]).name}：{reason}")

    convert_batch(docxs, outdir, done)
    if failed:
        raise OutputError(f"LibreOffice 未能生成 PDF（{failed[0]}）", hint=_FIX_HINT)
    return [made[k] for k in range(len(docxs))]


def convert_batch(docxs: Sequence[Path], outdir: Path, done: Done,
                  make: Optional[Callable[[], Collection[int]]] = None) -> None:
    """Convert ``docxs`` into ``outdir`` in one LibreOffice start, calling ``done`` for each file
    as soon as its PDF is complete (or has failed).

    ``make``, if given, is called once LibreOffice is starting and writes the .docx files (their
    names are fixed beforehand): LibreOffice opens each file only when it reaches it, so drafting
    overlaps its start-up. It returns the indexes of the files it made; the others are neither
    converted nor reported. A file LibreOffice reached before it was made gets another start.
    If LibreOffice dies part-way, the file it was on fails and the ones it never reached get
    another start, as long as each start gets further."""
    soffice = require_soffice()
    docxs = [Path(d).resolve() for d in docxs]
    if len({d.stem for d in docxs}) != len(docxs):
        raise ValueError("convert_batch: two inputs share a file name; their PDFs would collide")
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    pending = list(range(len(docxs)))   # the first start is given every file: ks[j] == j
    while pending:
        ks = tuple(pending)
        left, why, clean = _one_start(soffice, [docxs[k] for k in ks], outdir,
                                      lambda j, pdf, reason: done(ks[j], pdf, reason), make)
        lost = [ks[j] for j in left]
        if (clean and make is None) or (not clean and len(lost) == len(ks)):
            for k in lost:   # LibreOffice could not open them, or died before its first file
                done(k, None, why)
            return
        make = None
        pending = lost


def pdf_problem(pdf: Path) -> Optional[str]:
    """Why ``pdf`` is not a complete PDF file, or None: it must start with %PDF- and end with %%EOF."""
    try:
        size = pdf.stat().st_size
        with open(pdf, "rb") as f:
            head = f.read(5)
            f.seek(max(0, size - 1024))
            tail = f.read()
    except FileNotFoundError:
        return "LibreOffice 没有写出 PDF"
    except OSError as e:
        return f"无法读取 LibreOffice 写出的 PDF（{e.strerror}）"
    if head != b"%PDF-":
        return "LibreOffice 写出的文件不是 PDF" if size else "LibreOffice 写出的 PDF 是空文件"
    if b"%%EOF" not in tail:
        return "LibreOffice 写出的 PDF 不完整（缺少文件结尾）"
    return None


# --- one LibreOffice start --------------------------------------------------------------------

def _one_start(soffice: str, docxs: List[Path], outdir: Path, done: Done,
               make: Optional[Callable[[], Collection[int]]]) -> Tuple[List[int], str, bool]:
    """Run LibreOffice once over ``docxs`` (after starting it, ``make()`` writes them and says
    which it wrote) and report each file it converted. Returns the files it was given but did not
    reach, why, and whether it exited cleanly; a file it was on when it died or timed out is
    reported failed here."""
    by_name = {d.stem + ".pdf": k for k, d in enumerate(docxs)}
    current: Optional[int] = None
    reached = set()
    tail: List[str] = []

    def finish(k: int) -> None:
        why = pdf_problem(outdir / (docxs[k].stem + ".pdf"))
        done(k, outdir / (docxs[k].stem + ".pdf") if why is None else None, why)

    # The .docx files are drafter's own (a unit template is cleaned of outside targets): where no
    # network namespace can be made, LibreOffice's own settings are the wall (drafter.soffice).
    with Converter(["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), *map(str, docxs)],
                   untrusted=False, soffice=soffice) as conv:
        timed_out = False
        code: Optional[int] = None
        allowed = TIMEOUT_S + PER_FILE_S * len(docxs)
        lines = _pump(conv.proc)
        wanted = set(make()) if make is not None else set(range(len(docxs)))
        deadline = time.monotonic() + allowed
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                timed_out = True
                break
            if line is None:
                break
            m = _ANNOUNCE.match(line)
            k = by_name.get(Path(m.group(2).strip()).name) if m else None
            if k is None:
                if line.strip():
                    tail = (tail + [line.strip()])[-2:]
                continue
            if current is not None:
                finish(current)   # LibreOffice has moved on: the previous PDF is complete
            current = k
            reached.add(k)
        code = None if timed_out else conv.proc.wait()
    if timed_out:
        why = f"LibreOffice 转换超时（超过 {allowed} 秒），请关闭其他 LibreOffice 进程后重试"
    elif code != 0:
        why = f"LibreOffice 异常退出（退出码 {code}）"
    else:
        why = "LibreOffice 无法打开这份 .docx" + (f"（{tail[-1]}）" if tail else "")
    if current is not None:
        if code == 0:
            finish(current)
        else:
            done(current, None, why)
    left = [k for k in sorted(wanted) if k not in reached]
    if timed_out:
        for k in left:
            done(k, None, why)
        return [], why, False
    return left, why, code == 0


def _pump(proc: subprocess.Popen) -> "queue.Queue[Optional[str]]":
    """LibreOffice's output lines, read by a thread so that waiting for them can time out."""
    lines: "queue.Queue[Optional[str]]" = queue.Queue()

    def run() -> None:
        with proc.stdout:
            for line in proc.stdout:
                lines.put(line)
        lines.put(None)

    threading.Thread(target=run, daemon=True).start()
    return lines

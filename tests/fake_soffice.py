"""A stand-in for LibreOffice in tests (drafter finds it through DRAFTER_SOFFICE).

It takes soffice's arguments (``--outdir DIR`` and the .docx files), announces each file on stdout
as LibreOffice does, and writes a PDF shell for it. FAKE_SOFFICE_MODE picks how it misbehaves:

* ``ok``: every PDF complete, exit 0;
* ``truncate-exit1``: the first PDF cut off before its %%EOF trailer, then exit 1;
* ``complete-exit1``: every PDF complete, but exit 1 (a crash on the way out);
* ``truncate-exit0``: the bad file's PDF cut off, exit 0 (the bad file is the one named
  FAKE_SOFFICE_BAD, without its suffix; d00001, the second file of a batch, if unset);
* ``empty``: the bad file's PDF empty, exit 0;
* ``skip``: the bad file cannot be loaded (not announced, no PDF), exit 0;
* ``crash``: on its first start, dies (exit 134) while writing the bad file's PDF; later
  starts convert everything they are given;
* ``wait-after-first``: after the first PDF, waits (up to 10 s) for the file FAKE_SOFFICE_GO;
* ``needs-file``: like LibreOffice, a file that does not exist (yet) is not loaded, exit 0;
* ``hang``: announces the first file, writes half its PDF, creates the file FAKE_SOFFICE_HANGING
  and sleeps (30 s) before going on;
* ``fork-hang``: like LibreOffice's wrapper, starts a child (soffice.bin) that ignores SIGTERM and
  a grandchild that leaves the process group (setsid), writes their process ids to
  FAKE_SOFFICE_HANGING and sleeps (60 s); all three hang.

Each start appends one line (the number of files) to FAKE_SOFFICE_LOG, if set.
"""
import os
import signal
import sys
import time
from pathlib import Path

COMPLETE = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CUT = COMPLETE[:30]


def main() -> int:
    args = sys.argv[1:]
    outdir = Path(args[args.index("--outdir") + 1])
    files = [Path(a) for a in args if a.endswith(".docx")]
    mode = os.environ.get("FAKE_SOFFICE_MODE", "ok")
    if mode == "fork-hang":
        return fork_and_hang()
    log = os.environ.get("FAKE_SOFFICE_LOG")
    bad_name = os.environ.get("FAKE_SOFFICE_BAD", "d00001")
    starts = 0
    if log:
        starts = len(Path(log).read_text().splitlines()) if Path(log).exists() else 0
        with open(log, "a") as f:
            f.write(f"{len(files)}\n")
    for n, src in enumerate(files, 1):
        bad = src.stem == bad_name
        if (mode == "skip" and bad) or (mode == "needs-file" and not src.exists()):
            print("Error: source file could not be loaded", file=sys.stderr, flush=True)
            continue
        pdf = outdir / (src.stem + ".pdf")
        print(f"convert {src} -> {pdf} using filter : writer_pdf_Export", flush=True)
        if mode == "wait-after-first" and n == 2:
            go = Path(os.environ["FAKE_SOFFICE_GO"])
            deadline = time.monotonic() + 10
            while not go.exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        if mode == "hang" and n == 1:
            pdf.write_bytes(CUT)
            Path(os.environ["FAKE_SOFFICE_HANGING"]).touch()
            time.sleep(30)
        body = COMPLETE
        if (mode == "truncate-exit1" and n == 1) or (mode == "truncate-exit0" and bad):
            body = CUT
        elif mode == "empty" and bad:
            body = b""
        elif mode == "crash" and bad and starts == 0:
            pdf.write_bytes(CUT)
            return 134
        pdf.write_bytes(body)
        if mode == "truncate-exit1":
            return 1
    return 1 if mode == "complete-exit1" else 0


def fork_and_hang() -> int:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)   # inherited: only SIGKILL ends them
    read, write = os.pipe()
    if os.fork() == 0:
        if os.fork() == 0:
            os.setsid()
            os.write(write, f"{os.getpid()}\n".encode())
            time.sleep(60)
            os._exit(0)
        os.write(write, f"{os.getpid()}\n".encode())
        time.sleep(60)
        os._exit(0)
    pids = [os.getpid()]
    with os.fdopen(read) as r:
        pids += [int(r.readline()), int(r.readline())]
    flag = Path(os.environ["FAKE_SOFFICE_HANGING"])
    tmp = flag.with_name(flag.name + ".tmp")
    tmp.write_text("".join(f"{p}\n" for p in pids))
    tmp.rename(flag)
    time.sleep(60)
    return 0


if __name__ == "__main__":
    sys.exit(main())

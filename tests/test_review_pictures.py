"""The README's pictures of the review loop, as LibreOffice prints them (issue 22, "done when").

Each of the four commands runs as a clerk runs it; LibreOffice (through drafter.soffice: no
network, private profile) prints each result to PDF with Word comments exported
(``ExportNotes``; ``ExportNotesInMargin`` where the LibreOffice has it — 7.4 ignores it and
draws each comment as a note at its text) and tracked changes shown as LibreOffice shows them
(inserted text underlined, deleted text struck through, in the reviewer's colour); poppler's
pdftoppm turns the first page into out/review/*.png. docs/review-*.png are copies of these.

The test also holds the PDF to what the command said: as many notes (or comments in the
margin) as comments written, and both the old and the new text of the tracked changes printed.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx_fixtures as fx
from conftest_pdf import require_soffice
from helpers import run_capped
from test_compare import FIRST, SECOND

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "review"
PDF_FILTER = ('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
              '"ExportNotesInMargin":{"type":"boolean","value":"true"}}')
RESOLUTION = 80          # dots per inch of the pictures: an A4 page is 661 pixels wide
CROP = 620               # pixels of the page's height kept: the title and the first paragraphs


def _run(*args) -> str:
    r = run_capped([str(a) for a in args])
    said = r.stdout.decode("utf-8") + r.stderr.decode("utf-8")
    assert r.returncode in (0, 1), said
    return said


def _notes(pdf: Path):
    """The comments LibreOffice put in the PDF as notes: their text."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for a in resolve1(page.page_obj.annots) or []:
                a = resolve1(a)
                if getattr(a.get("Subtype"), "name", "") == "Text":
                    raw = a.get("Contents", b"")
                    out.append(raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1"))
    return out


def _text(pdf: Path) -> str:
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        return "".join(p.extract_text() or "" for p in doc.pages)


def test_each_review_command_printed_by_libreoffice(tmp_path):
    from drafter import soffice
    require_soffice()
    d = tmp_path
    fx.clerk_speech(d / "讲话.docx")
    (d / "一稿.txt").write_text(FIRST, encoding="utf-8")
    (d / "二稿.txt").write_text(SECOND, encoding="utf-8")
    said = {
        "annotate": _run("check", d / "讲话.docx", "--annotate"),
        "annotate-fix": _run("check", d / "讲话.docx", "--annotate", "--fix", "-o", d / "讲话（改正）.docx"),
        "track": _run("format", d / "讲话.docx", "--track-changes"),
        "compare": _run("compare", d / "一稿.txt", d / "二稿.txt"),
    }
    made = {k: Path(re.search(r"已生成：(.+?\.docx)", v).group(1)) for k, v in said.items()}
    # plain ASCII names for LibreOffice's output folder; one LibreOffice run prints all four
    docs = []
    for key, path in made.items():
        docs.append(d / f"review-{key}.docx")
        shutil.copyfile(path, docs[-1])
    code, output = soffice.run(["--convert-to", PDF_FILTER, "--outdir", str(d / "pdf"), *map(str, docs)], 300,
                               untrusted=False)
    assert code == 0, output
    pdfs = {key: d / "pdf" / f"review-{key}.pdf" for key in made}

    comments = {k: int(re.search(r"批注 (\d+) 条", said[k]).group(1)) for k in ("annotate", "annotate-fix")}
    for key, n in comments.items():
        notes = _notes(pdfs[key])
        mine = [t for t in notes if "规则：" in t]
        text = _text(pdfs[key])
        assert len(mine) == n or text.count("规则：") == n, (key, n, notes)
    assert comments["annotate"] >= 6
    tracked = _text(pdfs["track"])
    # both sides of each tracked change are printed, the deleted one struck through: 同志们:：
    assert "同志们:：" in tracked and "分布...……" in tracked, tracked
    fixed = _text(pdfs["annotate-fix"])
    assert "同志们:：" in fixed and "分布...……" in fixed, fixed
    compared = _text(pdfs["compare"])
    compared = compared.replace(" ", "")    # each changed character printed twice: struck, then inserted
    assert all(x in compared for x in ("3月1820日", "站125个", "东西城", "三四件事", "在65月底")), compared

    OUT.mkdir(parents=True, exist_ok=True)
    for key, pdf in pdfs.items():
        stem = OUT / f"review-{key}"
        subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile",
                        "-H", str(CROP), str(pdf), str(stem)], check=True, capture_output=True, timeout=120)
        png = stem.with_suffix(".png")
        assert png.stat().st_size > 10_000, png
        committed = ROOT / "docs" / png.name
        assert committed.is_file(), f"copy {png.relative_to(ROOT)} to docs/ and commit it"

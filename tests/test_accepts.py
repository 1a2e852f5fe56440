"""Every command reads exactly the input kinds the formats table says, and refuses the rest in Chinese.

Each input kind (every suffix of every row of drafter.formats.INPUTS, and two kinds drafter does
not read) is given to every command that reads files: render, outline, format, import, check,
check --annotate, compare (the file with itself), stats, serve's command line, and the workbench's six upload buttons over HTTP. A kind the
command reads must go through (and, for commands that write, produce the output); any other is
refused with exit code 2 (HTTP 400 for an upload), one message naming the command and what it
does read, and no file left behind.

The old Word/WPS row needs LibreOffice: here a stand-in converter (it "converts" by copying a
.docx drafter wrote) keeps the matrix fast; test_real_libreoffice_reads_an_old_word_file_for_import proves the
same path with the real one (as test_format.py does for format), and a machine without LibreOffice refuses them in every command.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from drafter import formats
from drafter.errors import DrafterError
from drafter.serve.server import TOKEN_HEADER, make_server

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"
CASES = Path(__file__).resolve().parent / "format_cases"

# The decision, written out: which kinds each command reads. The table must say the same.
Q, DOCX, TXT, MD, LEGACY = "questionnaire", "docx", "txt", "md", "legacy"
DRAFTS = {DOCX, TXT, MD, LEGACY}
EXPECTED = {
    "render": {Q}, "outline": {Q}, "serve": {Q}, "serve-open": {Q},
    "check": {Q} | DRAFTS, "stats": {Q} | DRAFTS,
    "format": DRAFTS, "import": DRAFTS, "serve-import": DRAFTS, "serve-format": DRAFTS,
    "annotate": {DOCX, TXT, MD},      # comments go into the clerk's own .docx; a .doc would be a conversion
    "compare": DRAFTS,                # two drafts of any kind: here one compared with itself
    # the workbench's review buttons read what their commands read
    "serve-annotate": {DOCX, TXT, MD}, "serve-track": DRAFTS, "serve-compare": DRAFTS,
}
UNKNOWN = {".pdf": b"%PDF-1.4\n", ".xlsx": b"PK\x03\x04"}
UPLOADS = {"serve-open": "/api/open", "serve-import": "/api/import", "serve-format": "/api/format",
           "serve-annotate": "/api/annotate", "serve-track": "/api/track-changes", "serve-compare": "/api/compare"}

STAND_IN = '''import shutil, sys
from pathlib import Path
args = sys.argv[1:]
outdir, src = Path(args[args.index("--outdir") + 1]), Path(args[-1])
assert "--convert-to" in args and src.suffix in (".doc", ".wps")
shutil.copyfile({docx!r}, outdir / (src.stem + ".docx"))
'''


def test_the_table_says_what_was_decided():
    assert {name: set(c.reads) for name, c in formats.COMMANDS.items()} == EXPECTED
    assert {k.name for k in formats.INPUTS if not k.draft} == {Q}
    assert [k.name for k in formats.INPUTS if formats.LIBREOFFICE in k.needs] == [LEGACY]
    assert {f.name for f in formats.OUTPUT_FORMATS if formats.LIBREOFFICE in f.needs} == {"pdf"}
    assert {f.name for f in formats.OUTPUT_FORMATS if formats.PROFILE in f.needs} == {"docx", "pdf"}
    for row in formats.INPUTS + formats.OUTPUT_FORMATS:       # every reader and writer is there
        assert callable(formats.load(row.reader if isinstance(row, formats.InputKind) else row.writer))


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """One file of every suffix drafter knows, and two it does not; a stand-in converter."""
    from drafter.api import draft_from_file, write_draft
    folder = tmp_path_factory.mktemp("samples")
    docx = folder / "sample.docx"
    write_draft(draft_from_file(EXAMPLE), docx, "docx", record=False)
    sources = {Q: EXAMPLE, DOCX: docx, TXT: CASES / "hand_speech.txt", MD: CASES / "hand_report.md", LEGACY: docx}
    out = {}
    for kind in formats.INPUTS:
        for suffix in kind.suffixes:
            path = folder / f"稿{suffix}"
            shutil.copyfile(sources[kind.name], path)
            out[suffix] = (kind.name, path)
    for suffix, data in UNKNOWN.items():
        path = folder / f"稿{suffix}"
        path.write_bytes(data)
        out[suffix] = (None, path)
    script = folder / "stand_in.py"
    script.write_text(STAND_IN.format(docx=str(docx)), encoding="utf-8")
    exe = folder / "soffice"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
    exe.chmod(0o755)
    return out, exe


@pytest.fixture
def converter(samples, monkeypatch):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(samples[1]))


CASES_ = [(cmd, suffix) for cmd in list(EXPECTED) for suffix in
          [s for k in formats.INPUTS for s in k.suffixes] + list(UNKNOWN)]


def _run_cli(drafter_cli, cmd, src, work):
    """(accepted, message) of one CLI command on ``src``; an accepted writing command wrote its output."""
    out = {"render": work / "out.docx", "format": work / "out.docx", "import": work / "out.yaml",
           "annotate": work / "out.docx", "compare": work / "out.docx"}.get(cmd)
    sources = [src, src] if cmd == "compare" else [src]
    args = (["check", "--annotate"] if cmd == "annotate" else [cmd]) + sources + (["-o", out] if out else [])
    r = drafter_cli(*args)
    assert "Traceback" not in r.output and "内部错误" not in r.output, r.output
    if cmd in ("check", "annotate"):
        accepted = r.exit_code in (0, 1)
    else:
        accepted = r.exit_code == 0
        if out is not None:
            assert out.is_file() == accepted, r.output
    if not accepted:
        assert r.exit_code == 2, r.output
    return accepted, r.output


def _run_serve(cmd, src, served, refused=(400,)):
    """(accepted, message) of the workbench started on ``src`` or of an upload of ``src``; an upload
    is refused with one of the HTTP ``refused`` statuses."""
    if cmd == "serve":
        try:
            make_server(src, port=0).server_close()
            return True, ""
        except DrafterError as e:
            assert e.exit_code == 2
            return False, e.format_message()
    from test_serve_http import request
    from urllib.parse import quote
    body, headers = src.read_bytes(), {TOKEN_HEADER: served.token, "X-File-Name": quote(src.name)}
    if cmd == "serve-compare":      # the file compared with itself, as the CLI's row does
        headers.update({"X-Second-Name": quote(src.name), "X-First-Length": str(len(body))})
        body += body
    status, data = request(served, "POST", UPLOADS[cmd], body, headers)
    assert status in (200,) + tuple(refused), data[:300]
    if status == 200:
        return True, ""
    body = json.loads(data)
    return False, body["error"] + "\n" + body.get("hint", "")


@pytest.mark.parametrize("cmd, suffix", CASES_)
def test_every_command_reads_what_the_table_says(drafter_cli, samples, converter, served, tmp_path, cmd, suffix):
    kind, sample = samples[0][suffix]
    src = tmp_path / sample.name
    shutil.copyfile(sample, src)
    if cmd in EXPECTED and cmd.startswith("serve"):
        accepted, message = _run_serve(cmd, src, served)
    else:
        accepted, message = _run_cli(drafter_cli, cmd, src, tmp_path)
    assert accepted == (kind in EXPECTED[cmd]), message
    if not accepted:
        label = formats.COMMANDS[cmd].label
        assert f"{label} 不能处理" in message, message
        assert "可以处理的文件：" + "、".join(formats.suffixes_of(*_offered(cmd))) in message, message
        assert sorted(p.name for p in tmp_path.iterdir()) == [src.name], "a refusal leaves no file"


def _offered(cmd):
    """The kinds ``cmd`` reads, in the table's order (the order a refusal lists them in)."""
    return [k.name for k in formats.INPUTS if k.name in EXPECTED[cmd]]


@pytest.mark.parametrize("cmd", [c for c in EXPECTED if LEGACY in EXPECTED[c]])
def test_without_libreoffice_old_word_files_are_refused_by_every_command(drafter_cli, samples, served, tmp_path,
                                                                        monkeypatch, cmd):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    src = tmp_path / "旧稿.doc"
    shutil.copyfile(samples[0][".doc"][1], src)
    if cmd.startswith("serve"):
        # the upload is one drafter reads; this machine cannot convert it (HTTP 422)
        accepted, message = _run_serve(cmd, src, served, refused=(422,))
    else:
        accepted, message = _run_cli(drafter_cli, cmd, src, tmp_path)
    assert not accepted
    assert "LibreOffice" in message and "另存为" in message, message


def test_the_page_offers_what_the_buttons_read(served):
    from test_serve_http import request
    status, page = request(served, "GET", "/")
    assert status == 200
    for button in ("open", "import", "format", "compare"):
        offered = ",".join(formats.suffixes_of(*_offered("serve-" + button)))
        assert f'id="file-{button}" type="file" accept="{offered}"'.encode() in page
    for button, cmd in (("annotate", "serve-annotate"), ("annotate-fix", "serve-annotate"), ("track", "serve-track"),
                        ("compare", "serve-compare")):
        offered = ",".join(formats.suffixes_of(*_offered(cmd)))
        assert f'id="btn-{button}" type="button" data-accept="{offered}"'.encode() in page, button
    # 审阅文稿 takes any file one of its buttons reads
    review = set().union(*(EXPECTED[c] for c in ("serve-annotate", "serve-track", "serve-compare")))
    offered = ",".join(formats.suffixes_of(*[k.name for k in formats.INPUTS if k.name in review]))
    assert f'id="file-review" type="file" accept="{offered}"'.encode() in page


@pytest.mark.parametrize("cmd", ["format", "import", "check", "stats", "compare"])
def test_the_help_names_every_draft_kind(drafter_cli, cmd):
    text = drafter_cli(cmd, "--help").output
    for suffix in (".docx", ".txt", ".md", ".doc", ".wps"):
        assert suffix in text, (cmd, suffix)


def test_real_libreoffice_reads_an_old_word_file_for_import(drafter_cli, tmp_path):
    """The converter the matrix stands in for: a .doc LibreOffice made from our .docx, named .wps
    (LibreOffice goes by the content), is imported, and reads like the .docx. (test_format.py
    formats a real .doc.)"""
    suffix, cmd = ".wps", "import"
    import subprocess
    from conftest_pdf import require_soffice
    from drafter.api import draft_from_file, write_draft
    from drafter.fonts import fontconfig_env
    from drafter.read.reader import read_draft
    soffice = require_soffice()
    base = tmp_path / "旧稿.docx"
    write_draft(draft_from_file(EXAMPLE), base, "docx", record=False)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "doc"), str(base)], check=True, capture_output=True,
                   env=fontconfig_env(), timeout=180)
    src = tmp_path / f"旧稿{suffix}"
    shutil.move(str(tmp_path / "doc" / "旧稿.doc"), src)
    accepted, output = _run_cli(drafter_cli, cmd, src, tmp_path)
    assert accepted, output
    heads = [b.text for b in read_draft(base).blocks if b.kind == "heading"]
    assert [b.text for b in read_draft(src, cmd).blocks if b.kind == "heading"] == heads

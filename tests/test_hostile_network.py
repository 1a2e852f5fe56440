"""Issue 26, point 1: no conversion reaches the network, and what a file links to is named.

Two TCP listeners, one on 127.0.0.1 and one on another local address, stand for the web and the
office's intranet. Hostile documents (tests/hostile_docs.py: a flat ODT, an ODT, HTML, RTF and a
real Word 97 file, each carrying remote pictures, OLE links and linked sections, named .doc or
.wps as a clerk receives them) go through every way drafter hands a file to LibreOffice:
``drafter format`` as a process, the workbench's 排版 and 导入 uploads, and the PDF writer (with
and without the network namespace). Nothing may reach either listener. Two control runs of a bare
LibreOffice show that the same files do reach them when drafter's walls are not there, so the
test can fail.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Dict, List

import pytest

import hostile_docs as hd
from drafter import formats, soffice

ROOT = Path(__file__).resolve().parent.parent


def _require_soffice_and_sandbox() -> None:
    from conftest_pdf import require_soffice
    from test_hostile_convert import require_sandbox
    require_soffice()
    require_sandbox()


class Listener:
    """A TCP server that records the first line of every connection made to it."""

    def __init__(self, host: str):
        self.host = host
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits: List[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, name: str) -> str:
        return f"http://{self.host}:{self.port}/{name}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    first = conn.recv(200).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    first = "(connected)"
                self.hits.append(first or "(connected)")


def _other_local_address() -> str:
    """An address of this machine other than 127.0.0.1: its own network address if it has one
    (the intranet side), else another loopback address."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))          # no packet is sent for a UDP connect
            addr = s.getsockname()[0]
        with socket.socket() as probe:
            probe.bind((addr, 0))
        if not addr.startswith("127."):
            return addr
    except OSError:
        pass
    return "127.0.0.2"


@pytest.fixture(scope="module")
def listeners():
    pair = [Listener("127.0.0.1"), Listener(_other_local_address())]
    yield pair
    for lst in pair:
        lst.sock.close()


@pytest.fixture(scope="module")
def targets(listeners) -> hd.Targets:
    near, far = listeners
    return hd.Targets(image=near.url("image.png"), other=far.url("other.png"), ole=far.url("object.xls"),
                      section=near.url("section.odt"), style=far.url("style.css"))


# Each content named as a clerk receives it, and by its own suffix wherever drafter accepts that.
CASES = ["flat-odt.doc", "odt.doc", "html.doc", "rtf.doc", "word97.doc", "word97.wps"] + [
    name + suffix for name, suffix in (("rtf", ".rtf"), ("odt", ".odt"), ("flat-odt", ".fodt"))
    if formats.input_kind(Path("x" + suffix)) is not None]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, targets, listeners) -> Dict[str, Path]:
    """Every hostile file of CASES, by name."""
    _require_soffice_and_sandbox()
    folder = tmp_path_factory.mktemp("hostile")
    contents = {"flat-odt": hd.flat_odt(targets), "odt": hd.odt(targets), "html": hd.html(targets),
                "rtf": hd.rtf(targets), "word97": hd.word97(targets, folder / "word97")}
    out = {}
    for name in CASES:
        (folder / name).write_bytes(contents[name.split(".")[0]])
        out[name] = folder / name
    assert _hits(listeners) == [], "making the fixtures must not fetch anything either"
    return out


def _hits(listeners) -> List[str]:
    found = [f"{lst.host}: {h}" for lst in listeners for h in lst.hits]
    for lst in listeners:
        lst.hits.clear()
    return found


# Which target each file still names once LibreOffice has converted it (and so drafter can list).
NAMED = {"flat-odt": "image.png", "odt": "image.png", "html": "image.png", "rtf": "section.odt", "word97": "image.png"}


@pytest.mark.parametrize("name", CASES)
def test_formatting_a_received_file_fetches_nothing_and_names_its_links(hostile, listeners, tmp_path, name):
    out = tmp_path / "排好.docx"
    r = subprocess.run([sys.executable, "-m", "drafter", "format", str(hostile[name]), "-o", str(out)],
                       capture_output=True, text=True, timeout=180, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert _hits(listeners) == []
    assert r.returncode == 0, r.stderr
    assert out.is_file()
    assert NAMED[name.split(".")[0]] in r.stderr and "drafter 没有读取它" in r.stderr, r.stderr


def test_the_workbench_uploads_fetch_nothing(hostile, listeners):
    from drafter.serve.server import TOKEN_HEADER, start_in_thread
    from test_serve_http import request
    server = start_in_thread()
    try:
        for name, path in (("flat-odt.doc", "/api/format"), ("word97.doc", "/api/import")):
            status, data = request(server, "POST", path, hostile[name].read_bytes(),
                                   {TOKEN_HEADER: server.token, "X-File-Name": name})
            assert status == 200, data[:300]
            if path == "/api/import":
                assert any("image.png" in n for n in json.loads(data)["notes"])
    finally:
        server.shutdown()
        server.server_close()
    assert _hits(listeners) == []


@pytest.mark.parametrize("walled", ["namespace", "settings only"])
def test_a_pdf_of_a_docx_that_links_outside_fetches_nothing(targets, listeners, tmp_path, monkeypatch, walled):
    _require_soffice_and_sandbox()
    from drafter.write.pdf import convert_to_pdf
    if walled == "settings only":   # where no namespace can be made: LibreOffice's own settings
        monkeypatch.setattr(soffice, "_PROBED", [None])
    docx = tmp_path / "linked.docx"
    docx.write_bytes(hd.linked_docx(targets))
    convert_to_pdf(docx, tmp_path / "linked.pdf")
    assert (tmp_path / "linked.pdf").read_bytes().startswith(b"%PDF")
    assert _hits(listeners) == []


def test_without_a_namespace_a_received_file_is_refused_not_converted(hostile, listeners, tmp_path,
                                                                      monkeypatch, drafter_cli):
    monkeypatch.setattr(soffice, "_PROBED", [None])
    r = drafter_cli("format", hostile["word97.doc"], "-o", tmp_path / "x.docx")
    assert r.exit_code == 2, r.output
    assert "为安全起见" in r.output and "另存为" in r.output and "内部错误" not in r.output
    assert not (tmp_path / "x.docx").exists()
    assert _hits(listeners) == []


def test_a_docx_names_every_outside_target_it_carries(targets, tmp_path, drafter_cli):
    src = tmp_path / "收到的.docx"
    src.write_bytes(hd.linked_docx(targets))
    r = drafter_cli("format", src, "--dry-run")
    assert r.exit_code == 0, r.output
    for target in (targets.image, targets.other, targets.section, targets.ole, targets.section + ".dotm"):
        assert target in r.output, (target, r.output)
    assert f"“{hd.IMAGE_NAME}”" in r.output and "“链接对象”" in r.output


# --- controls: without drafter's walls the same files are fetched --------------------------------

@pytest.mark.parametrize("case", ["flat ODT to .docx", "linked .docx to PDF"])
def test_control_a_bare_libreoffice_does_fetch_them(targets, listeners, tmp_path, case):
    _require_soffice_and_sandbox()
    if case == "flat ODT to .docx":
        src, to = tmp_path / "x.fodt", "docx:MS Word 2007 XML"
        src.write_bytes(hd.flat_odt(targets))
    else:
        src, to = tmp_path / "x.docx", "pdf"
        src.write_bytes(hd.linked_docx(targets))
    subprocess.run([soffice.find_soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", to, "--outdir", str(tmp_path / "out"), str(src)],
                   capture_output=True, timeout=180, stdin=subprocess.DEVNULL)
    assert any("image.png" in h for h in _hits(listeners)), "LibreOffice should fetch the remote picture"


def test_a_markdown_draft_names_the_pictures_it_links_to(targets, listeners, tmp_path, drafter_cli):
    src = tmp_path / "讲话.md"
    src.write_text(f"# 在全区会议上的讲话\n\n同志们：\n\n今天开会。![会场照片]({targets.image} \"标题\")\n\n"
                   f"<img src=\"{targets.other}\">\n", encoding="utf-8")
    r = drafter_cli("format", src, "-o", tmp_path / "排好.docx")
    assert r.exit_code == 0, r.output
    assert f"第5行：有一张链接到外部的图片“会场照片”（{targets.image}）" in r.output
    assert f"第7行：有一张链接到外部的图片（{targets.other}）" in r.output
    assert _hits(listeners) == []

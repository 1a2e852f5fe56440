"""drafter serve is safe by construction: real HTTP requests against a running workbench."""
import http.client
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.serve.server import MAX_BODY, TOKEN_HEADER, start_in_thread

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"


@pytest.fixture
def served(tmp_path):
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    server = start_in_thread(q)
    yield server, q
    server.shutdown()
    server.server_close()


def request(server, method, path, body=b"", headers=None, host=None):
    # generous: a PDF export starts LibreOffice, slow on a loaded machine (a bound, not a speed test)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host or f"127.0.0.1:{server.port}")
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    if method == "POST" and "Content-Length" not in (headers or {}):
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    if body:
        conn.send(body)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


def api(server, path, obj, **headers):
    h = {TOKEN_HEADER: server.token, "Content-Type": "application/json"}
    h.update(headers)
    return request(server, "POST", path, json.dumps(obj, ensure_ascii=False).encode(), h)


def error_of(data: bytes) -> str:
    return json.loads(data)["error"]


def test_listens_on_loopback_only(served):
    server, _ = served
    assert server.server_address[0] == "127.0.0.1"


def test_page_carries_the_token_and_a_strict_policy(served):
    server, _ = served
    status, page = request(server, "GET", "/")
    assert status == 200 and server.token.encode() in page
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/static/app.js")
    r = conn.getresponse()
    r.read()
    assert "default-src 'self'" in r.getheader("Content-Security-Policy")
    assert r.getheader("X-Content-Type-Options") == "nosniff"


def test_forged_origin_is_refused(served):
    server, q = served
    before = q.read_bytes()
    status, data = api(server, "/api/save", {"outline": "leader-speech", "base": "大纲: leader-speech\n",
                                             "values": {}, "meta": {}, "name": q.name, "hash": "x", "force": True},
                       Origin="http://evil.example")
    assert status == 403 and "Origin 不符" in error_of(data)
    assert q.read_bytes() == before


def test_forged_host_is_refused_even_for_the_page(served):
    # DNS rebinding: evil.example resolves to 127.0.0.1, the browser sends Host: evil.example.
    server, _ = served
    status, data = request(server, "GET", "/", host=f"evil.example:{server.port}")
    assert status == 403 and "Host 不符" in error_of(data)
    assert server.token.encode() not in data
    status, data = request(server, "POST", "/api/start", b"{}", {TOKEN_HEADER: server.token},
                           host=f"evil.example:{server.port}")
    assert status == 403


def test_missing_or_wrong_token_is_refused(served):
    server, q = served
    before = q.read_bytes()
    body = json.dumps({"outline": "leader-speech", "base": "", "values": {}, "meta": {}, "name": q.name,
                       "hash": "x", "force": True}).encode()
    status, data = request(server, "POST", "/api/save", body, {"Content-Type": "application/json"})
    assert status == 403 and "令牌" in error_of(data)
    status, _ = request(server, "POST", "/api/save", body, {TOKEN_HEADER: "guess"})
    assert status == 403
    status, _ = request(server, "POST", "/api/start", b"{}", {})
    assert status == 403, "reading the open questionnaire needs the token too"
    assert q.read_bytes() == before


def test_oversized_body_is_refused_before_it_is_read(served):
    server, _ = served
    status, data = request(server, "POST", "/api/open", b"x" * 1024,
                           {TOKEN_HEADER: server.token, "Content-Length": str(MAX_BODY + 1),
                            "X-File-Name": "a.yaml"})
    assert status == 413 and "过大" in error_of(data)


def test_a_path_in_a_request_is_refused(served, tmp_path):
    server, q = served
    target = tmp_path / "别处.yaml"
    status, data = api(server, "/api/save", {"outline": "leader-speech", "base": "大纲: leader-speech\n",
                                             "values": {}, "meta": {}, "name": q.name, "path": str(target)})
    assert status == 400 and "path" in error_of(data)
    assert not target.exists()
    # find_outline would load any .yaml file named by path: the workbench takes only listed ids.
    outline_file = tmp_path / "x.yaml"
    shutil.copyfile(ROOT / "outlines" / "leader-speech.yaml", outline_file)
    status, data = api(server, "/api/new", {"outline": str(outline_file)})
    assert status == 400 and "没有编号为" in error_of(data)
    # nor may an uploaded questionnaire name its outline by a path
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: 机密内容\n", encoding="utf-8")
    status, data = request(server, "POST", "/api/open", f"大纲: {secret}\n讲话人: 张三\n".encode(),
                           {TOKEN_HEADER: server.token, "X-File-Name": "a.yaml"})
    assert status == 422 and "不在可用的大纲中" in error_of(data) and "机密内容" not in data.decode()
    # an upload's name is only a name: its folders are dropped, nothing is written there
    evil = tmp_path / "evil.yaml"
    status, data = request(server, "POST", "/api/open", EXAMPLE.read_bytes(),
                           {TOKEN_HEADER: server.token, "X-File-Name": str(evil).replace("/", "%2F")})
    assert status == 200 and json.loads(data)["name"] == "evil.yaml"
    assert not evil.exists()
    status, _ = request(server, "GET", "/static/../../setup.cfg")
    assert status == 404


def test_serve_command_prints_the_address_and_answers(tmp_path):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "CI": "true"}
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--no-browser", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line, line + proc.stderr.read()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        # a second workbench on the same port is a clear message, not a traceback
        r = subprocess.run([sys.executable, "-m", "drafter", "serve", "--no-browser", "--port", str(port)],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=30)
        assert r.returncode == 1 and "已被占用" in r.stderr and "Traceback" not in r.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_broken_questionnaire_stops_the_start_with_the_cli_message(tmp_path, drafter_cli):
    q = tmp_path / "坏.yaml"
    q.write_text("大纲: leader-speech\n讲话人：张三\n会议名称: [\n", encoding="utf-8")
    r = drafter_cli("serve", "--no-browser", "--port", "1", q)
    assert r.exit_code == 1 and "YAML 格式错误" in r.output


def test_the_cli_does_not_import_the_server():
    code = ("import sys, drafter.cli; bad = [m for m in sys.modules if m.startswith('drafter.serve') "
            "or m in ('http.server', 'socketserver')]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(ROOT)}, timeout=60)


def test_pdf_download_when_libreoffice_is_present(served):
    from drafter.soffice import find_soffice
    server, q = served
    status, data = api(server, "/api/start", {})
    start = json.loads(data)
    assert start["pdf"] == (find_soffice() is not None)
    doc = start["document"]
    req = {k: doc[k] for k in ("base", "values", "meta", "name")}
    req.update(outline=doc["outline"]["id"], format="pdf" if start["pdf"] else "docx")
    status, data = api(server, "/api/export", req)
    assert status == 200
    assert data.startswith(b"%PDF" if start["pdf"] else b"PK")


def test_a_new_outline_in_an_outlines_folder_appears_without_code(tmp_path):
    from drafter.serve.handlers import Workbench
    folder = tmp_path / "本单位大纲"
    folder.mkdir()
    text = (ROOT / "outlines" / "leader-speech.yaml").read_text(encoding="utf-8")
    (folder / "unit-speech.yaml").write_text(text.replace("id: leader-speech", "id: unit-speech")
                                             .replace("name: 会议讲话（", "name: 本单位会议讲话（"), encoding="utf-8")
    shutil.copyfile(ROOT / "templates" / "leader-speech.xml.j2", folder / "leader-speech.xml.j2")
    wb = Workbench([folder])
    listed = {o["id"]: o["name"] for o in wb.start()["outlines"]}
    assert listed["unit-speech"].startswith("本单位会议讲话")
    doc = wb.new("unit-speech")
    assert doc["outline"]["questions"][0]["label"] == "会议名称"
    doc = wb.document(EXAMPLE.read_text(encoding="utf-8").replace("大纲: leader-speech", "大纲: unit-speech"),
                      "本单位.yaml")
    r = wb.preview({"outline": "unit-speech", "base": doc["base"], "values": doc["values"],
                    "meta": doc["meta"], "name": doc["name"]})
    assert r["errors"] == [] and r["blocks"][0]["runs"][0]["text"] == "在临江区社会工作会议上的讲话"


def test_uploads_leave_nothing_on_disk(served, tmp_path, monkeypatch):
    import tempfile
    server, q = served
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    made = []
    real_mkdtemp = tempfile.mkdtemp

    def spy(*a, **k):
        made.append(real_mkdtemp(*a, **k))
        return made[-1]
    monkeypatch.setattr(tempfile, "mkdtemp", spy)
    draft = "在全区工作会议上的讲话\n\n同志们：\n\n今天的会议很重要,大家要认真落实.\n".encode("utf-8")
    status, data = request(server, "POST", "/api/format", draft,
                           {TOKEN_HEADER: server.token, "X-File-Name": "%E6%89%8B%E7%A8%BF.txt"})
    import base64
    assert status == 200 and base64.b64decode(json.loads(data)["data"]).startswith(b"PK")
    status, _ = request(server, "POST", "/api/open", q.read_bytes(), {TOKEN_HEADER: server.token, "X-File-Name": "a.yaml"})
    assert status == 200
    assert made and all(Path(m).parent == private and Path(m).name.startswith("drafter-serve-") for m in made)
    assert list(private.iterdir()) == [], "the private temporary folder is removed after each upload"
    assert sorted(p.name for p in q.parent.iterdir()) == sorted(["讲话.yaml", "tmp"])


@pytest.mark.parametrize("path", ["/api/format", "/api/import"])
def test_a_non_zip_docx_upload_is_refused_in_chinese(served, path):
    import re
    server, _ = served
    status, data = request(server, "POST", path, b"this is not a zip file",
                           {TOKEN_HEADER: server.token, "X-File-Name": "%E6%97%A7%E7%A8%BF.docx"})
    message = error_of(data)
    assert 400 <= status < 500 and "不是有效的 .docx" in message
    assert not re.search("[A-Za-z]{3,}", re.sub("docx|Word", "", message)), message

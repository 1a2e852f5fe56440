"""The workbench's front door (issue 24), through its HTTP API as the page uses it: a form that
previews while it is being filled in, downloads named after the title and never made from an
empty form, every correction drafter makes listed at its answer and taken into the questionnaire
with one click, 给文稿排版's corrections by line, and one LibreOffice kept for PDF downloads."""
import base64
import json
import os
import shutil
import stat
from pathlib import Path
from urllib.parse import unquote

import pytest

from drafter.genre.outline import list_outlines
from drafter.serve.handlers import Workbench, apply_correction, download_stem
from drafter.serve.server import start_in_thread
from test_serve_http import EXAMPLE, api, request
from drafter.serve.server import TOKEN_HEADER


def _req(doc, **extra):
    req = {k: doc[k] for k in ("base", "values", "meta", "name")}
    req["outline"] = doc["outline"]["id"]
    req.update(extra)
    return req


@pytest.fixture
def bench():
    return Workbench()


def test_the_workbench_opens_on_a_speech_and_lists_the_free_structure_last(bench):
    start = bench.start()
    ids = [o["id"] for o in start["outlines"]]
    assert start["default"] == "leader-speech" == ids[0]
    assert ids[-1] == "free" and sorted(ids) == sorted(o.id for o in list_outlines())


@pytest.mark.parametrize("outline", [o.id for o in list_outlines()])
def test_an_empty_form_of_every_outline_previews_with_what_is_still_to_fill(bench, outline):
    r = bench.preview(_req(bench.new(outline)))
    assert r["blocks"] is not None and r["empty"]
    assert [m for m in r["errors"] if m["severity"] != "待填写"] == []
    assert r["findings"] == [], "a form not begun has nothing to find fault with"
    if outline != "free":
        texts = [run["text"] for b in r["blocks"] for run in b["runs"]]
        assert any("【待填写：" in t for t in texts)
        missing = [m for m in r["errors"] if m["severity"] == "待填写"]
        assert missing and all(m["field"] for m in missing), "each named at its field"


def test_a_partly_filled_speech_previews_with_stand_ins_and_names_them(bench):
    doc = bench.new("leader-speech")
    doc["values"]["meeting"] = "全市社区工作会议"
    r = bench.preview(_req(doc))
    assert r["blocks"][0]["runs"][0]["text"] == "在全市社区工作会议上的讲话"
    assert r["blocks"][1]["runs"][0]["text"] == "【待填写：讲话人】"
    assert r["file_name"] == "在全市社区工作会议上的讲话"
    fields = {m["field"] for m in r["errors"] if m["severity"] == "待填写"}
    assert "speaker" in fields and "date" in fields and "meeting" not in fields
    # an answer typed wrong stands in too, and is an error at its field, not a pause
    doc["values"]["date"] = "明年春天"
    r = bench.preview(_req(doc))
    assert r["blocks"] is not None
    assert any(m["field"] == "date" and m["severity"] == "错误" and "不是有效的日期" in m["message"] for m in r["errors"])
    assert "（【待填写：讲话日期】）" in [b["runs"][0]["text"] for b in r["blocks"]]


def test_a_stand_in_the_clerk_typed_is_still_a_finding(bench):
    doc = bench.new("leader-speech")
    doc["values"]["meeting"] = "全市社区工作会议"
    doc["values"]["opening"]["purpose"] = "今年新建站点【待填写：讲话人】个。"
    r = bench.preview(_req(doc))
    assert any(f["rule"] == "placeholder" and "【待填写：讲话人】" in f["message"] for f in r["findings"])


def test_an_empty_form_makes_no_file_and_a_partial_one_only_when_confirmed(bench):
    from drafter.errors import DrafterError
    doc = bench.new("free")
    with pytest.raises(DrafterError) as e:
        bench.export(_req(doc, format="docx"))
    assert "表单还是空的" in e.value.message and e.value.hint
    doc = bench.new("leader-speech")
    doc["values"]["meeting"] = "全市社区工作会议"
    with pytest.raises(DrafterError) as e:
        bench.export(_req(doc, format="docx"))
    assert "必填项" in e.value.message
    data, name = bench.export(_req(doc, format="docx", confirmed=True))
    assert data.startswith(b"PK") and name == "在全市社区工作会议上的讲话.docx"


def test_a_download_is_named_after_the_title_as_any_system_takes_it():
    from drafter import draft as d
    o = next(o for o in list_outlines() if o.id == "leader-speech")

    def named(title):
        return download_stem(d.Draft(blocks=[d.Block(d.TITLE, (d.Run(title),))]), o)
    assert named("在全市社区工作会议上的讲话") == "在全市社区工作会议上的讲话"
    assert named("在全县“社区/服务”站\n建设会上的讲话") == "在全县“社区服务”站建设会上的讲话"
    assert named('a<b>c:d"e|f?g*h\\i\u202ej.') == "abcdefghij"
    assert named("CON") == named("") == named("在【待填写：会议名称】上的讲话") == "会议讲话（草稿）"
    assert len(named("长" * 300)) == 80


def test_the_http_download_carries_the_title_as_its_name(tmp_path):
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    server = start_in_thread(q)
    try:
        doc = json.loads(api(server, "/api/start", {})[1])["document"]
        conn_status, _ = api(server, "/api/export", _req(doc, format="docx"))
        assert conn_status == 200
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("POST", "/api/export", json.dumps(_req(doc, format="docx")).encode(),
                     {TOKEN_HEADER: server.token, "Content-Type": "application/json", "Host": f"127.0.0.1:{server.port}"})
        r = conn.getresponse()
        r.read()
        disposition = r.getheader("Content-Disposition")
        assert unquote(disposition.split("''", 1)[1]) == "在临江区社会工作会议上的讲话.docx"
    finally:
        server.shutdown()
        server.server_close()


def test_corrections_are_listed_at_their_answers_and_taken_with_one_call(bench):
    doc = bench.document(EXAMPLE.read_text(encoding="utf-8"), "讲话.yaml")
    doc["values"]["opening"]["purpose"] = "这次会议的主要任务是部署工作,请大家认真落实。"
    doc["values"]["results"]["heading"] = "回顾成效，坚定做好社会工作的信心决心。"
    r = bench.preview(_req(doc))
    by_field = {c["field"]: c for c in r["corrections"]}
    comma, stop = by_field["opening.purpose"], by_field["results.heading"]
    assert comma["name"] == "半角标点改为全角" and "工作," in comma["before"] and "工作，" in comma["after"]
    assert stop["name"] == "独立标题删去末尾的标点" and stop["before"].endswith("信心决心。")
    assert comma["can_take"] and stop["can_take"]
    taken = bench.take_corrections(_req(doc))
    assert taken["taken"] == 2 and taken["left"] == 0
    assert taken["values"]["opening"]["purpose"] == "这次会议的主要任务是部署工作，请大家认真落实。"
    assert taken["values"]["results"]["heading"] == "回顾成效，坚定做好社会工作的信心决心"
    doc["values"] = taken["values"]
    assert bench.preview(_req(doc))["corrections"] == []
    # nothing else in the form changed
    before = bench.document(EXAMPLE.read_text(encoding="utf-8"), "讲话.yaml")["values"]
    before["opening"]["purpose"], before["results"]["heading"] = (taken["values"]["opening"]["purpose"],
                                                                  taken["values"]["results"]["heading"])
    assert taken["values"] == before


def test_a_correction_is_made_in_its_answer_only_where_the_answer_holds_it_once():
    assert apply_correction("回顾成效，坚定信心。", "、回顾成效，坚定信心。", "、回顾成效，坚定信心") == "回顾成效，坚定信心"
    assert apply_correction("甲,乙,丙", "甲,乙,丙", "甲，乙,丙") == "甲，乙,丙"
    assert apply_correction("完全不同的话", "工作,请", "工作，请") is None
    assert apply_correction("", "a", "b") is None


def test_format_upload_lists_each_correction_by_line_with_the_typeset_file(tmp_path):
    server = start_in_thread()
    try:
        draft = "在全区工作会议上的讲话\n\n同志们:\n\n一、抓好重点工作。\n\n今天的会议很重要,大家要认真落实。\n".encode("utf-8")
        status, data = request(server, "POST", "/api/format", draft,
                               {TOKEN_HEADER: server.token, "X-File-Name": "%E6%89%8B%E7%A8%BF.txt"})
        assert status == 200
        r = json.loads(data)
    finally:
        server.shutdown()
        server.server_close()
    assert r["file_name"] == "手稿（排版）.docx" and r["unit"] == "行"
    assert base64.b64decode(r["data"]).startswith(b"PK")
    listed = {(c["line"], c["name"], c["before"], c["after"]) for c in r["corrections"]}
    assert (3, "半角标点改为全角", "同志们:", "同志们：") in listed
    assert any(line == 5 and name == "独立标题删去末尾的标点" for line, name, _, _ in listed)
    assert any(line == 7 and "重要," in before and "重要，" in after for line, _, before, after in listed)
    assert r["blocks"][0]["kind"] == "title"


# -- one LibreOffice kept for PDF downloads ------------------------------------------------------
def _our_pipes():
    return [p for p in Path("/tmp").glob(f"OSL_PIPE_{os.getuid()}_drafter-*")
            if len(p.name.rsplit("drafter-", 1)[1]) == 32]


def test_pdf_downloads_go_through_one_warm_private_libreoffice_stopped_with_the_workbench(tmp_path):
    from lo_review import require_uno
    require_uno()
    from drafter import soffice
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    pipes_before = set(_our_pipes())
    server = start_in_thread(q, warm_pdf=True)
    warm = server.bench.warm
    try:
        start = json.loads(api(server, "/api/start", {})[1])
        assert start["pdf"]
        req = _req(start["document"], format="pdf")
        status, first = api(server, "/api/export", req)     # waits for the converter the page started
        assert status == 200 and first.startswith(b"%PDF-"), first[:300]
        assert warm.ready.wait(120), warm.failure
        made = warm.conversions
        req["values"]["speaker"] = "林晓岚"
        status, second = api(server, "/api/export", req)
        assert status == 200 and second.startswith(b"%PDF-") and b"%%EOF" in second[-1024:]
        assert warm.conversions == made + 1, "the second PDF came from the running LibreOffice"
        running = [c for c in soffice._RUNNING]
        assert len(running) == 1, "one LibreOffice for the workbench"
        profile = running[0].profile
        assert stat.S_IMODE(profile.stat().st_mode) == 0o700
        pipes = set(_our_pipes()) - pipes_before
        assert len(pipes) == 1
        assert stat.S_IMODE(next(iter(pipes)).lstat().st_mode) & 0o077 == 0, "only this user can connect"
        proc = running[0].proc
    finally:
        server.shutdown()
        server.server_close()
    assert proc.poll() is not None and not soffice._RUNNING
    assert not profile.exists() and set(_our_pipes()) == pipes_before
    import pdfplumber
    got = tmp_path / "page.pdf"
    got.write_bytes(second)
    with pdfplumber.open(str(got)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "林晓岚" in text and "在临江区社会工作会议上的讲话" in text.replace("\n", "")


@pytest.mark.parametrize("path, name, buttons", [
    ("/api/open", "去年的讲话.txt", "请点页面上方的“导入旧稿…”、“给文稿排版…”、“审阅文稿…”"),
    ("/api/import", "讲话.yaml", "请点页面上方的“打开问卷…”"),
])
def test_a_file_given_to_the_wrong_button_names_the_right_button_not_a_command(served, path, name, buttons):
    from urllib.parse import quote
    status, data = request(served, "POST", path, "同志们：\n今天开会。\n".encode("utf-8"),
                           {TOKEN_HEADER: served.token, "X-File-Name": quote(name)})
    assert status == 400
    body = json.loads(data)
    assert buttons in body["hint"], body
    assert "drafter " not in body["error"] + body["hint"], "the clerk on the page never typed a command"


def test_an_answer_ending_in_a_half_width_stop_gets_one_full_stop_listed_as_a_correction(bench):
    doc = bench.new("leader-speech")
    doc["values"]["opening"]["purpose"] = "今天召开这次会议,主要是部署今年任务."
    r = bench.preview(_req(doc))
    text = "".join(run["text"] for b in r["blocks"] for run in b["runs"])
    assert "部署今年任务。下面" in text and ".。" not in text
    assert any("任务.下面" in c["before"] and "任务。下面" in c["after"] for c in r["corrections"]), r["corrections"]

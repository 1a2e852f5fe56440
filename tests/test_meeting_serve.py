"""The meeting pack in the workbench (drafter serve): the facts form, each document's preview in a
tab, and the whole pack downloaded as one .zip — in Debian's chromium, compared with what
``drafter render`` makes of the same questionnaire."""
from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

import test_serve_browser as browser_tests
from drafter.read.reader import read_draft
from test_serve_browser import expect, open_page
from test_serve_http import api, request

# The browser, its page and the workbench, as tests/test_serve_browser.py sets them up.
browser, page, workbench = browser_tests.browser, browser_tests.page, browser_tests.workbench

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "examples" / "meeting"
DOCUMENTS = ["议程", "主持词", "新闻稿", "桌签", "讲话"]


@pytest.fixture
def pack(tmp_path) -> Path:
    shutil.copytree(PACK, tmp_path / "会议")
    return tmp_path / "会议" / "会议.yaml"


def tabs(page):
    return page.locator("#doc-tabs .tab")


def show(page, name):
    page.click(f'#doc-tabs .tab:text-is("{name}")')
    expect(page.locator('#doc-tabs .tab[aria-selected="true"]')).to_have_text(name)


def test_each_document_of_the_pack_in_its_own_tab(page, workbench, pack):
    open_page(page, workbench(pack))
    expect(tabs(page)).to_have_text(DOCUMENTS)
    expect(page.locator("#preview")).to_contain_text("临江区社会工作会议议程")
    show(page, "新闻稿")
    expect(page.locator("#preview")).to_contain_text("会议指出，要回顾成效")
    show(page, "讲话")
    expect(page.locator("#preview")).to_contain_text("在临江区社会工作会议上的讲话")
    expect(page.locator("#outline-text")).to_contain_text("（四）志愿力量不断壮大")
    show(page, "桌签")
    expect(page.locator("#preview .k-card")).to_have_count(5)
    expect(page.locator("#findings")).to_contain_text("没有发现问题")
    expect(page.locator("#btn-docx")).to_have_text("下载材料包（Word）")
    # another kind of draft has no tabs: none of the pack's is left behind, doing nothing
    page.select_option("#outline-select", "leader-speech")
    expect(page.locator('[data-path="speaker"]')).to_be_visible()
    expect(page.locator("#status")).to_contain_text("已新建“会议讲话（成效—形势—问题—任务）”问卷")
    expect(tabs(page)).to_have_count(0)
    expect(page.locator("#doc-tabs")).to_be_hidden()


def test_a_title_changed_in_the_form_changes_every_tab(page, workbench, pack):
    open_page(page, workbench(pack))
    show(page, "主持词")
    page.fill('[data-path="leaders.2.title"]', "区人民政府副区长")
    expect(page.locator("#preview")).to_contain_text("区人民政府副区长顾明远同志")
    show(page, "新闻稿")
    expect(page.locator("#preview")).to_contain_text("区人民政府副区长顾明远")
    # the tab shown stays across a refresh of the preview
    page.fill('[data-path="place"]', "区行政中心第二会议室")
    expect(page.locator("#preview")).to_contain_text("区行政中心第二会议室")
    expect(page.locator('#doc-tabs .tab[aria-selected="true"]')).to_have_text("新闻稿")


def test_the_pack_downloads_as_one_zip_equal_to_drafter_render(page, workbench, pack, tmp_path, drafter_cli):
    open_page(page, workbench(pack))
    with page.expect_download() as dl:
        page.click("#btn-docx")
    # named after the meeting and the format: the Word and the PDF pack of a meeting differ
    assert dl.value.suggested_filename == "临江区社会工作会议材料包（Word）.zip"
    got = tmp_path / "材料.zip"
    dl.value.save_as(got)
    assert drafter_cli("render", pack, "-o", tmp_path / "cli").exit_code == 0
    with zipfile.ZipFile(got) as z:
        assert sorted(z.namelist()) == sorted(f"{n}.docx" for n in DOCUMENTS)
        z.extractall(tmp_path / "page")

    def blocks(p):
        return [(b.kind, b.level, b.text) for b in read_draft(p).blocks]
    for name in DOCUMENTS:
        assert blocks(tmp_path / "page" / f"{name}.docx") == blocks(tmp_path / "cli" / f"{name}.docx"), name


def test_a_pack_started_without_a_file_has_no_linked_speech_and_says_why(page, workbench):
    open_page(page, workbench(), outline="meeting")
    for path, value in (("meeting", "全区社会工作会议"), ("date", "2025-03-18"), ("place", "区行政中心"),
                        ("purpose", "部署今年的社会工作。"), ("leaders.0.name", "周文涛"),
                        ("leaders.0.title", "区委副书记"), ("chair", "周文涛"), ("speech", "讲话.yaml")):
        page.fill(f'[data-path="{path}"]', value)
    page.select_option('[data-path="agenda.0.kind"]', "讲话")
    expect(tabs(page)).to_have_text(DOCUMENTS[:4])
    expect(page.locator("#preview-state")).to_contain_text("讲话：工作台只在打开问卷文件时")


def test_the_zip_endpoint_answers_with_the_pack(pack):
    from drafter.serve.server import start_in_thread
    server = start_in_thread(pack)
    try:
        start = json.loads(request(server, "POST", "/api/start", b"", {"X-Drafter-Token": server.token,
                                                                      "Content-Type": "application/json"})[1])
        doc = start["document"]
        req = {k: doc[k] for k in ("base", "values", "meta", "name")}
        status, data = api(server, "/api/export", dict(req, outline="meeting", format="docx"))
        assert status == 200
        assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist()) == sorted(f"{n}.docx" for n in DOCUMENTS)
        status, data = api(server, "/api/export", dict(req, outline="meeting", format="zip"))
        assert status == 400 and "不支持的下载格式" in json.loads(data)["error"]
    finally:
        server.shutdown()
        server.server_close()

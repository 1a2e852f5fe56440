"""The review loop in the workbench (issue 22, point 6), over real HTTP: an uploaded draft gives the
annotated copy (/api/annotate), the annotated copy with corrections (X-Fix: 1), the tracked-changes
copy (/api/track-changes) and a comparison of two uploads (/api/compare), each named as the CLI
names it and holding what the CLI's file holds; the lists the page shows are the CLI's lists.

The browser side (the buttons, the downloads, the lists on the page) is in test_serve_browser.py.
"""
from __future__ import annotations

import base64
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

import docx_fixtures as fx
from drafter.serve.server import TOKEN_HEADER
from test_compare import FIRST, SECOND
from test_serve_http import request


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review") / "讲话.docx"
    fx.clerk_speech(path)
    return path


def upload(server, path: str, name: str, body: bytes, **headers):
    h = {TOKEN_HEADER: server.token, "X-File-Name": quote(name)}
    h.update({k.replace("_", "-"): v for k, v in headers.items()})
    status, data = request(server, "POST", path, body, h)
    return status, json.loads(data)


def both(server, first_name: str, first: bytes, second_name: str, second: bytes):
    return upload(server, "/api/compare", first_name, first + second, X_Second_Name=quote(second_name),
                  X_First_Length=str(len(first)))


def saved(r: dict, folder: Path) -> Path:
    out = folder / ("页面-" + r["file_name"])
    out.write_bytes(base64.b64decode(r["data"]))
    return out


def counts(docx: Path) -> dict:
    """Comments by drafter (their text), and tracked insertions and deletions, as the file holds them."""
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode("utf-8")
        notes = z.read("word/comments.xml").decode("utf-8") if "word/comments.xml" in z.namelist() else ""
    mine = re.findall(r'<w:comment [^>]*w:author="drafter"[^>]*>(.*?)</w:comment>', notes, re.S)
    return {"comments": sorted(re.sub(r"<[^>]+>", "", c) for c in mine),
            "ins": len(re.findall(r"<w:ins ", body)), "del": len(re.findall(r"<w:del ", body))}


def cli_output(drafter_cli, *args) -> tuple:
    r = drafter_cli(*args)
    assert r.exit_code in (0, 1), r.output
    return r, Path(re.search(r"已生成：(.+?\.docx)", r.output).group(1))


def page_and_cli(served, endpoint, speech, tmp_path, drafter_cli, cli_args, **headers) -> tuple:
    """The upload's answer, the counts of the file it gives, the CLI's result on the same draft and
    the draft's copy the CLI read; the two files' counts are equal."""
    status, r = upload(served, endpoint, "讲话.docx", speech.read_bytes(), **headers)
    assert status == 200, r
    got = counts(saved(r, tmp_path))
    src = tmp_path / "讲话.docx"
    src.write_bytes(speech.read_bytes())
    cli, out = cli_output(drafter_cli, cli_args[0], src, *cli_args[1:])
    assert got == counts(out)
    return r, got, cli, src


def test_the_annotated_copy_is_the_one_check_annotate_writes(served, speech, tmp_path, drafter_cli):
    r, got, _, src = page_and_cli(served, "/api/annotate", speech, tmp_path, drafter_cli, ("check", "--annotate"))
    assert r["file_name"] == "讲话（批注）.docx"
    assert len(got["comments"]) == r["comments"] == len(r["findings"]) >= 6
    assert got["ins"] == got["del"] == 0, "an annotated copy changes no text"
    listed = json.loads(drafter_cli("check", src, "--format", "json").output)["files"][0]["findings"]
    assert [f["message"] for f in r["findings"]] == [f["message"] for f in listed]
    assert r["unit"] == "段" and r["source"] == "讲话.docx"


def test_annotate_with_corrections_tracks_them_in_the_clerks_file(served, speech, tmp_path, drafter_cli):
    r, got, cli, _ = page_and_cli(served, "/api/annotate", speech, tmp_path, drafter_cli,
                                  ("check", "--annotate", "--fix"), X_Fix="1")
    assert got["ins"] and got["del"], got
    assert f"修订 {r['revisions']} 处（改正 {len(r['corrections'])} 处）" in cli.output
    assert len(got["comments"]) == r["comments"] < len(r["findings"]), "a finding a correction settles is no comment"
    assert {(c["before"], c["after"]) for c in r["corrections"]} >= {("同志们:", "同志们：")}


def test_the_tracked_changes_copy_is_the_one_format_track_changes_writes(served, speech, tmp_path, drafter_cli):
    r, got, cli, src = page_and_cli(served, "/api/track-changes", speech, tmp_path, drafter_cli,
                                    ("format", "--track-changes"))
    assert r["file_name"] == "讲话（修订）.docx"
    assert got["ins"] and got["del"]
    assert f"改正 {len(r['corrections'])} 处，修订 {r['revisions']} 处" in cli.output
    report = json.loads(drafter_cli("format", src, "--format", "json").output)
    assert [(c["before"], c["after"]) for c in r["corrections"]] == \
        [(c["before"], c["after"]) for c in report["corrections"]]
    assert any(b["kind"] == "title" for b in r["blocks"]), "the typeset draft's preview"


def test_a_comparison_of_two_uploads_lists_figures_dates_names_first(served, tmp_path, drafter_cli):
    a, b = tmp_path / "一稿.txt", tmp_path / "二稿.md"
    a.write_text(FIRST, encoding="utf-8")
    b.write_text(SECOND, encoding="utf-8")
    status, r = both(served, a.name, a.read_bytes(), b.name, b.read_bytes())
    assert status == 200, r
    assert r["file_name"] == "一稿→二稿（对照）.docx"
    got = counts(saved(r, tmp_path))
    cli = json.loads(drafter_cli("compare", a, b, "--format", "json", "-o", tmp_path / "cli.docx").output)
    assert got == counts(tmp_path / "cli.docx")
    assert got["ins"] and got["del"]
    assert r["changes"] == cli["changes"] and r["counts"] == cli["counts"]
    kinds = [c["kind"] for c in r["changes"]]
    assert kinds[0] == "数字" and kinds.index("段落") > kinds.index("名称") > kinds.index("日期")
    assert "数字：12个→15个" in r["changes"][0]["text"]


def test_the_draft_uploaded_may_be_either_draft(served, tmp_path):
    """The page sends the two in the order the clerk says; a docx and a txt in either order."""
    docx = tmp_path / "二稿.docx"
    fx.clerk_speech(docx)
    status, r = both(served, "一稿.txt", FIRST.encode(), "二稿.docx", docx.read_bytes())
    assert status == 200 and r["file_name"] == "一稿→二稿（对照）.docx", r
    status, r = both(served, "二稿.docx", docx.read_bytes(), "一稿.txt", FIRST.encode())
    assert status == 200 and r["file_name"] == "二稿→一稿（对照）.docx", r


def test_a_draft_with_tracked_changes_of_its_own_is_stopped_in_plain_words(served, tmp_path):
    src = tmp_path / "有修订.docx"
    fx.rich_draft(src)       # the 审稿人's two tracked changes
    for path, extra in (("/api/track-changes", {}), ("/api/annotate", {"X_Fix": "1"})):
        status, r = upload(served, path, src.name, src.read_bytes(), **extra)
        assert status == 422, r
        assert "修订" in r["error"] and "尚未接受或拒绝" in r["error"]
        assert "--" not in r["hint"] and "接受" in r["hint"], r["hint"]
    status, r = upload(served, "/api/annotate", src.name, src.read_bytes())
    assert status == 200, "comments alone leave the clerk's changes as they are"


@pytest.mark.parametrize("headers, words", [
    ({"X_Fix": "yes"}, "只能是 0 或 1"),
    ({"X_Fix": "²"}, "只能是 0 或 1"), ({"X_Fix": "true"}, "只能是 0 或 1"),
])
def test_a_bad_flag_is_refused(served, speech, headers, words):
    status, r = upload(served, "/api/annotate", "讲话.docx", speech.read_bytes(), **headers)
    assert status == 400 and words in r["error"], r


@pytest.mark.parametrize("length, second, words", [
    (None, "二稿.txt", "一稿的长度"), ("", "二稿.txt", "一稿的长度"), ("-1", "二稿.txt", "一稿的长度"),
    ("²", "二稿.txt", "一稿的长度"), ("1 2", "二稿.txt", "一稿的长度"), ("999999", "二稿.txt", "一稿的长度"), ("3", None, "二稿的文件名"),
    ("3", "二稿.pdf", "不能处理"), ("0", "二稿.txt", "没有可识别的文字"),
])
def test_a_malformed_comparison_is_refused_in_chinese(served, length, second, words):
    headers = {TOKEN_HEADER: served.token, "X-File-Name": quote("一稿.txt")}
    if length is not None:
        headers["X-First-Length"] = length
    if second is not None:
        headers["X-Second-Name"] = quote(second)
    status, data = request(served, "POST", "/api/compare", FIRST.encode(), headers)
    assert 400 <= status < 500, (status, data)
    assert words in json.loads(data)["error"], data.decode()

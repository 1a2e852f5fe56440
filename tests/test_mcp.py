"""``drafter mcp`` as an assistant's client sees it: the server runs as a process and every test
talks to it through the official SDK's stdio client (issue 25)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT

if sys.version_info < (3, 10):   # the SDK needs 3.10; drafter itself runs on 3.9
    pytest.skip("the MCP SDK needs Python 3.10 or later", allow_module_level=True)

from anyio.from_thread import start_blocking_portal  # noqa: E402
from mcp import ClientSession, StdioServerParameters, stdio_client  # noqa: E402


def _env() -> dict:
    return {"PYTHONPATH": str(ROOT), "DRAFTER_CACHE_DIR": os.environ["DRAFTER_CACHE_DIR"],
            "LANG": "C.UTF-8"}


class Client:
    """A running ``drafter mcp`` and an initialised SDK session to it, callable from plain tests."""

    def __init__(self, workspace: Path, *extra: str):
        self.workspace = workspace
        self.stderr = open(workspace.parent / f"{workspace.name}-server.log", "w+", encoding="utf-8")
        params = StdioServerParameters(command=sys.executable,
                                       args=["-m", "drafter", *extra, "mcp", "--workspace", str(workspace)],
                                       env=_env(), cwd=str(workspace.parent))
        self._portal_cm = start_blocking_portal()
        self.portal = self._portal_cm.__enter__()
        self._streams = self.portal.wrap_async_context_manager(stdio_client(params, errlog=self.stderr))
        read, write = self._streams.__enter__()
        self._session = self.portal.wrap_async_context_manager(ClientSession(read, write))
        self.session = self._session.__enter__()
        self.init = self.portal.call(self.session.initialize)

    def call(self, name: str, arguments: dict | None = None):
        return self.portal.call(self.session.call_tool, name, arguments or {})

    def ok(self, name: str, arguments: dict | None = None) -> dict:
        r = self.call(name, arguments)
        assert not r.is_error, r.content[0].text
        assert json.loads(r.content[0].text) == r.structured_content   # the text is the same JSON
        return r.structured_content

    def error(self, name: str, arguments: dict | None = None) -> dict:
        r = self.call(name, arguments)
        assert r.is_error, r.structured_content
        text = r.content[0].text
        assert text.startswith("错误：") and "Traceback" not in text
        return r.structured_content

    def close(self):
        self._session.__exit__(None, None, None)
        self._streams.__exit__(None, None, None)
        self._portal_cm.__exit__(None, None, None)
        self.stderr.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = tmp_path_factory.mktemp("mcp") / "文稿"
    ws.mkdir()
    c = Client(ws)
    yield c
    c.close()


def example_answers(name: str) -> dict:
    """An example questionnaire as the JSON an assistant sends (a date as its text)."""
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, ensure_ascii=False, default=str))
    data.pop("大纲")
    return data


def run_drafter(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=180, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def blocks(path: Path) -> list:
    """A .docx read back by drafter's reader, block by block."""
    from drafter.read.reader import read_draft
    return [(b.kind, b.level, b.numbered, b.cells, [(r.role, r.level, r.numbered, r.text) for r in b.runs])
            for b in read_draft(path).blocks]


def has_cjk(s: str) -> bool:
    return re.search("[\u4e00-\u9fff]", s or "") is not None


# -- start-up ------------------------------------------------------------------------------------
def imported_modules(*args) -> set:
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafter", *args], capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=str(EXAMPLES))
    return {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}


def test_cli_start_up_does_not_import_the_sdk():
    for args in (["--help"], ["check", "leader-speech.yaml"], ["list"]):
        mods = imported_modules(*args)
        assert "drafter.cli" in mods, args
        sdk = sorted(m for m in mods if m.split(".")[0] in ("mcp", "mcp_types", "pydantic", "anyio", "starlette")
                     or m.startswith("drafter.mcp"))
        assert sdk == [], (args, sdk)


def test_without_the_sdk_the_command_says_how_to_install_it(tmp_path):
    code = ("import sys; sys.modules['mcp'] = None; from drafter.cli import main; "
            f"main(['mcp', '--workspace', {str(tmp_path)!r}])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 1 and r.stdout == ""
    assert "没有安装 MCP 支持" in r.stderr and "pip install 'drafter[mcp]'" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_missing_workspace_stops_the_start_with_a_message(tmp_path):
    r = run_drafter("mcp", "--workspace", tmp_path / "没有这个文件夹")
    assert r.returncode == 2 and r.stdout == ""
    assert "工作文件夹不存在" in r.stderr and "Traceback" not in r.stderr


# -- what the assistant is told ------------------------------------------------------------------
def test_tools_are_described_in_chinese(server):
    tools = server.portal.call(server.session.list_tools).tools
    names = {t.name for t in tools}
    assert {"list_outlines", "get_questionnaire", "validate_answers", "render_draft", "check", "format_draft",
            "import_draft", "draft_stats", "list_files"} <= names
    for t in tools:
        assert re.fullmatch(r"[a-z_]{1,64}", t.name)            # names every client accepts
        assert has_cjk(t.title) and has_cjk(t.description), t.name
        assert t.input_schema["type"] == "object"
        for p, spec in t.input_schema["properties"].items():
            assert has_cjk(spec["description"]), (t.name, p)


def test_instructions_and_prompt_say_facts_are_asked_for_never_invented(server):
    instructions = server.init.instructions
    assert "绝不编造" in instructions and "【待填写：" in instructions
    prompts = server.portal.call(server.session.list_prompts).prompts
    assert "起草讲话" in {p.name for p in prompts}
    got = server.portal.call(server.session.get_prompt, "起草讲话", {"occasion": "全县民政工作会议"})
    text = got.messages[0].content.text
    assert "绝不编造" in text and "【待填写：" in text and "全县民政工作会议" in text
    assert "validate_answers" in text and "render_draft" in text


# -- questionnaires as JSON Schema ---------------------------------------------------------------
def test_every_outline_has_a_valid_schema_that_the_examples_fit(server):
    import jsonschema
    outlines = [o["id"] for o in server.ok("list_outlines")["outlines"]]
    assert {"leader-speech", "free", "meeting-news"} <= set(outlines)
    for oid in outlines:
        schema = server.ok("get_questionnaire", {"outline": oid})["schema"]
        jsonschema.Draft202012Validator.check_schema(schema)
    for example in sorted(EXAMPLES.glob("*.yaml")):
        oid = yaml.safe_load(example.read_text(encoding="utf-8"))["大纲"]
        schema = server.ok("get_questionnaire", {"outline": oid})["schema"]
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(example_answers(example.name)))
        assert errors == [], (example.name, [e.message for e in errors[:3]])


def test_schema_carries_labels_help_examples_limits_and_required_marks(server):
    s = server.ok("get_questionnaire", {"outline": "leader-speech"})["schema"]
    meeting = s["properties"]["会议名称"]
    assert meeting["title"] == "会议名称" and meeting["maxLength"] == 40
    assert "会议的全称" in meeting["description"] and meeting["examples"] == ["全区社会工作会议"]
    assert {"会议名称", "讲话人", "讲话日期", "开场白"} <= set(s["required"])
    achievements = s["properties"]["第一部分成效"]["properties"]["主要成效"]
    assert achievements["minItems"] == 2 and achievements["maxItems"] == 4
    assert achievements["items"]["required"] == ["小标题", "内容", "典型事例"]
    opening = s["properties"]["开场白"]["properties"]
    assert "参会人员" not in s["properties"]["开场白"]["required"]
    assert opening["转入正题"]["default"].startswith("下面")
    assert s["properties"]["讲话日期"]["pattern"]
    assert s["properties"]["二级标题"]["enum"] == ["单独成行", "段首"]


def test_the_free_outline_repeats_its_sections_through_defs(server):
    import jsonschema
    s = server.ok("get_questionnaire", {"outline": "free"})["schema"]
    section = s["$defs"]["section"]
    assert s["properties"]["部分"]["items"] == {"$ref": "#/$defs/section"}
    assert section["properties"]["下级"]["items"] == {"$ref": "#/$defs/section"}
    deep = {"部分": [{"小标题": "一", "下级": [{"小标题": "二", "下级": [{"小标题": "三", "段落": [{"正文": "文字。"}]}]}]}]}
    assert list(jsonschema.Draft202012Validator(s).iter_errors(deep)) == []
    assert server.ok("validate_answers", {"outline": "free", "answers": deep})["ok"]


# -- validating answers -------------------------------------------------------------------------
WRONG = {
    "会议名称": "全区社会工作会议" * 6,
    "讲话日期": "2025-02-30",
    "开场白": {"会议任务": "今天召开会议。", "参会人数": "80人"},
    "第一部分成效": {"主要成效": [{"小标题": "组织体系日益健全", "内容": "机构组建到位。", "典型事例": "以东湖社区为例。"}]},
    "时长上限": -5,
}


def test_wrong_answers_get_each_question_path_and_the_cli_message(server, tmp_path):
    got = server.ok("validate_answers", {"outline": "leader-speech", "answers": WRONG})
    assert got["ok"] is False
    # limits that are advice (length, number of items) come as warnings beside the errors
    by_path = {tuple(e["path"]): e["message"] for e in got["errors"] + got.get("warnings", [])}
    assert by_path[("会议名称",)] == "「会议名称」最多 40 个字，现在有 48 个字"
    assert by_path[("讲话日期",)].startswith("「讲话日期」不是有效的日期")
    assert by_path[("开场白", "参会人数")] == "“开场白”中没有“参会人数”这一项"
    assert by_path[("讲话人",)] == "「讲话人」是必填项，还没有填写"            # missing: named by its label
    assert by_path[("第一部分成效", "主要成效")] == "「主要成效」至少需要 2 项，现在有 1 项"
    assert ("时长上限",) in by_path
    # The same answers as a questionnaire file: `drafter check` says the very same things.
    q = tmp_path / "q.yaml"
    q.write_text(yaml.safe_dump({"大纲": "leader-speech", **WRONG}, allow_unicode=True), encoding="utf-8")
    r = run_drafter("check", q, "--format", "json")
    cli = {f["message"].split("（")[0] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert {e["message"].split("（")[0] for e in got["errors"] + got["warnings"]} == cli


def test_answers_that_fit_come_back_with_the_outline_and_the_checker_findings(server):
    answers = example_answers("leader-speech.yaml")
    answers["第一部分成效"]["主要成效"][0]["内容"] = "全区新建社区服务站【待填写：新建站点数】个。"
    got = server.ok("validate_answers", {"outline": "leader-speech", "answers": answers})
    assert got["ok"] is True and got["errors"] == []
    assert got["outline_text"].startswith("在临江区社会工作会议上的讲话\n一、")
    gaps = [f for f in got["findings"] if f["rule"] == "placeholder"]
    assert len(gaps) == 1 and "【待填写：新建站点数】" in gaps[0]["message"]
    assert gaps[0]["path"] == ["第一部分成效", "主要成效", 0, "内容"]


def test_arguments_of_the_wrong_shape_get_a_chinese_error_and_the_session_goes_on(server):
    assert "缺少参数“outline”" in server.error("get_questionnaire")["error"]["message"]
    assert "应是对象" in server.error("validate_answers", {"outline": "leader-speech", "answers": "会议名称"})["error"]["message"]
    assert "没有参数“路径”" in server.error("check", {"路径": "a.txt"})["error"]["message"]
    assert "找不到大纲" in server.error("get_questionnaire", {"outline": "没有这个大纲"})["error"]["message"]
    assert "不能是文件路径" in server.error("get_questionnaire", {"outline": "../../etc/passwd"})["error"]["message"]
    assert "没有名为" in server.error("render_everything")["error"]["message"]
    assert "扩展名应是 .yaml" in server.error("render_draft", {"questionnaire": "讲话.docx"})["error"]["message"]
    assert server.ok("list_outlines")["outlines"]                      # still talking


# -- rendering --------------------------------------------------------------------------------------
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_render_from_json_gives_the_draft_drafter_render_gives(server, example, tmp_path):
    oid = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))["大纲"]
    stem = Path(example).stem
    got = server.ok("render_draft", {"outline": oid, "answers": example_answers(example), "output": f"{stem}.docx"})
    assert got["output"] == f"{stem}.docx" and got["questionnaire"] == f"{stem}.yaml" and got["format"] == "docx"
    cli_out = tmp_path / "cli.docx"
    r = run_drafter("render", EXAMPLES / example, "-o", cli_out)
    assert r.returncode == 0, r.stderr
    mine, theirs = blocks(server.workspace / f"{stem}.docx"), blocks(cli_out)
    assert len(mine) == len(theirs) > 10
    for n, (a, b) in enumerate(zip(mine, theirs)):
        assert a == b, f"block {n}"
    # The questionnaire saved beside it is one a clerk can go on with: the CLI renders it alike.
    again = tmp_path / "again.docx"
    assert run_drafter("render", server.workspace / f"{stem}.yaml", "-o", again).returncode == 0
    assert blocks(again) == theirs
    outline = run_drafter("outline", EXAMPLES / example).stdout
    assert got["outline_text"] == outline
    assert got["summary"].startswith("错误 0 个")


def test_render_to_pdf_through_libreoffice(server):
    from conftest_pdf import require_soffice
    require_soffice()
    got = server.ok("render_draft", {"outline": "meeting-news", "answers": example_answers("meeting-news.yaml"),
                                     "output": "新闻.pdf"})
    assert got["format"] == "pdf" and got["questionnaire"] == "新闻.yaml"
    assert (server.workspace / "新闻.pdf").read_bytes().startswith(b"%PDF")


def test_render_reports_a_planted_gap_with_its_line_and_question(server):
    answers = example_answers("leader-speech.yaml")
    answers["讲话人"] = "【待填写：讲话领导的姓名】"
    got = server.ok("render_draft", {"outline": "leader-speech", "answers": answers, "output": "有缺项.txt"})
    assert (server.workspace / "有缺项.txt").read_text(encoding="utf-8").count("【待填写：讲话领导的姓名】") == 1
    gaps = [f for f in got["findings"] if f["rule"] == "placeholder"]
    assert len(gaps) == 1 and gaps[0]["severity"] == "错误" and gaps[0]["path"] == ["讲话人"]
    line = (server.workspace / "有缺项.yaml").read_text(encoding="utf-8").splitlines()[gaps[0]["line"] - 1]
    assert line == "讲话人: 【待填写：讲话领导的姓名】"
    assert got["summary"].startswith("错误 1 个")
    checked = server.ok("check", {"path": "有缺项.txt"})
    assert [f["rule"] for f in checked["findings"]] == ["placeholder"]


def test_render_with_wrong_answers_writes_nothing_and_lists_the_problems(server):
    got = server.error("render_draft", {"outline": "leader-speech", "answers": WRONG, "output": "错的.docx"})
    assert "没有生成文稿" in got["error"]["message"]
    assert {tuple(p["path"]) for p in got["problems"]} >= {("会议名称",), ("讲话人",)}
    assert not (server.workspace / "错的.docx").exists() and not (server.workspace / "错的.yaml").exists()


def test_render_again_from_the_questionnaire_the_clerk_edited(server):
    server.ok("render_draft", {"outline": "leader-speech", "answers": example_answers("leader-speech.yaml"),
                               "output": "手改.docx"})
    q = server.workspace / "手改.yaml"
    q.write_text(q.read_text(encoding="utf-8").replace("讲话人: 陆承泽", "讲话人: 沈砚秋"), encoding="utf-8")
    refused = server.error("render_draft", {"outline": "leader-speech",
                                            "answers": example_answers("leader-speech.yaml"), "output": "手改.docx"})
    assert "文件已存在" in refused["error"]["message"] and "force" in refused["error"]["hint"]
    assert "沈砚秋" in q.read_text(encoding="utf-8")                 # the clerk's edit is kept
    got = server.ok("render_draft", {"questionnaire": "手改.yaml", "output": "手改.md"})
    assert got["output"] == "手改.md"
    assert "沈砚秋" in (server.workspace / "手改.md").read_text(encoding="utf-8")


# -- safety ---------------------------------------------------------------------------------------------
def test_paths_outside_the_workspace_are_refused(server, tmp_path):
    outside = tmp_path / "外面"
    outside.mkdir()
    secret = outside / "机密.txt"
    secret.write_text("不应被读到的内容。\n", encoding="utf-8")
    (server.workspace / "链接.txt").symlink_to(secret)
    (server.workspace / "外面的文件夹").symlink_to(outside, target_is_directory=True)
    answers = example_answers("meeting-news.yaml")
    attempts = [
        ("check", {"path": "../外面/机密.txt"}),
        ("check", {"path": str(secret)}),
        ("check", {"path": "链接.txt"}),
        ("check", {"path": "外面的文件夹/机密.txt"}),
        ("draft_stats", {"path": "链接.txt"}),
        ("format_draft", {"path": "链接.txt"}),
        ("import_draft", {"path": "外面的文件夹/机密.txt"}),
        ("render_draft", {"outline": "meeting-news", "answers": answers, "output": "../外面/新闻.docx"}),
        ("render_draft", {"outline": "meeting-news", "answers": answers, "output": "外面的文件夹/新闻.docx"}),
        ("render_draft", {"outline": "meeting-news", "answers": answers, "output": str(outside / "新闻.docx")}),
        ("render_draft", {"outline": "meeting-news", "answers": answers, "output": "链接.txt", "force": True}),
        ("render_draft", {"outline": "meeting-news", "answers": answers, "output": "新闻.docx",
                          "questionnaire": "外面的文件夹/新闻.yaml"}),
        ("format_draft", {"path": "里面.txt", "output": "外面的文件夹/排版.docx"}),
    ]
    (server.workspace / "里面.txt").write_text("在全区会议上的讲话\n同志们：\n今天开会。\n", encoding="utf-8")
    for name, args in attempts:
        got = server.error(name, args)
        assert "不在工作文件夹内" in got["error"]["message"], (name, args, got)
        assert "不应被读到" not in json.dumps(got, ensure_ascii=False)
    assert sorted(p.name for p in outside.iterdir()) == ["机密.txt"]
    assert secret.read_text(encoding="utf-8") == "不应被读到的内容。\n"


def test_a_symlink_inside_the_workspace_is_never_written_through(server):
    (server.workspace / "真文件.txt").write_text("原文。\n", encoding="utf-8")
    (server.workspace / "指向真文件.txt").symlink_to(server.workspace / "真文件.txt")
    got = server.error("render_draft", {"outline": "meeting-news", "answers": example_answers("meeting-news.yaml"),
                                        "output": "指向真文件.txt", "force": True})
    assert "符号链接" in got["error"]["message"]
    assert (server.workspace / "真文件.txt").read_text(encoding="utf-8") == "原文。\n"


def test_a_file_drafter_did_not_make_is_not_overwritten_without_force(server):
    mine = server.workspace / "领导改过的.docx"
    mine.write_bytes(b"not drafter's")
    args = {"outline": "meeting-news", "answers": example_answers("meeting-news.yaml"), "output": "领导改过的.docx"}
    got = server.error("render_draft", args)
    assert got["error"]["message"] == "文件已存在，且不是 drafter 生成的（或无法确认）：领导改过的.docx"
    assert "force" in got["error"]["hint"] and "--force" not in got["error"]["hint"]
    assert mine.read_bytes() == b"not drafter's"
    assert not (server.workspace / "领导改过的.yaml").exists()     # refused before either file is written
    server.ok("render_draft", dict(args, force=True))
    assert mine.read_bytes().startswith(b"PK")
    server.ok("render_draft", args)                                # its own, unchanged: no force needed
    (server.workspace / "旧稿.txt").write_text("在全区会议上的讲话\n同志们：\n今天开会。\n", encoding="utf-8")
    (server.workspace / "旧稿.yaml").write_text("# 文秘自己的笔记\n", encoding="utf-8")
    assert "文件已存在" in server.error("import_draft", {"path": "旧稿.txt"})["error"]["message"]
    assert (server.workspace / "旧稿.yaml").read_text(encoding="utf-8") == "# 文秘自己的笔记\n"


def test_inputs_are_bounded_as_in_the_cli(server):
    from drafter.textio import MAX_BYTES
    too_long = "在全区会议上的讲话\n" + "今天开会。\n" * (MAX_BYTES // 15 + 1)
    assert "文字过长" in server.error("check", {"text": too_long})["error"]["message"]
    deep: dict = {}
    inner = deep
    for _ in range(60):
        inner["标题"] = {}
        inner = inner["标题"]
    assert "嵌套层次过深" in server.error("validate_answers", {"outline": "free", "answers": deep})["error"]["message"]
    many = {"部分": [{"小标题": "一"}] * 110_000}
    assert "项目过多" in server.error("validate_answers", {"outline": "free", "answers": many})["error"]["message"]
    bomb = server.workspace / "炸弹.yaml"
    bomb.write_text("大纲: free\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
                    + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                              for p, c in zip("abcdef", "bcdefg")), encoding="utf-8")
    found = server.ok("check", {"path": "炸弹.yaml"})["findings"]
    assert any("展开后的内容过多" in f["message"] for f in found)


def test_a_request_line_over_the_limit_is_answered_without_being_kept():
    import io
    from drafter.mcp.server import TOO_LARGE, BoundedLines
    req = json.dumps({"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                      "params": {"name": "check", "arguments": {"text": "字" * 5000}}}).encode() + b"\n"
    nxt = b'{"jsonrpc":"2.0","id":8,"method":"ping"}\n'
    lines = BoundedLines(io.BytesIO(req + nxt), limit=1000)
    replaced = json.loads(lines.readline())
    assert replaced["id"] == 7 and replaced["params"]["name"] == TOO_LARGE
    assert lines.readline() == nxt.decode()                      # the next request is read as it came
    assert lines.readline() == ""
    small = BoundedLines(io.BytesIO(nxt), limit=1000)
    assert small.readline() == nxt.decode()


# -- the other tools --------------------------------------------------------------------------------
def test_format_import_stats_and_list_files_work_on_workspace_files(server):
    (server.workspace / "手稿.txt").write_text(
        "在全区志愿服务工作会议上的讲话\n同志们:\n今天召开会议,主要任务是部署今年的志愿服务工作。\n"
        "一、提高认识\n志愿服务是社会工作的重要内容。\n二、抓好落实\n各单位要抓好落实。\n", encoding="utf-8")
    preview = server.ok("format_draft", {"path": "手稿.txt", "preview": True})
    assert preview["corrections"] and not (server.workspace / "手稿（排版）.docx").exists()
    got = server.ok("format_draft", {"path": "手稿.txt"})
    assert got["output"] == "手稿（排版）.docx" and (server.workspace / got["output"]).is_file()
    assert [c["after"] for c in got["corrections"]] == ["同志们：", "今天召开会议，主要任务是部署今"]
    assert blocks(server.workspace / got["output"])[1][4][0][3] == "同志们："
    imported = server.ok("import_draft", {"path": "手稿.txt", "output": "手稿问卷.yaml"})
    assert imported["questionnaire"] == "手稿问卷.yaml" and imported["reasons"]
    assert (server.workspace / "手稿问卷.yaml").is_file() and imported["answers"]
    again = server.ok("render_draft", {"outline": imported["outline"], "answers": imported["answers"],
                                       "output": "手稿重排.txt"})
    assert "部署今年的志愿服务工作" in (server.workspace / "手稿重排.txt").read_text(encoding="utf-8")
    assert again["questionnaire"] == "手稿重排.yaml"
    stats = server.ok("draft_stats", {"path": "手稿.txt"})
    assert stats["words"] > 40 and stats["parts"][0]["title"] == "开头" and "手稿.txt" in stats["text"]
    assert server.ok("draft_stats", {"text": "标题\n同志们：\n今天开会。\n", "rate": 100})["rate_per_min"] == 100
    listed = {f["path"] for f in server.ok("list_files")["files"]}
    assert {"手稿.txt", "手稿（排版）.docx", "手稿问卷.yaml"} <= listed


def test_stdout_carries_protocol_messages_only(tmp_path):
    """Raw JSON-RPC over the pipe, as a client written in any language would speak it: every line the
    server writes is a protocol message, whatever the tools did (a render, a refusal, a bad call)."""
    from mcp_types import LATEST_PROTOCOL_VERSION
    (tmp_path / "旧稿.txt").write_text("在全区会议上的讲话\n同志们:\n今天开会。\n", encoding="utf-8")
    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": LATEST_PROTOCOL_VERSION, "capabilities": {},
                    "clientInfo": {"name": "raw", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "format_draft", "arguments": {"path": "旧稿.txt", "format": "txt"}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "check", "arguments": {"path": "/etc/passwd"}}},
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "check", "arguments": {"text": 5}}},
        {"jsonrpc": "2.0", "id": 5, "method": "tools/list"},
    ]
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "mcp", "--workspace", str(tmp_path)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, **_env()))
    proc.stdin.write("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in requests).encode("utf-8"))
    proc.stdin.flush()
    lines = [proc.stdout.readline() for _ in range(5)]      # every answer, then the end of input
    proc.stdin.close()
    proc.wait(timeout=60)
    with proc.stdout, proc.stderr:
        rest, err = proc.stdout.read(), proc.stderr.read()
    assert proc.returncode == 0, err.decode()
    replies = sorted((json.loads(line) for line in lines + rest.splitlines()), key=lambda m: m["id"])
    assert [m.get("id") for m in replies] == [1, 2, 3, 4, 5]
    assert all(m["jsonrpc"] == "2.0" for m in replies)
    assert replies[1]["result"]["isError"] is False
    assert "同志们：" in (tmp_path / "旧稿（排版）.txt").read_text(encoding="utf-8")
    assert replies[2]["result"]["isError"] and "不在工作文件夹内" in replies[2]["result"]["content"][0]["text"]
    assert replies[3]["result"]["isError"] and "应是文字" in replies[3]["result"]["content"][0]["text"]
    assert "工作文件夹" in err.decode("utf-8") and b"Traceback" not in err


def test_server_stderr_holds_no_traceback(server):
    server.stderr.flush()
    server.stderr.seek(0)
    assert "Traceback" not in server.stderr.read()


# -- a meeting pack --------------------------------------------------------------------------------
def test_a_pack_questionnaire_renders_every_document_as_drafter_render_does(server, tmp_path):
    import shutil
    for f in (EXAMPLES / "meeting").glob("*.yaml"):
        shutil.copyfile(f, server.workspace / f.name)
    got = server.ok("render_draft", {"questionnaire": "会议.yaml", "output": "材料"})
    assert got["outputs"] == [f"材料/{n}.docx" for n in ("议程", "主持词", "新闻稿", "桌签", "讲话")]
    assert got["summary"].startswith("错误 0 个") and [d["name"] for d in got["documents"]][-1] == "讲话"
    cli = tmp_path / "cli"
    r = run_drafter("render", EXAMPLES / "meeting" / "会议.yaml", "-o", cli)
    assert r.returncode == 0, r.stderr
    for name in ("议程", "主持词", "新闻稿", "讲话"):
        assert blocks(server.workspace / "材料" / f"{name}.docx") == blocks(cli / f"{name}.docx"), name


def test_pack_answers_are_validated_saved_and_rendered_into_a_folder(server):
    answers = example_answers("meeting/会议.yaml")
    answers.pop("领导讲话", None)                  # JSON answers have no folder to read a linked speech from
    checked = server.ok("validate_answers", {"outline": "meeting", "answers": answers})
    assert checked["ok"] and [d["name"] for d in checked["documents"]] == ["议程", "主持词", "新闻稿", "桌签"]
    assert "主持词" in checked["documents"][1]["outline_text"] or checked["documents"][1]["outline_text"]
    got = server.ok("render_draft", {"outline": "meeting", "answers": answers, "questionnaire": "另一次会议.yaml"})
    assert got["questionnaire"] == "另一次会议.yaml" and got["outputs"][0] == "另一次会议/议程.docx"
    assert all((server.workspace / o).is_file() for o in got["outputs"])


def test_a_pack_into_one_file_is_refused_with_what_to_write(server):
    import shutil
    shutil.copyfile(EXAMPLES / "meeting" / "会议.yaml", server.workspace / "会议2.yaml")
    shutil.copyfile(EXAMPLES / "meeting" / "讲话.yaml", server.workspace / "讲话.yaml")
    err = server.error("render_draft", {"questionnaire": "会议2.yaml", "output": "材料.docx"})
    assert "文件夹" in err["error"]["message"] and not (server.workspace / "材料.docx").exists()

"""Drive ``drafter mcp`` with the MCP SDK's own client through one drafting session, and print the
calls and answers as Markdown (trimmed), for the README's transcript.

    python scripts/mcp_transcript.py > /tmp/session.md

The clerk's words are ours and fictional; every tool answer is what the server really returned.
The answers come from examples/leader-speech.yaml (fictional too), with one figure the clerk does
not know yet left as a gap.
"""
from __future__ import annotations

import datetime as _dt
import json
import sys
import tempfile
from pathlib import Path

import anyio
import yaml
from mcp import ClientSession, StdioServerParameters, stdio_client

ROOT = Path(__file__).resolve().parent.parent
GAP = "【待填写：今年新建站点数】"


def _answers() -> dict:
    data = yaml.safe_load((ROOT / "examples" / "leader-speech.yaml").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, ensure_ascii=False, default=lambda v: v.isoformat()
                                 if isinstance(v, _dt.date) else str(v)))
    data.pop("大纲")
    return data


def _short(value, width: int = 60):
    """A JSON value cut for print: long texts end in ……, long lists keep their first entries."""
    if isinstance(value, str):
        return value if len(value) <= width else value[:width] + "……"
    if isinstance(value, list):
        return [_short(v, width) for v in value[:3]] + (["……"] if len(value) > 3 else [])
    if isinstance(value, dict):
        return {k: v if k == "path" else _short(v, width) for k, v in value.items()}
    return value


def say(who: str, text: str) -> None:
    print(f"**{who}**：{text}\n")


def call(name: str, args: dict, shown_args=None) -> None:
    print("```json")
    print(f"→ {name} " + json.dumps(_short(shown_args if shown_args is not None else args), ensure_ascii=False))


def result(data, keep=None) -> None:
    if keep is not None:
        data = {k: data[k] for k in keep if k in data}
    print("← " + json.dumps(_short(data), ensure_ascii=False, indent=1))
    print("```\n")


async def session(workspace: Path) -> None:
    params = StdioServerParameters(command=sys.executable, args=["-m", "drafter", "mcp", "--workspace", str(workspace)],
                                   env={"PYTHONPATH": str(ROOT)})
    async with stdio_client(params, errlog=open("/dev/null", "w")) as (read, write):
        async with ClientSession(read, write) as s:
            init = await s.initialize()
            say("文秘", "（在助手里选了提示词“起草讲话”，场合填“临江区社会工作会议”）")
            prompt = await s.get_prompt("起草讲话", {"occasion": "临江区社会工作会议"})
            print("```text\n" + prompt.messages[0].content.text.splitlines()[0] + "\n……\n```\n")
            print(f"（服务的说明 instructions 开头：{init.instructions.splitlines()[0][:60]}……）\n")

            async def tool(name, args, shown=None, keep=None):
                r = await s.call_tool(name, args)
                call(name, args, shown)
                result(r.structured_content, keep)
                return r.structured_content

            out = await tool("list_outlines", {})
            ids = [o["id"] for o in out["outlines"]]
            assert "leader-speech" in ids
            say("助手", "可以用“会议讲话（成效—形势—问题—任务）”这个大纲。我先取问卷结构，再一项一项问您。")
            q = await s.call_tool("get_questionnaire", {"outline": "leader-speech"})
            call("get_questionnaire", {"outline": "leader-speech"})
            props = q.structured_content["schema"]["properties"]
            result({"schema": {"properties": {"会议名称": props["会议名称"], "……": "……"},
                               "required": q.structured_content["schema"]["required"]}})
            say("助手", "会议全称、讲话领导的姓名和讲话日期各是什么？第一部分要讲的几项成效，各有哪些数字和事例？")
            say("文秘", "（逐项告诉助手；今年新建了多少个社区服务站，还要等统计数字）")
            answers = _answers()
            answers["第一部分成效"]["主要成效"][0]["内容"] = \
                f"区、街道、社区三级社会工作机构全部组建到位，今年新建社区服务站{GAP}个。"
            first = dict(answers, 第一部分成效=dict(answers["第一部分成效"],
                                                 主要成效=answers["第一部分成效"]["主要成效"][:1]))
            await tool("validate_answers", {"outline": "leader-speech", "answers": first},
                       shown={"outline": "leader-speech", "answers": {"会议名称": first["会议名称"], "……": "……"}})
            say("助手", "成效至少要写两项。您说的“党建覆盖持续扩大”也放进来。")
            await tool("validate_answers", {"outline": "leader-speech", "answers": answers},
                       shown={"outline": "leader-speech", "answers": "（同上，成效四项）"},
                       keep=["ok", "errors", "findings", "summary"])
            say("助手", f"数字还没有的地方，我写成了“{GAP}”，生成后检查会提醒。文件名用“社会工作会议讲话.docx”可以吗？")
            say("文秘", "可以。")
            await tool("render_draft", {"outline": "leader-speech", "answers": answers, "output": "社会工作会议讲话.docx"},
                       shown={"outline": "leader-speech", "answers": "（同上）", "output": "社会工作会议讲话.docx"},
                       keep=["output", "questionnaire", "outline_text", "findings", "summary", "stats"])
            say("助手", f"文稿已生成：社会工作会议讲话.docx，问卷也存为 社会工作会议讲话.yaml。还有 1 处错误：{GAP}"
                      "——统计数字出来后告诉我，我改好再生成一次；在此之前这份稿子不能算定稿。")
            say("文秘", "新建了 23 个。")
            answers["第一部分成效"]["主要成效"][0]["内容"] = answers["第一部分成效"]["主要成效"][0]["内容"].replace(GAP, "23")
            await tool("render_draft", {"outline": "leader-speech", "answers": answers, "output": "社会工作会议讲话.docx"},
                       shown={"outline": "leader-speech", "answers": "（“今年新建社区服务站23个”）",
                              "output": "社会工作会议讲话.docx"},
                       keep=["output", "summary", "stats"])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "文稿"
        ws.mkdir()
        anyio.run(session, ws)


if __name__ == "__main__":
    main()

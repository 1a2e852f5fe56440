"""``drafter mcp``: the tool table (drafter.mcp.tools) served over stdio with the official MCP SDK.

Only this module imports the SDK, and only ``drafter mcp`` imports this module. stdout carries
protocol messages and nothing else: the SDK points fd 1 at stderr while it serves, so a stray
print or a child process writes there. Every tool runs in a worker thread, one at a time, and
every failure becomes an error result with a Chinese message; an unexpected one also leaves a
log file, as in the CLI. A request line longer than MAX_MESSAGE_BYTES is never held in memory.
"""
from __future__ import annotations

import json
import os
import re
import sys
from functools import partial
from pathlib import Path
from typing import Any, Dict, List, Optional

import anyio
import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from drafter import __version__
from drafter.errors import DrafterError
from drafter.mcp import guide
from drafter.mcp.tools import BY_NAME, TOOLS, Session, ToolFailure
from drafter.textio import MAX_BYTES as MAX_TEXT_BYTES

# A draft of MAX_TEXT_BYTES, JSON-escaped as \uXXXX (6 bytes for a 3-byte character), fits.
MAX_MESSAGE_BYTES = 2 * MAX_TEXT_BYTES + 1_000_000
TOO_LARGE = "\x00too-large"          # the tool a too-large request is answered by (never listed)


def build_server(session: Session) -> Server:
    lock = anyio.Lock()      # drafter's writers and its records of outputs are used one call at a time

    async def list_tools(ctx, params) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[
            types.Tool(name=t.name, title=t.title, description=t.description, input_schema=t.input_schema(),
                       annotations=types.ToolAnnotations(title=t.title, read_only_hint=t.read_only,
                                                         destructive_hint=False, idempotent_hint=True,
                                                         open_world_hint=False))
            for t in TOOLS])

    async def call_tool(ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
        async with lock:
            return await anyio.to_thread.run_sync(partial(run_tool, session, params.name, params.arguments))

    async def list_prompts(ctx, params) -> types.ListPromptsResult:
        return types.ListPromptsResult(prompts=[
            types.Prompt(name=p.name, title=p.title, description=p.description,
                         arguments=[types.PromptArgument(name=n, description=d, required=False) for n, d in p.arguments])
            for p in guide.PROMPTS])

    async def get_prompt(ctx, params: types.GetPromptRequestParams) -> types.GetPromptResult:
        prompt = guide.PROMPT_BY_NAME.get(params.name)
        if prompt is None:
            from mcp.shared.exceptions import MCPError
            raise MCPError(types.INVALID_PARAMS, f"没有名为“{params.name}”的提示词；可用的有："
                           + "、".join(p.name for p in guide.PROMPTS))
        text = prompt.text(params.arguments or {})
        return types.GetPromptResult(description=prompt.description, messages=[
            types.PromptMessage(role="user", content=types.TextContent(type="text", text=text))])

    return Server("drafter", version=__version__, title="drafter 公文起草", instructions=guide.INSTRUCTIONS,
                  on_list_tools=list_tools, on_call_tool=call_tool,
                  on_list_prompts=list_prompts, on_get_prompt=get_prompt)


def run_tool(session: Session, name: str, arguments: Optional[Dict[str, Any]]) -> types.CallToolResult:
    """One tool call, whatever happens, as a result the assistant can read."""
    if name == TOO_LARGE:
        return error_result(session, DrafterError(
            f"请求过大（超过 {MAX_MESSAGE_BYTES // 1_000_000} MB），没有处理",
            hint="一篇讲话稿通常只有几万字；请只传要处理的文稿，较大的文件请放进工作文件夹后按文件名处理。"))
    tool = BY_NAME.get(name)
    if tool is None:
        return error_result(session, DrafterError(f"没有名为“{name[:60]}”的工具",
                                                  hint="可用的工具：" + "、".join(t.name for t in TOOLS)))
    try:
        result = tool.call(session, arguments)
    except DrafterError as e:
        return error_result(session, e)
    except RecursionError:
        return error_result(session, DrafterError("内容嵌套层次过深，无法处理", hint="请检查所给的内容是否正确。"))
    except MemoryError:
        return error_result(session, DrafterError("内容过大，内存不足，无法处理", hint="请只传要处理的文稿。"))
    except OSError as e:
        return error_result(session, DrafterError(f"无法读写文件（{e.strerror or e}）", hint="请检查文件名、权限和磁盘空间。"))
    except Exception:  # noqa: BLE001 — the one place an unexpected error becomes a message
        from drafter.crash import log_internal_error
        log = log_internal_error()
        print(f"drafter mcp：工具 {name} 出错，详细信息已记入 {log}", file=sys.stderr)
        return error_result(session, DrafterError(f"drafter 未能完成这一步（{name}）",
                                                  hint=f"详细信息已记入：{log}，请将该文件发给维护人员。"))
    return types.CallToolResult(content=[types.TextContent(type="text", text=_json(result))],
                                structured_content=result)


def error_result(session: Session, e: DrafterError) -> types.CallToolResult:
    root = str(session.workspace.root) + os.sep      # paths as the assistant names them: relative
    error: Dict[str, Any] = {"message": e.message.replace(root, "")}
    if e.where is not None and e.where.path is not None:
        error["file"] = session.workspace.show(Path(e.where.path))
        if e.where.line is not None:
            error["line"] = e.where.line
    hint = for_assistant(e.hint).replace(root, "")
    if hint:
        error["hint"] = hint
    data: Dict[str, Any] = {"error": error}
    text = "错误：" + ((f"{error['file']}" + (f":{error['line']}" if "line" in error else "") + ": ")
                      if "file" in error else "") + e.message
    if hint:
        text += "\n提示：" + hint
    if isinstance(e, ToolFailure) and e.problems:
        data["problems"] = e.problems
        text += "\n" + _json({"problems": e.problems})
    return types.CallToolResult(content=[types.TextContent(type="text", text=text)], structured_content=data,
                                is_error=True)


# The CLI's hints name its options; the assistant passes arguments instead.
_CLI_WORDS = [
    ("加上 --force", "把参数 force 设为 true（须经文秘同意）"),
    ("--force", "参数 force"),
    ("-o 后", "参数 output 中"),
    ("-o ", "参数 output "),
    ("--reference-docx 后", "参数 reference_docx 中"),
    ("--reference-docx", "参数 reference_docx"),
    ("--format", "参数 format"),
    ("drafter list", "list_outlines"),
]


def for_assistant(hint: str) -> str:
    for cli, words in _CLI_WORDS:
        if not words.isascii():      # 用 -o 另选 → 用参数 output 另选: no space before Chinese words
            hint = hint.replace(" " + cli, words)
        hint = hint.replace(cli, words)
    return hint


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


# -- stdin, bounded ------------------------------------------------------------------------------
_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.){0,200}")')


class BoundedLines:
    """Lines of a binary stream as text, none longer than ``limit`` bytes kept in memory: a longer
    one is skipped to its end and replaced by a call of TOO_LARGE under the same request id, so
    the assistant gets an answer (or, without an id, by a line the SDK reports as unreadable)."""

    def __init__(self, raw, limit: int = MAX_MESSAGE_BYTES):
        self.raw = raw
        self.limit = limit

    def readline(self) -> str:
        line = self.raw.readline(self.limit + 1)
        if len(line) <= self.limit or line.endswith(b"\n"):
            return line.decode("utf-8", "replace")
        head = line[:4096]
        while True:                    # drop the rest of the line, a chunk at a time
            chunk = self.raw.readline(1 << 20)
            if not chunk or chunk.endswith(b"\n"):
                break
        m = _ID.search(head)
        if m is None:
            return "{}\n"
        return json.dumps({"jsonrpc": "2.0", "id": json.loads(m.group(1)), "method": "tools/call",
                           "params": {"name": TOO_LARGE, "arguments": {}}}) + "\n"


def _claim_stdin():
    """The protocol's stdin on a descriptor of our own; fd 0 itself reads /dev/null, so no child
    process can take a message meant for us."""
    private = os.dup(0)
    os.set_inheritable(private, False)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    return os.fdopen(private, "rb", buffering=1 << 16)


async def _serve(session: Session) -> None:
    server = build_server(session)
    stdin = anyio.wrap_file(BoundedLines(_claim_stdin()))
    async with stdio_server(stdin=stdin) as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def serve(workspace: Path, outline_dirs: List[Path]) -> int:
    from drafter.genre.outline import outline_dirs as check_dirs
    from drafter.mcp.workspace import Workspace
    from drafter.genre.outline import ENV_VAR
    ws = Workspace(workspace)
    check_dirs(list(outline_dirs))         # a wrong --outlines stops the start with the CLI's message
    # A relative name anywhere below means the workspace's (a profile named "podium" included);
    # the outline folders were named from where drafter started.
    outline_dirs = [Path(d).resolve() for d in outline_dirs]
    env = os.environ.get(ENV_VAR)
    if env:
        os.environ[ENV_VAR] = os.pathsep.join(str(Path(d).resolve()) for d in env.split(os.pathsep) if d)
    os.chdir(ws.root)
    print(f"drafter mcp：工作文件夹 {ws.root}，等待 MCP 客户端的请求（通过标准输入输出）。", file=sys.stderr)
    anyio.run(_serve, Session(ws, list(outline_dirs)))
    return 0

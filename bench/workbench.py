"""The speed rows of issue 13 (``drafter serve``), run by bench/run.py.

* ready: from starting ``drafter serve 问卷.yaml --no-browser`` in a new process until it answers
  the page (GET /), in rounds interleaved with the floor process;
* pdf (issue 24): a running workbench answers POST /api/export for a PDF of the example, as the
  page sends it when 下载 PDF is clicked: the first download (which may start LibreOffice) timed
  alone, then, once the warm converter the page's opening started is ready, each further one
  from sending the request to the last byte of the file;
* preview: a running workbench (started as a user starts it, opened on the leader-speech example)
  answers POST /api/preview as the page sends it after typing stops; each request changes one
  answer (a keystroke) so nothing can be served from a previous answer. The time is from
  sending the request to the last byte of the response, measured here, after one warm-up
  request (the first one imports the renderer and the checker).
"""
from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

HOST = "127.0.0.1"
TOKEN_HEADER = "X-Drafter-Token"
TARGET_PREVIEW_MS = 150
TARGET_PDF_S = 0.6
PDF_DOWNLOADS = 7
WARM_WAIT_S = 120
TARGET_READY_VS_FLOOR = 1.5
PREVIEW_REQUESTS = 25
READY_TIMEOUT_S = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _request(port: int, method: str, path: str, body: bytes = b"",
             headers: Optional[Dict[str, str]] = None) -> Tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request(method, path, body=body or None, headers={"Host": f"{HOST}:{port}", **(headers or {})})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


class ServeProcess:
    """``drafter serve FILE --no-browser --port P`` in a child process."""

    def __init__(self, drafter: Sequence[str], questionnaire: Path):
        self.port = _free_port()
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([*drafter, "serve", str(questionnaire), "--no-browser", "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.page = b""

    def wait_ready(self) -> float:
        """Seconds from the start of the process to the first answer of the page."""
        while True:
            try:
                status, self.page = _request(self.port, "GET", "/")
                if status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError("drafter serve 退出：" + self.proc.stderr.read().decode("utf-8", "replace")[-300:])
            if time.perf_counter() - self.started > READY_TIMEOUT_S:
                raise RuntimeError("drafter serve 在 30 秒内没有应答")
            time.sleep(0.001)

    def api(self, path: str, obj, raw: bool = False):
        m = re.search(rb'name="drafter-token" content="([^"]+)"', self.page)
        if not m:
            raise RuntimeError("页面上没有工作台令牌")
        status, data = _request(self.port, "POST", path, json.dumps(obj).encode("utf-8"),
                                {TOKEN_HEADER: m.group(1).decode(), "Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"{path} 返回 {status}：{data[:200]!r}")
        return data if raw else json.loads(data)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def measure_ready(drafter: Sequence[str], floor_cmd: Sequence[str], questionnaire: Path,
                  rounds: int) -> Dict[str, List[float]]:
    """Ready times of ``drafter serve`` and floor process times, in alternating rounds."""
    out: Dict[str, List[float]] = {"ready": [], "floor": []}
    for _ in range(rounds):
        t = time.perf_counter()
        subprocess.run(floor_cmd, check=True)
        out["floor"].append(time.perf_counter() - t)
        wb = ServeProcess(drafter, questionnaire)
        try:
            out["ready"].append(wb.wait_ready())
        finally:
            wb.close()
    return out


def measure_preview(drafter: Sequence[str], questionnaire: Path, requests: int = PREVIEW_REQUESTS) -> Dict[str, object]:
    """Milliseconds per preview request on the example, and what the last answer showed."""
    wb = ServeProcess(drafter, questionnaire)
    try:
        wb.wait_ready()
        doc = wb.api("/api/start", {})["document"]
        req = {k: doc[k] for k in ("base", "values", "meta", "name")}
        req["outline"] = doc["outline"]["id"]
        key = next(k for k, v in req["values"].items() if isinstance(v, str) and v)
        times: List[float] = []
        answer: dict = {}
        for n in range(requests + 1):
            req["values"][key] += "一"          # a keystroke: the text really changes
            t = time.perf_counter()
            answer = wb.api("/api/preview", req)
            if n:                               # the first request imports the pipeline
                times.append((time.perf_counter() - t) * 1000)
        blocks = len(answer.get("blocks") or [])
        if not blocks or answer.get("errors"):
            raise RuntimeError(f"预览没有给出文稿：{answer.get('errors')}")
        return {"times": times, "blocks": blocks, "findings": len(answer.get("findings") or [])}
    finally:
        wb.close()


def measure_pdf(drafter: Sequence[str], questionnaire: Path, downloads: int = PDF_DOWNLOADS) -> Dict[str, object]:
    """Seconds per PDF download through a running workbench: the first, and the warm ones."""
    wb = ServeProcess(drafter, questionnaire)
    try:
        wb.wait_ready()
        start = wb.api("/api/start", {})          # the page opens: the warm converter starts
        if not start.get("pdf"):
            raise RuntimeError("本机没有 LibreOffice，工作台不提供 PDF 下载")
        doc = start["document"]
        req = {k: doc[k] for k in ("base", "values", "meta", "name")}
        req.update(outline=doc["outline"]["id"], format="pdf")
        t = time.perf_counter()
        data = wb.api("/api/export", req, raw=True)
        first = time.perf_counter() - t
        if not data.startswith(b"%PDF-"):
            raise RuntimeError("下载的不是 PDF")
        waited = time.perf_counter()
        while not wb.api("/api/start", {}).get("pdf_warm"):
            if time.perf_counter() - waited > WARM_WAIT_S:
                raise RuntimeError(f"常驻的 LibreOffice 在 {WARM_WAIT_S} 秒内没有就绪")
            time.sleep(0.2)
        times: List[float] = []
        for n in range(downloads):
            key = next(k for k, v in req["values"].items() if isinstance(v, str) and v)
            req["values"][key] += "一"          # a changed answer: a new draft every time
            t = time.perf_counter()
            data = wb.api("/api/export", req, raw=True)
            times.append(time.perf_counter() - t)
            if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
                raise RuntimeError("下载的 PDF 不完整")
        return {"first": first, "times": times, "bytes": len(data)}
    finally:
        wb.close()


def render_pdf(pdf: Dict[str, object]) -> str:
    import statistics
    L = ["", "## 问题 24（工作台下载 PDF）", "", "| 目标 | 实测 | 结论 |", "|---|---|---|"]
    if "error" in pdf:
        L.append(f"| 第一份之后，下载 PDF ≤ {TARGET_PDF_S} 秒 | 运行失败：{pdf['error']} | **未达标** |")
        return "\n".join(L + [""])
    p = statistics.median(pdf["times"])
    L.append(f"| 第一份之后，从点击“下载 PDF”到收完文件 ≤ {TARGET_PDF_S} 秒 | {p:.2f} 秒 | "
             f"{'达标' if p <= TARGET_PDF_S else '**未达标**'} |")
    t = pdf["times"]
    L += ["", "说明：",
          f"- 像用户那样启动 `drafter serve 示例问卷.yaml --no-browser`，打开页面（`POST /api/start`，工作台此时在后台启动一个常驻的 "
          "LibreOffice），然后像点击“下载 PDF”那样发送 `POST /api/export`。第一份（可能还要等 LibreOffice 启动）"
          f"用了 {pdf['first']:.2f} 秒；常驻的 LibreOffice 就绪后再下载 {len(t)} 份，每份都改一个字，计时从发出请求到收完文件，"
          f"取中位数（最快 {min(t):.2f} 秒，最慢 {max(t):.2f} 秒；文件 {pdf['bytes'] // 1024} KB）。",
          "- 改进前，每份 PDF 都要启动一次 LibreOffice（约 1.3 秒，几乎全是启动时间）。", ""]
    return "\n".join(L)


def render(ready: Dict[str, List[float]], preview: Dict[str, object]) -> str:
    import statistics
    L = ["", "## 问题 13（drafter serve 工作台）", "", "| 目标 | 实测 | 结论 |", "|---|---|---|"]
    if "error" in preview:
        L.append(f"| 预览刷新 ≤ {TARGET_PREVIEW_MS} ms | 运行失败：{preview['error']} | **未达标** |")
    else:
        p = statistics.median(preview["times"])
        L.append(f"| 预览刷新（leader-speech 示例，请求到应答）≤ {TARGET_PREVIEW_MS} ms | {p:.1f} ms | "
                 f"{'达标' if p <= TARGET_PREVIEW_MS else '**未达标**'} |")
    if "error" in ready:
        L.append(f"| `drafter serve` 可以应答 ≤ {TARGET_READY_VS_FLOOR}× 基线进程 | 运行失败：{ready['error']} | **未达标** |")
    else:
        r, f = statistics.median(ready["ready"]) * 1000, statistics.median(ready["floor"]) * 1000
        L.append(f"| `drafter serve` 从启动到能应答页面 ≤ {TARGET_READY_VS_FLOOR}× 基线进程 | "
                 f"{r:.0f} ms ÷ {f:.0f} ms = {r / f:.2f}× | {'达标' if r / f <= TARGET_READY_VS_FLOOR else '**未达标**'} |")
    L.append("")
    L.append("说明：")
    if "error" not in preview:
        t = preview["times"]
        L.append(f"- 预览：像用户那样启动 `drafter serve 示例问卷.yaml --no-browser`，从页面取得令牌后连续发送 {len(t)} 次 "
                 "`POST /api/preview`（页面停止输入后发送的同一请求），每次在一个回答末尾加一个字，使每次都真正重新生成；"
                 f"计时从发出请求到收完应答，取中位数（最快 {min(t):.1f} ms，最慢 {max(t):.1f} ms）。第一次请求要导入生成和检查的模块，"
                 f"另行预热、不计时。应答含 {preview['blocks']} 个段落和 {preview['findings']} 条检查结果。")
    if "error" not in ready:
        L.append(f"- 启动：从启动 `drafter serve 示例问卷.yaml --no-browser --port …` 的进程起，到它第一次应答页面（GET /）为止；"
                 f"与基线进程交替运行 {len(ready['ready'])} 轮，取中位数（这一行的基线与上表同法、同一时段另测）。")
    L.append("")
    return "\n".join(L)


if __name__ == "__main__":     # only this file's rows: python bench/workbench.py [--pdf]
    import shutil
    import sys
    import tempfile
    root = Path(__file__).resolve().parent.parent
    cmd = [sys.executable, "-c", "import sys; from drafter.cli import main; sys.argv[0] = 'drafter'; main()"]
    import os
    os.environ["PYTHONPATH"] = str(root)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        q = Path(tmp) / "讲话.yaml"
        shutil.copyfile(root / "examples" / "leader-speech.yaml", q)
        try:
            result = measure_pdf(cmd, q)
        except RuntimeError as e:
            result = {"error": str(e)}
        print(render_pdf(result))

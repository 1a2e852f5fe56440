"""``drafter serve``: the workbench's HTTP server, safe by construction.

The standard library's ThreadingHTTPServer is enough for one clerk on their own machine and adds
no dependency. It listens on 127.0.0.1 only. Every request must name that address in Host (and in
Origin when the browser sends one), so a page elsewhere cannot reach it through DNS rebinding;
every /api/ request carries the token printed into the page at start-up; bodies have a size
limit; uploads live in memory or a private temporary folder; no request names a path on disk.
"""
from __future__ import annotations

import hmac
import json
import os
import re
import secrets
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Sequence
from urllib.parse import quote

from drafter import display
from drafter.errors import DrafterError

HOST = "127.0.0.1"
DEFAULT_PORT = 8765        # fixed, so the browser's saved form (per address) is found again
MAX_BODY = 16 * 1024 * 1024
MAX_JSON = 8 * 1024 * 1024        # a form's request: the questionnaire (yamlsrc allows 2 MB) and its values
MAX_JSON_DEPTH = 64               # the deepest outline (自由结构's 下级 in 下级) nests a dozen levels
_DIGITS = re.compile(r"[0-9]{1,15}")   # str.isdigit() also takes "²" and "١"
_SURROGATE = re.compile("[\ud800-\udfff]")
# What the standard library's own refusals (bad request line, too long, unknown method) say.
_STD_ERRORS = {400: "请求的格式不对，已拒绝。", 408: "请求发送得太慢，已超时。", 411: "请求缺少长度。",
               413: "请求过大，已拒绝。", 414: "请求的地址过长，已拒绝。", 431: "请求头过多或过长，已拒绝。"}
TOKEN_HEADER = "X-Drafter-Token"
STATIC = Path(__file__).resolve().parent / "static"
_ASSETS = {"/": ("index.html", "text/html; charset=utf-8"),
           "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
           "/static/form.js": ("form.js", "text/javascript; charset=utf-8"),
           "/static/style.css": ("style.css", "text/css; charset=utf-8")}
_CSP = ("default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'")
# Which JSON keys each endpoint takes: anything else (a "path", say) is refused, not ignored.
_DOC_KEYS = {"outline", "base", "values", "meta", "name"}
_ROUTES: Dict[str, set] = {
    "/api/start": set(), "/api/new": {"outline"}, "/api/preview": _DOC_KEYS,
    "/api/export": _DOC_KEYS | {"format", "confirmed"}, "/api/save": _DOC_KEYS | {"hash", "force"},
    "/api/corrections": _DOC_KEYS,
}
_UPLOADS = {"/api/open", "/api/import", "/api/format", "/api/annotate", "/api/track-changes", "/api/compare"}


class _Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # Restarting at once must not wait for old connections to time out; on Linux and macOS two
    # listeners still cannot share the port. Windows' SO_REUSEADDR would let them: not there.
    allow_reuse_address = os.name != "nt"

    def __init__(self, bench, port: int, quiet: bool = True):
        super().__init__((HOST, port), _Handler)
        self.bench = bench
        self.quiet = quiet
        self.token = secrets.token_urlsafe(32)
        self.lock = threading.Lock()     # one pipeline run at a time: the page is one user
        self.port = self.server_address[1]
        self.origin = f"http://{HOST}:{self.port}"
        self.assets = {url: (STATIC / name).read_bytes() for url, (name, _) in _ASSETS.items()}
        self.assets["/"] = _page(self.assets["/"], self.token)

    @property
    def url(self) -> str:
        return self.origin + "/"

    def server_close(self) -> None:
        super().server_close()
        bench = getattr(self, "bench", None)     # also called by the constructor when binding fails
        if bench is not None:
            bench.close()       # the warm PDF converter goes with the workbench


class _Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    server_version = "drafter-serve"
    sys_version = ""
    timeout = 60          # a connection that stops sending mid-request does not hold a thread for ever

    def log_message(self, fmt: str, *args) -> None:
        if not self.server.quiet:
            sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))

    def do_GET(self) -> None:
        self._run(self._get)

    def do_POST(self) -> None:
        self._run(self._post)

    def _run(self, fn: Callable[[], None]) -> None:
        try:
            if getattr(self.headers, "defects", None):   # a header line without a colon, say
                raise _Refused(HTTPStatus.BAD_REQUEST, "请求头的格式不对，已拒绝。")
            self._check_origin()
            fn()
        except _Refused as e:
            self._json({"error": e.message}, e.status, close=True)
        except DrafterError as e:
            from drafter.serve.handlers import RequestError, Unavailable
            status = HTTPStatus.BAD_REQUEST if isinstance(e, RequestError) else \
                HTTPStatus.NOT_IMPLEMENTED if isinstance(e, Unavailable) else HTTPStatus.UNPROCESSABLE_ENTITY
            self._json({"error": e.message, "hint": e.hint,
                        "where": str(e.where) if e.where and e.where.line else ""}, status)
        except Exception:  # noqa: BLE001 — the page gets one message; the details go to a log
            from drafter.crash import log_internal_error
            log = log_internal_error()
            # The page never sees a path on disk; the terminal that runs the workbench does.
            sys.stderr.write(f"drafter 内部错误，详细信息已记入：{log}\n")
            self._json({"error": "drafter 内部错误，未能完成。详细信息已写入临时文件夹中的一个日志文件"
                                 "（文件名以 drafter-error- 开头，路径见运行工作台的终端窗口），请将它发给维护人员。"},
                       HTTPStatus.INTERNAL_SERVER_ERROR)

    # -- what the standard library refuses by itself, and the methods drafter does not answer --------
    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """The server's own refusals as a Chinese JSON message; never a 5xx for a request it
        could not parse (an unknown method is 405, an unknown HTTP version 400)."""
        code = {501: 405, 505: 400}.get(int(code), int(code))
        text = "这个请求方法不受支持，已拒绝。" if code == 405 else _STD_ERRORS.get(code, "请求有误，已拒绝。")
        try:
            status = HTTPStatus(code)
        except ValueError:
            status = HTTPStatus.BAD_REQUEST
        if self.request_version == "HTTP/0.9" or not getattr(self, "command", None):
            self.request_version = "HTTP/1.1"   # answer with a status line the client can read
        self._json({"error": text}, status, close=True)

    def _refuse_method(self) -> None:
        self.send_error(405)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method

    def do_HEAD(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()

    # -- the checks every request passes -------------------------------------------------------
    def _check_origin(self) -> None:
        if self.headers.get("Host") != f"{HOST}:{self.server.port}":
            raise _Refused(HTTPStatus.FORBIDDEN, f"请求的地址不是本机工作台（Host 不符），已拒绝。"
                                                 f"请打开 {self.server.url}")
        origin = self.headers.get("Origin")
        if origin is not None and origin != self.server.origin:
            raise _Refused(HTTPStatus.FORBIDDEN, "请求来自其他网页（Origin 不符），已拒绝。")
        if self.headers.get("Sec-Fetch-Site") not in (None, "same-origin", "none"):
            raise _Refused(HTTPStatus.FORBIDDEN, "请求来自其他网页，已拒绝。")

    def _check_token(self) -> None:
        sent = self.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(sent.encode(), self.server.token.encode()):
            raise _Refused(HTTPStatus.FORBIDDEN, "缺少或错误的工作台令牌：请刷新页面后再试。")

    def _body(self, limit: int = MAX_BODY) -> bytes:
        lengths = self.headers.get_all("Content-Length") or []
        if len(set(lengths)) > 1:
            raise _Refused(HTTPStatus.BAD_REQUEST, "请求中有两个不同的长度，已拒绝。")
        if self.headers.get("Transfer-Encoding") is not None:
            raise _Refused(HTTPStatus.LENGTH_REQUIRED, "请求缺少长度（工作台不接受分块发送）。")
        length = lengths[0].strip(" \t") if lengths else None
        if length is None or not _DIGITS.fullmatch(length):
            raise _Refused(HTTPStatus.LENGTH_REQUIRED, "请求缺少长度，或长度不是一个数字。")
        if int(length) > limit:
            raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"上传的内容过大（超过 {limit // (1024 * 1024)} MB）。")
        try:
            body = self.rfile.read(int(length))
        except OSError:   # the client stopped sending: the connection's time-out
            raise _Refused(HTTPStatus.REQUEST_TIMEOUT, "请求没有发送完，已超时。") from None
        if len(body) < int(length):
            raise _Refused(HTTPStatus.BAD_REQUEST, "请求没有发送完整，已拒绝。")
        return body

    def _flag(self, header: str) -> bool:
        value = self.headers.get(header, "")
        if value not in ("", "0", "1"):
            raise _Refused(HTTPStatus.BAD_REQUEST, f"请求头 {header} 只能是 0 或 1，已拒绝。")
        return value == "1"

    def _two_files(self, body: bytes):
        """Two uploads in one body (两稿对照): the first's length in X-First-Length, then the second."""
        length = self.headers.get("X-First-Length", "").strip(" \t")
        if not _DIGITS.fullmatch(length) or int(length) > len(body):
            raise _Refused(HTTPStatus.BAD_REQUEST, "两稿对照的请求缺少一稿的长度，或长度不对，已拒绝。请刷新页面后再试。")
        if not self.headers.get("X-Second-Name"):
            raise _Refused(HTTPStatus.BAD_REQUEST, "两稿对照的请求缺少二稿的文件名，已拒绝。请刷新页面后再试。")
        return body[:int(length)], body[int(length):]

    # -- routes -----------------------------------------------------------------------------------
    def _get(self) -> None:
        path = self.path.split("?", 1)[0]
        if path not in _ASSETS:
            raise _Refused(HTTPStatus.NOT_FOUND, "没有这个页面。")
        self._send(self.server.assets[path], _ASSETS[path][1])

    def _post(self) -> None:
        self._check_token()
        path = self.path.split("?", 1)[0]
        if path not in _ROUTES and path not in _UPLOADS:
            raise _Refused(HTTPStatus.NOT_FOUND, "没有这个接口。")
        body = self._body(MAX_BODY if path in _UPLOADS else MAX_JSON)
        bench = self.server.bench
        if path in _UPLOADS:
            name = _header_text(self.headers.get("X-File-Name", ""))
            with self.server.lock:
                if path == "/api/open":
                    self._json(bench.open_upload(name, body))
                elif path == "/api/import":
                    self._json(bench.import_upload(name, body, _header_text(self.headers.get("X-Outline", ""))))
                elif path == "/api/annotate":
                    self._json(bench.annotate_upload(name, body, self._flag("X-Fix")))
                elif path == "/api/track-changes":
                    self._json(bench.track_upload(name, body))
                elif path == "/api/compare":
                    first, second = self._two_files(body)
                    self._json(bench.compare_upload(name, first, _header_text(self.headers.get("X-Second-Name", "")),
                                                    second))
                else:
                    self._json(bench.format_upload(name, body))
            return
        req = _json_body(body, _ROUTES[path])
        with self.server.lock:
            if path == "/api/start":
                self._json(bench.start())
            elif path == "/api/new":
                self._json(bench.new(req.get("outline")))
            elif path == "/api/preview":
                self._json(bench.preview(req))
            elif path == "/api/export":
                data, out_name = bench.export(req)
                self._file(data, out_name)
            elif path == "/api/corrections":
                self._json(bench.take_corrections(req))
            else:
                self._json(bench.save(req))

    # -- responses ----------------------------------------------------------------------------------
    def _send(self, data: bytes, ctype: str, status: HTTPStatus = HTTPStatus.OK,
              extra: Optional[Dict[str, str]] = None, close: bool = False) -> None:
        self.send_response(status)
        headers = {"Content-Type": ctype, "Content-Length": str(len(data)), "Cache-Control": "no-store",
                   "X-Content-Type-Options": "nosniff", "Content-Security-Policy": _CSP,
                   "Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin",
                   "X-Frame-Options": "DENY"}
        headers.update(extra or {})
        if close:
            headers["Connection"] = "close"
            self.close_connection = True
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, obj: Any, status: HTTPStatus = HTTPStatus.OK, close: bool = False) -> None:
        self._send(json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                   status, close=close)

    def _file(self, data: bytes, name: str, extra: Optional[Dict[str, str]] = None) -> None:
        headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
        headers.update(extra or {})
        self._send(data, "application/octet-stream", extra=headers)


def _page(html: bytes, token: str) -> bytes:
    """The page with its token, and the files each upload button offers as the formats table says."""
    from drafter import formats
    html = html.replace(b"{{TOKEN}}", token.encode())
    review = ("annotate", "track", "compare")     # the buttons of 审阅文稿: its file is one any of them reads
    for button in ("open", "import", "format", *review, "review"):
        kinds = [k for b in (review if button == "review" else (button,)) for k in formats.reads("serve-" + b)]
        offered = ",".join(formats.suffixes_of(*kinds))
        html = html.replace(b"{{ACCEPT_%s}}" % button.upper().encode(), offered.encode())
    return html


def _header_text(value: str) -> str:
    """Headers carry file names percent-encoded (they are ASCII only); only the name's last part counts."""
    from urllib.parse import unquote
    return Path(unquote(value)).name


def _json_body(body: bytes, allowed: set) -> Dict[str, Any]:
    """The request's JSON object, its nesting measured before it is parsed and every string checked."""
    if _too_deep(body, MAX_JSON_DEPTH):
        raise _Refused(HTTPStatus.BAD_REQUEST, f"请求的内容嵌套过深（超过 {MAX_JSON_DEPTH} 层），已拒绝。")
    try:
        req = json.loads(body.decode("utf-8"), parse_constant=_no_constant) if body else {}
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Refused(HTTPStatus.BAD_REQUEST, "请求的内容不是有效的 JSON。") from None
    if not _plain_strings(req):
        raise _Refused(HTTPStatus.BAD_REQUEST, "请求中有无法识别的字符（孤立的代理码位），已拒绝。")
    if not isinstance(req, dict):
        raise _Refused(HTTPStatus.BAD_REQUEST, "请求的内容格式不对。")
    unknown = sorted(set(req) - allowed)
    if unknown:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"请求中有不认识的内容“{unknown[0]}”，已拒绝"
                                               "（工作台只读写启动时指定的文件）。")
    return req


def _too_deep(body: bytes, limit: int) -> bool:
    """Whether the JSON text nests arrays and objects more than ``limit`` deep, outside strings:
    counted on the brackets alone, so a hostile body is refused before any parser recurses."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for m in _JSON_TOKENS.finditer(body):
        c = m.group()
        if c in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif c in (b"]", b"}"):
            depth -= 1
    return False


_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _no_constant(name: str):
    raise ValueError(f"JSON 中不允许 {name}")


def _plain_strings(value: Any) -> bool:
    """No string (key or value) holds a lone surrogate: it could not be written out again."""
    if isinstance(value, str):
        return not _SURROGATE.search(value)
    if isinstance(value, dict):
        return all(_plain_strings(k) and _plain_strings(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain_strings(v) for v in value)
    return True


def make_server(file: Optional[Path] = None, outline_dirs: Sequence[Path] = (), port: int = DEFAULT_PORT,
                quiet: bool = True, warm_pdf: bool = False) -> Server:
    """A workbench server bound to 127.0.0.1:``port`` (0: any free port), not yet serving.
    ``warm_pdf``: keep a LibreOffice running for PDF downloads once the page is open."""
    import errno
    from drafter.serve.handlers import Workbench
    bench = Workbench(outline_dirs, file, warm_pdf)
    try:
        return Server(bench, port, quiet)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise DrafterError(f"端口 {port} 已被占用（可能已有一个工作台在运行）",
                               hint=f"请打开 http://{HOST}:{port}/ ，或用 --port 换一个端口，例如 --port {port + 1}。") from None
        raise DrafterError(f"无法在 {HOST}:{port} 上启动（{e.strerror}）", hint="请用 --port 换一个端口。") from None


def _warm_up() -> None:
    # The first preview would otherwise pay for importing the renderer and the checker.
    import drafter.api  # noqa: F401
    import drafter.checker  # noqa: F401
    import drafter.genre.render  # noqa: F401
    import drafter.stats  # noqa: F401


def serve(file: Optional[Path], outline_dirs: Sequence[Path], port: int, open_browser: bool,
          echo: Callable[[str], None]) -> int:
    """Run the workbench until Ctrl+C."""
    server = make_server(file, outline_dirs, port, quiet=True, warm_pdf=True)
    threading.Thread(target=_warm_up, daemon=True).start()
    echo(f"drafter 工作台已启动：{server.url}")
    if file is not None:
        echo(f"正在编辑：{display.text(Path(file).resolve())}（在页面上点“保存问卷”写回该文件）")
    echo("只有本机可以访问。按 Ctrl+C 停止。")
    if open_browser and not os.environ.get("CI"):
        import webbrowser
        webbrowser.open(server.url)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        echo("工作台已停止。")
    finally:
        server.server_close()
        stop_converters()
    return 0


def stop_converters() -> None:
    """Stop any LibreOffice a request is still waiting for: it would outlive the workbench."""
    soffice = sys.modules.get("drafter.soffice")
    if soffice is not None:
        soffice.stop_all()


def start_in_thread(file: Optional[Path] = None, outline_dirs: Sequence[Path] = (), port: int = 0,
                    warm_pdf: bool = False) -> Server:
    """A workbench serving from a background thread (tests, benchmarks); ``shutdown()`` and
    ``server_close()`` stop it. ``warm_pdf`` as ``drafter serve`` has it (off: tests that do
    not print start no LibreOffice)."""
    server = make_server(file, outline_dirs, port, warm_pdf=warm_pdf)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server

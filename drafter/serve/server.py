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
import secrets
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Sequence
from urllib.parse import quote

from drafter.errors import DrafterError

HOST = "127.0.0.1"
DEFAULT_PORT = 8765        # fixed, so the browser's saved form (per address) is found again
MAX_BODY = 16 * 1024 * 1024
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
    "/api/export": _DOC_KEYS | {"format"}, "/api/save": _DOC_KEYS | {"hash", "force"},
}
_UPLOADS = {"/api/open", "/api/import", "/api/format"}


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
        self.assets["/"] = self.assets["/"].replace(b"{{TOKEN}}", self.token.encode())

    @property
    def url(self) -> str:
        return self.origin + "/"


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
            from drafter.crash import internal_error_message
            self._json({"error": internal_error_message()}, HTTPStatus.INTERNAL_SERVER_ERROR)

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

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise _Refused(HTTPStatus.LENGTH_REQUIRED, "请求缺少长度。")
        if int(length) > MAX_BODY:
            raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                           f"上传的内容过大（超过 {MAX_BODY // (1024 * 1024)} MB）。")
        return self.rfile.read(int(length))

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
        body = self._body()
        bench = self.server.bench
        if path in _UPLOADS:
            name = _header_text(self.headers.get("X-File-Name", ""))
            with self.server.lock:
                if path == "/api/open":
                    self._json(bench.open_upload(name, body))
                elif path == "/api/import":
                    self._json(bench.import_upload(name, body, _header_text(self.headers.get("X-Outline", ""))))
                else:
                    data, out_name, corrections = bench.format_upload(name, body)
                    self._file(data, out_name, {"X-Drafter-Corrections": str(corrections)})
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
                self._file(bench.export(req), "文稿." + str(req.get("format")))
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


def _header_text(value: str) -> str:
    """Headers carry file names percent-encoded (they are ASCII only); only the name's last part counts."""
    from urllib.parse import unquote
    return Path(unquote(value)).name


def _json_body(body: bytes, allowed: set) -> Dict[str, Any]:
    try:
        req = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError):
        raise _Refused(HTTPStatus.BAD_REQUEST, "请求的内容不是有效的 JSON。") from None
    if not isinstance(req, dict):
        raise _Refused(HTTPStatus.BAD_REQUEST, "请求的内容格式不对。")
    unknown = sorted(set(req) - allowed)
    if unknown:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"请求中有不认识的内容“{unknown[0]}”，已拒绝"
                                               "（工作台只读写启动时指定的文件）。")
    return req


def make_server(file: Optional[Path] = None, outline_dirs: Sequence[Path] = (), port: int = DEFAULT_PORT,
                quiet: bool = True) -> Server:
    """A workbench server bound to 127.0.0.1:``port`` (0: any free port), not yet serving."""
    import errno
    from drafter.serve.handlers import Workbench
    bench = Workbench(outline_dirs, file)
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
    server = make_server(file, outline_dirs, port, quiet=True)
    threading.Thread(target=_warm_up, daemon=True).start()
    echo(f"drafter 工作台已启动：{server.url}")
    if file is not None:
        echo(f"正在编辑：{Path(file).resolve()}（在页面上点“保存问卷”写回该文件）")
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


def start_in_thread(file: Optional[Path] = None, outline_dirs: Sequence[Path] = (), port: int = 0) -> Server:
    """A workbench serving from a background thread (tests, benchmarks); ``shutdown()`` stops it."""
    server = make_server(file, outline_dirs, port)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server

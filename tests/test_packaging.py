"""A non-editable install gives a working ``drafter`` that finds its outlines, templates and profiles."""
import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_suite_runs_against_the_installed_package_under_make_test():
    import drafter
    if os.environ.get("DRAFTER_TEST_INSTALLED") != "1":
        pytest.skip("only under `make test`, which installs drafter non-editable first")
    installed = Path(drafter.__file__).resolve().parent
    assert installed != ROOT / "drafter" and "site-packages" in installed.parts


def test_fresh_virtualenv_install(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "out", "build", "*.egg-info",
                                                             "__pycache__", ".pytest_cache"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(src)], check=True, timeout=600)
    shutil.rmtree(src)   # the installed copy must not need the source tree
    work = tmp_path / "work"
    work.mkdir()
    exe = str(env_dir / "bin" / "drafter")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DRAFTER_OUTLINES")}

    def run(*args):
        return subprocess.run([exe, *args], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    listing = run("list")
    assert listing.returncode == 0, listing.stderr
    assert "leader-speech" in listing.stdout
    assert run("init", "leader-speech", "--examples", "-o", "q.yaml").returncode == 0
    r = run("render", "q.yaml", "-o", "讲话.docx")
    assert r.returncode == 0, r.stderr
    assert (work / "讲话.docx").stat().st_size > 5000
    checked = run("check", "q.yaml", "讲话.docx")       # the checker's word lists ship as data
    assert checked.returncode == 0 and "错误 0 个" in checked.stdout, checked.stdout + checked.stderr
    assert run("--version").stdout.strip().startswith("drafter")
    assert run("profile", "show", "podium").returncode == 0
    no_sdk = run("mcp", "--workspace", ".")          # the MCP SDK is the extra drafter[mcp]
    assert no_sdk.returncode == 1 and "pip install 'drafter[mcp]'" in no_sdk.stderr, no_sdk.stderr
    shipped = subprocess.run([str(py), "-c", "import drafter, pathlib; p = pathlib.Path(drafter.__file__).parent; "
                              "print(sorted(x.name for x in (p / 'fontconf').glob('*.conf')))"],
                             cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert "65-drafter-official.conf" in shipped.stdout


def test_make_serve_installs_once_and_opens_the_workbench(tmp_path):
    """A clerk's two commands: `cd drafter` and `make serve` install drafter into .venv and open
    the workbench, saying where the drafter command is; the next `make serve` installs nothing."""
    import http.client
    import signal
    import socket
    import sys
    import time
    make = shutil.which("make")
    assert make, "make is what `make test` runs under"
    src = tmp_path / "drafter"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "out", "build", "dist", "*.egg-info",
                                                             "__pycache__", ".pytest_cache"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DRAFTER_OUTLINES", "MAKEFLAGS", "MAKELEVEL")}
    p = subprocess.Popen([make, "serve", f"PYTHON={sys.executable}", f"SERVE_ARGS=--no-browser --port {port}"],
                         cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         start_new_session=True)
    said = []
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            line = p.stdout.readline()
            if not line:
                break
            said.append(line)
            if "工作台已启动" in line:
                break
        assert any("工作台已启动" in x for x in said), "".join(said)[-3000:]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
    finally:
        os.killpg(p.pid, signal.SIGINT)        # Ctrl+C in the terminal
        rest, _ = p.communicate(timeout=60)
    out = "".join(said) + rest
    assert f"drafter 命令在：{src}/.venv/bin/drafter" in out, out[-3000:]
    assert "工作台已停止" in out and "Traceback" not in out, out[-3000:]
    again = subprocess.run([make, "-n", "serve", f"PYTHON={sys.executable}"], cwd=src, env=env,
                           capture_output=True, text=True, timeout=120)
    assert "pip install" not in again.stdout and ".venv/bin/drafter serve" in again.stdout, again.stdout

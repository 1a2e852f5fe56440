"""The offline install bundle (`make offline-bundle`): built by the same script, installed into a fresh
virtual environment with no network, and used to render every example."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import offline_bundle  # noqa: E402

PY = f"{sys.version_info.major}.{sys.version_info.minor}"
PLATFORM = {"x86_64": "linux_x86_64", "aarch64": "linux_aarch64"}[os.uname().machine]   # this machine's bundle


def _no_network(cmd):
    """``cmd`` in a network namespace of its own when the machine allows it (root in CI does)."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-rn", *cmd]
    if os.environ.get("CI"):
        pytest.fail("unshare -rn is not available: the offline install cannot be proved offline", pytrace=False)
    return cmd


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "offline_bundle.py"), "-o", str(out),
                    "--platforms", PLATFORM, "--pythons", PY], check=True, capture_output=True)
    (made,) = out.glob("drafter-*-offline.zip")
    return made


def test_bundle_installs_offline_and_renders_every_example(bundle, tmp_path):
    with zipfile.ZipFile(bundle) as z:
        z.extractall(tmp_path)
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    names = {p.name for p in folder.iterdir()}
    assert {"install.sh", "install.bat", "INSTALL.txt", "SHA256SUMS.txt", "wheels"} <= names
    subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS.txt"], cwd=folder, check=True)
    dest = tmp_path / "装在这里"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    # Anything that tried an index would fail: the install must take only the bundle's wheels.
    env.update(PYTHON=_base_python(), PIP_INDEX_URL="http://127.0.0.1:9/simple")
    r = subprocess.run(_no_network(["sh", str(folder / "install.sh"), str(dest)]), env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert f"drafter 命令在：{dest}/bin/drafter" in r.stdout
    for q in sorted(EXAMPLES.glob("*.yaml")):
        out = tmp_path / f"{q.stem}.docx"
        r = subprocess.run(_no_network([str(dest / "bin" / "drafter"), "render", str(q), "-o", str(out)]),
                           env=env, capture_output=True, text=True, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert zipfile.is_zipfile(out)
    # The installed copy is the bundle's, not the checkout: its files live inside the new environment.
    r = subprocess.run([str(dest / "bin" / "python"), "-c", "import drafter; print(drafter.__file__)"],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.stdout.startswith(str(dest))


def _base_python() -> str:
    # A venv made from inside the test's venv would see its packages; start from the base interpreter.
    return str(Path(sys.base_prefix) / "bin" / f"python{PY}")


def _fake_wheel(folder: Path, name: str, version: str, tag: str, requires=(), python=None) -> None:
    meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Requires-Dist: {r}" for r in requires]
    if python:
        meta.append(f"Requires-Python: {python}")
    with zipfile.ZipFile(folder / f"{name}-{version}-{tag}.whl", "w") as z:
        z.writestr(f"{name}-{version}.dist-info/METADATA", "\n".join(meta) + "\n")


def test_requirements_are_judged_for_the_target_platform_not_the_builder(tmp_path):
    """pip download judges markers on the machine that builds the bundle; the bundle's own check judges
    them for each target, so a Windows-only dependency is not missed and a Linux-only one not added."""
    _fake_wheel(tmp_path, "drafter", "1.0", "py3-none-any",
                ["toolkit>=2", "wincolor; platform_system == 'Windows'", "tuxonly; sys_platform == 'linux'",
                 "assistant; extra == 'mcp'"])
    _fake_wheel(tmp_path, "toolkit", "2.0", "py3-none-any", python=">=3.10")
    _fake_wheel(tmp_path, "toolkit", "1.5", "py3-none-any", ["oldhelper; platform_system == 'Windows'"])
    env = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
           "implementation_name": "cpython", "platform_python_implementation": "CPython",
           "python_version": "3.9", "python_full_version": "3.9.0", "platform_release": "", "platform_version": ""}
    # On Python 3.9 toolkit 2.0 does not install: 1.5 is taken, and it is too old for drafter.
    assert offline_bundle._missing(tmp_path, env, "3.9", "win_amd64", []) == ["oldhelper", "toolkit>=2", "wincolor"]
    linux = dict(env, sys_platform="linux", platform_system="Linux", os_name="posix", platform_machine="x86_64",
                 python_version="3.12", python_full_version="3.12.0")
    assert offline_bundle._missing(tmp_path, linux, "3.12", "linux_x86_64", []) == ["tuxonly"]
    assert offline_bundle._missing(tmp_path, linux, "3.12", "linux_x86_64", ["mcp"]) == ["assistant", "tuxonly"]

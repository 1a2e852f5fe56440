"""Build the offline install bundle: drafter and every Python dependency as wheels, for offices
whose computers have no internet (`make offline-bundle`).

The bundle holds wheels for Linux x86_64, Linux aarch64 (麒麟/统信 on Kunpeng and Phytium) and
Windows x86_64, for each supported Python version, plus install scripts and a Chinese INSTALL.txt.
`pip download --platform` takes a platform's wheel tags but evaluates environment markers on the
machine that builds the bundle (so Windows-only dependencies such as colorama would be missed);
each wheel's own requirements are therefore evaluated again for the target platform, and what is
missing is downloaded until nothing is.

    python scripts/offline_bundle.py [--platforms linux_x86_64,win_amd64] [--pythons 3.11] [-o dist/]
"""
from __future__ import annotations

import argparse
import email.parser
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:          # a bare virtualenv: pip carries its own copy
    from pip._vendor.packaging.markers import Marker  # type: ignore
    from pip._vendor.packaging.requirements import Requirement  # type: ignore
    from pip._vendor.packaging.specifiers import SpecifierSet  # type: ignore
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename  # type: ignore

ROOT = Path(__file__).resolve().parent.parent

# Wheel tags pip may take for each platform, and the marker environment of that platform.
# manylinux_2_28 covers glibc 2.28, the glibc of 麒麟 V10 and 统信 UOS 20.
PLATFORMS = {
    "linux_x86_64": {
        "tags": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64"],
        "env": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                "platform_machine": "x86_64"},
        "label": "Linux x86_64（银河麒麟、统信 UOS 的 x86 版，以及一般的 Linux）",
    },
    "linux_aarch64": {
        "tags": ["manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64"],
        "env": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                "platform_machine": "aarch64"},
        "label": "Linux aarch64（鲲鹏、飞腾处理器上的银河麒麟、统信 UOS）",
    },
    "win_amd64": {
        "tags": ["win_amd64"],
        "env": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                "platform_machine": "AMD64"},
        "label": "Windows x86_64（64 位 Windows 7 SP1 以上需 Python 3.9 以上）",
    },
}
PYTHONS = ("3.9", "3.10", "3.11", "3.12", "3.13")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="drafter 离线安装包")
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "dist")
    ap.add_argument("--platforms", default=",".join(PLATFORMS))
    ap.add_argument("--pythons", default=",".join(PYTHONS))
    ap.add_argument("--extras", default="", help="drafter 的可选功能，逗号分隔（例如 mcp）")
    args = ap.parse_args(argv)
    platforms = [p for p in args.platforms.split(",") if p]
    pythons = [v for v in args.pythons.split(",") if v]
    unknown = [p for p in platforms if p not in PLATFORMS]
    if unknown:
        ap.error(f"未知平台：{unknown}；可选：{', '.join(PLATFORMS)}")
    extras = [e for e in args.extras.split(",") if e]
    bundle = build(args.out, platforms, pythons, extras)
    print(f"已生成离线安装包：{bundle}")
    return 0


def build(out: Path, platforms, pythons, extras) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    version = _version()
    name = f"drafter-{version}-offline"
    with tempfile.TemporaryDirectory(prefix="drafter-bundle-") as tmp:
        stage = Path(tmp) / name
        wheels = stage / "wheels"
        wheels.mkdir(parents=True)
        own = _own_wheel(wheels)
        spec = f"{own}[{','.join(extras)}]" if extras else str(own)
        for platform in platforms:
            for py in pythons:
                _download_closure(spec, wheels, platform, py, extras)
        _write_scripts(stage, version, platforms, pythons, extras)
        _write_manifest(stage)
        final = out / f"{name}.zip"
        part = final.with_name(final.name + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(stage.rglob("*")):
                if f.is_file():
                    info = zipfile.ZipInfo.from_file(f, f.relative_to(stage.parent).as_posix())
                    if f.suffix in (".sh",):
                        info.external_attr = 0o755 << 16
                    with open(f, "rb") as src:
                        z.writestr(info, src.read(), zipfile.ZIP_DEFLATED)
        os.replace(part, final)     # never a half-written bundle under the final name
    return final


def _version() -> str:
    text = (ROOT / "drafter" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def _pip(*args: str) -> None:
    cmd = [sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "-q"]
    subprocess.run(cmd, check=True)


def _own_wheel(into: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="drafter-wheel-") as tmp:
        # Built from a copy, so the checkout is left without build/ or *.egg-info.
        src = Path(tmp) / "src"
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
            ".git", ".venv", "out", "dist", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"))
        _pip("wheel", "--no-deps", "-w", str(into), str(src))
    (made,) = into.glob("drafter-*.whl")
    return made


def _download_closure(spec: str, wheels: Path, platform: str, py: str, extras) -> None:
    """Every wheel ``spec`` needs on ``platform`` with Python ``py``, markers judged for that platform."""
    tags = [a for t in PLATFORMS[platform]["tags"] for a in ("--platform", t)]
    base = ["download", "--only-binary=:all:", "--python-version", py, "--implementation", "cp",
            *tags, "-d", str(wheels)]
    env = dict(PLATFORMS[platform]["env"], implementation_name="cpython", platform_python_implementation="CPython",
               python_version=py, python_full_version=py + ".0", platform_release="", platform_version="")
    wanted = [spec]
    for _ in range(20):              # a fixpoint is reached in two or three rounds
        _pip(*base, *wanted)
        wanted = _missing(wheels, env, py, platform, extras)
        if not wanted:
            return
    raise SystemExit(f"依赖没有收敛：{wanted}")


def _missing(wheels: Path, env: dict, py: str, platform: str, extras):
    """Requirements of the wheels usable on this platform that no wheel there satisfies."""
    usable = {}
    for w in wheels.glob("*.whl"):
        name, ver, _, tags = parse_wheel_filename(w.name)
        if not any(_fits(t, py, platform) for t in tags) or not _python_ok(w, py):
            continue
        name = canonicalize_name(name)
        if name not in usable or usable[name][1] < ver:     # pip takes the newest that fits
            usable[name] = (w, ver)
    missing = []
    for name, (w, _) in usable.items():
        # drafter's own extras are honoured; other packages' extras are never asked for.
        asked = [""] + (extras if name == "drafter" else [])
        for req in _requires(w):
            if req.marker is not None and not any(req.marker.evaluate(dict(env, extra=e)) for e in asked):
                continue
            have = usable.get(canonicalize_name(req.name))
            if have is None or not req.specifier.contains(have[1], prereleases=True):
                missing.append(f"{req.name}{req.specifier}")
    return sorted(set(missing))


def _fits(tag, py: str, platform: str) -> bool:
    if tag.platform != "any" and not any(tag.platform == t for t in PLATFORMS[platform]["tags"]):
        return False
    nodot = py.replace(".", "")
    return tag.interpreter in (f"cp{nodot}", f"py{nodot[0]}", "py3", f"py{nodot}") or \
        (tag.abi == "abi3" and tag.interpreter.startswith("cp3") and int(tag.interpreter[3:]) <= int(nodot[1:]))


def _metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.BytesParser().parsebytes(z.read(meta))


def _requires(wheel: Path):
    return [Requirement(r) for r in _metadata(wheel).get_all("Requires-Dist") or []]


def _python_ok(wheel: Path, py: str) -> bool:
    spec = _metadata(wheel).get("Requires-Python")
    return not spec or SpecifierSet(spec).contains(py + ".0", prereleases=True)


def _write_manifest(stage: Path) -> None:
    lines = []
    for w in sorted((stage / "wheels").glob("*.whl")):
        lines.append(f"{hashlib.sha256(w.read_bytes()).hexdigest()}  wheels/{w.name}")
    (stage / "SHA256SUMS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_scripts(stage: Path, version: str, platforms, pythons, extras) -> None:
    target = f"drafter[{','.join(extras)}]" if extras else "drafter"
    (stage / "install.sh").write_text(f"""#!/bin/sh
# drafter {version} 离线安装（Linux）：不连网，只用本文件夹 wheels/ 里的安装包。
set -e
here="$(cd "$(dirname "$0")" && pwd)"
python="${{PYTHON:-python3}}"
dest="${{1:-$HOME/drafter}}"
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' || {{
    echo "需要 Python 3.9 或更高版本；本机的 $python 版本太低。" >&2; exit 1; }}
"$python" -m venv "$dest"
PIP_CONFIG_FILE=/dev/null "$dest/bin/python" -m pip install --no-index --find-links "$here/wheels" \\
    --disable-pip-version-check -q "{target}"
echo "已安装到：$dest"
echo "drafter 命令在：$dest/bin/drafter"
echo "启动工作台：$dest/bin/drafter serve"
""", encoding="utf-8")
    (stage / "install.bat").write_text(f"""@echo off
rem drafter {version} 离线安装（Windows）：不连网，只用本文件夹 wheels\\ 里的安装包。
chcp 65001 >nul
set "HERE=%~dp0"
set "DEST=%~1"
if "%DEST%"=="" set "DEST=%USERPROFILE%\\drafter"
py -3 -m venv "%DEST%" || python -m venv "%DEST%" || (echo 需要先安装 Python 3.9 或更高版本。 & exit /b 1)
set PIP_CONFIG_FILE=NUL
"%DEST%\\Scripts\\python.exe" -m pip install --no-index --find-links "%HERE%wheels" --disable-pip-version-check -q "{target}" || exit /b 1
echo 已安装到：%DEST%
echo drafter 命令在：%DEST%\\Scripts\\drafter.exe
echo 启动工作台：%DEST%\\Scripts\\drafter.exe serve
""".replace("\n", "\r\n"), encoding="utf-8")
    labels = "\n".join(f"  - {PLATFORMS[p]['label']}" for p in platforms)
    (stage / "INSTALL.txt").write_text(f"""drafter {version} 离线安装说明
================================

这个安装包不需要连接互联网。里面有 drafter 和它用到的全部 Python 组件（wheels 文件夹），适用于：
{labels}
Python 版本：{'、'.join(pythons)}。

一、先确认电脑上有 Python 3.9 或更高版本
  - Linux：在终端输入 python3 --version 查看。没有或版本太低时，请用本单位的软件源或系统安装光盘安装 python3。
  - Windows：在“命令提示符”中输入 py --version 查看。没有时，请向信息中心索取 Python 安装程序（安装时勾选“Add to PATH”）。

二、安装 drafter
  - Linux：在本文件夹中打开终端，运行  sh install.sh
    默认装到主目录下的 drafter 文件夹；也可以写明位置：sh install.sh /opt/drafter
  - Windows：双击 install.bat；默认装到“用户文件夹\\drafter”。
  安装完成后会显示 drafter 命令的位置。

三、开始使用
  - 打开工作台（在浏览器里填写、预览、下载 Word 文稿）：
      Linux：  ~/drafter/bin/drafter serve
      Windows：%USERPROFILE%\\drafter\\Scripts\\drafter.exe serve
  - 命令行的全部用法：drafter --help

四、LibreOffice 和字体（只有生成 PDF、转换 .doc/.wps 时需要）
  - 生成 Word 文稿（.docx）不需要 LibreOffice；用 Word 或 WPS 打开即可打印。
  - 要生成 PDF 或读取旧的 .doc/.wps 文件，需要 LibreOffice：
      银河麒麟、统信 UOS：系统软件源（或安装光盘）里有 libreoffice 软件包；也可以从能上网的电脑下载
      LibreOffice 官方的 .deb 或 .rpm 安装包，拷贝过来安装。
      Debian/Ubuntu：在能上网的同型号电脑上运行  apt-get download libreoffice-writer-nogui 及其依赖，
      拷贝后用 dpkg -i 安装；或直接使用本单位的内网软件源。
      Windows：从能上网的电脑下载 LibreOffice 的 Windows 安装程序（.msi），拷贝过来安装。
  - 公文字体（方正小标宋、仿宋_GB2312、楷体_GB2312、黑体）：Windows 和 WPS 通常已带有；
    Linux 上请从 Windows 电脑或 WPS 的字体文件夹拷贝，放到 ~/.fonts/ 后运行 fc-cache。
    运行 drafter fonts 可以看到缺少哪些字体、会用什么字体替代。

五、核对安装包是否完整
  SHA256SUMS.txt 列出了每个文件的校验值：Linux 上在本文件夹运行  sha256sum -c SHA256SUMS.txt
""", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

"""Which official fonts this machine has, and what fontconfig puts in their place.

The official fonts (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体) are proprietary. On Linux
drafter ships a fontconfig alias file mapping them to free fonts; without it every name falls
back to one font and the heading levels look alike. ``fc-match`` tells what really resolves.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Mapping, Optional

from drafter.cache import cache_dir, read_own
from drafter.errors import OutputError
from drafter.fsutil import write_atomic

ALIAS_NAME = "65-drafter-official.conf"
SYSTEM_ALIAS = Path("/etc/fonts/conf.d") / ALIAS_NAME
# Same glyph widths, so line breaks match (fontconfig's own 30-metric-aliases.conf maps these).
METRIC_TWINS = {"Times New Roman": "Liberation Serif"}
# fonts/ beside the package in a checkout; drafter/fontconf/ when packaged (see setup.cfg).
_SEARCH = (Path(__file__).resolve().parent / "fontconf", Path(__file__).resolve().parent.parent / "fonts")


@dataclass(frozen=True)
class FontStatus:
    name: str                    # the official name the .docx asks for
    resolved: Optional[str]      # the family fc-match gives; None when fc-match is absent
    substituted: bool            # resolved is another family
    expected: Optional[str]      # the free font drafter's alias file names for it

    @property
    def ok(self) -> bool:
        """Installed, or replaced by the intended free font (not a generic fallback)."""
        if self.resolved is None:
            return False
        return not self.substituted or (self.expected is not None and self.resolved == self.expected)


def fonts_conf() -> Optional[Path]:
    """A fonts.conf (system config + drafter's alias file) for FONTCONFIG_FILE, written from the
    shipped template with the alias file's absolute path into a private folder: the cache's
    ``fontconfig/`` when that folder is this user's own (drafter.cache), else a fresh temporary
    folder removed at exit. Never a fixed path under the shared temp dir that anyone could plant."""
    for folder in _SEARCH:
        template, alias = folder / "fonts.conf", folder / ALIAS_NAME
        if template.is_file() and alias.is_file():
            text = template.read_text(encoding="utf-8").replace("@ALIAS_FILE@", str(alias))
            return _written(_private_folder() / "fonts.conf", text)
    return None


def _private_folder(fresh: bool = False) -> Path:
    folder = None if fresh else cache_dir("fontconfig")
    if folder is None:
        if "tmp" not in _TEMP:
            from drafter.fsutil import temp_prefix
            _TEMP["tmp"] = Path(tempfile.mkdtemp(prefix=temp_prefix("fontconfig")))
            atexit.register(shutil.rmtree, _TEMP["tmp"], True)
        folder = _TEMP["tmp"]
    return folder


_TEMP: Dict[str, Path] = {}


def _written(out: Path, text: str) -> Path:
    """``out`` holding ``text``; kept when it already does and is this user's own file."""
    if read_own(out) == text.encode("utf-8"):
        return out
    try:
        write_atomic(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), mode=0o600)
    except OutputError:   # something else in its place: a folder of our own
        _TEMP.pop("tmp", None)
        out = _private_folder(fresh=True) / "fonts.conf"
        write_atomic(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), mode=0o600)
    return out


def alias_file() -> Optional[Path]:
    """The shipped alias file (fonts/65-drafter-official.conf)."""
    return next((f / ALIAS_NAME for f in _SEARCH if (f / ALIAS_NAME).is_file()), None)


def fontconfig_env(base: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """The environment for fontconfig users (fc-match, LibreOffice): the alias file is used
    through FONTCONFIG_FILE when it is not installed system-wide and the caller set none."""
    env = dict(os.environ if base is None else base)
    if not SYSTEM_ALIAS.exists() and "FONTCONFIG_FILE" not in env:
        conf = fonts_conf()
        if conf is not None:
            env["FONTCONFIG_FILE"] = str(conf)
    return env


def alias_targets() -> Dict[str, str]:
    """Official name -> free family, read from the alias file itself so the two cannot drift."""
    path = SYSTEM_ALIAS if SYSTEM_ALIAS.exists() else alias_file()
    if path is None:
        return {}
    from xml.etree import ElementTree

    root = ElementTree.parse(path).getroot()
    targets = {}
    for alias in root.iter("alias"):
        name, prefer = alias.findtext("family"), alias.findtext("prefer/family")
        if name and prefer:
            targets[name] = prefer
    for match in root.iter("match"):
        name, family = match.findtext("test/string"), match.findtext("edit/string")
        if match.get("target") == "pattern" and name and family:
            targets[name] = family
    return targets


def official_fonts(profile=None) -> List[str]:
    """Every font name the profile's styles ask for, in first-use order."""
    from drafter.profile.load import load_profile

    profile = profile or load_profile()
    names = [s.font for s in profile.styles.values()] + [r.font for r in profile.run_in.values()]
    names += [profile.page_number.font, profile.latin_font]
    return list(dict.fromkeys(names))


def font_report(profile=None) -> List[FontStatus]:
    targets = alias_targets()
    fc_match = shutil.which("fc-match")
    env = fontconfig_env()
    report = []
    for name in official_fonts(profile):
        resolved = None
        if fc_match:
            out = subprocess.run([fc_match, "-f", "%{family}", name], capture_output=True, text=True, env=env,
                                 timeout=30)
            families = [f.strip() for f in out.stdout.split(",") if f.strip()]
            resolved = families[0] if families else None
            substituted = name.lower() not in (f.lower() for f in families)
        else:
            substituted = True
        expected = targets.get(name) or METRIC_TWINS.get(name)
        report.append(FontStatus(name, resolved, substituted if resolved else True, expected))
    return report


def format_report(report: List[FontStatus]) -> str:
    """The report in Chinese, one font a line, with what to do when something is missing."""
    if report and all(s.resolved is None for s in report):
        return ("本机没有 fc-match（fontconfig），无法检查字体。\n"
                "  提示：Windows 与 macOS 上请在 Word 或 WPS 的字体列表中确认是否有："
                + "、".join(s.name for s in report) + "。")
    width = max(_cells(s.name) for s in report) if report else 0
    lines = ["公文字体在本机的情况（fc-match）："]
    bad = []
    for s in report:
        if not s.substituted:
            what = "已安装"
        elif s.ok:
            how = "字宽相同" if s.name in METRIC_TWINS else "drafter 字体别名"
            what = f"缺少，以 {s.resolved} 替代（{how}）"
        elif s.expected:
            what = f"缺少，回落到 {s.resolved}；应替代为 {s.expected}，但该字体未安装"
        else:
            what = f"缺少，由 fontconfig 替代为 {s.resolved}"
        if s.substituted and not s.ok and s.expected:
            bad.append(s.name)
        lines.append(f"  {s.name}{' ' * (width - _cells(s.name))}  {what}")
    if bad:
        lines.append(f"  提示：{'、'.join(bad)} 没有合适的替代字体，各级标题可能显示为同一种字体。"
                     "Debian/Ubuntu 上可用 root 运行 scripts/install-system-deps.sh 安装免费替代字体；"
                     "打印正式文件请安装官方字体。")
    elif any(s.substituted for s in report):
        lines.append("  说明：替代字体仅用于在本机预览和生成 PDF；Word/WPS 打开 .docx 时仍按官方字体名排版。")
    return "\n".join(lines)


def _cells(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(1 if c.isascii() else 2 for c in text)

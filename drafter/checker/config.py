"""A unit's own settings for ``drafter check``: the file ``drafter.yaml`` in the draft's folder or
a folder above it (the nearest one wins), or the file given with ``--config``.

    检查:
      关闭规则: [heading-parallel]          # rule ids, as ``drafter check --rules`` lists them
      规则级别: {count-list: 提示}          # 错误、警告 or 提示
      占位符: [待填, 某某局]                # the unit's own placeholder marks
      用语: [一核多元, 三社联动]            # the unit's own terms: misprints of them are reported
      别字: {网格员们: 网格员}              # wrong: right
      提法: [一核两翼三联动]                # the unit's 提法: near misses are reported
      体例:
        引号间用顿号: 是                    # the house style: “甲”、“乙” is not reported
      名册: 名册.yaml                       # the unit's leaders, titles and order (checker.roster)

Every key and value keeps its line (yamlsrc), so a mistake is one Chinese message naming the
file and the line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Optional, Tuple

from drafter.errors import DrafterError, Location

CONFIG_NAME = "drafter.yaml"
SECTION = "检查"
SEVERITY_WORDS = ("错误", "警告", "提示")
# House styles a unit may declare, and the rules they silence.
HOUSE_STYLES = {"引号间用顿号": ("dunhao-between-quoted",),
                "标题末尾用句号": ("heading-end-punct",),
                "数字分节": ("thousands-separator",)}
_KEYS = ("关闭规则", "规则级别", "占位符", "用语", "别字", "提法", "体例", "名册")
_YES = (True, "是", "对", "yes", "true")
_NO = (False, "否", "不", "no", "false")


class ConfigError(DrafterError):
    """The unit's settings file cannot be used as written."""

    exit_code = 2


@dataclass(frozen=True)
class Settings:
    path: Optional[Path] = None
    off: FrozenSet[str] = frozenset()
    severity: Dict[str, str] = field(default_factory=dict)
    placeholders: Tuple[str, ...] = ()
    terms: Tuple[str, ...] = ()
    words: Dict[str, str] = field(default_factory=dict)
    tifa: Tuple[str, ...] = ()
    roster: Optional[object] = None      # checker.roster.Roster: names, titles, protocol order

    def __hash__(self) -> int:
        return hash(self.path)

    def apply(self, findings):
        """The findings without the rules switched off, each at the unit's severity."""
        from dataclasses import replace
        out = []
        for f in findings:
            if f.rule_id in self.off:
                continue
            sev = self.severity.get(f.rule_id)
            out.append(replace(f, severity=sev) if sev and sev != f.severity else f)
        return out


NONE = Settings()


def find_config(start: Path) -> Optional[Path]:
    """The nearest drafter.yaml in ``start``'s folder (or ``start`` itself, if a folder) and above."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for d in (folder, *folder.parents):
        p = d / CONFIG_NAME
        if p.is_file():
            return p
    return None


def settings_for(draft_path: Optional[Path], given: Optional[Path] = None) -> Settings:
    """The settings for a draft: ``given`` (--config), else the nearest drafter.yaml."""
    if given is not None:
        return load_settings(Path(given))
    if draft_path is None:
        return NONE
    p = find_config(Path(draft_path))
    return load_settings(p) if p else NONE


def load_settings(path: Path) -> Settings:
    path = Path(path)
    if not path.is_file():
        raise ConfigError("找不到单位设置文件", Location(path), hint="请检查 --config 后的路径。")
    st = path.stat()
    return _load(path.resolve(), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=16)
def _load(path: Path, _mtime: int, _size: int) -> Settings:
    from drafter.checker import RULES
    from drafter.checker.own_rules import OWN_RULES
    from drafter.yamlsrc import load_yaml
    doc = load_yaml(path, ConfigError)
    ids = {r.id for r in RULES} | {r.id for r in OWN_RULES}

    def fail(msg: str, kp=(), hint: str = "", key: bool = False):
        raise ConfigError(msg, doc.key_loc(kp) if key else doc.loc(kp), hint=hint)

    data = doc.data
    if data is None:
        return Settings(path=path)
    if not isinstance(data, dict):
        fail("单位设置文件应由“检查:”开头", hint="参看 README 中“单位设置”一节的例子。")
    for k in data:
        if k != SECTION:
            fail(f"不认识的设置项“{k}”", (k,), "单位设置文件目前只有“检查:”一节。", key=True)
    sec = data.get(SECTION) or {}
    if not isinstance(sec, dict):
        fail("“检查:”下面应是“关闭规则”“规则级别”等设置项", (SECTION,))
    for k in sec:
        if k not in _KEYS:
            fail(f"不认识的设置项“{k}”", (SECTION, k), "可用的设置项：" + "、".join(_KEYS) + "。", key=True)

    def strings(key) -> Tuple[str, ...]:
        v = sec.get(key)
        if v is None:
            return ()
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            fail(f"“{key}”应是一组文字，每行一项，以“- ”开头", (SECTION, key))
        return tuple(x.strip() for x in v)

    def rule_id(r, kp) -> str:
        if r not in ids:
            fail(f"没有编号为“{r}”的检查规则", kp, "drafter check --rules 列出全部规则及其编号。")
        return r

    off = {rule_id(r, (SECTION, "关闭规则", k)) for k, r in enumerate(strings("关闭规则"))}
    severity = {}
    levels = sec.get("规则级别") or {}
    if not isinstance(levels, dict):
        fail("“规则级别”应写成“规则编号: 级别”，每行一条", (SECTION, "规则级别"))
    for r, sev in levels.items():
        rule_id(r, (SECTION, "规则级别", r))
        if sev not in SEVERITY_WORDS:
            fail(f"规则“{r}”的级别应是“错误”“警告”或“提示”，这里是“{sev}”", (SECTION, "规则级别", r))
        severity[r] = sev
    words = sec.get("别字") or {}
    if not isinstance(words, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                              for k, v in words.items()):
        fail("“别字”应写成“错写: 正确写法”，每行一条", (SECTION, "别字"))
    styles = sec.get("体例") or {}
    if not isinstance(styles, dict):
        fail("“体例”应写成“体例名称: 是”，每行一条", (SECTION, "体例"))
    for name, v in styles.items():
        if name not in HOUSE_STYLES:
            fail(f"不认识的体例“{name}”", (SECTION, "体例", name),
                 "可声明的体例：" + "、".join(HOUSE_STYLES) + "。", key=True)
        if v in _YES:
            off |= set(HOUSE_STYLES[name])
        elif v not in _NO:
            fail(f"体例“{name}”应写“是”或“否”", (SECTION, "体例", name))
    roster = None
    if sec.get("名册") is not None:
        name = sec["名册"]
        if not isinstance(name, str) or not name.strip():
            fail("“名册”应写名册文件的文件名，例如“名册: 名册.yaml”", (SECTION, "名册"))
        from drafter.checker.roster import load_roster
        roster = load_roster(path.parent / name.strip())
    return Settings(path=path, off=frozenset(off), severity=severity, placeholders=strings("占位符"),
                    terms=strings("用语"), words=dict(words), tifa=strings("提法"), roster=roster)

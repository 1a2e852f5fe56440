"""Findings and rules as text for people and as JSON for tools."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from drafter.checker.base import ERROR, HINT, SEVERITIES, WARNING, Finding, Rule

_LEVEL = {ERROR: "error", WARNING: "warning", HINT: "hint"}


def _key(path: Optional[Path]) -> str:
    return str(path) if path is not None else "<输入>"


def _grouped(findings: Iterable[Finding], paths: Sequence) -> Dict[str, List[Finding]]:
    groups: Dict[str, List[Finding]] = {_key(Path(p)): [] for p in paths}
    for f in findings:
        groups.setdefault(_key(f.path), []).append(f)
    for fs in groups.values():
        fs.sort(key=lambda f: (f.line is None, f.line or 0))
    return groups


def _summary(groups: Dict[str, List[Finding]]) -> Dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for fs in groups.values():
        for f in fs:
            counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def format_findings(findings: Iterable[Finding], fmt: str = "text", *,
                    paths: Sequence = ()) -> str:
    """``文件:行: 级别 [规则编号] 说明`` grouped by file, then a summary line; or JSON.

    ``paths`` lists every file checked, so files without findings count in the summary."""
    groups = _grouped(findings, paths)
    counts = _summary(groups)
    if fmt == "json":
        import json   # only for --format json
        return _valid_utf8(json.dumps({
            "files": [{"path": p, "findings": [
                {"line": f.line, "severity": f.severity, "level": _LEVEL.get(f.severity, ""),
                 "rule": f.rule_id, "message": f.message} for f in fs]}
                for p, fs in groups.items()],
            "summary": {"files": len(groups), "errors": counts[ERROR],
                        "warnings": counts[WARNING], "hints": counts[HINT]},
        }, ensure_ascii=False, indent=2))
    if fmt != "text":
        raise ValueError(f"unknown format: {fmt}")
    out: List[str] = []
    for p, fs in groups.items():
        for f in fs:
            where = f"{p}:{f.line}" if f.line is not None else p
            out.append(f"{where}: {f.severity} [{f.rule_id}] {f.message}")
        if fs:
            out.append("")
    out.append(f"共检查 {len(groups)} 个文件：错误 {counts[ERROR]} 个，"
               f"警告 {counts[WARNING]} 个，提示 {counts[HINT]} 个")
    return _valid_utf8("\n".join(out))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_utf8(text: str) -> str:
    """A file name that is not UTF-8 reaches us with surrogate escapes, which no UTF-8 output can
    hold: show each such byte as U+FFFD, so the report (and its JSON) stays valid UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def format_rules(rules: Sequence[Rule]) -> str:
    """One entry per rule: id, severity, title, then the explanation indented."""
    width = max(len(r.id) for r in rules)
    out = []
    for r in rules:
        out.append(f"{r.id:<{width}}  {r.severity}  {r.title}")
        out.append(f"{'':<{width}}  {r.explanation}")
    return "\n".join(out)

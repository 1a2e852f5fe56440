"""Findings and rules as text for people and as JSON for tools.

The JSON schema (``SCHEMA_VERSION``) is documented in the README under 检查规则; fields are
only ever added. File names that are not valid UTF-8 are shown with U+FFFD in their place, so
the output is always valid UTF-8.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from drafter import display
from drafter.checker.base import ERROR, HINT, SEVERITIES, WARNING, Finding, Rule

_LEVEL = {ERROR: "error", WARNING: "warning", HINT: "hint"}
SCHEMA_VERSION = 2
FIXABLE_NOTE = "（drafter format 可自动修正）"


def _key(path: Optional[Path]) -> str:
    if path is None:
        return "<输入>"
    # a name of undecodable bytes comes back from the OS with surrogates; print it readably
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _finding_json(f: Finding) -> dict:
    return {"rule": f.rule_id, "severity": f.severity, "level": _LEVEL.get(f.severity, ""),
            "line": f.line, "column": f.column, "message": f.message,
            "suggestion": f.suggestion, "fixable": f.fixable,
            # schema 2 additions: a point of style reported once for the whole document
            "count": f.count, "lines": list(f.lines)}


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
                    paths: Sequence = (), configs: Optional[Dict[str, Optional[Path]]] = None) -> str:
    """``文件:行: 级别 [规则编号] 说明`` grouped by file, then a summary line; or JSON.

    ``paths`` lists every file checked, so files without findings count in the summary;
    ``configs`` maps each of them to the unit's settings file it was checked with (or None)."""
    groups = _grouped(findings, paths)
    counts = _summary(groups)
    by_file = {_key(Path(p)): c for p, c in (configs or {}).items()}
    if fmt == "json":
        import json   # only for --format json
        return json.dumps({
            "schema": SCHEMA_VERSION,
            "files": [{"path": p, "findings": [_finding_json(f) for f in fs],
                       "config": _key(by_file[p]) if by_file.get(p) else None}
                      for p, fs in groups.items()],
            "summary": {"files": len(groups), "errors": counts[ERROR],
                        "warnings": counts[WARNING], "hints": counts[HINT]},
        }, ensure_ascii=False, indent=2)
    if fmt != "text":
        raise ValueError(f"unknown format: {fmt}")
    out: List[str] = []
    used = sorted({_key(c) for c in by_file.values() if c})
    out += [f"使用单位设置：{c}" for c in used] + ([""] if used else [])
    for p, fs in groups.items():
        for f in fs:
            where = f"{display.text(p)}:{f.line}" if f.line is not None else display.text(p)
            out.append(f"{where}: {f.severity} [{f.rule_id}] {f.message}" + (FIXABLE_NOTE if f.fixable else ""))
        if fs:
            out.append("")
    out.append(f"共检查 {len(groups)} 个文件：错误 {counts[ERROR]} 个，"
               f"警告 {counts[WARNING]} 个，提示 {counts[HINT]} 个")
    return "\n".join(out)


def format_rules(rules: Sequence[Rule], fmt: str = "text") -> str:
    """One entry per rule: id, severity, title, then the source and the explanation indented;
    or the same as JSON."""
    if fmt == "json":
        import json
        return json.dumps({"schema": SCHEMA_VERSION, "rules": [
            {"rule": r.id, "severity": r.severity, "level": _LEVEL.get(r.severity, ""), "title": r.title,
             "source": r.source, "fixable": r.fixable, "explanation": r.explanation} for r in rules]},
            ensure_ascii=False, indent=2)
    width = max(len(r.id) for r in rules)
    out = []
    for r in rules:
        out.append(f"{r.id:<{width}}  {r.severity}  {r.title}" + (FIXABLE_NOTE if r.fixable else ""))
        out.append(f"{'':<{width}}  依据：{r.source}")
        out.append(f"{'':<{width}}  {r.explanation}")
    out.append(f"共 {len(rules)} 条规则。")
    return "\n".join(out)

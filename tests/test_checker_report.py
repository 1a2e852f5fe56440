"""Findings as text and JSON, the rule list, and the good and bad speeches in checker_cases."""
import json
from pathlib import Path

import pytest

from drafter.checker import (ERROR, HINT, RULES, WARNING, Finding, check_draft, format_findings,
                             format_rules)
from drafter.read.reader import read_draft
from conftest import assert_golden

CASES = Path(__file__).resolve().parent / "checker_cases"


def test_text_report_is_grouped_by_file_with_a_summary():
    a, b, c = Path("甲.docx"), Path("乙.txt"), Path("丙.md")
    fs = [Finding("numbering", ERROR, "编号不连续", 8, b), Finding("placeholder", ERROR, "遗留", 3, a),
          Finding("date-format", WARNING, "日期", 2, b), Finding("length-over-limit", WARNING, "超时", None, a)]
    out = format_findings(fs, paths=[a, b, c]).splitlines()
    assert out[0] == "甲.docx:3: 错误 [placeholder] 遗留"
    assert out[1] == "甲.docx: 警告 [length-over-limit] 超时"
    assert out[3:5] == ["乙.txt:2: 警告 [date-format] 日期", "乙.txt:8: 错误 [numbering] 编号不连续"]
    assert out[-1] == "共检查 3 个文件：错误 2 个，警告 2 个，提示 0 个"


def test_json_report_carries_the_same_findings():
    fs = [Finding("placeholder", ERROR, "遗留占位符“X”", 3, Path("讲话.txt"))]
    data = json.loads(format_findings(fs, "json", paths=[Path("讲话.txt")]))
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0, "hints": 0}
    assert data["schema"] == 2
    assert data["files"][0]["findings"][0] == {"line": 3, "column": None, "severity": "错误", "level": "error",
                                               "rule": "placeholder", "message": "遗留占位符“X”",
                                               "suggestion": None, "fixable": False,
                                               "count": None, "lines": []}


def test_a_document_wide_finding_says_how_many_places_and_where():
    """Schema 2 only gains fields: count and lines say how many places a point of style has."""
    fs = [Finding("dunhao-between-quoted", "提示", "共 7 处", 4, Path("讲话.txt"), count=7, lines=(4, 9, 12))]
    data = json.loads(format_findings(fs, "json", paths=[Path("讲话.txt")]))
    f = data["files"][0]["findings"][0]
    assert (f["count"], f["lines"], f["line"]) == (7, [4, 9, 12], 4)


def test_json_findings_carry_column_suggestion_and_fixable():
    from drafter.read.reader import draft_from_text
    draft = draft_from_text("讲话\n同志们：\n我们要加强领导,压实责任。\n", source=Path("讲话.txt"))
    data = json.loads(format_findings(check_draft(draft), "json", paths=[Path("讲话.txt")]))
    f = data["files"][0]["findings"][0]
    assert (f["rule"], f["line"], f["fixable"]) == ("halfwidth-punct", 3, True)
    text = format_findings(check_draft(draft), paths=[Path("讲话.txt")])
    assert "drafter format 可自动修正" in text.splitlines()[0]
    tifa = check_draft(draft_from_text("讲话\n同志们：\n要坚定“三个自信”。\n"))[0]
    assert (tifa.rule_id, tifa.column, tifa.suggestion, tifa.fixable) == ("tifa-form", 5, "四个自信", False)


def test_json_is_valid_utf8_for_a_file_name_that_is_not():
    odd = Path(b"\xb2\xe2\xca\xd4.txt".decode("utf-8", "surrogateescape"))     # GBK bytes
    out = format_findings([Finding("placeholder", ERROR, "遗留", 1, odd)], "json", paths=[odd])
    out.encode("utf-8")                                     # raises on a lone surrogate
    assert json.loads(out)["files"][0]["path"].endswith(".txt")


def test_rules_list_source_and_fixable_as_text_and_json():
    listing = format_rules()
    assert "依据：GB/T 15834-2011 4.11" in listing and listing.endswith(f"共 {len(RULES)} 条规则。")
    data = json.loads(format_rules("json"))
    by_id = {r["rule"]: r for r in data["rules"]}
    assert by_id["ellipsis-form"]["fixable"] and not by_id["count-mismatch"]["fixable"]
    assert all(r["source"] for r in data["rules"])


def test_every_rule_has_an_id_severity_and_chinese_explanation():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r.severity in (ERROR, WARNING, HINT)
        assert r.explanation.endswith("。") and r.title
    listing = format_rules()
    for r in RULES:
        assert r.id in listing and r.explanation in listing
    assert {"placeholder", "numbering", "count-mismatch", "halfwidth-punct", "unbalanced-pair",
            "heading-end-punct", "runin-head-period", "repeated-text", "heading-parallel",
            "date-format", "length-over-limit"} <= set(ids)


@pytest.mark.parametrize("path", sorted(CASES.glob("good_*")), ids=lambda p: p.name)
def test_good_speeches_have_no_finding(path):
    assert [(f.line, f.rule_id, f.message) for f in check_draft(read_draft(path))] == []


@pytest.mark.parametrize("path", sorted(p for p in CASES.glob("bad_*") if p.suffix != ".expected"), ids=lambda p: p.name)
def test_bad_speeches_have_exactly_the_expected_findings(path):
    """Each bad case lists what it must produce in a companion .expected file."""
    got = "".join(f"{f.line}: {f.rule_id}\n" for f in check_draft(read_draft(path)))
    assert_golden(got, path.parent / (path.name + ".expected"))


def test_cli_json_is_valid_utf8_for_an_odd_file_name(tmp_path):
    import os
    import subprocess
    import sys
    from conftest import ROOT
    name = os.path.join(os.fsencode(tmp_path), b"\xb2\xe2\xca\xd4.txt")      # GBK bytes, not UTF-8
    with open(name, "wb") as f:
        f.write("讲话\n同志们：\n请××同志发言。\n".encode("utf-8"))
    r = subprocess.run([sys.executable, "-m", "drafter", "check", "--format", "json", name], cwd=ROOT,
                       capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    data = json.loads(r.stdout.decode("utf-8"))                   # strict: raises on invalid UTF-8
    assert r.returncode == 1 and data["files"][0]["findings"][0]["rule"] == "placeholder"


def test_every_finding_at_a_block_names_the_characters_it_quotes():
    """Word comments are anchored on these characters (drafter check --annotate): each finding
    at a block carries its span, and the message quotes what the span holds."""
    root = Path(__file__).resolve().parent
    cases = sorted((root / "checker_cases").glob("*.txt")) + sorted((root / "checker_cases").glob("*.md"))
    cases += sorted((root / "format_cases").glob("*.*"))
    seen = set()
    for path in cases:
        draft = read_draft(path)
        for f in check_draft(draft):
            if f.line is None:
                continue
            assert f.block is not None and f.span is not None, (path.name, f)
            text = draft.blocks[f.block].text.strip().replace("\n", "")
            start, end = f.span
            assert 0 <= start < end <= len(text), (path.name, f)
            assert text[start:end] in f.message, (path.name, f.rule_id, text[start:end], f.message)
            seen.add(f.rule_id)
    assert len(seen) >= 8, seen

"""drafter check and stats through the command line: any input, one report, exit codes 0/1/2."""
import json

import pytest

from conftest import EXAMPLES
from helpers import filled_questionnaire, write_yaml


def test_examples_pass_check_with_no_finding(drafter_cli):
    files = sorted(EXAMPLES.glob("*.yaml"))
    r = drafter_cli("check", *files)
    assert r.exit_code == 0, r.output
    assert f"共检查 {len(files)} 个文件：错误 0 个，警告 0 个，提示 0 个" in r.output


def test_questionnaire_errors_point_at_the_questionnaire_line(drafter_cli, tmp_path):
    data = filled_questionnaire("leader-speech")
    data["讲话人"] = None
    q = write_yaml(tmp_path / "q.yaml", data)
    r = drafter_cli("check", q)
    assert r.exit_code == 1
    line = next(x for x in r.output.splitlines() if "讲话人" in x)
    assert line.startswith(f"{q}:3: 错误 [questionnaire] 「讲话人」是必填项")


def test_rendered_draft_findings_point_at_the_questionnaire_line(drafter_cli, tmp_path):
    data = filled_questionnaire("leader-speech")
    data["开场白"]["会议任务"] = "今天召开全区社会工作会议，请*街道的同志做好准备。"
    q = write_yaml(tmp_path / "q.yaml", data)
    lines = q.read_text(encoding="utf-8").splitlines()
    expected = next(i for i, x in enumerate(lines, 1) if "*街道" in x)
    r = drafter_cli("check", q)
    assert r.exit_code == 1
    assert f"{q}:{expected}: 错误 [placeholder]" in r.output


def test_hand_written_text_and_json_output(drafter_cli, tmp_path):
    t = tmp_path / "去年讲话.txt"
    t.write_text("在全区会议上的讲话\n同志们：\n一、总结成效\n二、分析形势\n四、部署任务\n", encoding="utf-8")
    r = drafter_cli("check", t, "--format", "json")
    assert r.exit_code == 1
    report = json.loads(r.output)
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert "numbering" in rules
    assert report["summary"]["errors"] >= 1


def test_unreadable_input_exits_2(drafter_cli, tmp_path):
    r = drafter_cli("check", tmp_path / "没有这个文件.docx")
    assert r.exit_code == 2 and "文件不存在" in r.output
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip at all")
    assert drafter_cli("check", bad).exit_code == 2


def test_rules_are_listed_with_id_severity_and_explanation(drafter_cli):
    r = drafter_cli("check", "--rules")
    assert r.exit_code == 0
    for rule_id in ("placeholder", "numbering", "questionnaire", "unreadable"):
        assert rule_id in r.output
    assert "错误" in r.output and "警告" in r.output
    assert "依据：GB/T 9704-2012 7.3.3" in r.output
    listed = json.loads(drafter_cli("check", "--rules", "--format", "json").output)["rules"]
    assert len(listed) >= 45 and all(x["source"] for x in listed)


def test_time_limit_over_is_warned(drafter_cli, tmp_path):
    data = filled_questionnaire("leader-speech")
    data["时长上限"] = 1
    r = drafter_cli("check", write_yaml(tmp_path / "q.yaml", data))
    assert "警告" in r.output and "分钟" in r.output


def test_stats_prints_parts_and_minutes(drafter_cli):
    r = drafter_cli("stats", EXAMPLES / "leader-speech.yaml")
    assert r.exit_code == 0
    assert "合计" in r.output and "分钟" in r.output
    r2 = drafter_cli("stats", EXAMPLES / "leader-speech.yaml", "--rate", "250")
    assert r2.output != r.output


@pytest.mark.parametrize("fmt", ["docx", "txt", "md"])
def test_drafts_drafter_rendered_pass_check_in_every_format(drafter_cli, tmp_path, fmt):
    outs = []
    for example in sorted(EXAMPLES.glob("*.yaml")):
        out = tmp_path / f"{example.stem}.{fmt}"
        assert drafter_cli("render", example, "-o", out).exit_code == 0
        outs.append(out)
    r = drafter_cli("check", *outs)
    assert r.exit_code == 0, r.output
    assert f"共检查 {len(outs)} 个文件：错误 0 个，警告 0 个，提示 0 个" in r.output


def test_markdown_emphasis_is_markup_but_a_lone_star_is_still_a_placeholder(drafter_cli, tmp_path):
    md = tmp_path / "稿.md"
    md.write_text("# 在全区会议上的讲话\n\n*（2025年1月6日）*\n\n同志们：\n\n**一、总结成效**\n\n请*街道做好准备。\n",
                  encoding="utf-8")
    r = drafter_cli("check", md)
    assert r.exit_code == 1
    placeholder_lines = [x for x in r.output.splitlines() if "[placeholder]" in x]
    assert len(placeholder_lines) == 1 and placeholder_lines[0].startswith(f"{md}:9:")

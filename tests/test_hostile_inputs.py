"""Issue 14, items 14, 15, 17 and the smaller ones: inputs that crashed (内部错误, exit 3) are clear
Chinese refusals naming the file and line."""
import json
import os

import pytest

from conftest import EXAMPLES
from helpers import run_capped, write_outline, write_yaml

EXAMPLE = (EXAMPLES / "leader-speech.yaml").read_text(encoding="utf-8")


def questionnaire(tmp_path, line: str, name="q.yaml"):
    """The leader-speech example with one more top-level line (a place for a bad value)."""
    path = tmp_path / name
    path.write_text(EXAMPLE + "\n" + line + "\n", encoding="utf-8")
    return path


def assert_refused(r, *words, code=1):
    assert r.exit_code == code, r.output
    assert "内部错误" not in r.output and "Traceback" not in r.output
    for w in words:
        assert w in r.output, r.output


# --- items 14 and 15: values YAML itself cannot build --------------------------------------------

BAD_VALUES = {
    "impossible day": ("日期: 2025-02-30", "不是一个存在的日期"),
    "year zero": ("日期: 0000-01-01", "不是一个存在的日期"),
    "hour 25": ("日期: 2025-01-06T25:00:00", "不是一个存在的日期"),
    "digit limit": ("日期: " + "9" * 5000, "数字过长"),
    "lone surrogate": ('日期: "\\udcff"', "代理码位"),
    "deep flow nesting": ("日期: " + "[" * 1000 + "]" * 1000, "嵌套层次过深"),
    "very deep flow nesting": ("日期: " + "[" * 100000 + "]" * 100000, "嵌套层次过深"),
}


@pytest.mark.parametrize("case", list(BAD_VALUES))
@pytest.mark.parametrize("command", ["render", "check", "stats"])
def test_values_yaml_cannot_build_are_refused_with_file_and_line(drafter_cli, tmp_path, case, command):
    line, words = BAD_VALUES[case]
    q = questionnaire(tmp_path, line)
    r = drafter_cli(command, q)
    assert r.exit_code == 1 and "内部错误" not in r.output and words in r.output, r.output
    if "nesting" not in case:   # the composer stops without a mark; the others name their line
        assert f"q.yaml:{EXAMPLE.count(chr(10)) + 2}" in r.output, r.output


def test_an_impossible_date_in_an_outline_example_is_reported_by_list(drafter_cli, tmp_path):
    write_outline(tmp_path / "ol", "dated", "- {key: day, label: 日期, type: date, example: 2025-02-30}",
                  "<para>{{ day|date }}</para>")
    r = drafter_cli("--outlines", tmp_path / "ol", "list")
    assert_refused(r, "dated.yaml:", "不是一个存在的日期", "leader-speech")   # the others are still listed


@pytest.mark.parametrize("args", [["render", "{long}.yaml"], ["check", "{long}.docx"], ["stats", "{long}.txt"],
                                  ["outline", "{long}.yaml"], ["init", "leader-speech", "-o", "{long}.yaml"],
                                  ["render", "{example}", "-o", "{long}.docx"],
                                  ["render", "{example}", "-o", "{long}/"],
                                  ["render", "{example}", "--reference-docx", "{long}.docx", "-o", "{tmp}/x.docx"],
                                  ["render", "{example}", "--profile", "{long}.yaml", "-o", "{tmp}/x.docx"],
                                  ["--outlines", "{long}", "list"], ["profile", "show", "{long}.yaml"]])
def test_file_names_over_255_bytes_are_refused_in_every_command_and_option(drafter_cli, tmp_path, args):
    long = str(tmp_path / ("长" * 100))
    r = drafter_cli(*[a.format(long=long, example=EXAMPLES / "leader-speech.yaml", tmp=tmp_path) for a in args])
    assert r.exit_code in (1, 2) and "内部错误" not in r.output and "过长" in r.output, r.output


# --- item 17: profiles inside the documented ranges that cannot be typeset ------------------------

BAD_PROFILES = {
    "title cancels the spacing": ("grid: {chars_per_line: 200, strength: 实务}\n", "压缩一半以上"),
    "control character in a font": ('styles:\n  body: {font: "仿宋\\a"}\n', "控制字符"),
    "over-long font name": ("styles:\n  body: {font: " + "宋" * 40 + "}\n", "字体名"),
    "page beyond Word": ("page: {width_mm: 600, strength: 实务}\n", "超出范围"),
    "zero margin": ("margins: {top_mm: 0, strength: 实务}\n", "超出范围"),
    "no Python repr": ("page: [1, 2]\n", "一个列表"),
    "mapping as key": ("? {a: 1}\n: 2\n", "未知的键"),
    "impossible date": ("name: 2025-02-30\n", "无法读取"),
}


@pytest.mark.parametrize("case", list(BAD_PROFILES))
def test_profiles_that_cannot_be_typeset_are_refused(drafter_cli, tmp_path, case):
    text, words = BAD_PROFILES[case]
    path = tmp_path / "本单位.yaml"
    path.write_text("base: gbt9704\n" + text, encoding="utf-8")
    r = drafter_cli("render", EXAMPLES / "leader-speech.yaml", "--profile", path, "-o", tmp_path / "x.docx")
    assert_refused(r, "本单位.yaml", words)
    assert "Node(" not in r.output


# --- the smaller ones ------------------------------------------------------------------------------

def test_a_long_plain_list_is_not_blamed_on_anchors(drafter_cli, tmp_path):
    q = questionnaire(tmp_path, "多余: [" + ",".join(["1"] * 210_000) + "]")
    r = drafter_cli("check", q)
    assert_refused(r, "项目过多")
    assert "锚点" not in r.output


def test_an_anchor_bomb_is_still_named_as_one(drafter_cli, tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 7)]
    r = drafter_cli("check", questionnaire(tmp_path, "\n".join(lines)))
    assert_refused(r, "锚点")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(drafter_cli, tmp_path, encoding):
    q = tmp_path / "q.yaml"
    q.write_bytes(EXAMPLE.encode(encoding))
    r = drafter_cli("render", q, "-o", tmp_path / "q.txt")
    assert r.exit_code == 0, r.output
    assert "同志们" in (tmp_path / "q.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "100000"])
def test_time_limits_that_are_not_a_number_of_minutes_are_refused(drafter_cli, tmp_path, value):
    q = tmp_path / "q.yaml"
    q.write_text(EXAMPLE.replace("时长上限: 30", f"时长上限: {value}"), encoding="utf-8")
    assert_refused(drafter_cli("stats", q), "时长上限")


def test_a_question_given_by_both_its_label_and_its_key_is_refused(drafter_cli, tmp_path):
    q = questionnaire(tmp_path, "meeting: 另一个会议")
    assert_refused(drafter_cli("check", q), "“会议名称”与“meeting”是同一项")


def test_both_forms_of_a_setting_are_refused(drafter_cli, tmp_path):
    q = questionnaire(tmp_path, "time_limit: 20")
    assert_refused(drafter_cli("check", q), "“时长上限”与“time_limit”是同一项")


@pytest.mark.parametrize("key", ["answers", "range", "loop"])
def test_a_question_key_that_a_template_name_would_shadow_is_refused(drafter_cli, tmp_path, key):
    write_outline(tmp_path / "ol", "shadow", f"- {{key: {key}, label: 甲, type: text}}", "<para>{{ answers }}</para>")
    r = drafter_cli("--outlines", tmp_path / "ol", "list")
    assert_refused(r, "shadow.yaml:", "重名")


def test_a_heading_level_error_names_the_template(drafter_cli, tmp_path):
    write_outline(tmp_path / "ol", "lvl", "- {key: a, label: 甲, type: text}", '<heading level="9">{{ a }}</heading>')
    q = write_yaml(tmp_path / "q.yaml", {"大纲": "lvl", "甲": "内容"})
    r = drafter_cli("--outlines", tmp_path / "ol", "render", q, "-o", tmp_path / "q.txt")
    assert_refused(r, "lvl.xml.j2", "level 应是 1 到 4")


def test_check_json_is_valid_utf8_for_a_file_name_that_is_not(tmp_path):
    name = os.fsencode(tmp_path) + b"/\xff\xfe\xe8.txt"
    with open(name, "wb") as f:
        f.write("同志们：\n今天开会。\n".encode("utf-8"))
    r = run_capped([b"check", b"--format", b"json", name], timeout_s=60, memory_mb=1000)
    report = json.loads(r.stdout.decode("utf-8"))   # strict: raises if not UTF-8
    assert report["summary"]["files"] == 1 and "\ufffd" in report["files"][0]["path"]

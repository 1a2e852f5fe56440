"""A unit tunes drafter check without code: drafter.yaml beside the draft (or above it), or
--config. Rules off, severities, the unit's own placeholders, words, 提法 and house style; check
names the file it used; a mistake in it is one Chinese message with the file and line."""
import json
import textwrap
from pathlib import Path

from helpers import run_capped

DRAFT = ("在全区社会工作会议上的讲话\n同志们：\n"
         "要做到“早发现”、“早处置”，实现“小事不出村”“大事不出镇”。\n"
         "请待填同志牵头，把网格员们组织起来，落实一核两翼联动要求。\n"
         "今年要建成一批站点,服务群众。\n")


def _write(folder: Path, text: str, name: str = "drafter.yaml") -> Path:
    p = folder / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def _check(*args, cwd=None):
    r = run_capped(["check", *args, "--format", "json"], cwd=cwd)
    return r, json.loads(r.stdout.decode()) if r.returncode in (0, 1) else None


def _rules(data):
    return sorted((f["rule"], f["severity"]) for f in data["files"][0]["findings"])


def test_without_settings_the_rules_run_as_they_ship(tmp_path):
    draft = tmp_path / "讲话.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    r, data = _check(draft)
    assert data["files"][0]["config"] is None
    assert _rules(data) == [("dunhao-between-quoted", "提示"), ("halfwidth-punct", "警告")]


def test_settings_above_the_draft_tune_the_check(tmp_path):
    _write(tmp_path, """\
        检查:
          关闭规则: [halfwidth-punct]
          规则级别:
            placeholder: 警告
          占位符: [待填]
          别字: {网格员们: 网格员}
          提法: [一核两翼三联动]
          体例:
            引号间用顿号: 是
        """)
    (tmp_path / "三月").mkdir()
    draft = tmp_path / "三月" / "讲话.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    r, data = _check(draft)
    assert data["files"][0]["config"] == str(tmp_path / "drafter.yaml")
    assert _rules(data) == [("misspelt-word", "错误"), ("placeholder", "警告"), ("tifa-form", "错误")]
    text = run_capped(["check", draft]).stdout.decode()
    assert text.splitlines()[0] == f"使用单位设置：{tmp_path / 'drafter.yaml'}"


def test_config_option_wins_and_an_empty_file_changes_nothing(tmp_path):
    _write(tmp_path, "检查:\n  关闭规则: [dunhao-between-quoted, halfwidth-punct]\n")
    other = _write(tmp_path, "# 本单位暂无设置\n", "空设置.yaml")
    draft = tmp_path / "讲话.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert _rules(_check(draft)[1]) == []
    r, data = _check(draft, "--config", other)
    assert data["files"][0]["config"] == str(other.resolve())
    assert len(_rules(data)) == 2


def test_a_mistake_in_the_settings_names_the_file_and_line(tmp_path):
    draft = tmp_path / "讲话.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    for text, line, words in (("检查:\n  关闭规则: [no-such-rule]\n", 2, "没有编号为“no-such-rule”的检查规则"),
                              ("检查:\n  规则级别:\n    placeholder: 严重\n", 3, "应是“错误”“警告”或“提示”"),
                              ("检查:\n  体例:\n    标点: 是\n", 3, "不认识的体例"),
                              ("检查:\n  关掉: [x]\n", 2, "不认识的设置项“关掉”"),
                              ("检查: [\n", 2, "YAML")):
        cfg = _write(tmp_path, text)
        r = run_capped(["check", draft])
        err = r.stderr.decode()
        assert r.returncode == 2 and "Traceback" not in err, err
        assert f"{cfg}:{line}" in err and words in err, err


def test_a_folder_render_skips_the_settings_file(tmp_path):
    from drafter.batch import expand_inputs
    _write(tmp_path, "检查:\n  关闭规则: [halfwidth-punct]\n")
    (tmp_path / "问卷.yaml").write_text("大纲: leader-speech\n", encoding="utf-8")
    assert [p.name for p, _ in expand_inputs([tmp_path])] == ["问卷.yaml"]


def test_the_workbench_checks_with_the_same_settings(tmp_path, monkeypatch):
    from drafter.serve.handlers import Workbench
    monkeypatch.chdir(tmp_path)
    bench = Workbench()
    out = {"errors": []}
    assert bench.check_settings(out).path is None and out["errors"] == []
    cfg = _write(tmp_path, "检查:\n  关闭规则: [halfwidth-punct]\n")
    assert bench.check_settings(out).off == {"halfwidth-punct"}
    _write(tmp_path, "检查:\n  关闭规则: [no-such-rule]\n")
    assert bench.check_settings(out) is None
    assert str(cfg) in out["errors"][0]["message"] and out["errors"][0]["line"] == 2

"""Format profiles: the numbers of GB/T 9704-2012, their sources, overrides, and refusals."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from drafter.errors import ProfileError
from drafter.profile.load import dump_yaml, list_profiles, load_profile
from drafter.profile.model import Twips


def write(tmp_path: Path, text: str, name: str = "本单位.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def refused(path: Path) -> ProfileError:
    with pytest.raises(ProfileError) as e:
        load_profile(path)
    return e.value


def test_builtin_profiles_are_listed():
    assert {"gbt9704", "podium"} <= set(list_profiles())


def test_default_is_gbt9704_a4_and_text_block_5_1_5_2_1():
    p = load_profile()
    assert p.name == "gbt9704" and load_profile("gbt9704") is p
    assert (p.page_width, p.page_height) == (11906, 16838)
    assert (p.margin_top, p.margin_bottom, p.margin_left, p.margin_right) == (2098, 1984, 1587, 1474)
    assert round(p.text_width.mm) == 156 and round(p.text_height.mm) == 225


def test_grid_is_derived_from_22_lines_and_28_chars_5_2_3():
    p = load_profile()
    assert (p.lines_per_page, p.chars_per_line) == (22, 28)
    assert p.line_pitch == 579            # floor(12756 / 22): 22 lines always fit
    assert p.char_spacing == -5           # measured: -4 gives 27 characters in LibreOffice
    assert p.title_chars_per_line == 20


def test_styles_follow_7_3():
    s = load_profile().styles
    assert (s["title"].font, s["title"].size.pt, s["title"].align, s["title"].snap_to_grid) == \
        ("方正小标宋简体", 22, "center", False)
    assert (s["body"].font, s["body"].size.pt, s["body"].align, s["body"].first_indent.chars) == \
        ("仿宋_GB2312", 16, "justify", 2)
    assert s["salutation"].first_indent == 0
    assert [s[f"heading{i}"].font for i in range(1, 5)] == ["黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
    assert s["heading3"].bold and not s["heading1"].bold
    assert (s["byline"].font, s["byline"].align) == ("楷体_GB2312", "center")
    assert all(st.latin_font == "Times New Roman" for st in s.values())


def test_page_number_7_5():
    pn = load_profile().page_number
    assert (pn.font, pn.size.pt, pn.format, pn.side_space.chars) == ("宋体", 14, "— {n} —", 1)
    assert round(pn.below_text.mm) == 7


def test_every_number_has_a_source():
    for name in list_profiles():
        for leaf in load_profile(name).leaves:
            if isinstance(leaf.value, (int, float)) and not isinstance(leaf.value, bool):
                assert leaf.source is not None, leaf.path
                assert leaf.source.strength in ("规定", "一般", "推荐", "实务", "推算")


def test_podium_is_larger_with_the_same_structure():
    std, pod = load_profile(), load_profile("podium")
    assert pod.styles["body"].size > std.styles["body"].size
    assert pod.line_pitch > std.line_pitch and pod.lines_per_page < std.lines_per_page
    assert pod.margin_left == std.margin_left and pod.page_number == std.page_number
    assert set(pod.styles) == set(std.styles)
    assert [pod.styles[k].font for k in pod.styles] == [std.styles[k].font for k in std.styles]


def test_user_file_overrides_only_what_it_names(tmp_path):
    path = write(tmp_path, """\
        styles:
          body: {size_pt: 15, strength: 实务}
        margins: {left_mm: 30, strength: 实务}
        """)
    p, std = load_profile(path), load_profile()
    assert p.styles["body"].size == Twips.from_pt(15) and p.margin_left == Twips.from_mm(30)
    assert p.styles["body"].font == std.styles["body"].font and p.margin_top == std.margin_top
    assert p.files[0].name == "gbt9704.yaml" and p.files[-1] == path.resolve()
    leaf = {lf.path: lf for lf in p.leaves}
    assert leaf["styles.body.size_pt"].source.strength == "实务"
    assert leaf["styles.body.first_indent_chars"].source.clause == "7.3.3"   # kept its own source


def test_user_file_can_base_on_podium_or_a_relative_file(tmp_path):
    assert load_profile(write(tmp_path, "base: podium\n")).styles["body"].size.pt == 22
    write(tmp_path, "base: podium\ngrid: {lines_per_page: 14, strength: 实务}\n", "mid.yaml")
    p = load_profile(write(tmp_path, "base: mid.yaml\n", "top.yaml"))
    assert p.lines_per_page == 14 and p.styles["body"].size.pt == 22


def test_per_number_source(tmp_path):
    p = load_profile(write(tmp_path, "styles:\n  body:\n    size_pt: {value: 15, strength: 实务}\n"))
    assert p.styles["body"].size.pt == 15


@pytest.mark.parametrize("text, line, words", [
    ("styles:\n  body:\n    size_pt: 15\n", 3, ["styles.body.size_pt", "没有注明出处"]),
    ("margins: {top_mm: 36, strength: 一般}\n", 1, ["必须写出 clause"]),
    ("margins: {top_mm: 36, clause: 第五条, strength: 规定}\n", 1, ["不是 GB/T 9704-2012 的条款号"]),
    ("margins: {top_mm: 36, strength: 必须}\n", 1, ["不是可用的强度词"]),
    ("margins: {top_mm: 36, clause: 5.2.1}\n", 1, ["没有 strength"]),
    ("styles:\n  body:\n    size: 15\n", 3, ["未知的键", "styles.body.size"]),
    ("styles:\n  body: {size_pt: 大号, strength: 实务}\n", 2, ["应为数字"]),
    ("styles:\n  body: {size_pt: 500, strength: 实务}\n", 2, ["超出范围"]),
    ("grid: {lines_per_page: 22.5, strength: 实务}\n", 1, ["应为整数"]),
    ("styles:\n  body: {align: middle}\n", 2, ["不是可用的对齐方式"]),
    ("styles:\n  body: {bold: 是}\n", 2, ["true 或 false"]),
    ("margins: [1, 2]\n", 1, ["应为映射"]),
    ("margins:\n  top_mm: 1\n  top_mm: 2\n", 3, ["重复"]),
    ("styles:\n  body: {size_pt: 15\n", 3, ["YAML 语法错误"]),
    ("page_number: {format: 第页}\n", 1, ["{n}"]),
    ("base: 不存在的方案\n", 1, ["既不是内置方案"]),
])
def test_refusals_name_file_line_and_problem(tmp_path, text, line, words):
    path = write(tmp_path, text)
    err = refused(path)
    assert err.where.path.name == path.name
    assert err.where.line == line, err.format_message()
    for w in words:
        assert w in err.message, err.message
    assert err.format_message().startswith(f"{path}:{line}")


def test_missing_profile_and_unknown_name():
    with pytest.raises(ProfileError) as e:
        load_profile("gbt9705")
    assert "没有名为" in e.value.message and "gbt9704" in e.value.hint
    with pytest.raises(ProfileError) as e:
        load_profile("no/such/file.yaml")
    assert "不存在" in e.value.message


def test_base_cycle_is_refused(tmp_path):
    write(tmp_path, "base: b.yaml\n", "a.yaml")
    write(tmp_path, "base: a.yaml\n", "b.yaml")
    assert "循环" in refused(tmp_path / "a.yaml").message


def test_empty_file_is_refused(tmp_path):
    assert "空" in refused(write(tmp_path, "")).message


@pytest.mark.parametrize("spec", ["gbt9704", "podium", "override"])
def test_dump_yaml_loads_back_to_the_same_profile(tmp_path, spec):
    if spec == "override":
        spec = write(tmp_path, "styles:\n  body: {size_pt: 15, strength: 实务}\n", "o.yaml")
    p = load_profile(spec)
    text = dump_yaml(p)
    assert "clause: \"5.2.1\"" in text and "行距 = floor(" in text
    again = load_profile(write(tmp_path, text, "dump.yaml"))
    fields = [f for f in p.__dataclass_fields__ if f not in ("leaves", "files")]
    assert all(getattr(again, f) == getattr(p, f) for f in fields)
    assert {(lf.path, lf.value, lf.source) for lf in again.leaves if lf.path != "name"} == \
        {(lf.path, lf.value, lf.source) for lf in p.leaves if lf.path != "name"}


def test_dump_marks_overridden_values_with_their_file(tmp_path):
    path = write(tmp_path, "styles:\n  body: {size_pt: 15, strength: 实务}\n", "o.yaml")
    text = dump_yaml(load_profile(path))
    line = next(ln for ln in text.splitlines() if "size_pt:" in ln and "15" in ln)
    assert line.endswith("# o.yaml:2")
    assert text.splitlines()[1] == 'name: "o"'


def test_importing_profile_does_not_import_python_docx():
    code = "import sys, drafter.profile.load as p; p.load_profile(); assert 'docx' not in sys.modules, 'docx'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


def test_profile_show_is_the_same_in_every_run():
    """The common source of a group is chosen among equals by order, not by a set's hash order."""
    import subprocess
    import sys
    from conftest import ROOT
    outs = {subprocess.run([sys.executable, "-m", "drafter", "profile", "show", "podium"], cwd=ROOT, capture_output=True,
                           env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(outs) == 1 and b"styles:" in next(iter(outs))

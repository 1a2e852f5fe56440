"""Nothing changes silently: the defects of issue 19 point 3, each as a family, on drafts written by
us (a .txt and a hand-made .docx), through the commands as a clerk runs them."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.zh.markers import find_items, first_sentence
from drafter.transforms import fix_text

SPEECH = [
    "在全县养老服务工作推进会上的讲话",
    "同志们：",
    "今天召开会议，部署养老服务工作.刚才，两个乡镇作了发言。",
    "一、突出工作重点",
    "一是完善服务网络。全县新建站点12个。",
    "二是提升服务。服务满意度达到98%...",
    "三是加强队伍。培训护理人员100%...都要持证上岗。",
    "二、强化组织保障",
    "各部门要加强协作，形成合力。谢谢大家!",
]


def _docx(path: Path, lines) -> Path:
    import docx
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


@pytest.fixture(params=["txt", "docx"])
def source(request, tmp_path) -> Path:
    if request.param == "txt":
        path = tmp_path / "讲话.txt"
        path.write_text("\n".join(SPEECH) + "\n", encoding="utf-8")
        return path
    return _docx(tmp_path / "讲话.docx", SPEECH)


def test_a_full_stop_typed_half_width_is_a_sentence_end_and_a_listed_correction():
    assert fix_text("部署工作.刚才") == "部署工作。刚才" and fix_text("会议结束，请抓好落实.") == "会议结束，请抓好落实。"
    english = "the copy read aloud is 讲台稿，大字版."
    assert fix_text("文稿.") == "文稿." and fix_text(english) == english
    for kept in ("1.5倍", "www.gov.cn", "第3.2节", "见附件1.", "“好.”"):
        assert fix_text("这是" + kept) == "这是" + kept
    assert first_sentence("部署工作.一是统筹", typed=True) == "部署工作."
    assert [v for _, v in find_items("部署工作.一是统筹。二是协调。", typed=True)] == [1, 2]


def test_dots_in_chinese_are_an_ellipsis_wherever_check_says_format_fixes_them():
    assert fix_text("满意度达到98%...") == "满意度达到98%……"
    assert fix_text("培训100%...都要") == "培训100%……都要"
    assert fix_text("见第1...9页") == "见第1...9页"


def test_format_lists_every_change_and_check_falls_silent_after_it(source, tmp_path, drafter_cli):
    r = drafter_cli("check", source)
    assert "[halfwidth-punct]" in r.output and r.output.count("[ellipsis-form]") == 2
    out = tmp_path / "排好.txt"
    r = drafter_cli("format", source, "-o", out)
    assert r.exit_code == 0, r.output
    assert "服务工作.刚才，两个乡镇作” → “部署养老服务工作。刚" in r.output and "（改正 4 处）" in r.output
    text = out.read_text(encoding="utf-8")
    assert "服务工作。刚才" in text and "98%……" in text and "100%……都要" in text
    r = drafter_cli("check", out)
    assert "halfwidth-punct" not in r.output and "ellipsis-form" not in r.output


def test_import_then_render_keeps_items_dots_and_a_single_closing(source, tmp_path, drafter_cli):
    q = tmp_path / "问卷.yaml"
    r = drafter_cli("import", source, "-o", q)
    assert r.exit_code == 0, r.output
    assert "末尾的“谢谢大家！”单独成段" in r.output
    out = tmp_path / "今年.txt"
    r = drafter_cli("render", q, "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    for kept in ("一是完善服务网络。", "二是提升服务。服务满意度达到98%……", "三是加强队伍。", "二、强化组织保障"):
        assert kept in text, kept
    assert "一是加强队伍" not in text and "三、" not in text
    assert text.count("谢谢大家") == 1

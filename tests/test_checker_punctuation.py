"""Punctuation: half-width marks beside Chinese, unpaired marks, heading endings, run-in heads."""
import pytest

from drafter.checker import check_draft
from drafter.draft import HEADING, PARA, Block, Draft, Run, block, head_run
from drafter.read.reader import draft_from_text

HEAD = "在全区社会工作会议上的讲话\n同志们：\n"


def rule(text, rule_id):
    return [(f.line, f.message) for f in check_draft(draft_from_text(HEAD + text)) if f.rule_id == rule_id]


@pytest.mark.parametrize("sentence, mark", [
    ("今年以来,全区新建社区食堂6个。", ","),
    ("重点抓好三件事;一是抓党建。", ";"),
    ("主要做法是:抓班子、带队伍。", ":"),
    ("群众满意吗?我们要经常问一问。", "?"),
    ("让我们携手奋进!", "!"),
    ("各乡镇(街道)要明确专人负责。", "("),
])
def test_half_width_mark_beside_chinese(sentence, mark):
    fs = rule(sentence + "\n", "halfwidth-punct")
    assert len(fs) == 1 and fs[0][0] == 3 and mark in fs[0][1]


@pytest.mark.parametrize("sentence", [
    "全年服务群众1,200人次，接听热线5:30准时开始。",
    "系统支持 Word, WPS 两种格式。",
    "问卷中每一项写作“键: 值”，冒号写作“:”。",
])
def test_half_width_marks_not_beside_chinese_are_fine(sentence):
    assert rule(sentence + "\n", "halfwidth-punct") == []


def test_several_marks_in_one_paragraph_are_one_finding():
    fs = rule("今年以来,全区(含开发区)新建食堂6个,服务老人3万人次。\n", "halfwidth-punct")
    assert len(fs) == 1 and "本段共 4 处" in fs[0][1]


@pytest.mark.parametrize("sentence", [
    "坚持“党建引领、多元共治的思路。",
    "认真学习《社区工作者管理办法，抓好落实。",
    "各乡镇（街道要明确专人负责。",
    "各乡镇街道）要明确专人负责。",
])
def test_unpaired_marks_are_errors(sentence):
    fs = [f for f in check_draft(draft_from_text(HEAD + sentence + "\n")) if f.rule_id == "unbalanced-pair"]
    assert len(fs) == 1 and fs[0].severity == "错误"


def test_paired_marks_and_multi_paragraph_quotes_are_fine():
    text = ("坚持“党建引领、多元共治”，学习《社区工作者管理办法》（2024年修订）。\n"
            "“第一段引文说的是基层治理的重要性。\n“第二段引文说的是具体做法。”\n")
    assert rule(text, "unbalanced-pair") == []


def test_standalone_heading_ending_in_punctuation():
    fs = rule("一、总结成效，坚定信心。\n去年工作有进展。\n二、分析形势，找准短板\n形势依然复杂。\n", "heading-end-punct")
    assert fs == [(3, "标题末尾不应有“。”：一、总结成效，坚定信心。")]
    assert rule("看现状：发展态势总体向好\n未来如何发力？\n", "heading-end-punct") == []


def test_run_in_head_without_full_stop():
    draft = Draft([
        block("title", "讲话", line=1),
        Block(HEADING, (Run("一、部署任务"),), level=1, line=2),
        Block(PARA, (head_run("（一）扩大党建覆盖", 2), Run("，今年实现应建尽建。")), line=3),
        Block(PARA, (head_run("（二）提升服务质量", 2), Run("。推动资源下沉。")), line=4),
        Block(PARA, (head_run("（三）强化工作保障。", 2), Run("落实经费。")), line=5),
    ])
    fs = [(f.line, f.rule_id) for f in check_draft(draft) if f.rule_id == "runin-head-period"]
    assert fs == [(3, "runin-head-period")]

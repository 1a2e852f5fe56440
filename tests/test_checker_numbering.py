"""Numbering per level: gaps, repeats and wrong order; restarting under each new parent."""
from drafter.checker import check_draft
from drafter.draft import HEADING, ITEM, PARA, Block, Draft, Run, block, head_run
from drafter.read.reader import draft_from_text


def numbering(text):
    return [(f.line, f.message) for f in check_draft(draft_from_text(text)) if f.rule_id == "numbering"]


HEAD = "在全区社会工作会议上的讲话\n同志们：\n今天召开会议，部署今年的工作。\n"


def test_gap_in_level_one_headings():
    fs = numbering(HEAD + "一、总结成效\n去年工作有进展。\n二、分析形势\n形势依然复杂。\n四、部署任务\n今年任务很重。\n")
    assert fs == [(8, "编号不连续：“二、”之后是“四、”，缺少“三、”")]


def test_repeat_and_wrong_order():
    fs = numbering(HEAD + "一、总结成效\n二、分析形势\n二、部署任务\n一、加强保障\n")
    assert fs[0] == (6, "编号重复：“二、”出现了两次")
    # 一、 after 二、 starts a new series (an outline page followed by the body)
    assert len(fs) == 1
    fs = numbering(HEAD + "一、总结成效\n三、分析形势\n二、部署任务\n")
    assert (6, "编号顺序错误：“三、”之后是“二、”") in fs


def test_level_two_restarts_under_each_parent():
    text = HEAD + ("一、总结成效\n（一）组织更健全。去年新建党组织12个。\n（二）服务更贴心。群众满意率提升。\n"
                   "二、部署任务\n（一）抓好党建。今年实现全覆盖。\n（二）抓好服务。推动资源下沉。\n")
    assert numbering(text) == []


def test_level_two_must_start_at_one_under_a_new_parent():
    text = HEAD + ("一、总结成效\n（一）组织更健全。去年新建党组织12个。\n"
                   "二、部署任务\n（二）抓好服务。推动资源下沉。\n")
    assert numbering(text) == [(7, "编号应从“（一）”开始，这里是“（二）”")]


def test_arabic_levels():
    text = HEAD + "一、主要做法\n（一）健全体系\n1.完善架构。成立联合会。\n2.规范管理。建立制度。\n4.强化培训。开展轮训。\n"
    assert numbering(text) == [(8, "编号不连续：“2.”之后是“4.”，缺少“3.”")]
    text = HEAD + "一、主要做法\n（1）完善架构。成立联合会。\n（3）规范管理。建立制度。\n"
    assert numbering(text)[0][1].startswith("编号不连续：“（1）”之后是“（3）”")


def test_run_in_items_gap_in_one_paragraph():
    text = HEAD + "一、分析问题\n主要问题有：一是统筹不够有力。二是基层力量薄弱。四是保障不够到位。\n"
    assert numbering(text) == [(5, "编号不连续：“二是”之后是“四是”，缺少“三是”")]


def test_items_continue_across_paragraphs_and_restart_after_a_head():
    text = HEAD + ("一、部署任务\n（一）抓好党建。一是扩大覆盖。\n二是提升质量。\n"
                   "（二）抓好服务。一是下沉资源。二是优化流程。\n")
    assert numbering(text) == []
    text = HEAD + "一、部署任务\n（一）抓好党建。一是扩大覆盖。\n三是提升质量。\n"
    assert numbering(text) == [(6, "编号不连续：“一是”之后是“三是”，缺少“二是”")]


def test_yi_shi_inside_a_word_is_not_an_item():
    text = HEAD + "一、统一思想\n思想统一是行动一致的前提，唯一是从的作风要不得。二是另一回事。\n"
    # 统一是 and 唯一是 are words; the 二是 after a full stop is an item that lacks 一是
    assert numbering(text) == [(5, "编号应从“一是”开始，这里是“二是”")]


def test_rendered_draft_uses_block_levels_and_run_heads():
    draft = Draft([
        block("title", "在全区会议上的讲话", line=1),
        Block(HEADING, (Run("一、总结成效"),), level=1, line=5),
        Block(PARA, (head_run("（一）体系更健全。", 2), Run("去年新建组织12个。")), line=6),
        Block(PARA, (head_run("（三）服务更贴心。", 2), Run("满意率提升。")), line=7),
        Block(PARA, (Run("一是", ITEM), Run("扩大覆盖。"), Run("二是", ITEM), Run("提升质量。")), line=8),
    ])
    fs = [(f.line, f.message) for f in check_draft(draft) if f.rule_id == "numbering"]
    assert fs == [(7, "编号不连续：“（一）”之后是“（三）”，缺少“（二）”")]


def test_a_one_that_repeats_inside_a_series_is_a_slip_not_a_new_series():
    from drafter.checker import check_draft
    from drafter.read.reader import draft_from_text
    head = "在全区会议上的讲话\n同志们：\n今天开会。\n"
    slip = head + "一、抓党建\n内容。\n一、抓服务\n内容。\n三、抓队伍\n内容。\n"
    fs = [(f.line, f.message) for f in check_draft(draft_from_text(slip)) if f.rule_id == "numbering"]
    assert fs == [(6, "编号重复：“一、”之后又是“一、”，这里应为“二、”")]
    restart = head + "一、抓党建\n二、抓服务\n一、抓党建\n内容。\n二、抓服务\n内容。\n"
    assert [f for f in check_draft(draft_from_text(restart)) if f.rule_id == "numbering"] == []


def test_a_list_nested_in_one_item_is_a_series_of_its_own():
    """A paragraph-level 一是…四是 whose 三是 holds its own run-in 一是…五是 (the year's 实事):
    after that paragraph the outer series goes on with 四是, which is no step back."""
    head = HEAD + "一、今年的主要任务\n"
    same_para = head + ("一是稳就业。加大帮扶。\n二是兴教育。新建学校。\n三是办实事。今年办好5件实事：一是改造老旧小区，"
                        "二是新建养老站，三是增设公交线，四是修缮校舍，五是整治河道。\n四是保安全。压实责任。\n")
    assert numbering(same_para) == []
    next_para = head + ("一是稳就业。\n二是兴教育。\n三是办实事，今年办好5件实事。\n"
                        "一是改造老旧小区。二是新建养老站。三是增设公交线。\n四是保安全。\n")
    assert numbering(next_para) == []
    # the outer series is still judged: after 三是 comes 五是
    gap = head + "一是稳就业。\n二是兴教育。\n三是办实事：一是改造小区，二是新建驿站。\n五是保安全。\n"
    assert len(numbering(gap)) == 1
    # a 一是 that is a slip for 三是 is no nested list: 四是 follows nothing
    slip = head + "一是稳就业。\n二是兴教育。\n一是办实事。\n四是保安全。\n"
    assert numbering(slip) == [(8, "编号不连续：“一是”之后是“四是”，缺少“二是”、“三是”")]
    slip = head + "一是稳就业。\n二是兴教育。\n一是办实事。\n三是保安全。\n"
    assert numbering(slip) == [(8, "编号不连续：“一是”之后是“三是”，缺少“二是”")]

"""Sibling headings written in parallel: an outlier in length or shape is hinted at."""
from drafter.checker import check_draft
from drafter.read.reader import draft_from_text

HEAD = "在全区社会工作会议上的讲话\n同志们：\n今天开会。\n"


def parallel(text):
    return [(f.line, f.severity, f.message) for f in check_draft(draft_from_text(HEAD + text))
            if f.rule_id == "heading-parallel"]


def test_balanced_siblings_pass():
    text = ("一、回顾工作成效，坚定发展信心\n去年有进展。\n二、正视问题短板，找准努力方向\n问题不少。\n"
            "三、聚焦重点任务，推动提质增效\n任务很重。\n")
    assert parallel(text) == []


def test_a_far_longer_sibling_is_hinted():
    text = ("一、部署任务\n（一）抓实党建\n扩大覆盖。\n（二）抓细服务\n下沉资源。\n"
            "（三）抓好社区工作者队伍的选拔培养和激励保障各项工作\n完善制度。\n（四）抓牢安全\n排查隐患。\n")
    fs = parallel(text)
    assert len(fs) == 1 and fs[0][0] == 9 and fs[0][1] == "提示" and "明显偏长" in fs[0][2]


def test_run_in_heads_and_dated_section_labels_are_not_compared():
    # Run-in heads of a report vary in length by design; dated labels are not slogans.
    runin = ("一、部署任务\n（一）抓实党建。扩大覆盖。\n（二）抓细服务。下沉资源。\n"
             "（三）抓好社区工作者队伍的选拔培养和激励保障各项工作。完善制度。\n（四）抓牢安全。排查隐患。\n")
    dated = ("一、2025年工作回顾\n去年有进展。\n二、2026年经济社会发展的总体要求和主要预期目标\n目标如下。\n"
             "三、2026年重点工作\n任务很重。\n")
    assert parallel(runin) == [] and parallel(dated) == []


def test_a_sibling_of_a_different_shape_is_hinted():
    text = ("一、回顾工作成效，坚定发展信心\n去年有进展。\n二、正视问题短板，找准努力方向\n问题不少。\n"
            "三、聚焦重点任务推动提质增效\n任务很重。\n")
    fs = parallel(text)
    assert len(fs) == 1 and fs[0][0] == 8 and "句式" in fs[0][2]

"""Count words against what follows: announced 五大行动 must be five actions, and so on."""
import pytest

from drafter.checker import check_draft
from drafter.checker.counts import find_phrases
from drafter.read.reader import draft_from_text


def counts(text):
    return [(f.line, f.message) for f in check_draft(draft_from_text(text))
            if f.rule_id in ("count-mismatch", "count-list")]


def severities(text):
    return [(f.rule_id, f.severity) for f in check_draft(draft_from_text(text))
            if f.rule_id in ("count-mismatch", "count-list")]


OPEN = "在全市社会工作座谈会上的汇报发言\n尊敬的各位领导，同志们：\n"


def _actions(n):
    names = ["凝心聚力", "强基固本", "民生暖心", "两新提质", "源头治理", "志愿同行", "人才培育", "数字赋能"]
    return "".join(f"实施{names[k]}行动，在第{k + 1}方面持续用力。今年完成了多项工作。\n" for k in range(n))


def test_announced_actions_match_the_action_paragraphs():
    text = OPEN + "今年以来，我们实施五大行动，推动各项工作落地见效。现将有关情况汇报如下：\n" + _actions(5)
    assert counts(text) == []


def test_five_actions_announced_and_eight_listed_is_an_error():
    text = OPEN + "今年以来，我们实施五大行动，推动各项工作落地见效。现将有关情况汇报如下：\n" + _actions(8)
    assert counts(text) == [(3, "“五大行动”说的是 5 个，其后实际有 8 个下级标题")]


def test_intro_sentence_against_level_one_headings():
    body = "一、总结成效\n去年工作有进展。\n二、分析形势\n形势依然复杂。\n三、部署任务\n今年任务很重。\n"
    good = "在全区会议上的讲话\n同志们：\n今天开会。下面，我讲三点意见。\n" + body
    assert counts(good) == []
    bad = good.replace("三点意见", "四点意见")
    assert counts(bad) == [(3, "“四点意见”说的是 4 个，其后实际有 3 个下级标题")]


def test_heading_announcement_against_sub_headings_then_items():
    text = ("在全区会议上的讲话\n同志们：\n今天开会。\n"
            "一、突出抓好三项重点任务\n（一）抓党建。扩大覆盖。\n（二）抓服务。下沉资源。\n")
    assert counts(text) == [(4, "“三项重点任务”说的是 3 个，其后实际有 2 个下级标题")]
    text = ("在全区会议上的讲话\n同志们：\n今天开会。\n一、部署任务\n"
            "（一）做好两项基础工作。一是摸清底数。二是建立台账。三是定期更新。\n")
    assert counts(text) == [(5, "“两项基础工作”说的是 2 个，其后实际有 3 个“一是”等条目")]


def test_colon_introduces_items():
    good = "标题\n同志们：\n今天开会。\n一、部署任务\n重点抓好三项工作：一是扩大覆盖。二是提升质量。三是强化保障。\n"
    assert counts(good) == []
    bad = good.replace("三是强化保障。", "")
    assert counts(bad) == [(5, "“三项工作”说的是 3 个，其后实际有 2 个“一是”等条目")]


def test_colon_introduces_an_enumeration():
    assert counts("标题\n同志们：\n我们坚持三个原则：党建引领、多方参与、群众满意。\n") == []
    assert counts("标题\n同志们：\n我们坚持三个原则：党建引领和群众满意。\n") == []
    bad = counts("标题\n同志们：\n我们坚持四个原则：党建引领、多方参与、群众满意。\n")
    assert bad == [(3, "“四个原则”说的是 4 个，其后实际有 3 个项列举")]


def test_enumeration_before_the_count():
    assert counts("标题\n同志们：\n聚焦基本民生、基层治理、社会服务三大领域持续发力。\n") == []
    assert counts("标题\n同志们：\n构建市、县、乡、村四级服务网络。\n") == []
    fs = counts("标题\n同志们：\n构建市、县、乡四级服务网络。\n")
    assert fs and "前面列举了 3 项" in fs[0][1]
    # 等 leaves the list open: fewer items than the count is fine, more is not
    assert counts("标题\n同志们：\n围绕养老、托育等四类服务加大投入。\n") == []


def test_article_framework_part_k_has_k_parallel_paragraphs():
    text = ("部长 林某：以“一二”工作法推动社会工作\n原载本市日报\n"
            "我们形成了“一二”工作法。\n一、紧扣“一条主线”，把牢正确方向\n坚持党的全面领导。\n"
            "二、突出“两化建设”，夯实队伍根基\n推进队伍专业化。招录社工专业毕业生。\n"
            "推进运行规范化。制定服务指引。\n推进服务精细化。划小服务单元。\n")
    assert counts(text) == [(6, "“两化建设”说的是 2 个，其后实际有 3 个并列段落")]


def test_news_task_paragraphs_share_a_clause_ending():
    text = ("会议释放新信号\n本报记者 王芳\n3月20日，全省会议召开。\n问未来：重点推进三项任务\n"
            "会议明确了下一步工作。\n在加强党建方面，将推动应建尽建。\n在夯实基层方面，将持续减负。\n")
    assert counts(text) == [(4, "“三项任务”说的是 3 个，其后实际有 2 个并列段落")]


@pytest.mark.parametrize("sentence", [
    "始终拥护“两个确立”，自觉践行“两个维护”。",
    "增强“四个意识”、坚定“四个自信”，统筹推进“五位一体”总体布局。",
    "认真落实“三会一课”制度。",
    "用三个月时间开展专项整治。",
    "这三项工作要抓紧推进。",
    "全市建成一个中心。",
    "全市有两个街道率先完成了试点。",
])
def test_fixed_formulations_and_quantities_are_not_counts(sentence):
    text = f"标题\n同志们：\n{sentence}\n一、总结成效\n去年工作有进展。\n二、分析形势\n形势依然复杂。\n三、部署任务\n任务很重。\n"
    assert counts(text) == []


def test_phrase_finder():
    texts = [(p.value, p.measure, p.noun) for p in find_phrases("实施“六大工程”，建强两支队伍和三个月")]
    assert texts == [(6, "大", "工程"), (2, "支", "队伍")]


def test_a_half_width_comma_ends_the_list_before_a_count():
    # Hand-typed drafts often keep half-width commas: the 、-list before it is not what 两级 counts.
    assert counts("做好宣传、培训、督导,推动省市两级部门协同发力。\n") == []


# -- issue 20: numbers that are not counts, counts against the wrong list, severity by certainty --

@pytest.mark.parametrize("sentence", [
    "完善土地转让、出租、抵押二级市场。",                 # 二, not 两: a grade or a name
    "组建交通、文旅、能源二级运营公司。",
    "工业投资、消费、出口均保持两位数增长。",               # a size, and the last part a clause
    "推动议事协商、矛盾调处、镇村两级联动。",               # 镇村 is what 两级 counts
    "打通前端、中端、后端，推出十二项举措。",               # far off: not the list counted
    "建立健全项目、资金三级联审机制。",                     # 级 counts levels: these are not levels
])
def test_numbers_that_are_not_counts_of_the_list_before(sentence):
    assert counts(f"标题\n同志们：\n{sentence}\n") == []


def test_a_thing_to_do_in_the_opening_is_not_a_part_of_the_speech():
    body = "".join(f"{cn}、抓{w}\n内容很多。\n" for cn, w in zip("一二三", ("党建", "服务", "队伍")))
    text = "标题\n同志们：\n今年要做好十方面民生实事，让群众得实惠。\n大家要认真落实。\n" + body
    assert counts(text) == []
    # the same opening announcing its parts is compared with them
    assert counts(text.replace("十方面民生实事", "四项重点任务")) == [
        (3, "“四项重点任务”说的是 4 个，其后实际有 3 个下级标题")]


def test_severity_follows_certainty():
    heads = "下面，我讲三点意见。\n一、抓党建\n内容很多。\n二、抓服务\n内容很多。\n"
    assert severities("标题\n同志们：\n" + heads) == [("count-mismatch", "错误")]
    items = "重点抓好三项工作：一是扩大覆盖。二是提升质量。\n"
    assert severities("标题\n同志们：\n" + items) == [("count-mismatch", "错误")]
    listed = "健全街道、社区三级联审机制。\n"
    assert severities("标题\n同志们：\n" + listed) == [("count-list", "警告")]


def test_a_count_inside_an_item_is_not_compared_with_the_items_that_go_on():
    """三是建好四个一批项目。四是……五是……: the items after the count continue the list it stands
    in (they start at 四是, not 一是), so they are not what it counts."""
    head = "在全县民生工作会议上的讲话\n同志们：\n今天开会。\n一、今年的主要任务\n"
    inside = head + "今年要办好以下几件事。一是修路。二是建校。三是建好四个一批项目。四是改造电网。五是整治河道。\n"
    assert [f for f in check_draft(draft_from_text(inside)) if f.rule_id.startswith("count")] == []
    announced = head + "今年要抓好三项工作。一是修路。二是建校。\n"
    assert [f.rule_id for f in check_draft(draft_from_text(announced))
            if f.rule_id.startswith("count")] == ["count-mismatch"]

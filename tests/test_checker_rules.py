"""Every rule fires on a text that breaks it and keeps quiet on the corrected text.

Each case is a short speech of our own (``md:`` marks one read as Markdown): the salutation, then the lines given. ``good`` is the
same text written correctly; it must raise no finding at all, so a rule that fires on correct
text anywhere in this table fails here.
"""
import pytest

from drafter.checker import RULES, check_draft
from drafter.read.reader import draft_from_text

HEAD = "在全区社会工作会议上的讲话\n同志们：\n"
BODY = "今天召开会议，研究部署社会工作。\n"

CASES = {
    # rule: (bad, good)
    "placeholder": ("请××同志作总结发言。", "请王明同志作总结发言。"),
    "numbering": ("一、抓党建\n内容很多。\n三、抓服务\n内容很多。", "一、抓党建\n内容很多。\n二、抓服务\n内容很多。"),
    "count-mismatch": ("下面，我讲三点意见。\n一、抓党建\n内容很多。\n二、抓服务\n内容很多。",
                       "下面，我讲两点意见。\n一、抓党建\n内容很多。\n二、抓服务\n内容很多。"),
    "count-list": ("构建市、县、乡四级服务网络。", "构建市、县、乡三级服务网络。"),
    "doubled-number": ("一、抓党建\n内容很多。\n二、二、抓服务\n内容很多。", "一、抓党建\n内容很多。\n二、抓服务\n内容很多。"),
    "field-term": ("要把杜会建设摆在突出位置。", "要把社会建设摆在突出位置。"),
    "level-skip": ("一、抓党建\n1.建强组织\n内容很多。\n2.扩大覆盖\n内容很多。\n二、抓服务\n内容很多。",
                   "一、抓党建\n（一）建强组织\n内容很多。\n（二）扩大覆盖\n内容很多。\n二、抓服务\n内容很多。"),
    "lone-subheading": ("一、抓党建\n（一）建强组织\n内容很多。\n二、抓服务\n内容很多。",
                        "一、抓党建\n（一）建强组织\n内容很多。\n（二）扩大覆盖\n内容很多。\n二、抓服务\n内容很多。"),
    "duplicate-heading": ("一、抓实基层党建\n内容很多。\n二、抓实基层党建\n内容很多。",
                          "一、抓实基层党建\n内容很多。\n二、抓好社区服务\n内容很多。"),
    "marker-form": ("一.抓党建\n内容很多。\n二.抓服务\n内容很多。", "一、抓党建\n内容很多。\n二、抓服务\n内容很多。"),
    "halfwidth-punct": ("我们要加强领导,压实责任。", "我们要加强领导，压实责任。"),
    "unbalanced-pair": ("我们要落实“三个一批的要求。", "我们要落实“三个一批”的要求。"),
    "heading-end-punct": ("一、抓党建。\n内容很多。\n二、抓服务\n内容很多。\n三、抓队伍\n内容很多。",
                          "一、抓党建\n内容很多。\n二、抓服务\n内容很多。\n三、抓队伍\n内容很多。"),
    "runin-head-period": ("md:**（一）加强组织领导**，各级要高度重视。党委要统一部署。",
                          "md:**（一）加强组织领导。**各级要高度重视。党委要统一部署。"),
    "empty-pair": ("要认真学习《》精神。", "要认真学习《决定》精神。"),
    "dunhao-between-quoted": ("要做到“早发现”、“早处置”，实现“小事不出村”“大事不出镇”。",
                              "要做到“早发现”“早处置”，实现“小事不出村”“大事不出镇”。"),
    "doubled-punct": ("我们要加强领导，，压实责任。", "我们要加强领导，压实责任。"),
    "ellipsis-form": ("养老、托育、助残...各项服务都要跟上。", "养老、托育、助残……各项服务都要跟上。"),
    "dash-form": ("社会工作--这是一项新的事业。", "社会工作——这是一项新的事业。"),
    "quote-nesting": ("他说：“群众叫它“连心桥”。”", "他说：“群众叫它‘连心桥’。”"),
    "space-in-chinese": ("我们要加强 领导，压实责任。", "本报青川3月5日电（记者 王芳） 全市社会工作会议今天召开。"),
    "bracket-stop": ("要落实服务规范（试行。）各项要求。", "要落实服务规范（试行）各项要求。"),
    "invisible-char": ("我们要加强\u200b领导。", "我们要加强领导。"),
    "fullwidth-alnum": ("全区新建站点１２个。", "全区新建站点12个。"),
    "repeated-text": ("我们要进一步进一步加强领导。", "我们要进一步加强领导。"),
    "variant-word": ("要把情况交待清楚。", "要把情况交代清楚。"),
    "misspelt-word": ("全区布署了新一轮服务。", "全区部署了新一轮服务。"),
    "other-word": ("其它工作也要跟上。", "其他工作也要跟上。"),
    "zuochu": ("市委做出决定，成立工作专班。", "市委作出决定，成立工作专班。"),
    "redundant-word": ("这项工作涉及到多个部门。", "这项工作涉及多个部门。"),
    "jiezhi": ("截止目前，全区建成站点12个。", "截至目前，全区建成站点12个。"),
    "bixu": ("我们必需加强领导。", "我们必须加强领导。"),
    "tifa-form": ("要增强“四个意识”、坚定“三个自信”。", "要增强“四个意识”、坚定“四个自信”。"),
    "plenum-name": ("深入学习贯彻党的二十届第三中全会精神。", "深入学习贯彻党的二十届三中全会精神。"),
    "tifa-unquoted": ("我们要深刻领悟两个确立的决定性意义。", "我们要深刻领悟“两个确立”的决定性意义。"),
    "date-format": ("会议于2025年03月06日召开。", "会议于2025年3月6日召开。"),
    "abbreviated-year": ("25年3月，全区召开推进会。", "2025年3月，全区召开推进会。"),
    "hao-for-ri": ("会议于3月6号召开。", "会议于3月6日召开。"),
    "mixed-numerals": ("覆盖率提高百分之五。\n满意度达到96%。", "覆盖率提高5%。\n满意度达到96%。"),
    "range-mark": ("服务覆盖率要提高10%-20%。", "服务覆盖率要提高10%～20%。"),
    "liang-er": ("我们要抓好二项工作。", "我们要抓好两项工作。"),
    "thousands-separator": ("全区服务12,000人次。\n全市服务150000人次。", "全区服务12000人次。\n全市服务150000人次。"),
    "mixed-number": ("全区服务4千人次。", "全区服务4000人次。"),
    "approx-dunhao": ("每个社区配备三、四名社工。", "每个社区配备三四名社工。"),
    "heading-joined": ("一、提高认识，把握服务群众的方向服务群众是每个党组织的基本职责，关系基层治理全局，关系群众切身利益。各级党组织要把这项工作放在心上、抓在手上。"
                       "\n二、抓好服务，提升社会工作的水平\n内容很多。",
                       "一、提高认识，把握服务群众的方向\n服务群众是每个党组织的基本职责，关系基层治理全局，关系群众切身利益。"
                       "\n二、抓好服务，提升社会工作的水平\n内容很多。"),
    "heading-parallel": ("一、抓党建\n内容很多。\n二、抓服务\n内容很多。\n三、抓社区工作者队伍的选拔培养和激励保障各项工作\n内容很多。"
                         "\n四、抓安全\n内容很多。",
                         "一、抓党建\n内容很多。\n二、抓服务\n内容很多。\n三、抓队伍\n内容很多。\n四、抓安全\n内容很多。"),
}

# Rules whose input is not a draft text: the questionnaire checks and the reading time.
ELSEWHERE = {"length-over-limit",     # tests/test_checker_length.py, with a time limit
             "roster-title", "roster-order", "roster-unknown"}    # tests/test_roster.py, with a roster


# Cases that replace the title line (HEAD's first line) rather than add to the body.
TITLE_CASES = {"title-end-punct": ("在全区社会工作会议上的讲话。", "在全区社会工作会议上的讲话")}


# Cases that replace the salutation line and the opening paragraph (HEAD's second line and BODY).
OPENING_CASES = {"salutation-joined": ("同志们：今天召开会议，研究部署社会工作。", "同志们：\n今天召开会议，研究部署社会工作。")}


def _found(lines):
    """The findings on the case; ``md:`` reads it as Markdown (run-in heads in bold)."""
    markdown = lines.startswith("md:")
    return check_draft(draft_from_text(HEAD + BODY + lines[3 * markdown:] + "\n", markdown=markdown))


def test_every_rule_has_a_case_here_or_a_named_home():
    assert {r.id for r in RULES} == set(CASES) | set(TITLE_CASES) | set(OPENING_CASES) | ELSEWHERE
    assert len(RULES) + 4 >= 45            # with the questionnaire, template, control-char, unreadable


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_the_flaw(rule):
    bad, _ = CASES[rule]
    assert rule in {f.rule_id for f in _found(bad)}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_keeps_quiet_on_the_corrected_text(rule):
    _, good = CASES[rule]
    assert [(f.rule_id, f.message) for f in _found(good)] == []


@pytest.mark.parametrize("rule", sorted(TITLE_CASES))
def test_title_rules_fire_and_keep_quiet(rule):
    bad, good = TITLE_CASES[rule]
    for title, fires in ((bad, True), (good, False)):
        found = check_draft(draft_from_text(title + "\n" + HEAD.split("\n", 1)[1] + BODY))
        assert (rule in {f.rule_id for f in found}) is fires
        if not fires:
            assert found == []


@pytest.mark.parametrize("rule", sorted(OPENING_CASES))
def test_opening_rules_fire_and_keep_quiet(rule):
    bad, good = OPENING_CASES[rule]
    for opening, fires in ((bad, True), (good, False)):
        found = check_draft(draft_from_text(HEAD.split("\n", 1)[0] + "\n" + opening + "\n"))
        assert (rule in {f.rule_id for f in found}) is fires
        if not fires:
            assert found == []


def test_every_rule_names_its_source():
    from drafter.checker.run import OWN_RULES
    for r in list(RULES) + OWN_RULES:
        assert r.source, r.id


@pytest.mark.parametrize("rule", sorted(r.id for r in RULES if r.fixable and r.id in CASES))
def test_a_rule_that_says_format_fixes_it_is_fixed_by_format(rule):
    """The report promises "drafter format 可自动修正": format's corrections silence the rule."""
    from drafter.transforms import clean
    bad, _ = CASES[rule]
    markdown = bad.startswith("md:")
    draft = draft_from_text(HEAD + BODY + bad.removeprefix("md:") + "\n", markdown=markdown)
    assert any(f.rule_id == rule for f in check_draft(draft))
    assert not any(f.rule_id == rule for f in check_draft(clean(draft)))


def test_every_fixable_rule_has_a_case_for_the_promise():
    assert {r.id for r in RULES if r.fixable} <= set(CASES)

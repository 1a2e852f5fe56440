"""提法: near misses of a fixed formulation are errors with the right form; right forms never fire."""
import pytest

from drafter.checker import check_draft
from drafter.read.reader import draft_from_text


def tifa(sentence):
    fs = check_draft(draft_from_text("在全区会议上的讲话\n同志们：\n" + sentence + "\n"))
    return [(f.rule_id, f.suggestion) for f in fs if f.rule_id in ("tifa-form", "plenum-name")]


@pytest.mark.parametrize("sentence, right", [
    ("深入学习习近平新时代中国特色会主义思想。", "习近平新时代中国特色社会主义思想"),   # a character missing
    ("以中国式代现化全面推进强国建设。", "中国式现代化"),                                # two swapped
    ("增强“五个意识”。", "四个意识"),                                                    # the number, in quotes
    ("学好习近平总书记关于社会工作的要重论述。", "习近平总书记关于社会工作的重要论述"),
])
def test_near_misses_are_reported_with_the_right_form(sentence, right):
    assert tifa(sentence) == [("tifa-form", right)]


@pytest.mark.parametrize("sentence", [
    "深入学习习近平新时代中国特色社会主义思想，深刻领悟“两个确立”的决定性意义。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "回顾中国现代化进程，践行社会主义核心价值体系。",        # near a formulation, but words of their own
    "会议提出三个明确要求，派出两个代表团。",                 # a number change counts only inside quotes
    "省委十三届五次全会对全年工作作出部署。",                   # a provincial plenum is named so
    "深入学习贯彻党的二十大和二十届三中全会精神。",
])
def test_right_forms_are_never_reported(sentence):
    assert tifa(sentence) == []


@pytest.mark.parametrize("wrong, right", [
    ("党的二十届第三中全会", "二十届三中全会"),
    ("党的二十届三次全会", "二十届三中全会"),
    ("党的二十大三中全会", "二十届三中全会"),
    ("党的第二十大", "党的二十大"),
])
def test_plenum_and_congress_names(wrong, right):
    assert tifa(f"深入学习贯彻{wrong}精神。") == [("plenum-name", right)]


@pytest.mark.parametrize("sentence, found", [
    ("全县召开健全志愿者服务体系工作推进会。", ["“志愿者服务体系”多了一个字，规范用语是“志愿服务体系”"]),
    ("全县健全志愿服务体系。", []),
    ("在党建引领下基层治理取得新成效。", []),          # 下 places, it adds nothing to the term
    ("推进行业协会、商会改革。", []),
    ("新兴领域是党建工作的新阵地。", []),             # 是 makes a clause of the term's words
])
def test_a_long_field_term_with_a_character_added_inside(sentence, found):
    fs = [f for f in check_draft(draft_from_text("全县召开推进会\n" + sentence + "\n")) if f.rule_id == "field-term"]
    assert [f.message.split("：")[0] for f in fs] == found
    assert all(f.severity == "警告" for f in fs)

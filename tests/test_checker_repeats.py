"""Doubled characters and words: slips are errors, reduplicated words are fine."""
import pytest

from drafter.checker import check_draft
from drafter.read.reader import draft_from_text


def repeats(sentence):
    text = "在全区社会工作会议上的讲话\n同志们：\n" + sentence + "\n"
    return [f.message for f in check_draft(draft_from_text(text)) if f.rule_id == "repeated-text"]


@pytest.mark.parametrize("sentence, doubled", [
    ("这是全区社会工作的的重要任务。", "的的"),
    ("我们要进一步进一步压实责任。", "进一步进一步"),
    ("推动推动资源向基层下沉。", "推动推动"),
    ("各部门要不不断完善工作机制。", "不不"),
    ("今年的目标是是实现全覆盖。", "是是"),
    ("做好社会工作社会工作是大家的责任。", "社会工作社会工作"),
])
def test_slips_are_errors(sentence, doubled):
    msgs = repeats(sentence)
    assert len(msgs) == 1 and msgs[0].startswith(f"“{doubled}”重复")


@pytest.mark.parametrize("sentence", [
    "我们常常讲，群众的事要人人关心、天天过问。",
    "层层压实责任，做到事事有回应、处处见成效。",
    "家家户户都参与，年年都有新变化，步步都走得稳。",
    "工作要做得实实在在、扎扎实实，让群众明明白白。",
    "这些成绩的的确确来之不易，我们不能不了了之。",
    "为了了解群众需求，我们开展了大走访。",
    "现在在座的各位都是骨干。",
    "关键是是否真正落实到位。",
    "组织干部学习习近平总书记的有关论述，改进工作作风。",
    "问题要一个一个解决，工作要一步一步推进。",
    "这件事大家要研究研究，再拿出方案。",
    "个个都是行家里手，方方面面都要照顾到。",
])
def test_reduplicated_words_are_fine(sentence):
    assert repeats(sentence) == []

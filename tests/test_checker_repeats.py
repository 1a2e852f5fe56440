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


@pytest.mark.parametrize("sentence", [
    "这场攻坚之战连战连胜，各项指标好于预期。",      # 之战 + 连战连胜: 连 frames words, 连战 is one
    "这支队伍久经作战屡战屡胜。",                    # 屡战屡胜 is in the dictionary
    "各高校一校一策推进改革。",                      # 一 frames a great many words
    "我们坚持构建共建共治共享的治理格局。",          # a frame that goes on with a third member
    "一代代人把接力棒一棒一棒传下去。",              # 一棒一棒 read one character later
])
def test_a_four_character_frame_after_a_word_ending_in_its_second_character(sentence):
    assert repeats(sentence) == []


@pytest.mark.parametrize("sentence", [
    "我们必须统一统一思想，凝聚共识。",              # 统一 is a word: a slip, whatever 一 frames
    "要把体制体制机制改革推向深入。",                # 机 then 制 again is no third member
    "要巩固扩大扩大和深化成果。",                    # a frame never ends in 和
])
def test_doublings_that_only_look_like_a_frame_are_still_slips(sentence):
    assert len(repeats(sentence)) == 1

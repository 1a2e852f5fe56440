"""Dates: Arabic numerals, no zero padding (GB/T 9704-2012 7.3.5.4)."""
import pytest

from drafter.checker import check_draft
from drafter.read.reader import draft_from_text


def dates(sentence):
    text = "在全区社会工作会议上的讲话\n同志们：\n" + sentence + "\n"
    return [f.message for f in check_draft(draft_from_text(text)) if f.rule_id == "date-format"]


def test_zero_padding_is_warned_with_the_right_spelling():
    assert dates("会议于2025年01月06日召开。") == ["日期不补零：“2025年01月06日”应写作“2025年1月6日”"]
    assert dates("截至2024年12月05日，全区完成组建。") == ["日期不补零：“2024年12月05日”应写作“2024年12月5日”"]


@pytest.mark.parametrize("sentence", [
    "（二〇二五年一月六日）",
    "二〇二五年十月十二日",
    "（二○二四年三月一日）",
])
def test_chinese_numeral_dates_of_the_document_are_warned(sentence):
    fs = dates(sentence)
    assert fs and all(m.startswith("日期应使用阿拉伯数字") for m in fs)


@pytest.mark.parametrize("sentence", [
    "会议于2025年1月6日召开，10月20日前完成全部任务。",
    "弘扬五四精神，牢记九一八的历史。",
    "全区2010年以来新建社区105个。",
    "到二〇三五年，全区社会工作体系基本健全。",      # a year in the body, not the 成文日期
    "二○二四年三月一日，新办法开始施行。",
])
def test_correct_dates_pass(sentence):
    assert dates(sentence) == []

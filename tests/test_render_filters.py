"""Generic template filters added for the genres: fill (user-editable frames), date forms, sentence ends."""
import datetime as dt

import pytest

from drafter.api import draft_from_file
from drafter.errors import AnswerError, DrafterError
from drafter.zh.numerals import CnDate
from drafter.genre.questionnaire import MARK_OPEN, Text
from drafter.genre.render import _date, _fill, _sentence
from helpers import write_outline, write_yaml


def _plain(markup) -> str:
    import re
    return re.sub("\ufdd0\\d+\ufdd1", "", str(markup))


def test_fill_puts_answers_into_slots():
    out = _fill(Text("实施{名称}行动，在{方面}上聚力攻坚。", 7), {"名称": Text("强基", 9), "方面": "系统建设"})
    assert _plain(out) == "实施强基行动，在系统建设上聚力攻坚。"


def test_fill_keeps_the_frames_line_first():
    out = str(_fill(Text("实施{名称}行动", 7), {"名称": Text("强基", 9)}))
    assert out.startswith(MARK_OPEN + "7")


def test_fill_accepts_fullwidth_braces_and_keywords():
    assert _plain(_fill(Text("突出抓好｛任务数｝重点任务"), 任务数="三项")) == "突出抓好三项重点任务"


def test_fill_escapes_what_it_puts_in():
    assert "&lt;b&gt;" in str(_fill(Text("甲{乙}"), {"乙": "<b>"}))


def test_fill_unknown_slot_names_the_offered_ones():
    with pytest.raises(AnswerError) as e:
        _fill(Text("实施{地点}行动", 12), {"名称": "强基"})
    assert e.value.where.line == 12 and "{地点}" in e.value.message
    assert "{名称}" in e.value.hint


def test_fill_of_missing_answer_is_empty():
    assert _fill(None, {}) == ""


def test_date_forms():
    d = CnDate(dt.date(2025, 3, 8))
    assert _date(d) == "2025年3月8日"
    assert _date(d, "月日") == "3月8日"
    assert _date(d, "年月") == "2025年3月"
    with pytest.raises(ValueError):
        _date(d, "日月")


def test_sentence_end_can_be_a_question_mark():
    assert _plain(_sentence(Text("未来如何发力"), "？")) == "未来如何发力？"
    assert _plain(_sentence(Text("未来如何发力？"), "？")) == "未来如何发力？"
    assert _plain(_sentence(Text("未来如何发力"))) == "未来如何发力。"


def test_fill_in_a_template_reports_a_chinese_error(tmp_path):
    write_outline(tmp_path, "frame", """
        - {key: frame, label: 句式, type: text, default: "实施{名称}行动"}
        - {key: name, label: 名称, type: text}
    """, "<para>{{ frame|fill({'名称': name}) }}</para>")
    ok = write_yaml(tmp_path / "ok.yaml", {"大纲": "frame", "名称": "强基"})
    assert draft_from_file(ok, [tmp_path]).blocks[0].text == "实施强基行动"
    bad = write_yaml(tmp_path / "bad.yaml", {"大纲": "frame", "名称": "强基",
                                             "句式": "实施{名称}行动，在{方面}上攻坚"})
    with pytest.raises(DrafterError) as e:
        draft_from_file(bad, [tmp_path])
    assert "{方面}" in e.value.format_message()
    assert e.value.format_message().startswith(f"{bad}:3:")   # the questionnaire's file and line

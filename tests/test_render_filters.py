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


def test_a_stop_typed_half_width_ends_the_sentence():
    # no second stop after it (任务.。); the cleaning pass makes it 。 and lists the change
    for typed in ("部署今年任务.", "部署今年任务!", "部署今年任务?"):
        assert _plain(_sentence(Text(typed))) == typed
    assert _plain(_sentence(Text("版本号是 1.5"))) == "版本号是 1.5。"


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


@pytest.mark.parametrize("meeting, turn", [
    ("全市社会工作会议", "下面，我结合全市实际讲几点意见。"),
    ("全县基层治理工作推进会", "下面，我结合全县实际讲几点意见。"),
    ("市委社会工作会议", "下面，我结合实际讲几点意见。"),        # no level named: none is invented
])
def test_the_default_turn_takes_its_level_from_the_meeting(tmp_path, meeting, turn):
    from helpers import filled_questionnaire
    q = filled_questionnaire("leader-speech")
    q["会议名称"] = meeting
    q["开场白"]["转入正题"] = None
    draft = draft_from_file(write_yaml(tmp_path / "q.yaml", q))
    opening = next(b.text for b in draft.blocks if b.kind == "para")
    assert opening.endswith(turn)


def test_no_default_sentence_names_a_level_of_its_own():
    """全市/全区/全县/全省 in a default or a template's own words would be printed into a speech
    of another level: a level comes from the answers (the ``scope`` filter)."""
    import re
    from conftest import ROOT
    level = re.compile("全(?:国|省|市|州|区|县|旗|镇|乡)|[省市区县]委|[省市区县]政府|我[省市区县]")
    found = []
    for path in sorted((ROOT / "outlines").glob("*.yaml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*default:", line) and level.search(line):
                found.append(f"{path.name}:{n}: {line.strip()}")
    for path in sorted((ROOT / "templates").glob("*.j2")):
        text = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.name}: {m.group(0)}" for m in level.finditer(text)]
    assert found == []


def test_scope_names_the_first_level():
    from drafter.genre.render import _scope
    assert _scope("全省民政系统工作会议") == "全省" and _scope("全自治区工作会议") == "全自治区"
    assert _scope("推进会") == "" and _scope(None) == ""

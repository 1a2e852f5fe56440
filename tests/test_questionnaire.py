import pytest

from drafter.errors import AnswerError
from drafter.genre.questionnaire import AnswerErrors, LimitAdvice, read_answers
from helpers import filled_questionnaire, write_yaml


def errors_of(path):
    with pytest.raises(AnswerError) as e:
        read_answers(path)
    return e.value.format_message()


@pytest.fixture
def good():
    return filled_questionnaire("leader-speech")


def test_filled_init_output_validates(tmp_path, good):
    answers = read_answers(write_yaml(tmp_path / "q.yaml", good))
    assert answers.outline.id == "leader-speech"
    assert str(answers.values.date) == "2025年3月18日"
    assert answers.values.opening.turn == "下面，结合全区工作实际，我讲几点意见。"


def test_missing_required_answer_names_field_and_line(tmp_path, good):
    good["会议名称"] = None
    msg = errors_of(write_yaml(tmp_path / "q.yaml", good))
    assert "q.yaml:2:" in msg and "「会议名称」是必填项" in msg


def test_unknown_key_suggests_the_nearest_label(tmp_path, good):
    good["会议名"] = good.pop("会议名称")
    msg = errors_of(write_yaml(tmp_path / "q.yaml", good))
    assert "没有“会议名”这一项" in msg and "您是不是想写“会议名称”" in msg


def advice_of(path):
    """Limits that are advice do not stop the questionnaire: they come back as LimitAdvice warnings."""
    answers = read_answers(path)
    return [w.format_message() for w in answers.warnings if isinstance(w, LimitAdvice)]


def test_list_too_short_and_too_long_is_advice_with_its_line(tmp_path, good):
    achievements = good["第一部分成效"]["主要成效"]
    good["第一部分成效"]["主要成效"] = achievements[:1]
    [msg] = advice_of(write_yaml(tmp_path / "a.yaml", good))
    assert "a.yaml:17:" in msg and "「主要成效」至少需要 2 项，现在有 1 项" in msg
    good["第一部分成效"]["主要成效"] = achievements[:1] * 5
    assert any("「主要成效」最多 4 项，现在有 5 项" in m for m in advice_of(write_yaml(tmp_path / "b.yaml", good)))


def test_heading_longer_than_outline_allows_is_advice(tmp_path, good):
    good["第一部分成效"]["主要成效"][1]["小标题"] = "很长" * 20
    [msg] = advice_of(write_yaml(tmp_path / "q.yaml", good))
    assert "「小标题」（第 2 项中）最多 25 个字，现在有 40 个字" in msg


def test_advice_is_kept_beside_the_errors(tmp_path, good):
    good["第一部分成效"]["主要成效"][1]["小标题"] = "很长" * 20
    good["会议名称"] = None
    with pytest.raises(AnswerErrors) as e:
        read_answers(write_yaml(tmp_path / "q.yaml", good))
    assert [x.message for x in e.value.errors] == ["「会议名称」是必填项，还没有填写"]
    assert ["最多 25 个字" in w.message for w in e.value.warnings] == [True]


def test_wrong_types(tmp_path, good):
    good["讲话日期"] = "下周一"
    good["会议名称"] = ["全区", "会议"]
    msg = errors_of(write_yaml(tmp_path / "q.yaml", good))
    assert "「讲话日期」不是有效的日期" in msg and "「会议名称」应是一行文字" in msg


def test_all_problems_are_reported_together(tmp_path, good):
    good["会议名称"] = None
    good["讲话人"] = None
    assert errors_of(write_yaml(tmp_path / "q.yaml", good)).count("必填项") == 2


def test_missing_outline_key(tmp_path):
    msg = errors_of(write_yaml(tmp_path / "q.yaml", {"会议名称": "全区会议"}))
    assert "没有写明“大纲”" in msg


def test_control_characters_are_removed_with_a_warning(tmp_path, good):
    good["会议名称"] = "全区社会\x07工作会议"
    answers = read_answers(write_yaml(tmp_path / "q.yaml", good))
    assert answers.values.meeting == "全区社会工作会议"
    assert "控制字符" in answers.warnings[0].message


def test_time_limit_and_rate(tmp_path, good):
    good["时长上限"] = 25
    good["语速"] = 220
    answers = read_answers(write_yaml(tmp_path / "q.yaml", good))
    assert (answers.time_limit_min, answers.rate_per_min) == (25.0, 220)
    good["时长上限"] = "半小时"
    assert "“时长上限”应是讲话的分钟数" in errors_of(write_yaml(tmp_path / "b.yaml", good))

"""Length: a draft over its questionnaire's time limit is warned, with how much to cut."""
from drafter.checker import check_draft
from drafter.draft import Draft, block


def _draft(han_chars, limit=None, rate=None):
    body = "社" * han_chars
    return Draft([block("title", "在全区会议上的讲话标题不计入", line=1),
                  block("para", body, line=2)], time_limit_min=limit, rate_per_min=rate)


def over(draft, **kw):
    return [f for f in check_draft(draft, **kw) if f.rule_id == "length-over-limit"]


def test_within_limit_and_without_limit_pass():
    assert over(_draft(2000, limit=10)) == []          # exactly 10 minutes at 200 字/分钟
    assert over(_draft(9000)) == []                    # no limit set


def test_over_limit_is_a_warning_with_the_cut():
    fs = over(_draft(2400, limit=10))
    assert len(fs) == 1 and fs[0].severity == "警告"
    assert "全文约 12.0 分钟" in fs[0].message and "需压缩约 400 字" in fs[0].message


def test_rate_comes_from_the_argument_then_the_questionnaire():
    assert over(_draft(2400, limit=10, rate=250)) == []            # 9.6 minutes at the draft's rate
    assert len(over(_draft(2400, limit=10, rate=250), rate_per_min=200)) == 1

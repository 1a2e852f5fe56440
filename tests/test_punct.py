import pytest

from drafter.zh.punct import as_runin_head, strip_trailing_punct
from drafter.transforms import fix_text as to_fullwidth


@pytest.mark.parametrize("typed, expected", [
    ("我们要做好工作,推动发展!", "我们要做好工作，推动发展！"),
    ("主要有三点:一是学习;二是落实?", "主要有三点：一是学习；二是落实？"),
    ("各县(区)主要负责同志", "各县（区）主要负责同志"),
    ("召开会议(2025年3月)", "召开会议（2025年3月）"),
    ('提出"三个坚持"的要求', "提出“三个坚持”的要求"),
    ("社区 , 街道", "社区，街道"),
])
def test_half_width_marks_beside_chinese_become_full_width(typed, expected):
    assert to_fullwidth(typed) == expected


@pytest.mark.parametrize("kept", ["上午10:30开会，共3,000人", "print(x) and f(a, b)", "hello, world", "5*8"])
def test_marks_between_latin_or_digits_are_kept(kept):
    # Only the marks touching Chinese change; 10:30 and 3,000 stay.
    out = to_fullwidth(kept)
    for token in ("10:30", "3,000", "(a, b)", "hello, world", "5*8"):
        if token in kept:
            assert token in out


def test_headings_lose_trailing_punctuation_and_runin_heads_end_in_juhao():
    assert strip_trailing_punct("加强组织领导。") == "加强组织领导"
    assert strip_trailing_punct("加强组织领导；") == "加强组织领导"
    assert strip_trailing_punct("加强组织领导!") == "加强组织领导"
    assert as_runin_head("优化服务网络") == "优化服务网络。"
    assert as_runin_head("优化服务网络，") == "优化服务网络。"
    assert as_runin_head("优化服务网络。") == "优化服务网络。"

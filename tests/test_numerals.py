import datetime as dt

import pytest

from drafter.zh.numerals import CnDate, cn_count, cn_date, cn_number, heading_number, item_number, parse_date


@pytest.mark.parametrize("n, word", [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"),
                                     (22, "二十二"), (99, "九十九"), (100, "一百"), (105, "一百零五"),
                                     (110, "一百一十"), (123, "一百二十三")])
def test_cn_number(n, word):
    assert cn_number(n) == word


@pytest.mark.parametrize("n, measure, word", [(2, "个", "两个"), (2, "化", "两化"), (3, "项", "三项"),
                                              (5, "大", "五大"), (12, "条", "十二条"), (20, "项", "二十项"),
                                              (1, "条", "一条")])
def test_count_word_uses_liang_only_for_a_lone_two(n, measure, word):
    assert cn_count(n, measure) == word


def test_ordinals_use_er():
    assert item_number(2) == "二是"
    assert heading_number(1, 2) == "二、"
    assert heading_number(2, 2) == "（二）"
    assert heading_number(3, 2) == "2."
    assert heading_number(4, 2) == "（2）"


@pytest.mark.parametrize("raw", ["2025-01-06", "2025/1/6", "2025.1.6", "2025年1月6日", "2025 年 01 月 06 日",
                                 dt.date(2025, 1, 6), dt.datetime(2025, 1, 6, 9, 30)])
def test_dates_parse_and_print_without_zero_padding_7_3_5_4(raw):
    d = parse_date(raw)
    assert d == dt.date(2025, 1, 6)
    assert cn_date(d) == "2025年1月6日"
    assert str(CnDate(d)) == "2025年1月6日"


@pytest.mark.parametrize("raw", ["2025-02-30", "明天", "2025-13-01", 20250106, None])
def test_bad_dates_are_refused(raw):
    assert parse_date(raw) is None

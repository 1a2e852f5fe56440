"""One home for Chinese text (drafter.zh): the CJK test, numerals both ways, the date-line rule,
and the readers, checker, writer and importer asking the same questions of it."""
import re

import pytest

from drafter.draft import SIGNOFF
from drafter.read.reader import draft_from_text
from drafter.zh.cjk import CJK, cjk_count, is_cjk
from drafter.zh.numerals import (COUNTING, ORDINAL, YEAR_DIGITS, DateLine, cn_digits, cn_number, cn_to_int,
                                 date_line, digits_to_int, is_date_line)

SPEECH = "在全区工作会议上的讲话\n同志们：\n今年以来，我们扎实推进各项工作。\n一、抓好三项重点任务\n要坚持问题导向。\n"


@pytest.mark.parametrize("ch", ["中", "一", "㐀", "䶿", "豈", "鿿"])
def test_the_cjk_test_and_the_regex_class_agree_on_ideographs(ch):
    assert is_cjk(ch) and re.fullmatch(f"[{CJK}]", ch)


@pytest.mark.parametrize("ch", ["a", "1", "，", "。", "\u3000", "〇", "ａ", "\U00020000"])
def test_marks_digits_and_latin_are_not_cjk(ch):
    assert not is_cjk(ch) and not re.fullmatch(f"[{CJK}]", ch)


def test_cjk_count_counts_rare_characters_of_names():
    assert cjk_count("㐀同志，Ａ股2025年") == 5


@pytest.mark.parametrize("n", list(range(1, 100)))
def test_counting_numerals_both_ways(n):
    assert cn_to_int(cn_number(n)) == n


@pytest.mark.parametrize("n, word", [(2025, "二〇二五"), (2010, "二〇一〇"), (0, "〇"), (1949, "一九四九")])
def test_digit_by_digit_both_ways(n, word):
    assert cn_digits(n) == word and digits_to_int(word) == n


def test_digit_forms_read_back_with_every_zero():
    assert digits_to_int("二○二五") == digits_to_int("二零二五") == digits_to_int("2025") == 2025
    assert digits_to_int("二〇二五年") is None and digits_to_int("") is None


@pytest.mark.parametrize("s", ["", "零", "一百", "十十", "两十", "二〇"])
def test_cn_to_int_refuses_what_is_not_a_count(s):
    assert cn_to_int(s) is None


def test_pattern_pieces_are_the_numerals():
    assert ORDINAL == "一二三四五六七八九十" and set(COUNTING) == set(ORDINAL + "两")
    assert set(YEAR_DIGITS) == set("〇○零一二三四五六七八九")


@pytest.mark.parametrize("text, want", [
    ("二〇二五年四月八日", DateLine(2025, 4, 8, False)),
    ("（2025年4月8日）", DateLine(2025, 4, 8, True)),
    ("2025年4月8日", DateLine(2025, 4, 8, False)),
    ("（2026年 4月23日）", DateLine(2026, 4, 23, True)),
    ("二○二五年十二月三十一日", DateLine(2025, 12, 31, False)),
    ("2025年4月", DateLine(2025, 4, None, False)),
    ("4月8号", DateLine(None, 4, 8, False)),
    ("\u3000二〇二五年四月八日 ", DateLine(2025, 4, 8, False)),
])
def test_a_line_that_is_only_a_date(text, want):
    assert date_line(text) == want and is_date_line(text)


@pytest.mark.parametrize("text", ["2025年", "4月", "（2025年4月8日", "会议定于十月一日", "2025年4月8日召开",
                                  "二〇二五年四月八日在北京", "第一季度"])
def test_what_is_not_a_date_line(text):
    assert not is_date_line(text)


@pytest.mark.parametrize("date", ["二〇二五年四月八日", "2025年4月8日", "二○二五年四月"])
def test_the_reader_takes_a_date_line_under_a_unit_as_the_signoff_in_any_numerals(date):
    blocks = draft_from_text(SPEECH + "全区社会工作部\n" + date + "\n").blocks
    assert [b.kind for b in blocks[-2:]] == [SIGNOFF, SIGNOFF]


def test_a_bracketed_date_at_the_end_is_no_signoff():
    blocks = draft_from_text(SPEECH + "（2025年4月8日）\n").blocks
    assert blocks[-1].kind != SIGNOFF


def _date_findings(text):
    from drafter.checker import check_draft
    return [f.message for f in check_draft(draft_from_text(text)) if f.rule_id == "date-format"]


def test_the_checker_reports_chinese_numerals_on_a_date_line_only():
    assert _date_findings(SPEECH + "全区社会工作部\n二〇二五年四月八日\n")
    assert _date_findings(SPEECH + "二〇二五年四月\n")
    assert _date_findings(SPEECH + "会议定于十月一日\n") == []     # a sentence, not a date line


def test_import_reads_the_date_of_a_chinese_numeral_date_line():
    from test_import import REPORT, TODAY
    from drafter.importer.run import import_draft
    source = REPORT.replace("（2025年5月20日）", "（二〇二五年五月二十日）")
    assert "（二〇二五年五月二十日）" in source
    assert "汇报日期: 2025-05-20" in import_draft(draft_from_text(source), today=TODAY).text

"""字数 as Word counts it, per part, and the reading time."""
from drafter.draft import Draft, block
from drafter.read.reader import draft_from_text
from drafter.stats import count_words, draft_stats, format_stats, reading_minutes

SPEECH = ("在全区会议上的讲话\n（2025年3月12日）\n同志们：\n今天开会，讲两点意见。\n"
          "一、总结成效\n去年服务群众3.2万人次，满意率达96%。\n二、部署任务\n今年推进5G应用和APP建设。\n谢谢大家！\n")


def test_count_words_like_word():
    # 4 CJK + 1 full-width comma + "2025" + "APP" = 7 words; 4 ideographs
    assert count_words("全区，2025 APP建设") == (7, 4)
    assert count_words("满意率达96%。") == (6, 4)
    assert count_words("“两个确立”") == (6, 4)
    assert count_words("") == (0, 0)


def test_parts_are_front_matter_and_level_one_sections():
    s = draft_stats(draft_from_text(SPEECH))
    assert [p.title for p in s.parts] == ["开头", "一、总结成效", "二、部署任务"]
    # title and byline are not read aloud: 开头 has only 同志们 + 今天开会讲两点意见
    assert s.parts[0].han == 3 + 9
    assert s.parts[1].words == count_words("一、总结成效")[0] + count_words("去年服务群众3.2万人次，满意率达96%。")[0]
    assert s.han == sum(p.han for p in s.parts) and s.words == sum(p.words for p in s.parts)


def test_minutes_rate_and_limit():
    d = Draft([block("para", "社" * 3000)], time_limit_min=12)
    s = draft_stats(d)
    assert s.rate_per_min == 200 and s.minutes == 15 and s.over_min == 3
    assert draft_stats(d, 250).minutes == 12 and draft_stats(d, 250).over_min == 0
    d.rate_per_min = 300
    assert draft_stats(d).minutes == 10
    out = format_stats(s)
    assert "合计" in out and "预计朗读约 15.0 分钟" in out and "超出约 3.0 分钟，需压缩约 600 字" in out


def test_reading_minutes_is_the_stats_minutes():
    # the length rule reads only the time: the same number as draft_stats, without the parts
    for d, rate in [(draft_from_text(SPEECH), None), (draft_from_text(SPEECH), 250),
                    (Draft([block("title", "标题"), block("para", "社" * 3001)], rate_per_min=300), None)]:
        assert reading_minutes(d, rate) == draft_stats(d, rate).minutes


def test_format_lists_every_part():
    out = format_stats(draft_stats(draft_from_text(SPEECH)))
    lines = out.splitlines()
    assert lines[0] == "在全区会议上的讲话"
    assert lines[2].startswith("开头") and lines[3].startswith("一、总结成效") and lines[5].startswith("合计")
    assert "时限" not in out

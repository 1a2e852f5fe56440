"""Length: a speech must fit its slot (the questionnaire's time limit, in minutes)."""
from __future__ import annotations

from typing import Iterator

from drafter.checker.base import WARNING, Context, Finding, Rule

OVER_LIMIT = Rule(
    "length-over-limit", WARNING, "朗读时间超出时限",
    "问卷设定了讲话时限时，按正文汉字数和语速（默认每分钟 200 字，问卷可另设）估算朗读时间，"
    "超出时限即警告，并给出需压缩的大致字数。标题、署名不计入朗读时间。",
    source="问卷中的讲话时限")


def check_length(ctx: Context) -> Iterator[Finding]:
    limit = ctx.draft.time_limit_min
    if not limit:
        return
    from drafter.stats import minutes_over, reading_minutes

    rate = ctx.rate_per_min
    minutes = reading_minutes(ctx.draft, rate)
    over = minutes_over(minutes, limit)
    if over > 0:
        cut = round(over * rate)
        yield ctx.finding(
            OVER_LIMIT, None,
            f"按每分钟 {rate} 字计，全文约 {minutes:.1f} 分钟，"
            f"超出 {limit:g} 分钟的时限约 {over:.1f} 分钟，需压缩约 {cut} 字")


RULES = [(OVER_LIMIT, check_length)]

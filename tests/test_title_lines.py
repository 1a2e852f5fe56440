"""Long titles broken into balanced lines between words (GB/T 9704 7.3.1); the writer's use of it
is in test_docx_writer.py."""
from __future__ import annotations

import math
import random
import subprocess
import sys

import pytest

from conftest import ROOT

from drafter.write.title_lines import balance_title, set_width


@pytest.mark.parametrize("title, lines", [
    ("在全区社会工作会议上的讲话", ["在全区社会工作会议上的讲话"]),
    ("在全区深化社会工作体制改革暨基层治理现代化推进会议上的讲话",
     ["在全区深化社会工作体制改革暨", "基层治理现代化推进会议上的讲话"]),
    ("在2025年全市社会工作暨志愿服务工作会议上的讲话", ["在2025年全市社会工作暨", "志愿服务工作会议上的讲话"]),
    ("关于进一步加强和改进新时代城乡社区治理工作的若干意见", ["关于进一步加强和改进新时代", "城乡社区治理工作的若干意见"]),
    ("已经断行的标题\n第二行", ["已经断行的标题", "第二行"]),
    # a preposition opening a clause stays with what follows it
    ("江川市委社会工作部部长林晓岚：以“123456”总体思路开创社会工作新局面",
     ["江川市委社会工作部部长林晓岚：", "以“123456”总体思路开创社会工作新局面"]),
])
def test_balance_title_7_3_1(title, lines):
    assert balance_title(title, 20).split("\n") == lines


def test_balance_title_never_leaves_one_or_two_characters():
    for n in range(21, 60):
        text = "社会工作" * (n // 4) + "会议讲话"[: n % 4]
        out = balance_title(text, 20).split("\n")
        assert "".join(out) == text and all(3 <= len(x) <= 20 for x in out), out
        assert max(map(len, out)) - min(map(len, out)) <= 4, out     # at most one word apart


def test_set_width_counts_half_width_characters_and_the_space_before_them():
    assert set_width("二〇二五年四月八日") == 9
    assert set_width("2025年4月8日") == 6 + 5 * 0.25      # 2025, 4 and 8 are half width


# --- issue 14, item 7: balancing is fast and finds the same lines ------------------------------------

def exhaustive_breaks(text, count, cap, inside):
    """The search before it was bounded: every split, the cheapest kept (ties: the first)."""
    from drafter.write import title_lines as dw
    n = len(text)
    best = None

    def search(start, left, cuts, acc):
        nonlocal best
        if left == 1:
            widths = [dw._width(text[a:b]) for a, b in zip([0] + cuts, cuts + [n])]
            if max(widths) <= cap and min(widths) >= dw._BREAK["min_line"]:
                total = acc + max(widths) - min(widths)
                if best is None or total < best[0]:
                    best = (total, list(cuts))
            return
        for i in range(start + 1, n):
            if dw._width(text[start:i]) > cap:
                break
            cost = dw._break_cost(text, i, inside)
            if cost is not None and dw._width(text[start:i]) >= dw._BREAK["min_line"]:
                search(i, left - 1, cuts + [i], acc + cost)
    search(0, count, [], 0.0)
    return best


def test_bounded_balancing_finds_exactly_what_the_exhaustive_search_found():
    from drafter.write import title_lines as dw
    rng = random.Random(14)
    pieces = list("关于全面深化社会工作改革推进高质量发展的讲话在全区会议上，、：“”《》（）2025年第3季度AB的和与及以在")
    compared = 0
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(10, 30)))
        cap = rng.choice([8, 10, 12])
        inside = dw._inside_words(text)
        lines = math.ceil(dw._width(text) / cap)
        for count in (lines, lines + 1):
            if count <= 4:
                assert dw._best_breaks(text, count, cap, inside) == exhaustive_breaks(text, count, cap, inside)
                compared += 1
    assert compared > 300


LONG_TITLE = ("关于东湖街道旧楼加装电梯与邻里互助小组培育试点的阶段小结及明年三件实事安排的说明"
              "在区委社会工作部第四次例会暨网格员轮训开班式上的讲话提纲和补充意见")


@pytest.mark.parametrize("chars_per_line", [9, 10, 18, 26])
def test_a_120_character_title_is_balanced_quickly(chars_per_line):
    title = (LONG_TITLE * 2)[:120]
    code = ("import sys; from drafter.write.title_lines import balance_title; "
            f"sys.stdout.write(balance_title({title!r}, {chars_per_line}))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    lines = r.stdout.decode("utf-8").split("\n")
    assert r.returncode == 0 and "".join(lines) == title
    assert len(lines) > 1 and all(len(line) <= chars_per_line for line in lines)

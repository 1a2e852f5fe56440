import html
import re

import pytest

from drafter import draft as d
from drafter.write.text import draft_to_markdown, draft_to_text


def sample():
    return d.Draft([
        d.block(d.TITLE, "在全区会议上的讲话"),
        d.block(d.BYLINE, "（2025年1月6日）"),
        d.block(d.SALUTATION, "同志们："),
        d.Block(d.HEADING, (d.Run("一、总结成效"),), level=1),
        d.Block(d.PARA, (d.head_run("（一）加强领导。", 2), d.Run("正文。"), d.Run("一是抓落实。", d.ITEM), d.Run("内容。"))),
        d.block(d.CLOSING, "谢谢大家！"),
    ])


def test_plain_text_indents_body_with_two_full_width_spaces():
    assert draft_to_text(sample()).splitlines() == [
        "在全区会议上的讲话", "（2025年1月6日）", "同志们：", "\u3000\u3000一、总结成效",
        "\u3000\u3000（一）加强领导。正文。一是抓落实。内容。", "\u3000\u3000谢谢大家！"]


def test_markdown_structure():
    md = draft_to_markdown(sample())
    assert md.startswith("# 在全区会议上的讲话\n\n*（2025年1月6日）*\n\n同志们：\n\n## 一、总结成效\n\n")
    assert "**（一）加强领导。**正文。一是抓落实。内容。" in md


@pytest.mark.parametrize("typed", ["# 不是标题", "1. 不是列表", "- 不是列表", "> 不是引用", "+ 加号", "===", "2) 括号"])
def test_markdown_line_starts_stay_literal(typed):
    from markdown_it import MarkdownIt
    md = draft_to_markdown(d.Draft([d.block(d.PARA, typed)]))
    rendered = MarkdownIt().render(md)
    assert rendered.startswith("<p>"), rendered
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == typed

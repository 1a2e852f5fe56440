"""User text is data: whatever a clerk types comes out literally in every output format."""
import html
import re

import pytest

from drafter.api import draft_from_file, write_draft
from helpers import filled_questionnaire, map_strings, write_yaml

# Each stays clear of the full-width rule (a ; or ( touching Chinese becomes ；（ by design).
TRICKY = ["*", "#", "<b>", "&amp;x", "a&b", "{{ 1+1 }}", "{% if %}", "\\", "_x_", "[a](http://b)c", "`代码`",
          "</para><heading>"]
KEEP = {"大纲", "讲话日期"}


@pytest.fixture(scope="module")
def tricky_draft(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("esc")
    counter = iter(range(10_000))

    def poison(text, path):
        if path[0] in KEEP:
            return text
        n = next(counter)
        return f"甲{TRICKY[n % len(TRICKY)]}乙{n}"
    data = map_strings(filled_questionnaire("leader-speech"), poison)
    q = write_yaml(tmp / "q.yaml", data)
    return tmp, q, draft_from_file(q), next(counter)


def expected_strings(total):
    return [f"甲{TRICKY[n % len(TRICKY)]}乙{n}" for n in range(total)]


def test_every_field_comes_out_literally_in_the_model(tricky_draft):
    _, _, draft, total = tricky_draft
    text = draft.text()
    missing = [s for s in expected_strings(total) if s not in text]
    assert not missing


def test_plain_text(tricky_draft):
    tmp, q, draft, total = tricky_draft
    write_draft(draft, tmp / "out.txt", "txt")
    text = (tmp / "out.txt").read_text(encoding="utf-8")
    assert [s for s in expected_strings(total) if s not in text] == []


def test_markdown_renders_back_to_the_same_text(tricky_draft):
    from markdown_it import MarkdownIt
    tmp, q, draft, total = tricky_draft
    write_draft(draft, tmp / "out.md", "md")
    rendered = MarkdownIt().render((tmp / "out.md").read_text(encoding="utf-8"))
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert [s for s in expected_strings(total) if s not in visible] == []


def test_docx_reads_back_with_the_same_text(tricky_draft):
    import docx
    tmp, q, draft, total = tricky_draft
    write_draft(draft, tmp / "out.docx", "docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp / "out.docx")).paragraphs)
    assert [s for s in expected_strings(total) if s not in text] == []

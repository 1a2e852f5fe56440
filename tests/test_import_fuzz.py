"""Any text a reader can produce imports: the free structure at worst, never a crash, never a
lost paragraph."""
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import render_questionnaire
from drafter.importer.run import import_draft, lost_paragraphs
from drafter.read.reader import draft_from_text
from drafter.transforms import clean

LINES = st.one_of(
    st.text(min_size=1, max_size=20),
    st.sampled_from(["一、", "（一）", "1.", "（1）", "实施", "行动，在", "上聚力攻坚。", "一是", "二是", "同志们：",
                     "谢谢大家！", "在", "上的讲话", "上的汇报发言", "记者", "：", "。", "“", "”", "{名称}", "#", "- ", "|"]),
)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(LINES, min_size=1, max_size=6).map("".join), min_size=1, max_size=12))
def test_any_text_imports_without_losing_a_paragraph(lines):
    source = draft_from_text("\n".join(lines))
    if not source.blocks:
        return
    result = import_draft(source)
    out = render_questionnaire(result.text)
    assert lost_paragraphs(clean(source), out) == []

"""Every example, rendered to .docx and read back, as a sequence of (paragraph style, text) lines.

Regenerate with ``pytest --update-golden`` (or DRAFTER_UPDATE_GOLDEN=1) and read the diff before committing.
"""
from pathlib import Path

import pytest

from conftest import EXAMPLES, GOLDEN, assert_golden
from drafter.api import draft_from_file, write_draft

CASES = sorted(EXAMPLES.glob("*.yaml"))


def docx_lines(path: Path) -> str:
    import docx
    lines = []
    for p in docx.Document(str(path)).paragraphs:
        heads = "".join(f"[{r.style.name}:{r.text}]" for r in p.runs
                        if r.style is not None and r.style.name != "Default Paragraph Font")
        lines.append(f"{p.style.name}\t{p.text}" + (f"\t{heads}" if heads else ""))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("example", CASES, ids=[c.stem for c in CASES])
def test_docx_paragraph_styles_and_text_match_golden(example, tmp_path):
    out = tmp_path / "out.docx"
    write_draft(draft_from_file(example), out, "docx")
    assert_golden(docx_lines(out), GOLDEN / example.stem / "docx.txt")


def test_headings_use_builtin_heading_styles_with_outline_levels(tmp_path):
    import docx
    out = tmp_path / "out.docx"
    write_draft(draft_from_file(EXAMPLES / "leader-speech.yaml"), out, "docx")
    document = docx.Document(str(out))
    by_style = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert all(t[1] == "、" or t[2] == "、" for t in by_style["Heading 1"])
    assert all(t.startswith("（") for t in by_style["Heading 2"])
    for name in ("文稿标题", "署名", "称谓", "文稿正文", "结束语"):
        assert name in by_style, name
    assert by_style["称谓"] == ["同志们："]
    # Word's navigation pane reads w:outlineLvl from the built-in heading styles
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    h1 = document.styles["Heading 1"].element
    assert h1.find(f"{ns}pPr/{ns}outlineLvl").get(f"{ns}val") == "0"

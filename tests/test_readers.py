"""Reading speeches back: .txt and .md by text shape, .docx by drafter's styles or by shape."""
import sys

import pytest

from drafter.checker import check_draft
from drafter.draft import BYLINE, CLOSING, FURNITURE, HEADING, PARA, SALUTATION, SUBTITLE, TITLE
from drafter.errors import InputUnreadable
from drafter.read.reader import draft_from_text, read_draft

SPEECH = """在全区社区治理工作推进会上的讲话
——在年度工作部署会上
（2025年3月12日）
同志们：
今天召开全区社区治理工作推进会，下面，我讲两点意见。

一、回顾工作成效，坚定做好工作的信心
（一）组织体系更加健全。全区87个社区全部建立网格党支部。
（二）服务能力明显提升
全区新建社区综合服务中心23个。
二、聚焦重点任务，推动社区治理提质增效
1.夯实基层组织。一是选优配强班子。二是深化网格管理。
谢谢大家！
"""


def kinds(draft):
    return [(b.line, b.kind, b.level) for b in draft.blocks]


def test_text_shapes():
    d = draft_from_text(SPEECH)
    assert kinds(d) == [(1, TITLE, 0), (2, SUBTITLE, 0), (3, BYLINE, 0), (4, SALUTATION, 0), (5, PARA, 0),
                        (7, HEADING, 1), (8, PARA, 0), (9, HEADING, 2), (10, PARA, 0), (11, HEADING, 1),
                        (12, PARA, 0), (13, CLOSING, 0)]
    runin = d.blocks[6].runs
    assert (runin[0].text, runin[0].level) == ("（一）组织体系更加健全。", 2)
    assert d.blocks[10].runs[0].level == 3


def test_long_numbered_line_is_a_paragraph_not_a_heading():
    d = draft_from_text("标题\n同志们：\n一、今年的工作有三个特点，第一是快，第二是实。群众普遍认可，各方反映良好。\n")
    assert d.blocks[2].kind == PARA


def test_news_headings_without_numbers():
    d = draft_from_text("会议释放新信号\n本报记者 王芳\n3月20日，全省会议召开。\n看现状：开局良好基础仍需夯实\n"
                        "会议认为成绩来之不易。\n")
    assert kinds(d)[1][1] == BYLINE and kinds(d)[3] == (4, HEADING, 1)
    assert d.blocks[3].numbered is False


def test_markdown(tmp_path):
    md = tmp_path / "讲话.md"
    md.write_text("# 在全区会议上的讲话\n\n同志们：\n\n## 一、总结成效\n\n**（一）体系更健全。**去年新建组织12个。\n\n"
                  "以\\*街道为例，- 做法很好。\n\n- 列表项目\n", encoding="utf-8")
    d = read_draft(md)
    assert kinds(d)[:4] == [(1, TITLE, 0), (3, SALUTATION, 0), (5, HEADING, 1), (7, PARA, 0)]
    assert [(r.text, r.level) for r in d.blocks[3].runs] == [("（一）体系更健全。", 2), ("去年新建组织12个。", 0)]
    assert d.blocks[4].text == "以*街道为例，- 做法很好。"
    assert d.blocks[5].text == "列表项目"
    assert any(f.rule_id == "placeholder" and f.line == 9 for f in check_draft(d))


def test_markdown_unnumbered_bold_head_is_one_level_below_its_heading():
    text = ("# 关于社区工作的汇报\n\n**抓住关键环节。**全年走访居民两千户。\n\n## 一、主要做法\n\n"
            "**健全工作网格。**划分网格四十个。\n\n### （一）队伍建设\n\n**配齐专职人员。**每格一人。\n")
    d = draft_from_text(text, markdown=True)
    heads = [(r.text, r.level, r.numbered) for b in d.blocks if b.kind == PARA for r in b.heads()]
    assert heads == [("抓住关键环节。", 1, False), ("健全工作网格。", 2, False), ("配齐专职人员。", 3, False)]


def _styled_docx(path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    doc = docx.Document()
    for name in ("文稿标题", "署名", "称谓", "文稿正文", "结束语"):
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    doc.styles.add_style("文内标题2", WD_STYLE_TYPE.CHARACTER)
    doc.add_paragraph("在全区社区治理工作推进会上的讲话", style="文稿标题")
    doc.add_paragraph("（2025年3月12日）", style="署名")
    doc.add_paragraph("同志们：", style="称谓")
    doc.add_paragraph("今天开会，下面讲两点意见。", style="文稿正文")
    doc.add_paragraph("一、回顾工作成效", style="Heading 1")
    p = doc.add_paragraph(style="文稿正文")
    p.add_run("（一）组织", style="文内标题2")
    p.add_run("体系更加健全。", style="文内标题2")
    p.add_run("全区新建网格党支部87个。")
    doc.add_paragraph("")
    p = doc.add_paragraph(style="文稿正文")
    p.add_run("（三）服务能力明显提升。", style="文内标题2")
    p.add_run("以*街道为例。")
    doc.add_paragraph("二、部署重点任务", style="Heading 1")
    doc.add_paragraph("谢谢大家！", style="结束语")
    doc.save(path)


def test_docx_with_drafter_styles(tmp_path):
    path = tmp_path / "讲话.docx"
    _styled_docx(path)
    d = read_draft(path)
    assert kinds(d) == [(1, TITLE, 0), (2, BYLINE, 0), (3, SALUTATION, 0), (4, PARA, 0), (5, HEADING, 1),
                        (6, PARA, 0), (8, PARA, 0), (9, HEADING, 1), (10, CLOSING, 0)]
    assert [(r.text, r.level) for r in d.blocks[5].runs] == [("（一）组织体系更加健全。", 2),
                                                            ("全区新建网格党支部87个。", 0)]
    found = {(f.line, f.rule_id) for f in check_draft(d)}
    assert found == {(8, "numbering"), (8, "placeholder")}


def test_docx_in_normal_style_by_shape(tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    doc = docx.Document()
    doc.add_paragraph("正文复制")
    doc.add_paragraph("在全区社区治理工作推进会上的讲话").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in SPEECH.splitlines()[3:]:
        doc.add_paragraph(line)
    path = tmp_path / "手写.docx"
    doc.save(path)
    d = read_draft(path)
    assert kinds(d)[:4] == [(1, FURNITURE, 0), (2, TITLE, 0), (3, SALUTATION, 0), (4, PARA, 0)]
    assert (d.blocks[5].runs[0].level, d.blocks[5].line) == (2, 7)
    # the speech puts a lone 1. straight under 二、: the structure rules say so, nothing else does
    assert [f.rule_id for f in check_draft(d)] == ["level-skip", "lone-subheading"]


def test_checking_text_does_not_import_python_docx(tmp_path):
    sys.modules.pop("docx", None)
    t = tmp_path / "a.txt"
    t.write_text(SPEECH, encoding="utf-8")
    check_draft(read_draft(t))
    assert "docx" not in sys.modules


@pytest.mark.parametrize("name, data, words", [
    ("坏.docx", b"not a zip at all", "不是有效的 .docx"),
    ("旧.doc", b"\xd0\xcf\x11\xe0", "LibreOffice"),      # converted only where LibreOffice is installed
    ("表.xlsx", b"PK", "不支持的文件类型"),
    ("没有.txt", None, "文件不存在"),
    ("没有.docx", None, "文件不存在"),
])
def test_unreadable_inputs(tmp_path, monkeypatch, name, data, words):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputUnreadable) as e:
        read_draft(path)
    assert words in e.value.message and e.value.exit_code == 2

"""Nothing dropped by format (issue 22, point 4): a Word draft's inline pictures keep their place,
size and paragraph, its comments stay on their text, its footnotes on their reference; tracked
changes nobody decided stop the command unless --accept-changes takes them, each listed.
LibreOffice reads the results (tests/uno_client.py); the PDF is measured with pdfplumber."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

import docx_fixtures as fx
from helpers import run_capped
from lo_review import inspect


def drafter(*args):
    r = run_capped([str(a) for a in args])
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def picture_in_a_sentence(path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("关于社区服务站建设的汇报")
    p = doc.add_paragraph("站点分布见图")
    p.add_run().add_picture(str(fx._png_file(path)), width=Pt(30), height=Pt(15))
    p.add_run("，各街道要对照落实。")
    doc.add_paragraph("谢谢大家！")
    doc.save(str(path))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    d = tmp_path_factory.mktemp("objects")
    fx.clerk_speech(d / "讲话.docx")
    fx.rich_draft(d / "材料.docx")
    picture_in_a_sentence(d / "汇报.docx")
    out = {"dir": d}
    runs = {
        "clerk": ("format", d / "讲话.docx", "-o", d / "讲话（排版）.docx"),
        "rich": ("format", d / "材料.docx", "--accept-changes", "-o", d / "材料（排版）.docx"),
        "inline": ("format", d / "汇报.docx", "-o", d / "汇报（排版）.docx"),
        "tracked": ("format", d / "讲话.docx", "--track-changes", "-o", d / "讲话（修订）.docx"),
        "pdf": ("format", d / "讲话.docx", "--format", "pdf", "-o", d / "讲话.pdf"),
    }
    for key, args in runs.items():
        code, stdout, stderr = drafter(*args)
        assert code == 0, (key, stderr)
        out[key] = {"stdout": stdout, "stderr": stderr}
    names = ["讲话（排版）.docx", "材料（排版）.docx", "汇报（排版）.docx", "讲话（修订）.docx", "讲话.docx", "材料.docx",
             "汇报.docx"]
    seen = dict(zip(names, inspect([d / n for n in names])))
    out["lo"] = seen
    return out


def test_pictures_keep_their_size_and_their_paragraph(made):
    lo = made["lo"]
    for typeset, source in (("讲话（排版）.docx", "讲话.docx"), ("材料（排版）.docx", "材料.docx"),
                            ("汇报（排版）.docx", "汇报.docx")):
        assert lo[typeset]["images"] == lo[source]["images"] and lo[typeset]["images"], typeset
    # a picture on its own line stays a paragraph of its own, between the same two paragraphs
    text = lo["讲话（排版）.docx"]["text"]
    at = text.index("")
    assert text[at - 1].startswith("在202x年") and text[at + 1].startswith("上图是服务站的分布")
    # a picture inside a sentence stays inside it
    assert lo["汇报（排版）.docx"]["images"][0]["paragraph"] == "站点分布见图，各街道要对照落实。"
    assert "图片" not in made["inline"]["stderr"] and "图片" not in made["clerk"]["stderr"]


def test_comments_stay_on_their_text_with_their_author(made):
    lo = made["lo"]
    assert lo["讲话（排版）.docx"]["comments"] == lo["讲话.docx"]["comments"] == [
        {"author": "王科长", "content": "月底前是否来得及？", "anchor": "各街道要在月底前报送进展。"}]
    assert lo["材料（排版）.docx"]["comments"] == lo["材料.docx"]["comments"]
    assert "批注" not in made["clerk"]["stderr"]


def test_footnotes_stay_at_their_reference(made):
    lo = made["lo"]
    assert lo["材料（排版）.docx"]["footnotes"] == lo["材料.docx"]["footnotes"] == [" 数据来自市民政局统计。"]
    assert not any(t.startswith("注1：") for t in lo["材料（排版）.docx"]["text"])
    assert "脚注" not in made["rich"]["stderr"]


def test_tracked_changes_stop_format_unless_accepted_and_then_each_is_listed(made, tmp_path):
    d = made["dir"]
    for args in (("format", d / "材料.docx", "-o", tmp_path / "x.docx"),
                 ("format", d / "材料.docx", "--format", "txt", "-o", tmp_path / "x.txt"),
                 ("format", d / "材料.docx", "--track-changes", "-o", tmp_path / "y.docx")):
        code, out, err = drafter(*args)
        assert code == 2 and "有 2 处修订" in err and "--accept-changes" in err and "接受" in err, args
    assert list(tmp_path.iterdir()) == []
    said = made["rich"]["stderr"]
    assert "按接受处理的修订：第5段：删除“十”" in said and "按接受处理的修订：第5段：插入“十二”" in said
    assert "今年新建十二个食堂。" in made["lo"]["材料（排版）.docx"]["text"]


def test_track_changes_carries_them_too(made):
    lo = made["lo"]["讲话（修订）.docx"]
    assert lo["images"] == made["lo"]["讲话.docx"]["images"]
    assert [c["author"] for c in lo["comments"]] == ["王科长"]
    assert lo["accepted"] == made["lo"]["讲话（排版）.docx"]["text"]


def test_pictures_are_printed_at_their_paragraph(made):
    import pdfplumber
    with pdfplumber.open(str(made["dir"] / "讲话.pdf")) as pdf:
        pictures = [(page.page_number, img) for page in pdf.pages for img in page.images]
        assert len(pictures) == 1
        number, img = pictures[0]
        page = pdf.pages[number - 1]
        lines = page.extract_text_lines()
        above = next(line for line in lines if "完成任务" in line["text"])
        below = next(line for line in lines if line["text"].startswith("上图是"))
        assert above["bottom"] <= img["top"] < img["bottom"] <= below["top"]
        assert abs((img["x1"] - img["x0"]) - 40) < 1 and abs((img["bottom"] - img["top"]) - 40) < 1   # 40 pt


def test_a_text_output_names_what_it_cannot_carry(made, tmp_path):
    code, out, err = drafter("format", made["dir"] / "讲话.docx", "-o", tmp_path / "讲话.txt")
    assert code == 0 and "有一张图片" in err and "有批注" in err
    assert re.search(r"第\d+段：有一张图片", err)

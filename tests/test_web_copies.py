"""One reading of the page for copies a clerk brings in: a 提纲 page before the speech, a 范文
site's own words, lines the site glued together, three-line news headlines, credits with their
conventional spaces, 致辞 and 贺信 titles. The drafts in tests/web_cases/ are written by us, in
the shapes such copies take; every command reads them the same way (format, import, check, stats).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter import draft as d
from drafter.read.reader import read_draft
from drafter.read.web import furniture_line, furniture_spans, split_glued
from drafter.typeset import format_file

CASES = Path(__file__).resolve().parent / "web_cases"
ALL = sorted(CASES.glob("*.txt"))


def kinds(path: Path):
    return [(b.kind, b.level, b.text) for b in format_file(path).draft.blocks]


def _docx_copy(src: Path, tmp_path: Path) -> Path:
    import docx
    doc = docx.Document()
    for line in src.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    out = tmp_path / (src.stem + ".docx")
    doc.save(str(out))
    return out


# -- the site's own words ------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "正文复制", "复制全文 | 下载文档 | 收藏", "收藏《在全区志愿服务工作推进会上的讲话》", "下载《某某讲话》.docx",
    "发布时间：2025-04-08 字数：2865 浏览：312", "字数：3562", "时间：2024-03-05  来源：某某范文网  阅读：88",
    "上一篇：在全区文明创建工作会议上的讲话", "相关范文：", "（未完，全文共2865字，余下内容请下载后阅读）",
    "第2页 / 共5页", "本文由范文网整理发布，仅供参考。", "温馨提示：下载后可编辑，会员免费下载"])
def test_a_sites_line_is_its_own(line):
    assert furniture_line(line)


@pytest.mark.parametrize("line", [
    "来源：湖南日报", "作者：周明", "（2025年3月18日）", "谢谢大家！", "收藏品市场持续活跃，交易额同比增长一成。",
    "下一步，我们将继续抓好落实。", "时间紧、任务重，大家要抓紧。", "复制推广的经验有三条：", "一、充分肯定成绩",
    "（此处略去具体名单）"])
def test_the_speechs_own_lines_are_not_the_sites(line):
    assert not furniture_line(line) and furniture_spans(line) == []


def test_a_notice_inside_a_paragraph_is_a_span():
    text = "各街道打造了一批服务项目。……（范文网省略615字）……"
    [(a, b)] = furniture_spans(text)
    assert text[a:b] == "……（范文网省略615字）……"


def test_format_leaves_the_sites_words_out_lists_each_and_keep_text_keeps_them(tmp_path, drafter_cli):
    src = CASES / "范文网讲话.txt"
    r = drafter_cli("format", src, "--dry-run")
    listed = [line for line in r.output.splitlines() if "[略去网页上的附加文字]" in line]
    assert [int(line.split(":")[1]) for line in listed] == [1, 2, 3, 6, 8, 9, 10]
    out = tmp_path / "排好.txt"
    assert drafter_cli("format", src, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    for gone in ("正文复制", "收藏《", "字数：", "省略615字", "全文共", "上一篇", "下一篇"):
        assert gone not in text, gone
    kept = tmp_path / "原样.txt"
    assert drafter_cli("format", src, "--keep-text", "-o", kept).exit_code == 0
    assert _bare(kept.read_text(encoding="utf-8")) == _bare(src.read_text(encoding="utf-8"))


def test_check_names_the_sites_words_and_stats_does_not_count_them(drafter_cli):
    src = CASES / "范文网讲话.txt"
    r = drafter_cli("check", src)
    assert r.output.count("[web-furniture]") == 7
    draft = read_draft(src)
    from drafter.stats import draft_stats
    assert draft_stats(draft).words == draft_stats(format_file(src).draft).words


# -- lines glued together ----------------------------------------------------------------------
def test_title_salutation_and_first_sentence_on_one_line_are_split():
    got = kinds(CASES / "范文网讲话.txt")
    assert got[:3] == [("title", 0, "在全区志愿服务工作推进会上的讲话"), ("salutation", 0, "同志们："),
                       ("para", 0, "今天召开这次会议，主要是总结去年的志愿服务工作，部署今年的重点任务。")]
    assert ("heading", 1, "一、充分肯定成绩") in got


@pytest.mark.parametrize("line, pieces", [
    ("在第三届社区邻里节开幕式上的致辞 区委副书记 王建平 （2025年5月10日） 尊敬的各位来宾： 大家上午好！今天开幕。",
     ["在第三届社区邻里节开幕式上的致辞", "区委副书记 王建平", "（2025年5月10日）", "尊敬的各位来宾：", "大家上午好！今天开幕。"]),
    ("一、提升思想认识 社会工作关乎群众的切身利益，必须抓紧抓好。", ["一、提升思想认识", "社会工作关乎群众的切身利益，必须抓紧抓好。"]),
    ("见附件1 名词解释", ["见附件1 名词解释"]),                       # a space inside a line stays a line
    ("推出 “党员责任田” 工作机制，取得成效。", ["推出 “党员责任田” 工作机制，取得成效。"]),
    ("坚持党的领导 服务工作大局", ["坚持党的领导 服务工作大局"]),
])
def test_glued_lines_split_where_a_part_visibly_starts(line, pieces):
    assert split_glued(line, first=True) == pieces


def test_a_signed_article_joined_with_spaces_gets_its_parts_back():
    got = kinds(CASES / "署名文章连成一段.txt")
    assert got[:3] == [("title", 0, "让志愿服务成为城市温度的刻度"), ("byline", 0, "县委社会工作部部长 周明"),
                       ("para", 0, "志愿服务是社会文明进步的重要标志。近年来，我们坚持把志愿服务融入基层治理。")]
    assert [t for k, _, t in got if k == "heading"] == ["一、建好服务阵地", "二、壮大服务队伍"]


def test_the_dry_run_says_which_lines_it_split(drafter_cli):
    r = drafter_cli("format", CASES / "署名文章连成一段.txt", "--dry-run")
    assert "第 1 行连在一起的8段已分开" in r.output


# -- the 提纲 page ---------------------------------------------------------------------------------
def test_an_outline_page_is_its_own_kind_and_the_speech_keeps_its_numbers(tmp_path, drafter_cli):
    got = kinds(CASES / "提纲讲话.txt")
    page = [(k, lv) for k, lv, _ in got[:8]]
    assert page == [("outline-title", 0), ("outline", 1), ("outline", 2), ("outline", 2), ("outline", 1),
                    ("outline", 2), ("outline", 2), ("outline", 1)]
    assert got[8][:2] == ("title", 0) and got[9][0] == "salutation"
    assert [t for k, _, t in got if k == "heading"] == ["一、认清形势", "二、突出重点", "三、压实责任"]
    r = drafter_cli("format", CASES / "提纲讲话.txt", "--dry-run")
    assert "[提纲页标题] 【提纲】" in r.output and "[提纲1] 一、认清形势" in r.output
    out = tmp_path / "排好.docx"
    assert drafter_cli("format", CASES / "提纲讲话.txt", "-o", out).exit_code == 0
    import docx
    paragraphs = docx.Document(str(out)).paragraphs
    assert [p.style.name for p in paragraphs[:3]] == ["提纲页标题", "提纲页 1", "提纲页 2"]
    title = paragraphs[8]
    assert title.style.name == "文稿标题" and title._p.find(".//w:pageBreakBefore", title._p.nsmap) is not None


def test_import_leaves_the_outline_page_out_and_render_can_set_it_again(tmp_path, drafter_cli):
    q = tmp_path / "问卷.yaml"
    r = drafter_cli("import", CASES / "提纲讲话.txt", "-o", q)
    assert r.exit_code == 0 and "提纲页（8 行）没有导入问卷" in r.output
    out = tmp_path / "今年.txt"
    assert drafter_cli("render", q, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "【提纲】" not in text and "十七、" not in text and "四、" not in text
    paged = tmp_path / "带提纲.txt"
    assert drafter_cli("render", q, "--outline-page", "-o", paged).exit_code == 0
    lines = paged.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "提纲" and lines[1] == "一、认清形势"
    again = read_draft(paged)
    assert [b.kind for b in again.blocks[:2]] == [d.OUTLINE_TITLE, d.OUTLINE]


# -- headlines, credits, titles of other genres ------------------------------------------------------
def test_a_three_part_news_headline(tmp_path):
    got = kinds(CASES / "新闻三行标题.txt")
    assert got[:3] == [("kicker", 0, "县委书记在全县志愿服务表彰大会上强调"), ("title", 0, "弘扬志愿精神凝聚奋进力量"),
                       ("subtitle", 0, "县长出席")]
    from drafter.write.docx import write_docx
    out = tmp_path / "新闻.docx"
    write_docx(format_file(CASES / "新闻三行标题.txt").draft, out)
    assert [(b.kind, b.text) for b in read_draft(out).blocks[:3]] == [(k, t) for k, _, t in got[:3]]


def test_a_reporters_credit_keeps_its_spaces():
    para = next(t for k, _, t in kinds(CASES / "新闻三行标题.txt") if k == "para")
    assert para.startswith("本报讯（记者 林晓岚 通讯员 周明）3月5日")


@pytest.mark.parametrize("name, title", [("致辞贺信.txt", "在第三届社区邻里节开幕式上的致辞"), ("贺信.txt", "贺信")])
def test_titles_of_a_greeting_and_a_letter(name, title):
    got = kinds(CASES / name)
    assert got[0] == ("title", 0, title)
    assert all(k != "title" for k, _, _ in got[1:])


# -- every character, on every draft here, as text and as a .docx ----------------------------------
def _bare(text: str) -> str:
    """The text without layout: line breaks and the spaces a split or an indent leaves."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_every_character_is_kept_or_listed(path, fmt, tmp_path, drafter_cli):
    src = path if fmt == "txt" else _docx_copy(path, tmp_path)
    r = drafter_cli("format", src, "--format", "json")
    report = json.loads(r.output)
    text = _bare(path.read_text(encoding="utf-8"))
    for c in report["corrections"]:
        assert _bare(c["before"]) in text, c
        text = text.replace(_bare(c["before"]), _bare(c["after"]), 1)
    assert _bare("".join(b["text"] for b in report["blocks"])) == text

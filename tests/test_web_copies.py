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
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import draft as d
from drafter.read.reader import read_draft
from drafter.read.web import furniture_line, furniture_spans, split_glued
from drafter.typeset import format_file
from drafter.zh.punct import PAIRS

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


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_check_reports_a_notice_inside_a_paragraph_once_and_nothing_else_on_it(fmt, tmp_path, drafter_cli):
    # the notices' half-width marks and dots are the site's: only [web-furniture] speaks of them;
    # the draft's own stray space after a notice is still found, at its place in the line
    line = "各街道打造了一批服务项目。......(范文网省略615字)......各街道要抓好 落实。"
    src = tmp_path / "讲话.txt"
    src.write_text("在全区志愿服务工作推进会上的讲话\n同志们：\n" + line
                   + "\n一是健全服务网络。(未完,全文共2865字,余下内容请下载后阅读)\n", encoding="utf-8")
    if fmt == "docx":
        src = _docx_copy(src, tmp_path)
    r = drafter_cli("check", "--format", "json", src)
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(r.output)["files"][0]["findings"]]
    assert sorted(found, key=str) == sorted([("web-furniture", 3, None), ("web-furniture", 4, None),
                                             ("space-in-chinese", 3, line.index(" 落实") + 1)], key=str)
    # the span a Word comment is anchored on (drafter review) is in the paragraph as written
    from drafter.checker import check_draft
    draft = read_draft(src)
    f = next(x for x in check_draft(draft) if x.rule_id == "space-in-chinese")
    assert draft.blocks[f.block].text[f.span[0] - 1:f.span[1] + 2] == "好 落实"


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


# A news lead with its dateline and bracketed credit; a long line, as a site serves it.
_LEAD = "4月8日下午，全县社区工作者培训班在县委党校开班，一百二十名社区书记和骨干参加培训，学习基层治理的新方法。"


@pytest.mark.parametrize("line, pieces", [
    # a credit's spaces are no breaks: the lead is one paragraph, dateline, credit and all
    ("城东网4月8日讯（本网记者 陈思远 实习生 刘晓雨）" + _LEAD, ["城东网4月8日讯（本网记者 陈思远 实习生 刘晓雨）" + _LEAD]),
    ("本报讯 （记者 吴清河） " + _LEAD, ["本报讯 （记者 吴清河） " + _LEAD]),
    ("本报讯 （融媒体记者 吴清河 通讯员 林一帆 摄影 马骁） " + _LEAD,
     ["本报讯 （融媒体记者 吴清河 通讯员 林一帆 摄影 马骁） " + _LEAD]),
    ("本报讯 记者 吴清河 " + _LEAD, ["本报讯 记者 吴清河 " + _LEAD]),      # a dateline is no title
    ("（记者 吴清河 摄） " + _LEAD, ["（记者 吴清河 摄） " + _LEAD]),
    # a headline run into its lead comes off it; the credit stays in the lead
    ("社区工作者培训班开班 （记者 吴清河 通讯员 林一帆） " + _LEAD,
     ["社区工作者培训班开班", "（记者 吴清河 通讯员 林一帆） " + _LEAD]),
    ("暖心驿站 温暖骑手 城东网4月8日讯（本网记者 陈思远）" + _LEAD,
     ["暖心驿站 温暖骑手", "城东网4月8日讯（本网记者 陈思远）" + _LEAD]),
    # no cut inside a quotation or brackets, at a sentence end or before a number
    ("他说：“服务群众没有休息日。 只要群众需要，我们随时都在。”大家深受鼓舞。",
     ["他说：“服务群众没有休息日。 只要群众需要，我们随时都在。”大家深受鼓舞。"]),
    ("会议明确三项任务（一、建好阵地 二、带好队伍 三、管好经费），要求各地抓好落实。",
     ["会议明确三项任务（一、建好阵地 二、带好队伍 三、管好经费），要求各地抓好落实。"]),
    ("请阅读《致全体志愿者的一封信。 附：报名表》后填写。", ["请阅读《致全体志愿者的一封信。 附：报名表》后填写。"]),
    ("活动取得了实效。 （记者 吴清河 摄）", ["活动取得了实效。 （记者 吴清河 摄）"]),
    # outside the pairs the same line still splits
    ("他说：“要办实事。”大家深受鼓舞。 会上还表彰了先进。", ["他说：“要办实事。”大家深受鼓舞。", "会上还表彰了先进。"]),
    ("一、关于“邻里 守望”行动 我们在全区推开了这项行动，效果很明显。",
     ["一、关于“邻里 守望”行动", "我们在全区推开了这项行动，效果很明显。"]),
])
def test_no_cut_inside_a_pair_and_a_credit_stays_in_its_lead(line, pieces):
    assert split_glued(line, first=True) == pieces
    assert split_glued(line, first=False) == (pieces if not pieces[0].startswith(("社区", "暖心")) else [line])


def _balanced(text: str) -> bool:
    stack = []
    for ch in text:
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif ch in PAIRS.values():
            if not stack or stack.pop() != ch:
                return False
    return not stack


_WORDS = st.sampled_from(["在全县志愿服务工作会议上的讲话", "同志们：", "本报讯", "城东网4月8日讯", "记者", "吴清河", "实习生",
                          " ", "　", "。 ", "！ ", "，", "一、", "二、", "（一）", "1.", "推进社区治理", "服务群众没有休息日",
                          "大家深受鼓舞", "县委社会工作部部长", "周明"])
_PAIR = st.sampled_from(sorted(PAIRS.items()))
# balanced by construction: words, and words wrapped in a pair of marks, nested
_BALANCED = st.lists(st.recursive(_WORDS, lambda inner: st.tuples(_PAIR, st.lists(inner, min_size=1, max_size=6)).map(
    lambda t: t[0][0] + "".join(t[1]) + t[0][1]), max_leaves=16), min_size=1, max_size=12).map("".join)


@settings(max_examples=100, deadline=None)
@given(_BALANCED, st.booleans())
def test_no_piece_of_a_balanced_line_holds_half_a_pair(line, first):
    assert _balanced(line)
    pieces = split_glued(line, first=first)
    assert all(_balanced(p) for p in pieces), pieces


def test_a_news_lead_with_its_credit_is_one_paragraph_and_check_finds_no_half_brackets(tmp_path, drafter_cli):
    src = CASES / "新闻导语署名.txt"
    for path in (src, _docx_copy(src, tmp_path)):
        got = [(b.kind, b.text) for b in read_draft(path).blocks]
        assert got[0] == ("title", "城东区首个新就业群体服务站启用")
        assert [k for k, _ in got[1:]] == ["para"] * 3
        assert got[1][1].startswith("城东网6月18日讯（本网记者 陈思远 实习生 刘晓雨）6月18日上午") and got[1][1].endswith("的地方。")
        assert got[2][1].startswith("“以前跑单") and "歇一会儿。 现在" in got[2][1]
        assert got[3][1].startswith("服务站明确了三项任务（一、建好阵地 二、") and got[3][1].endswith("。 （记者 吴清河 摄）")
        r = drafter_cli("check", path)
        assert "[unbalanced-pair]" not in r.output and "错误" not in r.output.split("共检查")[0]
        assert "陈思远" not in r.output and "吴清河" not in r.output      # the credits' spaces are the convention


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

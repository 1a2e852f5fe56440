"""The block-kind table (drafter.draft.BLOCK_KINDS): its rows agree with one another, and a new
kind is a row, a profile entry and a template that uses it — nothing else.

The second half proves it the way a developer would add a kind: a copy of the package gets two
rows and their profile styles, a template writes them, and the commands, run as processes from
that copy, render them to .docx, .txt and .md, read each back, show them in the dry run and
leave them out of the counts.
"""
from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import docx as python_docx
import pytest

import drafter
from conftest import ROOT
from drafter import draft as d
from drafter.profile.load import load_profile
from drafter.profile.model import STYLE_KEYS
from helpers import run_capped, write_outline, write_yaml


def test_rows_are_distinct_where_they_must_be():
    rows = d.BLOCK_KINDS
    styles = [s for k in rows for s in k.styles()]
    assert len({k.kind for k in rows}) == len(rows)
    assert len({k.label for k in rows}) == len(rows)          # a message never leaves two kinds alike
    assert len({k.tag for k in rows if k.tag}) == len([k for k in rows if k.tag])
    assert len({key for _, key, _, _ in styles}) == len(styles)
    assert len({sid for _, _, sid, _ in styles}) == len(styles)
    assert len({name for _, _, _, name in styles}) == len(styles)
    marks = [k.text_mark(level) for k in rows if k.marked for level, _, _, _ in k.styles()]
    assert len(set(marks)) == len(marks)
    assert all(k.part in (d.FRONT, d.BODY, d.END) for k in rows)


def test_every_row_has_its_styles_in_every_builtin_profile():
    assert STYLE_KEYS == tuple(key for k in d.BLOCK_KINDS for _, key, _, _ in k.styles())
    for name in ("gbt9704", "podium"):
        assert set(load_profile(name).styles) == set(STYLE_KEYS), name


# -- a new kind, end to end ------------------------------------------------------------------
# A cover sheet (封面: one a page, not counted) and a 提纲 entry in two levels (a heading tree
# that is never numbered into the speech, nor counted). (桌签 is a kind of drafter's own now.)
NEW_ROWS = '''\
    BlockKind("cover", "封面", "cover", "封面", "DrafterCover", "cover", own_page=True, spoken=False, counted=False,
              numbered=False, proofread=False, indent=False, nested=False),
    BlockKind("toc", "提纲", "toc", "提纲 {n}", "DrafterToc{n}", "toc{n}", levels=2, spoken=False, counted=False,
              numbered=False, proofread=False, indent=False, nested=False),
'''
NEW_STYLES = '''\
  cover:                    # 封面
    font: 方正小标宋简体
    size_pt: 22
    align: center
    strength: 实务
  toc1:                     # 提纲 一级
    font: 黑体
    size_pt: 16
    strength: 实务
  toc2:                     # 提纲 二级
    font: 楷体_GB2312
    size_pt: 16
    first_indent_chars: 2
    strength: 实务
'''
TEMPLATE = '''\
<title>在{{ meeting }}上的讲话</title>
<toc level="1"><head level="1">认清形势</head></toc>
<toc level="2">看清成绩</toc>
<salutation>同志们：</salutation>
<heading level="1">认清形势</heading>
<para>今年以来，全区社会工作稳步推进，志愿服务队伍不断壮大。</para>
<cover>林晓岚</cover>
'''
EXPECTED = [("title", 0, "在全区社会工作会议上的讲话"), ("toc", 1, "认清形势"), ("toc", 2, "看清成绩"),
            ("salutation", 0, "同志们："), ("heading", 1, "一、认清形势"),
            ("para", 0, "今年以来，全区社会工作稳步推进，志愿服务队伍不断壮大。"), ("cover", 0, "林晓岚")]
# The files a new kind touches, as the README's development section names them.
TOUCHED = ("drafter/draft.py", "drafter/profiles/gbt9704.yaml")


def _add_rows(source: str) -> str:
    """draft.py with NEW_ROWS at the end of the BLOCK_KINDS tuple."""
    table = next(n for n in ast.parse(source).body if isinstance(n, ast.Assign)
                 and any(getattr(t, "id", "") == "BLOCK_KINDS" for t in n.targets))
    lines = source.splitlines(keepends=True)
    at = sum(len(line) for line in lines[:table.value.end_lineno - 1]) + table.value.end_col_offset - 1
    assert source[at] == ")"
    return source[:at] + NEW_ROWS + source[at:]


@pytest.fixture(scope="module")
def with_new_kinds(tmp_path_factory):
    """A copy of the package with the rows and their profile styles, and an outline using them."""
    tmp = tmp_path_factory.mktemp("newkind")
    package = tmp / "pkg" / "drafter"
    shutil.copytree(Path(drafter.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    table, profile = (package.parent / path for path in TOUCHED)
    table.write_text(_add_rows(table.read_text(encoding="utf-8")), encoding="utf-8")
    text = profile.read_text(encoding="utf-8")
    assert text.count("\nstyles:\n") == 1
    profile.write_text(text.replace("\nstyles:\n", "\nstyles:\n" + NEW_STYLES), encoding="utf-8")
    write_outline(tmp / "大纲", "new-kinds", "- {key: meeting, label: 会议名称, type: text}", TEMPLATE)
    write_yaml(tmp / "讲话.yaml", {"大纲": "new-kinds", "会议名称": "全区社会工作会议"})
    env = {"PYTHONPATH": str(package.parent), "DRAFTER_CACHE_DIR": str(tmp / "cache")}

    def run(*args):
        # From tmp: `python -m` puts the working folder first on sys.path.
        r = run_capped(["--outlines", tmp / "大纲", *args], cwd=tmp, timeout_s=120, env=env)
        assert r.returncode == 0, (args, r.stdout.decode(), r.stderr.decode())
        return r.stdout.decode("utf-8")

    for fmt in ("docx", "txt", "md"):
        run("render", tmp / "讲话.yaml", "-o", tmp / f"讲话.{fmt}")
    return tmp, run


@pytest.mark.parametrize("fmt", ["docx", "txt", "md"])
def test_a_new_kind_renders_and_reads_back(with_new_kinds, fmt):
    tmp, run = with_new_kinds
    report = json.loads(run("format", tmp / f"讲话.{fmt}", "--format", "json"))
    assert [(b["kind"], b["level"], b["text"]) for b in report["blocks"]] == EXPECTED
    dry = run("format", tmp / f"讲话.{fmt}", "--dry-run")
    for label in ("[提纲1] 认清形势", "[提纲2] 看清成绩", "[封面] 林晓岚", "[一级标题] 一、认清形势"):
        assert label in dry, dry


def test_a_new_kind_has_its_own_style_mark_and_div(with_new_kinds):
    tmp, _ = with_new_kinds
    document = python_docx.Document(str(tmp / "讲话.docx"))
    assert [p.style.name for p in document.paragraphs] == [
        "文稿标题", "提纲 1", "提纲 2", "称谓", "Heading 1", "文稿正文", "封面"]
    card = document.styles["封面"].element
    assert card.find(".//w:pageBreakBefore", card.nsmap) is not None       # own_page
    assert document.styles["提纲 1"].element.find(".//w:outlineLvl", card.nsmap) is None   # not the outline
    assert document.styles["封面"].font.size.pt == 22
    txt = (tmp / "讲话.txt").read_text(encoding="utf-8").splitlines()
    assert txt[1:3] == ["【提纲1】认清形势", "【提纲2】看清成绩"] and txt[-1] == "【封面】林晓岚"
    md = (tmp / "讲话.md").read_text(encoding="utf-8")
    assert '::: {custom-style="提纲 2"}\n看清成绩\n:::' in md and '::: {custom-style="封面"}\n林晓岚\n:::' in md


def test_a_new_kind_is_left_out_of_the_counts_when_its_row_says_so(with_new_kinds):
    from drafter.stats import count_words
    tmp, run = with_new_kinds
    out = run("stats", tmp / "讲话.txt")
    counted = sum(count_words(text)[0] for kind, _, text in EXPECTED if kind not in ("cover", "toc"))
    total = next(line for line in out.splitlines() if line.startswith("合计"))
    assert int(total.split()[1]) == counted, out


def test_the_readme_names_the_files_a_new_kind_touches():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### 新增一种段落"):]
    section = section[:section.index("\n#", 1)]
    named = re.findall(r"`(drafter/[^`]+)`", section)
    assert set(TOUCHED) <= set(named) and len(set(named)) <= 3, named


# -- what the stages do with a kind they have no special rule for ----------------------------
def test_a_kind_marked_in_the_source_is_never_taken_for_the_signoff(monkeypatch):
    from drafter.read import classify
    from drafter.read.source import SourcePara
    paras = [SourcePara(1, [d.Run("在全区社会工作会议上的讲话")]), SourcePara(2, [d.Run("同志们：")]),
             SourcePara(3, [d.Run("今年以来，全区社会工作稳步推进。")]),
             SourcePara(4, [d.Run("区委社会工作部")], "cover"), SourcePara(5, [d.Run("2025年4月8日")], "cover")]
    assert [b.kind for b in classify.classify(paras)][-2:] == [d.SIGNOFF, d.SIGNOFF]   # a kind told by shape
    monkeypatch.setattr(classify, "_MARKED_KINDS", classify._MARKED_KINDS | {"cover"})
    assert [b.kind for b in classify.classify(paras)][-2:] == ["cover", "cover"]


def test_the_importer_names_a_block_it_has_no_place_for():
    from drafter.importer.blocks import map_free
    draft = d.Draft([d.block(d.TITLE, "在全区社会工作会议上的讲话", line=1), d.block(d.PARA, "今年以来，工作稳步推进。", line=2),
                     d.block("card", "林晓岚", line=3), d.Block(d.TABLE, (), line=4, cells=(("甲", "乙"),))])
    notes = map_free(draft).notes
    assert any("第 3 行" in n and "无法写进问卷" in n for n in notes), notes
    assert "原稿第 4 行的表格无法写进问卷，请在生成的文稿中另行补上。" in notes

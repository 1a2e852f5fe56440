"""drafter format: any draft typeset through the one pipeline, nothing lost, every change listed.

The drafts: the project's own hand-made ones (tests/format_cases/, written by us), the three
seed texts and the published corpus (read from ../shared/, never copied), and every example
rendered by drafter itself.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import List

import pytest

from drafter import draft as d
from drafter.typeset import default_output, format_draft, format_file
from drafter.read.reader import read_draft
from drafter.transforms import Correction

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "format_cases"
SHARED = ROOT.parent / "shared"


def _shared(sub: str, pattern: str) -> List[Path]:
    folder = SHARED / sub
    if not folder.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{folder} is missing: CI has shared/ beside the checkout", pytrace=False)
        return []
    return sorted(folder.glob(pattern))


SEEDS = _shared("seeds", "*.txt")
CORPUS_TXT = _shared("corpus", "*.txt")
CORPUS_DOCX = _shared("corpus/docx", "*.docx")
CORPUS2_TXT = _shared("corpus2", "[0-9]*.txt")
CORPUS2_DOCX = _shared("corpus2/docx", "*.docx")
OWN = sorted(CASES.glob("*.txt")) + sorted(CASES.glob("*.md"))
TEXT_DRAFTS = OWN + SEEDS + CORPUS_TXT
ALL_DRAFTS = TEXT_DRAFTS + CORPUS_DOCX


def _id(p: Path) -> str:
    return p.name


def shape(draft: d.Draft):
    """What a reader of the page sees: kinds, levels and the text and role of every run."""
    return [(b.kind, b.level, b.cells, tuple((r.text, r.role, r.level if r.is_head else 0) for r in b.runs))
            for b in draft.blocks]


def source_text(path: Path) -> str:
    """The visible text of a .txt source, read independently of drafter: every line, stripped."""
    return "".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines())


def docx_text(path: Path) -> str:
    """The text of a written .docx as python-docx sees it (paragraphs, then nothing else)."""
    import docx
    return "".join(p.text for p in docx.Document(str(path)).paragraphs).replace("\n", "")


def replay(text: str, corrections: List[Correction]) -> str:
    """The source with each listed correction applied, in order, where its quoted text stands."""
    for c in corrections:
        assert c.before in text, (c, "a listed correction does not quote the text it changed")
        text = text.replace(c.before, c.after, 1)
    return text


# -- nothing lost, every change listed ----------------------------------------------------------
@pytest.mark.parametrize("path", [p for p in TEXT_DRAFTS + CORPUS2_TXT if p.suffix == ".txt"], ids=_id)
def test_every_character_reaches_the_docx_except_the_listed_corrections(path, tmp_path):
    from drafter.write.docx import write_docx
    result = format_file(path)
    out = tmp_path / "out.docx"
    write_docx(result.draft, out)
    assert docx_text(out) == replay(source_text(path), result.corrections)


@pytest.mark.parametrize("path", CORPUS_DOCX + CORPUS2_DOCX, ids=_id)
def test_every_character_of_a_docx_reaches_the_output_except_the_listed_corrections(path, tmp_path):
    """As above, for the shared .docx files; white space aside (in a .docx, indents and the space
    Word puts after an automatic number are layout)."""
    from drafter.write.docx import write_docx
    result = format_file(path)
    out = tmp_path / "out.docx"
    write_docx(result.draft, out)
    text = _bare(docx_text(path))
    for c in result.corrections:
        assert _bare(c.before) in text, c
        text = text.replace(_bare(c.before), _bare(c.after), 1)
    assert _bare(docx_text(out)) == text


def _bare(text: str) -> str:
    import re
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", [p for p in TEXT_DRAFTS + CORPUS2_TXT if p.suffix == ".txt"], ids=_id)
def test_keep_text_changes_no_character(path, tmp_path):
    from drafter.write.docx import write_docx
    result = format_file(path, keep_text=True)
    assert result.corrections == []
    out = tmp_path / "out.docx"
    write_docx(result.draft, out)
    assert docx_text(out) == source_text(path)


@pytest.mark.parametrize("path", ALL_DRAFTS, ids=_id)
def test_format_is_idempotent(path):
    once = format_file(path).draft
    twice = format_draft(once)
    assert twice.corrections == []
    assert shape(twice.draft) == shape(once)


@pytest.mark.parametrize("path", ALL_DRAFTS, ids=_id)
def test_formatted_output_read_back_is_the_formatted_draft(path, tmp_path):
    """format(format(x)) == format(x) through the file: write the .docx, read it, format it again."""
    from drafter.write.docx import write_docx
    once = format_file(path).draft
    out = tmp_path / "once.docx"
    write_docx(once, out)
    again = format_file(out)
    assert again.corrections == []
    assert shape(again.draft) == shape(once)


# -- the corrections ------------------------------------------------------------------------------
def _corrected(text: str, tmp_path: Path) -> str:
    src = tmp_path / "稿.txt"
    src.write_text("在测试会议上的讲话\n同志们：\n" + text + "\n", encoding="utf-8")
    return format_file(src).draft.blocks[-1].text


@pytest.mark.parametrize("typed, expected", [
    ("我们要做好工作,推动发展!", "我们要做好工作，推动发展！"),
    ("主要有三点:学习;落实?", "主要有三点：学习；落实？"),
    ("各县(区)主要负责同志到会。", "各县（区）主要负责同志到会。"),
    ('提出"三个坚持"的要求。', "提出“三个坚持”的要求。"),
    ("他说:'这是好事'。", "他说：‘这是好事’。"),
    ("服务送到家门口...群众满意。", "服务送到家门口……群众满意。"),
    ("服务送到家门口。。。群众满意。", "服务送到家门口……群众满意。"),
    ("服务送到家门口…群众满意。", "服务送到家门口……群众满意。"),
    ("有的同志说--这是变化。", "有的同志说——这是变化。"),
    ("有的同志说—这是变化。", "有的同志说——这是变化。"),
    ("全区 各 街道都要落实。", "全区各街道都要落实。"),
    ("请于2025年01月06日前报送。", "请于2025年1月6日前报送。"),
    ("会议于2025年03月召开。", "会议于2025年3月召开。"),
])
def test_mechanical_corrections(typed, expected, tmp_path):
    assert _corrected(typed, tmp_path) == expected


@pytest.mark.parametrize("kept", [
    "共服务1,000余人次，上午10:30开放。",
    "详见 https://example.org/a?b=1&c=2 上的通报。",
    "用 Word 或 WPS 打开，文件名为 a-b--c.docx。",
    "2021—2025年规划已经印发。",
    "全区新建服务站 12 个。",
    "数值在1...9之间。",
])
def test_numbers_latin_text_and_urls_stay(kept, tmp_path):
    assert _corrected(kept, tmp_path) == kept


def test_each_correction_has_its_line_and_the_text_before_and_after():
    result = format_file(CASES / "hand_speech.txt")
    by_rule = {c.rule for c in result.corrections}
    assert by_rule == {"space", "halfwidth", "quotes", "ellipsis", "dash", "date", "heading-end", "runin-end"}
    date = next(c for c in result.corrections if c.rule == "date" and c.line == 3)
    assert (date.before, date.after) == ("（2025年03月18日）", "（2025年3月18日）")
    end = next(c for c in result.corrections if c.rule == "heading-end")
    assert end.line == 6 and end.before.endswith("信心。") and end.after.endswith("信心")
    runin = next(c for c in result.corrections if c.rule == "runin-end")
    assert runin.line == 10 and runin.after.endswith("壮大。")


# -- recognition ----------------------------------------------------------------------------------
def tree(draft: d.Draft):
    out = []
    for b in draft.blocks:
        heads = [("item" if r.is_item else f"h{r.level}" + ("" if r.numbered else "-")) for r in b.heads()]
        out.append((b.kind, b.level, heads))
    return out


def test_hand_made_speech_structure():
    draft = format_file(CASES / "hand_speech.txt").draft
    kinds = [(b.kind, b.level) for b in draft.blocks]
    assert kinds == [(d.TITLE, 0), (d.BYLINE, 0), (d.SALUTATION, 0), (d.PARA, 0), (d.HEADING, 1), (d.PARA, 0),
                     (d.HEADING, 2), (d.PARA, 0), (d.PARA, 0), (d.HEADING, 1), (d.PARA, 0), (d.PARA, 0),
                     (d.CLOSING, 0), (d.CLOSING, 0), (d.SIGNOFF, 0), (d.SIGNOFF, 0)]
    assert draft.title == "在二〇二五年全区社区服务工作推进会上的讲话"      # two lines joined
    assert [r.text for r in draft.blocks[10].heads()] == ["一是完善服务设施。", "二是壮大志愿队伍。", "三是提升服务质量。"]


def test_hand_made_markdown_report():
    draft = format_file(CASES / "hand_report.md").draft
    assert tree(draft) == [(d.TITLE, 0, []), (d.BYLINE, 0, []), (d.SALUTATION, 0, []), (d.PARA, 0, []),
                           (d.HEADING, 1, []), (d.PARA, 0, ["h2", "item", "item"]), (d.PARA, 0, ["h2"]),
                           (d.HEADING, 1, []), (d.PARA, 0, []), (d.CLOSING, 0, [])]


@pytest.mark.parametrize("indent", ["    ", "\u3000\u3000", "\u2003\u2003", "\t", "\u00a0\u2002"])
def test_indented_headings_are_recognised(indent, tmp_path):
    src = tmp_path / "稿.txt"
    src.write_text(f"在测试会议上的讲话\n同志们：\n{indent}开场的话说在前面。\n{indent}一、第一部分\n"
                   f"{indent}正文写在这里。\n{indent}（一）第一小节\n{indent}1．第一条要求\n{indent}（1）第一个细项\n",
                   encoding="utf-8")
    heads = [(b.level, b.text) for b in format_file(src).draft.blocks if b.kind == d.HEADING]
    assert heads == [(1, "一、第一部分"), (2, "（一）第一小节"), (3, "1．第一条要求"), (4, "（1）第一个细项")]


def test_seed_report_has_eight_unnumbered_action_heads():
    seed = next((p for p in SEEDS if p.name.startswith("000")), None)
    if seed is None:
        pytest.skip("shared/seeds is not beside this checkout")
    draft = format_file(seed).draft
    actions = [r for b in draft.blocks for r in b.heads() if r.is_head and r.level == 1 and not r.numbered]
    assert len(actions) == 8 and all(r.text.startswith("实施") and r.text.endswith("。") for r in actions)
    assert draft.blocks[0].kind == d.TITLE and draft.blocks[1].kind == d.SALUTATION


def test_seed_news_opens_with_the_reporter_line_and_has_two_section_heads():
    seed = next((p for p in SEEDS if p.name.startswith("004")), None)
    if seed is None:
        pytest.skip("shared/seeds is not beside this checkout")
    draft = format_file(seed).draft
    assert draft.blocks[0].kind == d.BYLINE
    heads = [b for b in draft.blocks if b.kind == d.HEADING]
    assert len(heads) == 2 and all(not b.numbered and "：" in b.text for b in heads)


def test_seed_speech_title_below_the_sites_button():
    seed = next((p for p in SEEDS if p.name.startswith("002")), None)
    if seed is None:
        pytest.skip("shared/seeds is not beside this checkout")
    result = format_file(seed)
    draft = result.draft
    assert [b.kind for b in draft.blocks[:2]] == [d.TITLE, d.SALUTATION]    # 正文复制 is the site's: left out
    assert [(c.line, c.rule, c.before) for c in result.corrections[:1]] == [(1, "web-furniture", "正文复制")]
    assert draft.title.endswith("讲话")
    levels = [b.level for b in draft.blocks if b.kind == d.HEADING]
    assert levels and levels[0] == 1


# -- consistent with render ---------------------------------------------------------------------
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
@pytest.mark.parametrize("fmt", ["docx", "txt", "md"])
def test_format_of_rendered_output_changes_nothing(example, fmt, tmp_path):
    """format(render(q)) has the blocks of render(q), through each writer and its reader."""
    from drafter.api import draft_from_file, write_draft
    rendered = draft_from_file(example)
    out = tmp_path / f"r.{fmt}"
    write_draft(rendered, out, fmt)
    back = read_draft(out)
    expected = plain_text_view(rendered) if fmt == "txt" else rendered
    assert shape(back) == shape(expected)
    result = format_draft(back)
    assert result.corrections == []
    assert shape(result.draft) == shape(expected)


def plain_text_view(draft: d.Draft) -> d.Draft:
    """What plain text can carry: an unnumbered run-in head is prose there (only the 实施……行动
    frame of a report is told by its wording), so it joins the text that follows it."""
    blocks = []
    for b in draft.blocks:
        runs: List[d.Run] = []
        for r in b.runs:
            flat = r.is_head and not r.numbered and not (r.level == 1 and r.text.startswith("实施"))
            r = d.Run(r.text) if flat else r
            if runs and r.role is d.TEXT and runs[-1].role is d.TEXT:
                runs[-1] = d.Run(runs[-1].text + r.text)
            else:
                runs.append(r)
        blocks.append(b.with_runs(runs))
    return d.Draft(blocks=blocks)


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_format_of_rendered_docx_keeps_every_paragraph_style(example, tmp_path):
    import docx
    from drafter.api import draft_from_file, write_draft
    first, second = tmp_path / "render.docx", tmp_path / "format.docx"
    write_draft(draft_from_file(example), first, "docx")
    write_draft(format_file(first).draft, second, "docx")

    def styled(path):
        return [(p.style.name, p.text, tuple((r.style.name if r.style is not None else "", r.text) for r in p.runs))
                for p in docx.Document(str(path)).paragraphs]
    assert styled(second) == styled(first)


@pytest.mark.parametrize("path", ALL_DRAFTS, ids=_id)
def test_every_heading_is_a_word_heading_paragraph(path, tmp_path):
    import docx
    from drafter.write.docx import write_docx
    result = format_file(path)
    out = tmp_path / "out.docx"
    write_docx(result.draft, out)
    paragraphs = [p for p in docx.Document(str(out)).paragraphs]
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [(f"Heading {b.level}", b.text) for b in result.draft.blocks if b.kind == d.HEADING]


# -- the command -------------------------------------------------------------------------------
def test_cli_writes_beside_the_input_never_over_it(drafter_cli, tmp_path):
    src = tmp_path / "手稿.txt"
    src.write_text((CASES / "hand_speech.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = src.read_bytes()
    r = drafter_cli("format", str(src))
    assert r.exit_code == 0, r.output
    made = tmp_path / "手稿（排版）.docx"
    assert made.is_file() and src.read_bytes() == before
    assert "已生成" in r.output and "改正 28 处" in r.output
    assert drafter_cli("format", str(src)).exit_code == 0       # its own output, unchanged: replaced
    made.write_bytes(made.read_bytes() + b"\0")                 # a clerk changed it since
    again = drafter_cli("format", str(src))
    assert again.exit_code == 1 and "--force" in again.output
    assert drafter_cli("format", str(src), "--force").exit_code == 0
    assert default_output(src, "pdf") == tmp_path / "手稿（排版）.pdf"


def test_cli_refuses_to_write_over_its_input(drafter_cli, tmp_path):
    src = tmp_path / "稿.txt"
    src.write_text("在测试会议上的讲话\n同志们：\n正文。\n", encoding="utf-8")
    r = drafter_cli("format", str(src), "-o", str(src), "--format", "txt", "--force")
    assert r.exit_code != 0 and "输入文件相同" in r.output
    assert src.read_text(encoding="utf-8") == "在测试会议上的讲话\n同志们：\n正文。\n"


def test_dry_run_prints_the_tree_and_the_corrections_and_writes_nothing(drafter_cli, tmp_path):
    src = tmp_path / "稿.txt"
    src.write_text((CASES / "hand_speech.txt").read_text(encoding="utf-8"), encoding="utf-8")
    r = drafter_cli("format", str(src), "--dry-run")
    assert r.exit_code == 0, r.output
    assert "[标题] 在二〇二五年全区社区服务工作推进会上的讲话" in r.output
    assert "[二级标题（文内）] （二）志愿队伍不断壮大。" in r.output
    assert "[落款] 区委社会工作部" in r.output
    assert "将做的改正：28 处" in r.output and "“（2025年03月18日）” → “（2025年3月18日）”" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["稿.txt"]


def test_json_report_for_tools(drafter_cli, tmp_path):
    src = tmp_path / "稿.txt"
    src.write_text((CASES / "hand_speech.txt").read_text(encoding="utf-8"), encoding="utf-8")
    r = drafter_cli("format", str(src), "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["blocks"][0] == {"kind": "title", "level": 0, "line": 1, "text": "在二〇二五年全区社区服务工作推进会上的讲话"}
    assert len(data["corrections"]) == 28
    assert set(data["corrections"][0]) == {"line", "rule", "name", "before", "after"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["稿.txt"]


@pytest.mark.parametrize("fmt", ["docx", "txt", "md"])
def test_formats_and_podium_profile(drafter_cli, tmp_path, fmt):
    out = tmp_path / f"排好.{fmt}"
    r = drafter_cli("format", str(CASES / "hand_speech.txt"), "-o", str(out), "--profile", "podium")
    assert r.exit_code == 0, r.output
    assert shape(read_draft(out)) == shape(format_file(CASES / "hand_speech.txt").draft)


def test_podium_copy_uses_the_large_type(drafter_cli, tmp_path):
    import docx
    out = tmp_path / "念稿.docx"
    assert drafter_cli("format", str(CASES / "hand_speech.txt"), "-o", str(out), "--profile", "podium").exit_code == 0
    body = next(s for s in docx.Document(str(out)).styles if s.name == "文稿正文")
    assert body.font.size.pt == 22


def test_reference_docx_gives_the_units_page_setup(drafter_cli, tmp_path):
    import docx
    from docx.shared import Mm
    ref = tmp_path / "本单位模板.docx"
    template = docx.Document()
    template.sections[0].left_margin = Mm(30)
    template.save(str(ref))
    before = ref.read_bytes()
    out = tmp_path / "排好.docx"
    r = drafter_cli("format", str(CASES / "hand_speech.txt"), "-o", str(out), "--reference-docx", str(ref))
    assert r.exit_code == 0, r.output
    assert round(docx.Document(str(out)).sections[0].left_margin.mm) == 30
    assert ref.read_bytes() == before


def test_a_folder_of_drafts(drafter_cli, tmp_path):
    folder = tmp_path / "手稿"
    folder.mkdir()
    for p in OWN:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "说明.pdf").write_bytes(b"%PDF-1.4")          # not a draft: not taken
    (folder / "坏的.docx").write_bytes(b"not a zip at all")
    out = tmp_path / "排好的"
    r = drafter_cli("format", str(folder) + "/", "-o", str(out) + "/")
    assert r.exit_code == 1, r.output                       # the broken one fails, alone
    assert "共 3 份：成功 2 份，失败 1 份" in r.output and "坏的.docx" in r.output
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".docx" for p in OWN)


@pytest.mark.parametrize("name, content, message", [
    ("空.txt", b"", "没有可识别的文字"),
    ("空白.txt", "   \n\u3000\n\n".encode("utf-8"), "没有可识别的文字"),
    ("假.docx", b"PK\x03\x04 but not really a zip", ".docx"),
    ("文本.docx", "在会议上的讲话".encode("utf-8"), ".docx"),
    ("表.xlsx", b"PK", "不支持的文件类型"),
])
def test_bad_input_is_one_chinese_message_and_no_file(drafter_cli, tmp_path, name, content, message):
    src = tmp_path / name
    src.write_bytes(content)
    r = drafter_cli("format", str(src))
    assert r.exit_code != 0 and message in r.output and "Traceback" not in r.output, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_folder_large_enough_for_the_worker_pool_and_to_pdf(drafter_cli, tmp_path):
    """Six drafts go through the pool like render's batch; to PDF, in one LibreOffice start."""
    from conftest_pdf import require_soffice
    from drafter.write.pdf import pdf_problem
    folder = tmp_path / "手稿"
    folder.mkdir()
    text = (CASES / "hand_speech.txt").read_text(encoding="utf-8")
    for k in range(6):
        (folder / f"稿{k}.txt").write_text(text.replace("12 个", f"{12 + k} 个"), encoding="utf-8")
    out = tmp_path / "排好的"
    r = drafter_cli("format", str(folder), "-o", str(out) + "/", "-j", "2")
    assert r.exit_code == 0 and "共 6 份：成功 6 份" in r.output, r.output
    for k in range(6):
        assert f"{12 + k} 个" in docx_text(out / f"稿{k}.docx")
    require_soffice()
    pdfs = tmp_path / "PDF"
    r = drafter_cli("format", str(folder), "-o", str(pdfs) + "/", "--format", "pdf")
    assert r.exit_code == 0 and "共 6 份：成功 6 份" in r.output, r.output
    assert sorted(p.name for p in pdfs.iterdir()) == [f"稿{k}.pdf" for k in range(6)]
    assert all(pdf_problem(p) is None for p in pdfs.iterdir())


def test_missing_file(drafter_cli, tmp_path):
    r = drafter_cli("format", str(tmp_path / "没有.docx"))
    assert r.exit_code == 2 and "文件不存在" in r.output


def test_a_doc_file_is_converted_through_libreoffice(drafter_cli, tmp_path):
    """A .doc made by LibreOffice from our own .docx formats like the .docx itself."""
    from conftest_pdf import require_soffice
    soffice = require_soffice()
    import subprocess
    from drafter.write.docx import write_docx
    from drafter.fonts import fontconfig_env
    base = tmp_path / "旧稿.docx"
    write_docx(format_file(CASES / "hand_speech.txt").draft, base)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "doc"), str(base)], check=True, capture_output=True,
                   env=fontconfig_env(), timeout=180)
    doc = tmp_path / "doc" / "旧稿.doc"
    assert doc.is_file()
    draft = read_draft(doc, "format")
    assert draft.title == "在二〇二五年全区社区服务工作推进会上的讲话"
    assert [b.text for b in draft.blocks if b.kind == d.HEADING][:2] == ["一、回顾成效，增强做好工作的信心",
                                                                        "（一）服务网络更加完善"]


def test_a_doc_without_libreoffice_says_how_to_save_as_docx(drafter_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    src = tmp_path / "旧稿.wps"
    src.write_bytes(b"\xd0\xcf\x11\xe0 old binary")
    r = drafter_cli("format", str(src))
    assert r.exit_code == 2 and "另存为" in r.output and ".docx" in r.output

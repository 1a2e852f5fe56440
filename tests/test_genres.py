"""The four genres beyond leader-speech: each example renders, passes the checker, matches its golden
structure, and keeps the facts the genre is built on (counts derived from the data, never typed).

Regenerate the golden files with ``pytest --update-golden`` (or DRAFTER_UPDATE_GOLDEN=1) and read the
diff before committing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from drafter import draft as d
from drafter.api import draft_from_file, write_draft
from drafter.zh.numerals import cn_count
from conftest import assert_golden
from helpers import write_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
GENRES = ("report-actions", "speech-priorities", "signed-article", "meeting-news")
ALL = ("leader-speech",) + GENRES
HAN = re.compile(r"[\u4e00-\u9fff]")


def draft_of(genre: str) -> d.Draft:
    return draft_from_file(EXAMPLES / f"{genre}.yaml")


def answers_of(genre: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{genre}.yaml").read_text(encoding="utf-8"))


def structure(draft: d.Draft) -> str:
    """One line per block: kind[level] (headings) or kind, a tab, the text; run-in heads after a second tab."""
    lines = []
    for b in draft.blocks:
        kind = f"{b.kind}[{b.level}]" if b.kind == d.HEADING else b.kind
        heads = "".join(f"[{'item' if r.is_item else 'h' + str(r.level)}:{r.text}]" for r in b.heads())
        lines.append(f"{kind}\t{b.text}" + (f"\t{heads}" if heads else ""))
    return "\n".join(lines) + "\n"


def runin(b: d.Block, level: int):
    """The run-in head of that level opening a paragraph, or None."""
    first = b.runs[0] if b.runs else None
    return first.text if first is not None and first.is_head and first.level == level else None


# -- every genre ------------------------------------------------------------------------------

def test_drafter_list_shows_all_five(drafter_cli):
    result = drafter_cli("list")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.output.splitlines() if line.strip()]
    for genre in ALL:
        assert genre in ids


@pytest.mark.parametrize("genre", GENRES)
def test_structure_matches_golden(genre):
    assert_golden(structure(draft_of(genre)), GOLDEN / genre / "expected.txt")


@pytest.mark.parametrize("genre", GENRES)
def test_example_passes_the_checker(genre):
    from drafter.checker import check_draft
    findings = check_draft(draft_of(genre))
    assert [f"{f.severity} {f.rule_id} {f.line}: {f.message}" for f in findings] == []


@pytest.mark.parametrize("genre", GENRES)
def test_example_passes_drafter_check(genre, drafter_cli):
    result = drafter_cli("check", EXAMPLES / f"{genre}.yaml")
    assert result.exit_code == 0, result.output
    assert "错误 0 个，警告 0 个" in result.output


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
@pytest.mark.parametrize("genre", GENRES)
def test_example_renders_through_every_writer(genre, fmt, tmp_path, drafter_cli):
    out = tmp_path / f"out.{fmt}"
    result = drafter_cli("render", EXAMPLES / f"{genre}.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if fmt == "txt":
        text = out.read_text(encoding="utf-8")
        assert draft_of(genre).title in text.replace("\n", "")


@pytest.mark.parametrize("genre", GENRES)
def test_example_renders_to_pdf_when_libreoffice_is_there(genre, tmp_path):
    from drafter.soffice import find_soffice
    if find_soffice() is None:
        pytest.skip("没有 LibreOffice，跳过 PDF")
    out = tmp_path / "out.pdf"
    write_draft(draft_of(genre), out, "pdf")
    assert out.read_bytes()[:4] == b"%PDF"


@pytest.mark.parametrize("genre,low,high", [("report-actions", 2000, 4000), ("speech-priorities", 2000, 4000),
                                            ("signed-article", 1500, 3000), ("meeting-news", 1500, 3000)])
def test_example_length(genre, low, high):
    n = len(HAN.findall(draft_of(genre).text()))
    assert low <= n <= high


@pytest.mark.parametrize("genre", GENRES)
def test_init_examples_render(genre, tmp_path, drafter_cli):
    q = tmp_path / "q.yaml"
    assert drafter_cli("init", genre, "--examples", "-o", q).exit_code == 0
    result = drafter_cli("render", q, "-o", tmp_path / "q.txt")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("genre", GENRES)
def test_no_leftover_frame_slots_or_halfwidth_marks(genre):
    text = draft_of(genre).text()
    assert not re.search(r"[{}｛｝]", text)
    assert not re.search(rf"{HAN.pattern}[,:;!?()]|[,:;!?()]{HAN.pattern}", text)


# -- report-actions -----------------------------------------------------------------------------

def _action_paras(draft):
    return [b for b in draft.blocks if b.kind == d.PARA and runin(b, 1)]


def test_report_announces_as_many_actions_as_it_lists():
    draft = draft_of("report-actions")
    actions = _action_paras(draft)
    opening = next(b for b in draft.blocks if b.kind == d.PARA)
    assert f"实施{cn_count(len(actions), '大')}行动" in opening.text
    assert len(actions) == len(answers_of("report-actions")["行动"])
    assert "汇报如下：" in opening.text


def test_report_shape():
    draft = draft_of("report-actions")
    assert draft.title.startswith("在") and draft.title.endswith("上的汇报发言")
    # 称谓：向上级汇报的固定写法
    assert [b.text for b in draft.blocks if b.kind == d.SALUTATION] == ["尊敬的各位领导，同志们："]
    assert draft.blocks[-1].kind == d.CLOSING and draft.blocks[-1].text == "谢谢大家！"
    assert any(b.text.startswith("总之，") for b in draft.blocks if b.kind == d.PARA)
    for b, a in zip(_action_paras(draft), answers_of("report-actions")["行动"]):
        assert runin(b, 1) == f"实施{a['名称']}行动，在{a['方面']}上聚力攻坚。"
        items = [r.text for r in b.heads() if r.is_item]
        assert [t[:2] for t in items] == [f"{'一二三四五'[i]}是" for i in range(len(items))]
        assert len(items) == len(a["具体举措"])


def test_report_count_follows_the_data_and_the_frame_is_the_users(tmp_path):
    data = answers_of("report-actions")
    data["行动"] = data["行动"][:2]
    data["行动量词"] = "项"
    data["行动句式"] = "实施{名称}行动，着力{方面}。"
    draft = draft_from_file(write_yaml(tmp_path / "q.yaml", data))
    opening = next(b for b in draft.blocks if b.kind == d.PARA)
    assert "实施两项行动" in opening.text
    assert runin(_action_paras(draft)[0], 1) == "实施铸魂赋能行动，着力筑牢思想根基。"


# -- speech-priorities --------------------------------------------------------------------------

def test_speech_priorities_shape():
    draft = draft_of("speech-priorities")
    data = answers_of("speech-priorities")
    h1 = [b for b in draft.blocks if b.kind == d.HEADING and b.level == 1]
    assert [b.text[:2] for b in h1] == ["一、", "二、", "三、"]
    assert draft.blocks[-1].kind == d.CLOSING and draft.blocks[-1].text.startswith("同志们，")
    # part one: one paragraph per perspective, opened by its phrase
    first = draft.blocks.index(h1[0])
    second = draft.blocks.index(h1[1])
    opened = [runin(b, 2) for b in draft.blocks[first:second] if b.kind == d.PARA and runin(b, 2)]
    wanted = [f"{p['视角短语']}，{p['论断']}。" for p in data["第一部分认识"]["视角"]]
    assert opened == wanted
    # part two: run-in (一)(二)… each with its 一是 measures
    heads = [b for b in draft.blocks[second:] if b.kind == d.PARA and runin(b, 2)]
    priorities = data["第二部分重点"]["工作重点"]
    assert [runin(b, 2) for b in heads[:len(priorities)]] == [
        f"（{'一二三四五'[i]}）{p['小标题']}。" for i, p in enumerate(priorities)]
    for b, p in zip(heads, priorities):
        assert sum(1 for r in b.heads() if r.is_item) == len(p["具体举措"])


def test_speech_priorities_level2_can_stand_alone(tmp_path):
    data = answers_of("speech-priorities")
    data["二级标题"] = "单独成行"
    draft = draft_from_file(write_yaml(tmp_path / "q.yaml", data))
    h2 = [b.text for b in draft.blocks if b.kind == d.HEADING and b.level == 2]
    n = len(data["第二部分重点"]["工作重点"]) + len(data["第三部分保障"]["保障措施"])
    assert len(h2) == n and h2[0] == "（一）" + data["第二部分重点"]["工作重点"][0]["小标题"]
    # perspective paragraphs keep their run-in opening in either layout
    assert sum(1 for b in draft.blocks if b.kind == d.PARA and runin(b, 2)) == len(data["第一部分认识"]["视角"])


# -- signed-article -----------------------------------------------------------------------------

_PHRASE = re.compile(r"^[一二三四五六七八九十]+、(\S+?)“([一二两三四五六七八九])(\S*?)”，")


def _parts(draft):
    """(count phrase, number of sub-items under it) per level-1 heading."""
    out = []
    for b in draft.blocks:
        if b.kind == d.HEADING and b.level == 1:
            out.append([b.text, 0])
        elif out and (b.kind == d.HEADING and b.level == 2 or b.kind == d.PARA and runin(b, 2)):
            out[-1][1] += 1
    return out


def test_signed_article_slogan_and_count_phrases_follow_the_sub_items():
    draft = draft_of("signed-article")
    data = answers_of("signed-article")
    parts = _parts(draft)
    sizes = [len(p["子项"]) for p in data["部分"]]
    assert [n for _, n in parts] == sizes
    slogan = "".join(str(n) for n in sizes)
    assert f"“{slogan}”" in draft.title
    assert any(f"“{slogan}”总体思路" in b.text for b in draft.blocks if b.kind == d.PARA)
    for (heading, n), p in zip(parts, data["部分"]):
        m = _PHRASE.match(heading)
        assert m, heading
        assert m.group(1) == p["动词"]
        assert m.group(2) + m.group(3) == cn_count(n, p["量词"]) + p["名词"]
    assert "突出“两化建设”" in draft.text() and "紧盯“一条主线”" in draft.text()


def test_signed_article_headline_and_publication_line():
    draft = draft_of("signed-article")
    data = answers_of("signed-article")
    assert draft.blocks[0].kind == d.TITLE
    assert draft.title.startswith(f"{data['职务']}{data['姓名']}：")
    lead = next(b for b in draft.blocks if b.kind == d.LEAD)
    assert "《江川日报》" in lead.text and "2025年7月8日" in lead.text


def test_signed_article_single_sub_item_is_unnumbered_and_counts_change_with_data(tmp_path):
    data = answers_of("signed-article")
    data["部分"][1]["子项"].append({"名称": "推进服务标准统一化", "内容": "统一服务标准。"})
    draft = draft_from_file(write_yaml(tmp_path / "q.yaml", data))
    assert "突出“三化建设”" in draft.text()
    assert "“133456”" in draft.title
    one = [b for b in draft.blocks if b.kind == d.PARA and runin(b, 2)][0]
    assert not one.runs[0].text.startswith("（")


# -- meeting-news -------------------------------------------------------------------------------

def test_meeting_news_task_count_and_task_paragraphs():
    draft = draft_of("meeting-news")
    data = answers_of("meeting-news")
    tasks = data["第二部分未来"]["重点任务"]
    headings = [b for b in draft.blocks if b.kind == d.HEADING]
    assert [h.text[:4] for h in headings] == ["看现状：", "问未来："]
    future = draft.blocks.index(headings[1])
    task_paras = [b for b in draft.blocks[future:] if b.kind == d.PARA and re.match(r"^[^，。]{2,14}方面，", b.text)]
    assert f"突出抓好{cn_count(len(task_paras))}项重点任务" in headings[1].text
    assert len(task_paras) == len(tasks)
    for b, t in zip(task_paras, tasks):
        assert b.text.startswith(f"{t['领域']}方面，")


def test_meeting_news_byline_lead_questions_and_quotes():
    draft = draft_of("meeting-news")
    data = answers_of("meeting-news")
    byline = next(b for b in draft.blocks if b.kind == d.BYLINE)
    assert byline.text == "澜江日报记者　" + "　".join(data["记者"])
    paras = [b.text for b in draft.blocks if b.kind == d.PARA]
    assert paras[0].startswith(data["导语"]["目的"] + "，12月19日，省委召开")
    assert paras[1].count("？") == len(data["设问"]["问题"])
    quotes = data["第一部分现状"]["引述"] + data["第二部分未来"]["引述"]
    for q in quotes:
        assert any(p.startswith("“") and f"{q['职务']}{q['姓名']}{q['引出词']}。" in p for p in paras)
    assert "等问题。" in draft.text() and "等现实挑战" in draft.text()


def test_meeting_news_count_follows_the_tasks(tmp_path):
    data = answers_of("meeting-news")
    data["第二部分未来"]["重点任务"] = data["第二部分未来"]["重点任务"][:2]
    draft = draft_from_file(write_yaml(tmp_path / "q.yaml", data))
    assert "问未来：突出抓好两项重点任务" in [b.text for b in draft.blocks if b.kind == d.HEADING]
    assert "重点抓好两项任务" in draft.text()


def test_signed_article_level2_can_stand_alone(tmp_path):
    data = answers_of("signed-article")
    data["二级标题"] = "单独成行"
    draft = draft_from_file(write_yaml(tmp_path / "q.yaml", data))
    h2 = [b for b in draft.blocks if b.kind == d.HEADING and b.level == 2]
    assert len(h2) == sum(len(p["子项"]) for p in data["部分"])
    assert h2[0].text == data["部分"][0]["子项"][0]["名称"]          # a lone sub-item stays unnumbered
    assert h2[1].text == "（一）" + data["部分"][1]["子项"][0]["名称"]
    assert [n for _, n in _parts(draft)] == [len(p["子项"]) for p in data["部分"]]


@pytest.mark.parametrize("genre", ["report-actions", "meeting-news"])
def test_fixed_layout_genres_refuse_the_level2_switch(genre, tmp_path):
    from drafter.errors import DrafterError
    data = answers_of(genre)
    data["二级标题"] = "单独成行"
    with pytest.raises(DrafterError) as e:
        draft_from_file(write_yaml(tmp_path / "q.yaml", data))
    assert "二级标题" in e.value.format_message()

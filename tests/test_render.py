import pytest

from drafter import draft as d
from drafter.api import draft_from_file
from drafter.errors import TemplateError
from helpers import write_outline, write_yaml

QUESTIONS = """
- {key: title, label: 标题, type: text}
- {key: when, label: 日期, type: date}
- key: parts
  label: 部分
  type: list
  item:
    key: part
    label: 部分
    type: group
    questions:
      - {key: heading, label: 小标题, type: text}
      - key: points
        label: 要点
        type: list
        item: {key: point, label: 要点, type: text}
"""

TEMPLATE = """
<title>{{ title }}</title>
<byline>（{{ when }}）</byline>
<para>实施{{ parts|count('大') }}行动，共{{ parts|count('个') }}方面。</para>
{% for p in parts %}
<heading level="1">{{ p.heading }}</heading>
<heading level="2">第一节</heading>
<heading level="3">条目</heading>
<heading level="4">细目</heading>
<heading level="4">细目</heading>
<heading level="2">第二节</heading>
<para>{% for x in p.points %}<item>{{ x }}</item>说明。{% endfor %}</para>
<para><head level="3" number="no">不编号的段首标题</head>{% for x in p.points %}<item>{{ x }}</item>{% endfor %}</para>
{% endfor %}
"""


@pytest.fixture
def numbered(tmp_path):
    outline = write_outline(tmp_path / "ol", "numbering", QUESTIONS, TEMPLATE)
    q = write_yaml(tmp_path / "q.yaml", {
        "大纲": outline.stem, "标题": "测试标题", "日期": "2025-01-06",
        "部分": [{"小标题": "甲部分。", "要点": ["第一点", "第二点,"]},
                 {"小标题": "乙部分", "要点": ["第三点"]}]})
    return draft_from_file(q, [outline.parent])


def texts(draft, kind=None):
    return [b.text for b in draft.blocks if kind is None or b.kind == kind]


def test_headings_are_numbered_by_level_and_restart_under_each_parent(numbered):
    assert texts(numbered, d.HEADING) == [
        "一、甲部分", "（一）第一节", "1.条目", "（1）细目", "（2）细目", "（二）第二节",
        "二、乙部分", "（一）第一节", "1.条目", "（1）细目", "（2）细目", "（二）第二节"]


def test_items_count_one_shi_er_shi_and_restart_under_each_head(numbered):
    paras = [b for b in numbered.blocks if b.kind == d.PARA][1:]
    heads = [[r.text for r in b.heads()] for b in paras]
    assert heads == [["一是第一点。", "二是第二点。"], ["不编号的段首标题。", "一是第一点。", "二是第二点。"],
                     ["一是第三点。"], ["不编号的段首标题。", "一是第三点。"]]


def test_count_words_come_from_list_lengths_with_liang(numbered):
    assert "实施两大行动，共两个方面。" in texts(numbered, d.PARA)


def test_standalone_heading_loses_its_end_punctuation(numbered):
    assert "一、甲部分" in texts(numbered, d.HEADING)


def test_dates_are_written_without_padding(numbered):
    assert texts(numbered, d.BYLINE) == ["（2025年1月6日）"]


def test_blocks_remember_questionnaire_lines(tmp_path):
    outline = write_outline(tmp_path / "ol", "lines", "- {key: a, label: 甲, type: text}\n- {key: b, label: 乙, type: prose}",
                            "<para>{{ a }}</para>{{ b|paras }}")
    q = tmp_path / "q.yaml"
    q.write_text(f"大纲: {outline.stem}\n\n甲: 第一句\n乙: |\n  第一段\n  第二段\n", encoding="utf-8")
    assert [b.line for b in draft_from_file(q, [outline.parent]).blocks] == [3, 5, 6]


def test_runin_switch_turns_level2_headings_into_paragraph_heads(tmp_path):
    outline = write_outline(tmp_path / "ol", "sw", "- {key: a, label: 甲, type: text}",
                            '<heading level="2">{{ a }}</heading><para>正文内容。</para>', level2="standalone")
    q = write_yaml(tmp_path / "q.yaml", {"大纲": outline.stem, "甲": "加强领导", "二级标题": "段首"})
    draft = draft_from_file(q, [outline.parent])
    assert [(b.kind, b.text) for b in draft.blocks] == [(d.PARA, "（一）加强领导。正文内容。")]
    assert list(draft.blocks[0].heads())[0].level == 2


@pytest.mark.parametrize("template, message", [
    ("<para>{{ a </para>", "模板语法错误"),
    ("<para>{{ missing.name }}</para>", "不存在"),
    ("<para>{{ a.__class__.__mro__ }}</para>", "不允许"),
    ("<para>{{ cycler.__init__.__globals__ }}</para>", "不允许"),
    ("{% include '../secret.j2' %}", "找不到模板"),
    ("<table>{{ a }}</table>", "未知的标签"),
    ("<para>{{ a }}", "结构有误"),
])
def test_template_mistakes_give_a_clear_error(tmp_path, template, message):
    (tmp_path / "secret.j2").write_text("<para>秘密</para>", encoding="utf-8")
    outline = write_outline(tmp_path / "ol", "bad", "- {key: a, label: 甲, type: text}", template)
    q = write_yaml(tmp_path / "q.yaml", {"大纲": outline.stem, "甲": "内容"})
    with pytest.raises(TemplateError) as e:
        draft_from_file(q, [outline.parent])
    assert message in e.value.format_message()


def test_compiled_templates_are_cached_and_follow_template_edits(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(cache))
    outline = write_outline(tmp_path / "ol", "cached", "- {key: a, label: 甲, type: text}", "<para>甲：{{ a }}</para>")
    q = write_yaml(tmp_path / "q.yaml", {"大纲": outline.stem, "甲": "内容"})
    assert draft_from_file(q, [outline.parent]).blocks[0].text == "甲：内容"
    assert len(list((cache / "templates").glob("drafter-*.cache"))) == 1
    (tmp_path / "ol" / "cached.xml.j2").write_text("<para>乙：{{ a }}</para>\n", encoding="utf-8")
    assert draft_from_file(q, [outline.parent]).blocks[0].text == "乙：内容"     # the source checksum misses the old entry
    for entry in (cache / "templates").glob("drafter-*.cache"):
        entry.write_bytes(b"\x00damaged")
    assert draft_from_file(q, [outline.parent]).blocks[0].text == "乙：内容"     # a damaged entry is compiled again


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocker / "sub"))   # cannot be created
    outline = write_outline(tmp_path / "ol", "nocache", "- {key: a, label: 甲, type: text}", "<para>{{ a }}</para>")
    q = write_yaml(tmp_path / "q.yaml", {"大纲": outline.stem, "甲": "内容"})
    assert draft_from_file(q, [outline.parent]).blocks[0].text == "内容"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "off")
    assert draft_from_file(q, [outline.parent]).blocks[0].text == "内容"


@pytest.mark.parametrize("template, words", [
    ("<para>{{ missing_name }}</para>", "“missing_name”没有定义"),
    ("<para>{{ none_group.heading }}</para>", "要读取“heading”的那一组回答是空的"),
    ("<para>{{ 1 / 0 }}</para>", "除数为零"),
])
def test_template_errors_are_said_in_chinese(tmp_path, template, words):
    """Jinja's and Python's own words are English: none of them reaches the clerk."""
    import re
    folder = tmp_path / "大纲"
    write_outline(folder, "t-words", "- {key: none_group, label: 一组, type: group, required: false, "
                                     "questions: [{key: heading, label: 标题, type: text}]}",
                  "{% set x = none_group %}" + template)
    q = tmp_path / "q.yaml"
    q.write_text("大纲: t-words\n", encoding="utf-8")
    with pytest.raises(TemplateError) as e:
        draft_from_file(q, [folder])
    said = e.value.message
    assert words in said and not re.search("[A-Za-z]{3,}", re.sub("missing_name|heading", "", said))


def test_numbers_typed_at_the_start_of_an_answer_are_removed_and_said_never_doubled(tmp_path, drafter_cli):
    """（一）工作体系 in a numbered heading's answer, 一是统筹 in an item's: drafter numbers them
    itself, so the typed number goes, and render and check say so at the line."""
    from helpers import filled_questionnaire
    q = filled_questionnaire("leader-speech")
    q["第一部分成效"]["主要成效"][0]["小标题"] = "（一）工作体系日益健全"
    q["第一部分成效"]["主要成效"][1]["小标题"] = "二、 队伍更加壮大"
    q["第二部分形势问题"]["存在问题"][0]["要点"] = "一是统筹协调还不够有力"
    path = write_yaml(tmp_path / "q.yaml", q)
    out = tmp_path / "q.txt"
    r = drafter_cli("render", path, "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "（一）工作体系日益健全" in text and "（二）队伍更加壮大" in text and "一是统筹协调还不够有力。" in text
    assert "（一）（一）" not in text and "一是一是" not in text and "二、" not in text.split("（二）")[1][:3]
    said = [line for line in r.output.splitlines() if "手写的序号已删去" in line]
    assert len(said) == 3 and all(f"{path}:" in line for line in said)
    assert any("“（一）工作体系" in line and "→“工作体系" in line for line in said)
    r = drafter_cli("check", path)
    assert r.output.count("[typed-number]") == 3

import pytest

from drafter.errors import OutlineError
from drafter.genre.outline import find_outline, list_outlines, load_outline

GOOD_HEAD = "id: mine\nname: 我的大纲\ndescription: 测试\ntemplate: mine.xml.j2\n"


def outline_error(tmp_path, text, name="mine"):
    p = tmp_path / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(OutlineError) as e:
        load_outline(p)
    return e.value.format_message()


@pytest.mark.parametrize("questions, line, words", [
    ("  - {key: a, label: 甲, type: textt}\n", 6, "未知的问题类型“textt”"),
    ("  - {key: a, label: 甲, type: text, min_items: 2}\n", 6, "不认识设置“min_items”"),
    ("  - {key: A-1, label: 甲, type: text}\n", 6, "key“A-1”不合规"),
    ("  - {key: a, label: \"甲: 乙\", type: text}\n", 6, "不能用作问卷中的键名"),
    ("  - {key: a, label: 甲, type: list}\n", 6, "需要“item”"),
    ("  - {key: a, label: 甲, type: choice}\n", 6, "需要“choices”"),
    ("  - {key: a, label: 甲, type: text}\n  - {key: b, label: 甲, type: text}\n", 7, "“甲”与同一层的另一个问题重名"),
    ("  - {key: a, label: 甲, type: text, max_length: 多}\n", 6, "“max_length”应是不小于 0 的整数"),
    ("  - {key: a, label: 甲, type: list, min_items: 3, max_items: 2, item: {key: b, label: 乙, type: text}}\n", 6,
     "max_items 不能小于 min_items"),
    ("  - {key: a, type: text}\n", 6, "缺少“label”"),
])
def test_broken_outlines_are_refused_with_file_line_and_reason(tmp_path, questions, line, words):
    msg = outline_error(tmp_path, GOOD_HEAD + "questions:\n" + questions)
    assert f"mine.yaml:{line}" in msg and words in msg


def test_unknown_top_level_key_and_id_mismatch(tmp_path):
    assert "大纲不认识设置“titel”" in outline_error(tmp_path, GOOD_HEAD + "titel: x\nquestions: []\n")
    assert "与文件名“other.yaml”不一致" in outline_error(tmp_path, GOOD_HEAD + "questions: []\n", name="other")


def test_yaml_syntax_error_in_an_outline_names_its_line(tmp_path):
    msg = outline_error(tmp_path, GOOD_HEAD + "questions:\n\t- a\n")
    assert "mine.yaml:6" in msg and "Tab" in msg


def test_builtin_outline_loads_with_all_question_types_it_uses():
    o = find_outline("leader-speech")
    types = set()

    def walk(qs):
        for q in qs:
            types.add(q.type)
            walk(q.questions)
            if q.item:
                walk([q.item])
    walk(o.questions)
    assert {"text", "prose", "date", "list", "group"} <= types
    assert o.builtin and o.id in [x.id for x in list_outlines()]


def test_office_folder_comes_before_builtins(tmp_path, monkeypatch):
    (tmp_path / "leader-speech.yaml").write_text(
        "id: leader-speech\nname: 本单位讲话\ndescription: 覆盖内置\ntemplate: t.xml.j2\n"
        "questions:\n  - {key: a, label: 甲, type: text}\n", encoding="utf-8")
    assert find_outline("leader-speech", [tmp_path]).name == "本单位讲话"
    monkeypatch.setenv("DRAFTER_OUTLINES", str(tmp_path))
    assert find_outline("leader-speech").name == "本单位讲话"
    assert not find_outline("leader-speech").builtin

import pytest

from drafter.errors import AnswerError
from drafter.yamlsrc import parse_yaml


def error_of(text):
    with pytest.raises(AnswerError) as e:
        parse_yaml(text, "q.yaml")
    return e.value.format_message()


@pytest.mark.parametrize("text, line, cause", [
    ("大纲: leader-speech\n会议名称:\n\t全区会议\n", 3, "Tab"),
    ("大纲: leader-speech\n会议名称：全区会议\n讲话人: 王明\n", 2, "全角冒号"),
    ("大纲: leader-speech\n讲话人:王明\n会议名称:\n  - 甲\n", 2, "冒号后缺少空格"),
    ("大纲: leader-speech\n会议名称: \"全区会议\n讲话人: 王明\n", 2, "引号没有闭合"),
])
def test_usual_syntax_mistakes_are_named_with_their_line(text, line, cause):
    msg = error_of(text)
    assert f"q.yaml:{line}" in msg and cause in msg


def test_every_value_and_key_keeps_its_line():
    doc = parse_yaml("甲: 1\n乙:\n  - 丙: 2\n    丁: 3\n", "q.yaml")
    assert doc.loc(("乙", 0, "丁")).line == 4
    assert doc.key_loc(("乙",)).line == 2
    assert doc.loc(("乙", 5, "戊")).line == 3   # absent: the nearest ancestor, the list


def test_duplicate_keys_are_refused():
    assert "“甲”重复出现" in error_of("甲: 1\n甲: 2\n")


def test_object_tags_are_refused():
    assert "不支持的 YAML 标签" in error_of("甲: !!python/object/apply:os.system ['echo hi']\n")


def test_billion_laughs_is_refused_quickly():
    lines = ['a0: &a0 ["哈哈"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [{', '.join(['*a%d' % (i - 1)] * 9)}]")
    # 9**11 leaves if expanded: the node budget stops it long before memory grows.
    assert "展开后的内容过多" in error_of("\n".join(lines) + "\n")

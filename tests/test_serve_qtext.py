"""The workbench's form values and questionnaire text: saved unchanged is byte-identical, a
changed value changes its own line only, comments stay, and every line maps to its field."""
import difflib
from pathlib import Path

import pytest

from drafter.genre.outline import find_outline
from drafter.genre.questionnaire import read_answers
from drafter.genre.scaffold import write_questionnaire
from drafter.serve.handlers import Workbench
from drafter.serve.qtext import LineMap, form_values, meta_values, questionnaire_text
from drafter.yamlsrc import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"
OUTLINE = find_outline("leader-speech")


def values_of(text):
    data = parse_yaml(text, Path("q.yaml")).data
    return form_values(OUTLINE.root, data), meta_values(data)


def changed_lines(a, b):
    return [d for d in difflib.ndiff(a.splitlines(), b.splitlines()) if d[:1] in "+-"]


def test_unchanged_values_give_back_the_same_text():
    base = EXAMPLE.read_text(encoding="utf-8")
    values, meta = values_of(base)
    assert questionnaire_text(base, OUTLINE, values, meta) is base


def test_a_changed_answer_changes_its_own_line_and_nothing_else():
    base = EXAMPLE.read_text(encoding="utf-8")
    values, meta = values_of(base)
    values["speaker"] = "王五: 副区长"      # needs quoting to stay one YAML string
    values["situation"]["problems"][2]["head"] = "减负成果还不够巩固"
    text = questionnaire_text(base, OUTLINE, values, meta)
    assert changed_lines(base, text) == ["- 讲话人: 陆承泽", '+ 讲话人: "王五: 副区长"',
                                         "-       要点: 减负成效还不够稳固", "+       要点: 减负成果还不够巩固"]
    assert values_of(text) == (values, meta)


def test_prose_and_settings_are_written_as_init_writes_them():
    base = EXAMPLE.read_text(encoding="utf-8")
    values, meta = values_of(base)
    values["closing"] = "同志们，第一段。\n\n同志们，第二段。"
    meta.update(rate="220", time_limit="")
    text = questionnaire_text(base, OUTLINE, values, meta)
    assert "结束语: |\n  同志们，第一段。\n\n  同志们，第二段。\n" in text
    assert "\n语速: 220\n" in text and "\n# 时长上限: 30\n" in text
    answers = read_answers_text(text)
    assert answers.rate_per_min == 220 and answers.time_limit_min is None
    assert [str(p) for p in answers.values.closing] == ["同志们，第一段。", "同志们，第二段。"]


def read_answers_text(text):
    from drafter.genre.questionnaire import answers_from_doc
    return answers_from_doc(parse_yaml(text, Path("q.yaml")), OUTLINE)


def test_a_list_with_entries_added_and_moved_is_written_again_with_init_comments():
    base = EXAMPLE.read_text(encoding="utf-8")
    values, meta = values_of(base)
    problems = values["situation"]["problems"]
    problems[0], problems[1] = problems[1], problems[0]
    problems.append({"head": "数字赋能还不够有力", "detail": "线上平台多而不用。"})
    text = questionnaire_text(base, OUTLINE, values, meta)
    assert values_of(text) == (values, meta)
    part = text[text.index("  存在问题:"):text.index("# 【第三部分目标任务】")]
    assert part.count("# 【要点】必填，不超过 25 字") == 5 and "要点: 数字赋能还不够有力" in part
    assert text.replace(part, "") == base.replace(base[base.index("  存在问题:"):base.index("# 【第三部分目标任务】")], "")


def test_a_new_form_saved_is_the_init_questionnaire_with_values():
    init = write_questionnaire(OUTLINE)
    values, meta = values_of(init)
    values["speaker"] = "周文涛"
    values["date"] = "2025-03-18"
    text = questionnaire_text(init, OUTLINE, values, meta)
    assert changed_lines(init, text) == ["- 讲话人:", "+ 讲话人: 周文涛", "- 讲话日期:", "+ 讲话日期: 2025-03-18"]


def test_an_impossible_date_stays_text_so_the_validator_names_it():
    init = write_questionnaire(OUTLINE)
    values, meta = values_of(init)
    values["date"] = "2025-13-45"
    text = questionnaire_text(init, OUTLINE, values, meta)
    assert '讲话日期: "2025-13-45"' in text


def test_every_line_maps_to_the_field_that_wrote_it():
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = LineMap(text, OUTLINE)
    numbered = text.splitlines()

    def line_of(s):
        return next(n for n, line in enumerate(numbered, 1) if line.strip().startswith(s))
    assert lines.field(line_of("讲话人:")) == "speaker"
    assert lines.field(line_of("时长上限:")) == "meta.time_limit"
    assert lines.field(line_of("针对快递员")) == "results.achievements.1.body"
    assert lines.field(line_of("要点: 做实新就业群体服务")) == "tasks.areas.0.measures.1.head"
    assert lines.field(line_of("# 【会议名称】")) == ""


def test_preview_findings_sit_at_their_field():
    wb = Workbench()
    doc = wb.document(EXAMPLE.read_text(encoding="utf-8"), "讲话.yaml")
    doc["values"]["opening"]["attendees"] = "*街道负责同志参加会议。"
    r = wb.preview({"outline": "leader-speech", "base": doc["base"], "values": doc["values"],
                    "meta": doc["meta"], "name": "讲话.yaml"})
    assert r["errors"] == []
    placeholder = [f for f in r["findings"] if f["rule"] == "placeholder"]
    assert placeholder and placeholder[0]["field"] == "opening.attendees"
    assert r["blocks"][0]["kind"] == "title" and r["blocks"][0]["field"] == "meeting"
    assert "一、回顾成效" in r["outline_text"] and "时限 30 分钟" in r["stats_text"]


def test_questionnaire_errors_are_the_cli_messages_at_their_field(tmp_path):
    wb = Workbench()
    doc = wb.document(EXAMPLE.read_text(encoding="utf-8"), "讲话.yaml")
    doc["values"]["results"]["achievements"][0]["heading"] = "小标题" * 10
    doc["values"]["speaker"] = ""
    r = wb.preview({"outline": "leader-speech", "base": doc["base"], "values": doc["values"],
                    "meta": doc["meta"], "name": "讲话.yaml"})
    assert r["blocks"] is None
    by_field = {e["field"]: e for e in r["errors"]}
    assert by_field["speaker"]["message"] == "「讲话人」是必填项，还没有填写"
    assert by_field["results.achievements.0.heading"]["message"] == "「小标题」（第 1 项中）最多 25 个字，现在有 30 个字"
    assert by_field["results.achievements.0.heading"]["severity"] == "警告"     # advice: the draft still renders
    # the same words as the CLI reading the same text from a file
    q = tmp_path / "q.yaml"
    from drafter.serve.qtext import questionnaire_text as qt
    q.write_text(qt(doc["base"], OUTLINE, doc["values"], doc["meta"]), encoding="utf-8")
    try:
        read_answers(q)
    except Exception as e:   # AnswerErrors
        cli = {x.message for x in e.errors + e.warnings}
    assert {x["message"] for x in r["errors"]} == cli


ALL_TYPES = """\
id: all-types
name: 各类问题
description: 每种问题类型各一个
template: t.xml.j2
questions:
  - {key: name, label: 名称, type: text, max_length: 10}
  - {key: count, label: 人数, type: integer, min: 1, max: 500}
  - {key: kind, label: 类别, type: choice, choices: [全体会议, 专题会议]}
  - {key: points, label: 要点, type: list, min_items: 1, item: {key: point, label: 要点项, type: text}}
  - {key: notes, label: 段落, type: list, required: false, item: {key: note, label: 段, type: prose}}
"""


def test_every_question_type_round_trips_through_the_text(tmp_path):
    from drafter.genre.outline import load_outline
    from drafter.genre.questionnaire import answers_from_doc
    from drafter.errors import AnswerError
    (tmp_path / "all-types.yaml").write_text(ALL_TYPES, encoding="utf-8")
    outline = load_outline(tmp_path / "all-types.yaml")
    init = write_questionnaire(outline).replace("大纲: all-types", f"大纲: {tmp_path / 'all-types.yaml'}")
    values = form_values(outline.root, parse_yaml(init, Path("q.yaml")).data)
    values.update(name="座谈会", count="120", kind="专题会议", points=["第一点: 冒号", "第二点"],
                  notes=["第一段\n第二段", "另一段"])
    text = questionnaire_text(init, outline, values, meta_values({}))
    assert form_values(outline.root, parse_yaml(text, Path("q.yaml")).data) == values
    answers = answers_from_doc(parse_yaml(text, Path("q.yaml")), outline)
    assert answers.values.count == 120 and answers.values.kind == "专题会议"
    assert [str(p) for p in answers.values.points] == ["第一点: 冒号", "第二点"]
    assert [[str(p) for p in n] for n in answers.values.notes] == [["第一段", "第二段"], ["另一段"]]
    values.update(count="一百二十", kind="大会")
    with pytest.raises(AnswerError) as e:
        answers_from_doc(parse_yaml(questionnaire_text(init, outline, values, meta_values({})), Path("q.yaml")), outline)
    assert [x.message for x in e.value.errors] == ["「人数」应是阿拉伯数字写的整数，现在是“一百二十”",
                                                    "「类别」只能从这些选项中选一个：全体会议、专题会议"]


def test_a_hand_written_questionnaire_is_edited_without_breaking_its_yaml():
    base = ("大纲: leader-speech\n"
            "meeting: 临江区社会工作会议   # 用 key 也可以\n"
            "讲话人: 陆承泽\n"
            "第二部分形势问题: {新形势: 形势一, 存在问题: [{要点: 甲, 具体表现: 乙}, {要点: 丙, 具体表现: 丁}]}\n"
            "结束语: [第一段, 第二段]\n")
    values, meta = values_of(base)
    assert values["meeting"] == "临江区社会工作会议" and values["closing"] == "第一段\n第二段"
    values["meeting"] = "全区社会工作会议"
    values["situation"]["situation"] = "形势一\n形势二"
    values["closing"] = "只有一段"
    text = questionnaire_text(base, OUTLINE, values, meta)
    assert values_of(text) == (values, meta)
    assert "meeting: 全区社会工作会议   # 用 key 也可以\n讲话人: 陆承泽\n" in text


def test_a_base_text_that_is_not_yaml_is_refused_not_a_crash():
    from drafter.serve.handlers import RequestError
    with pytest.raises(RequestError):
        Workbench().preview({"outline": "leader-speech", "base": "大纲: [\n", "values": {}, "meta": {}})

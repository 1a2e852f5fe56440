"""``drafter check --roster``: a known name with another title, names listed out of protocol order,
and — as a hint — a ``职务+姓名+同志`` the roster does not know. Never a finding on a name written
as in the roster (or with part of its title, or with none)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import write_yaml

ROSTER = {"名册": [
    {"姓名": "陆承泽", "职务": "区委副书记"},
    {"姓名": "沈清禾", "职务": "区委常委、社会工作部部长", "曾任": ["区委社会工作部副部长"]},
    {"姓名": "顾明远", "职务": "副区长"},
    {"姓名": "许嘉宁", "职务": "区政协副主席"},
    {"姓名": "欧阳晓", "职务": "区委办公室主任"},
]}


@pytest.fixture
def roster(tmp_path) -> Path:
    return write_yaml(tmp_path / "名册.yaml", ROSTER)


def findings(drafter_cli, tmp_path, roster, text: str, *extra) -> list:
    doc = tmp_path / "稿.txt"
    doc.write_text(text, encoding="utf-8")
    result = drafter_cli("check", doc, "--roster", roster, "--format", "json", *extra)
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(result.output)["files"][0]["findings"]
            if f["rule"].startswith("roster-")]


# Each written as in the roster, in part, or without a title, in the shapes speeches and news use.
QUIET = [
    "请区委副书记陆承泽同志讲话。",
    "会议由区委常委、社会工作部部长沈清禾主持。",
    "社会工作部部长沈清禾同志主持会议。",                  # part of the title
    "区委常委沈清禾同志出席。",                            # the other part
    "刚才，陆承泽同志作了讲话，我完全同意。",               # no title
    "区委副书记陆承泽出席会议并讲话，副区长顾明远、区政协副主席许嘉宁出席会议。",
    "出席今天会议的领导有：区委副书记陆承泽同志，区委常委、社会工作部部长沈清禾同志，副区长顾明远同志。",
    "一、区委副书记陆承泽同志讲话",
    "陆承泽同志强调，顾明远同志要抓好落实。",              # names alone are never out of order
    "区委办公室主任欧阳晓同志宣读通知。",
]


@pytest.mark.parametrize("text", QUIET)
def test_never_a_finding_on_names_written_as_in_the_roster(drafter_cli, tmp_path, roster, text):
    assert findings(drafter_cli, tmp_path, roster, text + "\n") == []


@pytest.mark.parametrize("text,why", [
    ("请区委书记陆承泽同志讲话。", "少了“副”字"),
    ("请副区长顾明远同志讲话。请区长顾明远同志讲话。", "少了“副”字"),
    ("区政协主席许嘉宁出席。", "少了“副”字"),
    ("请区委副书记、副区长顾明远同志讲话。", ""),
    ("区委社会工作部副部长沈清禾主持会议。", "这是以前的职务"),
    ("区委常委、社会工作部副部长沈清禾主持会议。", "多了“副”字"),
    ("请区委副书记沈清禾同志讲话。", ""),
])
def test_a_known_name_with_another_title(drafter_cli, tmp_path, roster, text, why):
    found = findings(drafter_cli, tmp_path, roster, text + "\n")
    assert found and {f[0] for f in found} == {"roster-title"}, found
    assert found[0][1] == 1
    assert found[-1][2].endswith(why) if why else "：" not in found[0][2].split("中是")[-1]


def test_the_finding_names_the_title_and_suggests_the_roster_one(drafter_cli, tmp_path, roster):
    doc = tmp_path / "稿.txt"
    doc.write_text("会议由区委书记陆承泽主持。\n", encoding="utf-8")
    f = json.loads(drafter_cli("check", doc, "--roster", roster, "--format", "json").output)["files"][0]["findings"]
    f = [x for x in f if x["rule"] == "roster-title"][0]
    assert f["severity"] == "错误" and f["column"] == 4 and f["suggestion"] == "区委副书记陆承泽"
    assert "“陆承泽”的职务写作“区委书记”，名册中是“区委副书记”" in f["message"]


@pytest.mark.parametrize("text,listed", [
    ("副区长顾明远同志、区委副书记陆承泽同志出席。", "顾明远、陆承泽"),
    ("出席会议的有：区委常委、社会工作部部长沈清禾，区政协副主席许嘉宁，副区长顾明远。", "沈清禾、许嘉宁、顾明远"),
    ("区政协副主席许嘉宁和副区长顾明远参加。", "许嘉宁、顾明远"),
])
def test_names_listed_out_of_protocol_order(drafter_cli, tmp_path, roster, text, listed):
    found = findings(drafter_cli, tmp_path, roster, text + "\n")
    assert [f[0] for f in found] == ["roster-order"], found
    assert f"“{listed}”的先后与名册不同" in found[0][2]


@pytest.mark.parametrize("text", [
    "副区长顾明远出席会议，区委副书记陆承泽讲话。",      # two clauses, not one list
    "许嘉宁同志发言后，陆承泽同志作总结。",
])
def test_names_in_separate_clauses_are_not_a_list(drafter_cli, tmp_path, roster, text):
    assert findings(drafter_cli, tmp_path, roster, text + "\n") == []


def test_a_name_the_roster_does_not_know_is_a_hint_only_as_title_name_comrade(drafter_cli, tmp_path, roster):
    found = findings(drafter_cli, tmp_path, roster,
                     "请区民政局局长韩立新同志发言。\n韩立新说，同志们辛苦了。\n部长助理们和书记处同志参加。\n")
    assert found == [("roster-unknown", 1, "“局长韩立新同志”中的“韩立新”不在名册中")]
    result = drafter_cli("check", *(tmp_path / "稿.txt",), "--roster", roster)
    assert result.exit_code == 0 and "提示 1 个" in result.output      # a hint is not an error


def test_without_a_roster_the_rules_say_nothing(drafter_cli, tmp_path, roster):
    doc = tmp_path / "稿.txt"
    doc.write_text("请区委书记陆承泽同志讲话。\n", encoding="utf-8")
    found = json.loads(drafter_cli("check", doc, "--format", "json").output)["files"][0]["findings"]
    assert not [f for f in found if f["rule"].startswith("roster-")]


def test_the_unit_settings_file_names_the_roster(drafter_cli, tmp_path, roster):
    (tmp_path / "drafter.yaml").write_text("检查:\n  名册: 名册.yaml\n", encoding="utf-8")
    doc = tmp_path / "稿.txt"
    doc.write_text("请区委书记陆承泽同志讲话。\n", encoding="utf-8")
    result = drafter_cli("check", doc)
    assert "[roster-title]" in result.output and result.exit_code == 1


def test_a_docx_draft_is_checked_as_written(drafter_cli, tmp_path, roster):
    from drafter import draft as d
    from drafter.api import write_draft
    doc = tmp_path / "讲话.docx"
    write_draft(d.Draft([d.block(d.TITLE, "在全区社会工作会议上的讲话"),
                         d.block(d.PARA, "会议由区委书记陆承泽主持，区政协副主席许嘉宁、副区长顾明远出席。")]), doc)
    result = drafter_cli("check", doc, "--roster", roster)
    assert "讲话.docx:2: 错误 [roster-title]" in result.output
    assert "讲话.docx:2: 警告 [roster-order]" in result.output


@pytest.mark.parametrize("text,message", [
    ("- {姓名: 陆承泽}\n", "名册的每项都要写“姓名”和“职务”"),
    ("名册: 陆承泽\n", "名册应是一个列表"),
    ("- {姓名: 陆承泽, 职务: 区委副书记, 电话: 1}\n", "名册不认识“电话”"),
    ("- {姓名: 陆承泽, 职务: 区委副书记}\n- {姓名: 陆承泽, 职务: 副区长}\n", "出现了两次"),
])
def test_a_roster_that_cannot_be_used_is_one_message_with_its_line(drafter_cli, tmp_path, text, message):
    bad = tmp_path / "名册.yaml"
    bad.write_text(text, encoding="utf-8")
    doc = tmp_path / "稿.txt"
    doc.write_text("同志们好。\n", encoding="utf-8")
    result = drafter_cli("check", doc, "--roster", bad)
    assert result.exit_code == 2 and message in result.output and "名册.yaml:" in result.output
    assert "Traceback" not in result.output

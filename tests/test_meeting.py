"""The meeting pack (outlines/meeting.yaml, drafter.genre.pack): one questionnaire of facts, every
document of the meeting, consistent by construction and checked against the facts.

Everything goes through the commands a clerk types: init, render into a folder, check.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx as python_docx
import pytest
import yaml

from conftest import ROOT, assert_golden

PACK = ROOT / "examples" / "meeting"
GOLDEN = Path(__file__).resolve().parent / "golden" / "meeting"
DOCUMENTS = ("议程", "主持词", "新闻稿", "桌签", "讲话")
LEADERS = [("陆承泽", "区委副书记"), ("沈清禾", "区委常委、社会工作部部长"), ("顾明远", "副区长"),
           ("许嘉宁", "区政协副主席")]


@pytest.fixture
def pack(tmp_path) -> Path:
    """A copy of the example pack (the meeting's questionnaire and the linked speech)."""
    shutil.copytree(PACK, tmp_path / "会议")
    return tmp_path / "会议"


def render(drafter_cli, questionnaire: Path, out: Path, *extra) -> dict:
    result = drafter_cli("render", questionnaire, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return {p.stem: p for p in out.iterdir() if not p.name.startswith(".")}


def texts(drafter_cli, questionnaire: Path, out: Path) -> dict:
    files = render(drafter_cli, questionnaire, out, "--format", "txt")
    return {k: p.read_text(encoding="utf-8") for k, p in files.items()}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- the pack and its documents ------------------------------------------------------------------

def test_the_example_pack_renders_every_document_into_one_folder(drafter_cli, tmp_path):
    files = render(drafter_cli, PACK / "会议.yaml", tmp_path / "材料")
    assert sorted(files) == sorted(DOCUMENTS) and all(p.suffix == ".docx" for p in files.values())
    styles = {k: [p.style.name for p in python_docx.Document(str(f)).paragraphs] for k, f in files.items()}
    assert styles["议程"][0] == "文稿标题" and set(styles["议程"][1:]) == {"议程事项"}
    assert styles["桌签"] == ["桌签"] * 5
    assert styles["主持词"][:4] == ["文稿标题", "署名", "署名", "称谓"]


def test_the_example_pack_passes_drafter_check(drafter_cli):
    result = drafter_cli("check", PACK / "会议.yaml")
    assert result.exit_code == 0, result.output
    assert "错误 0 个，警告 0 个，提示 0 个" in result.output


@pytest.mark.parametrize("name", DOCUMENTS[:4])
def test_each_document_matches_its_golden_text(drafter_cli, tmp_path, name):
    got = texts(drafter_cli, PACK / "会议.yaml", tmp_path / "材料")[name]
    assert_golden(got, GOLDEN / f"{name}.txt")


def test_the_linked_speech_is_rendered_as_it_is_alone(drafter_cli, tmp_path):
    pack = texts(drafter_cli, PACK / "会议.yaml", tmp_path / "材料")["讲话"]
    result = drafter_cli("render", PACK / "讲话.yaml", "-o", tmp_path / "alone.txt")
    assert result.exit_code == 0
    assert pack == (tmp_path / "alone.txt").read_text(encoding="utf-8")


def test_the_host_script_opens_introduces_leads_each_item_and_closes(drafter_cli, tmp_path):
    host = texts(drafter_cli, PACK / "会议.yaml", tmp_path / "材料")["主持词"].splitlines()
    body = [line.strip("　") for line in host]
    assert body[3:5] == ["同志们：", "现在开会。"] and body[-1] == "散会。"
    intro = next(line for line in body if line.startswith("出席今天会议的领导有："))
    # In protocol order, with titles, the chair (沈清禾) not introducing herself.
    assert intro == "出席今天会议的领导有：区委副书记陆承泽同志，副区长顾明远同志，区政协副主席许嘉宁同志。"
    transitions = [line for line in body if line.startswith("下面，进行会议第")]
    assert [t[:10] for t in transitions] == ["下面，进行会议第一项", "下面，进行会议第二项", "下面，进行会议第三项",
                                             "下面，进行会议第四项"]
    assert transitions[3] == "下面，进行会议第四项：请区委副书记陆承泽同志讲话。"
    assert "今天的会议共有四项议程。" in body


def test_the_news_is_a_xiaoxi_fed_by_the_speech_headings(drafter_cli, tmp_path):
    news = texts(drafter_cli, PACK / "会议.yaml", tmp_path / "材料")["新闻稿"].splitlines()
    assert news[0] == "临江区社会工作会议召开"
    lead = news[1].strip("　")
    assert lead.startswith("2月26日，临江区社会工作会议在区行政中心第一会议室召开。区委副书记陆承泽出席会议并讲话，"
                           "区委常委、社会工作部部长沈清禾主持会议")
    speech = yaml.safe_load((PACK / "讲话.yaml").read_text(encoding="utf-8"))
    stressed = [line.strip("　") for line in news if line.strip("　").startswith("会议")]
    assert len(stressed) == 4          # one a level-1 heading of the speech
    assert stressed[0].startswith("会议指出，要回顾成效") and stressed[-1].startswith("会议要求，要强化保障")
    assert speech["第一部分成效"]["主要成效"][0]["小标题"] in stressed[0]        # its level-2 headings follow
    assert "望江街道、区民政局、滨河社区作交流发言。" in "".join(news)


def test_the_agenda_numbers_its_items_and_says_the_weekday(drafter_cli, tmp_path):
    agenda = texts(drafter_cli, PACK / "会议.yaml", tmp_path / "材料")["议程"]
    assert "时间：2025年2月26日（星期三）上午9:00" in agenda
    items = re.findall(r"【议程事项】([一二三四五六七八九十]+)、", agenda)
    assert items == ["一", "二", "三", "四"]


def test_one_card_per_leader_in_order_then_the_others(drafter_cli, tmp_path):
    cards = texts(drafter_cli, PACK / "会议.yaml", tmp_path / "材料")["桌签"].splitlines()
    assert cards == [f"【桌签】{n}" for n, _ in LEADERS] + ["【桌签】方毅"]


def test_init_examples_renders_a_pack_without_a_speech(drafter_cli, tmp_path):
    q = tmp_path / "会议.yaml"
    assert drafter_cli("init", "meeting", "--examples", "-o", q).exit_code == 0
    files = render(drafter_cli, q, tmp_path / "材料")
    assert sorted(files) == sorted(DOCUMENTS[:4])
    assert "drafter render 本文件 -o 材料/" in q.read_text(encoding="utf-8")


def test_without_o_the_pack_goes_beside_the_questionnaire(drafter_cli, pack):
    result = drafter_cli("render", pack / "会议.yaml")
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in (pack / "会议").iterdir()) == sorted(DOCUMENTS)


def test_a_pack_is_refused_into_one_file(drafter_cli, tmp_path):
    result = drafter_cli("render", PACK / "会议.yaml", "-o", tmp_path / "材料.docx")
    assert result.exit_code == 1 and "-o 后应写一个文件夹" in result.output
    assert not (tmp_path / "材料.docx").exists()


def test_rendering_again_replaces_its_own_files_but_not_a_clerks(drafter_cli, pack, tmp_path):
    out = tmp_path / "材料"
    render(drafter_cli, pack / "会议.yaml", out)
    render(drafter_cli, pack / "会议.yaml", out)                       # drafter's own, unchanged
    (out / "新闻稿.docx").write_bytes(b"edited in Word")
    result = drafter_cli("render", pack / "会议.yaml", "-o", out)
    assert result.exit_code == 1 and "新闻稿.docx" in result.output
    assert (out / "新闻稿.docx").read_bytes() == b"edited in Word"
    render(drafter_cli, pack / "会议.yaml", out, "--force")


def test_podium_sets_the_documents_read_aloud_large(drafter_cli, tmp_path):
    files = render(drafter_cli, PACK / "会议.yaml", tmp_path / "材料", "--podium")

    def body_size(name):
        return python_docx.Document(str(files[name])).styles["文稿正文"].font.size.pt

    assert body_size("主持词") == body_size("讲话") == 22
    assert body_size("新闻稿") == body_size("议程") == 16


# -- consistent by construction ------------------------------------------------------------------

def test_a_title_changed_in_one_place_changes_every_document(drafter_cli, pack, tmp_path):
    before = texts(drafter_cli, pack / "会议.yaml", tmp_path / "旧")
    edit(pack / "会议.yaml", "职务: 副区长", "职务: 区人民政府副区长")
    after = texts(drafter_cli, pack / "会议.yaml", tmp_path / "新")
    for name in ("主持词", "新闻稿"):
        assert "副区长顾明远" in before[name] and "区人民政府副区长顾明远" in after[name], name
        assert after[name].count("顾明远") == after[name].count("区人民政府副区长顾明远"), name
    assert after["桌签"] == before["桌签"]
    result = drafter_cli("check", pack / "会议.yaml")
    assert result.exit_code == 0, result.output


def test_a_speaker_who_is_a_leader_takes_the_leaders_title(drafter_cli, pack, tmp_path):
    edit(pack / "会议.yaml", "职务: 区委副书记", "职务: 区委书记")
    got = texts(drafter_cli, pack / "会议.yaml", tmp_path / "材料")
    assert "四、区委书记陆承泽同志讲话" in got["议程"]
    assert "请区委书记陆承泽同志讲话。" in got["主持词"]


# -- checked ---------------------------------------------------------------------------------------

def check_json(drafter_cli, questionnaire: Path) -> list:
    result = drafter_cli("check", questionnaire, "--format", "json")
    out = json.loads(result.output)
    return [(Path(f["path"]).name, f["rule"], f["line"], x["message"]) for f in out["files"] for x in f["findings"]
            for f in [dict(x, path=f["path"])]]


def test_a_linked_speech_of_another_meeting_or_date_is_reported(drafter_cli, pack):
    edit(pack / "讲话.yaml", "会议名称: 临江区社会工作会议", "会议名称: 临江区基层治理工作会议")
    edit(pack / "讲话.yaml", "讲话日期: 2025-02-26", "讲话日期: 2024-02-26")
    found = [f for f in check_json(drafter_cli, pack / "会议.yaml") if f[1] == "pack-link"]
    lines = (pack / "讲话.yaml").read_text(encoding="utf-8").splitlines()
    assert [(f[0], lines[f[2] - 1].split(":")[0]) for f in found] == [("讲话.yaml", "会议名称"), ("讲话.yaml", "讲话日期")]
    assert "“临江区基层治理工作会议”" in found[0][3] and "2024年2月26日" in found[1][3]
    assert drafter_cli("check", pack / "会议.yaml").exit_code == 1


def test_a_leader_whose_title_differs_in_the_speech_is_reported(drafter_cli, pack):
    edit(pack / "讲话.yaml", "转入正题: 下面，", "转入正题: 区政协主席许嘉宁同志、副区长顾明远同志也来了。下面，")
    found = check_json(drafter_cli, pack / "会议.yaml")
    rules = sorted(f[1] for f in found)
    assert rules == ["roster-order", "roster-title"], found
    title = next(f for f in found if f[1] == "roster-title")
    assert title[0] == "讲话.yaml" and "【讲话】“许嘉宁”的职务写作“区政协主席”，出席领导中是“区政协副主席”：少了“副”字" in title[3]
    order = next(f for f in found if f[1] == "roster-order")
    assert "“许嘉宁、顾明远”的先后与出席领导不同" in order[3]


def test_a_chair_who_is_not_attending_is_reported(drafter_cli, pack):
    edit(pack / "会议.yaml", "主持人: 沈清禾", "主持人: 沈清河")
    found = [f for f in check_json(drafter_cli, pack / "会议.yaml") if f[1] == "pack-chair"]
    assert found and found[0][0] == "会议.yaml" and "“沈清河”不在出席领导中" in found[0][3]


def test_an_agenda_speaker_missing_from_a_unit_template_is_reported(drafter_cli, pack, tmp_path):
    # A unit's own variant of the pack whose news leaves out the exchange speakers.
    mine = tmp_path / "本单位大纲"
    mine.mkdir()
    for f in ("meeting-agenda", "meeting-host", "meeting-cards", "meeting-common"):
        shutil.copy(ROOT / "templates" / f"{f}.xml.j2", mine)
    news = (ROOT / "templates" / "meeting-release.xml.j2").read_text(encoding="utf-8")
    (mine / "meeting-release.xml.j2").write_text(news.replace("作交流发言。</para>", "</para>").replace(
        "{% for it in talks %}<para>{{ m.whos(it.speakers or [], false) }}", "{% for it in talks %}<para>会上有交流发言"),
        encoding="utf-8")
    outline = (ROOT / "outlines" / "meeting.yaml").read_text(encoding="utf-8").replace("id: meeting", "id: my-meeting")
    (mine / "my-meeting.yaml").write_text(outline, encoding="utf-8")
    edit(pack / "会议.yaml", "大纲: meeting", "大纲: my-meeting")
    result = drafter_cli("--outlines", mine, "check", pack / "会议.yaml", "--format", "json")
    found = [x for f in json.loads(result.output)["files"] for x in f["findings"] if x["rule"] == "pack-speaker"]
    assert [x["message"] for x in found] == [f"议程第 3 项的发言人“{u}”没有出现在【新闻稿】中"
                                             for u in ("望江街道", "区民政局", "滨河社区")]
    lines = (pack / "会议.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[found[0]["line"] - 1].strip() == "姓名或单位: 望江街道"


@pytest.mark.parametrize("link,message", [
    ("../讲话.yaml", "不能是别处的路径"),
    ("/etc/讲话.yaml", "不能是别处的路径"),
    ("讲话.txt", "不是问卷"),
    ("没有这份.yaml", "找不到问卷“没有这份.yaml”"),
])
def test_a_link_must_name_a_questionnaire_beside_this_one(drafter_cli, pack, tmp_path, link, message):
    edit(pack / "会议.yaml", "领导讲话: 讲话.yaml", f"领导讲话: {link}")
    result = drafter_cli("render", pack / "会议.yaml", "-o", tmp_path / "材料")
    assert result.exit_code == 1 and message in result.output and "会议.yaml:" in result.output
    assert not (tmp_path / "材料").exists() or not list((tmp_path / "材料").iterdir())
    checked = drafter_cli("check", pack / "会议.yaml")
    assert checked.exit_code == 1 and message in checked.output


def test_a_broken_linked_questionnaire_is_reported_with_its_own_file_and_line(drafter_cli, pack):
    edit(pack / "讲话.yaml", "讲话人: 陆承泽", "讲话人:")
    result = drafter_cli("check", pack / "会议.yaml")
    assert result.exit_code == 1 and "讲话.yaml:" in result.output and "讲话人" in result.output


@pytest.mark.parametrize("documents,message", [
    ("  - {name: 议程, template: a.xml.j2, questionnaire: speech}", "二者选一"),
    ("  - {name: 议/程, template: a.xml.j2}", "不能用作文件名"),
    ("  - {name: 议程, template: a.xml.j2}\n  - {name: 议程, template: b.xml.j2}", "两份文稿都叫"),
    ("  - {name: 讲话, questionnaire: nothing}", "单行文字问题"),
    ("  - {name: 议程, template: a.xml.j2, podium: 是}", "只能是 true 或 false"),
])
def test_an_outline_that_declares_its_pack_wrongly_is_told_why(drafter_cli, tmp_path, documents, message):
    folder = tmp_path / "大纲"
    folder.mkdir()
    (folder / "p.yaml").write_text(
        "id: p\nname: 试验\ndescription: 试验\ndocuments:\n" + documents +
        "\nquestions:\n  - {key: speech, label: 讲话, type: text}\n", encoding="utf-8")
    result = drafter_cli("--outlines", folder, "init", "p")
    assert result.exit_code == 1 and message in result.output and "p.yaml:" in result.output


def test_a_pack_questionnaire_is_refused_where_one_document_is_made(drafter_cli):
    for command in ("outline", "stats"):
        result = drafter_cli(command, PACK / "会议.yaml")
        assert result.exit_code == 1 and "是材料包" in result.output, command


def test_an_item_that_says_nothing_it_does_is_marked_to_fill_not_left_as_a_bare_colon(drafter_cli, pack, tmp_path):
    edit(pack / "会议.yaml", "    类型: 交流发言", "    类型: 其他")      # 其他 with 内容 left empty
    out = texts(drafter_cli, pack / "会议.yaml", tmp_path / "材料")
    for name in ("议程", "主持词", "新闻稿"):
        assert "【待填写：内容】" in out[name], name
    assert "第三项：请" in out["主持词"] and "项：。" not in out["主持词"] and "，。" not in out["新闻稿"]
    found = json.loads(drafter_cli("check", pack / "会议.yaml", "--format", "json").output)
    assert any(f["rule"] == "placeholder" and "【待填写：内容】" in f["message"]
               for file in found["files"] for f in file["findings"])


def test_a_form_with_an_item_still_to_choose_previews_it_as_to_fill(pack):
    from drafter.serve.handlers import Workbench
    bench = Workbench()
    doc = bench.new("meeting")
    r = bench.preview({**{k: doc[k] for k in ("base", "values", "meta", "name")}, "outline": "meeting"})
    host = next(d for d in r["documents"] if d["name"] == "主持词")
    lines = ["".join(run["text"] for run in b["runs"]) for b in host["blocks"]]
    assert "下面，进行会议第一项：【待填写：类型】。" in lines and r["findings"] == []

"""``drafter import`` of an existing 主持词 into the meeting pack's questionnaire: the leaders, their
order and titles, the agenda items (kind, speakers, the chair's remarks) recovered, with the same
fidelity rule as every import — the 主持词 rendered from the imported questionnaire has every
paragraph of the source, or the source goes to the free-structure outline, nothing lost."""
from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from conftest import ROOT

PACK = ROOT / "examples" / "meeting"

# A 主持词 written by hand for another (fictional) meeting, in the usual phrasing: items without a
# speaker, a 表态发言 by two people whose titles hold a 、, an award, a requirement list.
HOST = textwrap.dedent("""\
    在全县志愿服务工作推进会上的主持词
    罗晓峰
    （2025年4月8日）
    同志们：
    现在开会。
    今天召开全县志愿服务工作推进会，主要任务是总结一季度志愿服务工作，安排下一阶段任务。
    出席今天会议的领导有：县委副书记韩立新同志，县委常委、宣传部部长叶舒同志，副县长孟川同志。
    参加今天会议的还有各乡镇分管负责同志和县直有关单位负责同志。
    今天的会议共有五项议程。
    下面，进行会议第一项：传达学习全市志愿服务工作会议精神。
    下面，进行会议第二项：请县民政局、城关镇作交流发言。
    两个单位的做法都很实在，希望大家会后多交流。
    下面，进行会议第三项：请县委常委、宣传部部长叶舒同志、县文明办主任魏宁同志作表态发言。
    下面，进行会议第四项：请县委副书记韩立新同志为2024年度优秀志愿服务项目颁奖。
    下面，进行会议第五项：请县委副书记韩立新同志讲话。
    同志们，今天的会议时间不长，但要求很明确。
    会后，希望大家认真抓好会议精神的贯彻落实：一是尽快传达到基层志愿服务队伍。二是在月底前报送下一阶段工作安排。
    散会。
    """)


def imported(drafter_cli, source: Path, out: Path) -> dict:
    result = drafter_cli("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    return yaml.safe_load(out.read_text(encoding="utf-8")), result.output


def paragraphs(path: Path) -> list:
    return [line.strip("　").replace("【议程事项】", "") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_the_pack_s_own_host_script_comes_back_as_its_facts(drafter_cli, tmp_path):
    assert drafter_cli("render", PACK / "会议.yaml", "-o", tmp_path / "材料").exit_code == 0
    data, output = imported(drafter_cli, tmp_path / "材料" / "主持词.docx", tmp_path / "导入.yaml")
    assert data["大纲"] == "meeting" and "按“会议材料包”导入" in output
    assert data["会议名称"] == "临江区社会工作会议" and data["主持人"] == "沈清禾"
    # the leaders the chair introduced, in that order, with their titles (the chair does not
    # introduce herself: check will ask for her to be added)
    assert [(p["姓名"], p["职务"]) for p in data["出席领导"]] == [
        ("陆承泽", "区委副书记"), ("顾明远", "副区长"), ("许嘉宁", "区政协副主席")]
    assert [(i["类型"], [s["姓名或单位"] for s in i["发言人"]]) for i in data["议程"]] == [
        ("传达学习", ["方毅"]), ("通报", ["区委社会工作部"]), ("交流发言", ["望江街道", "区民政局", "滨河社区"]),
        ("讲话", ["陆承泽"])]
    assert data["议程"][0]["发言人"][0]["职务"] == "区委社会工作部常务副部长"
    assert data["议程"][2]["主持人插话"].startswith("刚才，三个单位的发言各有特色")
    assert len(data["会议要求"]) == 3 and data["议程句式"] == "今天的会议共有{项数}项议程。"


def test_a_hand_written_host_script_imports_and_renders_back_paragraph_for_paragraph(drafter_cli, tmp_path):
    source = tmp_path / "主持词.txt"
    source.write_text(HOST, encoding="utf-8")
    data, output = imported(drafter_cli, source, tmp_path / "导入.yaml")
    assert data["大纲"] == "meeting"
    assert [(p["姓名"], p["职务"]) for p in data["出席领导"]] == [
        ("韩立新", "县委副书记"), ("叶舒", "县委常委、宣传部部长"), ("孟川", "副县长")]
    items = data["议程"]
    assert [i["类型"] for i in items] == ["传达学习", "交流发言", "表态发言", "颁奖", "讲话"]
    assert items[0]["发言人"] in (None, []) and items[0]["内容"] == "全市志愿服务工作会议精神"
    assert [(s["姓名或单位"], s["职务"]) for s in items[2]["发言人"]] == [
        ("叶舒", "县委常委、宣传部部长"), ("魏宁", "县文明办主任")]         # 、 inside a title kept
    assert items[3]["内容"] == "2024年度优秀志愿服务项目"
    assert items[1]["主持人插话"].strip() == "两个单位的做法都很实在，希望大家会后多交流。"
    assert data["会议要求"] == ["尽快传达到基层志愿服务队伍", "在月底前报送下一阶段工作安排"]
    # the announced count follows the items: 五项 is right here and stays
    assert "五项" not in output
    # fill in what a 主持词 does not say, then the pack renders the very same 主持词
    q = tmp_path / "导入.yaml"
    text = q.read_text(encoding="utf-8").replace("会议地点: （待填写）", "会议地点: 县政府第二会议室")
    q.write_text(text, encoding="utf-8")
    assert drafter_cli("render", q, "-o", tmp_path / "材料", "--format", "txt").exit_code == 0
    assert paragraphs(tmp_path / "材料" / "主持词.txt") == paragraphs(source)
    # the chair was not introduced, so check asks for her among those attending
    checked = drafter_cli("check", q)
    assert "[pack-chair]" in checked.output and "罗晓峰" in checked.output


def test_a_wrong_count_of_items_is_corrected_and_said(drafter_cli, tmp_path):
    source = tmp_path / "主持词.txt"
    source.write_text(HOST.replace("共有五项议程", "共有六项议程"), encoding="utf-8")
    data, output = imported(drafter_cli, source, tmp_path / "导入.yaml")
    assert data["大纲"] == "meeting" and "六项" in output and "五项" in output


def test_a_host_script_the_template_cannot_write_goes_to_the_free_structure(drafter_cli, tmp_path):
    source = tmp_path / "主持词.txt"
    odd = HOST.replace("今天的会议共有五项议程。\n", "今天的会议共有五项议程。\n请大家起立，奏唱国歌。\n")
    source.write_text(odd, encoding="utf-8")
    data, output = imported(drafter_cli, source, tmp_path / "导入.yaml")
    assert data["大纲"] == "free" and "没有位置" in output
    assert drafter_cli("render", tmp_path / "导入.yaml", "-o", tmp_path / "回.txt").exit_code == 0
    assert paragraphs(tmp_path / "回.txt") == paragraphs(source)      # nothing lost

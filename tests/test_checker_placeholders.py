"""Leftover placeholders: each mask a drafter leaves is found; ordinary text is left alone."""
import pytest

from drafter.checker import check_draft
from drafter.read.reader import draft_from_text


def found(text, rule="placeholder"):
    return [f for f in check_draft(draft_from_text(text)) if f.rule_id == rule]


@pytest.mark.parametrize("sentence", [
    "以*街道为例，今年新建社区食堂6个。",
    "请××社区的同志在会后提交材料。",
    "XX区的做法值得推广。",
    "X市委社会工作部牵头制定实施方案。",
    "全面落实X中央关于基层治理的部署。",
    "从ZZ高度认识做好社会工作的重要意义。",
    "本次培训由______负责组织。",
    "〇〇社区建成了议事长廊。",
    "○○镇的经验做法值得学习。",
    "全年走访困难群众【待补】户。",
    "经费保障情况（待定），请财政局补充。",
    "去年以来的主要做法……（略）",
    "202x年，全区志愿服务工作取得新进展。",
    "20XX年全市社区工作者队伍稳定在万人以上。",
    "定于X月X日召开全区推进会。",
    "会议定于x月召开。",
    "由□□同志负责联络。",
    "会议由【待填写：主持人姓名】主持。",
    "今年共建成【待核实：站点数】个志愿服务站。",
    "（待确认：参会范围）",
    "x镇在全区率先完成网格划分。",                  # lower-case single letters (issue 20)
    "x市委社会工作部牵头起草方案。",
    "请x书记作总结讲话。",
    "全年投入资金x亿元。",
    "某某市的经验值得推广。",
    "请某某同志介绍经验。",
])
def test_placeholder_is_an_error(sentence):
    fs = found(f"在全区社会工作会议上的讲话\n同志们：\n{sentence}\n")
    assert len(fs) >= 1, sentence
    assert fs[0].severity == "错误" and fs[0].line == 3
    assert "定稿前须替换" in fs[0].message


@pytest.mark.parametrize("sentence", [
    "实行5*8小时轮班值守，确保热线随时有人接听。",
    "场地按3×4米的标准划分摊位。",
    "社区医院新添了X光机和彩超设备。",
    "组织青年参加XBRL财务报表培训。",
    "二〇〇八年，我们经历了抗震救灾的考验。",
    "全市5G基站覆盖所有行政村。",
    "推动社区工作者队伍专业化、职业化发展。",
    "该案当事人张某某已依法处理。",
    "启动“数据要素×”三年行动。",                   # the sign is part of the name
    "推进“人工智能+”和“数据要素×”行动。",
    "用x轴表示年份。",
])
def test_ordinary_text_is_not_a_placeholder(sentence):
    assert found(f"在全区社会工作会议上的讲话\n同志们：\n{sentence}\n") == []


def test_each_placeholder_is_reported_once_with_its_text():
    fs = found("标题\n同志们：\n20××年，×县和X市的做法都要总结。\n")
    texts = [f.message.split("“")[1].split("”")[0] for f in fs]
    assert texts == ["20××", "×", "X"]


def test_placeholder_in_title_is_found():
    fs = found("在202x年全县民政工作会议上的讲话\n同志们：\n今天开会。\n")
    assert [f.line for f in fs] == [1]


def test_a_named_gap_is_reported_whole():
    # drafter mcp tells assistants to leave 【待填写：…】 instead of guessing a fact
    fs = found("标题\n同志们：\n全年办结群众诉求【待填写：办结件数】件，满意率【待填写：满意率】。\n")
    texts = [f.message.split("“")[1].split("”")[0] for f in fs]
    assert texts == ["【待填写：办结件数】", "【待填写：满意率】"]

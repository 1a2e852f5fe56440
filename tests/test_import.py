"""drafter import: the outline is chosen and explained, counts follow the content, the
questionnaire helps the clerk update, limits are kept and reported, bad input fails cleanly."""
import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from helpers import render_questionnaire, tree_as_read
from drafter.checker.run import check_file
from drafter.importer.run import heading_tree, import_draft, import_file
from drafter.genre.outline import find_outline
from drafter.read.reader import draft_from_text, read_draft

SEEDS = ROOT.parent / "shared" / "seeds"
TODAY = dt.date(2026, 3, 2)


def seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(prefix + "_*.txt")) if SEEDS.is_dir() else []
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the seed texts are missing: {SEEDS}")
        pytest.skip("../shared/seeds is not beside this checkout")
    return found[0]


def rendered(result):
    draft = render_questionnaire(result.text)
    return draft


# A report written by us: it announces 三大行动 and lists four.
REPORT = """\
在全县志愿服务工作调研座谈会上的汇报发言
县委社会工作部
（2025年5月20日）
尊敬的各位领导，同志们：
今年以来，县委社会工作部认真落实上级部署，推动志愿服务由“有没有”向“好不好”转变。我们把2025年定为“志愿服务深化年”，实施三大行动，着力让志愿服务走进千家万户。现将有关情况汇报如下：
实施阵地拓展行动，在扩大服务覆盖上聚力攻坚。我们把服务站点建到群众家门口。一是建站点。全县新建志愿服务站45个，覆盖率达92%。二是强管理。建立站长例会制度，全年召开例会12次。
实施队伍壮大行动，在提升专业能力上聚力攻坚。全年培训志愿者骨干1200余人次。
实施品牌培育行动，在打造特色项目上聚力攻坚。孵化“银发课堂”等项目18个。
实施数字赋能行动，在提高服务效率上聚力攻坚。上线“青溪志愿”小程序，注册志愿者达3.6万人。
总之，我们将认真落实这次座谈会的要求，把各项行动抓实抓细。
谢谢大家！
"""


def test_seed_000_is_a_report_of_actions_and_eight_actions_make_eight():
    result = import_file(seed("000"), today=TODAY)
    assert result.outline_id == "report-actions"
    assert any("汇报发言" in r for r in result.reasons) and any("实施……行动" in r for r in result.reasons)
    data = yaml.safe_load(result.text)
    assert len(data["行动"]) == 8
    draft = rendered(result)
    assert "实施八大行动" in draft.text() and "五大行动" not in draft.text()
    assert any("五大行动" in c and "八大行动" in c for c in result.changes)
    assert tree_as_read(draft) == heading_tree(read_draft(seed("000")))


def test_seed_002_is_a_speech_of_priorities_with_the_same_heading_tree():
    result = import_file(seed("002"), today=TODAY)
    assert result.outline_id == "speech-priorities"
    assert tree_as_read(rendered(result)) == heading_tree(read_draft(seed("002")))


def test_seed_004_is_meeting_news_with_the_same_heading_tree():
    result = import_file(seed("004"), today=TODAY)
    assert result.outline_id == "meeting-news"
    assert any("记者" in r for r in result.reasons)
    assert tree_as_read(rendered(result)) == heading_tree(read_draft(seed("004")))


def test_a_report_written_by_us_gets_its_count_from_its_actions(tmp_path):
    result = import_draft(draft_from_text(REPORT), today=TODAY)
    assert result.outline_id == "report-actions"
    draft = rendered(result)
    assert "实施四大行动" in draft.text()
    fixed = [c for c in result.changes if "三大行动" in c]
    assert fixed and "四大行动" in fixed[0]
    # every paragraph of the source is in the rendered draft, in order
    body = [b.text for b in draft.blocks]
    for line in REPORT.splitlines()[4:]:
        key = re.sub(r"[三四]大", "", line)
        assert any(key == re.sub(r"[三四]大", "", t) for t in body), line


def test_the_questionnaire_has_init_comments_figures_and_a_date_to_update(tmp_path):
    result = import_draft(draft_from_text(REPORT), today=TODAY)
    text = result.text
    assert "# 【会议名称】必填，不超过 40 字" in text          # the comments drafter init writes
    assert "# 原稿数字：45个、92%" in text                     # beside the item that holds them
    assert "# 原稿数字：1200余人次" in text
    date_line = text.index("汇报日期: 2025-05-20")
    assert "请改为今年的日期（原稿：2025年5月20日）" in text[:date_line].splitlines()[-1]
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    assert [f for f in check_file(path) if f.rule_id == "questionnaire"] == []


def test_a_source_without_a_date_gets_todays_date_and_says_so():
    undated = "\n".join(line for line in REPORT.splitlines() if "2025年5月20日" not in line)
    result = import_draft(draft_from_text(undated), today=TODAY)
    date_line = result.text.index(f"汇报日期: {TODAY.isoformat()}")
    assert "原稿没有日期，这里暂填今天的日期" in result.text[:date_line].splitlines()[-1]
    assert "原稿：" not in result.text[:date_line].splitlines()[-1]


def test_placeholders_are_kept_and_check_reports_them_on_the_questionnaire(tmp_path):
    source = REPORT.replace("县委社会工作部认真", "X市委社会工作部认真").replace("全县新建", "*街道新建") \
        .replace("把2025年定为", "把202x年定为")
    result = import_draft(draft_from_text(source), today=TODAY)
    path = tmp_path / "q.yaml"
    path.write_text(result.text, encoding="utf-8")
    found = [f for f in check_file(path) if f.rule_id == "placeholder"]
    for mark in ("X", "*", "202x"):
        assert any(f"“{mark}”" in f.message for f in found), mark
    assert all(f.line and f.path == path for f in found)
    assert "X市委社会工作部" in result.text and "*街道新建" in result.text and "202x年" in result.text


def test_values_beyond_the_limits_are_kept_whole_and_check_names_their_line(tmp_path):
    long_name = "社区志愿服务提质增效"          # 10 characters: the outline allows 8
    extra = "".join(f"实施第{n}项试点行动，在扩大覆盖上聚力攻坚。开展试点。\n" for n in "五六七八九十")
    source = REPORT.replace("阵地拓展", long_name).replace("总之，", extra + "总之，")
    result = import_draft(draft_from_text(source), today=TODAY)
    assert result.outline_id == "report-actions"
    data = yaml.safe_load(result.text)
    assert len(data["行动"]) == 10 and data["行动"][0]["名称"] == long_name
    path = tmp_path / "q.yaml"
    path.write_text(result.text, encoding="utf-8")
    found = {f.message: f.line for f in check_file(path) if f.rule_id == "outline-limit"}
    lines = result.text.splitlines()
    name_msg = next(m for m in found if "「名称」" in m and "8 个字" in m)
    assert long_name in lines[found[name_msg] - 1]
    assert any("「行动」最多 9 项，现在有 10 项" in m for m in found)


def test_an_outline_the_text_does_not_fit_gives_the_free_structure_with_a_reason():
    result = import_draft(draft_from_text(REPORT), outline_id="leader-speech", today=TODAY)
    assert result.outline_id == "free"
    assert "不适合" in result.reasons[0] and "自由结构" in result.reasons[0]
    assert heading_tree(rendered(result)) == heading_tree(draft_from_text(REPORT))


def test_no_outline_fits_a_short_notice_so_the_free_structure_takes_every_paragraph():
    text = "关于调整值班安排的说明\n一、调整的原因\n近期任务较多，值班需要加强。\n二、调整的内容\n每天增加一名值班人员。\n（一）白天\n由办公室安排。\n"
    result = import_draft(draft_from_text(text), today=TODAY)
    assert result.outline_id == "free"
    assert any("自由结构" in r for r in result.reasons)
    out = rendered(result)
    assert [b.text for b in out.blocks] == [b.text for b in draft_from_text(text).blocks]


def test_cli_writes_beside_the_input_never_overwrites_and_refuses_bad_input(tmp_path, drafter_cli):
    src = tmp_path / "去年汇报.txt"
    src.write_text(REPORT, encoding="utf-8")
    r = drafter_cli("import", src)
    assert r.exit_code == 0, r.output
    out = tmp_path / "去年汇报.yaml"
    assert out.is_file() and "八大" not in r.output
    assert "四大行动" in r.output
    # the choice in plain words: what the source looks like; scores and ids only when asked for
    assert "按“汇报发言”导入：标题是“……汇报发言”" in r.output and "后面有四段“实施……行动”" in r.output
    assert "report-actions" not in r.output and not re.search(r"\d+ 分", r.output)
    r = drafter_cli("import", src, "--verbose", "-o", tmp_path / "详细.yaml")
    assert "（大纲：report-actions）" in r.output and "得 10 分" in r.output and "（+3）" in r.output
    before = out.read_text(encoding="utf-8")
    r = drafter_cli("import", src)
    assert r.exit_code != 0 and "已存在" in r.output and "--force" in r.output
    assert out.read_text(encoding="utf-8") == before
    assert drafter_cli("import", src, "--force").exit_code == 0
    r = drafter_cli("import", src, "--outline", "report-actions", "-o", tmp_path / "汇报.yaml")
    assert r.exit_code == 0 and (tmp_path / "汇报.yaml").is_file()
    r = drafter_cli("render", tmp_path / "汇报.yaml", "-o", tmp_path / "汇报.txt")
    assert r.exit_code == 0, r.output
    assert "实施四大行动" in (tmp_path / "汇报.txt").read_text(encoding="utf-8")
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    r = drafter_cli("import", bad)
    assert r.exit_code != 0 and "坏.docx" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "坏.yaml").exists()
    r = drafter_cli("import", tmp_path / "没有这个文件.txt")
    assert r.exit_code != 0 and "没有这个文件.txt" in r.output
    empty = tmp_path / "空白.txt"
    empty.write_text("\n\n", encoding="utf-8")
    r = drafter_cli("import", empty)
    assert r.exit_code != 0 and "空白.txt" in r.output and "没有文字" in r.output
    assert not (tmp_path / "空白.yaml").exists()


def test_the_free_outline_nests_without_end_and_a_use_must_name_an_enclosing_question(tmp_path):
    from drafter.errors import OutlineError
    from drafter.genre.outline import load_outline
    from drafter.genre.scaffold import write_questionnaire
    free = find_outline("free")
    section = free.root.child("sections").item
    assert section.child("sections").item is section          # the recursion the schema allows
    text = write_questionnaire(free)                           # init stops at the recursive list
    assert text.count("【下级】") == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nname: 甲\ndescription: 乙\ntemplate: t.xml.j2\nquestions:\n"
                   "  - {key: a, label: 甲, type: list, item: {use: zzz}}\n", encoding="utf-8")
    with pytest.raises(OutlineError) as e:
        load_outline(bad)
    assert "use: zzz" in e.value.message and "bad.yaml:6" in e.value.format_message()


def test_import_takes_many_sources_into_a_folder(tmp_path, drafter_cli):
    (tmp_path / "原稿").mkdir()
    (tmp_path / "原稿" / "汇报.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "原稿" / "汇报.md").write_text(REPORT, encoding="utf-8")
    (tmp_path / "原稿" / "坏.docx").write_bytes(b"not a zip")
    r = drafter_cli("import", tmp_path / "原稿", "-o", tmp_path / "问卷/")
    assert r.exit_code == 1, r.output
    assert sorted(p.name for p in (tmp_path / "问卷").iterdir()) == ["汇报-2.yaml", "汇报.yaml"]
    assert r.output.count("已导入：") == 2 and r.output.count("按“汇报发言”导入") == 2
    assert "共 3 份：成功 2 份，失败 1 份" in r.output and "坏.docx" in r.output
    r = drafter_cli("import", tmp_path / "原稿" / "汇报.txt", tmp_path / "原稿" / "汇报.md")
    assert r.exit_code != 0 and "-o" in r.output          # many sources need a folder
    r = drafter_cli("import", tmp_path / "原稿" / "汇报.txt", tmp_path / "原稿" / "汇报.md", "-o", tmp_path / "问卷/")
    assert r.exit_code == 1 and r.output.count("文件已存在") == 2      # nothing overwritten without --force

"""drafter compare (issue 22, point 3): two drafts in any combination of .txt/.md/.docx, the second
typeset with every difference as a tracked change, and a summary with figures, dates, names and
提法 first. LibreOffice judges the document: accept all gives the second draft, reject all the first."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import docx_fixtures as fx
from helpers import run_capped
from lo_review import inspect

FIRST = """在全区社区服务工作推进会上的讲话
（2025年3月18日）
同志们：
今天，我们召开全区社区服务工作推进会，主要是总结去年工作、部署今年任务。
一、回顾成效
过去一年，全区新建社区服务站12个，服务居民1000余人次。东城街道的做法值得推广。
大家常说“服务无小事”，这句话我们要记牢。
二、明确任务
今年要重点抓好三件事：一是完善服务设施。二是壮大志愿队伍。三是提升服务质量。
要坚持党建引领，这一条不能含糊。
各街道要在6月底前报送进展。
谢谢大家！
"""
SECOND = """在全区社区服务工作推进会上的讲话
（2025年3月20日）
同志们：
今天，我们召开全区社区服务工作推进会，主要是总结去年工作、部署今年任务。
一、回顾成效
过去一年，全区新建社区服务站15个，服务居民1000余人次。西城街道的做法值得推广。
二、明确任务
今年要重点抓好四件事：一是完善服务设施。二是壮大志愿队伍。三是提升服务质量。四是加强“五社联动”。
大家常说“服务无小事”，这句话我们要记牢。
各街道要在5月底前报送进展，区委社会工作部要加强督导。
谢谢大家！
"""


def texts(paragraphs: list) -> list:
    """Paragraph texts without empty ones: uno_client's accept/reject removes a table's text but
    cannot remove its rows (LibreOffice reads each row's w:del as a change of its cells' text), so
    a table removed whole leaves empty cells there."""
    return [t for t in paragraphs if t]


def drafter(*args):
    r = run_capped([str(a) for a in args])
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    d = tmp_path_factory.mktemp("compare")
    (d / "一稿.txt").write_text(FIRST, encoding="utf-8")
    (d / "二稿.txt").write_text(SECOND, encoding="utf-8")
    fx.clerk_speech(d / "讲话.docx")
    (d / "讲话二稿.md").write_text(
        "# 在全区社区服务工作推进会上的讲话\n\n（2025年3月18日）\n\n同志们：\n\n"
        "今天，我们召开全区社区服务工作推进会，主要是总结去年工作。\n\n"
        "全区新建服务站十五个，详见区里的通报。\n\n## 一、回顾成效，增强信心\n\n"
        "上图是服务站的分布，请大家对照落实。\n\n各街道要在月底前报送进展。\n\n谢谢大家！\n", encoding="utf-8")
    out = {"dir": d}
    for key, a, b in (("txt", "一稿.txt", "二稿.txt"), ("mixed", "讲话.docx", "讲话二稿.md")):
        code, stdout, stderr = drafter("compare", d / a, d / b)
        assert code == 0, stderr
        path = d / f"{Path(a).stem}→{Path(b).stem}（对照）.docx"
        out[key] = {"stdout": stdout, "stderr": stderr, "path": path}
        for side, name in (("a", a), ("b", b)):
            drafter("format", d / name, "--keep-text", "-o", d / f"{key}-{side}.docx")
    files = []
    for key in ("txt", "mixed"):
        files += [out[key]["path"], d / f"{key}-a.docx", d / f"{key}-b.docx"]
    seen = inspect(files)
    for k, key in enumerate(("txt", "mixed")):
        out[key]["lo"], out[key]["a"], out[key]["b"] = seen[3 * k:3 * k + 3]
    return out


def test_the_summary_lists_figures_dates_names_and_tifa_first(made):
    lines = made["txt"]["stdout"].splitlines()
    assert lines[0].startswith("改动：数字 2 处，日期 2 处，名称 1 处，提法 1 处")
    body = [line.strip() for line in lines[1:] if line.startswith("  ")]
    assert body[:6] == [
        "数字：12个→15个（一稿第6段、二稿第6段）",
        "数字：三件→四件（一稿第9段、二稿第8段）",
        "日期：2025年3月18日→2025年3月20日（一稿第2段、二稿第2段）",
        "日期：6月→5月（一稿第11段、二稿第10段）",
        "名称：东城街道→西城街道（一稿第6段、二稿第6段）",
        "提法：新增“四是加强“五社联动”。”（一稿第9段、二稿第8段）",
    ]
    rest = "\n".join(body[6:])
    assert "移动段落：“大家常说“服务无小事”，这句话我们要记牢。”（一稿第7段、二稿第9段）" in rest
    assert "删去段落：“要坚持党建引领，这一条不能含糊。”（一稿第10段）" in rest
    assert re.search(r"文字：进展.*区委社会工作部要加强督导", rest)
    assert made["txt"]["path"].name == "一稿→二稿（对照）.docx"


def test_accept_all_gives_the_second_draft_and_reject_all_the_first(made):
    for key in ("txt", "mixed"):
        lo = made[key]["lo"]
        assert texts(lo["accepted"]) == texts(made[key]["b"]["text"]), key
        assert texts(lo["rejected"]) == texts(made[key]["a"]["text"]), key
        assert f"修订 {len(lo['redlines'])} 处" in made[key]["stdout"] and lo["redlines"], key
        assert {r["author"] for r in lo["redlines"]} == {"drafter"}


def test_a_docx_against_markdown_lists_its_changes(made):
    out = made["mixed"]["stdout"]
    assert "数字：十二个→十五个" in out
    assert "文字：里的的通报→里的通报" in out or "的的" in out
    assert "删去段落" in out


def test_json_summary_for_tools(made, tmp_path):
    d = made["dir"]
    code, out, err = drafter("compare", d / "一稿.txt", d / "二稿.txt", "--format", "json", "-o", tmp_path / "对照.docx")
    data = json.loads(out)
    assert code == 0 and data["counts"]["数字"] == 2 and data["output"] == str(tmp_path / "对照.docx")
    assert data["changes"][0] == {"kind": "数字", "before": "12个", "after": "15个", "line_first": 6,
                                  "line_second": 6, "text": "数字：12个→15个（一稿第6段、二稿第6段）"}


def test_the_same_text_twice_has_nothing_to_show(tmp_path):
    (tmp_path / "甲.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "乙.txt").write_text(FIRST, encoding="utf-8")
    code, out, err = drafter("compare", tmp_path / "甲.txt", tmp_path / "乙.txt")
    assert code == 0 and "两稿文字相同" in out and "修订 0 处" in out


def test_tables_changed_are_removed_and_added_whole(tmp_path):
    import docx
    for name, cell in (("甲.docx", "5"), ("乙.docx", "7")):
        doc = docx.Document()
        doc.add_paragraph("各街道站点数如下。")
        t = doc.add_table(rows=2, cols=2)
        for r, row in enumerate((("街道", "站点"), ("东城", cell))):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
        doc.add_paragraph("请各街道核实。")
        doc.save(str(tmp_path / name))
    code, out, err = drafter("compare", tmp_path / "甲.docx", tmp_path / "乙.docx", "-o", tmp_path / "对照.docx")
    assert code == 0, err
    for side, name in (("a", "甲.docx"), ("b", "乙.docx")):
        drafter("format", tmp_path / name, "--keep-text", "-o", tmp_path / f"{side}.docx")
    lo, a, b = inspect([tmp_path / "对照.docx", tmp_path / "a.docx", tmp_path / "b.docx"])
    assert texts(lo["accepted"]) == texts(b["text"]) and texts(lo["rejected"]) == texts(a["text"])
    assert lo["accepted"].count("东城") == 1 and lo["rejected"].count("5") == 1
    assert f"修订 {len(lo['redlines'])} 处" in out


@pytest.mark.parametrize("data, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"), "设置了打开密码"),
    (b"PK\x03\x04 broken", "不是有效的 .docx"),
])
def test_bad_input_gets_one_chinese_message_and_no_output(tmp_path, data, words):
    bad = tmp_path / "坏稿.docx"
    bad.write_bytes(data)
    good = tmp_path / "好稿.txt"
    good.write_text(FIRST, encoding="utf-8")
    for args in ((bad, good), (good, bad)):
        code, out, err = drafter("compare", *args)
        assert code == 2 and words in err and "Traceback" not in err
    code, out, err = drafter("compare", good, tmp_path / "图.png")
    assert code == 2 and "不支持的文件类型" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏稿.docx", "好稿.txt"]


def test_character_diff_rebuilds_the_new_text_and_shows_an_added_sentence_whole():
    import random
    from drafter.review import char_opcodes
    ops = char_opcodes("三是提升服务质量。", "三是提升服务质量。四是加强“五社联动”。")
    assert ops[-1] == ("insert", 9, 9, 9, 20)
    rnd = random.Random(7)
    for _ in range(3000):
        a = "".join(rnd.choice("ab。，c") for _ in range(rnd.randint(0, 12)))
        b = "".join(rnd.choice("ab。，c") for _ in range(rnd.randint(0, 12)))
        at = bt = 0
        for tag, i1, i2, j1, j2 in char_opcodes(a, b):
            assert (i1, j1) == (at, bt) and (tag != "equal" or a[i1:i2] == b[j1:j2]), (a, b)
            at, bt = i2, j2
        assert (at, bt) == (len(a), len(b))

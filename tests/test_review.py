"""The review loop in Word (issue 22): check --annotate [--fix] and format --track-changes, run as a
clerk runs them, and judged by LibreOffice reading the results (tests/uno_client.py).

One LibreOffice session serves the whole module: every output is made first, then read at once.
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

import docx_fixtures as fx
from helpers import run_capped
from lo_review import inspect
from ooxml_equiv import canonical, parts

HERE = Path(__file__).resolve().parent
HAND = HERE / "format_cases" / "hand_speech.txt"
ANCHORS = ("commentRangeStart", "commentRangeEnd", "commentReference")


def drafter(*args, cwd=None):
    r = run_capped(list(args), cwd=cwd)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def findings_of(path: Path) -> list:
    code, out, _ = drafter("check", path, "--format", "json")
    return json.loads(out)["files"][0]["findings"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Every output of the module, and what LibreOffice sees in each."""
    d = tmp_path_factory.mktemp("review")
    fx.clerk_speech(d / "讲话.docx")
    fx.rich_draft(d / "材料.docx")
    (d / "手稿.txt").write_text(HAND.read_text(encoding="utf-8"), encoding="utf-8")
    runs = {
        "annotated": ("check", d / "讲话.docx", "--annotate"),
        "fixed": ("check", d / "讲话.docx", "--annotate", "--fix", "-o", d / "讲话（改正）.docx"),
        "rich": ("check", d / "材料.docx", "--annotate"),
        "tracked": ("format", d / "讲话.docx", "--track-changes"),
        "plain": ("format", d / "讲话.docx"),
        "kept": ("format", d / "讲话.docx", "--keep-text", "-o", d / "讲话（原文）.docx"),
        "txt-tracked": ("format", d / "手稿.txt", "--track-changes"),
        "txt-plain": ("format", d / "手稿.txt"),
        "txt-annotated": ("check", d / "手稿.txt", "--annotate"),
    }
    out = {}
    for key, args in runs.items():
        code, stdout, stderr = drafter(*args)
        m = re.search(r"已生成：(.+?\.docx)", stdout + stderr)
        assert m, (key, code, stdout, stderr)
        out[key] = {"code": code, "stdout": stdout, "stderr": stderr, "path": Path(m.group(1))}
    keys = list(out) + ["source"]
    seen = inspect([out[k]["path"] for k in out] + [d / "讲话.docx"])
    for k, s in zip(keys, seen):
        out.setdefault(k, {})["lo"] = s
    out["dir"] = d
    return out


def _mine(lo: dict) -> list:
    return [c for c in lo["comments"] if c["author"] == "drafter"]


def test_annotate_puts_a_comment_on_the_characters_each_finding_quotes(made):
    d = made["dir"]
    findings = findings_of(d / "讲话.docx")
    mine = _mine(made["annotated"]["lo"])
    assert f"批注 {len(findings)} 条" in made["annotated"]["stdout"] + made["annotated"]["stderr"]
    assert len(mine) == len(findings) >= 6
    anchors = sorted(c["anchor"] for c in mine)
    # what each finding quotes, from the message (“…” right after the rule's words, or the snippet)
    expected = {"2025年03月18日", ":", ",", "的的", "。", "202x", "...", "!"}
    assert set(anchors) == expected, anchors
    for c in mine:
        assert "规则：" in c["content"] and "依据：" in c["content"], c
    placeholder = next(c for c in mine if c["anchor"] == "202x")
    assert "遗留未定年份" in placeholder["content"] and "错误" in placeholder["content"]
    comma = next(c for c in mine if c["anchor"] == ",")
    assert "建议" not in comma["content"] or "改为" in comma["content"]
    assert "drafter format 可自动修正" in comma["content"]


def test_annotate_changes_nothing_but_the_comments_and_their_anchors(made):
    d = made["dir"]
    before, after = parts(d / "讲话.docx"), parts(made["annotated"]["path"])
    changed = {n for n in after if before.get(n) != after[n]}
    assert changed == {"word/document.xml", "word/comments.xml"}, changed    # the 科长's part is extended
    assert canonical(after["word/document.xml"], drop=ANCHORS) == canonical(before["word/document.xml"], drop=ANCHORS)
    old = canonical(before["word/comments.xml"])
    assert canonical(after["word/comments.xml"]).startswith(old[:old.rindex(b"</w:comments>")])
    assert made["annotated"]["lo"]["text"] == made["source"]["lo"]["text"]
    assert made["annotated"]["lo"]["images"] == made["source"]["lo"]["images"]


def test_annotate_keeps_the_comments_already_there_and_adds_the_parts_it_needs(made):
    lo = made["annotated"]["lo"]
    theirs = [c for c in lo["comments"] if c["author"] != "drafter"]
    assert theirs == [{"author": "王科长", "content": "月底前是否来得及？", "anchor": "各街道要在月底前报送进展。"}]
    d = made["dir"]
    before, after = parts(d / "材料.docx"), parts(made["rich"]["path"])
    assert {n for n in after if before.get(n) != after[n]} <= {"word/document.xml", "word/comments.xml"}
    assert made["rich"]["lo"]["comments"][0]["author"] == "审稿人"


def test_a_file_without_comments_gets_the_comments_part_and_its_two_entries(tmp_path):
    src = tmp_path / "短稿.docx"
    import docx
    doc = docx.Document()
    doc.add_paragraph("同志们:")
    doc.add_paragraph("今天,我们开会。")
    doc.save(str(src))
    code, out, err = drafter("check", src, "--annotate")
    target = tmp_path / "短稿（批注）.docx"
    before, after = parts(src), parts(target)
    assert set(after) - set(before) == {"word/comments.xml"}
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert after["word/_rels/document.xml.rels"].count(b"relationships/comments") == 1
    assert b'PartName="/word/comments.xml"' in after["[Content_Types].xml"]
    assert canonical(after["word/document.xml"], drop=ANCHORS) == canonical(before["word/document.xml"], drop=ANCHORS)
    # Word's own shape: start before the quoted character, end after it, then the reference run
    xml = after["word/document.xml"].decode("utf-8")
    assert re.search(r'<w:commentRangeStart w:id="(\d+)"/><w:r>(?:(?!</w:r>).)*<w:t[^>]*>:</w:t></w:r>'
                     r'<w:commentRangeEnd w:id="\1"/><w:r><w:commentReference w:id="\1"/></w:r>', xml), xml


def test_fix_tracks_the_corrections_in_the_clerks_own_file(made):
    lo, plain = made["fixed"]["lo"], made["plain"]["lo"]
    said = made["fixed"]["stdout"] + made["fixed"]["stderr"]
    assert f"修订 {len(lo['redlines'])} 处（改正 7 处）" in said and lo["redlines"]
    assert {r["author"] for r in lo["redlines"]} == {"drafter"}
    squeeze = lambda paras: re.sub(r"\s", "", "".join(paras))   # noqa: E731 — layout differs, text does not
    # the clerk's 一、 is Word's automatic number: LibreOffice reads it as a list label, not as text
    assert squeeze(lo["accepted"]) == squeeze(plain["text"]).replace("一、", "", 1)
    assert lo["rejected"] == made["source"]["lo"]["text"]
    # the clerk's layout is kept: every part but the main part and the comments is as it was
    before, after = parts(made["dir"] / "讲话.docx"), parts(made["fixed"]["path"])
    assert {n for n in after if before.get(n) != after[n]} == {"word/document.xml", "word/comments.xml"}
    # what format corrects is a revision; the rest stays a comment
    assert sorted(c["anchor"] for c in _mine(lo)) == ["202x", "的的"]


def test_format_track_changes_accepts_to_format_and_rejects_to_the_source(made):
    for tracked, plain in (("tracked", "plain"), ("txt-tracked", "txt-plain")):
        lo = made[tracked]["lo"]
        assert lo["accepted"] == made[plain]["lo"]["text"], tracked
        said = made[tracked]["stdout"] + made[tracked]["stderr"]
        assert f"修订 {len(lo['redlines'])} 处" in said and lo["redlines"], tracked
    assert made["tracked"]["lo"]["rejected"] == made["kept"]["lo"]["text"]      # format --keep-text: the source's text
    source_lines = [line.strip() for line in HAND.read_text(encoding="utf-8").splitlines() if line.strip()]
    rejected = made["txt-tracked"]["lo"]["rejected"]
    assert "".join(rejected).replace("\n", "") == "".join(source_lines)


def test_annotating_a_text_draft_typesets_it_with_the_comments(made):
    lo = made["txt-annotated"]["lo"]
    findings = findings_of(HAND)
    assert len(_mine(lo)) == len(findings)
    assert not lo["redlines"]
    assert made["txt-annotated"]["path"].name == "手稿（批注）.docx"
    assert {"!", "2025年01月06日", "二是"} <= {c["anchor"] for c in _mine(lo)}


def test_fix_stops_at_tracked_changes_nobody_has_decided(made, tmp_path):
    code, out, err = drafter("check", made["dir"] / "材料.docx", "--annotate", "--fix", "-o", tmp_path / "x.docx")
    assert code == 2 and "有 2 处修订" in err and "接受" in err and "--fix" in err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("data, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"), "设置了打开密码"),
    (b"PK\x03\x04 broken", "不是有效的 .docx"),
    (b"%PDF-1.4 not a word file", "不是有效的 .docx"),
])
def test_bad_input_gets_one_chinese_message_and_no_output(tmp_path, data, words):
    src = tmp_path / "坏稿.docx"
    src.write_bytes(data)
    for args in (("check", src, "--annotate"), ("check", src, "--annotate", "--fix"), ("format", src, "--track-changes")):
        code, out, err = drafter(*args)
        assert code == 2 and words in err and "Traceback" not in err, (args, err)
        assert len([line for line in err.splitlines() if line.startswith("错误")]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏稿.docx"]


def test_annotate_options_are_refused_where_they_make_no_sense(tmp_path):
    code, out, err = drafter("check", HAND, "--fix")
    assert code == 2 and "--annotate" in err
    code, out, err = drafter("format", HAND, "--track-changes", "--format", "pdf")
    assert code == 2 and "--track-changes" in err


def test_annotate_never_overwrites_without_force(tmp_path):
    src = tmp_path / "稿.txt"
    src.write_text("同志们:\n今天,我们开会。\n", encoding="utf-8")
    out = tmp_path / "稿（批注）.docx"
    out.write_bytes(b"clerk's own file")
    code, _, err = drafter("check", src, "--annotate")
    assert code == 1 and "--force" in err and out.read_bytes() == b"clerk's own file"
    code, _, err = drafter("check", src, "--annotate", "--force")
    assert zipfile.is_zipfile(out)

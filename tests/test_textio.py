"""Encodings as Notepad and WPS save them read identically; anything else is refused clearly."""
import codecs
import random

import pytest

from drafter.errors import InputUnreadable
from drafter.read.reader import read_draft
from drafter.textio import decode_text, read_text

TEXT = ("在全区社区治理工作推进会上的讲话\r\n同志们：\r\n今年以来，全区新建社区食堂6个，"
        "服务老年人3.2万人次，满意率达96%。下面，我讲两点意见。\r\n")

ENCODINGS = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16-le-bom": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "gb18030": TEXT.encode("gb18030"),
    "gbk": TEXT.encode("gbk"),
}


@pytest.mark.parametrize("name", ENCODINGS)
def test_every_office_encoding_reads_identically(tmp_path, name):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(ENCODINGS[name])
    assert read_text(path) == TEXT
    assert [b.text for b in read_draft(path).blocks] == [x for x in TEXT.split("\r\n") if x]


def test_random_bytes_are_unreadable():
    rng = random.Random(20250312)
    for _ in range(20):
        data = bytes(rng.randrange(256) for _ in range(400))
        with pytest.raises(InputUnreadable) as e:
            decode_text(data)
        assert e.value.exit_code == 2


@pytest.mark.parametrize("encoding", ["big5", "shift_jis"])
def test_other_cjk_encodings_are_not_mistaken_for_gbk(encoding):
    text = {"big5": "社會工作會議在臺北舉行，與會者討論了許多議題。" * 3,
            "shift_jis": "社会福祉の会議が開かれ、参加者は多くの議題について話し合った。" * 3}[encoding]
    with pytest.raises(InputUnreadable) as e:
        decode_text(text.encode(encoding))
    assert "无法识别文件编码" in e.value.message and e.value.hint


def test_binary_file_that_happens_to_be_valid_utf8_is_refused():
    with pytest.raises(InputUnreadable) as e:
        decode_text(b"\x00\x01\x02\x03PK\x00\x00" * 20)
    assert "控制字符" in e.value.message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputUnreadable, match="文件不存在"):
        read_text(tmp_path / "没有.txt")
    with pytest.raises(InputUnreadable, match="文件夹"):
        read_text(tmp_path)


def test_broken_utf16_is_refused():
    with pytest.raises(InputUnreadable, match="UTF-16"):
        decode_text(codecs.BOM_UTF16_LE + "同志们".encode("utf-16-le")[:-1])

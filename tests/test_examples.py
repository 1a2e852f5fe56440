"""Every example questionnaire validates and renders through every writer."""
import re

import pytest

from conftest import EXAMPLES
from drafter.api import draft_from_file, write_draft

CASES = sorted(EXAMPLES.glob("*.yaml"))
HALF_WIDTH_BESIDE_HAN = re.compile(r"[\u4e00-\u9fff][,:;()!?]|[,:;()!?][\u4e00-\u9fff]")


@pytest.mark.parametrize("example", CASES, ids=[c.stem for c in CASES])
@pytest.mark.parametrize("fmt", ["docx", "txt", "md"])
def test_example_renders(example, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    write_draft(draft_from_file(example), out, fmt)
    assert out.stat().st_size > 1000


@pytest.mark.parametrize("example", CASES, ids=[c.stem for c in CASES])
def test_no_half_width_punctuation_next_to_chinese_in_rendered_output(example, tmp_path):
    for fmt in ("txt", "md"):
        write_draft(draft_from_file(example), tmp_path / f"o.{fmt}", fmt)
        text = (tmp_path / f"o.{fmt}").read_text(encoding="utf-8")
        assert HALF_WIDTH_BESIDE_HAN.findall(text) == []


def test_leader_speech_example_is_a_full_length_speech():
    text = draft_from_file(EXAMPLES / "leader-speech.yaml").text()
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) >= 3000

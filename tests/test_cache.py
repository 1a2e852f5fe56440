"""The cache folder changes nothing but speed: cached runs write the same parts as uncached ones."""
import zipfile

import pytest

from conftest import EXAMPLES
from drafter.api import draft_from_file, write_draft


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("profile", ["gbt9704", "podium"])
def test_cached_blank_and_template_give_the_same_docx(tmp_path, monkeypatch, profile):
    from drafter.profile import load_profile
    draft_path = EXAMPLES / "leader-speech.yaml"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "off")
    write_draft(draft_from_file(draft_path), tmp_path / "plain.docx", "docx", profile=load_profile(profile))
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("first.docx", "cached.docx"):      # the first run fills the cache, the second reads it
        write_draft(draft_from_file(draft_path), tmp_path / name, "docx", profile=load_profile(profile))
    assert len(list((tmp_path / "cache" / "blank").glob("*.docx"))) == 1
    plain = parts(tmp_path / "plain.docx")
    assert parts(tmp_path / "first.docx") == plain
    assert parts(tmp_path / "cached.docx") == plain


def test_a_damaged_blank_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    draft = draft_from_file(EXAMPLES / "leader-speech.yaml")
    write_draft(draft, tmp_path / "a.docx", "docx")
    for entry in (tmp_path / "cache" / "blank").glob("*.docx"):
        entry.write_bytes(b"PK\x03\x04 damaged")
    write_draft(draft, tmp_path / "b.docx", "docx")
    assert parts(tmp_path / "b.docx") == parts(tmp_path / "a.docx")

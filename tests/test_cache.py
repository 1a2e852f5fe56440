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
    from drafter.profile.load import load_profile
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


# -- profiles: the checked leaves of a profile file are kept as JSON -------------------------------
OWN_PROFILE = "base: podium\ngrid: {lines_per_page: 14, strength: 实务}\n"


def test_a_profile_from_the_cache_is_the_profile_parsed(tmp_path, monkeypatch):
    from drafter.profile.load import load_profile
    path = tmp_path / "本单位.yaml"
    path.write_text(OWN_PROFILE, encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "off")
    plain = load_profile(path)
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    first, cached = load_profile(path), load_profile(path)
    assert len(list((tmp_path / "cache" / "profile").glob("*.json"))) == 3   # the file, podium, gbt9704
    assert repr(first) == repr(plain) and repr(cached) == repr(plain)
    assert cached.lines_per_page == 14 and cached.leaves == plain.leaves    # values, clauses and lines


def test_a_profile_from_the_cache_needs_no_yaml_parser(tmp_path):
    import os
    import subprocess
    import sys
    path = tmp_path / "本单位.yaml"
    path.write_text(OWN_PROFILE, encoding="utf-8")
    code = ("import sys; from drafter.profile.load import load_profile; p = load_profile(sys.argv[1]); "
            "print(p.lines_per_page, 'yaml' in sys.modules)")
    env = dict(os.environ, DRAFTER_CACHE_DIR=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs == [["14", "True"], ["14", "False"]]


def test_an_edited_profile_is_read_again(tmp_path, monkeypatch):
    from drafter.profile.load import load_profile
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "本单位.yaml"
    path.write_text(OWN_PROFILE, encoding="utf-8")
    assert load_profile(path).lines_per_page == 14
    path.write_text(OWN_PROFILE.replace("14", "15"), encoding="utf-8")
    assert load_profile(path).lines_per_page == 15


@pytest.mark.parametrize("payload", [b"not json", b"[1, 2]", b'[["grid.lines_per_page", 14]]', b"{}"])
def test_a_damaged_profile_entry_is_parsed_again(tmp_path, monkeypatch, payload):
    from drafter.cache import store
    from drafter.profile.load import load_profile
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "本单位.yaml"
    path.write_text(OWN_PROFILE, encoding="utf-8")
    good = repr(load_profile(path))
    for entry in (tmp_path / "cache" / "profile").glob("*.json"):
        store(entry, payload)             # framed and owned as drafter writes it: only the content is wrong
    assert repr(load_profile(path)) == good


# --- outlines: their YAML built once, kept as JSON ---------------------------------------------



def test_every_outline_from_the_cache_is_the_outline_parsed(tmp_path, monkeypatch):
    from drafter.genre.outline import list_outlines
    from drafter.yamlsrc import load_yaml, load_yaml_cached
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    outlines = list_outlines()
    assert len(list((tmp_path / "cache" / "yaml").glob("*.json"))) == len(outlines) >= 7
    for o in outlines:
        plain, cached = load_yaml(o.path), load_yaml_cached(o.path)
        assert cached.data == plain.data and cached.value_marks == plain.value_marks
        assert cached.key_marks == plain.key_marks and cached.cleaned_lines == plain.cleaned_lines
    assert [repr(o) for o in list_outlines()] == [repr(o) for o in outlines]


def test_an_edited_outline_is_read_again_and_its_mistake_has_its_line(tmp_path, monkeypatch):
    import shutil
    from drafter.errors import OutlineError
    from drafter.genre.outline import BUILTIN_OUTLINES, load_outline
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "free.yaml"
    shutil.copyfile(BUILTIN_OUTLINES / "free.yaml", path)
    assert load_outline(path).id == "free"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: free", "id: other"), encoding="utf-8")
    with pytest.raises(OutlineError) as e:
        load_outline(path)
    assert e.value.where.line == next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("id:"))


@pytest.mark.parametrize("payload", [b"not json", b"[1, 2]", b'{"data": {}}', b"{}",
                                     b'{"data": {}, "cleaned": [], "values": [[1, 2, 3]], "keys": []}'])
def test_a_damaged_outline_entry_is_parsed_again(tmp_path, monkeypatch, payload):
    from drafter.cache import store
    from drafter.genre.outline import BUILTIN_OUTLINES, load_outline
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    good = repr(load_outline(BUILTIN_OUTLINES / "leader-speech.yaml"))
    for entry in (tmp_path / "cache" / "yaml").glob("*.json"):
        store(entry, payload)
    assert repr(load_outline(BUILTIN_OUTLINES / "leader-speech.yaml")) == good


def test_dates_and_nested_values_come_back_as_they_were(tmp_path, monkeypatch):
    import datetime
    from drafter.yamlsrc import load_yaml, load_yaml_cached
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "x.yaml"
    path.write_text("日期: 2025-03-18\n时刻: 2025-03-18 09:30:00\n列表:\n  - {m: 1, d: 二}\n  - [1.5, true, null]\n",
                    encoding="utf-8")
    first, cached = load_yaml_cached(path), load_yaml_cached(path)
    assert len(list((tmp_path / "cache" / "yaml").glob("*.json"))) == 1
    assert cached.data == first.data == load_yaml(path).data
    assert isinstance(cached.data["日期"], datetime.date) and isinstance(cached.data["时刻"], datetime.datetime)
    assert cached.value_marks == first.value_marks and cached.key_marks == first.key_marks

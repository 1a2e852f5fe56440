"""Issue 14, items 1 and 4: the cache is used only when nobody else could have written it.

Tests run as root, so "someone else's folder" is simulated the way it looks on disk: a folder or
entry that is group- or world-writable (chmod g+w / o+w) is exactly the shared-cache case.
"""
import hashlib
import io
import os
import stat
import zipfile

import docx
import pytest

from conftest import EXAMPLES
from drafter import cache
from drafter.api import draft_from_file, write_draft
from helpers import run_capped

QUESTIONNAIRE = EXAMPLES / "leader-speech.yaml"
INJECTED = "这是别人塞进缓存的一段话"


def body_text(path):
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def frame(payload: bytes) -> bytes:
    """An entry exactly as drafter frames it: whoever can write the folder can forge this."""
    return cache._MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def plant_injected_blank(cache_root):
    """Replace the cached blank document by a forged one that carries an extra paragraph."""
    (entry,) = (cache_root / "blank").glob("*.docx")
    document = docx.Document(io.BytesIO(cache.load(entry)))
    document.add_paragraph(INJECTED)
    buffer = io.BytesIO()
    document.save(buffer)
    entry.write_bytes(frame(buffer.getvalue()))
    return entry


@pytest.fixture
def warm_cache(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(root))
    write_draft(draft_from_file(QUESTIONNAIRE), tmp_path / "first.docx", "docx")
    return root


def test_a_forged_entry_in_a_private_folder_is_used_so_the_trust_check_is_what_protects(warm_cache, tmp_path):
    plant_injected_blank(warm_cache)
    write_draft(draft_from_file(QUESTIONNAIRE), tmp_path / "out.docx", "docx")
    assert INJECTED in body_text(tmp_path / "out.docx")   # the control: such an entry would be used


@pytest.mark.parametrize("where, bits", [("base", stat.S_IWOTH), ("base", stat.S_IWGRP),
                                         ("blank", stat.S_IWOTH), ("entry", stat.S_IWGRP), ("entry", stat.S_IWOTH)])
def test_a_folder_or_entry_others_can_write_is_never_used(warm_cache, tmp_path, where, bits):
    entry = plant_injected_blank(warm_cache)
    target = {"base": warm_cache, "blank": warm_cache / "blank", "entry": entry}[where]
    os.chmod(target, os.stat(target).st_mode | bits)
    write_draft(draft_from_file(QUESTIONNAIRE), tmp_path / "out.docx", "docx")
    assert INJECTED not in body_text(tmp_path / "out.docx")
    assert "同志们" in body_text(tmp_path / "out.docx")


def test_a_shared_folder_is_not_written_either(tmp_path, monkeypatch):
    root = tmp_path / "shared"
    root.mkdir()
    os.chmod(root, 0o777)
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(root))
    write_draft(draft_from_file(QUESTIONNAIRE), tmp_path / "out.docx", "docx")
    assert cache.cache_dir("templates") is None
    assert not any(p.is_file() for p in root.rglob("*"))
    assert stat.S_IMODE(os.stat(root).st_mode) == 0o777   # a folder the user named keeps its mode


def test_a_symlinked_entry_is_not_followed(warm_cache, tmp_path):
    entry = plant_injected_blank(warm_cache)
    forged = tmp_path / "forged.docx"
    entry.rename(forged)
    entry.symlink_to(forged)
    write_draft(draft_from_file(QUESTIONNAIRE), tmp_path / "out.docx", "docx")
    assert INJECTED not in body_text(tmp_path / "out.docx")


def entries(root):
    return list((root / "templates").glob("*.cache")) + list((root / "blank").glob("*.docx"))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "fifo", "folder", "valid frame, bad bytecode"])
def test_a_damaged_entry_or_something_else_in_its_place_means_rebuilding(warm_cache, tmp_path, damage):
    found = entries(warm_cache)
    assert len(found) >= 2   # a compiled template and a blank document
    for entry in found:
        data = entry.read_bytes()
        entry.unlink()
        if damage == "truncated":
            entry.write_bytes(data[:len(data) // 2])
        elif damage == "garbage":
            entry.write_bytes(os.urandom(len(data)))
        elif damage == "empty":
            entry.write_bytes(b"")
        elif damage == "fifo":
            os.mkfifo(entry)
        elif damage == "folder":
            entry.mkdir()
        else:
            entry.write_bytes(frame(b"\x00not a code object" * 10))
    # In a child process with a time cap: a FIFO must not make drafter wait for a writer.
    r = run_capped(["render", QUESTIONNAIRE, "-o", tmp_path / "again.docx"], timeout_s=60, memory_mb=1000,
                   env={"DRAFTER_CACHE_DIR": str(warm_cache)})
    assert r.returncode == 0, r.stderr.decode()
    with zipfile.ZipFile(tmp_path / "again.docx") as a, zipfile.ZipFile(tmp_path / "first.docx") as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


def test_fonts_conf_goes_to_the_private_cache_folder(tmp_path, monkeypatch):
    from drafter.fonts import fonts_conf
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    conf = fonts_conf()
    assert conf is not None and conf.parent == tmp_path / "cache" / "fontconfig"
    assert stat.S_IMODE(os.stat(conf.parent).st_mode) & 0o077 == 0
    assert "<fontconfig>" in conf.read_text(encoding="utf-8")


@pytest.mark.parametrize("cache_setting", ["off", "shared"])
def test_fonts_conf_never_uses_a_fixed_path_in_the_shared_temp_dir(tmp_path, monkeypatch, cache_setting):
    import tempfile
    from drafter import fonts
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "off" if cache_setting == "off" else str(shared))
    monkeypatch.setattr(fonts, "_TEMP", {})
    # What an attacker would plant at the path older drafters wrote to.
    planted_dir = tmp_path / "tmp" / f"drafter-fontconfig-{os.getuid()}"
    planted_dir.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("别人的文件", encoding="utf-8")
    (planted_dir / "fonts.conf").symlink_to(victim)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    conf = fonts.fonts_conf()
    assert conf is not None and conf.parent != planted_dir and not conf.is_relative_to(shared)
    assert stat.S_IMODE(os.stat(conf.parent).st_mode) == 0o700
    assert victim.read_text(encoding="utf-8") == "别人的文件"


def forge_template_entries(cache_root):
    """Overwrite every compiled template with code that writes INJECTED: what anyone who can write
    the folder could do to run code as the user (the checksum Jinja checks is the source's)."""
    import marshal
    import pickle
    from jinja2 import Environment
    from jinja2.bccache import bc_magic
    found = list((cache_root / "templates").glob("*.cache"))
    for entry in found:
        payload = cache.load(entry)
        checksum = pickle.loads(payload[len(bc_magic):])
        code = Environment().compile(f"<para>{INJECTED}</para>", "forged", "forged.j2")
        entry.write_bytes(frame(bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code)))
    return found


@pytest.mark.parametrize("shared", [False, True])
def test_forged_compiled_templates_run_only_from_a_private_folder(warm_cache, tmp_path, shared):
    assert forge_template_entries(warm_cache)
    if shared:
        os.chmod(warm_cache / "templates", 0o777)
    write_draft(draft_from_file(QUESTIONNAIRE), tmp_path / "out.docx", "docx")
    assert (INJECTED in body_text(tmp_path / "out.docx")) is not shared   # private: the control case


def test_the_default_folder_an_earlier_drafter_left_group_writable_is_made_private(tmp_path, monkeypatch):
    monkeypatch.delenv("DRAFTER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "drafter").mkdir(mode=0o775)
    os.chmod(tmp_path / "drafter", 0o775)
    write_draft(draft_from_file(QUESTIONNAIRE), tmp_path / "out.docx", "docx")
    assert stat.S_IMODE(os.stat(tmp_path / "drafter").st_mode) == 0o700
    assert list((tmp_path / "drafter" / "blank").glob("*.docx"))


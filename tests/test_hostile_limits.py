"""Issue 14, items 5, 7 and 9: every resource a hostile file can claim is bounded, with a refusal.

The risky cases run in a child process under a wall-clock and an address-space cap (helpers.
run_capped): without the bounds they hang or run out of memory, which fails the test rather
than the machine. No timing is asserted beyond those generous caps.
"""
import random
import zipfile

import pytest

from conftest import EXAMPLES
from drafter import safezip
from drafter.errors import InputUnreadable
from helpers import run_capped, write_outline, write_yaml


def out_text(r) -> str:
    return (r.stdout + r.stderr).decode("utf-8", "replace")


# --- item 5: .docx zip bombs --------------------------------------------------------------------

def zip_with(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, chunks in parts:
            with z.open(name, "w", force_zip64=True) as f:
                for chunk in chunks:
                    f.write(chunk)
    return path


def spaces(mb: int):
    return (b" " * 1_000_000 for _ in range(mb))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """120 MB of document.xml in a file of about 120 KB."""
    path = tmp_path_factory.mktemp("bomb") / "炸弹.docx"
    return zip_with(path, [("[Content_Types].xml", [b"<Types/>"]), ("word/document.xml", spaces(120))])


@pytest.fixture(scope="module")
def lying_bomb(tmp_path_factory):
    """The same stream, with the zip's directory claiming the part is 1,000 bytes."""
    path = tmp_path_factory.mktemp("lying") / "谎报.docx"
    zip_with(path, [("word/document.xml", spaces(120))])
    data = bytearray(path.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        data[at + offset:at + offset + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("which", ["bomb", "lying_bomb"])
@pytest.mark.parametrize("command", ["check", "stats", "render"])
def test_a_zip_bomb_is_refused_before_it_is_inflated(request, tmp_path, which, command):
    path = request.getfixturevalue(which)
    if command == "render":
        args = ["render", EXAMPLES / "leader-speech.yaml", "-o", tmp_path / "out.docx", "--reference-docx", path]
    else:
        args = [command, path]
    r = run_capped(args, timeout_s=60, memory_mb=700)
    assert r.returncode == 2 and "内部错误" not in out_text(r), out_text(r)
    assert path.name in out_text(r) and "解压后超过" in out_text(r), out_text(r)


@pytest.mark.parametrize("limit, value, parts, words", [
    ("MAX_MEMBERS", 50, [(f"p{i}.xml", [b"<a/>"]) for i in range(60)], "部件过多"),
    ("MAX_TOTAL_BYTES", 3_000_000, [(f"p{i}.bin", [random.Random(i).randbytes(1_000_000)]) for i in range(4)],
     "解压后超过"),
    ("MAX_PART_BYTES", 500_000, [("word/document.xml", [random.Random(0).randbytes(600_000)])], "解压后超过"),
    ("MAX_RATIO", 300, [("word/media/zeros.bin", [b"\0" * 2_000_000])], "压缩比异常"),
])
def test_each_package_limit_refuses(tmp_path, monkeypatch, limit, value, parts, words):
    monkeypatch.setattr(safezip, limit, value)
    path = zip_with(tmp_path / "x.docx", parts)
    with pytest.raises(InputUnreadable) as e:
        safezip.check_docx_package(path)
    assert words in e.value.message and e.value.where.path == path


def test_a_real_docx_passes_the_package_check(tmp_path, drafter_cli):
    out = tmp_path / "讲话.docx"
    assert drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", out).exit_code == 0
    safezip.check_docx_package(out)


# --- item 16 (the --reference-docx half): a damaged reference is refused or worked around --------

def rewrite(src, dst, name, fn):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, fn(data) if item.filename == name else data)
    return dst


DAMAGE = {
    "broken zip": None,
    "broken styles XML": ("word/styles.xml", lambda b: b[:len(b) // 2]),
    "broken document XML": ("word/document.xml", lambda b: b.replace(b"</w:body>", b"")),
    "wrong root": ("word/document.xml", lambda b: b'<?xml version="1.0"?><foo/>'),
    "no body": ("word/document.xml", lambda b: b'<?xml version="1.0"?><w:document xmlns:w='
                b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    "empty pgSz": ("word/document.xml", lambda b: _sub(rb"<w:pgSz [^>]*/>", b"<w:pgSz/>", b)),
    "non-numeric sz": ("word/styles.xml", lambda b: _sub(rb'<w:sz w:val="\d+"/>', b'<w:sz w:val="big"/>', b)),
    "non-numeric margins": ("word/document.xml", lambda b: _sub(rb'w:left="\d+"', b'w:left="wide"', b)),
}


def _sub(pattern, repl, data):
    import re
    out, n = re.subn(pattern, repl, data)
    assert n, pattern   # the damage must really be made
    return out


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_reference_docx_is_a_clear_refusal_or_is_worked_around(drafter_cli, tmp_path, damage):
    good = tmp_path / "good.docx"
    assert drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", good).exit_code == 0
    ref = tmp_path / "模板.docx"
    if DAMAGE[damage] is None:
        ref.write_bytes(good.read_bytes()[:300])
    else:
        rewrite(good, ref, *DAMAGE[damage])
    r = drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", tmp_path / "out.docx", "--reference-docx", ref)
    assert "内部错误" not in r.output
    if damage.startswith(("empty", "non-numeric")):   # a number it cannot read falls back to the profile's
        assert r.exit_code == 0, r.output
    else:
        assert r.exit_code == 2 and "模板.docx" in r.output and "参考模板" in r.output, r.output


# --- item 7: a long title in a large title style renders (the balancer: test_title_lines.py) -------

def test_a_44_pt_title_profile_renders_a_long_signed_article(tmp_path):
    profile = tmp_path / "大标题.yaml"
    profile.write_text("base: gbt9704\nstyles:\n  title: {size_pt: 44, strength: 实务}\n", encoding="utf-8")
    q = tmp_path / "文章.yaml"
    text = (EXAMPLES / "signed-article.yaml").read_text(encoding="utf-8")
    q.write_text(text.replace("主标题: 以“{口号}”总体思路开创社会工作新局面",
                              "主标题: 以“{口号}”总体思路开创社会工作高质量发展新局面新篇章"), encoding="utf-8")
    r = run_capped(["render", q, "--profile", profile, "-o", tmp_path / "文章.docx"], timeout_s=90, memory_mb=1000)
    assert r.returncode == 0, out_text(r)


# --- item 9: templates are bounded in time and memory ---------------------------------------------

HOSTILE_TEMPLATES = {
    "loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}<para>{{ a }}</para>",
    "string_loops": '{% set s = "ab" * 50000 %}{% for x in s %}{% for y in s %}{% endfor %}{% endfor %}<para>{{ a }}</para>',
    "power": "<para>{{ 2 ** 100000000 }}</para>",
    "tower": "<para>{{ 10 ** (10 ** 10) }}</para>",
    "repeat": '<para>{{ "a" * 10**9 }}</para>',
    "list_repeat": "<para>{{ ([1] * 10**9)|length }}</para>",
    "percent": '<para>{{ "%999999999s" % 1 }}</para>',
    "percent_filter": '<para>{{ "%999999999s"|format(1) }}</para>',
    "str_format": '<para>{{ "{:999999999}".format(1) }}</para>',
    "nested_format": '<para>{{ "{:{}}".format(1, 999999999) }}</para>',
    "center": '<para>{{ "a"|center(1000000000) }}</para>',
    "replace": '<para>{{ ("a" * 100000)|replace("a", "a" * 100000) }}</para>',
    "recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}<para>{{ f(0) }}</para>",
    "self_include": '<para>{{ a }}</para>{% include "self_include.xml.j2" %}',
    "doubling": ('{% macro d(s, n) %}{% if n < 60 %}{{ d(s ~ s, n + 1) }}{% else %}{{ s|length }}{% endif %}'
                 '{% endmacro %}<para>{{ d("a", 0) }}</para>'),
    "namespace": ('{% set ns = namespace(s="a") %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}'
                  "<para>{{ ns.s|length }}</para>"),
    "hoard": ('{% set ns = namespace(l=[]) %}{% for i in range(1000) %}{% set ns.l = ns.l + ["a" * 999999] %}'
              "{% endfor %}<para>{{ ns.l|length }}</para>"),
    "shared_refs": '{% set s = "a" * 999999 %}<para>{{ ([s] * 999999)|join }}{{ [[s] * 999999] }}</para>',
    "indent": '<para>{{ ("\\n" * 999999)|indent(10000) }}</para>',
    "methods": '<para>{{ "a".ljust(1000000000) }}{{ (1).to_bytes(1000000000, "big") }}</para>',
    "method_replace": '<para>{{ ("a" * 100000).replace("a", "a" * 100000) }}</para>',
    "method_join": '{% set s = "a" * 999999 %}<para>{{ s.join(s) }}</para>',
    "flood": '{% for i in range(100000) %}<para>{{ "长" * 60 }}</para>{% endfor %}',
    "zero": "<para>{{ 1 // 0 }}</para>",
    "lipsum": "<para>{{ lipsum(1000000) }}</para>",
}


def test_hostile_templates_fail_alone_with_a_template_error_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "ol"
    inputs = tmp_path / "问卷"
    inputs.mkdir()
    for name, template in HOSTILE_TEMPLATES.items():
        write_outline(folder, name, "- {key: a, label: 甲, type: text}", template)
        write_yaml(inputs / f"{name}.yaml", {"大纲": name, "甲": "内容"})
    write_outline(folder, "good", "- {key: a, label: 甲, type: text}", "<para>{{ a }}</para>")
    write_yaml(inputs / "good.yaml", {"大纲": "good", "甲": "正常的内容"})
    r = run_capped(["--outlines", folder, "render", inputs, "-o", f"{tmp_path}/out/", "-j", "2"],
                   timeout_s=240, memory_mb=1500)
    text = out_text(r)
    assert r.returncode == 1 and "内部错误" not in text, text
    assert f"成功 1 份，失败 {len(HOSTILE_TEMPLATES)} 份" in text, text
    assert (tmp_path / "out" / "good.docx").is_file()
    for name in HOSTILE_TEMPLATES:
        line = next(x for x in text.splitlines() if f"{name}.yaml" in x or f"{name}.xml.j2" in x)
        assert f"{name}.xml.j2" in line and "模板" in line, line


def test_a_template_runtime_error_names_the_template_file_and_line(drafter_cli, tmp_path):
    write_outline(tmp_path / "ol", "zero", "- {key: a, label: 甲, type: text}",
                  "<para>{{ a }}</para>\n<para>{{ 1 // 0 }}</para>")
    q = write_yaml(tmp_path / "q.yaml", {"大纲": "zero", "甲": "内容"})
    r = drafter_cli("--outlines", tmp_path / "ol", "render", q, "-o", tmp_path / "q.txt")
    assert r.exit_code == 1 and "zero.xml.j2:2" in r.output and "除数为零" in r.output, r.output

"""Arbitrary Unicode in every text field of every example: a clean draft or a clean error, never a crash.

A produced .docx is opened again and must hold exactly the text of the draft model.
"""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from drafter.errors import DrafterError
from helpers import map_strings

CASES = sorted(EXAMPLES.glob("*.yaml"))


def _leaves(data):
    count = []
    map_strings(data, lambda s, p: count.append(p) or s)
    return count


@pytest.mark.parametrize("example", CASES, ids=[c.stem for c in CASES])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_unicode_in_any_field_renders_or_fails_cleanly(example, tmp_path, data):
    import docx

    from drafter.api import draft_from_file, write_draft
    base = yaml.safe_load(example.read_text(encoding="utf-8"))
    paths = [p for p in _leaves(base) if p[0] != "大纲"]
    chosen = set(data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=len(paths), unique=True)))
    texts = {p: data.draw(st.text(max_size=60), label=str(p)) for p in chosen}
    q = tmp_path / "q.yaml"
    q.write_text(yaml.safe_dump(map_strings(base, lambda s, p: texts.get(p, s)), allow_unicode=True),
                 encoding="utf-8")
    out = tmp_path / "out.docx"
    out.unlink(missing_ok=True)
    try:
        draft = draft_from_file(q)
        write_draft(draft, out, "docx")
    except DrafterError as e:
        message = e.format_message()
        assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
        assert not out.exists()
        return
    got = [p.text for p in docx.Document(str(out)).paragraphs]
    want = [b.text.replace("\n", "") for b in draft.blocks]
    assert [t.replace("\n", "") for t in got] == want


YAMLISH = st.lists(st.sampled_from(list(":-|>\n\t \"'#&*![]{},?%@`~0123456789a大纲会议名称：，。") +
                                   ["大纲: leader-speech\n", "会议名称:", "  - ", "讲话日期: ", "&a ", "*a",
                                    "一、", "（一）", "一是", "二是", "1.", "（1）", "# ", "> ", "**", "同志们：",
                                    "五大行动", "三项", "2025年01月06日", "\u3000", "的的"]),
                   max_size=80).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH, raw=st.binary(max_size=64), suffix=st.sampled_from([".yaml", ".txt", ".md", ".docx"]))
def test_no_input_makes_a_command_crash(drafter_cli, tmp_path, text, raw, suffix):
    f = tmp_path / f"in{suffix}"
    f.write_bytes(text.encode("utf-8") if suffix in (".yaml", ".txt", ".md") else raw)
    for args in (["check", f], ["stats", f], ["render", f, "-o", tmp_path / "o.txt"]):
        r = drafter_cli(*args)
        assert r.exit_code in (0, 1, 2), (args, r.output)   # 3 would be an internal error
        assert "Traceback" not in r.output

"""Small builders shared by tests."""
from __future__ import annotations

import textwrap
from pathlib import Path

import yaml


def filled_questionnaire(outline_id: str) -> dict:
    """The questionnaire ``drafter init --examples`` writes, as data."""
    from drafter.genre.outline import find_outline
    from drafter.genre.scaffold import write_questionnaire
    return yaml.safe_load(write_questionnaire(find_outline(outline_id), fill_examples=True))


def write_yaml(path: Path, data) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_outline(folder: Path, outline_id: str, questions: str, template: str, **extra) -> Path:
    """A one-off outline and template in ``folder``; ``questions`` is the YAML list under questions:."""
    folder.mkdir(parents=True, exist_ok=True)
    head = "".join(f"{k}: {v}\n" for k, v in extra.items())
    (folder / f"{outline_id}.yaml").write_text(
        f"id: {outline_id}\nname: 测试大纲\ndescription: 仅供测试\ntemplate: {outline_id}.xml.j2\n{head}"
        "questions:\n" + textwrap.indent(textwrap.dedent(questions).strip() + "\n", "  "), encoding="utf-8")
    (folder / f"{outline_id}.xml.j2").write_text(textwrap.dedent(template).strip() + "\n", encoding="utf-8")
    return folder / f"{outline_id}.yaml"


def map_strings(data, fn, path=()):
    """Apply ``fn(text, path)`` to every string value in nested questionnaire data (not the keys)."""
    if isinstance(data, dict):
        return {k: map_strings(v, fn, path + (k,)) for k, v in data.items()}
    if isinstance(data, list):
        return [map_strings(v, fn, path + (i,)) for i, v in enumerate(data)]
    if isinstance(data, str):
        return fn(data, path)
    return data


def run_capped(args, cwd=None, timeout_s: int = 120, memory_mb: int = 1500, env=None, stdin=None):
    """``python -m drafter *args`` in a child process with a wall-clock and an address-space cap,
    so that a hostile input that hangs or floods memory fails the test instead of the machine."""
    import os
    import resource
    import subprocess
    import sys

    def limit():
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    root = Path(__file__).resolve().parent.parent
    full_env = {**os.environ, "PYTHONPATH": str(root), **(env or {})}     # env may name another PYTHONPATH
    return subprocess.run([sys.executable, "-m", "drafter", *[a if isinstance(a, bytes) else str(a) for a in args]],
                          cwd=cwd, env=full_env, capture_output=True, timeout=timeout_s, preexec_fn=limit,
                          stdin=stdin if stdin is not None else subprocess.DEVNULL)


def render_questionnaire(text: str):
    """The Draft ``drafter render`` makes of a questionnaire's text: written to a file and read by
    the command's own chain (``api.draft_from_file``: load_answers, then draft_from_answers)."""
    import tempfile
    from drafter.api import draft_from_file
    with tempfile.TemporaryDirectory(prefix="drafter-test-") as tmp:
        path = Path(tmp) / "问卷.yaml"
        path.write_text(text, encoding="utf-8")
        return draft_from_file(path)


def processes_with(marker: str) -> list:
    """The command lines of the processes (other than this one) whose environment carries
    ``DRAFTER_TEST_RUN=marker``: what a run started and left behind. Linux only (/proc)."""
    import os
    needle = f"DRAFTER_TEST_RUN={marker}".encode()
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit() and int(d.name) != os.getpid():
            try:
                if needle in (d / "environ").read_bytes():
                    found.append((d / "cmdline").read_bytes().replace(b"\0", b" ")[:120])
            except OSError:
                pass   # gone meanwhile, or not ours to read
    return found


def settled(marker: str, seconds: float = 5) -> list:
    """processes_with(marker) once they have had ``seconds`` to leave the process table."""
    import time
    deadline = time.monotonic() + seconds
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    return processes_with(marker)


def tree_as_read(draft, fmt: str = "txt"):
    """The heading tree a reader finds in ``draft`` once it is written as a .txt, .md or .docx
    file by the writers drafter render uses, and read back as drafter format reads it."""
    import tempfile
    from drafter.api import write_draft
    from drafter.importer.run import heading_tree
    from drafter.read.reader import read_draft
    with tempfile.TemporaryDirectory(prefix="drafter-test-") as tmp:
        path = Path(tmp) / f"tree.{fmt}"
        write_draft(draft, path, fmt)
        return heading_tree(read_draft(path))

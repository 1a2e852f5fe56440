"""The benchmark's content: the leader-speech example and synthetic drafts 4x and 16x its length.

The outline caps its lists (at most 4 成效, 5 问题, 4 任务 …) and the example already fills them,
so longer drafts cannot come from more list entries. They come from longer prose instead: every
multi-paragraph answer (type ``prose``: 总体评价, 内容, 典型事例, 新形势, 总体要求, 保障措施的内容,
结束语) is repeated k times, paragraph by paragraph, with k chosen so the rendered draft holds
about 4x or 16x the example's characters. The questionnaire stays valid for the built-in outline,
so drafter renders it exactly as it would a clerk's.

From each questionnaire the same text is also written as Markdown (drafter's own preview, for
pandoc) and as a list of paragraphs (for python-docx and docxtpl with no drafter logic).
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"
SIZES = (1, 4, 16)


@dataclass
class Case:
    size: int            # 1, 4, 16: the target length relative to the example
    questionnaire: Path
    markdown: Path
    paragraphs: Path     # JSON: [[style, [[text, is_head], ...]], ...]
    chars: int           # characters of the rendered draft
    blocks: int          # paragraphs of the rendered draft


class _Block(str):
    """A string dumped as a YAML literal block (|), as a clerk writes prose."""


def _block_representer(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


yaml.SafeDumper.add_representer(_Block, _block_representer)


def _scale(data: Any, question, k: int) -> Any:
    """``data`` (the answer to ``question``) with every prose answer repeated k times."""
    if question.type == "prose" and isinstance(data, str):
        paras = [p for p in data.splitlines() if p.strip()]
        return _Block("\n".join(paras * k) + "\n")
    if question.type == "group" and isinstance(data, dict):
        out = dict(data)
        for q in question.questions:
            if q.label in out:
                out[q.label] = _scale(out[q.label], q, k)
        return out
    if question.type == "list" and isinstance(data, list):
        return [_scale(x, question.item, k) for x in data]
    return data


def scaled_questionnaire(k: int) -> str:
    from drafter.genre.outline import find_outline
    outline = find_outline("leader-speech")
    data: Dict[str, Any] = yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    out = dict(data)
    for q in outline.questions:
        if q.label in out:
            out[q.label] = _scale(out[q.label], q, k)
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1 << 20)


def _draft_of(path: Path):
    from drafter.api import draft_from_file
    return draft_from_file(path)


def _paragraphs(draft) -> List[list]:
    out = []
    for b in draft.blocks:
        style = f"heading{b.level}" if b.kind == "heading" else b.kind
        out.append([style, [[r.text, r.role.value != 'text'] for r in b.runs]])
    return out


def build_cases(folder: Path) -> List[Case]:
    """Write the three sizes into ``folder``; k for 4x and 16x is the smallest reaching the length."""
    from drafter.write.text import draft_to_markdown
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "leader-speech-1x.yaml"
    shutil.copyfile(EXAMPLE, base)
    base_chars = len(_draft_of(base).text())
    cases = []
    for size in SIZES:
        path = folder / f"leader-speech-{size}x.yaml"
        k = 1
        while size > 1:
            path.write_text(scaled_questionnaire(k), encoding="utf-8")
            if len(_draft_of(path).text()) >= size * base_chars * 0.97:
                break
            k += 1
        draft = _draft_of(path)
        md = folder / f"leader-speech-{size}x.md"
        md.write_text(draft_to_markdown(draft), encoding="utf-8")
        paras = folder / f"leader-speech-{size}x.json"
        paras.write_text(json.dumps(_paragraphs(draft), ensure_ascii=False), encoding="utf-8")
        cases.append(Case(size, path, md, paras, len(draft.text()), len(draft.blocks)))
    return cases


# --- drafts for check, format and import (issues 9, 10, 12) ----------------------------------

@dataclass
class DraftCase:
    name: str            # "1", "4", "16" (× the example), "30k", "6k"
    docx: Optional[Path]
    txt: Path
    chars: int


def _questionnaire_of_length(folder: Path, chars: int) -> Path:
    """The smallest repetition of the example's prose whose draft reaches ``chars`` characters."""
    path = folder / f"leader-speech-{chars // 1000}k.yaml"
    k = max(1, chars // 5000)
    while True:
        path.write_text(scaled_questionnaire(k), encoding="utf-8")
        if len(_draft_of(path).text()) >= chars:
            return path
        k += 1


def _write_drafts(questionnaire: Path, stem: Path):
    from drafter.api import write_draft
    from drafter.profile.load import load_profile
    draft = _draft_of(questionnaire)
    docx, txt = stem.with_suffix(".docx"), stem.with_suffix(".txt")
    write_draft(draft, docx, "docx", profile=load_profile(None))
    write_draft(draft, txt, "txt")
    return docx, txt, len(draft.text())


def build_draft_cases(folder: Path, cases: List[Case]) -> Dict[str, DraftCase]:
    """.docx and .txt drafts of the three sizes, of a 30,000-character draft (the largest draft of
    the corpus's size, issue 9 and 12) and a 6,000-character speech as .txt (issue 10's import)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: Dict[str, DraftCase] = {}
    for c in cases:
        docx, txt, chars = _write_drafts(c.questionnaire, folder / f"draft-{c.size}x")
        out[str(c.size)] = DraftCase(str(c.size), docx, txt, chars)
    docx, txt, chars = _write_drafts(_questionnaire_of_length(folder, 30000), folder / "draft-30k")
    out["30k"] = DraftCase("30k", docx, txt, chars)
    # 6,000 characters: the 4× draft's opening lines, cut at a line end (a whole speech's shape:
    # title, byline, salutation, the first parts).
    lines, n = [], 0
    for line in out["4"].txt.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        n += len(line.strip())
        if n >= 6000:
            break
    six = folder / "draft-6k.txt"
    six.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out["6k"] = DraftCase("6k", None, six, n)
    return out


def build_pdf_batches(folder: Path, sizes=(5, 20)) -> Dict[int, Tuple[Path, List[Path]]]:
    """For each N: a folder of N questionnaires (the five examples, repeated) and the N .docx
    drafts drafter makes of them, which the direct LibreOffice call converts."""
    from drafter.api import write_draft
    from drafter.profile.load import load_profile
    examples = sorted(EXAMPLE.parent.glob("*.yaml"))
    out = {}
    for n in sizes:
        qdir, ddir = folder / f"pdf-{n}" / "问卷", folder / f"pdf-{n}" / "docx"
        qdir.mkdir(parents=True)
        ddir.mkdir(parents=True)
        docxs = []
        for i in range(n):
            src = examples[i % len(examples)]
            q = qdir / f"{i + 1:02d}-{src.stem}.yaml"
            shutil.copyfile(src, q)
            d = ddir / (q.stem + ".docx")
            write_draft(_draft_of(q), d, "docx", profile=load_profile(None))
            docxs.append(d)
        out[n] = (qdir, docxs)
    return out


def build_check_files(folder: Path, n: int = 50) -> List[Path]:
    """``n`` questionnaires for checking in one call and in n calls: the five examples, repeated."""
    folder.mkdir(parents=True)
    examples = sorted(EXAMPLE.parent.glob("*.yaml"))
    files = []
    for i in range(n):
        src = examples[i % len(examples)]
        files.append(folder / f"{i + 1:02d}-{src.name}")
        shutil.copyfile(src, files[-1])
    return files

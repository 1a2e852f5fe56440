"""False and true findings of ``drafter check`` on published texts, per rule, per corpus and per
part of the split (issue 20). The split and the verdicts are tests/corpora.py's.

    python bench/checker_precision.py                  # the tuning part: corpus, corpus2 (tuning), seeds
    python bench/checker_precision.py --list           # ... and every finding not judged true
    python bench/checker_precision.py --part held-out  # only at the end: the part kept unseen
    python bench/checker_precision.py --extra DIR      # more unseen texts (*.txt) outside the repo

A finding is true when the copy editor's lists or tests/corpus-judged.tsv say so; every other
finding counts as false. For ``--extra`` the folder's judged.tsv says so (verdict ``true`` or
``style-true``; a ``false`` whose ``why`` starts "excerpt artifact" is counted apart, as caused by
the cutting of an excerpt), and its MANIFEST.tsv gives each text's kind (speech, reportspeech …). ``--baseline FILE`` (a ``--json`` output of an earlier version) marks the
findings that version did not make: they were never read by the copy editor and must be judged
(``--list`` shows them with ``new``).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import corpora  # noqa: E402
from drafter.checker import ERROR, check_draft  # noqa: E402
from drafter.read.reader import read_draft  # noqa: E402


# The kinds of text an extra folder may hold (MANIFEST.tsv, column ``kind``); without a manifest
# the kind is the word of the file name that names one (03-speech-….txt).
_KINDS = ("reportspeech", "speech", "report", "news", "article")
# Kinds that are spoken: "no false 错误 on any speech" counts 讲话 and 汇报发言 alike.
SPOKEN = ("speech", "reportspeech")
# Verdicts that are not false: ``style-true`` is a point the standards name that offices often
# write otherwise (a 警告 on it is right).
NOT_FALSE = ("true", "style-true")
# A false finding that only the cutting of an excerpt caused: its ``why`` starts so.
CUT = "excerpt artifact"


def _extra_kinds(folder: Path) -> dict:
    rows = corpora._tsv(folder / "MANIFEST.tsv")
    kinds = {r["file"]: r.get("kind", "") for r in rows}
    for p in folder.glob("*.txt"):
        if not kinds.get(p.name):
            kinds[p.name] = next((k for k in _KINDS if k in p.stem.split("-")), "extra")
    return kinds


def _extra_texts(folder: Path):
    kinds = _extra_kinds(folder)
    return [corpora.Text("extra", p.name, p, kinds[p.name], "held-out") for p in sorted(folder.glob("*.txt"))]


def _extra_verdicts(folder: Path) -> dict:
    """DIR/judged.tsv (file, line, rule, verdict, why) of the extra texts, written by whoever
    read them: (rule, file, line) -> (not false, caused by the cut)."""
    return {(r["rule"], r["file"], int(r["line"])): (r["verdict"] in NOT_FALSE,
                                                      (r.get("why") or "").startswith(CUT))
            for r in corpora._tsv(folder / "judged.tsv")}


def measure(texts, extra_dir=None):
    rows = []
    extra = _extra_verdicts(extra_dir) if extra_dir else {}
    for t in texts:
        draft = read_draft(t.path)
        findings = check_draft(draft)
        if t.corpus == "extra":
            for f in findings:
                key = (f.rule_id, t.name, f.line)
                rows.append(corpora.Verdict(t, f.rule_id, f.severity, f.line, f.line, f.message,
                                            extra.get(key, (False,))[0], key in extra))
        else:
            rows.extend(corpora.verdicts(t, findings, draft))
    return rows


def _group(t) -> str:
    return t.corpus if t.corpus != "corpus2" else f"corpus2/{t.part}"


def report(texts, rows, extra_dir=None) -> str:
    groups = sorted({_group(t) for t in texts}, key=lambda g: ("corpus", "corpus2/tuning", "seeds",
                                                               "corpus2/held-out", "extra").index(g))
    n_texts = Counter(_group(t) for t in texts)
    per_rule = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in rows:
        per_rule[r.rule][_group(r.text)][0 if not r.true else 1] += 1
    width = max([len(k) for k in per_rule] + [12])
    out = [f"{'rule':<{width}}  " + "  ".join(f"{g:>17}" for g in groups),
           f"{'':<{width}}  " + "  ".join(f"{'false / true':>17}" for _ in groups)]
    for rule in sorted(per_rule):
        cells = [per_rule[rule][g] for g in groups]
        out.append(f"{rule:<{width}}  " + "  ".join(f"{c[0]:>10} / {c[1]:<4}" for c in cells))
    out.append("")
    for g in groups:
        mine = [r for r in rows if _group(r.text) == g]
        false = [r for r in mine if not r.true]
        speech_err = [r for r in false if r.severity == ERROR and r.text.genre in SPOKEN]
        n = n_texts[g]
        if g == "seeds":
            out.append(f"seeds: {n} drafts with real flaws, {len(mine)} findings (not judged)")
            continue
        out.append(f"{g}: {n} texts, {len(false)} false ({len(false) * 10 / n:.2f} per 10 texts; "
                   f"错误 {sum(r.severity == ERROR for r in false)}, on speeches {len(speech_err)}), "
                   f"{len(mine) - len(false)} true")
        if g == "extra" and extra_dir:
            verdicts = _extra_verdicts(extra_dir)
            cut = [r for r in false if verdicts.get((r.rule, r.text.name, r.line), (0, False))[1]]
            rest = [r for r in false if r not in cut]
            speeches = sum(t.genre in SPOKEN for t in texts if t.corpus == "extra")
            out.append(f"extra: of the false, {len(cut)} caused by an excerpt's cut; the other {len(rest)} "
                       f"= {len(rest) * 10 / n:.2f} per 10 texts (错误 {sum(r.severity == ERROR for r in rest)}, "
                       f"on speeches {sum(r.severity == ERROR and r.text.genre in SPOKEN for r in rest)}); "
                       f"{speeches} of the {n} texts are speeches (讲话, 汇报发言); not judged: "
                       f"{sum(not r.judged for r in mine)}")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("tuning", "held-out", "all"), default="tuning")
    ap.add_argument("--corpus", default="corpus,corpus2,seeds")
    ap.add_argument("--extra", type=Path, help="a folder of further unseen .txt texts")
    ap.add_argument("--list", action="store_true", help="list every finding not judged true")
    ap.add_argument("--json", type=Path, help="write every finding with its verdict")
    ap.add_argument("--baseline", type=Path, help="a --json output of an earlier version")
    a = ap.parse_args(argv)
    texts = []
    for c in a.corpus.split(","):
        if c:
            texts += [t for t in corpora.texts(c) if a.part in ("all", t.part)]
    if a.extra:
        texts += _extra_texts(a.extra)
    rows = measure(texts, a.extra)
    old = set()
    if a.baseline:
        old = {(r["file"], r["corpus"], r["rule"], r["line"]) for r in json.loads(a.baseline.read_text())}
    print(report(texts, rows, a.extra))
    if a.list:
        for r in rows:
            if r.true:
                continue
            new = a.baseline and (r.text.name, r.text.corpus, r.rule, r.line) not in old
            mark = "new " if new else ("    " if r.judged or r.text.corpus != "extra" else "??? ")
            print(f"{mark}{_group(r.text)} {r.text.name}:{r.line} {r.severity} [{r.rule}] {r.message}")
    if a.json:
        a.json.write_text(json.dumps([{"corpus": r.text.corpus, "file": r.text.name, "part": r.text.part,
                                       "rule": r.rule, "severity": r.severity, "line": r.line,
                                       "txt_line": r.txt_line, "true": r.true, "message": r.message}
                                      for r in rows], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

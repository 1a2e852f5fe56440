"""The published texts of ``../shared/`` as the checker is measured on them, and the split that
keeps part of them unseen while the rules are tuned (issue 20).

* ``corpus`` (23 texts and 3 .docx): tuned on since issue 11, all of it in the tuning part.
* ``corpus2`` (64 texts and 13 .docx): half of each genre (speech, report, news, article) is
  held out, chosen once with ``random.Random(20)`` over the sorted names of each genre and
  written down below, so the split never moves. A .docx belongs to the part of its .txt.
  Nobody reads the checker's findings on the held-out part while tuning; the figures on it
  are taken at the end (bench/checker_precision.py --part held-out).
* ``seeds`` (3 drafts with real flaws): tuning only, never counted for precision.

Which findings are true: for ``corpus`` the defects the test of issue 11 names; for ``corpus2``
the copy editor's lists (KNOWN-TRUE.tsv and STYLE-TRUE.tsv, findings of the checker of
2026-12-07) and, for findings that version did not make, our own reading, kept in
``corpus-judged.tsv`` beside this file (file, line, rule and our verdict; never the text).
A finding in neither list is a false alarm.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, NamedTuple, Optional, Tuple

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
JUDGED = HERE / "corpus-judged.tsv"

HELD_OUT = frozenset({
    # article 2 of 4
    "221-article-xi-qiushi-linghun.txt", "225-article-zhongxuanbu-dianying-gaige-kaifang-40nian.txt",
    # news 16 of 32
    "159-news-huijian-congdu-luntan-jiabin.txt", "171-news-zhongyang-waishi-gongzuo-huiyi.txt",
    "173-news-changsheng-yimiao-zhongyao-zhishi.txt", "175-news-yifa-zhiguo-weiyuanhui-diyici-huiyi.txt",
    "179-news-zhengzhiju-dibaci-jiti-xuexi.txt", "181-news-shijie-renquan-xuanyan-70-zhixin.txt",
    "189-news-huijian-yidali-zhongyizhang.txt", "191-news-chongqing-liangbuchou-zuotanhui.txt",
    "195-news-jigou-gaige-zongjie-huiyi.txt", "199-news-shengaiwei-dijiuci-huiyi.txt",
    "201-news-haiyang-jingji-bolanhui-hexin.txt", "203-news-shengaiwei-dishiyici-huiyi.txt",
    "205-news-hust-di20qi-fazhan-duixiang-kaibanshi.txt", "211-news-hust-dangyuan-zerentian.txt",
    "215-news-hust-dangjian-zhongxin-shuzhi.txt", "219-news-hust-zou-jiceng-jin-shequ.txt",
    # report 8 of 16
    "125-report-gwr-2023-guowuyuan.txt", "129-report-gwr-2017-guowuyuan.txt",
    "135-report-gwr-2025-neimenggu.txt", "137-report-gwr-2025-jilin.txt",
    "139-report-gwr-2025-jiangsu.txt", "141-report-gwr-2025-fujian.txt",
    "151-report-gwr-2025-shaanxi.txt", "153-report-gwr-2025-qinghai.txt",
    # speech 6 of 12
    "103-speech-xi-13jie-renda-yici-huiyi.txt", "105-speech-xi-makesi-200-dahui.txt",
    "109-speech-xi-zhongfei-luntan-beijing-fenghui.txt", "111-speech-xi-gangao-fangwentuan.txt",
    "115-speech-xi-zhongfa-quanqiu-zhili-luntan.txt", "121-speech-xi-jinbohui-2019-kaimushi.txt",
})

# The real defects of ../shared/corpus (issue 11): (rule, file, line). A .docx paragraph number
# is one more than its .txt line: the .docx opens with an empty paragraph.
_HENAN = "29-gwr-2025-henan"
CORPUS_TRUE = frozenset({
    *{("halfwidth-punct", f"{_HENAN}.txt", n) for n in (3, 17, 20, 24)},
    ("unbalanced-pair", f"{_HENAN}.txt", 9),
    *{("halfwidth-punct", f"docx/{_HENAN}.docx", n) for n in (4, 18, 21, 25)},
    ("unbalanced-pair", f"docx/{_HENAN}.docx", 10),
    ("dash-form", "25-gwr-2025-shanghai.txt", 2),
    ("dash-form", "docx/25-gwr-2025-shanghai.docx", 2),
    ("invisible-char", "27-gwr-2025-guangdong.txt", 124),
    ("invisible-char", "docx/27-gwr-2025-guangdong.docx", 128),
})


class Text(NamedTuple):
    corpus: str          # corpus, corpus2, seeds
    name: str            # relative to the corpus folder: 29-….txt, docx/29-….docx
    path: Path
    genre: str           # speech, report, news, article; "draft" for the seeds
    part: str            # tuning or held-out


def folder(corpus: str) -> Path:
    return SHARED / corpus


def _genres(corpus: str) -> Dict[str, str]:
    manifest = folder(corpus) / "MANIFEST.tsv"
    if not manifest.is_file():
        return {}
    with open(manifest, encoding="utf-8") as f:
        return {row["file"]: row["genre"] for row in csv.DictReader(f, delimiter="\t")}


def texts(corpus: str, part: Optional[str] = None) -> List[Text]:
    """The texts of one corpus (.txt, then .docx), optionally only one part of the split."""
    base = folder(corpus)
    genres = _genres(corpus)
    out = []
    for path in sorted(base.glob("*.txt")) + sorted((base / "docx").glob("*.docx")):
        txt = path.stem + ".txt"
        held = corpus == "corpus2" and txt in HELD_OUT
        out.append(Text(corpus, path.relative_to(base).as_posix(), path,
                        genres.get(txt, "draft"), "held-out" if held else "tuning"))
    return [t for t in out if part is None or t.part == part]


def _tsv(path: Path) -> List[dict]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as f:
        return [row for row in csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")]


@lru_cache(maxsize=None)
def true_findings(corpus: str) -> FrozenSet[Tuple[str, str, int]]:
    """(rule, file, line) of the findings judged true on a corpus (.txt lines)."""
    if corpus == "corpus":
        found = set(CORPUS_TRUE)
    elif corpus == "corpus2":
        base = folder(corpus)
        found = {(r["rule"], r["file"], int(r["line"]))
                 for name in ("KNOWN-TRUE.tsv", "STYLE-TRUE.tsv") for r in _tsv(base / name)}
    else:
        found = set()
    for r in _tsv(JUDGED):
        if r["corpus"] == corpus and r["verdict"] == "true":
            found.add((r["rule"], r["file"], int(r["line"])))
    return frozenset(found)


@lru_cache(maxsize=None)
def judged(corpus: str) -> FrozenSet[Tuple[str, str, int]]:
    """Every (rule, file, line) we have read and judged, true or false."""
    return frozenset((r["rule"], r["file"], int(r["line"])) for r in _tsv(JUDGED) if r["corpus"] == corpus)


def txt_line(text: Text, draft, line: Optional[int]) -> Optional[int]:
    """The .txt line of a finding: a .txt is its own; a .docx paragraph is matched to the line
    of the .txt that holds the same text (the corpora keep one paragraph a line)."""
    if line is None or text.path.suffix != ".docx":
        return line
    lines = _lines_by_text(text)
    block = next((b for b in draft.blocks if b.line == line), None)
    if block is None:
        return None
    return lines.get(_key(block.text))


def _key(s: str) -> str:
    return "".join(s.split())


_LINES: Dict[Path, Dict[str, int]] = {}


def _lines_by_text(text: Text) -> Dict[str, int]:
    txt = text.path.parent.parent / (text.path.stem + ".txt")
    if txt not in _LINES:
        table: Dict[str, int] = {}
        for k, ln in enumerate(txt.read_text(encoding="utf-8").splitlines(), 1):
            table.setdefault(_key(ln), k)
        _LINES[txt] = table
    return _LINES[txt]


class Verdict(NamedTuple):
    text: Text
    rule: str
    severity: str
    line: Optional[int]          # as reported
    txt_line: Optional[int]      # the .txt line it stands for
    message: str
    true: bool
    judged: bool                 # in the copy editor's lists or ours


def verdicts(text: Text, findings, draft) -> Iterator[Verdict]:
    """Each finding with its verdict. For a .docx of corpus the judged lines are the .docx's
    own (CORPUS_TRUE names them); for corpus2 they are the .txt lines."""
    true = true_findings(text.corpus)
    seen = judged(text.corpus) | true
    for f in findings:
        if text.corpus == "corpus":
            key = (f.rule_id, text.name, f.line)
            line = f.line
        else:
            line = txt_line(text, draft, f.line)
            key = (f.rule_id, text.path.stem + ".txt", line)
        yield Verdict(text, f.rule_id, f.severity, f.line, line, f.message, key in true, key in seen)

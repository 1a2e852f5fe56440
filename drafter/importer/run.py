"""``drafter import``: last year's speech becomes this year's questionnaire.

The source is read (``drafter.read.reader``), cleaned by the same passes as every draft
(``drafter.transforms``), scored against every outline by the ``import:`` signals in the outline
YAML, and mapped onto the best one by its questions' hints (``drafter.importer.mapping``). The mapping
is then proved by rendering it: a paragraph of the source that the rendered draft lacks means the
outline does not fit, and the built-in free-structure outline (``free``), which fits any draft,
takes the text instead. Every other difference between source and rendering is something drafter
generates (numbers, count words, punctuation, dates) and is listed in ``ImportResult.changes``.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, List, Optional, Sequence, Tuple

from drafter import draft as d
from drafter.errors import DrafterError
from drafter.importer.blocks import Mapped, NoFit, head_text, map_free, split_front
from drafter.importer.mapping import find_list, map_outline
from drafter.zh.numerals import COUNTING, cn_count
from drafter.genre.outline import Outline, Question, find_outline, list_outlines

FREE = "free"
MIN_SCORE = 4                  # fewer points: the source does not look like the genre at all
MISSING = "（待填写）"          # a required answer the source does not have; check reports it
_FIGURE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|(?<!\d)(?:19|20)\d[xX×＊*]年?|"
    r"\d+(?:\.\d+)?(?:万|亿|千)?(?:余|多)?(?:%|‰|个百分点|人次|批次|万元|亿元|平方米|公里|"
    r"[个人次件项名家所场条元支户天批起年月日座张部套台])?")


@dataclass
class ImportResult:
    text: str                       # the questionnaire
    outline_id: str                 # the outline chosen
    reasons: List[str]              # why, in plain Chinese: no scores, no outline ids
    changes: List[str]              # what drafter generates itself and what it fixed, in Chinese
    values: dict = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)
    scores: List[str] = field(default_factory=list)   # every outline's points and ids (--verbose)


def import_file(path: Path, outline_dirs: Sequence[Path] = (), outline_id: Optional[str] = None,
                today: Optional[_dt.date] = None) -> ImportResult:
    from drafter.read.reader import read_draft
    return import_draft(read_draft(Path(path), "import"), outline_dirs, outline_id, today)


def import_draft(draft: d.Draft, outline_dirs: Sequence[Path] = (), outline_id: Optional[str] = None,
                 today: Optional[_dt.date] = None) -> ImportResult:
    from drafter.errors import InputUnreadable, Location
    from drafter.transforms import clean
    if not any(b.text.strip() for b in draft.blocks):
        raise InputUnreadable("原稿中没有文字，无法导入", Location(draft.source) if draft.source else None,
                              hint="请确认选对了文件；要从空白开始，请用 drafter init 生成问卷。")
    log: list = []
    split: List[str] = []
    source = _closing_apart(_without_outline_page(clean(draft, log), split), split)
    today = today or _dt.date.today()
    reasons: List[str] = []
    scores: List[str] = []
    chosen: Optional[Tuple[Outline, Mapped, str, list]] = None
    if outline_id is not None and outline_id != FREE:
        outline = find_outline(outline_id, list(outline_dirs))
        try:
            chosen = _fit(outline, source, today)
            reasons.append(f"按指定的“{outline.name}”导入。")
        except NoFit as e:
            reasons.append(f"原稿不适合指定的“{outline.name}”：{e}。改按自由结构导入，原稿每一段都保留。")
    elif outline_id is None:
        chosen = _choose(source, outline_dirs, today, reasons, scores)
    else:
        reasons.append("按指定的自由结构导入。")
    if chosen is None:
        outline = find_outline(FREE, list(outline_dirs))
        chosen = _fit(outline, source, today)
    outline, mapped, text, rendered = chosen
    changes = split + _changes(source, rendered, log, mapped)
    warnings = list(draft.warnings) + mapped.notes
    return ImportResult(text, outline.id, reasons, changes, mapped.values, warnings, scores)


def _without_outline_page(source: d.Draft, notes: List[str]) -> d.Draft:
    """The 提纲 page before a speech is not imported: it is the heading tree, which the
    questionnaire holds already (``drafter outline`` prints it, ``render --outline-page`` sets it)."""
    page = [b for b in source.blocks if b.kind in (d.OUTLINE_TITLE, d.OUTLINE)]
    if not page:
        return source
    lines = [b.line for b in page if b.line is not None]
    where = f"第 {min(lines)}–{max(lines)} 行" if lines else ""
    notes.append(f"原稿{where}的提纲页（{len(page)} 行）没有导入问卷：提纲由标题层级生成，"
                 "可用 drafter outline 查看，或在生成时加 --outline-page 排成单独一页。")
    return d.Draft(blocks=[b for b in source.blocks if b.kind not in (d.OUTLINE_TITLE, d.OUTLINE)],
                   outline_id=source.outline_id, source=source.source, warnings=list(source.warnings))


def _closing_apart(source: d.Draft, notes: List[str]) -> d.Draft:
    """A closing (谢谢大家！) at the end of the last paragraph becomes a closing line of its own:
    the outlines write their closing apart, so kept inside it would be printed twice."""
    from drafter.read.classify import CLOSINGS
    if any(b.kind == d.CLOSING for b in source.blocks):
        return source
    last = max((i for i, b in enumerate(source.blocks) if b.kind == d.PARA), default=None)
    if last is None or last != len(source.blocks) - 1 and any(
            b.kind not in (d.SIGNOFF, d.TABLE) for b in source.blocks[last + 1:]):
        return source
    b = source.blocks[last]
    m = re.search("(?<=[。！？])(" + "|".join(sorted(CLOSINGS, key=len, reverse=True)) + ")[！!。]?$", b.text)
    if not m or not b.runs or b.runs[-1].role is not d.TEXT or len(b.runs[-1].text) < len(m.group(0)) \
            or len(b.text) - len(m.group(0)) < 10:
        return source           # a short line (舒克拉！谢谢。) is itself the closing, said once
    kept = b.runs[-1].text[:-len(m.group(0))]
    notes.append(f"原稿第 {b.line} 行末尾的“{m.group(0)}”单独成段，作为结束语。")
    blocks = list(source.blocks)
    blocks[last:last + 1] = [b.with_runs(list(b.runs[:-1]) + [b.runs[-1].with_text(kept)]),
                             d.Block(d.CLOSING, (d.Run(m.group(0)),), line=b.line)]
    return d.Draft(blocks=blocks, outline_id=source.outline_id, source=source.source,
                   warnings=list(source.warnings))


# -- choosing the outline --------------------------------------------------------------------
def score(outline: Outline, source: d.Draft) -> Tuple[int, List[Tuple[str, int]]]:
    """The outline's ``import:`` signals that the source's shape satisfies: points, and each
    satisfied signal's reason (``{n}`` written as a count word: 四段, 两个部分) with its weight."""
    points, why = 0, []
    for sig in outline.import_signals:
        texts = _texts_at(source, sig.get("where", "paras"), sig.get("level"))
        rx = re.compile(sig["pattern"]) if sig.get("pattern") else None
        n = len(texts) if rx is None else sum(1 for t in texts if rx.search(t))
        lo, hi = sig.get("min", 0 if "max" in sig else 1), sig.get("max")
        if n >= lo and (hi is None or n <= hi):
            weight = int(sig.get("weight", 1))
            points += weight
            why.append((sig["reason"].replace("{n}", cn_count(n)), weight))
    return points, why


def plain_name(outline: Outline, outlines: Sequence[Outline]) -> str:
    """The outline's name as a clerk says it: 汇报发言 for 汇报发言（N大行动）, unless another
    outline's name starts the same way (会议讲话 has two), then the whole name."""
    short = outline.name.split("（", 1)[0]
    if short and not any(o is not outline and o.name.split("（", 1)[0] == short for o in outlines):
        return short
    return outline.name


def _texts_at(source: d.Draft, where: str, level: Optional[int]) -> List[str]:
    front, body = split_front(source)
    paras = [b for b in body if b.kind == d.PARA]
    if where in ("title", "salutation", "byline"):
        kind = {"title": d.TITLE, "salutation": d.SALUTATION, "byline": d.BYLINE}[where]
        return [b.text.replace("\n", "") for b in source.blocks if b.kind == kind]
    if where in ("headings", "parts"):
        return [b.text for b in body if b.kind == d.HEADING and b.level == (level or 1)]
    if where == "heads":
        return [r.text for b in paras for r in b.runs[:1] if r.is_head and r.level == (level or 1)]
    if where == "first":
        return [b.text for b in paras[:1]]
    if where == "closing":
        return [b.text for b in body if b.kind == d.CLOSING] + [b.text for b in paras[-1:]]
    return [b.text for b in paras]


def _choose(source: d.Draft, outline_dirs, today, reasons: List[str], scores: List[str]):
    """The best-scoring outline that holds every paragraph of the source. ``reasons`` says why in
    plain words; ``scores`` has the points and ids behind it (``drafter import --verbose``)."""
    outlines = list_outlines(list(outline_dirs))
    scored = []
    for o in outlines:
        if o.id != FREE and o.import_signals:
            points, why = score(o, source)
            scored.append((points, o, why))
    scored.sort(key=lambda x: -x[0])
    for points, o, why in scored:
        scores.append(f"“{o.name}”（{o.id}）得 {points} 分" + ("：" if why else "。"))
        scores.extend(f"  {reason}（{'+' if w >= 0 else ''}{w}）" for reason, w in why)
    if scored:
        scores.append(f"得分不到 {MIN_SCORE} 分的大纲与原稿差别太大，不会选用。")
    rejected = []
    for points, o, why in scored:
        if points < MIN_SCORE:
            break
        try:
            fit = _fit(o, source, today)
        except NoFit as e:
            rejected.append(f"原稿有些像“{plain_name(o, outlines)}”，但{e}。")
            continue
        reasons.append(f"按“{plain_name(o, outlines)}”导入：" + "，".join(r for r, w in why if w > 0) + "。")
        reasons.extend(rejected)
        return fit
    reasons.extend(rejected)
    reasons.append("原稿的结构与哪一种文稿都不相符，按自由结构导入：标题、署名、称谓、各级小标题和段落照原样导入，一段不丢。")
    return None


def _fit(outline: Outline, source: d.Draft, today: _dt.date):
    mapped = map_free(source) if outline.id == FREE else map_outline(outline, source, today)
    _fill_missing(outline.root, mapped.values, mapped, today)
    level2 = _level2(outline, source)
    text = write_imported(outline, mapped, level2)
    try:
        rendered = render_text(outline, text)
    except DrafterError as e:
        if outline.id == FREE:
            raise
        raise NoFit(f"原稿缺少这种文稿必需的部分（{e.message}）") from None
    lost = lost_paragraphs(source, rendered)
    if lost:
        raise NoFit("原稿" + "、".join(f"第 {b.line} 行" for b in lost[:3]) + ("等" if len(lost) > 3 else "")
                    + "的段落在这种文稿里没有位置")
    return outline, mapped, text, rendered


def _level2(outline: Outline, source: d.Draft) -> Optional[str]:
    if outline.runin_level2 is None:
        return None
    runin = any(b.kind == d.PARA and b.runs and b.runs[0].is_head and b.runs[0].level == 2
                and b.runs[0].numbered for b in source.blocks)
    standalone = any(b.kind == d.HEADING and b.level == 2 for b in source.blocks)
    if runin and not standalone:
        return "段首"
    if standalone and not runin:
        return "单独成行"
    return None


def _fill_missing(q: Question, values: dict, mapped: Mapped, today: _dt.date, where: str = "") -> None:
    """A required answer the source lacks gets a marked stand-in, so the questionnaire renders
    and ``drafter check`` points at it."""
    for sub in q.questions:
        v = values.get(sub.key)
        if sub.type == "list" and sub.min_items and not v and sub.required:
            raise NoFit(f"原稿中找不到这种文稿要求的“{where}{sub.label}”")
        if v in (None, "", []) and sub.required and sub.default is None:
            if sub.type == "text":
                values[sub.key] = MISSING
                mapped.notes.append(f"原稿中没有“{where}{sub.label}”，问卷中暂填“{MISSING}”，请补上。")
            elif sub.type == "prose":
                values[sub.key] = [MISSING]
                mapped.notes.append(f"原稿中没有“{where}{sub.label}”，问卷中暂填“{MISSING}”，请补上。")
            elif sub.type == "date":
                values[sub.key] = today
                mapped.no_date = True
                mapped.notes.append(f"原稿中没有“{where}{sub.label}”，问卷中暂填今天的日期，请改为实际日期。")
        elif sub.type == "group" and isinstance(v, dict):
            _fill_missing(sub, v, mapped, today, where + sub.label + "·")
        elif sub.type == "list" and isinstance(v, list) and sub.item is not None and sub.item.type == "group":
            for x in v:
                if isinstance(x, dict):
                    _fill_missing(sub.item, x, mapped, today, where + sub.label + "·")


# -- writing ---------------------------------------------------------------------------------
def figures(text: str) -> List[str]:
    """The figures, years and dates in a paragraph, as written: 45个、12万余人次、2024年."""
    return [m.group(0) for m in _FIGURE.finditer(text) if m.group(0)]


def write_imported(outline: Outline, mapped: Mapped, level2: Optional[str] = None) -> str:
    from drafter.genre.scaffold import write_questionnaire

    def note(q: Question, value: Any) -> List[str]:
        if q.type == "date":
            if mapped.no_date or not isinstance(value, _dt.date):
                return ["原稿没有日期，这里暂填今天的日期，请改为实际日期。"]
            when = f"原稿：{value.year}年{value.month}月{value.day}日"
            return [f"请改为今年的日期（{when}{'，年份是推定的' if mapped.undated else ''}）。"]
        texts = value if isinstance(value, list) and all(isinstance(x, str) for x in value) else \
            [value] if isinstance(value, str) else []
        found = [f for t in texts for f in figures(t)]
        return ["原稿数字：" + "、".join(found)] if found else []

    preface = ["本问卷由 drafter import 从原稿导入：每项上方是填写说明，“原稿数字”列出这一项里的数字、",
               "年份和日期，请逐一核对更新；drafter check 会报告占位符和超出大纲限制的内容。"]
    return write_questionnaire(outline, values=_plain(mapped.values), note=note, preface=preface, level2=level2)


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def render_text(outline: Outline, text: str) -> d.Draft:
    """The draft ``drafter render`` makes of the questionnaire ``text``: the same reading, checks
    and template as the command (limits that are advice do not stop it; errors raise)."""
    from drafter.api import draft_from_answers
    from drafter.errors import AnswerError
    from drafter.genre.questionnaire import answers_from_doc
    from drafter.yamlsrc import parse_yaml
    answers = answers_from_doc(parse_yaml(text, Path("导入的问卷.yaml"), AnswerError), outline)
    if outline.is_pack:         # a pack: the document a source is compared with (``import: true``)
        from drafter.genre.render import render_draft
        doc = next((x for x in outline.documents if x.imports), None)
        if doc is None:
            raise NoFit(f"材料包“{outline.name}”没有写明导入时与哪一份文稿比较（import: true）")
        return render_draft(outline, answers, template=doc.template,
                            extra={"linked": {x.link: None for x in outline.documents if x.link}})
    return draft_from_answers(answers)


# -- what changed ----------------------------------------------------------------------------
_NUMERAL = re.compile(rf"[{COUNTING}〇零\d]+")
_MARKS = re.compile(r"[\s，。、；：！？“”‘’（）《》—…,.;:!?()\"'\u3000]")


_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0\ufdd1\ufffe\uffff]")   # removed on reading answers


def _key(text: str) -> str:
    return _NUMERAL.sub("#", _MARKS.sub("", _DROPPED.sub("", text)))


def _body(draft: d.Draft) -> List[d.Block]:
    return [b for b in split_front(draft)[1] if b.kind not in (d.TABLE,)]


def lost_paragraphs(source: d.Draft, rendered: d.Draft) -> List[d.Block]:
    # a paragraph of control characters only has nothing a questionnaire can hold
    src = [b for b in _body(source) if _DROPPED.sub("", b.text).strip()]
    out = _body(rendered)
    sm = difflib.SequenceMatcher(None, [_key(b.text) for b in src], [_key(b.text) for b in out], autojunk=False)
    lost = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "delete":
            lost.extend(src[i1:i2])
        elif op == "replace":
            for k, b in enumerate(src[i1:i2]):
                other = out[j1 + k].text if j1 + k < j2 else ""
                if difflib.SequenceMatcher(None, _key(b.text), _key(other), autojunk=False).ratio() < 0.8:
                    lost.append(b)
    return lost


def _changes(source: d.Draft, rendered: d.Draft, log: list, mapped: Mapped) -> List[str]:
    out: List[str] = []
    by_rule: dict = {}
    for c in log:
        by_rule.setdefault(c.name, []).append(c.line)
    for name, lines in by_rule.items():
        known = sorted({n for n in lines if n})
        where = "、".join(str(n) for n in known[:5])
        more = "等" if len(known) > 5 or not all(lines) else ""      # 等 only when a line is left unnamed
        out.append(f"{name}：{len(lines)} 处" + (f"（原稿第 {where} 行{more}）" if where else "") + "。")
    for key, n, words, line in mapped.announced:
        items = find_list(mapped.values, key)
        if items is not None and len(items) != n:
            at = f"原稿第 {line} 行" if line else "原稿"
            raw = re.match(rf"[{COUNTING}\d]+", words).group(0)
            out.append(f"{at}写的是“{words}”，实际列出 {len(items)} 项：问卷按 {len(items)} 项导入，"
                       f"文稿中的数目由 drafter 按项数写作“{cn_count(len(items)) + words[len(raw):]}”。")
    src_all = [b for b in source.blocks if b.kind != d.TABLE]
    out_all = [b for b in rendered.blocks if b.kind != d.TABLE]
    sm = difflib.SequenceMatcher(None, [b.text for b in src_all], [b.text for b in out_all], autojunk=False)
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    gone = {b.text: b for op in ops for b in src_all[op[1]:op[2]]}
    came = {b.text for op in ops for b in out_all[op[3]:op[4]]}
    moved = {t for t in gone if t in came}          # the outline's order of title, bylines …
    for t in moved:
        out.append(f"原稿第 {gone[t].line} 行的{_kind(gone[t])}“{_clip(t)}”按大纲的顺序换了位置。")
    src_all = [b for b in src_all if b.text not in moved]
    out_all = [b for b in out_all if b.text not in moved]
    sm = difflib.SequenceMatcher(None, [b.text for b in src_all], [b.text for b in out_all], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        olds, news = src_all[i1:i2], out_all[j1:j2]
        # pair a changed block with the new block of the same kind; the rest were added or replaced
        kinds = difflib.SequenceMatcher(None, [b.kind for b in olds], [b.kind for b in news], autojunk=False)
        for kop, a1, a2, b1, b2 in kinds.get_opcodes():
            if kop == "equal":
                out.extend(_describe(o, n) for o, n in zip(olds[a1:a2], news[b1:b2]))
            else:
                out.extend(_describe(o, None) for o in olds[a1:a2])
                out.extend(_describe(None, n) for n in news[b1:b2])
    return out


def _describe(old: Optional[d.Block], new: Optional[d.Block]) -> str:
    if old is None:
        return f"drafter 生成了{_kind(new)}“{_clip(new.text)}”（大纲的固定写法或默认值）。"
    if new is None:
        return f"原稿第 {old.line} 行的{_kind(old)}“{_clip(old.text)}”由大纲固定的写法代替。"
    sm = difflib.SequenceMatcher(None, old.text, new.text, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            a0 = max(0, i1 - 4)
            was, now = old.text[a0:i2 + 4], new.text[max(0, j1 - (i1 - a0)):j2 + 4]
            if was.strip(_EDGE) != now.strip(_EDGE):       # unless the change is the mark itself
                was, now = was.strip(_EDGE), now.strip(_EDGE)
            parts.append(f"“{was}”→“{now}”")
    return f"原稿第 {old.line} 行：" + "，".join(parts[:3]) + ("等" if len(parts) > 3 else "") + "。"


_EDGE = "，。、；：“”‘’（）"      # a snippet starts and ends inside the text, not on a mark


def _kind(b: d.Block) -> str:
    return {d.KICKER: "引题", d.TITLE: "标题", d.SUBTITLE: "副标题", d.BYLINE: "署名行", d.LEAD: "出处", d.SALUTATION: "称谓",
            d.HEADING: "小标题", d.PARA: "段落", d.CLOSING: "结束语", d.SIGNOFF: "落款"}.get(b.kind, "段落")


def _clip(text: str, n: int = 24) -> str:
    text = text.replace("\n", "")
    return text if len(text) <= n else text[:n] + "……"


# -- heading trees (the import note and the tests compare them) ------------------------------
def heading_tree(draft: d.Draft) -> List[Tuple[str, int, str]]:
    """Headings, run-in heads and 一是 items in order: (kind, level, text without number)."""
    out = []
    for b in draft.blocks:
        if b.kind == d.HEADING:
            out.append(("heading", b.level, _key(head_text(b.text))))
        elif b.kind == d.PARA:
            for r in b.runs:
                if r.is_head:
                    out.append(("head", r.level, _key(head_text(r.text))))
                elif r.is_item:
                    out.append(("item", 0, _key(r.text)))
    return out


__all__ = ["ImportResult", "import_draft", "import_file", "heading_tree", "score", "lost_paragraphs"]

"""Kinds by shape: how a reader of the page tells a draft's parts apart, for any source.

A reader (``drafter.read.reader``) hands over ``SourcePara``s; a kind already known from a style or
a Markdown mark is kept, the rest is decided here, in passes over the whole draft:

1. front matter, before the body starts: the title is the first short line that reads as one
   (在……上的讲话, ……的汇报发言, or any short line without a sentence end, skipping a reporter's
   line); a title broken over two or three lines is joined; a line opening with —— is the
   subtitle; other short lines without a full stop are bylines (speaker, unit, date, reporter);
   a line opening with 来源/原载/刊于/《 is the publication line (LEAD);
2. a short line ending in ：is the salutation (同志们：) before the body or when it addresses people;
3. a line opening with 一、 （一） 1. （1） (also ``1．``) that is short and has no sentence end
   inside is a heading of that level; in the body, a short line with no end mark
   (看现状：……有成效也有挑战) is an unnumbered level-1 heading;
4. 谢谢大家！ and the like are the closing; a unit name and a date as the last lines are the
   落款 (SIGNOFF), and so are short lines set flush right at the end of a .docx;
5. a body paragraph opening ``（一）……。`` with a short first sentence has a run-in head; when
   two or more paragraphs open ``实施……行动，……。`` (the N大行动 of a report) each of those first
   sentences is an unnumbered level-1 run-in head; ``一是……。`` items at a sentence start are
   item runs.
Leading and trailing white space of a line (spaces, full-width spaces, EM SPACEs) is layout,
not text: it is dropped before the shape is read.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from drafter.zh.markers import RUNIN_MAX_CHARS, find_items, first_sentence, parse_marker
from drafter.zh.numerals import date_line, is_date_line
from drafter.draft import (BLOCK_KINDS, BODY, BYLINE, CLOSING, FURNITURE, HEADING, KICKER, LEAD, OUTLINE,
                           OUTLINE_TITLE, PARA, SALUTATION, SIGNOFF, SUBTITLE, TABLE, TEXT, TITLE, Block, Run,
                           head_run, item_run)
from drafter.read import web

HEADING_MAX_CHARS = 50      # a numbered line longer than this is a paragraph, not a heading
TITLE_MAX_CHARS = 50
TITLE_JOINED_MAX = 70       # a title broken over lines is at most this long when joined
FRONT_MAX_CHARS = 30        # byline, salutation and unnumbered headings are at most this long
FRONT_LOOKAHEAD = 6         # the title is among the first few lines
SIGNOFF_MAX_CHARS = 30

_BODY_KINDS = frozenset(k.kind for k in BLOCK_KINDS if k.part == BODY)     # the first of these ends the front
_MARKED_KINDS = frozenset(k.kind for k in BLOCK_KINDS if k.marked)        # the source's mark decides them
_SALUTE_WORDS = ("同志们", "各位", "领导", "朋友", "代表", "来宾", "女士", "先生", "大家")
CLOSINGS = ("谢谢大家", "谢谢", "谢谢各位", "谢谢大家聆听", "谢谢各位领导")
_CLOSINGS = CLOSINGS


def _any(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_TITLE_WORDS = re.compile(_any("讲话", "发言", "致辞", "讲稿", "报告", "汇报", "说明", "贺词", "主持词", "议程",
                               "通知", "意见", "方案") + "$")
_REPORTER = re.compile(_any("记者", "通讯员", "特约撰稿", "(?<!工)作者", "本报讯", "编辑"))   # not 社区工作者
_UNIT_END = re.compile(_any("部", "委", "会", "局", "厅", "办", "室", "院", "府", "中心", "党组", "工委", "组", "所",
                            "站", "队", "处", "科", "团", "公司", "学校", "大学", "街道", "社区", "镇", "乡", "村") + "$")
_PUBLISHED = re.compile("^[（(]?" + _any("本文", "原文", "此文") + "?" + _any("原载", "来源", "刊于", "刊发于", "载于",
                                                                       "发表于", "转载自") + "|^《")
_SUBTITLE = re.compile("^" + _any("——", "--", "－－", "—"))
_DATED = re.compile(r"^[（(]?\d{4}年\d{1,2}月\d{1,2}日")
_RALLY = re.compile("^同志们[，！" + ",!" + "]")        # the call that opens a speech's closing
_ACTION_LEAD = re.compile("^" + _any("实施", "开展", "推进", "深化", "推动", "启动") + "[^。！？，,]{1,20}行动[，,]")
RUNIN_COLON_MAX = 20        # （二）志愿队伍不断壮大：…… — a head closed by a colon is at most this long


def clean_line(text: str) -> str:
    """A line without the white space that only lays it out (spaces, 　, EM SPACE, tabs)."""
    return text.strip()


def classify(paras, notes: Optional[List[str]] = None) -> List[Block]:
    """Blocks for the ``SourcePara``s of one draft, in order; nothing is dropped (a web page's own
    words are marked FURNITURE, for the transforms to leave out and list). ``notes`` receives what
    the reading decided that a reader should be told (lines split where a site glued them)."""
    paras = [p for p in paras if p.kind == TABLE or clean_line(p.text)]
    paras = _unglue(paras, notes if notes is not None else [])
    kinds = _front_and_body(paras)
    blocks: List[Block] = []
    for p, (kind, level) in zip(paras, kinds):
        if p.kind == TABLE:
            blocks.append(Block(TABLE, (), line=p.line, cells=p.cells))
            continue
        text = clean_line(p.text)
        if kind == HEADING:
            m = parse_marker(text)
            blocks.append(Block(HEADING, (Run(text),), level=level or (m.rank if m else 1), line=p.line,
                                numbered=m is not None))
        elif kind == PARA:
            blocks.append(Block(PARA, tuple(_para_runs(p, text)), line=p.line))
        elif kind == TITLE:
            # A break inside a title is layout: the writer balances the lines again.
            blocks.append(Block(TITLE, (Run(text.replace("\n", "")),), line=p.line))
        else:
            blocks.append(Block(kind, (Run(text),), level=level, line=p.line))
    blocks = _join_title(blocks, paras)
    blocks = _headline(blocks)
    blocks = _signoff(blocks, paras)
    blocks = _closing_call(blocks)
    return _action_heads(blocks)


# -- lines a site glued together -----------------------------------------------------------------
def _unglue(paras, notes: List[str]) -> list:
    """Each line split where a title, salutation, heading or paragraph visibly starts in it
    (drafter.read.web); the pieces keep the line's number, and ``notes`` says where."""
    from dataclasses import replace
    out = []
    seen = 0            # lines of the draft's own before this one (a site's lines do not count)
    for p in paras:
        plain = p.kind is None and all(r.role is TEXT for r in p.runs)
        if plain and web.furniture_line(clean_line(p.text)):
            out.append(p)
            continue
        seen += 1
        pieces = web.split_glued(clean_line(p.text), first=seen <= 2) if plain else [p.text]
        if len(pieces) < 2:
            out.append(p)
            continue
        notes.append(f"第 {p.line} 行连在一起的{len(pieces)}段已分开：" + "｜".join(_clip(x) for x in pieces))
        out += [replace(p, runs=[Run(x)], centred=p.centred and n == 0) for n, x in enumerate(pieces)]
    return out


def _clip(text: str, n: int = 12) -> str:
    return text if len(text) <= n else text[:n] + "……"


# -- front matter and body ---------------------------------------------------------------------
def _front_and_body(paras) -> List[Tuple[str, int]]:
    site = [p.kind is None and web.furniture_line(clean_line(p.text)) for p in paras]
    outline = _outline_page(paras, site)
    title_at = _title_index(paras, site, max(outline, default=-1) + 1)
    verse = _verse(paras, site)
    kinds: List[Tuple[str, int]] = []
    body = False
    for k, p in enumerate(paras):
        if site[k]:
            kinds.append((FURNITURE, 0))
            continue
        if k in outline:
            kinds.append((OUTLINE, outline[k]) if outline[k] else (OUTLINE_TITLE, 0))
            continue
        if k in verse and k != title_at:
            kinds.append((PARA, 0))
            body = True
            continue
        if p.kind is not None:
            kind, level = p.kind, p.level
        elif title_at is not None and k < title_at:
            # A stray line above the title (正文复制, a file name) is kept, as a byline.
            kind, level = (BYLINE if len(clean_line(p.text)) <= FRONT_MAX_CHARS else PARA), 0
            kinds.append((kind, level))
            continue
        elif k == title_at:
            kind, level = TITLE, 0
        else:
            kind, level = _shape_kind(clean_line(p.text), body, k == title_at)
        if kind in _BODY_KINDS:
            body = True
        kinds.append((kind, level))
    return kinds


def _title_index(paras, site, start: int = 0) -> Optional[int]:
    if any(p.kind == TITLE for p in paras):
        return None
    front = []
    looked = 0
    for k, p in enumerate(paras):
        if k < start or site[k]:
            continue            # the outline page and the site's words come before the title
        looked += 1
        if looked > FRONT_LOOKAHEAD or p.kind is not None:
            break
        text = web.without_notices(clean_line(p.text))      # ……的讲话（精选3篇）: the site's words aside
        if _shape_kind(text, False, False)[0] in (SALUTATION, HEADING) or len(text) > TITLE_MAX_CHARS:
            break
        front.append((k, p, text))
    # A centred line is what a hand-made .docx marks as its title; else a line that reads as a
    # title; else the first line that is no reporter's line or date.
    for test in (lambda p, t: p.centred and _may_be_title(t),
                 lambda p, t: _may_be_title(t) and _TITLE_WORDS.search(t.rstrip("）)")),
                 lambda p, t: _may_be_title(t) and not _is_byline_shape(t)):
        for n, (k, p, text) in enumerate(front):
            if test(p, text):
                return _title_start(front, n)
    return None


_OUTLINE_LABEL = re.compile(r"^[【\[〔]?\s*(?:讲话|发言|汇报|报告)?(?:提\s*纲|目\s*录)\s*[】\]〕]?\s*[:：]?$")
_ITEM_LINE = re.compile(r"^[一二三四五六七八九十]{1,3}是")
OUTLINE_ENTRY_MAX = 60


def _outline_page(paras, site) -> dict:
    """A 提纲/目录 page before the speech: its label line (提纲, 目录, 【提纲】) and the heading
    tree under it, up to the title or salutation. {index: level}: the label 0, an entry by its
    number (一、 1, （一） 2, 1. 3, （1） 4; 一是 one below the entry above it)."""
    label = next((k for k, p in enumerate(paras[:FRONT_LOOKAHEAD + 4]) if not site[k] and p.kind is None
                  and _OUTLINE_LABEL.match(clean_line(p.text))), None)
    if label is None:
        return {}
    out, above, top = {label: 0}, 0, 0
    for k in range(label + 1, len(paras)):
        text = clean_line(paras[k].text)
        if site[k]:
            continue
        m = parse_marker(text)
        inner = text.rstrip("。；;")
        entry = (m is not None or _ITEM_LINE.match(text)) and len(text) <= OUTLINE_ENTRY_MAX \
            and not any(ch in inner for ch in "。！？!?") and paras[k].kind is None
        if not entry or m is not None and m.rank == 1 and m.value <= top:
            break           # 一、 again after 二、: the speech's own headings begin (no title between)
        if m:
            above = m.rank
            top = m.value if m.rank == 1 else top
        out[k] = above if m else min(above + 1, 4)      # 一是 one below the numbered entry above it
    return out if len(out) >= 3 else {}        # a label and at least two entries


def _verse(paras, site) -> set:
    """Runs of three or more short lines with no end mark and no number (the lines of a poem or a
    slogan block): a heading has text under it, so these are not headings but lines of text."""
    out, run = set(), []
    for k, p in enumerate(paras + [None]):
        text = clean_line(p.text) if p is not None else ""
        shaped = p is not None and p.kind is None and not site[k] and 2 <= len(text) <= FRONT_MAX_CHARS \
            and text[-1] not in "。！？；：:;!?，," and parse_marker(text) is None and not is_date_line(text) \
            and text[0] not in "（(" and not any(c.isspace() for c in text) \
            and not _REPORTER.search(text) and not _PUBLISHED.match(text) and text.rstrip("！!。") not in _CLOSINGS \
            and not _SUBTITLE.match(text)
        if shaped:
            run.append(k)
            continue
        # Before the first paragraph, short lines from the first one on are a headline (引题, 主题
        # in several lines, 副题); under a title already complete, five or more are a poem.
        front = bool(run) and not any(len(clean_line(q.text)) > FRONT_MAX_CHARS or q.kind is not None
                                      for q in paras[:run[0]])
        opens = bool(run) and all(site[q] for q in range(run[0]))
        if run and not (front and opens) and len(run) >= (5 if front else 3) and (p is None or p.kind is None):
            out.update(run)
        run = []
    return out


def _title_start(front, n: int) -> int:
    """The first line of a title found at front[n]: a line above it may begin it."""
    while n > 0:
        _, prev, ptext = front[n - 1]
        _, cur, ctext = front[n]
        opens = ptext.startswith("在") and "上的" in ctext and not ctext.startswith("在")
        if not (_may_be_title(ptext) and not _is_byline_shape(ptext) and not _TITLE_WORDS.search(ptext)
                and len(ptext) + len(ctext) <= TITLE_JOINED_MAX
                and (opens or _continues(ptext) or prev.centred and cur.centred)):
            break
        n -= 1
    return front[n][0]


def _may_be_title(text: str) -> bool:
    return 0 < len(text) <= TITLE_MAX_CHARS and text[-1] not in "。；，：:" and not text.startswith("——") \
        and not is_date_line(text) and not _REPORTER.search(text)


# A title that is its genre alone: 贺信, 致辞, 主持词, 发言稿 (not a speaker's short name).
_GENRE_TITLE = re.compile(_any("贺信", "贺词", "贺电", "致辞", "讲话", "讲话稿", "发言", "发言稿", "主持词", "倡议书", "慰问信",
                               "感谢信", "公开信", "表扬信", "决定", "通知", "通报", "报告", "说明", "纪要") + "$")


def _is_byline_shape(text: str) -> bool:
    return is_date_line(text) or bool(_REPORTER.search(text)) or len(text) <= 4 and not _GENRE_TITLE.match(text)


def _shape_kind(text: str, body: bool, title_here: bool) -> Tuple[str, int]:
    short = len(text) <= FRONT_MAX_CHARS
    if text.rstrip("！!。") in _CLOSINGS:
        return CLOSING, 0
    if short and text[-1] in "：:" and not parse_marker(text) and (
            not body or any(w in text for w in _SALUTE_WORDS)):
        return SALUTATION, 0
    rank = _heading_rank(text)
    if rank:
        return HEADING, rank
    if not body:
        if title_here:
            return TITLE, 0
        if _SUBTITLE.match(text) and len(text) <= TITLE_JOINED_MAX and "。" not in text:
            return SUBTITLE, 0
        if _PUBLISHED.match(text):
            return LEAD, 0
        if (short or _DATED.match(text) and len(text) <= TITLE_JOINED_MAX) and "。" not in text:
            return BYLINE, 0      # speaker, unit, date; also ……年…月…日在……会议上 under a report's title
        if len(text) <= TITLE_JOINED_MAX and not any(c in text for c in "。，；：！？,;:!?"):
            return SUBTITLE, 0    # a news piece's main line under its kicker (引题 + 主题)
        return PARA, 0
    if short and _PUBLISHED.match(text):
        return LEAD, 0            # 来源：…… closing a news piece
    if short and text[-1] not in "。！？；，：、”）)!?;,:.…" and len(text) >= 4 and not is_date_line(text) \
            and first_sentence(text, typed=True) == text and "…" not in text and "..." not in text:
        return HEADING, 1         # no sentence ends inside it: 看现状 is a heading, 二是……。……98%... is not
    return PARA, 0


def _heading_rank(text: str) -> Optional[int]:
    m = parse_marker(text)
    if not m or len(text) > HEADING_MAX_CHARS:
        return None
    inner = text.rstrip("。；;")
    if any(ch in inner for ch in "。！？；;!?"):
        return None
    return m.rank


# -- paragraphs: run-in heads and items --------------------------------------------------------
def _para_runs(p, text: str) -> List[Run]:
    known = [r for r in p.runs if r.text.strip()]
    if any(r.role is not TEXT for r in known):
        # Marked by the source (drafter's own .docx, Markdown bold): the marks are kept, and
        # plain stretches are read for 一是 items like any text.
        out: List[Run] = []
        for i, r in enumerate(known):
            r = r.with_text(r.text.lstrip()) if i == 0 else r
            out.extend(_item_runs(r.text) if r.role is TEXT else [r])
        return out
    m = parse_marker(text)
    sent = first_sentence(text, typed=True)
    if m and sent != text and len(sent) <= RUNIN_MAX_CHARS:
        return [head_run(sent, m.rank)] + _item_runs(text[len(sent):])
    colon = min((i for i in (text.find("："), text.find(":")) if i > 0), default=-1)
    if m and 0 < colon < RUNIN_COLON_MAX and colon + 1 < len(text) and colon + 1 < len(sent):
        return [head_run(text[:colon + 1], m.rank)] + _item_runs(text[colon + 1:])
    return _item_runs(text)


def _item_runs(text: str) -> List[Run]:
    """The 一是/二是 items of a stretch of text as item runs, each its first sentence."""
    if not text:
        return []
    out: List[Run] = []
    pos = 0
    for offset, _ in find_items(text, typed=True):
        if offset < pos:
            continue
        end = offset + len(first_sentence(text[offset:], typed=True))
        if offset > pos:
            out.append(Run(text[pos:offset]))
        out.append(item_run(text[offset:end]))
        pos = end
    if pos < len(text):
        out.append(Run(text[pos:]))
    return out


def _action_heads(blocks: List[Block]) -> List[Block]:
    """The N大行动 of a report: parallel ``实施……行动，……。`` openings become unnumbered level-1
    run-in heads, as the report-actions template writes them."""
    leads = [i for i, b in enumerate(blocks) if b.kind == PARA and _ACTION_LEAD.match(b.text)
             and (b.runs[0].is_head and not parse_marker(b.runs[0].text)
                  or b.runs[0].role is TEXT and len(first_sentence(b.text, typed=True)) <= RUNIN_MAX_CHARS
                  and first_sentence(b.text, typed=True) != b.text)]
    if len(leads) < 2:
        return blocks
    out = list(blocks)
    for i in leads:
        b = blocks[i]
        if b.runs[0].is_head:        # marked bold in Markdown: the level is what the frame says
            out[i] = b.with_runs([head_run(b.runs[0].text, 1, numbered=False)] + list(b.runs[1:]))
            continue
        sent = first_sentence(b.text, typed=True)
        rest = [r for r in _item_runs(b.text[len(sent):])] if len(b.runs) == 1 else \
            [b.runs[0].with_text(b.runs[0].text[len(sent):])] + list(b.runs[1:])
        out[i] = b.with_runs([head_run(sent, 1, numbered=False)] + [r for r in rest if r.text])
    return out


def _closing_call(blocks: List[Block]) -> List[Block]:
    """The rallying call that ends a speech (同志们，……！) and what follows it are the closing."""
    last_heading = max((i for i, b in enumerate(blocks) if b.kind == HEADING), default=-1)
    body = [i for i, b in enumerate(blocks) if b.kind in (PARA, CLOSING, SIGNOFF, TABLE)]
    start = next((i for i in body if i > last_heading and blocks[i].kind == PARA
                  and _RALLY.match(blocks[i].text)
                  and all(blocks[k].kind in (PARA, CLOSING, SIGNOFF) and not any(blocks[k].heads())
                          for k in range(i, len(blocks)))), None)
    if start is None or any(blocks[start].heads()):
        return blocks
    return blocks[:start] + [Block(CLOSING, b.runs, line=b.line) if b.kind == PARA else b
                             for b in blocks[start:]]


# -- title lines and the 落款 --------------------------------------------------------------------
def _join_title(blocks: List[Block], paras) -> List[Block]:
    """A title broken over two or three lines: the lines that continue it are joined to it."""
    at = next((i for i, b in enumerate(blocks) if b.kind == TITLE), None)
    if at is None:
        return blocks
    title = blocks[at]
    joined, end = title.text, at + 1
    while end < len(blocks) and end - at < 4:
        nxt = blocks[end]
        text = nxt.text
        if nxt.kind not in (BYLINE, TITLE) or _is_byline_shape(text) or _SUBTITLE.match(text) or _DATED.match(text) \
                or len(joined) - _kicker_len(joined) + len(text) > TITLE_JOINED_MAX \
                or any(c in text for c in "。，；：,;:") \
                or text in joined or end < len(paras) and paras[end].kind is not None \
                or _SUBHEAD.search(text) and not _TITLE_WORDS.search(text):
            break          # (a line the title already says is the document's own title under a page's)
        if _TITLE_WORDS.search(joined.rstrip("）)")) and not _TITLE_WORDS.search(text):
            break          # the title is complete; what follows is a speaker or a unit
        # A speaker's line has a space between post and name; a title line has none. Under a 引题
        # (……强调), the main title's parallel lines may be short (弘扬志愿精神 / 凝聚奋进力量).
        kicker = _KICKER_END.search(joined.split("\n")[0]) is not None
        if nxt.kind == BYLINE and not (_TITLE_WORDS.search(text) or _continues(joined) or kicker and _main_line(text)
                                       or len(text) >= 8 and not any(c.isspace() for c in text)):
            break
        joined += "\n" + text       # the parts are kept apart for ``_headline``, which joins them
        end += 1
    if end == at + 1:
        return blocks
    return blocks[:at] + [Block(TITLE, (Run(joined),), line=title.line)] + blocks[end:]


_KICKER_END = re.compile(_any("强调", "指出", "表示", "要求", "提出", "寄语", "致信", "致电", "回信", "批示", "作出重要指示",
                               "作出指示", "发表重要讲话", "发表讲话", "主持会议") + "$|主持召开.{2,30}会议$")
_SUBHEAD = re.compile(_any("出席", "参加", "主持", "讲话", "出席会议", "参加会议", "主持会议", "陪同", "会见", "会谈", "致辞",
                           "作报告", "讲党课", "批示", "作出批示") + "$")


def _main_line(text: str) -> bool:
    """A headline's main line: no sentence marks, no date, reporter, 副题 or dash of a subtitle."""
    return _may_be_title(text) and len(text) <= TITLE_JOINED_MAX and not _is_byline_shape(text) \
        and not _SUBHEAD.search(text) and not _SUBTITLE.match(text) and not _DATED.match(text) \
        and not any(c in text for c in "。，；：！？,;:!?")


def _kicker_len(joined: str) -> int:
    """The length of a 引题 opening a joined title (the main title's own length is what is limited)."""
    first = joined.split("\n")[0]
    return len(first) if "\n" in joined and _KICKER_END.search(first) else 0


def _headline(blocks: List[Block]) -> List[Block]:
    """A news headline in three parts: 引题 (……会议上强调) above the main title, 副题 (……出席)
    under it. The title was joined from its lines (``_join_title``); the parts are read from them."""
    at = next((i for i, b in enumerate(blocks) if b.kind == TITLE), None)
    if at is None:
        return blocks
    out = list(blocks)
    parts = blocks[at].text.split("\n")
    out[at] = Block(TITLE, (Run("".join(parts)),), line=blocks[at].line)   # a break in a title is layout
    if len(parts) >= 2 and _KICKER_END.search(parts[0]) and not _TITLE_WORDS.search(parts[-1]):
        out[at:at + 1] = [Block(KICKER, (Run(parts[0]),), line=blocks[at].line),
                          Block(TITLE, (Run("".join(parts[1:])),), line=blocks[at].line)]
        at += 1
    elif len(parts) == 1 and _KICKER_END.search(parts[0]) and at + 1 < len(out) \
            and out[at + 1].kind in (SUBTITLE, BYLINE) and _main_line(out[at + 1].text):
        # the main title on one line under its 引题 (a drafter .txt writes it so)
        out[at:at + 2] = [Block(KICKER, out[at].runs, line=out[at].line),
                          Block(TITLE, out[at + 1].runs, line=out[at + 1].line)]
        at += 1
    nxt = at + 1
    if nxt < len(out) and out[nxt].kind == BYLINE and _SUBHEAD.search(out[nxt].text) \
            and not _REPORTER.search(out[nxt].text) and not _DATED.match(out[nxt].text) and len(out[nxt].text) <= 40:
        out[nxt] = Block(SUBTITLE, out[nxt].runs, line=out[nxt].line)
    return out


def _continues(text: str) -> bool:
    """A title line that cannot end a title: it stops on a linking word."""
    return text.endswith(("的", "和", "与", "及", "在", "暨", "关于", "上", "中", "之", "为", "以", "——"))


def _signoff(blocks: List[Block], paras) -> List[Block]:
    """A 落款 at the end: a date line, with the unit's name above it, or lines set flush right."""
    right = {p.line for p in paras if p.right}
    out = list(blocks)
    k = len(out) - 1
    taken = 0
    while k >= 0 and taken < 3:
        b = out[k]
        text = b.text
        if b.kind in (TABLE, SALUTATION, TITLE) or b.kind in _MARKED_KINDS or len(text) > SIGNOFF_MAX_CHARS \
                or any(c in text for c in "。！？，"):
            break
        date = date_line(text)
        is_date = date is not None and not date.bracketed     # （2025年4月8日） is a byline's date
        is_unit = bool(_UNIT_END.search(text)) and taken > 0
        if not (is_date and taken == 0 or is_unit or b.line in right):
            break
        if b.kind == HEADING and b.numbered:
            break
        out[k] = Block(SIGNOFF, (Run(text),), line=b.line)
        taken += 1
        k -= 1
    body_before = any(b.kind in (PARA, HEADING) for b in out[:k + 1])
    return out if body_before else blocks

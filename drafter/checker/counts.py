"""Count words: an announced 五大行动 or 三项重点任务 must match the parts that actually follow.

A count phrase is a numeral (两、三 … 十二) fused with a measure word (大、项、个、条、化、方面 …)
and the noun after it. Where it stands decides what it is compared with; see COUNT_MISMATCH.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Hashable, Iterator, List, NamedTuple, Optional, Tuple

from drafter.draft import CLOSING, HEADING, PARA
from drafter.checker.base import ERROR, HINT, WARNING, Context, Finding, Rule, snippet
from drafter.checker.levels import early_note, ends_early
from drafter.zh.markers import find_items, parse_marker
from drafter.zh.numerals import cn_to_int
from drafter.tree import ENTRY, NUMBERED, Head, HeadingTree
from drafter.checker import formulations
from drafter.lazy_re import lazy_re
from drafter.zh.cjk import CJK, is_cjk
from drafter.zh.numerals import COUNTING

COUNT_MISMATCH = Rule(
    "count-mismatch", ERROR, "数字与其后的标题或条目数不符",
    "“五大行动”“三项重点任务”“下面，我讲三点意见”这类数字，文稿结构本身能证明它说的是哪些部分时，"
    "须与这些部分的个数一致，不一致即为错误。怎样判断：①数字在标题（含文内标题）中，与该标题下的下级标题数比对，"
    "没有下级标题时与其下“一是、二是”的条数比对；②数字在正文中且同一句以冒号引出、或紧接的下一句就是“一是”条目或下级标题，与之比对；"
    "③数字在开头或某部分的导语中，且多数下级标题含同一名词（如“行动”），或它在导语最后一句宣布要讲的部分"
    "（如“下面，我讲三点意见。”“部署今年三项重点任务”），与下级标题数比对。"
    "所数的部分必须从头开始：其后的条目或标题接着前面的编号（数字在“十三是”这一条里，其后是“十四是”），"
    "说明数字只是这一条里的说法，不比对。数字为一的（一条主线）不要求对应部分；“两个确立”“四个意识”“五位一体”等固定提法、“这三项”“前两个”等回指说法、"
    "“三个月”“两位数”等数量、“二级市场”“三类水体”等等级和序数（写作“二”而不是“两”的数）不在检查之列。"
    "所说的部分只有第一部分、文稿在这一部分里就结束了（其后没有结束语、落款）的，可能是节选或尚未写完，只作提示。",
    source="《党政机关公文处理工作条例》（2012）第二十条（文稿审核：内容准确）")
COUNT_LIST = Rule(
    "count-list", WARNING, "数字与列举的项数不符",
    "数字紧跟在用顿号列举的几项之后（如“市、县、乡三级”），或以冒号引出顿号列举，或以“实施”“抓好”等动词引出"
    "其后以同一名词开头的并列段落时，数字应与项数一致。这是从行文推断的，不如标题、条目那样确定，所以只是警告，"
    "并且只在列举清楚就是所数的对象时报告：各项都短、紧挨着数字、彼此字数相近，项数与数字只差一（差得更多的，"
    "说明数的不是这几项，如“前端、中端、后端”与“十二项举措”）。“镇村两级”“省市县三级”这种数字前几个字本身就是所数各项的，"
    "不与前面的顿号列举比对。",
    source="《党政机关公文处理工作条例》（2012）第二十条（文稿审核：内容准确）")

_MEASURES = "个方面|方面|大|项|个|条|化|种|类|点|支|场|件|步|招|张|道|组|批|篇"
_LIST_ONLY_MEASURES = "级|方|家|地|名|位|所"
_ANNOUNCING = COUNTING.replace("一", "")       # 一条主线 announces no parts to count
_PHRASE_RE = lazy_re(
    rf"(?<![第〇零{COUNTING}百千\d])([{_ANNOUNCING}]{{1,3}})"
    rf"({_MEASURES}|{_LIST_ONLY_MEASURES})([{CJK}]{{0,4}})", needs=_ANNOUNCING)
_ANY_COUNT = lazy_re(rf"[{COUNTING}]({_MEASURES})")
# A noun ends before these: 两个街道和区民政局 names 街道.
_NOUN_STOPS = "和与及的等是在为对将把被向从"
# Words before a count that point back or approximate: 这三项、前两个、每两个、约三个.
_BACK_REFS = "这那前后头近每各另其上下约逾超余"
# Nouns after a count that make it a quantity, not an announcement: 三个月、两个人、五个百分点.
_QUANTITY_NOUNS = ("月", "小时", "星期", "季度", "年", "周", "天", "日", "百分点", "人", "倍", "次",
                   "多", "余", "以上", "以下", "左右", "钟", "半", "万", "千", "百", "亿", "米", "字")
# An intro sentence names parts with these nouns: 讲三点意见、从三个方面、抓好三项工作.
_PART_NOUNS = ("意见", "方面", "工作", "任务", "举措", "措施", "要求", "问题", "体会", "建议",
               "重点", "事情", "内容", "情况")
# Paragraph openings too common to mark a set of parallel paragraphs.
_COMMON_OPENERS = ("我们", "同时", "此外", "今年", "去年", "目前", "当前", "近年", "总之", "另外",
                   "会议", "各级", "全市", "全省", "全区", "这是", "这些", "通过", "但是", "对于")
# Clause endings too common to mark a set of parallel paragraphs.
_COMMON_CLAUSE_ENDS = ("同时", "此外", "以来", "当前", "目前", "总之", "另外", "其次", "首先",
                       "最后", "因此", "为此", "对此", "年来", "一是", "二是", "三是", "我们", "大家")


class Parts(NamedTuple):
    """What a count phrase is compared with: how many, what they are, and which blocks or
    positions were counted (phrases counted against the same parts are judged together)."""
    count: int
    what: str
    basis: Hashable


@dataclass(frozen=True)
class Phrase:
    block: int
    start: int
    end: int
    value: int
    measure: str
    noun: str

    @property
    def keys(self) -> Tuple[str, ...]:
        n = self.noun
        return tuple({n[:2], n[-2:]}) if len(n) >= 2 else ()


def find_phrases(text: str, block: int = 0) -> List[Phrase]:
    out = []
    for m in _PHRASE_RE.finditer(text):
        value = cn_to_int(m.group(1))
        s = m.start()
        if not value or value < 2 or (s and text[s - 1] in _BACK_REFS) or m.group(1) == "二":
            continue                   # a count of two is 两: 二级市场、二类 are grades and ordinals
        noun = re.split(f"[{_NOUN_STOPS}]", m.group(3), 1)[0]
        if m.group(2) == "个" and (not noun or noun.startswith(_QUANTITY_NOUNS)):
            continue
        if noun.startswith(_QUANTITY_NOUNS) or formulations.is_fixed(text, s) \
                or _not_a_count(text, s, value, m.group(2), m.group(3)):
            continue
        out.append(Phrase(block, s, m.start(3) + len(noun), value, m.group(2), noun))
    return out


# 全国十大、世界五大: a ranking names a class, it announces nothing.
_RANKINGS = ("全国", "全球", "世界", "全省", "全市", "年度", "国内", "国际", "中国", "十佳")
# What follows 十九大 when it names a Party congress: 党的十九大以来、十九大报告.
_CONGRESS_AFTER = ("以来", "以后", "后", "前", "上", "精神", "报告", "和", "代表", "提出", "作出",
                   "明确", "擘画", "召开", "胜利", "闭幕", "开幕", "强调", "指出", "部署", "决策")


def _not_a_count(text: str, s: int, value: int, measure: str, after: str) -> bool:
    """A number that is part of a name, an ordinal, a grade or an idiom: 党的十九大, 二、三级医院,
    聚四方之才, 全国十大考古新发现."""
    before = text[max(0, s - 2):s]
    if s >= 2 and text[s - 1] in "、，" and text[s - 2] in "一二两三四五六七八九十":
        return True                                  # 二、三级医院: grades, not a count
    if after.startswith("之"):
        return True                                  # 四方之才、八方之力: an idiom
    if measure in ("位", "类", "级", "等") and after.startswith(("数", "以上", "及以上", "以下")):
        return True                                  # 两位数增长、三级以上: a size or a grade
    if measure == "大" and (before.endswith(_RANKINGS) or before == "党的" or before.endswith("中共")
                           or value >= 10 and (not after or after.startswith(_CONGRESS_AFTER))):
        return True
    return False


# -- what follows ---------------------------------------------------------------------------
def _listed_before(text: str, p: Phrase) -> Optional[Tuple[bool, str, int]]:
    """(matches, why not, items) when the count closes a 、-list: 市、县、乡三级."""
    a = p.start
    while a > max(0, p.start - 200) and text[a - 1] not in "，。：；！？“”《》（）\n,.:;!?()":   # half-width too
        a -= 1
    m = parse_marker(text)
    if m and a < len(m.text):
        a = len(m.text)                          # the 、 of 一、 separates nothing
    seg = text[a:p.start]
    if "、" not in seg or seg.endswith(("的", "、")):
        return None                  # 沙化土地、五大沙漠: the count is an item of the list itself
    open_ended = seg.endswith("等") or seg.endswith("等等")
    parts = seg.rstrip("等").split("、")
    if any(len(x) > 15 for x in parts) or any(_ANY_COUNT.search(x) for x in parts[:-1]):
        return None                  # 紧扣一条主线、突出两化建设: a list of counts, not of items
    if len(parts[-1]) > 2 * max(len(x) for x in parts[:-1]) + 2 or _PREDICATE.search(parts[-1]):
        return None                  # ……遗址入选年度全国十大、……均保持: the last part carries a predicate
    if p.measure in _LIST_ONLY_MEASURES and len(parts[-1]) == p.value and _is_han(parts[-1]):
        return None                  # ……、镇村两级: the characters before the count are what it counts
    if p.measure == "级" and not all(x.strip("等").endswith(_LEVELS) for x in parts):
        return None                  # 项目、资金三级联审: 级 counts levels, and these are not levels
    k = len(parts)
    # 和 inside the last part may join two items; 我同甲、乙、丙举行四方会晤 counts the speaker too
    joined = re.search(r"(?<=.)(?:和|及|与|以及)(?=.)", parts[-1]) or re.search("[同与和跟]", parts[0])
    ok = p.value in (k, k + 1) if joined else p.value == k
    if open_ended:
        ok = k <= p.value
    return ok, f"前面列举了 {k} 项（{snippet(text, a, p.start, 0)}）", k


# What 级 counts: the levels of administration and of organisation (省、市、县三级).
_LEVELS = ("中央", "国家", "省", "市", "县", "区", "乡", "镇", "街道", "街", "村", "社区", "网格", "楼栋",
           "州", "盟", "旗", "组", "部", "厅", "局", "处", "科", "校", "院", "系", "班", "级", "层", "企业",
           "集团", "公司", "支部", "党委", "总支", "委", "团", "连", "营")


# Words that make the last part of a list a clause: 甲、乙、丙均保持两位数增长.
_PREDICATE = lazy_re("[均都皆了]|分别|共同|全部|保持|实现|达到|举行|召开|进行|开展|参加|出席|举办",
                     needs="均都皆了分共全保实达举召进开参出")


# Nouns too common to tell which paragraphs a count announces: 五个新城建设 is not counted by
# every later paragraph that mentions 建设.
_GENERIC_KEYS = ("建设", "工作", "发展", "问题", "任务", "方面", "重点", "体系", "机制", "能力", "水平")


# A set of parallel paragraphs is never longer; the bound keeps a 20,000-paragraph draft linear.
_PARALLEL_MAX = 24


def _run_of(blocks: List[int], keep) -> Tuple[int, ...]:
    """The paragraphs that satisfy ``keep`` in one unbroken run starting within the first two
    of ``blocks``: announced parts follow the announcement, they are not scattered."""
    run: List[int] = []
    for k, i in enumerate(blocks):
        if keep(i):
            run.append(i)
        elif run or k >= 1:
            break
    return tuple(run)


def _is_han(s: str) -> bool:
    return all(is_cjk(ch) for ch in s)


def _parallel_paras(ctx: Context, o: HeadingTree, start: int, end: int, p: Phrase,
                    by_shape: bool) -> Optional[Parts]:
    """The paragraphs that open with the phrase's noun; with ``by_shape``, else the largest set
    that opens with the same two characters or ends its first clause alike (at least two), in
    one run right after the announcement."""
    blocks = o.paras_between(start, end, limit=_PARALLEL_MAX)
    clause = o.first_clause
    keys = [k for k in p.keys if k not in _GENERIC_KEYS]
    groups = [_run_of(blocks, lambda i: any(k in clause(i) for k in keys))]
    if by_shape and len(groups[0]) < 2:
        for i in blocks[:2]:              # a run starts within the first two paragraphs
            c = clause(i)
            if len(c) < 4:
                continue
            if c[:2] not in _COMMON_OPENERS and _is_han(c[:2]):
                groups.append(_run_of(blocks, lambda j, s=c[:2]: len(clause(j)) >= 4 and clause(j)[:2] == s))
            if c[-2:] not in _COMMON_CLAUSE_ENDS and _is_han(c[-2:]):
                groups.append(_run_of(blocks, lambda j, s=c[-2:]: len(clause(j)) >= 4 and clause(j)[-2:] == s))
    # paragraphs alike only in shape are the parts only when they fill the rest of the section
    groups = groups[:1] + [g for g in groups[1:] if g and g[-1] == blocks[-1]]
    best = max(groups, key=len)
    return Parts(len(best), "并列段落", ("paras", best)) if len(best) >= 2 else None


def _kids(kids: List[Head]) -> Parts:
    return Parts(len(kids), "下级标题", ("heads", kids[0].block))


def _items(series: list) -> Optional[Parts]:
    """The items a count announces start a series: after 十三是建设三个驿站。 the 十四是 that
    follows goes on with the list the count stands in, it is not what the count counts."""
    if not series or series[0].value != 1:
        return None
    return Parts(len(series), "“一是”等条目", ("items", series[0].block, series[0].offset))


def _parts_under_head(ctx: Context, o: HeadingTree, h: Head, p: Phrase) -> Optional[Parts]:
    kids = o.children(h)
    if kids:
        return _kids(kids)
    end = o.section_end(h)
    return (_items(o.items_from(h.block, 0 if h.standalone else len(h.text), end))
            or _parallel_paras(ctx, o, h.block + 1, end, p, by_shape=True))


def _parts_after_colon(ctx: Context, o: HeadingTree, p: Phrase, text: str,
                       colon: int) -> Optional[Parts]:
    parent = o.parent_of_block(p.block, p.start)
    end = o.section_end(parent) if parent else len(ctx.blocks)
    rest = text[colon + 1:].strip(" \u3000")
    if rest:
        if find_items(rest)[:1] and find_items(rest)[0][0] == 0:
            return _items(o.items_from(p.block, colon + 1, end))
        seg = re.split(r"[。；！？]", rest, 1)[0]
        parts = seg.rstrip("等").split("、")
        if len(parts) < 2 or any(len(x) > 15 for x in parts):
            return None
        joined = p.value == len(parts) + 1 and re.search(r"(?<=.)(?:和|及|与|以及)(?=.)", parts[-1])
        n = p.value if joined or seg.endswith("等") and len(parts) <= p.value else len(parts)
        return Parts(n, "项列举", ("list", p.block, colon))
    nxt = p.block + 1
    if nxt >= len(ctx.blocks):
        return None
    head = o.head_at(nxt)
    if head and head.marker is not None and head.marker.value != 1:
        return None                    # the heads go on with a series; the count is inside one of them
    if head:
        k = o.head_index(head)
        sibs = [head]
        for h in o.heads[k + 1:]:
            if h.level < head.level or (h.level == head.level and h.marker and h.marker.value == 1):
                break
            if h.level == head.level:
                sibs.append(h)
        return _kids(sibs)
    first = find_items(ctx.blocks[nxt].text.lstrip(" \u3000"))
    if first and first[0][0] == 0:
        return _items(o.items_from(nxt, 0, end))
    return _parallel_paras(ctx, o, nxt, end, p, by_shape=True)


def _sentence_span(text: str, pos: int, stops: Tuple[List[int], List[int]]) -> Tuple[int, int]:
    """The sentence around ``pos``, by bisection in the paragraph's precomputed stops (one long
    paragraph of many count phrases stays linear)."""
    ends, clause_ends = stops
    k = bisect.bisect_left(ends, pos)
    a = ends[k - 1] + 1 if k else 0
    j = bisect.bisect_left(clause_ends, pos)
    b = clause_ends[j] if j < len(clause_ends) else len(text)
    return a, min(b + 1, len(text))


def _parts_in_body(ctx: Context, o: HeadingTree, p: Phrase, text: str, stops) -> Optional[Parts]:
    s_start, s_end = _sentence_span(text, p.start, stops)
    colon = text.find("：", p.end, min(s_end, p.end + 40))
    if colon >= 0:
        return _parts_after_colon(ctx, o, p, text, colon)
    parent = o.parent_of_block(p.block, p.start)
    kids = o.children(parent)
    end = o.section_end(parent) if parent else len(ctx.blocks)
    rest = text[s_end:].lstrip(" \u3000")
    if rest and find_items(rest)[:1] and find_items(rest)[0][0] == 0:
        return _items(o.items_from(p.block, s_end, end))    # 抓好三个方面。一是……二是……
    announced = _announces_parts(text, p)
    if announced:
        part = _head_naming(o, p)            # 部署今年三项重点任务 … 三、今年的重点任务
        if part is not None and o.children(part):
            return _kids(o.children(part))
    if kids and p.block < kids[0].block:
        last = (ctx.blocks[p.block].kind == PARA and o.next_para(p.block + 1) >= kids[0].block
                and not text[s_end:].strip())
        named = sum(1 for h in kids if any(k in h.bare for k in p.keys))
        if named * 2 >= len(kids) or announced or last and (
                p.measure in ("点", "方面", "个方面") or p.noun.endswith(_PART_NOUNS)):
            return _kids(kids)
    if not _announces(text, p):
        return None
    return _parallel_paras(ctx, o, p.block + 1, end, p, by_shape=False)


# Verbs that announce parts to come (实施五大行动、抓好三项任务); without one, a count in the
# body is a quantity (三个街道和两个部门作了发言), however many paragraphs later name 街道.
_ANNOUNCING = ("实施", "抓好", "抓实", "突出", "推进", "开展", "打造", "完善", "实现", "建设", "落实",
               "做好", "聚焦", "围绕", "紧盯", "坚持", "强化", "健全", "建立", "构建", "部署", "提出",
               "明确", "推动", "深化", "讲", "谈", "抓")


# Verbs with which an opening announces the parts of the speech: 部署今年三项重点任务、讲三点意见.
_ANNOUNCING_PARTS = ("部署", "讲", "谈", "抓好", "抓实", "做好", "突出", "聚焦", "明确", "提出", "强调",
                     "汇报", "说", "交流")
_TIME_WORDS = lazy_re(r"(?:今年|明年|当前|下一步|今后|近期|本年度|下半年|上半年|这次|重点|主要)*$")


def _announces_parts(text: str, p: Phrase) -> bool:
    """Whether the count is the object of an announcing verb and names parts (任务、意见、方面)."""
    if not (p.noun.endswith(_PART_NOUNS) or p.measure in ("点", "方面", "个方面") and not p.noun):
        return False                # 十方面民生实事 names things to do, not the parts of the text
    before = _TIME_WORDS.sub("", text[max(0, p.start - 10):p.start])
    return before.endswith(_ANNOUNCING_PARTS)


def _head_naming(o: HeadingTree, p: Phrase) -> Optional[Head]:
    """The first head after the phrase whose text names the phrase's noun (重点任务)."""
    if len(p.noun) < 2:
        return None
    k = bisect.bisect_right(o._head_blocks, p.block)
    return next((h for h in o.heads[k:] if p.noun in h.bare), None)


def _announces(text: str, p: Phrase) -> bool:
    before = text[max(0, p.start - 3):p.start]
    return p.measure == "大" or before.endswith("“") or any(before.endswith(v) for v in _ANNOUNCING)


def check_counts(ctx: Context) -> Iterator[Finding]:
    """Phrases of one paragraph counted against the same parts are judged together: when one
    of them fits (实施“六大工程”，建强“两支队伍” over six sub-heads), the others are not
    reported; parts counted separately are judged separately."""
    o = ctx.tree
    for i, b in enumerate(ctx.blocks):
        if b.kind not in (PARA, HEADING, CLOSING):
            continue
        text = b.text
        head = o.head_at(i)
        by_basis: dict = {}
        phrases = find_phrases(text, i)
        stops = ([k for k, ch in enumerate(text) if ch in "。！？"],
                 [k for k, ch in enumerate(text) if ch in "。！？；"]) if phrases else ([], [])
        for p in phrases:
            listed = _listed_before(text, p)
            if listed:
                by_basis[("list", p.start)] = [(listed[0], p, listed[1], listed[2])]
                continue
            if p.measure in _LIST_ONLY_MEASURES:
                continue
            in_head = head is not None and head.shape not in (ENTRY, NUMBERED) and (
                head.standalone or p.start < len(head.text))
            parts = (_parts_under_head(ctx, o, head, p) if in_head
                     else _parts_in_body(ctx, o, p, text, stops))
            if parts:
                by_basis.setdefault(parts.basis, []).append(
                    (parts.count == p.value, p, f"其后实际有 {parts.count} 个{parts.what}", parts.count))
        for basis, verdicts in by_basis.items():
            if any(ok for ok, _, _, _ in verdicts):
                continue
            _, p, why, count = verdicts[0]
            proven = basis[0] in ("heads", "items")
            if not proven and abs(count - p.value) != 1:
                continue                # a list that far off is not the list the number counts
            # only part 一 is there and the text stops inside it: cut or unfinished
            last = _last_part(o, basis[1]) if basis[0] == "heads" and count == 1 else None
            early = last is not None and ends_early(ctx, last, anywhere=True)
            yield ctx.finding(COUNT_MISMATCH if proven else COUNT_LIST, i,
                              f"“{text[p.start:p.end]}”说的是 {p.value} 个，{why}"
                              + (early_note(ctx.line_of(last.block)) if early else ""),
                              severity=HINT if early else None, quote=text[p.start:p.end])


def _last_part(o: HeadingTree, first_block: int) -> Optional[Head]:
    """The last head of the level of the counted heads (the first of them at ``first_block``)."""
    first = o.head_at(first_block)
    if first is None:
        return None
    return [h for h in o.heads[o.head_index(first):] if h.level == first.level][-1]


RULES = [(COUNT_MISMATCH, check_counts), (COUNT_LIST, lambda ctx: ())]

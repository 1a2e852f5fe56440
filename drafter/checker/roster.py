"""Names and titles against a roster: the unit's leaders with their current titles, in protocol
order (``drafter check --roster 名册.yaml``, or ``名册:`` in drafter.yaml), or the facts of a
meeting pack (drafter.checker.pack).

Chinese has no spaces between a title and a name, so names are found by the roster itself: every
place a known name is written. The title written before it is the text back to the nearest
clause mark or function word (请、由、有、和……), when it ends in a post (书记、部长、主任……).
A name written without a title, or with its roster title, or with part of it (社会工作部部长 for
区委常委、社会工作部部长), is never reported. A title that differs is: 副 dropped or added, a
former post (``曾任``), or another post. Names listed together (separated only by 、，和 and their
titles) must follow the roster's order. A name the roster does not know is only a hint, and only
in the one shape that says it is a person's name: ``职务 + 姓名 + 同志``.

The roster file::

    名册:
      - 姓名: 陆承泽
        职务: 区委副书记
        曾任: [区委常委、组织部部长]      # 选填：以前的职务，写错成它时指明是旧职务
      - 姓名: 沈清禾
        职务: 区委常委、社会工作部部长
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterator, List, NamedTuple, Optional, Tuple

from drafter.checker.base import ERROR, HINT, WARNING, Context, Finding, Rule
from drafter.errors import DrafterError, Location
from drafter.lazy_re import lazy_re

TITLE = Rule(
    "roster-title", ERROR, "职务与名册不符",
    "名册中的人名前写的职务与名册不同：少了或多了“副”字、写成了以前的职务、或是另一个职务。"
    "只在人名前紧挨着写了职务（以书记、部长、主任、局长、常委等结尾）时比较；"
    "写的是名册职务的全部或其中一项（如只写“社会工作部部长”）不报告，只写姓名不报告。",
    source="单位名册（drafter check --roster，或单位设置的“名册”）；材料包的“出席领导”")
ORDER = Rule(
    "roster-order", WARNING, "排序与名册不符",
    "几位领导并列写在一起（只用顿号、逗号、“和”隔开，各带职务）时，先后应与名册的排序一致。"
    "分开写在不同句子里的不比较。",
    source="单位名册的排序；材料包“出席领导”的先后")
UNKNOWN = Rule(
    "roster-unknown", HINT, "名册中没有的人名",
    "以“职务+姓名+同志”写出的人不在名册中：可能是名字写错，也可能名册需要补充。只是提示。",
    source="单位名册")

# A title ends in one of these posts (longest first: 副书记 before 书记).
POSTS = tuple(sorted((
    "书记", "副书记", "部长", "副部长", "主任", "副主任", "局长", "副局长", "常委", "委员", "区长", "副区长",
    "县长", "副县长", "市长", "副市长", "省长", "副省长", "州长", "镇长", "乡长", "主席", "副主席", "秘书长",
    "厅长", "处长", "科长", "站长", "所长", "院长", "校长", "组长", "队长", "会长", "理事长", "社长", "行长",
    "董事长", "总经理", "经理", "检察长", "庭长", "政委", "专员", "调研员", "巡视员", "督学", "负责人", "干事",
    "主任科员", "委员长", "常务副部长", "常务副主任"), key=len, reverse=True))
# Compiled on first use: a check without a roster never pays for them (lazy_re).
_ENDS_IN_POST = lazy_re("(?:" + "|".join(POSTS) + ")$")
# Where a written title starts: after a clause mark, a quote or bracket, or a function word.
_STOPS = set("，。；：！？“”‘’（）《》「」【】\n,.;:!?()[] 　") | set("请由有是和及与同对向为在到的了并让叫给被把等经")
_NUMBER = lazy_re(r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百0-9]+[)）]|[0-9]+[.．、])")
_LIST_GAP = lazy_re(r"^(?:同志)?[、，,和及与\s]+$")
_COMRADE = "同志"
# Words between a name and 同志 that are not the rest of a name (张明等同志, 张明二位同志).
_NOT_IN_NAMES = set("等各诸众俩二两三四五六七八九十几位名")
_UNKNOWN_RE = lazy_re("(?:" + "|".join(POSTS) + r")(?P<name>[\u4e00-\u9fff]{2,3})同志", needs="同志")


# Plain tuples and a slotted class, not dataclasses: every ``drafter check`` imports this module
# (its rules are listed), and each dataclass costs about 1.5 ms to create.
class Person(NamedTuple):
    name: str
    title: str = ""
    order: Optional[int] = None             # protocol order, 0 first; None: not ranked
    former: Tuple[str, ...] = ()
    line: Optional[int] = None              # where the roster (or the questionnaire) names them


class Roster:
    __slots__ = ("people", "path", "what", "by_name", "lengths")

    def __init__(self, people: Tuple[Person, ...], path: Optional[Path] = None, what: str = "名册"):
        self.people = people
        self.path = path
        self.what = what                    # how messages name it: 名册, 出席领导
        self.by_name: Dict[str, Person] = {p.name: p for p in people if p.name}
        self.lengths: Tuple[int, ...] = tuple(sorted({len(n) for n in self.by_name}, reverse=True))

    def __eq__(self, other) -> bool:
        return isinstance(other, Roster) and (self.people, self.path, self.what) == (other.people, other.path, other.what)

    __hash__ = None

    def merged(self, other: Optional["Roster"]) -> "Roster":
        """This roster, with the people of ``other`` it does not name (a meeting's facts first)."""
        if other is None:
            return self
        return Roster(self.people + tuple(p for p in other.people if p.name not in self.by_name), self.path, self.what)


# -- reading a roster file --------------------------------------------------------------------------

class RosterError(DrafterError):
    exit_code = 2


def load_roster(path: Path) -> Roster:
    """The roster in ``path``: a list (or ``名册:`` and a list) of 姓名, 职务 and optional 曾任."""
    from drafter.yamlsrc import load_yaml
    path = Path(path)
    if not path.is_file():
        raise RosterError("找不到名册文件", Location(path), hint="请检查 --roster 后的路径。")
    doc = load_yaml(path, RosterError)
    data, kp = doc.data, ()
    if isinstance(data, dict) and "名册" in data and len(data) == 1:
        data, kp = data["名册"], ("名册",)
    hint = "名册每项写“姓名”和“职务”，按排序先后排列，参看 README 中“会议材料包”一节的例子。"
    if not isinstance(data, list) or not data:
        raise RosterError("名册应是一个列表，每项是一位领导", doc.loc(kp), hint=hint)
    people: List[Person] = []
    seen = set()
    for i, item in enumerate(data):
        here = kp + (i,)
        if not isinstance(item, dict):
            raise RosterError("名册的每项应写成“姓名: …”“职务: …”", doc.loc(here), hint=hint)
        for k in item:
            if k not in ("姓名", "职务", "曾任"):
                raise RosterError(f"名册不认识“{k}”", doc.key_loc(here + (k,)), hint="每项可写：姓名、职务、曾任。")
        name, title = item.get("姓名"), item.get("职务")
        if not isinstance(name, str) or not name.strip() or not isinstance(title, str) or not title.strip():
            raise RosterError("名册的每项都要写“姓名”和“职务”", doc.loc(here), hint=hint)
        former = item.get("曾任") or []
        if isinstance(former, str):
            former = [former]
        if not isinstance(former, list) or not all(isinstance(x, str) for x in former):
            raise RosterError("“曾任”应是以前的职务，一项或几项", doc.loc(here + ("曾任",)))
        if not _is_name(name.strip()):
            raise RosterError(f"名册中的姓名“{_shown(name.strip())}”不像是一个人的姓名", doc.loc(here + ("姓名",)),
                              hint="姓名写全名，至少两个字，只用汉字或字母（少数民族姓名中间可用“·”）；"
                                   "请删去其中的空格、标点、引号、换行和看不见的字符。")
        if name.strip() in seen:
            raise RosterError(f"名册中“{name.strip()}”出现了两次", doc.loc(here))
        seen.add(name.strip())
        people.append(Person(name.strip(), title.strip(), i, tuple(x.strip() for x in former), doc.loc(here).line))
    return Roster(tuple(people), path)


def _is_name(name: str) -> bool:
    """A full name: two characters or more, letters only (Han or Latin), with the · of a
    minority name or the single spaces of a Latin one between them. Anything else in a roster
    (a mark, an invisible or direction character, one character) would be found all over a
    draft, or inside other names."""
    import unicodedata
    if len(name) < 2 or name[0] in "·・ " or name[-1] in "·・ ":
        return False
    latin = any(ch.isascii() and ch.isalpha() for ch in name)
    for a, b in zip(" " + name, name):
        if b in "·・" or (b == " " and latin and a != " "):
            continue
        if not unicodedata.category(b).startswith("L"):
            return False
    return True


def _shown(name: str) -> str:
    """The name as a message can show it: what cannot be seen is written as its code."""
    import unicodedata
    return "".join(ch if unicodedata.category(ch)[0] in "LNPS" and ch != "\u3000" else f"\\u{ord(ch):04x}"
                   for ch in name)


# -- finding names in text ------------------------------------------------------------------------

class Mention(NamedTuple):
    person: Person
    start: int
    end: int            # after the name, and after 同志 when it follows
    title: str          # the title written right before the name ("" if none)


def mentions(text: str, roster: Roster) -> List[Mention]:
    """Every place a roster name is written in ``text``, in order; a longer name wins where two
    overlap (王五一 over 王五)."""
    spans: List[Tuple[int, int, Person]] = []
    taken = [False] * len(text)
    # Every place any name starts, looked up by its length (a roster of thousands costs a
    # look-up per length and place, not a search of the text per person); longest first.
    lengths = roster.lengths
    found = sorted(((i, n) for i in range(len(text)) for n in lengths
                    if i + n <= len(text) and text[i:i + n] in roster.by_name),
                   key=lambda x: (-x[1], x[0]))
    for start, n in found:
        end = start + n
        if not any(taken[start:end]) and not _longer_name(text, start, end):
            spans.append((start, end, roster.by_name[text[start:end]]))
            for k in range(start, end):
                taken[k] = True
    spans.sort(key=lambda s: s[0])
    out: List[Mention] = []
    prev_end = 0
    for start, end, p in spans:
        title = written_title(text[prev_end:start])
        after = end + len(_COMRADE) if text.startswith(_COMRADE, end) else end
        out.append(Mention(p, start, after, title))
        prev_end = after
    return out


def _longer_name(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` is the start of a longer one: one more character, then
    同志 (张明华同志 is not 张明), the shape the unknown-name hint reads as a person's name."""
    if end - start > 3 or not text.startswith(_COMRADE, end + 1):
        return False
    ch = text[end]
    return "\u4e00" <= ch <= "\u9fff" and ch not in _STOPS and ch not in _NOT_IN_NAMES


def written_title(before: str) -> str:
    """The title written at the end of ``before`` (the text up to a name), or ""."""
    k = len(before)
    while k > 0 and before[k - 1] not in _STOPS:
        k -= 1
    title = _NUMBER.sub("", before[k:].lstrip("、"))
    return title if _ENDS_IN_POST.search(title) else ""


def _posts(title: str) -> List[str]:
    return [p for p in re.split(r"[、，,]", title) if p]


def _post_matches(written: str, real: str) -> bool:
    """``written`` is ``real`` or an abbreviation of it: a tail that does not cut off a 副
    (部长 for 社会工作部部长, but not 部长 for 副部长)."""
    if written == real:
        return True
    return real.endswith(written) and not real[:-len(written)].endswith("副")


def title_problem(written: str, person: Person) -> Optional[str]:
    """Why ``written`` is not ``person``'s title, or None when it is (all of it, or part); ""
    when it is simply another post."""
    def fits(posts: List[str], title: str, bare=lambda x: x) -> bool:
        return all(any(_post_matches(bare(w), bare(r)) for r in _posts(title)) for w in posts)

    posts = _posts(written)
    if fits(posts, person.title):
        return None
    if any(fits(posts, f) for f in person.former):
        return "这是以前的职务"
    if fits(posts, person.title, lambda x: x.replace("副", "")):
        return "多了“副”字" if written.count("副") > person.title.count("副") else "少了“副”字"
    return ""


def _message(m: Mention, why: str, what: str) -> str:
    reason = f"：{why}" if why else ""
    return f"“{m.person.name}”的职务写作“{m.title}”，{what}中是“{m.person.title}”{reason}"


def title_findings(ctx: Context, roster: Roster) -> Iterator[Finding]:
    for i, text in ctx.texts():
        for m in mentions(text, roster):
            if not m.title or not m.person.title:
                continue
            why = title_problem(m.title, m.person)
            if why is not None:
                yield ctx.finding(TITLE, i, _message(m, why, roster.what), offset=m.start - len(m.title),
                                  suggestion=m.person.title + m.person.name)


def order_findings(ctx: Context, roster: Roster) -> Iterator[Finding]:
    for i, text in ctx.texts():
        run: List[Mention] = []
        for m in mentions(text, roster) + [None]:
            if m is not None and m.person.order is not None and run and _listed(text, run[-1], m):
                run.append(m)
                continue
            bad = _out_of_order(run)
            if bad is not None:
                a, b = bad
                shown = "、".join(x.person.name for x in run)
                right = "、".join(x.person.name for x in sorted(run, key=lambda x: x.person.order))
                yield ctx.finding(ORDER, i, f"“{shown}”的先后与{roster.what}不同：“{b.person.name}”应在“{a.person.name}”之前"
                                  f"（{roster.what}的顺序是{right}）", offset=run[0].start - len(run[0].title))
            run = [m] if m is not None and m.person.order is not None else []


def _listed(text: str, a: Mention, b: Mention) -> bool:
    """``b`` follows ``a`` in one list: only 、，和 (and b's title) between them."""
    return bool(_LIST_GAP.match(text[a.end:b.start - len(b.title)]))


def _out_of_order(run: List[Mention]) -> Optional[Tuple[Mention, Mention]]:
    for a, b in zip(run, run[1:]):
        if b.person.order < a.person.order:
            return a, b
    return None


def unknown_findings(ctx: Context, roster: Roster) -> Iterator[Finding]:
    from drafter.checker.placeholders import SURNAMES
    seen = set()
    for i, text in ctx.texts():
        for m in _UNKNOWN_RE.finditer(text):
            name = m.group("name").rstrip("".join(_NOT_IN_NAMES))      # 王强等同志: 王强
            if len(name) < 2 or name in roster.by_name or name in seen or name[0] not in SURNAMES \
                    or any(name.endswith(p.name) or p.name.startswith(name) for p in roster.people):
                continue
            seen.add(name)
            yield ctx.finding(UNKNOWN, i, f"“{m.group(0)}”中的“{name}”不在{roster.what}中", offset=m.start("name"))


def _roster_of(ctx: Context) -> Optional[Roster]:
    return getattr(ctx.settings, "roster", None) if ctx.settings is not None else None


def check_titles(ctx: Context) -> Iterator[Finding]:
    roster = _roster_of(ctx)
    return title_findings(ctx, roster) if roster else iter(())


def check_order(ctx: Context) -> Iterator[Finding]:
    roster = _roster_of(ctx)
    return order_findings(ctx, roster) if roster else iter(())


def check_unknown(ctx: Context) -> Iterator[Finding]:
    roster = _roster_of(ctx)
    return unknown_findings(ctx, roster) if roster else iter(())


RULES = [(TITLE, check_titles), (ORDER, check_order), (UNKNOWN, check_unknown)]

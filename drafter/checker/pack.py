"""``drafter check`` of a pack questionnaire (drafter.genre.pack): every document of the pack is
rendered and proofread like any draft, and each is held to the meeting's facts.

The facts the outline names (``facts:``) make a roster: those attending with their titles in
protocol order, then the other people the agenda names with a title. Every document is checked
against it with the roster rules (drafter.checker.roster): a title that differs from the facts,
leaders listed out of order. On top of that, for the pack as a whole:

- the linked speech's title names the meeting, and its date line is the meeting's date;
- every agenda speaker appears in each document that must name them (``speakers: true``);
- the person presiding is one of those attending.

Findings of a document say which one in front (【主持词】); their lines are those of the
questionnaire the document was rendered from (the linked speech's own, for the speech).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import List, Optional, Sequence

from drafter.checker.base import Finding, Rule
from drafter.checker.own_rules import CHAIR, LINK, SPEAKER
from drafter.checker.roster import Person, Roster
from drafter.errors import DrafterError


_MEETING_IN_TITLE = re.compile(r"在(?P<meeting>.+?)上的")


def facts_roster(answers) -> Optional[Roster]:
    """Those attending (in order) and the agenda's other titled speakers, from the facts."""
    facts = answers.outline.facts
    if facts is None or not facts.people:
        return None
    values = answers.values
    people: List[Person] = []
    for k, p in enumerate(values.get(facts.people) or []):
        if p is not None and p.get("name"):
            people.append(Person(str(p.get("name")), str(p.get("title") or ""), k, (), p.line or None))
    known = {p.name for p in people}
    for item in (values.get(facts.agenda) or []) if facts.agenda else []:
        for s in (item.get("speakers") or []) if item is not None else []:
            if s is not None and s.get("title") and str(s.get("name")) not in known:
                known.add(str(s.get("name")))
                people.append(Person(str(s.get("name")), str(s.get("title")), None, (), s.line or None))
    return Roster(tuple(people), answers.path, "出席领导")


def check_pack(answers, outline_dirs: Sequence[Path] = (), settings=None, warned=None) -> List[Finding]:
    from drafter.genre.pack import render_pack
    return check_rendered(answers, render_pack(answers, outline_dirs), settings, warned)


def check_rendered(answers, rendered, settings=None, warned=None) -> List[Finding]:
    """The findings of every document of a rendered pack, and of the pack against its facts.
    ``warned(answers, path)``: the findings of a linked questionnaire's own warnings."""
    from drafter.checker import check_draft
    from drafter.checker.config import NONE
    settings = settings or NONE
    facts = facts_roster(answers)
    roster = facts.merged(settings.roster) if facts is not None else settings.roster
    found: List[Finding] = []
    for r in rendered:
        if r.answers is not answers and warned is not None:
            found += warned(r.answers, r.answers.path)
        for f in check_draft(r.draft, settings=replace(settings, roster=roster)):
            found.append(replace(f, message=f"【{r.document.name}】{f.message}", path=f.path or r.answers.path))
    found += _pack_findings(answers, rendered)
    return found


def _pack_findings(answers, rendered) -> List[Finding]:
    from drafter.zh.numerals import parse_date
    facts = answers.outline.facts
    if facts is None:
        return []
    values = answers.values
    out: List[Finding] = []

    def at(rule: Rule, value, message: str, path: Optional[Path] = None, line: Optional[int] = None) -> Finding:
        return Finding(rule.id, rule.severity, message, line or getattr(value, "line", None) or None,
                       path or answers.path)

    meeting = str(values.get(facts.meeting) or "") if facts.meeting else ""
    date = values.get(facts.date) if facts.date else None
    for r in rendered:
        if not r.document.link:
            continue
        draft, name = r.draft, r.document.name
        title = next((b for b in draft.blocks if b.kind == "title"), None)
        if meeting and title is not None:
            m = _MEETING_IN_TITLE.search(title.text.replace("\n", ""))
            if m and m.group("meeting") != meeting:
                out.append(at(LINK, None, f"【{name}】标题中的会议是“{m.group('meeting')}”，会议名称是“{meeting}”",
                              r.answers.path, title.line))
        if date is not None:
            for b in draft.blocks:
                if b.kind != "byline":
                    continue
                day = parse_date(b.text.strip().strip("（）()"))
                if day is not None and day != date.date:
                    out.append(at(LINK, None, f"【{name}】的日期是“{b.text.strip()}”，会议日期是“{date}”",
                                  r.answers.path, _date_line(r.answers, day) or b.line))
    people = [p for p in (values.get(facts.people) or []) if p is not None] if facts.people else []
    names = {str(p.get("name")) for p in people}
    chair = values.get(facts.chair) if facts.chair else None
    if chair and names and str(chair) not in names:
        out.append(at(CHAIR, chair, f"主持人“{chair}”不在出席领导中"))
    if facts.agenda:
        must = [r for r in rendered if r.document.speakers]
        for k, item in enumerate(values.get(facts.agenda) or [], 1):
            for s in (item.get("speakers") or []) if item is not None else []:
                who = str(s.get("name") or "") if s is not None else ""
                for r in must if who else ():
                    if who not in r.draft.text():
                        out.append(at(SPEAKER, s.get("name"), f"议程第 {k} 项的发言人“{who}”没有出现在【{r.document.name}】中"))
    return out


def _date_line(answers, day) -> Optional[int]:
    """The questionnaire line of the top-level date answer that is ``day`` (a date carries no line
    of its own through the template)."""
    from drafter.yamlsrc import load_yaml
    for q in answers.outline.questions:
        value = answers.values.get(q.key)
        if q.type == "date" and value is not None and value.date == day:
            doc = load_yaml(answers.path, DrafterError)
            if isinstance(doc.data, dict):
                key = q.label if q.label in doc.data else q.key
                return doc.loc((key,)).line
    return None

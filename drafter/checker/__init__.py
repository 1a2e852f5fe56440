"""drafter check: rules over a Draft, one small module per family of rules.

``check_draft`` runs every rule and returns findings in document order; ``format_findings``
and ``format_rules`` turn them into text or JSON. Each rule has an id, a severity
(错误/警告/提示) and a Chinese explanation; ``RULES`` lists them in the order of ``--rules``.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from drafter.draft import Draft
from drafter.checker.base import ERROR, HINT, WARNING, Finding, Rule
from drafter.checker import (counts, dates, field, layout, length, levels, marks, numbering, numbers,
                             parallel, placeholders, punctuation, repeats, roster, tifa, words)
from drafter.checker import report

_FAMILIES = (placeholders, numbering, counts, levels, layout, punctuation, marks, repeats, words, tifa,
             field, dates, numbers, parallel, length, roster)
_CHECKS = [pair for family in _FAMILIES for pair in family.RULES]
RULES: List[Rule] = [rule for rule, _ in _CHECKS]

__all__ = ["ERROR", "WARNING", "HINT", "Finding", "Rule", "RULES", "check_draft",
           "format_findings", "format_rules"]


def check_draft(draft: Draft, *, rate_per_min: Optional[int] = None, settings=None) -> List[Finding]:
    """Every finding of every rule, ordered by line. The reading rate for the length rule is
    ``rate_per_min`` when given, else the questionnaire's (``draft.rate_per_min``), else 200.
    ``settings`` (checker.config.Settings, a unit's drafter.yaml) switches rules off, changes
    their severity and adds the unit's own placeholders, words and 提法."""
    from drafter.checker.base import Context

    ctx = Context(draft, rate_per_min, settings)
    found: List[Finding] = []
    for _, check in _CHECKS:
        found.extend(check(ctx))
    if settings:
        found = settings.apply(found)
    found.sort(key=lambda f: (f.line is None, f.line or 0))
    return found


def format_findings(findings: Sequence[Finding], fmt: str = "text", *, paths: Sequence = (),
                    configs=None) -> str:
    return report.format_findings(findings, fmt, paths=paths, configs=configs)


def format_rules(fmt: str = "text") -> str:
    return report.format_rules(RULES, fmt)

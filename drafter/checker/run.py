"""``drafter check`` over any input: a questionnaire is validated and rendered, a draft of any kind
is read (drafter.read.reader), and the same proofreading rules run over the resulting Draft.

Questionnaire errors become findings with the questionnaire's own line, so one report covers
both "the form is filled in wrong" and "the draft would embarrass the speaker".
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from drafter.checker.base import ERROR, Finding, Rule
from drafter.checker.own_rules import CLEANED, LIMIT, OWN_RULES, QUESTIONNAIRE, TEMPLATE, TYPED, UNREADABLE, WEB
from drafter.errors import DrafterError, InputUnreadable, Location
from drafter import formats

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _finding(rule: Rule, err: DrafterError, path: Path) -> Finding:
    where = err.where or Location(path)
    text = err.message + (f"（{err.hint.rstrip('。')}）" if err.hint else "")
    return Finding(rule.id, rule.severity, text, where.line, Path(where.path or path))


def check_file(path: Path, outline_dirs: Sequence[Path] = (), settings=None) -> List[Finding]:
    """Findings for one file; raises InputUnreadable when it cannot be read at all. ``settings``:
    the unit's drafter.yaml (checker.config.Settings), or None for the rules as they ship."""
    from drafter.checker import check_draft
    path = Path(path)
    if not path.exists():
        raise InputUnreadable("文件不存在", Location(path), hint="请检查文件名和路径。")
    kind = formats.accept(path, "check")
    if not kind.draft:
        return _check_questionnaire(path, outline_dirs, settings)
    from drafter.read.reader import read_draft
    draft = read_draft(path, "check")
    return _site_words(draft, path) + check_draft(draft, settings=settings)


def _site_words(draft, path: Path) -> List[Finding]:
    """A web page's own words in a draft (drafter.read.web): format leaves them out."""
    from drafter.draft import FURNITURE
    from drafter.read.web import furniture_spans
    found = []
    for b in draft.blocks:
        spans = [b.text] if b.kind == FURNITURE else [b.text[x:y] for x, y in furniture_spans(b.text)]
        for text in spans:
            found.append(Finding(WEB.id, WEB.severity, f"网页上的附加文字“{text.strip()[:30]}”，不是文稿的内容",
                                 b.line, path, fixable=True))
    return found


def _check_questionnaire(path: Path, outline_dirs, settings=None) -> List[Finding]:
    from drafter.checker import check_draft
    from drafter.errors import AnswerError, OutlineError, TemplateError
    from drafter.api import draft_from_answers
    from drafter.genre.questionnaire import read_answers
    try:
        answers = read_answers(path, extra_dirs=outline_dirs)
    except (AnswerError, OutlineError) as e:
        return [_finding(QUESTIONNAIRE, x, path) for x in getattr(e, "errors", [e])] + \
            questionnaire_warnings(e, path)
    if answers.outline.is_pack:
        from drafter.checker.pack import check_pack
        try:
            return questionnaire_warnings(answers, path) + check_pack(answers, outline_dirs, settings,
                                                                      questionnaire_warnings)
        except (AnswerError, OutlineError) as e:       # the linked questionnaire
            return questionnaire_warnings(answers, path) + \
                [_finding(QUESTIONNAIRE, x, path) for x in getattr(e, "errors", [e])]
        except TemplateError as e:
            return questionnaire_warnings(answers, path) + [_finding(TEMPLATE, e, path)]
    try:
        draft = draft_from_answers(answers)
    except TemplateError as e:
        return questionnaire_warnings(answers, path) + [_finding(TEMPLATE, e, path)]
    except AnswerError as e:        # answers too many for the template (drafter.genre.render)
        return questionnaire_warnings(answers, path) + [_finding(QUESTIONNAIRE, e, path)]
    return questionnaire_warnings(answers, path) + check_draft(draft, settings=settings)


def questionnaire_warnings(answers, path: Path) -> List[Finding]:
    """The questionnaire's warnings: advice on the outline's limits, control characters removed."""
    from drafter.genre.questionnaire import LimitAdvice
    rules = {"typed-number": TYPED, "web-furniture": WEB}
    return [_finding(LIMIT if isinstance(w, LimitAdvice) else rules.get(getattr(w, "rule", ""), CLEANED), w, path)
            for w in getattr(answers, "warnings", ())]


def run_check(files: Sequence[Path], fmt: str, outline_dirs: Sequence[Path],
              echo: Callable[[str], None], config: Optional[Path] = None, roster: Optional[Path] = None) -> int:
    """Check every file, print one report, return the exit code (0 clean, 1 errors, 2 unreadable).
    Each file is checked with ``config`` when given, else with the nearest drafter.yaml above it;
    a settings file that cannot be used stops the run with its file and line (ConfigError).
    ``roster`` (--roster): the unit's roster for every file, in place of the settings' own."""
    from dataclasses import replace
    from drafter.checker import format_findings
    from drafter.checker.config import settings_for
    names = None
    if roster is not None:
        from drafter.checker.roster import load_roster
        names = load_roster(Path(roster))
    findings: List[Finding] = []
    unreadable: List[Tuple[Path, DrafterError]] = []
    used: Dict[str, Optional[Path]] = {}
    for f in files:
        settings = settings_for(Path(f), config)
        if names is not None:
            settings = replace(settings, roster=names)
        used[str(f)] = settings.path
        try:
            findings.extend(check_file(Path(f), outline_dirs, settings))
        except InputUnreadable as e:
            unreadable.append((Path(f), e))
    findings.extend(_finding(UNREADABLE, e, f) for f, e in unreadable)
    echo(format_findings(findings, fmt, paths=[Path(f) for f in files], configs=used))
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if any(x.severity == ERROR for x in findings) else EXIT_OK


def format_all_rules(fmt: str = "text") -> str:
    from drafter.checker import RULES
    from drafter.checker.report import format_rules
    return format_rules(list(RULES) + OWN_RULES, fmt)


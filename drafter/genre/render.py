"""Rendering: outline template + Answers → Draft.

A template writes a small XML vocabulary (``<title>``, ``<heading level="1">``, ``<para>`` with
``<head level="2">`` and ``<item>`` run-in heads …). Jinja's autoescape turns every answer into
XML text, so whatever a user types comes back from the XML parser literally. The engine, not the
template, then numbers headings and items in order, fixes the ends of headings and converts
half-width punctuation: no template can get those wrong.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List, Optional

import jinja2
from markupsafe import Markup, escape

from drafter import draft as d
from drafter.errors import AnswerError, DrafterError, Location, TemplateError
from drafter.zh.numerals import CnDate, cn_count, cn_date, cn_number
from drafter.zh.cjk import is_cjk
from drafter.genre.outline import BUILTIN_TEMPLATES, Outline
from drafter.genre.questionnaire import MARK_CLOSE, MARK_OPEN, Answers
from drafter.genre.sandbox import BoundedSandbox, FolderLoader, LimitExceeded, bounded_output, template_cache, time_limit

# Tags a template may write, and the block kind each becomes (drafter.draft.BLOCK_KINDS).
_BLOCK_TAGS = {k.tag: k.kind for k in d.BLOCK_KINDS if k.tag}
_MARKER = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
_LAYOUT_WS = re.compile(r"\s*\n\s*")


def _count(value, measure: str = "") -> str:
    """``{{ actions|count('大') }}`` → 五大: the count word is derived from the list, never typed."""
    n = value if isinstance(value, int) else len(value)
    return cn_count(n, measure)


def _paras(value, tag: str = "para") -> Markup:
    """``{{ answer|paras }}``: one paragraph per paragraph of a prose answer
    (``|paras('closing')`` for closing paragraphs)."""
    if value is None:
        return Markup("")
    if tag not in _BLOCK_TAGS:
        raise ValueError(f"paras 过滤器不认识段落类型“{tag}”")
    items = value if isinstance(value, list) else [value]
    open_, close = Markup(f"<{tag}>"), Markup(f"</{tag}>\n")
    return Markup("").join(open_ + escape(p) + close for p in items if p)


_SENTENCE_END = "。！？…；：”’）》"
_CLOSERS = "”’）》"
_STOPS = "。！？…；："


def _sentence(value, end: str = "。") -> str:
    """``{{ x|sentence }}``: an answer the template runs on after ends as a sentence (adds 。);
    ``{{ q|sentence('？') }}`` ends a question with ？ instead."""
    if value is None:
        return ""
    if isinstance(value, list):
        return Markup("").join(_sentence(v, end) for v in value)
    text = value.strip() if isinstance(value, str) else str(value)
    # A closing quote or bracket ends a sentence only after a stop: “……。” does, （社区） does not.
    if not text or text[-1] in _SENTENCE_END and (text[-1] not in _CLOSERS or len(text) > 1 and text[-2] in _STOPS):
        return value
    # A stop typed half-width (任务. 任务!) ends it too: the cleaning pass makes it full-width and
    # lists it; another 。 here would print 任务.。
    if text[-1] in "!?" or text[-1] == "." and len(text) > 1 and is_cjk(text[-2]):
        return value
    return escape(value) + escape(end)


_DATE_FORMS = {"年月日": "{y}年{m}月{d}日", "月日": "{m}月{d}日", "年月": "{y}年{m}月", "年": "{y}年", "星期": "星期{w}"}
_WEEKDAYS = "一二三四五六日"


def _date(value, form: str = "年月日") -> str:
    """``{{ d|date }}`` → 2025年1月6日; ``{{ d|date('月日') }}`` → 1月6日 (news), also 年月, 年,
    and 星期 (the weekday: 星期一 … 星期日)."""
    if form not in _DATE_FORMS:
        raise ValueError(f"date 过滤器不认识格式“{form}”，可用的有：" + "、".join(_DATE_FORMS))
    if isinstance(value, str):       # a preview's stand-in for a date not given yet: 【待填写：讲话日期】
        return value
    day = value.date if isinstance(value, CnDate) else value
    if form == "年月日":
        return cn_date(day)
    return _DATE_FORMS[form].format(y=day.year, m=day.month, d=day.day, w=_WEEKDAYS[day.weekday()])


# A slot in a user-editable frame: {名称} (half- or full-width braces).
_SLOT = re.compile(r"[{｛]\s*([^{}｛｝\s]{1,12})\s*[}｝]")


def _fill(frame, values=None, **more) -> Markup:
    """``{{ frame|fill({'名称': a.name, '方面': a.aspect}) }}``: a sentence pattern the clerk may
    rewrite in the questionnaire (实施{名称}行动，在{方面}上聚力攻坚。) with its slots filled from
    answers or derived values. A slot the template does not offer is an error naming the ones it does."""
    if frame is None:
        return Markup("")
    slots = dict(values or {}, **more)
    source = str(escape(frame))   # keeps the answer's line marker; braces are not escaped

    def put(m: re.Match) -> str:
        name = m.group(1)
        if name not in slots:
            offered = "、".join("{" + k + "}" for k in slots) or "（无）"
            # The renderer adds the questionnaire's path to this line.
            raise AnswerError(f"句式“{frame}”中有“{{{name}}}”，无法填写",
                              Location(None, getattr(frame, "line", 0) or None),
                              hint=f"句式中只能使用：{offered}；其余文字照写即可。")
        value = slots[name]
        return str(escape("" if value is None else value))

    return Markup(_SLOT.sub(put, source))


# The level a meeting's name states (全市社会工作会议 → 全市): a default sentence that speaks of
# the level takes it from the answers, never a level of its own.
_SCOPE = re.compile("全(?:国|省|自治区|自治州|市|州|盟|区|县|旗|镇|乡|街道|系统)")


def _scope(value) -> str:
    """``{{ meeting|scope }}``: 全省/全市/全区/全县… as the text names it first, or empty."""
    m = _SCOPE.search(str(value or ""))
    return m.group(0) if m else ""


def _environment(outline: Outline) -> jinja2.Environment:
    # Built-in outlines may share the built-in templates; an office's own outline folder sees
    # only its own files (drafter.genre.sandbox: no ../, no symlink out of the folder).
    folders = [str(outline.folder)]
    if outline.builtin:
        folders.append(str(BUILTIN_TEMPLATES))
    env = BoundedSandbox(
        loader=FolderLoader(folders), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, bytecode_cache=template_cache())
    env.filters.update(cn=cn_number, count=_count, paras=_paras, date=_date, sentence=_sentence, fill=_fill,
                       scope=_scope)
    return env


def _template_line(exc: BaseException) -> Optional[Location]:
    tb = exc.__traceback__
    where = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = Location(Path(name), tb.tb_lineno)
        tb = tb.tb_next
    return where


def render_markup(outline: Outline, answers: Answers, template: Optional[str] = None,
                  extra: Optional[dict] = None) -> str:
    """The template's XML output (exposed for debugging templates). ``template``: another of the
    outline's templates (a pack's document); ``extra``: more names for it (a pack's ``linked``)."""
    env = _environment(outline)
    name = template or outline.template
    if not name:
        from drafter.genre.packdef import not_a_pack
        raise not_a_pack(outline)
    try:
        with time_limit():
            tpl = env.get_template(name)
            values = answers.values
            context = {q.key: values.get(q.key) for q in outline.questions}
            context["answers"] = values
            context.update(extra or {})
            return bounded_output(tpl.generate(context))
    except jinja2.TemplateSyntaxError as e:
        raise TemplateError(f"模板语法错误：{e.message}", Location(Path(e.filename or outline.template), e.lineno),
                            hint="请检查模板中 {{ }} 与 {% %} 是否配对。") from None
    except jinja2.TemplateNotFound as e:
        raise TemplateError(f"找不到模板“{e.name}”", Location(outline.path),
                            hint="模板只能放在大纲所在的文件夹里，不能用“../”引用别处的文件。") from None
    except jinja2.exceptions.SecurityError as e:
        raise TemplateError("模板试图访问不允许访问的内容", _template_line(e),
                            hint="模板只能读取问卷中的回答，不能调用 Python 内部的属性和方法。") from None
    except jinja2.UndefinedError as e:
        raise TemplateError(_undefined_message(e.message or ""), _template_line(e),
                            hint="请核对模板中的名称与大纲里问题的 key 是否一致；选填的一组问题没有填写时，"
                                 "模板拿到的是空值，要先用 {% if … %} 判断。") from None
    except LimitExceeded as e:
        if outline.builtin:
            raise _too_much(answers) from None
        raise TemplateError(str(e), _template_line(e) or Location(outline.folder / outline.template),
                            hint="模板只用来排列问卷中的回答；请删去过大的循环、乘方、重复或递归。") from None
    except DrafterError as e:
        if e.where is None or e.where.path is None:
            e.where = Location(answers.path, e.where.line if e.where else None)
        raise
    except RecursionError as e:
        raise TemplateError("模板递归过深（宏或 include 调用了自身）", _template_line(e),
                            hint="请检查模板中的宏和 {% include %} 是否无限地调用自身。") from None
    except MemoryError as e:
        raise TemplateError("模板运行时内存不足", _template_line(e),
                            hint="模板只用来排列问卷中的回答；请删去生成大量文字的部分。") from None
    except Exception as e:  # noqa: BLE001 — the one boundary around template code: whatever it raises
        raise TemplateError(f"模板运行出错：{_python_error(e)}", _template_line(e) or
                            Location(outline.folder / outline.template)) from None


def _too_much(answers: Answers) -> AnswerError:
    """drafter's own templates reach a limit only on answers far past the outline's advice (3,000
    leaders where it says 20): said at the questionnaire, where the clerk can act, and not at a
    template they never wrote."""
    from drafter.genre.questionnaire import LimitAdvice
    advice = sorted((w for w in answers.warnings if isinstance(w, LimitAdvice)),
                    key=lambda w: "项" not in w.message)       # a list far too long first
    what = "：" + "；".join(w.message for w in advice[:3]) if advice else ""
    return AnswerError(f"问卷的内容过多，超出了生成文稿的时间或篇幅限度{what}",
                       advice[0].where if advice else Location(answers.path),
                       hint="请删去多余的项和文字（大纲的限度见上面的警告），或把内容分成几份问卷。")


_PYTHON_ERRORS = {ZeroDivisionError: "除数为零", OverflowError: "数值超出范围", TypeError: "数据类型不对",
                  ValueError: "数值不对", AttributeError: "没有这个属性", KeyError: "没有这一项",
                  IndexError: "序号超出范围"}


def _python_error(e: BaseException) -> str:
    # Python's own words are English: the kind in Chinese, and the template line, say enough.
    return next((v for k, v in _PYTHON_ERRORS.items() if isinstance(e, k)), "无法完成")


# Jinja's words for a name it cannot find, in Chinese: 'x' is undefined; 'None' has no attribute 'y';
# 'dict object' has no attribute 'y'.
_UNDEFINED = re.compile(r"^'(?P<name>[^']*)' is undefined$")
_NO_ATTR = re.compile(r"^'(?P<owner>[^']*)'(?: object)? has no (?:attribute|element) '?(?P<name>[^']*)'?$")


def _undefined_message(message: str) -> str:
    m = _UNDEFINED.match(message)
    if m:
        return f"模板引用了不存在的内容：“{m.group('name')}”没有定义"
    m = _NO_ATTR.match(message)
    if m and m.group("owner") == "None":
        return f"模板引用了不存在的内容：要读取“{m.group('name')}”的那一组回答是空的（没有填写）"
    if m:
        return f"模板引用了不存在的内容：回答里没有“{m.group('name')}”这一项"
    return "模板引用了不存在的内容"


def _clean(s: Optional[str]) -> str:
    return _LAYOUT_WS.sub("", s) if s else ""


class _Parser:
    def __init__(self, source: Path):
        self.source = source
        self.last_line: Optional[int] = None

    def runs_of(self, el: ET.Element) -> List[d.Run]:
        runs = [d.Run(_clean(el.text))]
        for child in el:
            if child.tag == "head":
                runs.append(d.head_run(_clean(child.text), _level(child, self.source), child.get("number") != "no",
                                       pending=True))
            elif child.tag == "item":
                runs.append(d.item_run(_clean(child.text), pending=True))
            else:
                raise TemplateError(f"段落中不能使用标签 <{child.tag}>", Location(self.source),
                                    hint="段落（para）里只能有 <head> 与 <item>。")
            runs.append(d.Run(_clean(child.tail)))
        return runs

    def block(self, el: ET.Element) -> Optional[d.Block]:
        kind = _BLOCK_TAGS.get(el.tag)
        if kind is None:
            raise TemplateError(f"模板使用了未知的标签 <{el.tag}>", Location(self.source),
                                hint="可用的标签：" + "、".join(f"<{t}>" for t in _BLOCK_TAGS))
        runs = self.runs_of(el)
        line = None
        cleaned = []
        for r in runs:
            m = _MARKER.search(r.text)
            if m and line is None:
                line = int(m.group(1)) or None
            text = _MARKER.sub("", r.text)
            if text or r.role is not d.TEXT:
                cleaned.append(r.with_text(text))
        if not any(r.text for r in cleaned):
            return None   # an optional answer left empty: no empty paragraph in the draft
        line = line or self.last_line
        self.last_line = line
        levels = d.KIND_ROWS[kind].levels
        level = _level(el, self.source, levels) if levels else 0
        return d.Block(kind, tuple(cleaned), level=level, line=line, numbered=el.get("number") != "no",
                       pending=kind == d.HEADING)


def _level(el: ET.Element, source: Path, levels: int = 4) -> int:
    try:
        level = int(el.get("level", "1"))
    except ValueError:
        level = 0
    if not 1 <= level <= levels:
        raise TemplateError(f"标签 <{el.tag}> 的 level 应是 1 到 {levels}", Location(source),
                            hint=f'例如 <{el.tag} level="1">。')
    return level


def parse_markup(markup: str, source: Path) -> List[d.Block]:
    try:
        root = ET.fromstring(f"<draft>{markup}</draft>")
    except ET.ParseError as e:
        line = e.position[0]
        shown = markup.splitlines()[line - 1][:60] if line - 1 < len(markup.splitlines()) else ""
        raise TemplateError(f"模板输出的结构有误（输出的第 {line} 行，第 {e.position[1] + 1} 列）", Location(source),
                            hint=f"请检查模板中的标签是否配对。出错处：{_MARKER.sub('', shown)}") from None
    p = _Parser(source)
    return [b for b in (p.block(el) for el in root) if b is not None]


def runin_level2(blocks: List[d.Block]) -> List[d.Block]:
    """Turn standalone level-2 headings into run-in heads of the paragraph that follows them."""
    out: List[d.Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if b.kind == d.HEADING and b.level == 2 and nxt is not None and nxt.kind == d.PARA:
            head = d.head_run(b.text, 2, b.numbered, pending=b.pending)
            out.append(d.Block(d.PARA, (head,) + nxt.runs, line=b.line or nxt.line))
            i += 2
            continue
        out.append(b)
        i += 1
    return out


def render_draft(outline: Outline, answers: Answers, level2: Optional[str] = None, template: Optional[str] = None,
                 extra: Optional[dict] = None) -> d.Draft:
    markup = render_markup(outline, answers, template, extra)
    blocks = parse_markup(markup, outline.folder / (template or outline.template))
    if (level2 or answers.level2 or outline.runin_level2) == "runin":
        blocks = runin_level2(blocks)
    from drafter.transforms import FURNITURE, TYPED_NUMBER, clean
    log: list = []
    draft = clean(d.Draft(blocks=blocks, outline_id=outline.id, source=answers.path,
                          time_limit_min=answers.time_limit_min, rate_per_min=answers.rate_per_min), log)
    from drafter.genre.questionnaire import TextRemoved
    said = {TYPED_NUMBER: ("回答开头手写的序号已删去", "序号（一、（一）一是……）由 drafter 按顺序编写，回答里不必写。"),
            FURNITURE: ("回答里网页上的附加文字已删去", "这是从网页复制时带进来的提示，不是讲话的内容。")}
    for c in log:        # the other corrections are the documented normalisations of every answer
        if c.rule in said:
            what, hint = said[c.rule]
            answers.warnings.append(TextRemoved(f"{what}：“{c.before}”→“{c.after}”", Location(answers.path, c.line),
                                                hint=hint, rule=c.rule))
    answers.corrections = [c for c in log if c.rule not in said]    # the workbench lists them at their fields
    return draft

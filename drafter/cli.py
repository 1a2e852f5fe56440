"""The drafter command: the one place that turns errors into messages and exit codes.

Heavy modules (python-docx, the renderer) are imported inside the commands that need them, so
``drafter --help``, ``list``, ``init`` and ``check`` of a questionnaire start quickly.
"""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import List, Optional

import click

from drafter import __version__, crash
from drafter.cli_zh import install as _install_zh
from drafter.display import arg, terminal
from drafter.display import text as text_of
from drafter.errors import DrafterError, InputUnreadable
from drafter.formats import FORMATS

_install_zh()
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Ctx:
    def __init__(self, outline_dirs: List[Path]):
        self.outline_dirs = outline_dirs


pass_ctx = click.make_pass_decorator(Ctx)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="drafter")
@click.option("--outlines", "outline_dirs", multiple=True, type=click.Path(path_type=Path), metavar="文件夹",
              help="本单位自己的大纲文件夹，优先于内置大纲查找；可写多次。"
                   "也可用环境变量 DRAFTER_OUTLINES 指定（多个文件夹用“:”分隔）。")
@click.pass_context
def cli(ctx: click.Context, outline_dirs) -> None:
    """drafter：讲话稿、汇报发言、署名文章和会议新闻稿的起草工具。

    \b
    一般步骤：
      drafter list                             查看可用的大纲
      drafter init leader-speech -o 讲话.yaml   生成问卷
      drafter check 讲话.yaml                   检查问卷
      drafter outline 讲话.yaml                 查看提纲
      drafter render 讲话.yaml -o 讲话.docx     生成 Word 文稿

    \b
    已有的文稿：
      drafter format 手稿.docx                  排成公文格式（生成 手稿（排版）.docx）
      drafter import 去年讲话.docx              导入为问卷，改数字、改事实即可
    """
    ctx.obj = Ctx(list(outline_dirs))


@cli.command("list")
@pass_ctx
def list_cmd(c: Ctx) -> int:
    """列出可用的大纲：每行依次是大纲编号、名称和说明。"""
    from drafter.genre.outline import list_outlines
    broken: list = []
    outlines = list_outlines(c.outline_dirs, errors=broken)
    width = max((len(o.id) for o in outlines), default=0)
    for o in outlines:
        click.echo(f"{o.id.ljust(width)}  {o.name}  {o.description}")
    for e in broken:   # listed after the good ones: one broken file does not hide the rest
        click.echo("错误：" + terminal(e.format_message()), err=True)
    return max((e.exit_code for e in broken), default=0)


@cli.command()
@click.argument("outline", metavar="大纲")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件",
              help="问卷保存到哪个文件；不写则打印到屏幕。")
@click.option("--force", is_flag=True, help="覆盖已有的文件。")
@click.option("--examples", is_flag=True, help="用示例内容填好每一项（用来试用或参考）。")
@pass_ctx
def init(c: Ctx, outline: str, output: Optional[Path], force: bool, examples: bool) -> None:
    """生成一份带说明的问卷（YAML 文件），供填写。"""
    from drafter.fsutil import write_text_atomic
    from drafter.genre.outline import find_outline
    from drafter.genre.scaffold import write_questionnaire
    text = write_questionnaire(find_outline(outline, c.outline_dirs), fill_examples=examples)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise DrafterError(f"文件已存在：{text_of(output)}", hint="如确需覆盖，请加上 --force；或换一个文件名。")
    write_text_atomic(output, text)
    click.echo(f"已生成问卷：{text_of(output)}\n请填写后运行：drafter check {arg(output)}")


@cli.command()
@click.argument("questionnaire", type=click.Path(path_type=Path), metavar="问卷")
@pass_ctx
def outline(c: Ctx, questionnaire: Path) -> None:
    """打印提纲：标题和各级标题，直到“一是”“二是”各项，带序号。"""
    from drafter.api import outline_text, read_input
    click.echo(outline_text(read_input(questionnaire, "outline", c.outline_dirs)), nl=False)


@cli.command()
@click.argument("questionnaires", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="问卷...")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件或文件夹",
              help="输出文件；不写则与问卷同名，保存在问卷旁边。生成多份时写一个文件夹（以“/”结尾）。")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="输出格式：docx（Word 文稿，默认）、txt 或 md（预览）、pdf（需要 LibreOffice）。"
                   "不写则按输出文件的扩展名确定。")
@click.option("--profile", metavar="名称或文件", help="版式：gbt9704（默认，印发用）、podium（大字念稿用），或本单位的版式文件。")
@click.option("--reference-docx", type=click.Path(path_type=Path), metavar="文件",
              help="本单位的 Word 模板：页面设置和样式取自该文件。")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), metavar="数量",
              help="生成多份时同时使用的进程数，默认为本机的处理器核数。")
@click.option("--podium", is_flag=True,
              help="材料包中念稿用的文稿（主持词、讲话）另用大字版（podium）；单份文稿同 --profile podium。")
@click.option("--force", is_flag=True,
              help="覆盖已有的文件，即使它不是 drafter 生成的、或生成后已被修改。")
@click.option("--outline-page", is_flag=True, help="在文稿前加一页提纲（各级标题直到“一是”“二是”，与 drafter outline 相同）。")
@pass_ctx
def render(c: Ctx, questionnaires, output: Optional[Path], fmt: Optional[str],
           profile: Optional[str], reference_docx: Optional[Path], jobs: Optional[int], podium: bool, force: bool,
           outline_page: bool) -> int:
    """按问卷生成文稿。

    \b
    一份：drafter render 讲话.yaml -o 讲话.docx
    多份：drafter render 甲.yaml 乙.yaml -o 文稿/   或   drafter render 问卷文件夹/ -o 文稿/
    材料包：drafter render 会议.yaml -o 材料/    （议程、主持词、新闻稿、桌签和讲话各一份）
    """
    inputs = list(questionnaires)
    single = len(inputs) == 1 and not inputs[0].is_dir()
    if _is_batch(inputs, output) and not (single and _peek_pack(c, inputs[0])):
        if podium and profile is None:
            from drafter.genre.pack import PODIUM
            profile = PODIUM
        return _render_batch(c, inputs, output, fmt, profile, reference_docx, jobs, force, outline_page)
    from drafter.api import draft_from_answers, load_answers, prepare_output
    questionnaire = inputs[0]
    answers = load_answers(questionnaire, c.outline_dirs)
    if answers.outline.is_pack:
        return _render_pack(c, answers, output, fmt, profile, reference_docx, podium, force)
    if podium and profile is None:
        from drafter.genre.pack import PODIUM
        profile = PODIUM
    out = prepare_output(fmt, output, profile, reference_docx, force)
    _echo_warnings(out.warnings)
    draft = draft_from_answers(answers)
    if outline_page:
        from drafter.api import with_outline_page
        draft = with_outline_page(draft)
    for w in answers.warnings:      # rendering adds its own (a number typed by hand, removed)
        click.echo("警告：" + terminal(w.format_message()), err=True)
    written = out.write(draft, output or out.default_path(questionnaire), source=questionnaire)
    click.echo(f"已生成：{text_of(written)}")
    return 0


def _echo_warnings(warnings) -> None:
    for w in warnings:
        click.echo("警告：" + terminal(w), err=True)


def _peek_pack(c: Ctx, questionnaire: Path) -> bool:
    from drafter.genre.pack import peek_pack
    return peek_pack(questionnaire, c.outline_dirs)


def _render_pack(c: Ctx, answers, output: Optional[Path], fmt: Optional[str], profile: Optional[str],
                 reference_docx: Optional[Path], podium: bool, force: bool) -> int:
    """A pack questionnaire: every document of the pack into one folder."""
    from drafter.api import prepare_output
    from drafter.genre.pack import names_a_file, render_pack, write_pack
    n = len(answers.outline.documents)
    if output is not None and names_a_file(output) and not output.is_dir():
        raise DrafterError(f"“{answers.outline.name}”是材料包，有 {n} 份文稿，-o 后应写一个文件夹",
                           hint=f"例如：drafter render {answers.path} -o 材料/")
    out = prepare_output(fmt or "docx", None, profile, reference_docx, force)
    _echo_warnings(out.warnings)
    for w in answers.warnings:
        click.echo("警告：" + w.format_message(), err=True)
    rendered = render_pack(answers, c.outline_dirs)
    for r in rendered:
        if r.answers is not answers:
            for w in r.answers.warnings:
                click.echo("警告：" + w.format_message(), err=True)
    folder = output or answers.path.with_suffix("")
    outs = write_pack(rendered, folder, out, podium=podium)
    click.echo(f"已生成材料包：{folder}（" + "、".join(o.name for o in outs) + "）")
    return 0


def _is_batch(inputs: List[Path], output: Optional[Path]) -> bool:
    if len(inputs) > 1 or any(p.is_dir() for p in inputs):
        return True
    return output is not None and (output.is_dir() or str(output).endswith(("/", os.sep)))


def _render_batch(c: Ctx, inputs, output, fmt, profile, reference_docx, jobs, force, outline_page=False) -> int:
    from drafter.batch import format_summary, render_batch
    if output is None:
        raise click.UsageError("生成多份文稿时，请用 -o 指定输出文件夹，例如：-o 文稿/")
    result = render_batch(inputs, output, fmt or "docx", profile=profile, reference_docx=reference_docx,
                          outline_dirs=c.outline_dirs, jobs=jobs, force=force, progress=sys.stderr.isatty(),
                          echo=_echo_err, outline_page=outline_page)
    click.echo(format_summary(result), nl=False)
    return result.exit_code


@cli.command("format")
@click.argument("drafts", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="文稿...")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件或文件夹",
              help="输出文件；不写则保存在原稿旁边，文件名加“（排版）”，不会覆盖原稿。排多份时写一个文件夹（以“/”结尾）。")
@click.option("--format", "fmt", type=click.Choice(FORMATS + ("json",)),
              help="输出格式：docx（默认）、pdf（需要 LibreOffice）、txt、md；json 只打印识别出的结构和改正清单，不生成文件。")
@click.option("--profile", metavar="名称或文件", help="版式：gbt9704（默认）、podium（大字念稿用），或本单位的版式文件。")
@click.option("--reference-docx", type=click.Path(path_type=Path), metavar="文件",
              help="本单位的 Word 模板：页面设置和样式取自该文件。")
@click.option("--dry-run", is_flag=True, help="只打印识别出的结构和将要做的改正，不生成文件。")
@click.option("--keep-text", is_flag=True, help="一个字也不改：不做标点、空格、日期等改正，只排版式。")
@click.option("--track-changes", is_flag=True,
              help="每一处改正都作为 Word 修订写入排好的文稿（生成 原名（修订）.docx），可在 Word 或 WPS 中逐条接受或拒绝。")
@click.option("--accept-changes", is_flag=True,
              help="原稿中有尚未接受或拒绝的修订时，按接受全部修订处理，并列出每一处；不加时遇到修订即停下。")
@click.option("--force", is_flag=True, help="覆盖已有的输出文件，即使它不是 drafter 生成的或生成后被修改过。")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), metavar="数量", help="排多份时同时使用的进程数。")
@pass_ctx
def format_cmd(c: Ctx, drafts, output: Optional[Path], fmt: Optional[str], profile: Optional[str],
               reference_docx: Optional[Path], dry_run: bool, keep_text: bool, track_changes: bool,
               accept_changes: bool, force: bool, jobs: Optional[int]) -> int:
    """给已有的文稿排版：按 GB/T 9704 排成公文格式。

    可以是 .docx、.txt、.md，装有 LibreOffice 时也可以是 .doc、.wps。Word 文稿中的图片、
    脚注和批注随文带入排好的 Word 文稿；原稿中尚未处理的修订会让命令停下（见 --accept-changes）。

    \b
    识别标题、署名、称谓、各级标题、文内标题、“一是”条目、结束语和落款；
    改正半角标点、直引号、省略号、破折号、汉字间的空格和日期中的前导零，每一处都列出来；
    其余文字一字不改。
    \b
    一份：drafter format 手稿.docx -o 排好的.docx
    多份：drafter format 手稿文件夹/ -o 排好的/
    预览：drafter format 手稿.docx --dry-run
    修订：drafter format 手稿.docx --track-changes   每处改正都是 Word 修订
    """
    from drafter.typeset import format_file
    inputs = list(drafts)
    show_only = dry_run or fmt == "json"
    if track_changes:
        return _format_tracked(inputs, output, fmt, profile, reference_docx, keep_text, show_only, force,
                               accept_changes)
    if _is_batch(inputs, output) and not show_only:
        return _format_batch(c, inputs, output, fmt, profile, reference_docx, keep_text, force, jobs,
                             accept_changes)
    if len(inputs) > 1 or inputs[0].is_dir():
        raise click.UsageError("--dry-run 和 --format json 一次只能查看一份文稿。")
    source = inputs[0]
    if show_only:
        _echo_format_report(format_file(source, keep_text=keep_text, carry=True, accept_changes=accept_changes),
                            source, fmt == "json")
        return 0
    from drafter.api import prepare_output
    from drafter.typeset import OUTPUT_MARK, corrections_text
    out = prepare_output(fmt, output, profile, reference_docx, force)
    _echo_warnings(out.warnings)
    # Pictures, notes and comments go into a Word file (and its PDF); a text output names them.
    result = format_file(source, keep_text=keep_text, carry=out.typeset, accept_changes=accept_changes)
    written = out.write(result.draft, output or out.default_path(source, OUTPUT_MARK), source=source)
    for w in result.warnings:
        click.echo("警告：" + terminal(w), err=True)
    if result.corrections:
        click.echo(corrections_text(result, source))
    click.echo(f"已生成：{text_of(written)}（改正 {len(result.corrections)} 处）")
    return 0


def _format_tracked(inputs, output, fmt, profile, reference_docx, keep_text, show_only, force, accept_changes) -> int:
    """``format --track-changes``: one draft, typeset, each correction a tracked change."""
    if len(inputs) > 1 or inputs[0].is_dir() or _is_batch(inputs, output):
        raise click.UsageError("--track-changes 一次只能排一份文稿。")
    if keep_text or show_only or fmt not in (None, "docx"):
        raise click.UsageError("--track-changes 生成 Word 文稿（.docx），不能与 --keep-text、--dry-run 或其他输出格式同用。")
    if output is not None and output.suffix.lower() != ".docx":
        raise click.UsageError("--track-changes 的输出是 Word 文稿，-o 后的文件名应以 .docx 结尾。")
    from drafter.api import prepare_output
    from drafter.review import TRACKED_MARK, default_output, format_tracked, save
    from drafter.typeset import corrections_text
    source = inputs[0]
    prepared = prepare_output("docx", output, profile, reference_docx, force)
    _echo_warnings(prepared.warnings)
    result, review, fill = format_tracked(source, accept_changes=accept_changes, profile=prepared.profile,
                                          reference_docx=prepared.reference_docx)
    out = output or default_output(source, TRACKED_MARK)
    save(out, fill, source, force)
    for w in result.warnings:
        click.echo("警告：" + terminal(w), err=True)
    if result.corrections:
        click.echo(corrections_text(result, source))
    click.echo(f"已生成：{text_of(out)}（改正 {len(result.corrections)} 处，修订 {review.revisions} 处，可在 Word 或 WPS 中接受或拒绝）")
    if review.not_applied:
        click.echo(f"  其中 {len(review.not_applied)} 处未能作为修订标出（已直接改正）。", err=True)
    return 0


def _echo_format_report(result, source: Path, as_json: bool) -> None:
    from drafter.typeset import corrections_text, report_json, structure_tree
    if as_json:
        click.echo(report_json(result, source))
        return
    click.echo(f"识别出的结构（{text_of(source)}）：")
    click.echo(structure_tree(result.draft))
    click.echo(f"\n将做的改正：{len(result.corrections)} 处" + ("。" if not result.corrections else "："))
    if result.corrections:
        click.echo(corrections_text(result, source))
    for w in result.warnings:
        click.echo("警告：" + terminal(w))
    click.echo("（这是预览，没有生成文件。）")


def _format_batch(c: Ctx, inputs, output, fmt, profile, reference_docx, keep_text, force, jobs, accept_changes) -> int:
    from drafter.batch import format_summary, run_batch
    from drafter.formats import reads, suffixes_of
    from drafter.typeset import format_step
    if output is None:
        raise click.UsageError("排多份文稿时，请用 -o 指定输出文件夹，例如：-o 排好的/")
    result = run_batch(inputs, output, fmt or "docx", step=format_step, suffixes=suffixes_of(*reads("format")),
                       what="文稿", profile=profile, reference_docx=reference_docx,
                       options={"keep_text": keep_text, "accept_changes": accept_changes},
                       jobs=jobs, progress=sys.stderr.isatty(), echo=_echo_err, force=force)
    click.echo(format_summary(result), nl=False)
    return result.exit_code


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="文件...")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式：text（默认）或 json。")
@click.option("--rules", "show_rules", is_flag=True, help="列出全部检查规则及其说明。")
@click.option("--config", type=click.Path(path_type=Path), metavar="文件",
              help="单位设置文件（关闭规则、改级别、本单位的占位符、用语和提法）；"
                   "不写时使用文稿所在文件夹或其上级文件夹中的 drafter.yaml。")
@click.option("--roster", type=click.Path(path_type=Path), metavar="名册",
              help="本单位的名册（领导的姓名、现任职务，按排序）：核对文稿中的职务和先后；"
                   "不写时使用单位设置中的“名册”。")
@click.option("--annotate", is_flag=True,
              help="把检查结果作为 Word 批注写进文稿的副本（生成 原名（批注）.docx，原稿不动）；"
                   ".txt、.md 文稿先排版再加批注。")
@click.option("--fix", is_flag=True,
              help="与 --annotate 一起用：标点、空格、日期等机械改正作为 Word 修订写进副本，其余问题作批注；"
                   "版式保持原样。")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件",
              help="与 --annotate 一起用：加批注的副本保存到哪里（只检查一份文稿时）。")
@click.option("--force", is_flag=True, help="覆盖已有的输出文件，即使它不是 drafter 生成的或生成后被修改过。")
@pass_ctx
def check(c: Ctx, files, fmt: str, show_rules: bool, config, roster, annotate: bool, fix: bool,
          output: Optional[Path], force: bool) -> int:
    """检查问卷或文稿（.yaml、.docx、.txt、.md；装有 LibreOffice 时也可以是 .doc、.wps）。

    查找遗留的占位符、跳号或重号的序号、与后文对不上的数字（如“五大行动”）、半角标点、
    重复的字词、不对称的标题、日期写法和超时的篇幅。问卷还会逐项核对是否填对。
    材料包的问卷：检查其中每一份文稿，并核对各份与会议的事实是否一致。
    有名册时（--roster）：核对领导的职务和排序。
    退出码：0 没有错误，1 有错误，2 有文件无法读取。

    \b
    在 Word 里看结果：
      drafter check 讲话.docx --annotate         每个问题一条批注（生成 讲话（批注）.docx）
      drafter check 讲话.docx --annotate --fix   机械改正作为修订，其余作批注
    """
    from drafter.checker.run import format_all_rules, run_check
    if show_rules:
        click.echo(format_all_rules(fmt))
        return 0
    if not files:
        raise click.UsageError("请写出要检查的文件，例如：drafter check 讲话.yaml")
    if (fix or output is not None or force) and not annotate:
        raise click.UsageError("--fix、-o 和 --force 要与 --annotate 一起使用，例如：drafter check 讲话.docx --annotate --fix")
    if annotate:
        return _annotate(list(files), fmt, config, fix, output, force, roster)
    return run_check(list(files), fmt, c.outline_dirs, click.echo, config=config, roster=roster)


def _annotate(files: List[Path], fmt: str, config, fix: bool, output: Optional[Path], force: bool,
              roster: Optional[Path] = None) -> int:
    from dataclasses import replace
    from drafter.checker import ERROR, format_findings
    from drafter.checker.config import settings_for
    from drafter.review import ANNOTATED_MARK, annotate, default_output, save
    if output is not None and len(files) > 1:
        raise click.UsageError("加批注时 -o 只能用于一份文稿；多份文稿的副本各自保存在原稿旁边。")
    findings, used, written = [], {}, []
    names = None
    if roster is not None:
        from drafter.checker.roster import load_roster
        names = load_roster(roster)
    for f in files:
        settings = settings_for(f, config)
        if names is not None:
            settings = replace(settings, roster=names)
        used[str(f)] = settings.path
        result, fill = annotate(f, fix=fix, settings=settings)
        out = output or default_output(f, ANNOTATED_MARK)
        save(out, fill, f, force)
        findings.extend(result.findings)
        written.append((f, out, result))
    click.echo(format_findings(findings, fmt, paths=files, configs=used))
    for f, out, result in written:
        for w in result.warnings:
            click.echo("警告：" + terminal(w), err=True)
        what = f"批注 {result.comments} 条" + (f"，修订 {result.revisions} 处（改正 {len(result.corrections)} 处）"
                                               if fix else "")
        click.echo(f"已生成：{text_of(out)}（{what}）", err=fmt == "json")
        if result.unplaced:
            click.echo(f"  其中 {result.unplaced} 条批注未能定位到所指的文字，放在所在段落的开头。", err=fmt == "json")
        if result.not_applied:
            click.echo(f"  有 {len(result.not_applied)} 处改正无法作为修订写入原稿（如自动编号中的文字），只作批注：", err=fmt == "json")
            from drafter.typeset import corrections_text, FormatResult
            click.echo(corrections_text(FormatResult(None, result.not_applied), f), err=fmt == "json")
    return 1 if any(x.severity == ERROR for x in findings) else 0


@cli.command()
@click.argument("first", type=click.Path(path_type=Path), metavar="一稿")
@click.argument("second", type=click.Path(path_type=Path), metavar="二稿")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件",
              help="对照稿保存到哪里；不写则为 一稿→二稿（对照）.docx，保存在二稿旁边。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="改动清单的格式：text（默认）或 json。")
@click.option("--profile", metavar="名称或文件", help="对照稿的版式：gbt9704（默认）、podium，或本单位的版式文件。")
@click.option("--force", is_flag=True, help="覆盖已有的输出文件，即使它不是 drafter 生成的或生成后被修改过。")
def compare(first: Path, second: Path, output: Optional[Path], fmt: str, profile: Optional[str], force: bool) -> int:
    """对照两稿：生成对照稿（二稿排版，每一处不同都是 Word 修订），并列出改动。

    两稿可以是 .docx、.txt、.md 的任意组合，装有 LibreOffice 时也可以是 .doc、.wps。
    改动清单先列数字、日期、名称和提法
    （如“数字：12个→15个”），再列增删和移动的段落，最后是其他文字改动。
    在 Word 或 WPS 中“接受全部修订”即得二稿，“拒绝全部修订”即得一稿。

    \b
    drafter compare 一稿.docx 二稿.docx
    """
    from drafter.api import prepare_output
    from drafter.compare import compare_files, default_output, document, summary_json, summary_text
    from drafter.review import save
    if output is not None and output.suffix.lower() != ".docx":
        raise click.UsageError("对照稿是 Word 文稿，-o 后的文件名应以 .docx 结尾。")
    prepared = prepare_output("docx", output, profile, None, force)
    result = compare_files(first, second)
    out = output or default_output(first, second)
    fill, revisions = document(result, prepared.profile)
    save(out, fill, second, force, also=[first])
    for w in result.first.warnings:
        click.echo(terminal(f"警告：{text_of(first.name)}：{w}"), err=True)
    for w in result.second.warnings:
        click.echo(terminal(f"警告：{text_of(second.name)}：{w}"), err=True)
    if fmt == "json":
        click.echo(summary_json(result, first, second, out))
    else:
        click.echo(summary_text(result))
        click.echo(f"已生成：{text_of(out)}（修订 {revisions} 处；接受全部修订即为二稿，拒绝全部修订即为一稿）")
    return 0


@cli.command()
@click.argument("file", type=click.Path(path_type=Path), metavar="文件")
@click.option("--rate", type=click.IntRange(60, 600), metavar="字/分钟",
              help="每分钟念多少字，用来估算讲话时间；默认取问卷中的“语速”，没有则为 200。")
@pass_ctx
def stats(c: Ctx, file: Path, rate: Optional[int]) -> None:
    """统计字数：各部分的字数和按语速估算的讲话时间（问卷、.docx、.txt、.md 均可；装有 LibreOffice 时也可以是 .doc、.wps）。"""
    from drafter.stats import DEFAULT_RATE_PER_MIN, draft_stats, format_stats
    from drafter.api import read_input
    draft = read_input(file, "stats", c.outline_dirs)
    click.echo(format_stats(draft_stats(draft, rate or draft.rate_per_min or DEFAULT_RATE_PER_MIN)))


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="原稿...")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件或文件夹",
              help="问卷保存到哪个文件；不写则与原稿同名、扩展名为 .yaml，保存在原稿旁边。"
                   "导入多份时写一个文件夹（以“/”结尾）。")
@click.option("--outline", "outline_id", metavar="大纲",
              help="指定大纲（例如 report-actions）；不写则按原稿的结构自动选择。原稿不适合所指定的大纲时改用自由结构（free）。")
@click.option("--force", is_flag=True, help="覆盖已有的文件。")
@click.option("-v", "--verbose", is_flag=True, help="另外列出每个大纲的编号、得分和每条评分依据。")
@pass_ctx
def import_cmd(c: Ctx, sources, output: Optional[Path], outline_id: Optional[str], force: bool,
               verbose: bool) -> int:
    """把已有的讲话稿导入为问卷：改数字、改事实，不必重新录入结构。

    可以是 .docx、.txt、.md，装有 LibreOffice 时也可以是 .doc、.wps。

    \b
    drafter import 去年讲话.docx -o 今年讲话.yaml
    drafter import 去年讲话.docx --outline report-actions -o 汇报.yaml
    drafter import 去年的文稿/ -o 问卷/          一次导入一个文件夹（或几份原稿）
    """
    inputs = list(sources)
    if _is_batch(inputs, output):
        return _import_batch(c, inputs, output, outline_id, force, verbose)
    source = inputs[0]
    output = output or source.with_suffix(".yaml")
    _import_one(c, source, output, outline_id, force, verbose)
    click.echo(f"请核对问卷中的“原稿数字”和日期，然后运行：drafter check {arg(output)}")
    return 0


def _import_one(c: Ctx, source: Path, output: Path, outline_id: Optional[str], force: bool,
                verbose: bool = False) -> None:
    from drafter.fsutil import write_text_atomic
    from drafter.importer.run import import_file
    if output.exists() and not force:
        raise DrafterError(f"文件已存在：{text_of(output)}", hint="如确需覆盖，请加上 --force；或用 -o 换一个文件名。")
    result = import_file(source, c.outline_dirs, outline_id)
    write_text_atomic(output, result.text, source)
    for w in result.warnings:
        click.echo("提示：" + terminal(w), err=True)
    click.echo(f"已导入：{text_of(source)} → {text_of(output)}" + (f"（大纲：{result.outline_id}）" if verbose else ""))
    click.echo("\n".join(result.reasons))
    if verbose and result.scores:
        click.echo("各大纲的得分：")
        click.echo("\n".join("  " + line for line in result.scores))
    if result.changes:
        click.echo("与原稿相比，下列内容由 drafter 生成或改正：")
        click.echo("\n".join("  " + line for line in result.changes))


def _import_batch(c: Ctx, inputs, output: Optional[Path], outline_id: Optional[str], force: bool,
                  verbose: bool = False) -> int:
    from drafter.batch import expand_inputs, output_names
    from drafter.formats import reads, suffixes_of
    if output is None:
        raise click.UsageError("导入多份原稿时，请用 -o 指定放问卷的文件夹，例如：-o 问卷/")
    if output.exists() and not output.is_dir():
        raise DrafterError(f"输出路径不是文件夹：{text_of(output)}", hint="导入多份原稿时，-o 后应写一个文件夹。")
    entries = expand_inputs(inputs, suffixes_of(*reads("import")), "原稿")
    sources = [p for p, why in entries if why is None]
    failed = [(p, why) for p, why in entries if why is not None]
    output.mkdir(parents=True, exist_ok=True)
    for src, out in zip(sources, output_names(sources, output, "yaml")):
        try:
            _import_one(c, src, out, outline_id, force, verbose)
        except DrafterError as e:
            failed.append((src, e.format_message()))
        click.echo("")
    click.echo(f"共 {len(entries)} 份：成功 {len(entries) - len(failed)} 份，失败 {len(failed)} 份。问卷保存在：{text_of(output)}")
    for src, why in failed:
        click.echo(terminal(why if why.startswith(text_of(src)) else f"{text_of(src)}: {why}"), err=True)
    return 1 if failed else 0


@cli.command()
@click.argument("questionnaire", required=False, type=click.Path(path_type=Path), metavar="[问卷]")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, metavar="端口",
              help="工作台使用的端口；只在本机 127.0.0.1 上监听，其他电脑无法访问。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器，只打印地址。")
@pass_ctx
def serve(c: Ctx, questionnaire: Optional[Path], port: int, no_browser: bool) -> int:
    """在浏览器里填写问卷：边填边看提纲、预览和检查结果，下载 Word 文稿。

    \b
    drafter serve                 新建问卷
    drafter serve 讲话.yaml        打开这份问卷；在页面上保存即写回该文件
    """
    from drafter.serve.server import serve as run_server
    return run_server(questionnaire, c.outline_dirs, port, not no_browser, click.echo)


@cli.command("mcp")
@click.option("--workspace", type=click.Path(path_type=Path), required=True, metavar="文件夹",
              help="工作文件夹：助手只能读写这个文件夹里的文件。")
@pass_ctx
def mcp_cmd(c: Ctx, workspace: Path) -> int:
    """作为 MCP 服务运行，供 AI 助手（Claude Desktop、Cherry Studio 等）调用 drafter 起草文稿。

    \b
    通过标准输入输出与助手通信，由助手的 MCP 配置启动，不必手动运行：
      drafter mcp --workspace 文稿/
    需要安装 MCP 支持：pip install 'drafter[mcp]'（Python 3.10 或更高版本）。
    """
    try:
        from drafter.mcp.server import serve as run_mcp
    except ImportError as e:
        if (e.name or "").split(".")[0] not in ("mcp", "mcp_types", "anyio", "pydantic"):
            raise
        raise DrafterError("没有安装 MCP 支持（mcp 软件包），无法运行 drafter mcp",
                           hint="请运行 pip install 'drafter[mcp]'（需要 Python 3.10 或更高版本），然后再试。") from None
    return run_mcp(workspace, c.outline_dirs)


@cli.group()
def profile() -> None:
    """版式：查看内置版式或本单位版式文件的全部设置。"""


@profile.command("show")
@click.argument("name", required=False, metavar="[名称或文件]")
def profile_show(name: Optional[str]) -> None:
    """打印生效的版式（默认 gbt9704），每个数字都注明出处。"""
    from drafter.profile.load import dump_yaml, load_profile
    click.echo(dump_yaml(load_profile(name)), nl=False)


@profile.command("list")
def profile_list() -> None:
    """列出内置版式。"""
    from drafter.profile.load import list_profiles
    for n in list_profiles():
        click.echo(n)


@cli.command()
@click.option("--profile", "profile_spec", metavar="名称或文件", help="按哪个版式列出所需字体，默认 gbt9704。")
def fonts(profile_spec: Optional[str]) -> None:
    """检查本机有没有公文所需的字体，缺少时会用什么字体替代。"""
    from drafter.fonts import font_report, format_report
    from drafter.profile.load import load_profile
    click.echo(format_report(font_report(load_profile(profile_spec))))


@cli.command()
def version() -> None:
    """显示版本号。"""
    click.echo(f"drafter {__version__}")


def main(argv: Optional[List[str]] = None) -> None:
    previous = crash.catch_signals()
    try:
        rv = cli.main(args=argv, prog_name="drafter", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except click.exceptions.Exit as e:
        code = e.exit_code
    except click.ClickException as e:
        e.show()
        code = e.exit_code
    except click.Abort as e:
        if isinstance(e.__cause__, KeyboardInterrupt):   # click wraps Ctrl-C and SIGTERM in Abort
            code = crash.report_interrupt(e.__cause__, _echo_err)
        else:
            click.echo("已中止。", err=True)
            code = 1
    except DrafterError as e:
        click.echo("错误：" + terminal(e.format_message()), err=True)
        code = e.exit_code
    except KeyboardInterrupt as e:
        code = crash.report_interrupt(e, _echo_err)
    except Exception as e:  # noqa: BLE001 — the one place an unexpected error becomes a message
        if isinstance(e, OSError) and e.errno == errno.ENAMETOOLONG:
            # Path.exists() and is_dir() raise for a name over 255 bytes, in any command or option.
            shown = text_of(os.fsdecode(e.filename)[:60]) + "…" if e.filename is not None else "文件名"
            click.echo(f"错误：{shown}: 文件名过长\n  提示：文件名不能超过 255 个字节（约 85 个汉字），请改短一些。",
                       err=True)
            code = 2
        else:
            click.echo(crash.internal_error_message(), err=True)
            code = 3
    crash.restore_signals(previous)
    sys.exit(code)


def _echo_err(message: str) -> None:
    click.echo(terminal(message), err=True)


def _chinese_metavars(group: click.Group) -> None:
    group.options_metavar = "[选项]"
    group.subcommand_metavar = "命令 [参数]..."
    for command in group.commands.values():
        command.options_metavar = "[选项]"
        if isinstance(command, click.Group):
            _chinese_metavars(command)


_chinese_metavars(cli)

__all__ = ["cli", "main", "InputUnreadable"]

"""What ``drafter mcp`` tells the assistant: the server's instructions and its prompts.

The rule that matters most is the one no tool can enforce: the assistant asks the clerk for every
fact and leaves 【待填写：…】 where one is missing; ``check`` reports that mark as a leftover
placeholder (drafter.checker.placeholders), so a draft with a gap never passes as finished.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Tuple

GAP = "【待填写：{}】"

FACTS_RULE = f"""\
事实一律向文秘询问，绝不编造：人名、职务、单位、会议名称、日期、数字、百分比、排名、事例、文件名称和政策提法，
都要由文秘提供或确认。文秘暂时给不出的，在该处写“{GAP.format('缺少什么')}”，例如“{GAP.format('今年新建站点数')}”
“{GAP.format('讲话领导的姓名')}”，不要猜，也不要照抄问卷示例里的人名、单位和数字（示例是虚构的，只说明写法）。
日期项和整数项不能写占位符：请向文秘要准确的值；文秘确实还不知道时，先不生成文稿，说明还缺什么。"""

INSTRUCTIONS = f"""\
drafter 是党政机关讲话稿、汇报发言、署名文章和会议新闻稿的起草与排版工具。分工是：你和文秘商量内容、组织语言；
drafter 保证文稿的结构骨架、序号、“五大行动”这类数词与后文一致、GB/T 9704 版式，并检查文稿。

起草步骤：
1. list_outlines：和文秘确定文稿类型（大纲）。
2. get_questionnaire：取得问卷结构（JSON Schema）。answers 的键是其中各项的中文名称；每项的说明、字数和项数限制、是否必填都在里面。
3. 逐项向文秘询问内容。{FACTS_RULE}
4. 序号（一、（一）、一是）、“两个”“五大”等数词和日期写法由 drafter 生成，answers 里不要手写序号。
5. validate_answers：核对 answers；按每个问题的 path 和 message 改正，直到没有问题。
6. render_draft：生成文稿（docx、pdf、txt 或 md），同时把问卷保存为 .yaml，文秘可以接着在问卷里手改，再用 render_draft 的 questionnaire 参数重新生成。
7. 把返回的提纲、检查结果和文件名告诉文秘。检查结果里还有“错误”（特别是遗留的【待填写：…】）时，要逐条告诉文秘，不能说文稿已经定稿。

其他工具：check 检查一段文字或工作文件夹里的文件；format_draft 把已有文稿排成公文格式；import_draft 把去年的旧稿导入为问卷；
draft_stats 统计字数和讲话时长；list_files 列出工作文件夹里的文件。

文件只能在工作文件夹里读写，写相对路径（例如“讲话.docx”）。drafter 不覆盖不是它生成的、或生成后被改过的文件；
遇到这种情况，先问文秘：换一个文件名，还是确实要覆盖（参数 force 设为 true）。"""


@dataclass(frozen=True)
class Prompt:
    name: str
    title: str
    description: str
    arguments: Tuple[Tuple[str, str], ...]      # (name, description); all optional
    body: str

    def text(self, args: Dict[str, str]) -> str:
        given = {k: str(v).strip()[:200] for k, v in args.items() if str(v).strip()}
        known = [f"{d.split('（')[0]}：{given[k]}" for k, d in self.arguments if k in given]
        return self.body + ("\n\n已经确定的：" + "；".join(known) + "。" if known else "")


DRAFT_SPEECH = Prompt(
    "起草讲话", "起草讲话稿",
    "按 drafter 的问卷一步步起草一篇讲话稿（或汇报发言、署名文章、会议新闻稿）：先定文稿类型，再逐项询问事实，"
    "核对后生成 Word 文稿并检查。",
    (("outline", "大纲编号（可不填），例如 leader-speech；不填则先和文秘商定"),
     ("occasion", "会议或场合（可不填），例如“全区社会工作会议”")),
    f"""\
请用 drafter 帮我起草一篇文稿。请这样做：

1. 如果还没有确定文稿类型，先用 list_outlines 列出大纲，请我选一个。
2. 用 get_questionnaire 取得这个大纲的问卷结构，按顺序一项一项问我；每次只问几项，必填项一项也不要漏。
3. {FACTS_RULE}
4. 文字由你组织，但要符合问卷每一项的说明和字数限制；序号、“五大”等数词和日期写法交给 drafter。
5. 填好后先用 validate_answers 核对，有问题就改正或问我。
6. 用 render_draft 生成 Word 文稿（文件名先问我），把提纲、字数和时长、检查结果告诉我；还有【待填写：…】或其他错误时，逐条列出来。""")

FROM_OLD = Prompt(
    "改写旧稿", "用去年的旧稿起草今年的文稿",
    "把工作文件夹里的旧稿导入为问卷，和文秘逐项核对数字和事实，再生成今年的文稿。",
    (("path", "工作文件夹里的旧稿（可不填），例如“去年讲话.docx”"),),
    f"""\
请用 drafter 帮我在旧稿的基础上起草今年的文稿。请这样做：

1. 如果我还没有说是哪份旧稿，先用 list_files 列出工作文件夹里的文件，请我选一份。
2. 用 import_draft 把它导入为问卷，告诉我选了哪个大纲、哪些内容是 drafter 生成或改正的。
3. 旧稿里的数字、日期、人名、会议名称都是去年的：逐项问我今年的情况。{FACTS_RULE}
4. 改好后用 validate_answers 核对，再用 render_draft 生成新文稿（不要覆盖旧稿），把检查结果告诉我。""")

PROMPTS = (DRAFT_SPEECH, FROM_OLD)
PROMPT_BY_NAME = {p.name: p for p in PROMPTS}

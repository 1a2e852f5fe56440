"""The rules of ``drafter check`` itself, beside the proofreading rules: a questionnaire that does
not fit its outline, a template that fails, characters removed, a file that cannot be read, a
meeting pack whose documents disagree with its facts.

A module of their own, below both drafter.checker.run (which reports them) and
drafter.checker.config (which lets a unit's drafter.yaml name them), so neither imports the other.
"""
from __future__ import annotations

from drafter.checker.base import ERROR, WARNING, Rule

QUESTIONNAIRE = Rule("questionnaire", ERROR, "问卷填写",
                     "问卷不符合大纲：YAML 格式错误、未知的项、类型不对、必填项未填；此时不能生成文稿。",
                     source="大纲的问卷定义")
LIMIT = Rule("outline-limit", WARNING, "大纲建议",
             "回答超出大纲的建议：标题字数、列表项数。文稿照样生成，由文秘决定是否压缩或增删。",
             source="大纲的问卷定义（max_length、min_items、max_items）")
TEMPLATE = Rule("template", ERROR, "模板", "大纲的模板无法生成文稿；这是大纲作者需要修改的问题。",
                source="大纲的模板")
CLEANED = Rule("control-char", WARNING, "控制字符",
               "问卷中有文稿无法保存的控制字符（通常来自复制粘贴），生成文稿时会删去。",
               source="XML 1.0 第2.2节（允许的字符）")
UNREADABLE = Rule("unreadable", ERROR, "无法读取", "文件不存在、编码无法识别或不是有效的 .docx 文件；此时退出码为 2。",
                  source="输入文件")
TYPED = Rule("typed-number", WARNING, "手写的序号",
             "回答开头手写了 drafter 自己会编的序号（“（一）”“一是”等），生成文稿时已删去，不会出现“（一）（一）”。",
             source="GB/T 9704-2012 第7.3.3条（结构层次序数）")
WEB = Rule("web-furniture", WARNING, "网页上的附加文字",
           "从范文网站复制时带进来的网站文字：按钮（正文复制、收藏《……》）、提示（（未完，全文共……字）、"
           "……（……省略……字）……）、页面信息（发布时间、字数、浏览）、上一篇下一篇。drafter format 会略去并逐条列出，"
           "问卷中的则在生成文稿时删去。", source="输入文字", fixable=True)
# A meeting pack held to its facts (drafter.checker.pack).
LINK = Rule(
    "pack-link", ERROR, "讲话与会议不符",
    "材料包链接的讲话稿，标题中的会议名称或日期行与会议的事实（会议名称、会议日期）不同："
    "多半是拿了别的会议的讲话，或会议改了名称、日期而讲话没改。",
    source="材料包问卷的“会议名称”“会议日期”")
SPEAKER = Rule(
    "pack-speaker", ERROR, "发言人未出现",
    "议程中的发言人（人或单位）没有出现在主持词或新闻稿中：主持词要逐一请到，新闻稿要写到。",
    source="材料包问卷的“议程”")
CHAIR = Rule(
    "pack-chair", ERROR, "主持人不在出席领导中",
    "主持人应是出席领导中的一位，主持词和新闻稿才能写出其职务，桌签才有其位置。",
    source="材料包问卷的“主持人”“出席领导”")
OWN_RULES = [QUESTIONNAIRE, LIMIT, TYPED, WEB, TEMPLATE, CLEANED, UNREADABLE, LINK, SPEAKER, CHAIR]

"""The rules of ``drafter check`` itself, beside the proofreading rules: a questionnaire that does
not fit its outline, a template that fails, characters removed, a file that cannot be read.

A module of their own, below both drafter.checker.run (which reports them) and
drafter.checker.config (which lets a unit's drafter.yaml name them), so neither imports the other.
"""
from __future__ import annotations

from drafter.checker.base import ERROR, WARNING, Rule

QUESTIONNAIRE = Rule("questionnaire", ERROR, "问卷填写",
                     "问卷不符合大纲：YAML 格式错误、未知的项、类型不对、必填项未填、列表项数或标题字数超出大纲的限制。",
                     source="大纲的问卷定义")
TEMPLATE = Rule("template", ERROR, "模板", "大纲的模板无法生成文稿；这是大纲作者需要修改的问题。",
                source="大纲的模板")
CLEANED = Rule("control-char", WARNING, "控制字符",
               "问卷中有文稿无法保存的控制字符（通常来自复制粘贴），生成文稿时会删去。",
               source="XML 1.0 第2.2节（允许的字符）")
UNREADABLE = Rule("unreadable", ERROR, "无法读取", "文件不存在、编码无法识别或不是有效的 .docx 文件；此时退出码为 2。",
                  source="输入文件")
OWN_RULES = [QUESTIONNAIRE, TEMPLATE, CLEANED, UNREADABLE]

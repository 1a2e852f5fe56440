"""Click's own words (Usage:, Options, its error messages) in Chinese.

Click looks its strings up through gettext's ``_``/``ngettext`` bound in each of its modules;
we rebind those names to a table, so help and usage errors read as the rest of drafter does.
A string missing from the table falls back to click's English.
"""
from __future__ import annotations

import importlib

ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "Did you mean {possibility}?": "您是不是想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（您是不是想用其中之一：{possibilities}？）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Option {name!r} requires an argument.": "选项“{name}”后面需要跟一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后面需要跟 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项“{name}”后面不能跟值。",
    "{value!r} is not {choice}.": "“{value}”不是可用的值（只能是 {choice}）。",
    "{value!r} is not one of {choices}.": "“{value}”不是可用的值（可选：{choices}）。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 超出了范围 {range}。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是一个文件夹。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是一个文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入。",
    "file": "文件", "directory": "文件夹", "path": "路径",
    "Aborted!": "已中止。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "unknown error": "未知错误",
    "required": "必填",
}


def _gettext(message: str) -> str:
    return ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _write_heading(self, heading: str) -> None:
    # click ends headings with a half-width colon; ours are Chinese: 选项：
    self.write(f"{'':>{self.current_indent}}{heading}：\n")


def install() -> None:
    from click.formatting import HelpFormatter
    HelpFormatter.write_heading = _write_heading
    for name in ("core", "exceptions", "formatting", "decorators", "parser", "types", "termui", "utils"):
        try:
            mod = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(mod, "_"):
            mod._ = _gettext
        if hasattr(mod, "ngettext"):
            mod.ngettext = _ngettext

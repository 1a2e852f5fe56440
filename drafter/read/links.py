"""What a .docx links to outside itself: named in warnings, never fetched.

A received file can point at remote pictures (a relationship with TargetMode="External", used by
``r:link`` or ``r:id``), linked OLE objects, field codes that pull content in when Word updates
them (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE …) and, in its settings, a remote template. drafter
reads none of them (the reader parses XML with the network off, and LibreOffice runs walled off,
drafter.soffice); it says what each one is and where it points, so that the clerk knows what the
file was carrying and what is missing from the typeset draft.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Optional, Set, Tuple

from drafter import display

R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NAMES = (  # where a picture or object carries the name Word shows for it
    ("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr", ("name", "descr")),
    ("{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr", ("name", "descr")),
    ("{urn:schemas-microsoft-com:vml}imagedata", ("{urn:schemas-microsoft-com:office:office}title",)),
    ("{urn:schemas-microsoft-com:vml}shape", ("alt",)),
)
# Field codes that fetch or run something when Word updates the field.
FETCHING_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT)\b", re.I)
_LABELS = {"image": "图片", "oleObject": "对象", "package": "对象", "attachedTemplate": "模板",
           "subDocument": "子文档", "frame": "网页框架", "aFChunk": "外部内容", "control": "控件",
           "mailMergeSource": "邮件合并数据源", "recipientData": "邮件合并数据源", "font": "字体",
           "video": "视频", "audio": "音频", "media": "媒体"}
SHOWN_CHARS = 100


def shown_target(target: str) -> str:
    text = display.text(target.strip())
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "……"


def label(rel_type: str) -> str:
    return _LABELS.get(rel_type, f"链接（{rel_type}）")


def element_links(el, external: Dict[str, Tuple[str, str]]) -> List[Tuple[str, str]]:
    """(relationship type, target) of every external relationship used inside ``el``."""
    found = []
    for x in el.iter():
        if not isinstance(x.tag, str):
            continue
        for key, value in x.attrib.items():
            if key.startswith(R_NS) and value in external:
                found.append(external[value])
    return found


def element_name(el) -> str:
    for x in el.iter(*(tag for tag, _ in _NAMES)):
        for tag, attrs in _NAMES:
            if x.tag == tag:
                for a in attrs:
                    if x.get(a):
                        return display.text(x.get(a).strip())[:40]
    return ""


def graphic_warnings(el, external: Dict[str, Tuple[str, str]], is_object: bool) -> Iterable[Tuple[str, str, str]]:
    """For a picture or object that links outside: (type, target, warning) for each link."""
    name = element_name(el)
    called = f"“{name}”" if name else ""
    for rel_type, target in element_links(el, external):
        what = "对象" if is_object or rel_type in ("oleObject", "package") else "图片"
        count = "一个" if what == "对象" else "一张"
        yield rel_type, target, (f"有{count}链接到外部的{what}{called}（{shown_target(target)}），"
                                 "drafter 没有读取它，排版后的文稿中也没有它")


def field_warning(instruction: str) -> Optional[str]:
    """The warning for a field code that would fetch or run something, or None."""
    m = FETCHING_FIELD.match(instruction)
    if m is None:
        return None
    return (f"有一个引用外部内容的域（{shown_target(' '.join(instruction.split()))}），"
            "drafter 没有读取它，排版后的文稿中只有它原先显示的文字")


def remaining_warnings(all_external: List[Tuple[str, str, str]], reported: Set[Tuple[str, str]]) -> List[str]:
    """One warning for each outside target of the package not named by paragraph (a remote
    template, a picture in a header …); hyperlinks are ordinary links and are not listed."""
    out = []
    for _part, rel_type, target in all_external:
        if rel_type == "hyperlink" or (rel_type, target) in reported:
            continue
        reported.add((rel_type, target))
        out.append(f"文件中有指向外部的{label(rel_type)}（{shown_target(target)}），drafter 没有读取它")
    return out


# Markdown's image syntax, ![说明](地址 "标题"), and an HTML <img src=…> written in a .md file.
_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,200})\]\(\s*<?([^)\s>]{1,2000})")
_HTML_IMAGE = re.compile(r"<img\b[^>\n]{0,500}?\bsrc\s*=\s*[\"']?([^\"'\s>]{1,2000})", re.I)


def markdown_warnings(text: str) -> List[str]:
    """One warning for each picture a Markdown draft links to: its text stays in the draft as
    written (nothing of a draft is dropped), and the picture is never fetched."""
    if "](" not in text and "<img" not in text.lower():
        return []
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        found = [(m.group(1), m.group(2)) for m in _MD_IMAGE.finditer(line)]
        found += [("", m.group(1)) for m in _HTML_IMAGE.finditer(line)]
        for name, target in found:
            called = f"“{display.text(name.strip())[:40]}”" if name.strip() else ""
            out.append(f"第{n}行：有一张链接到外部的图片{called}（{shown_target(target)}），"
                       "drafter 没有读取它，它的写法作为文字留在文稿中")
    return out

"""The parts of a pack outline (drafter.genre.pack): its ``documents:`` and its ``facts:``, as the
outline loader reads them. Kept apart from the rendering so that loading an outline pulls in no
more than this."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, List, Optional, Tuple

from drafter.errors import DrafterError

# A document's name is a file name in the output folder and a tab's label.
_NAME_BAD = re.compile(r"[\\/:*?\"<>|\x00-\x1f\s]")
_DOCUMENT_KEYS = {"name", "template", "questionnaire", "podium", "speakers", "import"}
_FACT_TYPES = {"meeting": ("text",), "date": ("date",), "people": ("list",), "chair": ("text",),
               "agenda": ("list",)}
PERSON_KEYS = ("name", "title")       # what a person of ``people`` (and a speaker) answers
SPEAKERS_KEY = "speakers"             # an agenda item's list of speakers


@dataclass(frozen=True)
class PackDocument:
    name: str                   # 议程: its file's name and its tab's label
    template: str = ""          # its template in the outline's folder, or
    link: str = ""              # the key of the question naming a linked questionnaire
    podium: bool = False        # read aloud: set in the podium profile on request
    speakers: bool = False      # must name every agenda speaker (checked)
    imports: bool = False       # ``drafter import`` compares a source with this document


@dataclass(frozen=True)
class Facts:
    """Keys of the pack's top-level questions that hold the meeting's facts ("" for none)."""

    meeting: str = ""           # the meeting's name
    date: str = ""              # its date
    people: str = ""            # those attending, each {name, title}, in protocol order
    chair: str = ""             # who presides: a name among ``people``
    agenda: str = ""            # agenda items, each with ``speakers``: [{name, title}]


def read_documents(r, node: Any, questions) -> Tuple[PackDocument, ...]:
    """The outline's ``documents:`` (``r`` is the outline reader, for messages with lines)."""
    kp = ("documents",)
    if not isinstance(node, list) or not node:
        raise r.fail(kp, "“documents”应是一个不为空的列表，每项是材料包里的一份文稿",
                     hint="每项写一份文稿的名称（name）和模板（template），参照内置大纲 meeting.yaml 的写法。")
    by_key = {q.key: q for q in questions}
    out: List[PackDocument] = []
    for i, item in enumerate(node):
        here = kp + (i,)
        if not isinstance(item, dict):
            raise r.fail(here, "材料包的每份文稿应写成“name: 名称”和“template: 模板”等设置")
        for k in item:
            if k not in _DOCUMENT_KEYS:
                raise r.fail(here + (k,), f"材料包的文稿不认识设置“{k}”",
                             hint="可用的设置：" + "、".join(sorted(_DOCUMENT_KEYS)))
        name = r.text(item, here, "name")
        if _NAME_BAD.search(name) or not name or len(name) > 20 or name.startswith("."):
            raise r.fail(here + ("name",), f"文稿名称“{name}”不能用作文件名",
                         hint="名称就是生成的文件名（如“议程.docx”）：不超过 20 个字，不含空格和 \\ / : * ? \" < > |。")
        if name in (x.name for x in out):
            raise r.fail(here + ("name",), f"材料包里有两份文稿都叫“{name}”")
        template = r.text(item, here, "template", required=False)
        link = r.text(item, here, "questionnaire", required=False)
        if bool(template) == bool(link):
            raise r.fail(here, f"文稿“{name}”应写 template（本大纲的模板）或 questionnaire（另一份问卷），二者选一")
        if link and (link not in by_key or by_key[link].type != "text"):
            raise r.fail(here + ("questionnaire",), f"“questionnaire: {link}”应是本大纲中一个单行文字问题的 key",
                         hint="那个问题填写另一份问卷的文件名，例如“讲话.yaml”。")
        flags = {}
        for k in ("podium", "speakers", "import"):
            v = item.get(k, False)
            if not isinstance(v, bool):
                raise r.fail(here + (k,), f"“{k}”只能是 true 或 false")
            flags[k] = v
        out.append(PackDocument(name, template, link, flags["podium"], flags["speakers"], flags["import"]))
    return tuple(out)


def read_facts(r, node: Any, questions) -> Optional[Facts]:
    if node is None:
        return None
    if not isinstance(node, dict):
        raise r.fail(("facts",), "“facts”应写成“事实: 问题的 key”，每行一条",
                     hint="可写的事实：" + "、".join(_FACT_TYPES))
    by_key = {q.key: q for q in questions}
    for role, key in node.items():
        kp = ("facts", role)
        if role not in _FACT_TYPES:
            raise r.fail(kp, f"材料包不认识事实“{role}”", hint="可写的事实：" + "、".join(_FACT_TYPES))
        q = by_key.get(key) if isinstance(key, str) else None
        if q is None or q.type not in _FACT_TYPES[role]:
            raise r.fail(kp, f"“{role}: {key}”应是本大纲中一个 {'或'.join(_FACT_TYPES[role])} 类型问题的 key")
        if role == "people" and not _has(q.item, PERSON_KEYS):
            raise r.fail(kp, f"“{key}”的每一项应是一组问题，其中有 key 为 name（姓名）和 title（职务）的问题")
        if role == "agenda":
            speakers = q.item.child(SPEAKERS_KEY) if q.item is not None and q.item.type == "group" else None
            if speakers is None or speakers.type != "list" or not _has(speakers.item, PERSON_KEYS):
                raise r.fail(kp, f"“{key}”的每一项应有一个 key 为 speakers 的列表，每个发言人有 name 和 title")
    return Facts(**{k: v for k, v in node.items()})


def _has(q, keys) -> bool:
    return q is not None and q.type == "group" and all(q.child(k) is not None and q.child(k).key == k for k in keys)


def not_a_pack(outline) -> DrafterError:
    """The error of a command that makes one document, given a pack."""
    return DrafterError(f"“{outline.name}”是材料包，会生成 {len(outline.documents)} 份文稿",
                        hint="请用 drafter render 问卷.yaml -o 文件夹/ 生成整个材料包。")

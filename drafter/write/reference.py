"""A unit's Word template (``--reference-docx``), cleaned: styles, numbering, fonts, theme and page
setup only.

The template comes by e-mail like any other file, and every draft the office makes is built on it.
python-docx would carry over every part the template reaches: its ``attachedTemplate`` (a URL or a
``\\\\host\\share`` path Word fetches on opening, leaking the clerk's NTLM credentials on a UNC path),
remote pictures, macros (vbaProject.bin), ActiveX controls, custom XML bound to content controls,
the glossary of building blocks. So the package is rebuilt here before python-docx sees it:

* only relationships of the kinds a template needs are followed (the document's styles,
  numbering, font table, theme, settings, headers, footers and notes; pictures and embedded fonts
  inside those), and only inside the package; every other part is left behind;
* in the parts kept, anything that names an outside target or runs code is taken out: elements
  that use a dropped relationship, field codes that fetch or run (INCLUDEPICTURE, LINK, DDE …),
  OLE objects and ActiveX controls, data bindings, ``href``/``src`` attributes that point outside,
  and in the settings the attached template, mail merge, XSLT and schema links;
* the body is emptied (its last section, the page setup, stays); a macro-enabled template
  (.docm/.dotm) or a template (.dotx) becomes an ordinary document, its macros dropped.

Everything that names an outside target, runs code or binds data is listed in one warning
(``reference_warning``); the rest of what is left behind (a thumbnail, comments) is not carried
by any reference template and is not listed.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from lxml import etree

from drafter import display
from drafter.errors import InputUnreadable, Location

PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAIN_TYPES = {DOCUMENT_MAIN: False,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": False,
              "application/vnd.ms-word.document.macroEnabled.main+xml": True,
              "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": True}
# Relationship kinds (the last word of their type) a template's styles and page setup need.
KEPT_KINDS = {"officeDocument", "core-properties", "extended-properties", "styles", "stylesWithEffects",
              "numbering", "fontTable", "theme", "settings", "webSettings", "header", "footer", "footnotes",
              "endnotes", "image", "font"}
# What a left-out relationship is called in the warning; kinds not named here are not listed
# unless they point outside the package. Custom XML parts are left out unlisted: Word puts one in
# nearly every file (its bibliography store); what binds content to them is listed instead.
LISTED_KINDS = {"vbaProject": "VBA 宏工程", "wordVbaData": "宏的数据", "vbaData": "宏的数据",
                "keyMapCustomizations": "宏的快捷键", "attachedToolbars": "宏的工具栏",
                "customizations": "宏的界面设置", "attachedTemplate": "附加的模板",
                "control": "ActiveX 控件", "activeXControlBinary": "ActiveX 控件", "oleObject": "对象",
                "package": "嵌入的对象", "glossaryDocument": "文档部件库", "mailMergeSource": "邮件合并数据源",
                "recipientData": "邮件合并数据源", "hyperlink": "超链接", "image": "图片", "subDocument": "子文档",
                "frame": "网页框架", "aFChunk": "嵌入的外部内容", "transform": "XSLT 转换", "font": "字体"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False)
_FETCHING_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT|MACROBUTTON)\b", re.I)
_OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:|\\\\|//)", re.I)   # a URL, a UNC path, a drive letter
_GRAPHICS = {W + "drawing", W + "pict", W + "object", W + "control"}
# Settings that tie the document to something outside it: all left out.
# (Those that use a relationship are listed with its target, when the relationship is left out.)
_SETTINGS_OUT = {W + "attachedTemplate": None, W + "mailMerge": None, W + "saveThroughXslt": None,
                 W + "attachedSchema": "附加的 XML 架构", W + "linkStyles": None, W + "docVars": None}
MAX_LISTED = 40
_HINT = "请用 Word 打开该模板后另存为 .docx 再试（不支持 .doc 与 .wps）。"


@dataclass
class Cleaned:
    data: bytes                                   # the rebuilt package
    left_out: List[str] = field(default_factory=list)   # what names an outside target or runs code
    macros: bool = False                          # the template was macro-enabled (.docm/.dotm)


_CACHE: Dict[Tuple[str, int, int], Cleaned] = {}


def clean_reference(path: Path) -> Cleaned:
    """The template at ``path`` rebuilt with only what a template carries (module docstring).
    The package is measured first (drafter.safezip); a broken one is an InputUnreadable."""
    from drafter.safezip import check_docx_package
    path = Path(path)
    check_docx_package(path, what="参考模板")
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _CACHE:
        try:
            with zipfile.ZipFile(path) as z:
                _CACHE[key] = _Rebuild(z).run()
        except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
            raise InputUnreadable(f"无法使用这个参考模板：文件已损坏或不是 Word 保存的 .docx（{type(e).__name__}）",
                                  Location(path), hint=_HINT) from None
    return _CACHE[key]


def reference_warning(path: Path) -> Optional[str]:
    """The one warning about what the template carried and drafter left out, or None."""
    cleaned = clean_reference(path)
    if not cleaned.left_out and not cleaned.macros:
        return None
    head = f"参考模板 {display.text(Path(path).name)} "
    if cleaned.macros:
        head += "是启用宏的文件（.docm/.dotm），其中的宏已去掉；"
    items = list(dict.fromkeys(cleaned.left_out))
    shown = "；".join(items[:MAX_LISTED]) + ("；等" if len(items) > MAX_LISTED else "")
    body = f"下列指向外部、会运行代码或绑定数据的内容没有带入文稿：{shown}" if items else ""
    return (head + body).rstrip("；") + "。模板只提供样式、编号、字体、主题和页面设置。"


class _Rebuild:
    def __init__(self, z: zipfile.ZipFile):
        self.z = z
        self.names = set(z.namelist())
        self.types = _content_types(z.read("[Content_Types].xml"))
        self.left_out: List[str] = []
        self.kept: Dict[str, bytes] = {}          # part name -> bytes to write
        self.dropped_ids: Dict[str, Set[str]] = {}  # part name -> its relationship ids left out
        self.macros = False
        self.main = ""

    def run(self) -> Cleaned:
        self._follow("")
        if not self.main:
            raise ValueError("no main document part")
        for name in list(self.kept):
            if name.endswith(".xml") or self.types.get(name, "").endswith("+xml"):
                self.kept[name] = self._clean_xml(name, self.kept[name])
        return Cleaned(self._write(), self.left_out, self.macros)

    # -- the relationship graph, from the package root --------------------------------------------
    def _follow(self, part: str) -> None:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return
        root = etree.fromstring(self.z.read(rels_name), _PARSER)
        kept = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
        dropped: Set[str] = set()
        for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                dropped.add(rel.get("Id") or "")
                self._list(kind, target, outside=True)
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            ctype = self.types.get(name, "")
            if part == "" and kind == "officeDocument":
                if name not in self.names or ctype not in MAIN_TYPES or self.main:
                    dropped.add(rel.get("Id") or "")
                    continue
                self.main = name
                self.macros = MAIN_TYPES[ctype]
                self.types[name] = DOCUMENT_MAIN
            elif kind not in KEPT_KINDS or name not in self.names or not _plain_type(kind, ctype):
                dropped.add(rel.get("Id") or "")
                self._list(kind, name, outside=False)
                continue
            etree.SubElement(kept, f"{{{PKG_REL}}}Relationship", Id=rel.get("Id") or "", Type=rel.get("Type") or "",
                             Target=target)
            if name not in self.kept:
                self.kept[name] = self.z.read(name)
                self._follow(name)
        self.dropped_ids[part] = dropped
        self.kept[rels_name] = etree.tostring(kept, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _list(self, kind: str, target: str, outside: bool) -> None:
        label = LISTED_KINDS.get(kind)
        if outside:
            self.left_out.append(f"{label or '链接'}（{_shown(target)}）")
        elif label is not None:
            self.left_out.append(f"{label}（{_shown(target)}）")

    # -- inside the parts kept ----------------------------------------------------------------------
    def _clean_xml(self, name: str, data: bytes) -> bytes:
        root = etree.fromstring(data, _PARSER)
        dropped = self.dropped_ids.get(name, set())
        if name == self.main:
            if root.tag != W + "document" or root.find(W + "body") is None:
                raise ValueError("the main part is not a Word document body")
            _empty_body(root)
        if root.tag == W + "settings":
            for child in list(root):
                if child.tag in _SETTINGS_OUT:
                    if _SETTINGS_OUT[child.tag]:
                        self.left_out.append(_SETTINGS_OUT[child.tag])
                    root.remove(child)
        for el in list(root.iter(W + "dataBinding")):
            self.left_out.append(f"绑定到自定义 XML 数据的内容（数据绑定 {_shown(el.get(W + 'xpath') or '')}）")
            _remove(el)
        self._fields(root)
        for el in list(root.iter(W + "object", W + "control", W + "altChunk")):
            if _attached(el, root):
                self.left_out.append(f"对象或控件（{name} 中）")
                _remove(el)
        for el in list(root.iter()):
            if not isinstance(el.tag, str) or not _attached(el, root):
                continue
            for key, value in el.attrib.items():
                if key.startswith(R_NS) and value in dropped:
                    _drop_user(el)
                    break
                local = key.rsplit("}", 1)[-1]
                if local in ("href", "src") and _OUTSIDE.match(value):
                    self.left_out.append(f"链接（{_shown(value)}）")
                    _drop_user(el)
                    break
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _fields(self, root) -> None:
        for simple in list(root.iter(W + "fldSimple")):
            code = simple.get(W + "instr") or ""
            if _FETCHING_FIELD.match(code):
                self.left_out.append(f"域（{_shown(' '.join(code.split()))}）")
                _unwrap(simple)
        stack: List[Dict[str, list]] = []
        for el in list(root.iter(W + "fldChar", W + "instrText")):
            run = el.getparent()
            if el.tag == W + "instrText":
                if stack and stack[-1]["sep"] == []:
                    stack[-1]["code"].append(el.text or "")
                    stack[-1]["runs"].append(run)
                continue
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                stack.append({"code": [], "runs": [run], "sep": []})
            elif kind == "separate" and stack:
                stack[-1]["sep"].append(run)
                stack[-1]["runs"].append(run)
            elif kind == "end" and stack:
                f = stack.pop()
                code = "".join(f["code"])
                if _FETCHING_FIELD.match(code):
                    self.left_out.append(f"域（{_shown(' '.join(code.split()))}）")
                    for r in f["runs"] + [run]:
                        _remove(r)

    # -- the rebuilt package --------------------------------------------------------------------------
    def _write(self) -> bytes:
        types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="rels",
                         ContentType="application/vnd.openxmlformats-package.relationships+xml")
        for name in sorted(self.kept):
            if not name.endswith(".rels"):
                etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name,
                                 ContentType=self.types.get(name) or "application/xml")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("[Content_Types].xml", etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                               standalone=True))
            for name in sorted(self.kept):
                out.writestr(name, self.kept[name])
        return buf.getvalue()


def _content_types(data: bytes) -> Dict[str, str]:
    """Part name (without the leading /) -> content type, defaults by extension filled in later."""
    root = etree.fromstring(data, _PARSER)
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{{{CT_NS}}}Default")}
    out: Dict[str, str] = _Defaults(defaults)
    for o in root.iter(f"{{{CT_NS}}}Override"):
        out[(o.get("PartName") or "").lstrip("/")] = o.get("ContentType") or ""
    return out


class _Defaults(dict):
    """Content types by part name, falling back to the package's default for the extension."""

    def __init__(self, defaults: Dict[str, str]):
        super().__init__()
        self.defaults = defaults

    def get(self, name, default=None):
        if name in self:
            return self[name]
        return self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), default)


def _plain_type(kind: str, ctype: str) -> bool:
    """A part of a kept kind whose content type is what that kind holds (not code dressed up)."""
    if "macroEnabled" in ctype or "vbaProject" in ctype or "activeX" in ctype or "oleObject" in ctype:
        return False
    if kind == "image":
        return ctype.startswith("image/")
    if kind == "font":
        return "font" in ctype.lower()
    return ctype.endswith("+xml") or ctype in ("application/xml", "text/xml")


def _shown(text: str) -> str:
    text = display.text(text.strip())
    return text if len(text) <= 100 else text[:100] + "……"


def _empty_body(root) -> None:
    body = root.find(W + "body")
    if body is None:
        return
    last = body.find(W + "sectPr")
    for child in list(body):
        if child is not last:
            body.remove(child)


def _attached(el, root) -> bool:
    """Still in the tree (an ancestor may have been removed already)."""
    while el is not None and el is not root:
        el = el.getparent()
    return el is root


def _drop_user(el) -> None:
    """Take out the element that uses a left-out link: a hyperlink keeps its text, a click action
    goes alone, a picture or object goes whole."""
    if el.tag == W + "hyperlink":
        _unwrap(el)
        return
    if el.tag.rsplit("}", 1)[-1] in ("hlinkClick", "hlinkHover", "hlinkMouseOver"):
        _remove(el)
        return
    up = el
    while up is not None and up.tag not in _GRAPHICS:
        up = up.getparent()
    _remove(up if up is not None else el)


def _remove(el) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _unwrap(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    for child in list(el):
        if child.tag in (W + "r", W + "hyperlink", W + "fldSimple", W + "ins", W + "smartTag", W + "sdt"):
            parent.insert(at, child)
            at += 1
    parent.remove(el)

"""Two main parts that differ only in how their runs are split, and in the marks a test allows."""
from __future__ import annotations

import copy
import zipfile
from pathlib import Path
from typing import Dict, Iterable

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(path: Path) -> Dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def canonical(xml: bytes, drop: Iterable[str] = ()) -> bytes:
    """The part with the elements named in ``drop`` removed (a run left empty by it goes too), and
    every run exploded into runs of one child each, every w:t into one character each; C14N."""
    root = etree.fromstring(xml)
    drop = {W + t for t in drop}
    for el in [e for e in root.iter() if e.tag in drop]:
        parent = el.getparent()
        parent.remove(el)
        if parent.tag == W + "r" and not [c for c in parent if c.tag != W + "rPr"]:
            parent.getparent().remove(parent)
    for r in list(root.iter(W + "r")):
        rpr = r.find(W + "rPr")
        pieces = []
        for c in r:
            if c.tag == W + "rPr":
                continue
            if c.tag in (W + "t", W + "delText") and len(c.text or "") != 1:
                for ch in c.text or "":
                    t = etree.Element(c.tag)
                    t.text = ch
                    pieces.append(t)
            else:
                pieces.append(c)
        for c in pieces:
            c.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
            one = etree.Element(W + "r", attrib=dict(r.attrib))
            if rpr is not None:
                one.append(copy.deepcopy(rpr))
            one.append(copy.deepcopy(c) if c.getparent() is not None else c)
            r.addprevious(one)
        r.getparent().remove(r)
    return etree.tostring(root, method="c14n")

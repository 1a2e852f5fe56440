"""What LibreOffice itself sees in a .docx: run by Debian's /usr/bin/python3 (python3-uno), never the venv's.

Usage: /usr/bin/python3 uno_client.py PIPE_NAME < jobs.json > results.json

It connects to a LibreOffice started by drafter.soffice (``--accept=pipe,name=PIPE_NAME;urp;``),
and for each job (``{"docx": path}``) loads the file with LibreOffice's Word filter and reports, as
JSON: its comments (author, the text they are anchored on, their content), its tracked changes
(type, author), its inline pictures (their paragraph and size), its footnotes, and the text of
every paragraph (tables cell by cell) as it is, after *accept all* and after *reject all*.

The document is loaded as a model without a window (XLoadable.load): Debian's
libreoffice-writer-nogui has no dialog definitions, and opening a view of a document with comments
makes LibreOffice 7.4 abort while it builds the comment margin. Without a view the dispatcher's
AcceptAllTrackedChanges is not available, so *accept all* is done as it is defined, on fresh loads:
with change recording off, the text of every redline LibreOffice reads as a deletion is removed
(for *reject all*: every insertion). Written for LibreOffice 7.4's API.
"""
import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(name):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={name};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not answer on its pipe")


def load(ctx, path):
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    doc.load((prop("URL", uno.systemPathToFileUrl(path)), prop("FilterName", "MS Word 2007 XML")))
    return doc


def settle(doc, kind):
    """Accept (kind "Delete": deleted text goes) or reject (kind "Insert": inserted text goes) all."""
    doc.setPropertyValue("RecordChanges", False)
    ranges = []
    e = doc.getRedlines().createEnumeration()
    while e.hasMoreElements():
        r = e.nextElement()
        if r.getPropertyValue("RedlineType") == kind:
            ranges.append((r.getPropertyValue("RedlineStart"), r.getPropertyValue("RedlineEnd")))
    for start, end in ranges:
        cursor = start.getText().createTextCursorByRange(start)
        cursor.gotoRange(end, True)
        cursor.setString("")


def paragraphs(text):
    out = []
    e = text.createEnumeration()
    while e.hasMoreElements():
        el = e.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el.getString())
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.extend(paragraphs(el.getCellByName(name).getText()))
    return out


def comments(doc):
    out = []
    e = doc.getTextFields().createEnumeration()
    while e.hasMoreElements():
        f = e.nextElement()
        if f.supportsService("com.sun.star.text.TextField.Annotation"):
            anchor = f.getAnchor()
            out.append({"author": f.getPropertyValue("Author"), "content": f.getPropertyValue("Content"),
                        "anchor": anchor.getString() if anchor is not None else ""})
    return out


def redlines(doc):
    out = []
    e = doc.getRedlines().createEnumeration()
    while e.hasMoreElements():
        r = e.nextElement()
        out.append({"type": r.getPropertyValue("RedlineType"), "author": r.getPropertyValue("RedlineAuthor")})
    return out


def images(doc):
    """Inline pictures: (the paragraph text they stand in, width and height in 1/100 mm)."""
    out = []
    graphics = doc.getGraphicObjects()
    for name in graphics.getElementNames():
        g = graphics.getByName(name)
        size = g.getPropertyValue("Size")
        anchor = g.getAnchor()
        out.append({"paragraph": anchor.getText().getString() if anchor is None else _para_of(anchor),
                    "width": size.Width, "height": size.Height})
    return out


def _para_of(anchor):
    cursor = anchor.getText().createTextCursorByRange(anchor)
    cursor.gotoStartOfParagraph(False)
    cursor.gotoEndOfParagraph(True)
    return cursor.getString()


def footnotes(doc):
    out = []
    notes = doc.getFootnotes()
    for k in range(notes.getCount()):
        out.append(notes.getByIndex(k).getString())
    return out


def main():
    ctx = connect(sys.argv[1])
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    results = []
    for job in json.load(sys.stdin):
        doc = load(ctx, job["docx"])
        try:
            found = {"comments": comments(doc), "redlines": redlines(doc), "text": paragraphs(doc.getText()),
                     "images": images(doc), "footnotes": footnotes(doc)}
        finally:
            doc.close(True)
        for key, kind in (("accepted", "Delete"), ("rejected", "Insert")):
            doc = load(ctx, job["docx"])
            try:
                settle(doc, kind)
                found[key] = paragraphs(doc.getText())
            finally:
                doc.close(True)
        results.append(found)
    json.dump(results, sys.stdout, ensure_ascii=False)
    try:
        desktop.terminate()
    except Exception:  # noqa: BLE001 — the bridge goes away while LibreOffice quits
        pass


if __name__ == "__main__":
    main()

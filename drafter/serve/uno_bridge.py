"""The workbench's warm PDF converter, client side: run by a Python that has LibreOffice's UNO
bridge (Debian's /usr/bin/python3 with python3-uno; the python LibreOffice ships on Windows),
never imported by drafter itself. Standard library and ``uno`` only: drafter is not importable here.

Usage: python uno_bridge.py PIPE_NAME

It connects to the LibreOffice that drafter.soffice started listening on ``PIPE_NAME`` (first
checking that the pipe's socket, where LibreOffice puts it, belongs to this user), says
``{"ready": true}`` on stdout, then answers one JSON line per JSON line on stdin:
``{"docx": path, "pdf": path}`` → ``{"ok": true}`` or ``{"error": "…"}``. It ends at the end of
its input, when drafter closes the pipe or goes away.
"""
import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_S = 60


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def pipe_is_ours(name):
    """LibreOffice makes the pipe a socket /tmp/OSL_PIPE_<uid>_<name> (or under /var/tmp): one
    made by another user under that name would receive the documents. The name is random; this
    is the second check."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    if uid is None:
        return True
    for folder in ("/tmp", "/var/tmp"):
        path = f"{folder}/OSL_PIPE_{uid}_{name}"
        if os.path.exists(path):
            return os.stat(path).st_uid == uid
    return True      # not there yet: LibreOffice has not made it, and will make it as this user


def connect(name):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_S
    while True:
        if not pipe_is_ours(name):
            raise SystemExit("pipe not owned by this user")
        try:
            ctx = resolver.resolve(f"uno:pipe,name={name};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not answer on its pipe")
            time.sleep(0.05)


def convert(desktop, docx, pdf):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(docx), "_blank", 0,
                                       (prop("Hidden", True), prop("ReadOnly", True),
                                        prop("FilterName", "MS Word 2007 XML")))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        doc.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)


def main():
    desktop = connect(sys.argv[1])
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        try:
            job = json.loads(line)
            convert(desktop, job["docx"], job["pdf"])
            answer = {"ok": True}
        except Exception as e:  # noqa: BLE001 — one failed file is an answer, not the end
            answer = {"error": f"{type(e).__name__}: {e}"[:500]}
        out.write(json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    main()

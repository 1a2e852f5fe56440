"""The package's imports form no circle and use no other module's private names.

Every module under drafter/ is parsed (nothing is imported); every import counts, at module level,
inside functions (the lazy ones that keep start-up fast) and under TYPE_CHECKING, and so does each
function a row of the formats table names (drafter.formats.load imports it by name: from the
reading entry for inputs, from the writer for outputs). Circles are looked for between modules and
between folders (each sub-package one node, each top-level module one node).

Run as a script (``python tests/test_imports.py [ROOT]``) it prints the graph's circles, the edges
that close them (DFS back-edges), the imports of private names and the folder edges.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path
from functools import lru_cache
from typing import Dict, List, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent

Edge = Tuple[str, str]


def modules(root: Path) -> Dict[str, Path]:
    out = {}
    for f in sorted((root / "drafter").rglob("*.py")):
        parts = list(f.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = f
    return out


def _owner(name: str, mods: Dict[str, Path]) -> str:
    while name not in mods and "." in name:
        name = name.rpartition(".")[0]
    return name


@lru_cache(maxsize=None)
def imports(root: Path = ROOT):
    """(edges, private uses): edges between drafter modules; private uses as (module, target, name)."""
    mods = modules(root)
    edges: Set[Edge] = set()
    private: Set[Tuple[str, str, str]] = set()
    for mod, path in mods.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        bound: Dict[str, str] = {}          # local names of imported drafter modules
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] == "drafter":
                        edges.add((mod, _owner(a.name, mods)))
                        if a.asname:
                            bound[a.asname] = a.name
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                if base.split(".")[0] != "drafter":
                    continue
                for a in node.names:
                    full = f"{base}.{a.name}"
                    if full in mods:                       # a module: from drafter import formats
                        edges.add((mod, full))
                        bound[a.asname or a.name] = full
                    else:
                        edges.add((mod, _owner(base, mods)))
                        if _private(a.name):
                            private.add((mod, _owner(base, mods), a.name))
        for node in ast.walk(tree):             # formats._BY_SUFFIX: a private name by attribute
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound \
                    and _private(node.attr) and f"{bound[node.value.id]}.{node.attr}" not in mods:
                private.add((mod, bound[node.value.id], node.attr))
    edges |= _table_edges(root, mods)
    return {(a, b) for a, b in edges if a != b}, private


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _table_edges(root: Path, mods: Dict[str, Path]) -> Set[Edge]:
    """The functions the formats table names, as imports of the modules that load them."""
    sys.path.insert(0, str(root))
    try:
        from drafter import formats
    finally:
        sys.path.pop(0)
    edges = set()
    for kind in formats.INPUTS:
        if hasattr(kind, "reader"):        # (a checkout from before the table named its readers)
            edges.add(("drafter.read.reader" if kind.draft else "drafter.api", kind.reader.partition(":")[0]))
    for out in getattr(formats, "OUTPUT_FORMATS", ()):
        edges.add(("drafter.api", out.writer.partition(":")[0]))
    assert all(b in mods for _, b in edges), edges
    return edges


def folder(mod: str) -> str:
    """drafter.read.docx → drafter.read; a top-level module is its own node."""
    return ".".join(mod.split(".")[:2])


def circles(edges: Set[Edge]) -> List[List[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    graph: Dict[str, List[str]] = {}
    for a, b in sorted(edges):
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on: Set[str] = set()
    out: List[List[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def back_edges(edges: Set[Edge]) -> List[Edge]:
    """The edges a depth-first walk finds pointing back up its path: each closes a circle."""
    graph: Dict[str, List[str]] = {}
    for a, b in sorted(edges):
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    state: Dict[str, int] = {}
    out: List[Edge] = []

    def visit(v: str) -> None:
        state[v] = 1
        for w in graph[v]:
            if state.get(w) == 1:
                out.append((v, w))
            elif w not in state:
                visit(w)
        state[v] = 2

    for v in graph:
        if v not in state:
            visit(v)
    return out


def folder_edges(edges: Set[Edge]) -> Set[Edge]:
    return {(folder(a), folder(b)) for a, b in edges if folder(a) != folder(b)}


# -- the tests -------------------------------------------------------------------------------
def test_no_circle_between_modules():
    edges, _ = imports()
    assert circles(edges) == []


def test_no_circle_between_folders():
    edges, _ = imports()
    assert circles(folder_edges(edges)) == []


def test_no_module_imports_another_modules_private_names():
    _, private = imports()
    assert sorted(private) == []


def test_the_walk_sees_lazy_imports_and_table_rows():
    """The graph is not empty by mistake: a lazy import and a table row are edges."""
    edges, _ = imports()
    assert ("drafter.cli", "drafter.typeset") in edges                # inside format_cmd
    assert ("drafter.api", "drafter.write.pdf") in edges              # the pdf row of OUTPUT_FORMATS
    assert circles({("a", "b"), ("b", "c"), ("c", "a")}) == [["a", "b", "c"]]


def test_stage_folders_init_files_stay_empty():
    """Start-up pays for every __init__: the folders of the pipeline's stages hold no code there."""
    for name in ("read", "write", "importer", "genre", "zh", "serve"):
        tree = ast.parse((ROOT / "drafter" / name / "__init__.py").read_text(encoding="utf-8"))
        assert all(isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in tree.body), name


def _report(root: Path) -> str:
    edges, private = imports(root)
    lines = [f"modules: {len(modules(root))}, import edges: {len(edges)}"]
    lines.append("module circles: " + ("; ".join(" <-> ".join(c) for c in circles(edges)) or "none"))
    lines.append("module back-edges: " + (", ".join(f"{a} -> {b}" for a, b in back_edges(edges)) or "none"))
    fe = folder_edges(edges)
    lines.append("folder circles: " + ("; ".join(" <-> ".join(c) for c in circles(fe)) or "none"))
    lines.append("folder back-edges: " + (", ".join(f"{a} -> {b}" for a, b in back_edges(fe)) or "none"))
    lines.append("private-name imports: " + (", ".join(f"{a} uses {b}.{n}" for a, b, n in sorted(private)) or "none"))
    lines.append("folder edges:")
    for a in sorted({a for a, _ in fe}):
        lines.append(f"  {a} -> " + ", ".join(sorted(b for x, b in fe if x == a)))
    return "\n".join(lines)


if __name__ == "__main__":
    print(_report(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT))

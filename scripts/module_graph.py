#!/usr/bin/env python3
"""The import graph of src/ between top-level modules, and its cycles.

Usage: scripts/module_graph.py [--dot] [SRC_DIR]

A file's top-level module is its first path component under src/ (`src/entities/tagger.rs`
is `entities`). An edge A -> B is any `crate::B` path written in A, outside comments.
`lib.rs` and `main.rs` are the crate roots and left out. Exits 1 if any two top-level
modules reach each other (a strongly connected component of more than one module), and
prints each such cycle; `make test` runs it.
"""
import collections, os, re, sys


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def referenced(text):
    """The first path segment after each `crate::`, also inside `crate::{a, b::c}`."""
    for match in re.finditer(r"\bcrate::", text):
        rest = text[match.end():]
        if not rest.startswith("{"):
            name = re.match(r"[A-Za-z_][A-Za-z0-9_]*", rest)
            if name:
                yield name.group(0)
            continue
        depth, item = 0, ""
        for ch in rest[1:]:
            if ch == "{":
                depth += 1
            elif ch == "}":
                if depth == 0:
                    break
                depth -= 1
            if ch == "," and depth == 0:
                yield from re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_]*)", item)
                item = ""
            else:
                item += ch
        yield from re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_]*)", item)


def graph(src):
    edges = collections.defaultdict(set)
    modules = set()
    for root, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src).split(os.sep)
            top = rel[0][:-3] if len(rel) == 1 else rel[0]
            if top in ("lib", "main", "bin"):
                continue
            modules.add(top)
            text = strip_comments(open(path, encoding="utf-8").read())
            for target in referenced(text):
                if target != top:
                    edges[top].add(target)
    # Only edges between modules (not to items re-exported at the root).
    return modules, {a: {b for b in bs if b in modules} for a, bs in edges.items()}


def cycles(modules, edges):
    """Tarjan's strongly connected components with more than one member."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(modules):
        if v not in index:
            visit(v)
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "src")
    modules, edges = graph(src)
    if "--dot" in sys.argv:
        print("digraph modules {")
        for a in sorted(edges):
            for b in sorted(edges[a]):
                print(f"  {a} -> {b};")
        print("}")
        return 0
    for a in sorted(modules):
        print(f"{a} -> {', '.join(sorted(edges.get(a, ()))) or '(nothing)'}")
    found = cycles(modules, edges)
    for component in found:
        print(f"cycle among: {', '.join(component)}", file=sys.stderr)
    print(f"{len(modules)} modules, {sum(len(b) for b in edges.values())} edges, {len(found)} cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The shape of src/: module import cycles and imports against the layer table
of src/lib.rs's "Architecture" (both fail CI), and the house figures
of issue 17 (reported): prose per code line, `debug_assert!(false` fallbacks,
non-test functions over 60 lines.

Usage: python3 .ci/house.py [--strict]   (--strict also fails on the figures)
"""
import os
import re
import sys

SRC = "src"


def modules():
    """Module path -> (file, text without its #[cfg(test)] module)."""
    out = {}
    for root, _, files in os.walk(SRC):
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            path = os.path.join(root, f)
            name = path[len(SRC) + 1 : -3].replace("/mod", "").replace("/", "::")
            text = open(path, encoding="utf-8").read()
            cut = re.search(r"^#\[cfg\(test\)\]\s*\nmod ", text, re.M)
            out[name] = (path, text[: cut.start()] if cut else text)
    return out


def code_of(text):
    """The text without comments, doc comments and string literals' contents."""
    lines = []
    for line in text.splitlines():
        s = line.lstrip()
        if s.startswith("//"):
            continue
        lines.append(re.sub(r"\s//.*$", "", line))
    return "\n".join(lines)


def expand(tree):
    """`a::{b, c::{d, e}}` -> ["a::b", "a::c::d", "a::c::e"]."""
    depth, start, items = 0, 0, []
    brace = tree.find("{")
    if brace < 0:
        return [tree]
    head, body = tree[:brace], tree[brace + 1 : tree.rfind("}")]
    for i, ch in enumerate(body):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return [p for item in items if item for p in expand(head + item)]


def root_items(mods):
    """Item re-exported at the crate root -> the module it comes from (`pub use a::{B, c::D}`)."""
    items = {}
    code = code_of(mods.get("lib", ("", ""))[1])
    for path in re.findall(r"\bpub(?:\(crate\))?\s+use\s+([^;]*);", code):
        for full in expand(path.replace("\n", " ").replace(" ", "")):
            parts = full.split("::")
            if parts[0] in ("crate", "self"):
                parts = parts[1:]
            for k in range(len(parts) - 1, 0, -1):
                if "::".join(parts[:k]) in mods:
                    items[parts[-1].split(" as ")[-1]] = "::".join(parts[:k])
                    break
    return items


def imports(mods):
    """Module -> the set of modules of the crate it names (crate:: and super::)."""
    names = set(mods)
    roots = root_items(mods)
    graph = {}
    for m, (_, text) in mods.items():
        code = code_of(text)
        found = set()
        parent = m.rsplit("::", 1)[0] if "::" in m else ""
        refs = [r for r in re.findall(r"\bcrate::((?:[a-z_][a-z0-9_]*::)*[a-z_][a-z0-9_]*)", code)]
        refs += [
            (parent + "::" + r if parent else r)
            for r in re.findall(r"\bsuper::((?:[a-z_][a-z0-9_]*::)*[a-z_][a-z0-9_]*)", code)
        ]
        for stmt in re.findall(r"\buse\s+(crate|super)::([^;]*);", code):
            base = "" if stmt[0] == "crate" else parent
            for path in expand(stmt[1].replace("\n", " ").replace(" ", "")):
                refs.append(base + "::" + path if base else path)
        # `use crate::grammar;` then `grammar::causes::x` in the code
        for r in list(refs):
            alias = r.split("::")[-1]
            for sub in re.findall(r"\b" + re.escape(alias) + r"::([a-z_][a-z0-9_]*)", code):
                refs.append(r + "::" + sub)
        for r in refs:
            head = r.split("::")[0]
            if head in roots:
                r = roots[head] + "::" + r
            parts = r.split("::")
            # the longest module prefix named
            for k in range(len(parts), 0, -1):
                cand = "::".join(parts[:k])
                if cand in names:
                    if cand != m and not m.startswith(cand + "::"):
                        found.add(cand)
                    break
        graph[m] = found
    return graph


def cycles(graph):
    """Strongly connected components of more than one module."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
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

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def layers(mods):
    """Top-level module -> layer number, from the architecture table in src/lib.rs:
    rows `//! | N | `a`, `b` | ...`."""
    out = {}
    for line in mods.get("lib", ("", ""))[1].splitlines():
        m = re.match(r"^//!\s*\|\s*(\d+)\s*\|([^|]*)\|", line)
        if m:
            for name in re.findall(r"`([a-z_][a-z0-9_]*)`", m.group(2)):
                out[name] = int(m.group(1))
    return out


def upward(graph, table):
    """Imports from a module to one in a higher layer, and top modules the table misses."""
    bad, missing = [], set()
    for m, targets in sorted(graph.items()):
        top = m.split("::")[0]
        if top in ("lib", "format"):
            continue
        if top not in table:
            missing.add(top)
            continue
        for t in sorted(targets):
            tt = t.split("::")[0]
            if tt in table and table[tt] > table[top]:
                bad.append(f"{m} (layer {table[top]}) imports {t} (layer {table[tt]})")
    return bad, sorted(missing)


def figures(mods):
    prose = code = fallbacks = 0
    long_fns = []
    for m, (path, text) in mods.items():
        fence = False
        for line in text.splitlines():
            s = line.strip()
            if s.startswith("///") or s.startswith("//!"):
                body = s[3:].strip()
                if body.startswith("```"):
                    fence = not fence
                    continue
                if not fence and body:
                    prose += 1
            elif s.startswith("//"):
                prose += 1
            elif s:
                code += 1
        fallbacks += len(re.findall(r"debug_assert!\(\s*false", text))
        lines = text.split("\n")
        for i, line in enumerate(lines):
            mm = re.match(r"^(\s*)(?:pub(?:\([a-z:]+\))? )?(?:const )?fn \w+", line)
            if not mm or line.rstrip().endswith(";"):
                continue
            ind = mm.group(1)
            for j in range(i + 1, len(lines)):
                if lines[j] == ind + "}":
                    if j - i + 1 > 60:
                        long_fns.append(f"{path}:{i + 1} ({j - i + 1} lines) {line.strip()[:70]}")
                    break
                if re.match(r"^" + re.escape(ind) + r"\S", lines[j]) and lines[j].rstrip().endswith(";"):
                    break  # a declaration without body (trait method)
    return prose, code, fallbacks, long_fns


def main():
    strict = "--strict" in sys.argv
    mods = modules()
    graph = imports(mods)
    bad = cycles(graph)
    if "--graph" in sys.argv:
        for m in sorted(graph):
            print(f"{m}: {', '.join(sorted(graph[m]))}")
    table = layers(mods)
    up, missing = upward(graph, table) if table else ([], [])
    if table:
        print(f"layers (src/lib.rs architecture table): {len(up)} upward imports, "
              f"{len(missing)} modules not in the table")
        for u in up:
            print("  upward: " + u)
        for m in missing:
            print("  not in the table: " + m)
    else:
        print("layers: no architecture table in src/lib.rs")
    prose, code, fallbacks, long_fns = figures(mods)
    ratio = prose / max(code, 1)
    print(f"modules: {len(mods)}; import cycles: {len(bad)}")
    for c in bad:
        print("  cycle: " + " -> ".join(c))
    print(f"prose lines per code line: {prose}/{code} = {ratio:.3f} (goal <= 0.25)")
    print(f"debug_assert!(false, ...) fallbacks: {fallbacks} (goal <= 2)")
    print(f"non-test functions over 60 lines: {len(long_fns)} (goal 0)")
    for f in long_fns:
        print("  " + f)
    failed = bool(bad) or bool(up) or bool(missing) or (strict and (ratio > 0.25 or fallbacks > 2 or long_fns))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

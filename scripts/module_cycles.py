#!/usr/bin/env python3
"""No crate has an import cycle between its modules (README.md, "How the pieces fit").

Reads every crate's src/ (and xtask's): each `crate::`, `super::` and `self::` path and each
`use` in code outside `#[cfg(test)]` and comments, resolved through `pub use` re-exports to the
module that defines the name, then reduced to the two sibling modules under their common parent
(a parent and its own child are the facade and do not count). Prints each crate's count of
edges and every cycle with its edges; exits 1 when there is one.
Usage: python3 scripts/module_cycles.py [REPO]   (run by `cargo xtask test`)"""
import os, re, sys, collections
def strip_tests(s):
    i = s.find("#[cfg(test)]")
    s = s if i < 0 else s[:i]
    s = re.sub(r"//[^\n]*", "", s)  # comments (doc links are not imports)
    return s
def modpath(rel):
    p = rel[:-3].split("/")
    if p[-1] in ("lib", "main"): p = p[:-1]
    if p and p[-1] == "mod": p = p[:-1]
    return tuple(p)
def crate(src):
    files = {}
    for dp, _, fn in os.walk(src):
        for f in fn:
            if f.endswith(".rs"):
                rel = os.path.relpath(os.path.join(dp, f), src)
                if rel.split("/")[-1] in ("tests.rs",) or "/bin/" in "/" + rel: continue
                files[modpath(rel)] = strip_tests(open(os.path.join(dp, f)).read())
    # re-exports: (module, name) -> module path it comes from
    reexp = {}
    def expand(prefix, body):
        out = []
        for it in split_top(body):
            it = it.strip()
            if not it: continue
            m = re.match(r"([\w:]*?)(\w+)::\{(.*)\}$", it, re.S)
            if m:
                out += expand(prefix + m.group(1).split("::")[:-1] + [m.group(2)] if m.group(1) else prefix + [m.group(2)], m.group(3))
                continue
            it = it.split(" as ")[0].strip()
            out.append(prefix + it.split("::"))
        return out
    def split_top(s):
        out, d, cur = [], 0, ""
        for ch in s:
            d += ch == "{"; d -= ch == "}"
            if ch == "," and d == 0: out.append(cur); cur = ""
            else: cur += ch
        out.append(cur); return out
    uses = collections.defaultdict(list)  # module -> list of raw paths (list of segments)
    for mod, s in files.items():
        for m in re.finditer(r"\b(pub(?:\([\w: ]+\))?\s+)?use\s+([^;]+);", s):
            is_pub = bool(m.group(1))
            for p in expand([], m.group(2).replace("\n", " ")):
                p = [x for x in p if x]
                uses[mod].append(p)
                if is_pub and p[-1] != "self" and p[-1] != "*":
                    reexp[(mod, p[-1])] = (mod, p)
        for m in re.finditer(r"\b((?:crate|super|self)(?:::\w+)+)", s):
            uses[mod].append(m.group(1).split("::"))
    mods = set(files)
    def absolute(mod, p):
        if p[0] == "crate": base, rest = (), p[1:]
        elif p[0] in ("super", "self"):
            base = list(mod)
            rest = list(p)
            while rest and rest[0] in ("super", "self"):
                if rest[0] == "super": base = base[:-1]
                rest = rest[1:]
            base = tuple(base)
        elif (mod + (p[0],)) in mods: base, rest = mod, p
        else: return None
        return base, list(rest)
    def resolve(mod, p, depth=0):
        a = absolute(mod, p)
        if a is None or depth > 20: return None
        base, rest = a
        cur = base
        while rest and cur + (rest[0],) in mods:
            cur = cur + (rest[0],); rest = rest[1:]
        if rest and (cur, rest[0]) in reexp:
            m2, p2 = reexp[(cur, rest[0])]
            r = resolve(m2, p2, depth + 1)
            return r if r is not None else cur
        return cur
    edges = set()
    for mod, ps in uses.items():
        for p in ps:
            t = resolve(mod, p)
            if t is None or t == mod: continue
            k = 0
            while k < min(len(mod), len(t)) and mod[k] == t[k]: k += 1
            if k == len(mod) or k == len(t): continue  # parent/child
            edges.add((mod[:k + 1], t[:k + 1]))
    return edges
def sccs(edges):
    g = collections.defaultdict(set)
    for a, b in edges: g[a].add(b)
    idx, low, st, on, out, n = {}, {}, [], set(), [], [0]
    def v(x):
        idx[x] = low[x] = n[0]; n[0] += 1; st.append(x); on.add(x)
        for y in g[x]:
            if y not in idx: v(y); low[x] = min(low[x], low[y])
            elif y in on: low[x] = min(low[x], idx[y])
        if low[x] == idx[x]:
            c = []
            while True:
                y = st.pop(); on.discard(y); c.append(y)
                if y == x: break
            if len(c) > 1: out.append(c)
    sys.setrecursionlimit(10000)
    for x in list(g): 
        if x not in idx: v(x)
    return out
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
bad = 0
for c in sorted(os.listdir(os.path.join(root, "crates"))) + ["../xtask"]:
    src = os.path.normpath(os.path.join(root, "crates", c, "src"))
    if not os.path.isdir(src): continue
    e = crate(src)
    cyc = sccs(e)
    print(f"{os.path.basename(os.path.dirname(src))}: {len(e)} edges between sibling modules, {len(cyc)} cycles")
    for cy in cyc:
        bad += 1
        print("  CYCLE:", " <-> ".join("::".join(m) for m in cy))
        for a, b in sorted(e):
            if a in cy and b in cy: print("    ", "::".join(a), "->", "::".join(b))
sys.exit(1 if bad else 0)

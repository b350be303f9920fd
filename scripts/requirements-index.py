#!/usr/bin/env python3
"""Regenerates the "where" parts of docs/requirements.md from the code.

The requirement IDs of the specification (LK-1, TF-3, ...) are cited in code comments,
tests and commits. This script greps Sources/, Tests/, torture/ and bench/ for each ID of
the index (ranges such as "TF-1..TF-6" count for every ID they span), finds the Swift
declaration each citation belongs to (the function or type it documents, or the one it
sits in) and rewrites, for every ID, the lines between its "<!-- where ID -->" and
"<!-- /where -->" markers, and the summary table between "<!-- summary -->" and
"<!-- /summary -->". The one-line meanings are written by hand and kept as they are.

    python3 scripts/requirements-index.py          # rewrite docs/requirements.md
    python3 scripts/requirements-index.py --check  # exit 1 if the file is not up to date

Standard library only; run from anywhere inside the repository.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INDEX = os.path.join(ROOT, "docs", "requirements.md")
SEARCHED = ["Sources", "Tests", "torture", "bench"]
SKIPPED_FILES = {"Sources/MonbanCommonPasswords/CommonPasswords.swift"}  # a generated word list
TEXT_ENDINGS = (".swift", ".c", ".h", ".py", ".sh", ".md", ".modulemap")

ID_RE = re.compile(r"\b([A-Z]{2})-(\d+)\b")
RANGE_RE = re.compile(r"\b([A-Z]{2})-(\d+)\.\.(?:([A-Z]{2})-)?(\d+)\b")
ENTRY_RE = re.compile(r"^### ([A-Z]{2}-\d+)\b")
MODIFIERS = (r"(?:(?:@\w+(?:\([^)]*\))?|public|private|fileprivate|internal|package|static|final|"
             r"override|mutating|nonmutating|nonisolated|convenience|required|lazy|indirect|"
             r"dynamic|weak|unowned|class)\s+)*")
DECL_RE = re.compile(r"^(\s*)" + MODIFIERS +
                     r"(func|init|deinit|subscript|var|let|case|struct|enum|class|extension|actor|protocol|typealias)\b"
                     r"\s*([A-Za-z_][\w.]*)?")
TYPE_KINDS = {"struct", "enum", "class", "extension", "actor", "protocol"}
MEMBER_KINDS = {"func", "init", "deinit", "subscript", "var", "let", "case", "typealias"}


def indent(line):
    return len(line) - len(line.lstrip(" \t"))


def is_comment(line):
    s = line.strip()
    return s.startswith("//") or s.startswith("/*") or s.startswith("*")


def decl(line):
    """(kind, name, indent) if the line declares something, else None."""
    m = DECL_RE.match(line)
    if not m:
        return None
    kind, name = m.group(2), m.group(3) or m.group(2)
    if kind == "case" and (name.startswith(".") or line.rstrip().endswith(":")):
        return None  # a switch case, not an enum case
    return kind, name.split("(")[0], len(m.group(1))


def enclosing_types(lines, i, below):
    """Names of the types around line i whose indentation is below `below`."""
    names = []
    for j in range(i, -1, -1):
        d = decl(lines[j])
        if d and d[0] in TYPE_KINDS and d[2] < below:
            names.insert(0, d[1])
            below = d[2]
            if below == 0:
                break
    return names


def symbol_at(lines, j, d):
    kind, name, ind = d
    types = enclosing_types(lines, j - 1, ind)
    if kind in TYPE_KINDS:
        return ".".join(types + [name])
    if kind == "init":
        name = "init"
    return ".".join(types + [name]) if types else name


def enclosing_member(lines, i):
    """The innermost function, property or type the code at line i sits in."""
    below = indent(lines[i]) if lines[i].strip() else 10**6
    for j in range(i - 1, -1, -1):
        d = decl(lines[j])
        if d and d[2] < below and (d[0] in TYPE_KINDS or d[0] in ("func", "init", "var", "subscript")):
            return symbol_at(lines, j, d)
    return None


def documented_decl(lines, i):
    """For a comment at line i: the declaration right after its comment block, if any."""
    ind = indent(lines[i])
    plain = not lines[i].strip().startswith("///")
    for j in range(i + 1, min(len(lines), i + 40)):
        s = lines[j].strip()
        if not s:
            return None
        if plain and s.startswith("///"):
            return None  # a section heading above a documented declaration, not its documentation
        if is_comment(lines[j]) or (s.startswith("@") and decl(lines[j]) is None):
            continue
        d = decl(lines[j])
        if d and d[2] == ind:
            return symbol_at(lines, j, d)
        return None
    return None


def mark_section(lines, i):
    """For a `// MARK:` line: the test functions below it, up to the next MARK."""
    ind = indent(lines[i])
    names = []
    for j in range(i + 1, len(lines)):
        s = lines[j].strip()
        if s.startswith("// MARK") and indent(lines[j]) <= ind:
            break
        d = decl(lines[j])
        if d and d[2] < ind and d[0] in TYPE_KINDS:
            break
        if d and d[0] == "func" and d[2] == ind:
            names.append(symbol_at(lines, j, d))
    return names


def where_in_swift(lines, i):
    line = lines[i]
    if line.strip().startswith("// MARK"):
        found = mark_section(lines, i)
        if found:
            return found
    if is_comment(line):
        documented = documented_decl(lines, i)
        if documented:
            return [documented]
    own = decl(line)
    if own:
        return [symbol_at(lines, i, own)]
    member = enclosing_member(lines, i)
    return [member] if member else []


def cited_ids(line):
    ids = set(f"{p}-{n}" for p, n in ID_RE.findall(line))
    for p, a, p2, b in RANGE_RE.findall(line):
        if p2 and p2 != p:
            continue
        for n in range(int(a), int(b) + 1):
            ids.add(f"{p}-{n}")
    return ids


PREFIXES = re.compile(r"^(CT|LG|TF|LK|PW|PP|TK|MC|EM|PC|LA|US|AU|UI|TM|NT|RL|ST|PK|AC)-\d+$")


def scan(known):
    """{id: {"Sources"|"Tests"|...: {path: [symbols in order]}}}; warns of cited IDs the index lacks."""
    found = {rid: {} for rid in known}
    strangers = {}
    for top in SEARCHED:
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                path = os.path.join(folder, f)
                rel = os.path.relpath(path, ROOT)
                if rel in SKIPPED_FILES or not f.endswith(TEXT_ENDINGS):
                    continue
                if top == "bench" and f in ("README.md", "RESULTS.md"):
                    continue
                try:
                    with open(path, encoding="utf-8") as fh:
                        lines = fh.read().split("\n")
                except (UnicodeDecodeError, OSError):
                    continue
                for i, line in enumerate(lines):
                    cited = cited_ids(line)
                    for rid in cited - known:
                        if PREFIXES.match(rid):
                            strangers.setdefault(rid, f"{rel}:{i + 1}")
                    ids = cited & known
                    if not ids:
                        continue
                    symbols = where_in_swift(lines, i) if f.endswith(".swift") else []
                    for rid in ids:
                        kind = "torture" if top == "torture" else top
                        entry = found[rid].setdefault(kind, {}).setdefault(rel, [])
                        for s in symbols:
                            if s not in entry:
                                entry.append(s)
    for rid, where in sorted(strangers.items()):
        print(f"warning: {rid} is cited ({where}) but has no entry in docs/requirements.md", file=sys.stderr)
    return found


def format_places(places, limit=12):
    out = []
    for rel in sorted(places):
        symbols = places[rel]
        shown = ", ".join(f"`{s}`" for s in symbols[:limit])
        if len(symbols) > limit:
            shown += f" and {len(symbols) - limit} more"
        out.append(f"  - [`{rel}`](../{rel})" + (f": {shown}" if shown else ""))
    return out


def where_block(hits):
    lines = []
    enforced = hits.get("Sources", {})
    tested = dict(hits.get("Tests", {}))
    tested.update(hits.get("torture", {}))
    measured = hits.get("bench", {})
    if not enforced and not tested and not measured:
        return ["- Not cited in code, tests or benchmarks."]
    lines.append("- Enforced in:" if enforced else "- Enforced in: not cited in Sources/.")
    lines += format_places(enforced)
    lines.append("- Tested in:" if tested else "- Tested in: not cited in Tests/ or torture/.")
    lines += format_places(tested)
    if measured:
        lines.append("- Measured in:")
        lines += format_places(measured)
    return lines


def regenerate(text):
    entries = []  # (id, meaning)
    rows = text.split("\n")
    for k, row in enumerate(rows):
        m = ENTRY_RE.match(row)
        if m:
            meaning = ""
            for nxt in rows[k + 1:k + 4]:
                if nxt.strip() and not nxt.startswith("<!--"):
                    meaning = nxt.strip()
                    break
            entries.append((m.group(1), meaning))
    known = {rid for rid, _ in entries}
    found = scan(known)

    out, skipping = [], False
    for row in rows:
        if skipping:
            if row.strip() in ("<!-- /where -->", "<!-- /summary -->"):
                out.append(row)
                skipping = False
            continue
        out.append(row)
        m = re.match(r"^<!-- where ([A-Z]{2}-\d+) -->$", row.strip())
        if m:
            out += where_block(found[m.group(1)])
            skipping = True
        elif row.strip() == "<!-- summary -->":
            out.append("| ID | meaning | code files | test files |")
            out.append("|---|---|---|---|")
            for rid, meaning in entries:
                hits = found[rid]
                code = len(hits.get("Sources", {}))
                tests = len(hits.get("Tests", {})) + len(hits.get("torture", {}))
                anchor = rid.lower()
                short = meaning if len(meaning) <= 90 else meaning[:87].rstrip() + "..."
                out.append(f"| [{rid}](#{anchor}) | {short} | {code or 'not cited'} | {tests or 'not cited'} |")
            skipping = True
    return "\n".join(out)


def main():
    check = "--check" in sys.argv[1:]
    with open(INDEX, encoding="utf-8") as fh:
        old = fh.read()
    new = regenerate(old)
    if check:
        if new != old:
            print("docs/requirements.md is out of date: run python3 scripts/requirements-index.py", file=sys.stderr)
            return 1
        return 0
    if new != old:
        with open(INDEX, "w", encoding="utf-8") as fh:
            fh.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Check bible/, brown/, mixed/: non-empty UTF-8 plain text, labels cover every file exactly,
no leftover verse references or part-of-speech tags; print counts."""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ok = True


def fail(msg):
    global ok
    ok = False
    print("FAIL", msg)


def check(name):
    d = os.path.join(HERE, name)
    labels = json.load(open(os.path.join(d, "labels.json"), encoding="utf-8"))["files"]
    txt = sorted(f for f in os.listdir(d) if f.endswith(".txt"))
    other = sorted(f for f in os.listdir(d) if not f.endswith(".txt") and f not in ("labels.json", "SOURCE.md"))
    if other:
        fail("%s: unexpected files %s" % (name, other))
    if set(txt) != set(labels):
        fail("%s: files without label %s, labels without file %s"
             % (name, sorted(set(txt) - set(labels)), sorted(set(labels) - set(txt))))
    for f in txt:
        raw = open(os.path.join(d, f), "rb").read()
        try:
            t = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            fail("%s/%s: not UTF-8 (%s)" % (name, f, e))
            continue
        if not t.strip():
            fail("%s/%s: empty" % (name, f))
        if re.search(r"[\x00-\x08\x0b-\x1f\x7f\ufeff\r]", t):
            fail("%s/%s: control characters" % (name, f))
        src = labels.get(f, {}).get("source", "")
        if name == "bible" or src.startswith("bible/"):
            if re.search(r"\b\d+:\d+\b|engWEB|\b[0-9]?[A-Z][a-z]+\d+:\d+", t):
                fail("%s/%s: verse reference left in text" % (name, f))
        if name == "brown" or src.startswith("brown/"):
            toks = t.split()
            slashed = sum(1 for x in toks if "/" in x)
            if slashed > 0.02 * len(toks):
                fail("%s/%s: %d of %d words have a slash: tags left?" % (name, f, slashed, len(toks)))
            if "``" in t or "''" in t:
                fail("%s/%s: raw quote marks left" % (name, f))
    stories = collections.Counter(v["story"] for v in labels.values())
    pairs = sum(n * (n - 1) // 2 for n in stories.values())
    multi = sum(1 for n in stories.values() if n > 1)
    print("%-6s %4d documents, %4d stories (%d told more than once), %3d same-story pairs"
          % (name, len(txt), len(stories), multi, pairs))
    return labels


for n in ("bible", "brown", "mixed"):
    check(n)
print("OK" if ok else "PROBLEMS FOUND")
sys.exit(0 if ok else 1)

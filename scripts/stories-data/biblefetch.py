"""Fetch verse ranges from the World English Bible (SWORD module via diatheke)
and from the King James Bible (Debian bible-kjv, command `bible`), and turn
them into plain prose without verse numbers.

Neither source carries paragraph marks (the WEB SWORD module has only
<w> and end-of-verse line milestones; bible-kjv has none), so paragraphs are
made by a fixed, deterministic rule: a new paragraph at each chapter change,
and otherwise after at least MIN_VERSES verses, at the first verse end that
closes a sentence outside any open double quotation.
"""
import re
import subprocess

WEB_MODULE = "engWEB2015eb"
MIN_VERSES = 5

# diatheke prints e.g. "II Samuel 24:1: text" ; "Psalms 23:1: text"
WEB_VERSE = re.compile(r"^\s*((?:I{1,3} )?[A-Z][A-Za-z]+(?: of [A-Z][a-z]+| [A-Z][a-z]+)*) (\d+):(\d+): ?(.*)$")
# bible prints e.g. "1Chr21:1 text"
KJV_VERSE = re.compile(r"^(\d?[A-Z][A-Za-z]*)(\d+):(\d+) (.*)$")


def web_verses(ref):
    """Return list of (chapter, verse, text) for a diatheke key like '1 Chronicles 21:1-30'."""
    out = subprocess.run(["diatheke", "-b", WEB_MODULE, "-f", "plain", "-k", ref],
                         check=True, capture_output=True, text=True).stdout
    verses = []
    for line in out.splitlines():
        if line.strip() == "(%s)" % WEB_MODULE:
            continue
        m = WEB_VERSE.match(line)
        if m:
            verses.append([int(m.group(2)), int(m.group(3)), m.group(4)])
        elif line.strip():
            if not verses:
                raise ValueError("text before first verse in %r: %r" % (ref, line))
            verses[-1][2] += " " + line.strip()
    if not verses:
        raise ValueError("no verses for %r" % ref)
    # The module sometimes has two words with no space between them (<w>talents</w><w>of</w>,
    # where a footnote was dropped); the plain filter then prints "talentsof". Put the space back.
    osis = subprocess.run(["diatheke", "-b", WEB_MODULE, "-f", "OSIS", "-k", ref],
                          check=True, capture_output=True, text=True).stdout
    joins = set(re.findall(r"(\w+)</w><w[^>]*>(\w+)", osis))
    fixed = []
    for c, v, t in verses:
        t = re.sub(r"\s+", " ", t).strip()
        for a, b in joins:
            t = re.sub(r"\b%s%s\b" % (a, b), a + " " + b, t)
        fixed.append((c, v, t))
    return fixed


def kjv_verses(ref):
    """ref like '1Chr21:1-30' (bible-kjv syntax)."""
    out = subprocess.run(["bible", "-f", ref], check=True, capture_output=True,
                         text=True).stdout
    verses = []
    for line in out.splitlines():
        m = KJV_VERSE.match(line)
        if m:
            verses.append([int(m.group(2)), int(m.group(3)), m.group(4)])
        elif line.strip():
            verses[-1][2] += " " + line.strip()
    if not verses:
        raise ValueError("no verses for %r" % ref)
    return [(c, v, re.sub(r"\s+", " ", t).strip()) for c, v, t in verses]


def to_prose(verses):
    paras, cur = [], []
    depth = 0
    last_ch = None
    for ch, v, t in verses:
        if last_ch is not None and ch != last_ch and cur:
            paras.append(cur)
            cur = []
            depth = 0
        last_ch = ch
        cur.append(t)
        opens = t.count("\u201c")
        # WEB re-opens a quotation that runs on into a new paragraph without closing it first
        if depth > 0 and t.startswith("\u201c"):
            opens -= 1
        depth += opens - t.count("\u201d")
        if depth < 0:
            depth = 0
        if len(cur) >= MIN_VERSES and depth == 0 and re.search(r"[.!?][\u201d\u2019)]*$", t):
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return "\n\n".join(" ".join(p) for p in paras) + "\n"


def fetch(source, refs):
    """source 'WEB' or 'KJV'; refs a list of range keys in that tool's syntax."""
    verses = []
    for r in refs:
        verses += (web_verses if source == "WEB" else kjv_verses)(r)
    return verses

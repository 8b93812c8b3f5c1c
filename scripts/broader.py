"""Make data/broader.tsv from WordNet 3.0: for each noun or verb, the nouns or verbs one
step more general, keyed by the terms rashomon's analyzer makes of the words.

Two accounts of one event often name a thing at different levels of detail: `the
aqueduct` / `the conduit`, `the Lord` / `God`. WordNet says an aqueduct is a kind of
conduit (a hypernym) and the Lord an instance of God (an instance hypernym). Comparison
(src/compare/senses.rs, `Broader`) counts a word and the word one step more general as the
same thing told with more or less detail, not as a difference. Only one step: two kinds of
one thing (`silver` / `gold`, `barley` / `lentils`) are a difference. Verbs likewise: to
slay is a way to kill, to smite a way to strike, to rear (a building) a way to build, which
two translations of one text swap for one another.

Each line is an analyzed term and the terms of the single-word lemmas of its senses'
direct hypernyms and instance hypernyms (nouns' for a noun, verbs' for a verb),
space-separated. Input: Debian's `wordnet-base` (/usr/share/wordnet); words become terms
through rashomon's own analyzer (`scripts/terms.py`, run from the repository's root).
Licence: WORDNET-LICENSE beside it.

    python3 scripts/broader.py /usr/share/wordnet data
"""

import os
import sys

import wordnet
from terms import analyzed


def synsets_of(folder, part, pos):
    """Each synset of a part of speech: (offset, single-word lemmas in lower case,
    hypernym offsets)."""
    for offset, _, words, pointers in wordnet.synsets(folder, part):
        up = [o for symbol, o, p, _ in pointers if symbol in ("@", "@i") and p == pos]
        yield (pos, offset), [w for w in words if w.isalpha()], [(pos, o) for o in up]


def main(folder, data):
    synsets = {
        key: (words, up)
        for part, pos in (("noun", "n"), ("verb", "v"))
        for key, words, up in synsets_of(folder, part, pos)
    }
    words = {w for ws, _ in synsets.values() for w in ws}
    term = analyzed(words)
    broader = {}
    for ws, up in synsets.values():
        general = {term[w] for o in up for w in synsets[o][0]} - {""}
        for w in ws:
            t = term[w]
            if t:
                broader.setdefault(t, set()).update(general - {t})
    with open(os.path.join(data, "broader.tsv"), "w") as f:
        for t in sorted(broader):
            if broader[t]:
                f.write(t + "\t" + " ".join(sorted(broader[t])) + "\n")
    pairs = sum(len(b) for b in broader.values())
    print(f"{len(broader)} terms, {pairs} broader terms", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

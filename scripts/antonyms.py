"""Make data/antonyms.tsv from WordNet 3.0: for each word, the words WordNet gives as its
antonyms, keyed by the terms rashomon's analyzer makes of the words.

Word vectors put a word near its opposite (`left` / `right`, `day` / `night`: each pair is
used in the same contexts), so closeness alone would take `sat at his right hand` / `sat at
his left hand` for the same thing said in other words. WordNet marks such pairs (its
antonym pointers, `!`, which join words of one part of speech), and comparison
(src/compare/senses.rs, `Opposites`) counts two opposites as a contradiction, never as a
paraphrase. Verbs of possession and of motion are left out: their opposites are mostly one
event told from its other side (`buy` / `sell`, `lend` / `borrow`, `come` / `go`), which
two accounts do without differing (`to buy your threshing floor` / `sell me the place`);
other opposite verbs contradict (`win` / `lose`, `accept` / `reject`, `succeed` / `fail`).
An adjective's comparative and superlative are opposed as it is (`older` / `younger`,
`eldest` / `youngest`), from WordNet's irregular forms (adj.exc) and the regular endings.

Each line is an analyzed term and the terms of its antonyms, space-separated; pairs whose
two words make one term are left out. Input: Debian's `wordnet-base` (/usr/share/wordnet);
words become terms through rashomon's own analyzer (`scripts/terms.py`, run from the
repository's root). Licence: WORDNET-LICENSE beside it.

    python3 scripts/antonyms.py /usr/share/wordnet data
"""

import os
import re
import sys

import wordnet
from terms import analyzed

PARTS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
# WordNet's lexicographer files of verbs whose opposites are one event's two sides (see
# above): verb.motion and verb.possession.
CONVERSE_VERBS = {38, 40}


def synsets(folder, part):
    """Each synset of a part of speech: offset -> (lemmas in lower case, antonym pointers
    as (source word number, target offset, target word number), lexicographer file)."""
    out = {}
    for offset, lexfile, words, pointers in wordnet.synsets(folder, part):
        opposite = [
            (int(numbers[:2], 16), target, int(numbers[2:], 16))
            for symbol, target, pos, numbers in pointers
            if symbol == "!" and PARTS[pos] == part
        ]
        out[offset] = (words, opposite, lexfile)
    return out


def degrees(folder, adjective):
    """An adjective's comparative and superlative, from WordNet's irregular forms
    (`eldest` is `old`'s) and the regular endings (`young`: `younger`, `youngest`;
    `large`: `larger`; `big`: `bigger`; `happy`: `happier`)."""
    irregular = {}
    with open(os.path.join(folder, "adj.exc"), encoding="latin-1") as f:
        for line in f:
            form, lemma = line.split()[:2]
            irregular.setdefault(lemma, []).append(form)
    forms = [(f, None) for f in irregular.get(adjective, []) if f.endswith("er")]
    forms += [(None, f) for f in irregular.get(adjective, []) if f.endswith("est")]
    # Only short adjectives take the endings (one syllable, or two ending in -y: `happy`);
    # others say `more` and `most`.
    syllables = len(re.findall("[aeiouy]+", adjective.rstrip("e") or adjective))
    if not (syllables == 1 or (syllables == 2 and adjective.endswith("y"))):
        return forms
    stem = adjective
    if adjective.endswith("e"):
        stem = adjective[:-1]
    elif adjective.endswith("y"):
        stem = adjective[:-1] + "i"
    elif len(adjective) > 2 and adjective[-1] not in "aeiouwy" and adjective[-2] in "aeiou" and adjective[-3] not in "aeiou":
        stem = adjective + adjective[-1]
    return forms + [(stem + "er", stem + "est")]


def main(folder, data):
    pairs = set()
    for part in ["adj", "adv", "noun", "verb"]:
        table = synsets(folder, part)
        for words, opposite, lexfile in table.values():
            if part == "verb" and lexfile in CONVERSE_VERBS:
                continue
            for source, offset, target in opposite:
                if source and target and offset in table:
                    a, b = words[source - 1], table[offset][0][target - 1]
                    pairs.add((a, b))
                    if part == "adj":
                        for degree in (0, 1):
                            for x in degrees(folder, a):
                                for y in degrees(folder, b):
                                    if x[degree] and y[degree]:
                                        pairs.add((x[degree], y[degree]))
    pairs = {(a, b) for a, b in pairs if a.isalpha() and b.isalpha()}
    term = analyzed({w for pair in pairs for w in pair})
    antonyms = {}
    for a, b in pairs:
        ta, tb = term[a], term[b]
        if ta and tb and ta != tb:
            antonyms.setdefault(ta, set()).add(tb)
            antonyms.setdefault(tb, set()).add(ta)
    with open(os.path.join(data, "antonyms.tsv"), "w") as f:
        for t in sorted(antonyms):
            f.write(t + "\t" + " ".join(sorted(antonyms[t])) + "\n")
    count = sum(len(b) for b in antonyms.values()) // 2
    print(f"{len(antonyms)} terms, {count} pairs of opposites", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Make data/antonyms.tsv from WordNet 3.0: for each word, the words WordNet gives as its
antonyms, keyed by the terms rashomon's analyzer makes of the words.

Word vectors put a word near its opposite (`left` / `right`, `day` / `night`: each pair is
used in the same contexts), so closeness alone would take `sat at his right hand` / `sat at
his left hand` for the same thing said in other words. WordNet marks such pairs (its
antonym pointers, `!`, which join words of one part of speech), and comparison
(src/compare/senses.rs, `Opposites`) counts two opposites as a contradiction, never as a
paraphrase. Only nouns, adjectives and adverbs: WordNet's opposite verbs are mostly one
event told from its other side (`buy` / `sell`, `give` / `take`, `come` / `go`), which two
accounts do without differing (`to buy your threshing floor` / `sell me the place`).

Each line is an analyzed term and the terms of its antonyms, space-separated; pairs whose
two words make one term are left out. Input: Debian's `wordnet-base` (/usr/share/wordnet);
words become terms through rashomon's own analyzer (`scripts/terms.py`, run from the
repository's root). Licence: WORDNET-LICENSE beside it.

    python3 scripts/antonyms.py /usr/share/wordnet data
"""

import os
import sys

from terms import analyzed

PARTS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
# The parts of speech whose opposites are read (see above).
READ = ["adj", "adv", "noun"]


def synsets(folder, part):
    """Each synset of a part of speech: offset -> (lemmas in lower case, antonym pointers
    as (source word number, target offset, target word number))."""
    out = {}
    with open(os.path.join(folder, "data." + part), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue  # the licence header
            fields = line.split()
            count = int(fields[3], 16)
            # Adjectives carry a position marker: "galore(ip)".
            words = [w.split("(")[0].lower() for w in fields[4 : 4 + 2 * count : 2]]
            at = 4 + 2 * count
            pointers = int(fields[at])
            opposite = []
            for p in range(pointers):
                symbol, offset, pos, numbers = fields[at + 1 + 4 * p : at + 5 + 4 * p]
                if symbol == "!" and PARTS[pos] == part:
                    opposite.append((int(numbers[:2], 16), offset, int(numbers[2:], 16)))
            out[fields[0]] = (words, opposite)
    return out


def main(folder, data):
    pairs = set()
    for part in READ:
        table = synsets(folder, part)
        for words, opposite in table.values():
            for source, offset, target in opposite:
                if source and target and offset in table:
                    pairs.add((words[source - 1], table[offset][0][target - 1]))
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

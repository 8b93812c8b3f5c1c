"""Reading WordNet 3.0's data files (Debian's `wordnet-base`, /usr/share/wordnet), for the
scripts that build the tables of data/ from it (synonyms.py, broader.py, antonyms.py).
"""

import os


def synsets(folder, part):
    """Yield each synset of `part` ("noun", "verb", "adj" or "adv") as (offset,
    lexicographer file number, lemmas in lower case, pointers). Adjectives' position markers
    are left off (`galore(ip)` is `galore`); each pointer is (symbol, target offset, target
    part of speech, source and target word numbers as four hex digits)."""
    with open(os.path.join(folder, "data." + part), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue  # the licence header
            fields = line.split()
            count = int(fields[3], 16)
            words = [w.split("(")[0].lower() for w in fields[4 : 4 + 2 * count : 2]]
            at = 4 + 2 * count
            pointers = [
                tuple(fields[at + 1 + 4 * p : at + 5 + 4 * p]) for p in range(int(fields[at]))
            ]
            yield fields[0], int(fields[1]), words, pointers

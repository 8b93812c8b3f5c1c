"""Make data/synonyms.tsv and data/familiarity.tsv from WordNet 3.0, keyed by the terms
rashomon's analyzer makes of the words.

Comparison (src/compare/senses.rs) asks whether two differing words can mean the same
thing (`trouble` / `bother`, `wept` / `cried`), which word vectors alone cannot tell from
words of one kind that differ (`silver` / `gold`). WordNet groups words into synsets, sets
of words that share one sense. Each line of the output is an analyzed term (the term
src/analysis.rs makes of a single-word lemma) and the ids of the synsets it belongs to,
renumbered from 0 (WordNet's licence goes to WORDNET-LICENSE beside it); only synsets with
two or more distinct terms are kept, since a synset of one term makes no pair, and only
senses in use (`familiar_senses`: `shot` and `stab` share only a sense SemCor never tags).

data/familiarity.tsv says how common a word is in ordinary English: each line is a term
and how often its senses were tagged in the SemCor corpus (WordNet's cntlist.rev), summed
over the lemmas that analyze to it; an irregular form (`told`) counts as its lemma
(`tell`). Comparison (src/compare/senses.rs) uses it to tell the words a paraphrase swaps
(`see`, `make`, `now`, `however`) from the specifics accounts differ on (`census`,
`bathtub`). Terms never tagged are left out.

Input: Debian's `wordnet-base` (WordNet 3.0, /usr/share/wordnet). The words become terms
through rashomon's own analyzer (`scripts/terms.py`: cargo, run from the repository's root),
so that `death` and `dead` count as `die`, and `paid` as `pay`, as the index has them.

    python3 scripts/synonyms.py /usr/share/wordnet data
"""

import os
import sys

import wordnet
from terms import analyzed

# Each WordNet word's term, filled in by `main` ("" for a stop word).
TERMS = {}


def term(word):
    return TERMS.get(word, "")


def words_of(folder):
    """Every word the tables below look up: lemmas, irregular forms, tagged lemmas."""
    out = set()
    for part in ["noun", "verb", "adj", "adv"]:
        with open(os.path.join(folder, "index." + part), encoding="latin-1") as f:
            out.update(line.split()[0] for line in f if not line.startswith("  "))
        with open(os.path.join(folder, part + ".exc"), encoding="latin-1") as f:
            for line in f:
                out.update(line.split()[:2])
    for words in synsets(folder):
        out.update(words)
    with open(os.path.join(folder, "cntlist.rev"), encoding="latin-1") as f:
        out.update(line.split()[0].split("%")[0] for line in f)
    out.update(w[:-3] + "men" for w in list(out) if w.endswith("man"))
    return sorted(w for w in out if w.isalpha())


def synsets(folder, familiar=None):
    """Yield each synset's single-word lemmas, lower case. With `familiar` (see
    `familiar_senses`), only the lemmas for which the synset is a sense in use."""
    for part in ["noun", "verb", "adj", "adv"]:
        for offset, _, words, _ in wordnet.synsets(folder, part):
            words = [w for w in words if w.isalpha()]
            if familiar is None or familiar(words, part, offset):
                yield words


def familiar_senses(folder):
    """Whether a synset is a sense of a lemma in use: SemCor tags the lemma with it at
    least once, or never tags the lemma in that part of speech (a rare word keeps all its
    senses). WordNet lists rare senses beside common ones (`stab` and `shot` share only
    "an attempt", which SemCor never tags for either), and two words that share only such
    a sense are no paraphrase of each other in a story (`shoots` / `stabs`)."""
    order = {}  # (lemma, part) -> synset offsets, sense 1 first
    for part in ["noun", "verb", "adj", "adv"]:
        with open(os.path.join(folder, "index." + part), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                senses = int(fields[2])
                order[(fields[0], part)] = fields[len(fields) - senses :]
    parts = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}
    tagged = {}  # (lemma, part) -> offsets tagged at least once
    with open(os.path.join(folder, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, number, count = line.split()
            lemma, rest = key.split("%")
            part = parts[rest[0]]
            offsets = order.get((lemma, part), [])
            chosen = tagged.setdefault((lemma, part), set())
            if int(count) > 0 and int(number) <= len(offsets):
                chosen.add(offsets[int(number) - 1])

    def familiar(lemmas, part, offset):
        chosen = [tagged.get((lemma, part)) for lemma in lemmas]
        return any(c and offset in c for c in chosen) or not any(chosen)

    return familiar


def licence(folder):
    """WordNet's licence, as the header of its data files states it."""
    lines = []
    with open(os.path.join(folder, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                break
            lines.append(line.split(" ", 3)[-1].rstrip() if line.split()[1:] else "")
    return "\n".join(lines).strip() + "\n"


def familiarity(folder):
    """Per analyzed term, the SemCor tag count of the lemmas (and irregular forms) that
    analyze to it."""
    by_lemma = {}
    with open(os.path.join(folder, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _, count = line.split()
            lemma = key.split("%")[0]
            if lemma.isalpha():
                by_lemma[lemma] = by_lemma.get(lemma, 0) + int(count)
    terms = {}
    for lemma, count in by_lemma.items():
        stem = term(lemma)
        if stem:
            terms[stem] = terms.get(stem, 0) + count
    for part in ["noun", "verb", "adj", "adv"]:
        with open(os.path.join(folder, part + ".exc"), encoding="latin-1") as f:
            for line in f:
                form, lemma = line.split()[:2]
                stem = term(form)
                if stem and lemma in by_lemma and stem != term(lemma):
                    terms[stem] = max(terms.get(stem, 0), by_lemma[lemma])
    return {t: c for t, c in terms.items() if c > 0}


def kinds(folder):
    """Per analyzed term, the WordNet lexicographer file (its supersense: 15 noun.location,
    18 noun.person, 06 noun.artifact, 29-42 the verbs...) of the senses it is most often
    tagged with in SemCor, summed over the lemmas that analyze to it; a lemma never tagged
    counts its first sense once. Ties go to the lower number (nouns before verbs)."""
    votes = {}

    def vote(lemma, lexfile, count):
        stem = term(lemma)
        if not stem:
            return
        per = votes.setdefault(stem, {})
        per[lexfile] = per.get(lexfile, 0) + count

    tagged = set()
    men = []
    with open(os.path.join(folder, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _, count = line.split()
            lemma, rest = key.split("%")
            if lemma.isalpha() and int(count) > 0:
                vote(lemma, int(rest.split(":")[1]), int(count))
                tagged.add(lemma)
    for part in ["noun", "verb", "adj", "adv"]:
        lexfile_at = {}
        with open(os.path.join(folder, "data." + part), encoding="latin-1") as f:
            for line in f:
                if not line.startswith("  "):
                    fields = line.split(" ", 2)
                    lexfile_at[fields[0]] = int(fields[1])
        with open(os.path.join(folder, "index." + part), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma = fields[0]
                if lemma.isalpha() and lemma not in tagged:
                    synsets = int(fields[2])
                    # Half a tag: a sense seen once in SemCor outweighs it.
                    vote(lemma, lexfile_at[fields[-synsets]], 0.5)
                if part == "noun" and lemma.isalpha() and lemma.endswith("man"):
                    men.append(lemma)
    kind = {t: min(per, key=lambda k: (-per[k], k)) for t, per in votes.items()}
    # An irregular form (`footmen`, `children`) is of its lemma's kind.
    for part in ["noun", "verb", "adj", "adv"]:
        with open(os.path.join(folder, part + ".exc"), encoding="latin-1") as f:
            for line in f:
                form, lemma = line.split()[:2]
                stem, of = term(form), term(lemma)
                if stem and stem not in kind and of in kind:
                    kind[stem] = kind[of]
    # WordNet forms the plural of `horseman` by rule, not in noun.exc.
    for lemma in men:
        if term(lemma) in kind and term(lemma[:-3] + "men"):
            kind.setdefault(term(lemma[:-3] + "men"), kind[term(lemma)])
    return kind


def main(folder, data):
    TERMS.update(analyzed(words_of(folder)))
    with open(os.path.join(data, "WORDNET-LICENSE"), "w") as f:
        f.write(licence(folder))
    counts = familiarity(folder)
    with open(os.path.join(data, "familiarity.tsv"), "w") as f:
        for t in sorted(counts):
            f.write(f"{t}\t{counts[t]}\n")
    print(f"{len(counts)} terms with a SemCor count", file=sys.stderr)
    out = os.path.join(data, "synonyms.tsv")
    terms = {}
    kept = 0
    for words in synsets(folder, familiar_senses(folder)):
        stems = sorted({term(w) for w in words} - {""})
        if len(stems) < 2:
            continue
        for s in stems:
            terms.setdefault(s, []).append(kept)
        kept += 1
    with open(out, "w") as f:
        for t in sorted(terms):
            f.write(t + "\t" + " ".join(map(str, terms[t])) + "\n")
    print(f"{len(terms)} terms in {kept} synsets", file=sys.stderr)
    kind = kinds(folder)
    with open(os.path.join(data, "kinds.tsv"), "w") as f:
        for t in sorted(kind):
            f.write(f"{t}\t{kind[t]}\n")
    print(f"{len(kind)} terms with a kind", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

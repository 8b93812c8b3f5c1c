"""Make data/related.tsv: for each analyzed term of an everyday English word, the terms of
the words nearest to it in meaning, with their similarity.

Search uses it so that a question may find a passage that answers it in other words
(`guns`: "illegal firearms"; `die`: "his death", "killed"), ranked below passages holding
the question's own words (src/search/plan.rs, `RELATED_WEIGHT`; src/compare/senses.rs,
`Related`).

The words are WordNet 3.0's single-word lemmas that SemCor tags at least once (its
cntlist.rev), the everyday vocabulary a question is written in. Each word's vector is the
one comparison gives it (src/compare/meaning.rs, `Meaning::vector`): the mean of its
WordPiece pieces' rows in data/meaning/model.safetensors, at unit length. A term (the
Snowball English stem of a word) takes the vector of its most tagged word. The words are
then turned into the terms rashomon's own analyzer makes of them (`cargo run --example
terms`, through `scripts/terms.py`), which also joins irregular forms the stem alone does
not (`death`, `dead` to `die`): terms that several words make pool their related terms. Each line is a term and up
to `NEIGHBOURS` other terms whose cosine with one of its words is at least
`MIN_SIMILARITY`, best first, as `term:similarity`. WordNet antonyms
(`live` for `die`, `win` for `lose`) are left out, since words of opposite meaning often
sit close in such tables.

Input: Debian's `wordnet-base` (/usr/share/wordnet). Needs numpy and snowballstemmer (pip),
and cargo (run from the repository's root).

    python3 scripts/related.py /usr/share/wordnet data
"""

import json
import os
import struct
import sys

import numpy as np
import snowballstemmer

from terms import analyzed

STEM = snowballstemmer.stemmer("english")

# Cosine at or above which a word counts as related: `guns` / `firearms` 0.84,
# `die` / `death` 0.66, `weapon` / `knife` 0.50 (left out), `die` / `live` 0.49.
MIN_SIMILARITY = 0.55
# Related terms kept per term, at most.
NEIGHBOURS = 8


def table(data):
    """The word-vector table: (WordPiece vocabulary, rows as float32)."""
    with open(os.path.join(data, "meaning", "model.safetensors"), "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + n])
    start, end = header["embeddings"]["data_offsets"]
    rows = np.frombuffer(raw[8 + n + start : 8 + n + end], dtype=np.int8)
    rows = rows.reshape(header["embeddings"]["shape"]).astype(np.float32)
    with open(os.path.join(data, "meaning", "tokenizer.json"), encoding="utf-8") as f:
        vocab = json.load(f)["model"]["vocab"]
    return vocab, rows


def pieces(vocab, word):
    """The rows of `word`'s WordPiece pieces, longest match first (as Meaning::pieces)."""
    out, rest = [], word
    while rest:
        for end in range(len(rest), 0, -1):
            piece = ("##" if len(rest) < len(word) else "") + rest[:end]
            if piece in vocab:
                out.append(vocab[piece])
                rest = rest[end:]
                break
        else:
            return None
    return out


def tagged(folder):
    """Single-word lemmas SemCor tags, with their tag counts."""
    counts = {}
    with open(os.path.join(folder, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _, count = line.split()
            lemma = key.split("%")[0]
            if lemma.isalpha() and int(count) > 0:
                counts[lemma] = counts.get(lemma, 0) + int(count)
    return counts


def antonyms(folder):
    """Pairs of terms WordNet calls antonyms in some sense."""
    pairs = set()
    for part in ["noun", "verb", "adj", "adv"]:
        words_at = {}
        pointers = []
        with open(os.path.join(folder, "data." + part), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                offset, count = fields[0], int(fields[3], 16)
                words = [w.split("(")[0].lower() for w in fields[4 : 4 + 2 * count : 2]]
                words_at[offset] = words
                at = 4 + 2 * count
                for i in range(int(fields[at])):
                    symbol, target, _, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                    if symbol == "!":
                        pointers.append((offset, target, source_target))
        for offset, target, st in pointers:
            source, other = int(st[:2], 16), int(st[2:], 16)
            a = words_at[offset][source - 1] if source else None
            b = words_at.get(target, [None] * 99)[other - 1] if other else None
            if a and b and a.isalpha() and b.isalpha():
                x, y = STEM.stemWord(a), STEM.stemWord(b)
                pairs.add((x, y))
                pairs.add((y, x))
    return pairs


def derived(a, b):
    """Whether one word is the other with more letters (`dead` / `deadlock`, `gun` /
    `gunman`): such words share their first piece, which makes them look close whatever
    they mean, and the stemmer already joins the forms that are one word."""
    return a.startswith(b) or b.startswith(a)


def main(folder, data):
    vocab, rows = table(data)
    counts = tagged(folder)
    # Each term's most tagged word stands for it.
    best = {}
    for lemma, count in counts.items():
        stem = STEM.stemWord(lemma)
        if stem not in best or count > best[stem][1]:
            best[stem] = (lemma, count)
    terms, words, vectors = [], [], []
    for stem in sorted(best):
        found = pieces(vocab, best[stem][0])
        # A word of several pieces looks like any word sharing its first piece
        # (`exhort` / `exhume` 0.72): only words the model has whole are compared.
        if not found or len(found) > 1:
            continue
        v = rows[found].mean(axis=0)
        norm = np.linalg.norm(v)
        if norm > 0:
            terms.append(stem)
            words.append(best[stem][0])
            vectors.append(v / norm)
    m = np.stack(vectors)
    opposite = antonyms(folder)
    lines = []
    for start in range(0, len(terms), 2048):
        sims = m[start : start + 2048] @ m.T
        for k, row in enumerate(sims):
            i = start + k
            order = np.argsort(-row)[: NEIGHBOURS + 8]
            near = [
                (words[j], row[j])
                for j in order
                if j != i
                and row[j] >= MIN_SIMILARITY
                and (terms[i], terms[j]) not in opposite
                and not derived(words[i], words[j])
            ][:NEIGHBOURS]
            if near:
                lines.append((words[i], near))
    term = analyzed(w for word, near in lines for w in [word] + [n for n, _ in near])
    by_term = {}
    for word, near in lines:
        key = term[word]
        if not key:
            continue
        pooled = by_term.setdefault(key, {})
        for other, cos in near:
            t = term[other]
            if t and t != key:
                pooled[t] = max(pooled.get(t, 0.0), float(cos))
    with open(os.path.join(data, "related.tsv"), "w", encoding="utf-8") as f:
        for key in sorted(by_term):
            near = sorted(by_term[key].items(), key=lambda e: (-e[1], e[0]))
            if near:
                f.write(key + "\t" + " ".join(f"{t}:{c:.2f}" for t, c in near) + "\n")
    print(f"{len(by_term)} terms have related terms", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""Makes data/background.tsv: how common each English word is, in a text nobody here wrote.

Story grouping (src/compare/stories.rs) asks how specific a word is to one story; in a
small folder the folder itself cannot tell, so this table stands in for "English at large".

Source: the npm package nlp-corpus 4.4.0 (MIT; 100,000 sentences: film reviews, messages,
forum posts, lyrics, transcripts, speeches, old prose). Its sentences are cut, in file
order, into pseudo-documents of 50 sentences; a word's figure is the number of
pseudo-documents it occurs in. Words in fewer than 2 are left out (the reader treats an
absent word as rarer than any listed one).

The table is keyed by the terms rashomon's own analyzer makes of the words
(`scripts/terms.py`), so that reading it at every ingest analyzes nothing: a term's figure
is that of its most common word (`films` 7 and `film` 5 make `film` 7). Run it from the
repository's root, after any change to the analyzer:

    npm pack nlp-corpus@4.4.0 && tar xzf nlp-corpus-4.4.0.tgz
    python3 scripts/background.py package/builds > data/background.tsv
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

from terms import all_terms

SENTENCES_PER_DOC = 50
MIN_DF = 2
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def main(builds: Path) -> None:
    files = sorted(builds.glob("doc-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    sentences = [s for f in files for s in json.loads(f.read_text(encoding="utf-8"))]
    df = Counter()
    docs = 0
    for i in range(0, len(sentences), SENTENCES_PER_DOC):
        chunk = " ".join(sentences[i : i + SENTENCES_PER_DOC]).lower()
        df.update(set(WORD.findall(chunk)))
        docs += 1
    kept = {w: n for w, n in df.items() if n >= MIN_DF and not w.isdigit()}
    by_term = Counter()
    for word, terms in all_terms(kept).items():
        for term in terms:
            by_term[term] = max(by_term[term], kept[word])
    out = sys.stdout
    out.write(f"# nlp-corpus 4.4.0 (MIT), {len(sentences)} sentences; terms; documents\t{docs}\n")
    for term, n in sorted(by_term.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{term}\t{n}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

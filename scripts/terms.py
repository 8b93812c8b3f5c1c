"""The terms rashomon's analyzer makes of words, for the scripts that build the tables of
data/ keyed by term (synonyms, familiarity, kinds, related words).

Each table is looked up with the terms of the one analyzer (src/analysis.rs): Snowball
English stems, and also its own irregular forms (`death`, `dead` and `died` are all `die`;
`paid` is `pay`), which a stemmer alone does not join. So the words are put through the
analyzer itself, `cargo run --example terms` (run from the repository's root).
"""

import subprocess


def _run(words, *flags):
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "terms", "--", *flags],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    lines = run.stdout.split("\n")[: len(words)]
    assert len(lines) == len(words), "the analyzer answered every word"
    return lines


def analyzed(words):
    """Each of `words` with its term ("" for a stop word, or a word that makes no single
    term)."""
    words = sorted(set(words))
    return dict(zip(words, _run(words)))


def all_terms(words):
    """Each of `words` with every term the analyzer makes of it, stop words included (a
    word such as `o'clock` may make two)."""
    words = sorted(set(words))
    return {w: line.split() for w, line in zip(words, _run(words, "--all"))}

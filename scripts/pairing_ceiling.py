"""How often does a sentence model put a labelled counterpart first? A ceiling for alignment.

For each pair of labelled words in tests/fixtures/differences/*/labels.json (paired
differences and paraphrases), finds the sentence of account a and of account b holding them,
and ranks b's sentence among all of b's sentences by cosine to a's (and a's among a's, the
worse of the two ranks kept). Two encoders are compared:
- "model": all-MiniLM-L6-v2 itself, run per sentence (the numpy forward pass of
  scripts/distill.py), which is too slow for ingest (about 20 sentences a second in Rust);
- "table": the mean of the distilled table's vectors (data/meaning/) over the sentence's
  WordPiece pieces, unweighted: what the model gives once it is made static.
Prints, per set and label kind, the share of pairs ranked first and in the top 3.

    python3 scripts/pairing_ceiling.py PATH/TO/sentence-transformers__all-MiniLM-L6-v2

Needs numpy, scipy, safetensors and tokenizers (pip); about a minute on two cores.
Sentences are split here by punctuation, close to but not exactly rashomon's claims.
"""

import glob
import json
import os
import re
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

sys.path.insert(0, os.path.dirname(__file__))
from distill import forward  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")


def sentences(text):
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        out += [s for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", para) if len(s) > 3]
    return out


def holding(claims, words):
    words = " ".join(words.split())
    return next((i for i, c in enumerate(claims) if words in c), None)


def main(model_dir):
    weights = load_file(os.path.join(model_dir, "model.safetensors"))
    weights = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
    tokenizer = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = load_file(os.path.join(ROOT, "data/meaning/model.safetensors"))["embeddings"]
    table = table.astype(np.float32)

    def unit(v):
        return v / (np.linalg.norm(v) + 1e-9)

    encoders = {
        "model": lambda s: unit(forward(weights, np.array([tokenizer.encode(s).ids[:256]]))[0]),
        "table": lambda s: unit(table[tokenizer.encode(s, add_special_tokens=False).ids].mean(0)),
    }
    ranks = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/differences/*/labels.json"))):
        name = path.split("/")[-2]
        for work in json.load(open(path))["works"]:
            texts = []
            for doc in work["documents"]:
                p = os.path.join(os.path.dirname(path), doc)
                if not os.path.exists(p):
                    p = os.path.join(ROOT, "corpus", doc)
                texts.append(sentences(open(p).read()))
            a, b = texts
            for encoder, encode in encoders.items():
                sim = np.stack([encode(s) for s in a]) @ np.stack([encode(s) for s in b]).T
                for kind in ("differences", "not_differences"):
                    for label in work[kind]:
                        if not label.get("a") or not label.get("b"):
                            continue
                        i, j = holding(a, label["a"]), holding(b, label["b"])
                        if i is None or j is None:
                            continue
                        rank = max((sim[i] > sim[i, j]).sum(), (sim[:, j] > sim[i, j]).sum()) + 1
                        ranks.setdefault((name, kind, encoder), []).append(rank)
    for (name, kind, encoder), r in sorted(ranks.items()):
        r = np.array(r)
        print(f"{name:26} {kind:16} {encoder:6} n={len(r):3} first {np.mean(r == 1):.2f} top 3 {np.mean(r <= 3):.2f}")


if __name__ == "__main__":
    main(sys.argv[1])

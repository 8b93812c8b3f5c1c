#!/usr/bin/env python3
"""Flattens a generated corpus (one folder per work) into one folder, with labels.

    python3 scripts/flatten.py GENERATED OUT

Each `WORK/ACCOUNT.txt` becomes `OUT/WORK-ACCOUNT.txt`, and `OUT/labels.json` says which
work each came from (the story it tells), for scripts/stories_eval.py.
"""
import json
import os
import shutil
import sys


def main(src: str, out: str) -> None:
    os.makedirs(out, exist_ok=True)
    files = {}
    for work in sorted(os.listdir(src)):
        folder = os.path.join(src, work)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            flat = f"{work}-{name}"
            shutil.copy(os.path.join(folder, name), os.path.join(out, flat))
            files[flat] = {"story": work}
    json.dump({"files": files}, open(os.path.join(out, "labels.json"), "w"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

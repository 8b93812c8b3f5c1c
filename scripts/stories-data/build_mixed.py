#!/usr/bin/env python3
"""Build /work/stories-data/mixed/ from bible/, brown/ and the two film recaps in shared/corpus.

    python3 scripts/build_mixed.py [CORPUS_DIR]     (default /work/shared/corpus)

Run build_bible.py and build_brown.py first.
- all bible/ files;
- 100 brown/ files: random.Random(BROWN_SEED).sample(sorted ids, 100);
- the two recaps of Netflix's "Ballerina" (2023) in CORPUS_DIR, copied byte for byte.
Names m001.txt ... are given in the order random.Random(NAME_SEED).shuffle(...).
"""
import json
import os
import random
import shutil
import sys

BROWN_SEED = 1961   # the Brown corpus texts were printed in 1961
NAME_SEED = 20240612
N_BROWN = 100
FILMS = ["000_8bf98b6dfac8ce34.txt", "003_224a62d9c3892ef0.txt"]
FILM_STORY = "film-ballerina-2023"

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus"
    out = os.path.join(HERE, "mixed")
    os.makedirs(out, exist_ok=True)
    for fn in os.listdir(out):
        if fn.endswith(".txt"):
            os.remove(os.path.join(out, fn))

    items = []  # (path, story, source)
    bl = json.load(open(os.path.join(HERE, "bible", "labels.json")))["files"]
    for fn in sorted(bl):
        items.append((os.path.join(HERE, "bible", fn), bl[fn]["story"],
                      "bible/%s: %s" % (fn, bl[fn]["source"])))
    br = json.load(open(os.path.join(HERE, "brown", "labels.json")))["files"]
    chosen = sorted(random.Random(BROWN_SEED).sample(sorted(br), N_BROWN))
    for fn in chosen:
        items.append((os.path.join(HERE, "brown", fn), br[fn]["story"],
                      "brown/%s: %s" % (fn, br[fn]["source"])))
    for fn in FILMS:
        items.append((os.path.join(corpus, fn), FILM_STORY,
                      "shared/corpus/%s: recap of the film Ballerina (Netflix, 2023)" % fn))

    random.Random(NAME_SEED).shuffle(items)
    files = {}
    width = max(3, len(str(len(items))))
    for n, (path, story, source) in enumerate(items, 1):
        name = "m%0*d.txt" % (width, n)
        shutil.copyfile(path, os.path.join(out, name))
        files[name] = {"story": story, "source": source}
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"files": files}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote %d files (%d bible, %d brown, %d film); brown chosen: %s"
          % (len(files), len(bl), len(chosen), len(FILMS), " ".join(c[:-4] for c in chosen)))


if __name__ == "__main__":
    main()

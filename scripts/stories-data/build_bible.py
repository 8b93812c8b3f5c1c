#!/usr/bin/env python3
"""Build /work/stories-data/bible/: one file per account, opaque shuffled names,
and bible/labels.json.

    python3 scripts/build_bible.py            # write bible/
    python3 scripts/build_bible.py --dump DIR # write each account with verse numbers, for reading

Needs Debian packages: diatheke sword-text-web bible-kjv bible-kjv-text.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import biblefetch as bf  # noqa: E402

SEED = 20240611  # shuffles the file names

# (story, source, [ranges], human-readable reference)
# WEB ranges use diatheke keys, KJV ranges use bible-kjv keys.
ACCOUNTS = [
    # ---- events told in both Samuel-Kings and Chronicles (and some a third time) ----
    ("death-of-saul", "WEB", ["1 Samuel 31:1-13"], "1 Samuel 31:1-13"),
    ("death-of-saul", "WEB", ["1 Chronicles 10:1-14"], "1 Chronicles 10:1-14"),

    ("david-king-takes-jerusalem", "WEB", ["2 Samuel 5:1-10"], "2 Samuel 5:1-10"),
    ("david-king-takes-jerusalem", "WEB", ["1 Chronicles 11:1-9"], "1 Chronicles 11:1-9"),

    ("ark-uzzah", "WEB", ["2 Samuel 6:1-11"], "2 Samuel 6:1-11"),
    ("ark-uzzah", "WEB", ["1 Chronicles 13:1-14"], "1 Chronicles 13:1-14"),

    ("nathan-oracle-davids-house", "WEB", ["2 Samuel 7:1-29"], "2 Samuel 7:1-29"),
    ("nathan-oracle-davids-house", "WEB", ["1 Chronicles 17:1-27"], "1 Chronicles 17:1-27"),

    ("hanun-ammonite-war", "WEB", ["2 Samuel 10:1-19"], "2 Samuel 10:1-19"),
    ("hanun-ammonite-war", "WEB", ["1 Chronicles 19:1-19"], "1 Chronicles 19:1-19"),

    ("davids-census", "WEB", ["2 Samuel 24:1-25"], "2 Samuel 24:1-25"),
    ("davids-census", "WEB", ["1 Chronicles 21:1-30"], "1 Chronicles 21:1-30"),
    ("davids-census", "KJV", ["1Chr21:1-30"], "1 Chronicles 21:1-30"),

    ("solomon-dream-gibeon", "WEB", ["1 Kings 3:4-15"], "1 Kings 3:4-15"),
    ("solomon-dream-gibeon", "WEB", ["2 Chronicles 1:2-13"], "2 Chronicles 1:2-13"),
    ("solomon-dream-gibeon", "KJV", ["1Ki3:4-15"], "1 Kings 3:4-15"),

    ("temple-dedication-ark-cloud", "WEB", ["1 Kings 8:1-21"], "1 Kings 8:1-21"),
    ("temple-dedication-ark-cloud", "WEB", ["2 Chronicles 5:2-6:11"], "2 Chronicles 5:2-6:11"),

    ("solomon-second-vision", "WEB", ["1 Kings 9:1-9"], "1 Kings 9:1-9"),
    ("solomon-second-vision", "WEB", ["2 Chronicles 7:11-22"], "2 Chronicles 7:11-22"),

    ("queen-of-sheba", "WEB", ["1 Kings 10:1-13"], "1 Kings 10:1-13"),
    ("queen-of-sheba", "WEB", ["2 Chronicles 9:1-12"], "2 Chronicles 9:1-12"),
    ("queen-of-sheba", "KJV", ["2Chr9:1-12"], "2 Chronicles 9:1-12"),

    ("rehoboam-kingdom-divided", "WEB", ["1 Kings 12:1-24"], "1 Kings 12:1-24"),
    ("rehoboam-kingdom-divided", "WEB", ["2 Chronicles 10:1-11:4"], "2 Chronicles 10:1-11:4"),

    ("ramoth-gilead-micaiah", "WEB", ["1 Kings 22:1-38"], "1 Kings 22:1-38"),
    ("ramoth-gilead-micaiah", "WEB", ["2 Chronicles 18:1-34"], "2 Chronicles 18:1-34"),
    ("ramoth-gilead-micaiah", "KJV", ["1Ki22:1-38"], "1 Kings 22:1-38"),

    ("athaliah-joash", "WEB", ["2 Kings 11:1-20"], "2 Kings 11:1-20"),
    ("athaliah-joash", "WEB", ["2 Chronicles 22:10-23:21"], "2 Chronicles 22:10-23:21"),
    ("athaliah-joash", "KJV", ["2Ki11:1-20"], "2 Kings 11:1-20"),

    ("hezekiah-sennacherib", "WEB", ["2 Kings 18:13-19:37"], "2 Kings 18:13-19:37"),
    ("hezekiah-sennacherib", "WEB", ["2 Chronicles 32:1-23"], "2 Chronicles 32:1-23"),
    ("hezekiah-sennacherib", "WEB", ["Isaiah 36:1-37:38"], "Isaiah 36:1-37:38"),

    ("josiah-book-of-law", "WEB", ["2 Kings 22:3-23:3"], "2 Kings 22:3-23:3"),
    ("josiah-book-of-law", "WEB", ["2 Chronicles 34:8-33"], "2 Chronicles 34:8-33"),

    ("fall-of-jerusalem", "WEB", ["2 Kings 24:18-25:21"], "2 Kings 24:18-25:21"),
    ("fall-of-jerusalem", "WEB", ["2 Chronicles 36:11-21"], "2 Chronicles 36:11-21"),
    ("fall-of-jerusalem", "WEB", ["Jeremiah 52:1-27"], "Jeremiah 52:1-27"),

    # ---- events told once (hard negatives: same names and places) ----
    ("gideon-three-hundred", "WEB", ["Judges 7:1-25"], "Judges 7:1-25"),
    ("samson-delilah", "WEB", ["Judges 16:4-31"], "Judges 16:4-31"),
    ("ruth-boaz-redeems", "WEB", ["Ruth 4:1-22"], "Ruth 4:1-22"),
    ("call-of-samuel", "WEB", ["1 Samuel 3:1-21"], "1 Samuel 3:1-21"),
    ("ark-captured-eli-dies", "WEB", ["1 Samuel 4:1-22"], "1 Samuel 4:1-22"),
    ("ark-returned-by-philistines", "WEB", ["1 Samuel 6:1-7:2"], "1 Samuel 6:1-7:2"),
    ("samuel-anoints-david", "WEB", ["1 Samuel 16:1-13"], "1 Samuel 16:1-13"),
    ("david-goliath", "WEB", ["1 Samuel 17:1-54"], "1 Samuel 17:1-54"),
    ("saul-medium-endor", "WEB", ["1 Samuel 28:3-25"], "1 Samuel 28:3-25"),
    ("david-bathsheba-uriah", "WEB", ["2 Samuel 11:1-27"], "2 Samuel 11:1-27"),
    ("solomon-judgment-two-women", "WEB", ["1 Kings 3:16-28"], "1 Kings 3:16-28"),
    ("elijah-mount-carmel", "WEB", ["1 Kings 18:17-40"], "1 Kings 18:17-40"),
    ("naboths-vineyard", "WEB", ["1 Kings 21:1-29"], "1 Kings 21:1-29"),
    ("elisha-shunammite-son", "WEB", ["2 Kings 4:8-37"], "2 Kings 4:8-37"),
    ("naaman-healed", "WEB", ["2 Kings 5:1-27"], "2 Kings 5:1-27"),
    ("fall-of-samaria", "WEB", ["2 Kings 17:1-23"], "2 Kings 17:1-23"),
    # two singles in KJV English only, so that old English alone is no cue
    ("deborah-barak-jael", "KJV", ["Judg4:1-24"], "Judges 4:1-24"),
    ("elijah-taken-up", "KJV", ["2Ki2:1-18"], "2 Kings 2:1-18"),
]


def render(source, ranges):
    parts = [bf.to_prose(bf.fetch(source, [r])) for r in ranges]
    return "\n".join(parts)


def dump(outdir):
    os.makedirs(outdir, exist_ok=True)
    for i, (story, source, ranges, ref) in enumerate(ACCOUNTS):
        with open(os.path.join(outdir, "%02d_%s_%s.txt" % (i, story, source)), "w") as f:
            for r in ranges:
                for c, v, t in bf.fetch(source, [r]):
                    f.write("%d:%d %s\n" % (c, v, t))


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--dump":
        dump(sys.argv[2])
        return
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outdir = os.path.join(here, "bible")
    os.makedirs(outdir, exist_ok=True)
    for fn in os.listdir(outdir):
        if fn.endswith(".txt"):
            os.remove(os.path.join(outdir, fn))
    order = list(range(len(ACCOUNTS)))
    random.Random(SEED).shuffle(order)
    files = {}
    for n, idx in enumerate(order, 1):
        story, source, ranges, ref = ACCOUNTS[idx]
        name = "b%02d.txt" % n
        text = render(source, ranges)
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
        files[name] = {"story": story, "source": "%s (%s)" % (ref, source)}
    with open(os.path.join(outdir, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"files": dict(sorted(files.items()))}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote %d files, %d stories" % (len(files), len({v["story"] for v in files.values()})))


if __name__ == "__main__":
    main()

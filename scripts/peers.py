#!/usr/bin/env python3
"""Times rashomon against SQLite FTS5 (sqlite3 CLI, tokenizer 'porter unicode61', bm25 with
snippet) and ripgrep (rg -i -n) on the same corpus and queries, whole process, and prints
medians and ratios. The floor is a Rust binary that does nothing (`fn main() {}`, built
here with `rustc -O`); `rashomon --version`, which only parses its arguments, is shown too.

    python3 scripts/peers.py [--corpus corpus] [--runs 30] [QUERY ...]

Needs a release build (cargo build --release; `--bin` names another binary) and the sqlite3 CLI; ripgrep is used when
installed (apt-get install ripgrep). Ingest is also timed against plain tantivy indexing the
same paragraphs when `examples/tantivy_peer.rs` is built (cargo build --release --example
tantivy_peer). Commands are timed with `hyperfine -N` when it is
installed (apt-get install hyperfine), which adds no shell and little overhead; otherwise
with Python's subprocess, which adds about 1 ms to every command and so pulls every ratio
towards 1. Nothing here is part of the test suite.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


RASHOMON = os.path.join(ROOT, "target", "release", "rashomon")
TANTIVY_PEER = os.path.join(ROOT, "target", "release", "examples", "tantivy_peer")


def timed(cmd, runs, **kw):
    """Median and min wall time of `runs` runs of `cmd`, in ms, after warm-up runs. Exit
    code 1 (nothing found, for rashomon and rg) is an answer; anything above it stops here."""
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw).returncode
    if code not in (0, 1):
        sys.exit(f"{subprocess.list2cmdline(cmd)} exited {code}")
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                ["hyperfine", "-N", "--ignore-failure", "--warmup", "5", "--runs", str(runs), "--export-json", out.name,
                 "--", subprocess.list2cmdline(cmd)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, **kw)
            times = json.load(open(out.name))["results"][0]["times"]
        return statistics.median(times) * 1000, min(times) * 1000
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kw)
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), min(samples)


def do_nothing_binary(work):
    """A Rust program that does nothing, built with rustc -O; None if rustc is missing."""
    src = os.path.join(work, "noop.rs")
    exe = os.path.join(work, "noop")
    with open(src, "w") as f:
        f.write("fn main() {}\n")
    if shutil.which("rustc") and subprocess.run(["rustc", "-O", src, "-o", exe]).returncode == 0:
        return exe
    return None


def paragraphs(corpus):
    for dirpath, _, files in os.walk(corpus):
        for name in sorted(files):
            if name.endswith((".txt", ".md")):
                path = os.path.join(dirpath, name)
                text = open(path, encoding="utf-8", errors="replace").read()
                for block in text.split("\n\n"):
                    if block.strip():
                        yield os.path.relpath(path, corpus), block.strip()


def sql_quote(s):
    return "'" + s.replace("'", "''") + "'"


def fts_query(q):
    """The same words as an FTS5 query: each word quoted, OR-ed, like rashomon's default."""
    words = [w.strip('"') for w in q.split() if w.strip('"')]
    if q.startswith('"') and q.endswith('"'):
        return '"' + " ".join(words) + '"'
    return " OR ".join('"' + w.replace('"', "") + '"' for w in words)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "corpus"))
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--bin", default=None, help="the rashomon binary to time (default: target/release/rashomon)")
    ap.add_argument("queries", nargs="*", default=["choi", "chef choi", '"pool of blood"', "bathtub"])
    args = ap.parse_args()
    global RASHOMON
    RASHOMON = args.bin or RASHOMON
    if not os.path.exists(RASHOMON):
        sys.exit("build first: cargo build --release")
    if not shutil.which("sqlite3"):
        sys.exit("needs the sqlite3 CLI")
    rg = shutil.which("rg")
    work = tempfile.mkdtemp(prefix="peers-")
    index = os.path.join(work, "index")
    db = os.path.join(work, "fts.db")
    sql = os.path.join(work, "load.sql")
    with open(sql, "w", encoding="utf-8") as f:
        f.write("CREATE VIRTUAL TABLE units USING fts5(doc UNINDEXED, text, tokenize='porter unicode61');\nBEGIN;\n")
        for doc, text in paragraphs(args.corpus):
            f.write(f"INSERT INTO units VALUES ({sql_quote(doc)}, {sql_quote(text)});\n")
        f.write("COMMIT;\n")

    def ingest_rashomon():
        shutil.rmtree(index, ignore_errors=True)
        subprocess.run([RASHOMON, "--index", index, "ingest", args.corpus], stdout=subprocess.DEVNULL, check=True)

    def ingest_sqlite():
        if os.path.exists(db):
            os.remove(db)
        subprocess.run(["sqlite3", db, f".read {sql}"], check=True)

    peer_index = os.path.join(work, "tantivy")

    def ingest_tantivy():
        shutil.rmtree(peer_index, ignore_errors=True)
        subprocess.run([TANTIVY_PEER, args.corpus, peer_index], check=True)

    ingests = [("rashomon ingest", ingest_rashomon), ("sqlite3 FTS5 load", ingest_sqlite)]
    if os.path.exists(TANTIVY_PEER):
        ingests.append(("plain tantivy, same paragraphs", ingest_tantivy))
    print(f"corpus {args.corpus}, {args.runs} runs each, whole process, median (min) ms")
    # Ingests alternate, round by round, so that a slow spell of the machine hits each alike.
    runs = max(3, args.runs // 10)
    samples = {name: [] for name, _ in ingests}
    for _ in range(runs):
        for name, fn in ingests:
            t = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - t) * 1000)
    ours = statistics.median(samples["rashomon ingest"])
    for name, _ in ingests:
        took = statistics.median(samples[name])
        print(f"  {name:30} {took:9.2f} ms  (rashomon {ours / took:.2f}x)")
    if not os.path.exists(TANTIVY_PEER):
        print("  (plain tantivy not timed: cargo build --release --example tantivy_peer)")

    def folder_bytes(folder):
        return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)

    raw = folder_bytes(args.corpus)
    sizes = f"  index size: rashomon {folder_bytes(index) / raw:.2f}x raw text, sqlite {os.path.getsize(db) / raw:.2f}x"
    if os.path.exists(peer_index):
        sizes += f", plain tantivy {folder_bytes(peer_index) / raw:.2f}x"
    print(sizes)

    print(f"  timed with {'hyperfine -N' if shutil.which('hyperfine') else 'python subprocess'}")
    version, _ = timed([RASHOMON, "--version"], args.runs)
    noop_exe = do_nothing_binary(work)
    noop = timed([noop_exe], args.runs)[0] if noop_exe else version
    print(f"  {'rust binary doing nothing':28} {noop:9.2f} ms" + ("" if noop_exe else " (rustc missing: rashomon --version)"))
    print(f"  {'rashomon --version':28} {version:9.2f} ms")
    for q in args.queries:
        r, rmin = timed([RASHOMON, "--index", index, "search", "--color", "never", "--", q], args.runs)
        select = f"SELECT doc, snippet(units, 1, '[', ']', '…', 12) FROM units WHERE units MATCH {sql_quote(fts_query(q))} ORDER BY bm25(units) LIMIT 10;"
        s, smin = timed(["sqlite3", db, select], args.runs)
        line = f"  {q!r:28} rashomon {r:7.2f} ({rmin:.2f})  sqlite3 {s:7.2f} ({smin:.2f})"
        ratios = f"  ratios: {r / s:.2f}x sqlite3, {r / noop:.2f}x nothing"
        if rg:
            g, gmin = timed([rg, "-i", "-n", q.strip('"'), args.corpus], args.runs)
            line += f"  rg {g:7.2f} ({gmin:.2f})"
            ratios += f", {r / g:.2f}x rg"
        print(line + ratios)
    if not rg:
        print("  (ripgrep not installed: apt-get install ripgrep)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()

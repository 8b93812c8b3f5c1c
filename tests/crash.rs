//! Crash safety: `rashomon ingest` killed with SIGKILL at pseudo-random points, many times.
//! After every kill the index verifies, searches answer, and the document count is that of
//! a whole commit (before or after that ingest, never in between). The next ingest succeeds.

mod common;

use std::time::Duration;

use common::Sandbox;

/// Files added each round, and their size.
const BATCH: usize = 60;
const FILE_BYTES: usize = 40_000;
const ROUNDS: usize = 10;

/// The document count `verify` reports; asserts the index is undamaged.
fn documents(sb: &Sandbox) -> usize {
    let (out, _) = sb.run_ok(&["verify"], 0);
    let first = out.lines().next().unwrap();
    first
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .parse()
        .unwrap()
}

/// Starts `rashomon ingest` and kills it after a pseudo-random delay of `least_ms` plus up
/// to `spread_ms`, drawn from `seed` (a fixed-seed generator, so a failure can be
/// replayed). Returns whether the ingest was still running when killed.
fn ingest_killed(sb: &Sandbox, seed: &mut u64, least_ms: u64, spread_ms: u64) -> bool {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let delay = least_ms + (*seed >> 33) % spread_ms;
    let mut child = sb.cmd(&["ingest"]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(delay));
    let midway = child.try_wait().unwrap().is_none();
    child.kill().ok();
    child.wait().unwrap();
    midway
}

#[test]
fn killed_ingests_leave_whole_commits() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let mut committed = 2;
    let mut seed: u64 = 0x5eed;
    let mut killed_midway = 0;
    for round in 0..ROUNDS {
        sb.write_recaps(&format!("corpus/round{round:02}"), BATCH, FILE_BYTES);
        let on_disk = 2 + BATCH * (round + 1);
        if ingest_killed(&sb, &mut seed, 20, 1200) {
            killed_midway += 1;
        }

        let now = documents(&sb);
        assert!(
            now == committed || now == on_disk,
            "round {round}: {now} documents, expected {committed} or {on_disk}"
        );
        committed = now;
        assert_eq!(
            sb.texts("bathtub", &[]).len(),
            1,
            "round {round}: searches answer"
        );
    }
    // Kills land both before and after commits; make sure the test exercised the former.
    assert!(
        killed_midway >= 3,
        "kills should often land mid-ingest ({killed_midway} did)"
    );
    let out = sb.ingest(&[]);
    assert!(
        out.starts_with(&format!("{} documents", 2 + BATCH * ROUNDS)),
        "{out}"
    );
    // What the killed ingests wrote and never committed is gone.
    assert_one_segment(&sb, ROUNDS);
    assert_eq!(documents(&sb), 2 + BATCH * ROUNDS);
}

/// A first ingest into an empty folder, of a corpus large enough to be written by several
/// segments (over 1 MiB). Killed at any point, it leaves no index, an index with no commit
/// yet, or the whole one, and never something the next plain ingest refuses (such as an
/// index without rashomon's stamp): the next ingest builds it, and a search in the meantime
/// says what to do.
#[test]
fn a_killed_first_ingest_leaves_nothing_the_next_ingest_refuses() {
    let sb = Sandbox::with_shipped_corpus();
    // About 1.4 MB, in files of 40 KB.
    sb.write_recaps("corpus/more", 36, FILE_BYTES);
    let total = 2 + 36;
    // Kills land anywhere within the time a whole first ingest takes on this machine.
    let started = std::time::Instant::now();
    sb.ingest(&[]);
    let whole = started.elapsed().as_millis() as u64;
    let mut seed: u64 = 0xf1257;
    let mut killed_midway = 0;
    for round in 0..8 {
        let _ = std::fs::remove_dir_all(sb.path("index"));
        if ingest_killed(&sb, &mut seed, whole / 20 + 1, whole * 9 / 10 + 1) {
            killed_midway += 1;
        }

        let verified = sb.run(&["verify"]);
        if verified.status.code() == Some(0) {
            assert_eq!(documents(&sb), total, "round {round}: a whole index");
        } else {
            let err = String::from_utf8_lossy(&verified.stderr);
            assert!(
                err.contains("ingest --index index FOLDER") && !err.contains("--rebuild"),
                "round {round}: {err}"
            );
            let (_, err) = sb.run_ok(&["search", "--index", "index", "bathtub"], 2);
            assert!(
                err.contains("ingest --index index FOLDER") && !err.contains("--rebuild"),
                "round {round}: {err}"
            );
        }
        let out = sb.ingest(&[]);
        assert!(
            out.starts_with(&format!("{total} documents")),
            "round {round}: {out}"
        );
        assert_eq!(documents(&sb), total);
        assert_eq!(sb.texts("bathtub", &[]).len(), 1, "round {round}");
        assert_one_segment(&sb, round);
    }
    assert!(
        killed_midway >= 2,
        "kills should often land mid-ingest ({killed_midway} did)"
    );
}

/// The index is one segment, and nothing a killed ingest wrote is left: each kind of
/// segment file (by extension) is there once.
fn assert_one_segment(sb: &Sandbox, round: usize) {
    let mut extensions = std::collections::HashMap::new();
    for entry in std::fs::read_dir(sb.path("index")).unwrap() {
        let path = entry.unwrap().path();
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            *extensions.entry(ext.to_owned()).or_insert(0) += 1;
        }
    }
    for ext in ["idx", "term", "pos", "store", "fast", "fieldnorm"] {
        assert_eq!(extensions.get(ext), Some(&1), "round {round}: .{ext} files");
    }
}

/// Several first searches at once on a large corpus with no index yet: one builds it, the
/// others wait for its commit, and all of them answer; nothing is deleted under anyone.
#[test]
fn concurrent_first_searches_all_answer() {
    let sb = Sandbox::with_shipped_corpus();
    sb.write_recaps("corpus/more", 36, FILE_BYTES);
    let children: Vec<_> = (0..3)
        .map(|_| {
            sb.cmd(&["search", "--json", "bathtub"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("bathtub"));
    }
    assert_eq!(documents(&sb), 2 + 36);
    assert_one_segment(&sb, 0);
}

/// A small file system, mounted for the test; unmounted when dropped. `None` where this
/// process may not mount one (not root, or no such capability).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: std::path::PathBuf, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(&at).ok()?;
        let done = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .output()
            .ok()?;
        done.status.success().then_some(SmallDisk(at))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// An ingest that runs out of disk space fails with the reason, removes what it wrote, and
/// leaves the last commit as it was, so the next small ingest has the room it had before.
#[test]
fn a_full_disk_leaves_nothing_behind() {
    let sb = Sandbox::with_shipped_corpus();
    let Some(disk) = SmallDisk::mount(sb.path("small"), "600k") else {
        eprintln!("skipped: cannot mount a small file system here (needs root)");
        return;
    };
    sb.write_recaps("big", 50, FILE_BYTES);
    let index = disk.0.join("index");
    let index = index.to_str().unwrap();
    sb.run_ok(&["--index", index, "ingest", "corpus"], 0);
    let files = |dir: &str| std::fs::read_dir(dir).unwrap().count();
    let before = files(index);
    let (_, err) = sb.run_ok(&["--index", index, "ingest", "big"], 2);
    assert!(err.contains("No space left"), "{err}");
    assert_eq!(files(index), before, "what the failed ingest wrote is gone");
    sb.write("corpus/extra.txt", b"Ok-ju waits by the harbour.\n");
    let out = sb.run_ok(&["--index", index, "ingest", "corpus"], 0).0;
    assert!(out.starts_with("3 documents"), "{out}");
    sb.run_ok(&["--index", index, "verify"], 0);
}

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
    assert_eq!(documents(&sb), 2 + BATCH * ROUNDS);
}

/// The first ingest into an empty folder builds a small index in one pass and writes
/// `meta.json` last. Killed at any point, it leaves either no index or the whole one, and
/// never something the next ingest refuses (such as an index without rashomon's stamp).
#[test]
fn a_killed_first_ingest_leaves_no_index_or_the_whole_one() {
    let sb = Sandbox::with_shipped_corpus();
    // About 480 KB: still built in one pass, and long enough for kills to land midway.
    sb.write_recaps("corpus/more", 12, FILE_BYTES);
    let total = 2 + 12;
    let mut seed: u64 = 0xf1257;
    let mut killed_midway = 0;
    for round in 0..8 {
        let _ = std::fs::remove_dir_all(sb.path("index"));
        if ingest_killed(&sb, &mut seed, 5, 400) {
            killed_midway += 1;
        }

        if sb.path("index/meta.json").exists() {
            assert_eq!(documents(&sb), total, "round {round}: a whole index");
        } else {
            let (_, err) = sb.run_ok(&["verify"], 2);
            assert!(err.contains("rashomon ingest"), "round {round}: {err}");
        }
        let out = sb.ingest(&[]);
        assert!(
            out.starts_with(&format!("{total} documents")),
            "round {round}: {out}"
        );
        assert_eq!(documents(&sb), total);
        assert_eq!(sb.texts("bathtub", &[]).len(), 1, "round {round}");
    }
    assert!(
        killed_midway >= 2,
        "kills should often land mid-ingest ({killed_midway} did)"
    );
}

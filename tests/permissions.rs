//! Other users and permissions: an index another user built, which this user may read but
//! not write, can be searched and verified; permission errors are named as such, never as
//! "busy" or "damaged"; a folder or file that cannot be read keeps its documents.
//!
//! Permissions do not bind root, so when the tests run as root the binary runs as the
//! unprivileged user `nobody` (through `setpriv`), from a copy readable by everyone.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Sandbox;

/// A sandbox everyone may enter and read, with a copy of the binary everyone may run.
fn shared_sandbox() -> (Sandbox, PathBuf) {
    let sb = Sandbox::with_shipped_corpus();
    let bin = sb.path("rashomon-bin");
    std::fs::copy(common::BIN, &bin).unwrap();
    chmod(&bin, 0o755);
    chmod(sb.dir.path(), 0o755);
    (sb, bin)
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Runs the binary in the sandbox as a user whom permissions bind; returns the exit code,
/// stdout and stderr.
fn run_as_user(sb: &Sandbox, bin: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = if running_as_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .args(args)
        .current_dir(sb.dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("run rashomon");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let code = out.status.code().unwrap_or(-1);
    (code, text(&out.stdout), text(&out.stderr))
}

/// Makes every file of `dir` readable by everyone and the folder itself read-only.
fn read_only_for_others(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        chmod(&entry.unwrap().path(), 0o644);
    }
    chmod(dir, 0o555);
}

#[test]
fn an_index_that_can_only_be_read_is_searched_and_verified() {
    let (sb, bin) = shared_sandbox();
    sb.ingest(&[]);
    // After an incremental ingest too, the index's files get the usual modes.
    sb.write("corpus/extra.txt", b"Ok-ju waits by the harbour.\n");
    sb.ingest(&[]);
    for entry in std::fs::read_dir(sb.path("index")).unwrap() {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "{:?} is {mode:o}: others cannot read it",
            entry.file_name()
        );
    }
    read_only_for_others(&sb.path("index"));

    let (code, out, err) = run_as_user(&sb, &bin, &["--index", "index", "search", "bathtub"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("bathtub"), "{out}");
    let (code, out, err) = run_as_user(&sb, &bin, &["search", "harbour"]);
    assert_eq!(code, 0, "the default index: {err}");
    assert!(out.contains("harbour"), "{out}");
    let (code, out, err) = run_as_user(&sb, &bin, &["--index", "index", "verify"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("ok\n"), "{out}");
    let (code, _, err) = run_as_user(&sb, &bin, &["diff", "--limit", "3"]);
    assert_eq!(code, 0, "{err}");

    // Writing is refused for what it is: no permission, not "busy", and no rebuild advice.
    let (code, _, err) = run_as_user(&sb, &bin, &["ingest"]);
    assert_eq!(code, 2);
    assert!(err.contains("ermission denied"), "{err}");
    assert!(!err.contains("busy") && !err.contains("rebuild"), "{err}");
    chmod(&sb.path("index"), 0o755);
}

/// An index folder this user may not write (with no index in it yet), or that is not a
/// folder, is named as such: never "busy", and never with advice to rebuild.
#[test]
fn an_index_folder_that_cannot_be_written_is_named_as_such() {
    let (sb, bin) = shared_sandbox();
    std::fs::create_dir(sb.path("locked")).unwrap();
    chmod(&sb.path("locked"), 0o555);
    let (code, _, err) = run_as_user(&sb, &bin, &["--index", "locked", "ingest"]);
    assert_eq!(code, 2);
    assert!(err.contains("ermission denied"), "{err}");
    assert!(!err.contains("busy") && !err.contains("rebuild"), "{err}");

    sb.write("index-file", b"not a folder");
    for args in [&["ingest"][..], &["search", "choi"]] {
        let args = [&["--index", "index-file"][..], args].concat();
        let (_, err) = sb.run_ok(&args, 2);
        assert!(!err.contains("busy") && !err.contains("rebuild"), "{err}");
    }
}

/// A folder or a file that could not be read is reported, and what the index holds for it
/// stays as it was.
#[test]
fn unreadable_folders_and_files_keep_their_documents() {
    let (sb, bin) = shared_sandbox();
    sb.write("corpus/side/a.txt", b"The courier hides the ledger.\n");
    sb.write("corpus/side/b.txt", b"The courier burns the ledger.\n");
    chmod(&sb.path("corpus"), 0o777);
    chmod(&sb.path("corpus/side"), 0o777);
    for f in ["corpus/side/a.txt", "corpus/side/b.txt"] {
        chmod(&sb.path(f), 0o666);
    }
    // The index belongs to the user who ingests.
    std::fs::create_dir(sb.path("index")).unwrap();
    chmod(&sb.path("index"), 0o777);
    let (code, out, err) = run_as_user(&sb, &bin, &["ingest"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("4 documents"), "{out}");

    chmod(&sb.path("corpus/side"), 0o000);
    let (code, out, err) = run_as_user(&sb, &bin, &["ingest"]);
    chmod(&sb.path("corpus/side"), 0o777);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cannot read"), "{err}");
    assert!(out.starts_with("4 documents"), "{out}");
    assert!(out.contains("0 removed"), "{out}");

    chmod(&sb.path("corpus/side/a.txt"), 0o000);
    let (code, out, err) = run_as_user(&sb, &bin, &["ingest"]);
    chmod(&sb.path("corpus/side/a.txt"), 0o666);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cannot read"), "{err}");
    assert!(
        out.starts_with("4 documents") && out.contains("0 removed"),
        "{out}"
    );
    let (code, out, _) = run_as_user(&sb, &bin, &["search", "hides"]);
    assert_eq!(code, 0);
    assert!(out.contains("hides"), "{out}");
}

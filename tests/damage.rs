//! A damaged index: every kind of damage is reported by `verify` (naming the file), makes
//! search and ingest exit 2 with the way to rebuild, never panics, and `ingest --rebuild`
//! recovers.

mod common;

use common::Sandbox;

fn indexed() -> Sandbox {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    sb
}

/// The index's file with this extension.
fn component(sb: &Sandbox, ext: &str) -> std::path::PathBuf {
    std::fs::read_dir(sb.path("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .unwrap_or_else(|| panic!("no .{ext} file"))
}

fn flip_bytes(path: &std::path::Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.len() / 3;
    for b in &mut bytes[at..at + 8] {
        *b ^= 0xFF;
    }
    std::fs::write(path, bytes).unwrap();
}

fn truncate(path: &std::path::Path) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
}

/// Asserts the index is reported damaged everywhere, naming `file`, then rebuilt.
fn reported_then_rebuilt(sb: &Sandbox, file: &str) {
    let (out, err) = sb.run_ok(&["verify"], 2);
    assert!(
        out.lines()
            .any(|l| l.starts_with("damaged: ") && l.contains(file)),
        "verify names {file}:\n{out}"
    );
    assert!(err.contains("ingest --rebuild"), "{err}");
    for args in [
        &["search", "choi"][..],
        &["search", "--index", "index", "choi"],
        &["diff"],
        &["ingest"],
    ] {
        let (_, err) = sb.run_ok(args, 2);
        assert!(err.contains("rashomon ingest --rebuild"), "{args:?}: {err}");
        assert!(err.contains("--index index"), "{args:?}: {err}");
    }
    sb.run_ok(&["ingest", "--rebuild"], 0);
    let (out, _) = sb.run_ok(&["verify"], 0);
    assert!(out.ends_with("ok\n"), "{out}");
    assert_eq!(sb.texts("bathtub", &[]).len(), 1);
}

#[test]
fn a_sound_index_verifies() {
    let sb = indexed();
    let (out, _) = sb.run_ok(&["verify"], 0);
    assert!(
        out.starts_with(
            "index: 2 documents, 20 paragraphs, 138 claims; 1 segment, 6 files checked"
        ),
        "{out}"
    );
    let (_, err) = sb.run_ok(&["verify", "--index", "nowhere"], 2);
    assert!(err.contains("no index at nowhere"), "{err}");
}

#[test]
fn flipped_bytes_in_any_segment_file() {
    for ext in ["store", "term", "idx", "pos", "fieldnorm", "fast"] {
        let sb = indexed();
        let path = component(&sb, ext);
        flip_bytes(&path);
        reported_then_rebuilt(&sb, &path.file_name().unwrap().to_string_lossy());
    }
}

#[test]
fn truncated_segment_files() {
    for ext in ["store", "term", "idx"] {
        let sb = indexed();
        let path = component(&sb, ext);
        truncate(&path);
        reported_then_rebuilt(&sb, &path.file_name().unwrap().to_string_lossy());
    }
}

#[test]
fn missing_segment_file() {
    let sb = indexed();
    let path = component(&sb, "term");
    std::fs::remove_file(&path).unwrap();
    reported_then_rebuilt(&sb, &path.file_name().unwrap().to_string_lossy());
}

#[test]
fn garbled_meta_json() {
    let sb = indexed();
    std::fs::write(sb.path("index/meta.json"), b"{\"segments\": [oops").unwrap();
    reported_then_rebuilt(&sb, "meta.json");
}

#[test]
fn missing_meta_json() {
    let sb = indexed();
    std::fs::remove_file(sb.path("index/meta.json")).unwrap();
    // Named explicitly, a folder without meta.json holds no index.
    let (_, err) = sb.run_ok(&["search", "--index", "index", "choi"], 2);
    assert!(
        err.contains("no index at index") && err.contains("ingest --index index FOLDER"),
        "{err}"
    );
    sb.run_ok(&["verify"], 2);
    // The default index is rebuilt from corpus/ on the next search.
    let (out, _) = sb.run_ok(&["search", "bathtub"], 0);
    assert!(out.contains("bathtub"));
    sb.run_ok(&["verify"], 0);
}

/// An index larger than the size up to which every open checks every checksum, built once
/// and copied for each test case.
fn large_index() -> &'static Sandbox {
    static LARGE: std::sync::OnceLock<Sandbox> = std::sync::OnceLock::new();
    LARGE.get_or_init(|| {
        let sb = Sandbox::empty();
        let opts = rashomon::corpus::generate::GenerateOptions {
            claims: 100_000,
            ..Default::default()
        };
        rashomon::corpus::generate::generate(&sb.path("corpus"), &opts).unwrap();
        sb.ingest(&[]);
        let bytes: u64 = std::fs::read_dir(sb.path("index"))
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert!(
            bytes > rashomon::index::verify::CHECKSUM_ON_OPEN_BYTES,
            "{bytes} bytes"
        );
        sb
    })
}

/// A copy of [`large_index`], with the record of checked files its own (the no-change
/// ingest writes it), as an index that was never copied has.
fn large_copy() -> Sandbox {
    let from = large_index();
    let sb = Sandbox::empty();
    for dir in ["corpus", "index"] {
        std::fs::create_dir_all(sb.path(dir)).unwrap();
    }
    copy_tree(&from.path("corpus"), &sb.path("corpus"));
    copy_tree(&from.path("index"), &sb.path("index"));
    let out = sb.ingest(&[]);
    assert!(out.contains("0 added, 0 updated"), "{out}");
    sb
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Flips bytes in place, then sets the modification time back, as a careful hand (or a
/// tool that keeps times) would.
fn flip_in_place(path: &std::path::Path, at: usize, len: usize) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let mut file = std::fs::File::options()
        .read(true)
        .write(true)
        .open(path)
        .unwrap();
    let mut bytes = vec![0; len];
    file.seek(SeekFrom::Start(at as u64)).unwrap();
    file.read_exact(&mut bytes).unwrap();
    bytes.iter_mut().for_each(|b| *b ^= 0xFF);
    file.seek(SeekFrom::Start(at as u64)).unwrap();
    file.write_all(&bytes).unwrap();
    file.set_modified(modified).unwrap();
}

#[test]
fn flipped_bytes_in_a_large_index_are_found_by_every_search() {
    let sound = large_copy();
    let (out, _) = sound.run_ok(&["search", "--json", "returns"], 0);
    assert!(!out.is_empty());
    for ext in ["store", "term", "idx", "pos", "fieldnorm", "fast"] {
        let sb = large_copy();
        let path = component(&sb, ext);
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        flip_in_place(&path, len / 3, 8);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for args in [
            &["search", "returns"][..],
            &["diff"],
            &["compare", "returns"],
        ] {
            let (_, err) = sb.run_ok(args, 2);
            assert!(
                err.contains(&name) && err.contains("rashomon ingest --rebuild"),
                "{ext} {args:?}: {err}"
            );
        }
        sb.run_ok(&["ingest", "--rebuild"], 0);
        sb.run_ok(&["search", "returns"], 0);
    }
}

/// Damage the file system does not see (a failing disk returning other bytes) is not found
/// by the cheap check on opening a large index; a search it makes fail checks every file
/// and names the damaged one.
#[test]
fn damage_behind_the_file_systems_back_is_named_when_a_search_fails_on_it() {
    let sb = large_copy();
    let path = component(&sb, "store");
    let len = std::fs::metadata(&path).unwrap().len() as usize;
    flip_in_place(&path, 0, len / 2);
    // As if the disk had changed the bytes: the record is made to vouch for the file.
    let record = sb.path("index/checked.json");
    let mut checked: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let meta = std::fs::metadata(&path).unwrap();
    let entry = &mut checked["files"][&name];
    {
        use std::os::unix::fs::MetadataExt;
        entry["changed_ns"] = serde_json::json!(meta.ctime() * 1_000_000_000 + meta.ctime_nsec());
    }
    std::fs::write(&record, serde_json::to_vec(&checked).unwrap()).unwrap();
    let (_, err) = sb.run_ok(&["search", "--limit", "100000", "returns"], 2);
    assert!(
        err.contains(&name) && err.contains("rashomon ingest --rebuild"),
        "{err}"
    );
}

#[test]
fn garbled_file_list_of_tantivys() {
    let sb = indexed();
    std::fs::write(sb.path("index/.managed.json"), b"[\"a\", oops").unwrap();
    reported_then_rebuilt(&sb, ".managed.json");
    // What an index deleted by hand may leave: the list, garbled, and no `meta.json`.
    std::fs::write(sb.path("index/.managed.json"), b"oops").unwrap();
    std::fs::remove_file(sb.path("index/meta.json")).unwrap();
    sb.run_ok(&["ingest", "--rebuild"], 0);
    sb.run_ok(&["verify"], 0);
}

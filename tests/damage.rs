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
        err.contains("no index at index") && err.contains("rashomon ingest"),
        "{err}"
    );
    sb.run_ok(&["verify"], 2);
    // The default index is rebuilt from corpus/ on the next search.
    let (out, _) = sb.run_ok(&["search", "bathtub"], 0);
    assert!(out.contains("bathtub"));
    sb.run_ok(&["verify"], 0);
}

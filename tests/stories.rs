//! Stories: which documents tell the same story, on text nobody here wrote.
//!
//! `tests/fixtures/stories/` holds two labelled sets (see its README): accounts of events
//! from the World English Bible and King James Bible, where Samuel-Kings and Chronicles
//! tell many of the same events (and the other passages share their people and places),
//! and 60 texts of the Brown corpus, none of which retells another. Mixed into one flat
//! folder with the two shipped recaps, each same-story pair should be grouped and no other.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{JsonDifference, Sandbox, json_lines, shipped_corpus};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories")
}

/// Copies a labelled set into `corpus/` (flat) and returns each file's story.
fn copy_set(sb: &Sandbox, set: &str, into: &mut HashMap<String, String>) {
    let dir = fixtures().join(set);
    let labels: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("labels.json")).unwrap()).unwrap();
    for (name, label) in labels["files"].as_object().unwrap() {
        sb.write(
            &format!("corpus/{name}"),
            &std::fs::read(dir.join(name)).unwrap(),
        );
        let story = label["story"].as_str().unwrap().to_owned();
        into.insert(format!("corpus/{name}"), story);
    }
}

/// Pairs grouped together, and of those, pairs of the same story; and all same-story pairs.
fn pairs(sb: &Sandbox, story: &HashMap<String, String>) -> (usize, usize, usize) {
    let mut grouped = 0;
    let mut correct = 0;
    for work in sb.works().iter().filter(|w| w.work.is_some()) {
        for (i, a) in work.documents.iter().enumerate() {
            for b in &work.documents[i + 1..] {
                grouped += 1;
                correct += usize::from(story[a] == story[b]);
            }
        }
    }
    let mut truth = 0;
    let paths: Vec<&String> = story.keys().collect();
    for (i, a) in paths.iter().enumerate() {
        truth += paths[i + 1..]
            .iter()
            .filter(|b| story[**b] == story[*a])
            .count();
    }
    (grouped, correct, truth)
}

#[test]
fn a_flat_folder_of_many_stories_is_grouped_by_story() {
    let sb = Sandbox::empty();
    let mut story = HashMap::new();
    copy_set(&sb, "bible", &mut story);
    copy_set(&sb, "brown", &mut story);
    for entry in std::fs::read_dir(shipped_corpus()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        sb.write(
            &format!("corpus/{name}"),
            &std::fs::read(entry.path()).unwrap(),
        );
        story.insert(format!("corpus/{name}"), "ballerina".to_owned());
    }
    sb.ingest(&[]);
    let (grouped, correct, truth) = pairs(&sb, &story);
    let precision = correct as f64 / grouped as f64;
    let recall = correct as f64 / truth as f64;
    // Measured 2026-12-02: precision 29/29, recall 29/31 (docs/stories.md).
    assert!(precision >= 0.9, "precision {correct}/{grouped}");
    assert!(recall >= 0.85, "recall {correct}/{truth}");
    // No Brown text is grouped with anything.
    for work in sb.works().iter().filter(|w| w.work.is_some()) {
        assert!(
            !work.documents.iter().any(|d| story[d].starts_with("brown")),
            "{work:?}"
        );
    }
    // The recaps are one work, and their known differences are still found.
    let recaps = sb
        .work_of("corpus/000_8bf98b6dfac8ce34.txt")
        .expect("grouped");
    assert_eq!(
        sb.work_of("corpus/003_224a62d9c3892ef0.txt"),
        Some(recaps.clone())
    );
    let (out, _) = sb.run_ok(&["diff", "--json", "--limit", "20"], 0);
    let diffs: Vec<JsonDifference> = json_lines(&out);
    assert!(
        diffs.iter().any(|d| d.kind == "name_variant"
            && d.left_terms
                .iter()
                .chain(&d.right_terms)
                .any(|t| t.contains("Chef Choi"))),
        "Chef Choi / Pro Choi in the top 20"
    );
}

#[test]
fn unrelated_texts_are_compared_with_nothing() {
    let sb = Sandbox::empty();
    let mut story = HashMap::new();
    copy_set(&sb, "brown", &mut story);
    let out = sb.ingest(&[]);
    let works = sb.works();
    assert!(works.iter().all(|w| w.work.is_none()), "{works:?}");
    assert_eq!(works.len(), story.len());
    assert!(out.contains("0 works compared"), "{out}");
    let (out, _) = sb.run_ok(&["diff", "--json"], 1);
    assert!(out.is_empty());
    // Adding a text that tells no other's story compares nothing again; adding a second
    // account of a story one text tells compares that work alone.
    let recap = |name: &str| std::fs::read(shipped_corpus().join(name)).unwrap();
    sb.write("corpus/r1.txt", &recap("000_8bf98b6dfac8ce34.txt"));
    assert!(sb.ingest(&[]).contains("0 works compared"));
    assert_eq!(sb.work_of("corpus/r1.txt"), None);
    sb.write("corpus/r2.txt", &recap("003_224a62d9c3892ef0.txt"));
    let out = sb.ingest(&[]);
    assert!(
        out.contains("(1 added") && out.contains("1 work compared"),
        "{out}"
    );
    let work = sb
        .work_of("corpus/r1.txt")
        .expect("the recaps are one work");
    assert_eq!(sb.work_of("corpus/r2.txt"), Some(work.clone()));
    // Unchanged, the next ingest compares nothing, and the work keeps its id.
    assert!(sb.ingest(&[]).contains("0 works compared"));
    assert_eq!(sb.work_of("corpus/r1.txt"), Some(work.clone()));
    // The hits carry the work of their counterparts.
    let hits = sb.search("bathtub", &[]);
    assert!(hits[0].differs.iter().all(|d| d.work == work) && !hits[0].differs.is_empty());
}

/// A declared work beats the texts: front matter `work:`, else `rashomon.works` (a line
/// per file, or `*` for the folder), however little the texts share.
#[test]
fn declared_works_beat_the_texts() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/a.md",
        b"---\nwork: Ballerina (2023)\n---\n\nOk-ju seeks revenge for her friend.\n",
    );
    sb.write(
        "corpus/b.txt",
        b"A film about grief and a hired bodyguard.\n",
    );
    sb.write(
        "corpus/rashomon.works",
        b"b.txt: Ballerina (2023)\n*: Something else\n",
    );
    sb.write(
        "corpus/c.txt",
        b"Entirely unrelated prose about gardening.\n",
    );
    sb.write(
        "corpus/d.md",
        b"---\nwork: Ballerina (2023)\n---\n\nMore gardening.\n",
    );
    sb.ingest(&[]);
    let works = sb.works();
    let ballerina = works
        .iter()
        .find(|w| w.work.as_deref() == Some("ballerina-2023"))
        .unwrap_or_else(|| panic!("{works:?}"));
    assert_eq!(ballerina.how, "declared");
    assert_eq!(ballerina.name.as_deref(), Some("Ballerina (2023)"));
    assert_eq!(
        ballerina.documents,
        vec!["corpus/a.md", "corpus/b.txt", "corpus/d.md"]
    );
    assert_eq!(
        sb.work_of("corpus/c.txt").as_deref(),
        Some("something-else")
    );
    // Changing the declaration regroups without any document changing.
    sb.write("corpus/rashomon.works", b"*: Something else\n");
    let out = sb.ingest(&[]);
    assert!(
        out.contains("2 works compared"),
        "both works changed: {out}"
    );
    assert_eq!(
        sb.work_of("corpus/b.txt").as_deref(),
        Some("something-else")
    );
    let (text, _) = sb.run_ok(&["works"], 0);
    assert!(
        text.contains("ballerina-2023  2 documents  (declared: Ballerina (2023))"),
        "{text}"
    );
}

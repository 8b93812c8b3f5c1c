//! Comparison quality against a hand-labelled list of the places where the two shipped
//! recaps differ (tests/fixtures/ballerina_differences.json).
//!
//! Precision@k: the share of the top k reported differences that match a labelled one.
//! Recall@k: the share of labelled differences matched by one of the top k.
//! The thresholds below are what the method reaches today, less a small margin; raise
//! them when it improves.

mod common;

use rashomon::compare::{Account, DiffKind, Difference, align_work};
use rashomon::corpus::Document;
use serde::Deserialize;

const A: &str = "000_8bf98b6dfac8ce34.txt";
const B: &str = "003_224a62d9c3892ef0.txt";

#[derive(Deserialize)]
struct Fixture {
    differences: Vec<Label>,
    not_differences: Vec<NotLabel>,
}

#[derive(Deserialize)]
struct Label {
    id: String,
    kinds: Vec<DiffKind>,
    a: Option<Vec<Option<String>>>,
    b: Option<Vec<Option<String>>>,
}

#[derive(Deserialize)]
struct NotLabel {
    id: String,
    a: Vec<String>,
    b: Vec<String>,
}

fn fixture() -> Fixture {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ballerina_differences.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

pub fn shipped_differences() -> Vec<Difference> {
    let accounts: Vec<Account> = [A, B]
        .iter()
        .map(|name| {
            let bytes = std::fs::read(common::shipped_corpus().join(name)).unwrap();
            let doc = Document::from_bytes(
                format!("corpus/{name}"),
                name.to_string(),
                "corpus".into(),
                &bytes,
            )
            .unwrap();
            Account::from_document(&doc)
        })
        .collect();
    align_work("corpus", &accounts).differences
}

/// The texts of a difference's two sides, as (recap A, recap B).
fn sides(d: &Difference) -> (Option<&str>, Option<&str>) {
    let left = Some(d.left.text.as_str());
    let right = d.right.as_ref().map(|r| r.text.as_str());
    if d.left.doc == A {
        (left, right)
    } else {
        (right, left)
    }
}

fn side_matches(pattern: &Option<Vec<Option<String>>>, text: Option<&str>) -> bool {
    match (pattern, text) {
        (None, None) => true,
        (None, Some(_)) => false,
        (Some(options), text) => options.iter().any(|o| match (o, text) {
            (None, None) => true,
            (Some(s), Some(t)) => t.contains(s.as_str()),
            _ => false,
        }),
    }
}

fn matches(label: &Label, d: &Difference) -> bool {
    let (a, b) = sides(d);
    label.kinds.contains(&d.kind) && side_matches(&label.a, a) && side_matches(&label.b, b)
}

fn precision_at(f: &Fixture, diffs: &[Difference], k: usize) -> f64 {
    let top = &diffs[..k.min(diffs.len())];
    top.iter()
        .filter(|d| f.differences.iter().any(|l| matches(l, d)))
        .count() as f64
        / top.len().max(1) as f64
}

fn recall_at(f: &Fixture, diffs: &[Difference], k: usize) -> f64 {
    let top = &diffs[..k.min(diffs.len())];
    f.differences
        .iter()
        .filter(|l| top.iter().any(|d| matches(l, d)))
        .count() as f64
        / f.differences.len() as f64
}

#[test]
fn labelled_differences_precision_and_recall() {
    let f = fixture();
    let diffs = shipped_differences();
    for (i, d) in diffs.iter().take(40).enumerate() {
        let label = f
            .differences
            .iter()
            .find(|l| matches(l, d))
            .map_or("-", |l| l.id.as_str());
        let (a, b) = sides(d);
        eprintln!(
            "{i:2} {:.3} {:12} {label:28} {:?} ↔ {:?}\n      A: {}\n      B: {}",
            d.score,
            d.kind.as_str(),
            d.left_terms,
            d.right_terms,
            a.unwrap_or("-"),
            b.unwrap_or("-")
        );
    }
    let report: Vec<String> = [5, 10, 20]
        .iter()
        .map(|&k| format!("P@{k} {:.2}", precision_at(&f, &diffs, k)))
        .chain(
            [20, 40, diffs.len()]
                .iter()
                .map(|&k| format!("R@{k} {:.2}", recall_at(&f, &diffs, k))),
        )
        .collect();
    eprintln!("{} differences; {}", diffs.len(), report.join(", "));

    // Reached when written: P@5 1.00, P@10 1.00, P@20 0.80, R@40 0.53, R@all 0.91.
    assert!(precision_at(&f, &diffs, 5) >= 0.8, "precision@5");
    assert!(precision_at(&f, &diffs, 10) >= 0.9, "precision@10");
    assert!(precision_at(&f, &diffs, 20) >= 0.75, "precision@20");
    assert!(recall_at(&f, &diffs, 40) >= 0.5, "recall@40");
    assert!(
        recall_at(&f, &diffs, diffs.len()) >= 0.85,
        "recall over the whole list"
    );
}

#[test]
fn both_known_examples_are_in_the_top_five() {
    let f = fixture();
    let diffs = shipped_differences();
    for id in ["villain-name", "how-min-hee-was-found"] {
        let label = f.differences.iter().find(|l| l.id == id).unwrap();
        let rank = diffs.iter().position(|d| matches(label, d));
        assert!(rank.is_some_and(|r| r < 5), "{id} at rank {rank:?}");
    }
    let chef = diffs
        .iter()
        .find(|d| d.kind == DiffKind::NameVariant)
        .unwrap();
    assert_eq!(
        (chef.left_terms.as_slice(), chef.right_terms.as_slice()),
        (
            &["Chef Choi".to_string()][..],
            &["Pro Choi".to_string()][..]
        )
    );
    assert_eq!(chef.shared_terms, vec!["Choi"]);
    let bath = diffs
        .iter()
        .find(|d| d.left.text.contains("bathtub") && d.kind == DiffKind::Detail)
        .unwrap();
    assert!(
        bath.left_terms.iter().any(|t| t.contains("bathtub")),
        "{:?}",
        bath.left_terms
    );
    assert!(
        bath.right_terms.iter().any(|t| t.contains("pool of blood")),
        "{:?}",
        bath.right_terms
    );
}

#[test]
fn things_both_recaps_say_are_not_high_on_the_list() {
    let f = fixture();
    let diffs = shipped_differences();
    for not in &f.not_differences {
        let rank = diffs.iter().position(|d| {
            let (a, b) = sides(d);
            a.is_some_and(|t| not.a.iter().any(|s| t.contains(s.as_str())))
                && b.is_some_and(|t| not.b.iter().any(|s| t.contains(s.as_str())))
        });
        assert!(
            rank.is_none_or(|r| r >= 20),
            "{} reported at rank {rank:?}",
            not.id
        );
    }
}

#[test]
fn case_and_punctuation_variants_are_not_name_variants() {
    let diffs = shipped_differences();
    for d in diffs.iter().filter(|d| d.kind == DiffKind::NameVariant) {
        let l: String = d
            .left_terms
            .concat()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let r: String = d
            .right_terms
            .concat()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        assert_ne!(l, r, "{d:?}");
    }
}

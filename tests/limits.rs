//! Inputs at the stated limits: ingest finishes, nothing is lost, and search stays quick
//! because units are bounded (see `src/corpus/segment.rs`).

mod common;

use common::Sandbox;
use rashomon::corpus::segment::{MAX_CLAIM_BYTES, MAX_PARAGRAPH_BYTES};

/// About `bytes` of sentences in one paragraph (no blank line anywhere).
fn one_paragraph(bytes: usize) -> String {
    let words = [
        "Ok-ju", "found", "the", "diary", "in", "Choi’s", "drawer", "near", "the", "beach",
    ];
    let mut text = String::with_capacity(bytes + 100);
    let mut i = 0;
    while text.len() < bytes {
        for k in 0..11 {
            text.push_str(words[(i * 7 + k * 3) % words.len()]);
            text.push(' ');
        }
        text.push_str(if i % 9_000 == 4_321 {
            "lamborghini. "
        } else {
            "sea. "
        });
        i += 1;
    }
    text.push('\n');
    text
}

#[test]
fn a_20_mb_single_paragraph() {
    let sb = Sandbox::empty();
    let text = one_paragraph(20 * 1024 * 1024);
    sb.write("corpus/huge.txt", text.as_bytes());
    let out = sb.ingest(&[]);
    assert!(out.starts_with("1 document, "), "{out}");
    for unit in ["claim", "paragraph"] {
        let hits = sb.search("lamborghini", &["--unit", unit]);
        assert!(!hits.is_empty());
        for h in &hits {
            let max = if unit == "claim" {
                MAX_CLAIM_BYTES
            } else {
                MAX_PARAGRAPH_BYTES
            };
            assert!(h.text.len() <= max, "{unit} of {} bytes", h.text.len());
            assert!(
                h.marked()
                    .iter()
                    .all(|m| m.eq_ignore_ascii_case("lamborghini"))
            );
            assert_eq!(
                &text.as_bytes()[h.start..h.end],
                h.text.as_bytes(),
                "offsets still slice the file"
            );
        }
    }
}

#[test]
fn a_1_mb_line_without_spaces_and_long_tokens() {
    let sb = Sandbox::empty();
    let long_word = "supercalifragilisticexpialidociousantidisestablishmentarianism";
    assert!(long_word.len() > 40);
    let text = format!(
        "{}\n\nA claim with {long_word} and a Lamborghini.\n",
        "x".repeat(1024 * 1024)
    );
    sb.write("corpus/line.txt", text.as_bytes());
    let out = sb.ingest(&[]);
    assert!(out.starts_with("1 document,"), "{out}");
    let hits = sb.search(long_word, &[]);
    assert_eq!(
        hits.len(),
        1,
        "tokens over 40 characters (up to 64 bytes) are searchable"
    );
    assert_eq!(hits[0].marked(), vec![long_word]);
    // The 1 MB line is body text, cut into claims; none of them is a heading.
    let (out, _) = sb.run_ok(&["search", "--json", "lamborghini"], 0);
    assert!(
        !out.contains("\"section\":\"xxxx"),
        "a 1 MB line is not a heading"
    );
}

#[test]
fn ten_thousand_tiny_files() {
    let sb = Sandbox::empty();
    for i in 0..10_000 {
        sb.write(
            &format!("corpus/t{i:05}.txt"),
            format!("Tiny recap {i} mentions Choi.\n").as_bytes(),
        );
    }
    let out = sb.ingest(&[]);
    assert!(
        out.starts_with("10000 documents, 10000 paragraphs, 10000 claims"),
        "{out}"
    );
    assert_eq!(
        sb.search("tiny", &[]).len(),
        1000,
        "--limit 1000 of 10000 matches"
    );
    let again = sb.ingest(&[]);
    assert!(again.contains("10000 unchanged"), "{again}");
}

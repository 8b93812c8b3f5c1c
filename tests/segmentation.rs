//! Segmentation of the shipped recaps, and the coverage properties on any text.

mod common;

use proptest::prelude::*;
use rashomon::corpus::segment::segment;
use rashomon::corpus::{Document, Encoding, UnitKind};

fn load(name: &str) -> (Vec<u8>, Document) {
    let bytes = std::fs::read(common::shipped_corpus().join(name)).unwrap();
    let doc = Document::from_bytes(name.into(), name.into(), String::new(), &bytes).unwrap();
    (bytes, doc)
}

const RECAP_A: &str = "000_8bf98b6dfac8ce34.txt";
const RECAP_B: &str = "003_224a62d9c3892ef0.txt";

fn claims(doc: &Document) -> Vec<&str> {
    doc.units
        .iter()
        .filter(|u| u.kind == UnitKind::Claim)
        .map(|u| doc.unit_text(u))
        .collect()
}

#[test]
fn the_bathtub_claim_is_one_exact_sentence() {
    let (_, doc) = load(RECAP_A);
    let with: Vec<&str> = claims(&doc)
        .into_iter()
        .filter(|c| c.contains("bathtub"))
        .collect();
    assert_eq!(
        with,
        vec!["Ok-ju went to Min-hee’s house and found her dead body in her bathtub."]
    );
}

#[test]
fn the_pool_of_blood_claim_is_one_exact_sentence() {
    let (_, doc) = load(RECAP_B);
    let with: Vec<&str> = claims(&doc)
        .into_iter()
        .filter(|c| c.contains("pool of blood"))
        .collect();
    assert_eq!(
        with,
        vec![
            "Soon enough, she finds Min-hee immersed in a pool of blood after slitting her wrist."
        ]
    );
}

#[test]
fn quotes_question_marks_and_exclamations_end_claims_where_they_should() {
    let (_, b) = load(RECAP_B);
    let cs = claims(&b);
    assert!(cs.contains(&"SPOILERS AHEAD!"));
    assert!(
        cs.iter()
            .any(|c| c.ends_with("she finally reveals this is all for the “Ballerina.”"))
    );
    assert!(cs.contains(
        &"Choi recognizes that title immediately from the tape and starts begging for his life."
    ));
    let (_, a) = load(RECAP_A);
    let cs = claims(&a);
    assert!(cs.contains(&"But guess what?"));
    assert!(
        cs.iter()
            .any(|c| c.starts_with("Netflix’s 2023 film, Ballerina, directed by Chung-Hyung Lee,"))
    );
}

#[test]
fn titles_and_section_headings() {
    let (_, a) = load(RECAP_A);
    assert_eq!(a.title, None, "the first block of 000 is a paragraph");
    let (_, b) = load(RECAP_B);
    assert_eq!(
        b.title.as_deref(),
        Some("Ballerina Ending, Explained: What’s in Choi’s Diary?")
    );

    let sections = |d: &Document| {
        let mut s: Vec<Option<String>> = d.units.iter().map(|u| u.section.clone()).collect();
        s.dedup();
        s
    };
    let a_sections = sections(&a);
    assert_eq!(
        a_sections.iter().map(Option::as_deref).collect::<Vec<_>>(),
        vec![
            None,
            Some("Who killed Min-Hee?"),
            Some("Who does Ok-ju ask for help?"),
            Some("Is Ok-Ju Able To Take Revenge On Choi?"),
            Some("What Will Happen To Ok-ju?"),
            Some("What Is The Symbolism Of The Ballerina?"),
        ]
    );
    let b_sections = sections(&b);
    assert_eq!(
        b_sections.iter().map(Option::as_deref).collect::<Vec<_>>(),
        vec![
            Some("Ballerina Ending, Explained: What’s in Choi’s Diary?"),
            Some("Ballerina Plot Synopsis"),
            Some("Ballerina Ending: Does Ok-ju Kill Choi?"),
            Some("What Does Ok-ju Find in the Diary Inside Choi’s Drawer?"),
            Some("Who is the Ballerina in the Sea?"),
        ]
    );
    // Headings are labels, never body text.
    for d in [&a, &b] {
        assert!(
            !claims(d)
                .iter()
                .any(|c| *c == "Who killed Min-Hee?" || *c == "Ballerina Plot Synopsis")
        );
    }
    assert_eq!(a.count(UnitKind::Paragraph), 10);
    assert_eq!(b.count(UnitKind::Paragraph), 10);
}

/// Every unit's file span slices back to its text, and its line and column point at it. A
/// line ends at LF, at CRLF, or at a CR alone.
/// The bytes of a unit's file span, decoded as the document was: UTF-8 as is, and a byte
/// that is not UTF-8 as Windows-1252 (every byte, for a Windows-1252 document).
fn decoded(bytes: &[u8], encoding: Encoding) -> String {
    let cp1252 = |b: &[u8]| {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(b)
            .0
            .into_owned()
    };
    match encoding {
        Encoding::Windows1252 => cp1252(bytes),
        _ => bytes
            .utf8_chunks()
            .map(|c| c.valid().to_owned() + &cp1252(c.invalid()))
            .collect(),
    }
}

fn check_spans(bytes: &[u8], doc: &Document) {
    let ends_line =
        |i: usize| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    for u in &doc.units {
        assert_eq!(
            decoded(&bytes[u.file.clone()], doc.encoding),
            doc.unit_text(u),
            "{u:?}"
        );
        let line_start = (0..u.file.start)
            .rev()
            .find(|&i| ends_line(i))
            .map_or(0, |i| i + 1);
        let line = (0..u.file.start).filter(|&i| ends_line(i)).count() + 1;
        assert_eq!(
            (u.line as usize, u.column as usize),
            (line, u.file.start - line_start + 1),
            "{u:?}"
        );
    }
}

/// Claims cover every non-blank character of the body (the paragraphs) exactly once, and
/// nothing outside it.
fn check_coverage(text: &str) {
    let seg = segment(text);
    let mut covered = vec![0u8; text.len()];
    for p in &seg.paragraphs {
        let mut last = p.span.start;
        for c in &p.claims {
            assert!(
                c.start >= last && c.end <= p.span.end,
                "claims in order, inside their paragraph"
            );
            assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            assert!(
                !text[c.clone()].starts_with(char::is_whitespace)
                    && !text[c.clone()].ends_with(char::is_whitespace)
            );
            for b in c.clone() {
                covered[b] += 1;
            }
            last = c.end;
        }
        for (i, ch) in text[p.span.clone()].char_indices() {
            let at = p.span.start + i;
            if !ch.is_whitespace() {
                assert_eq!(covered[at], 1, "byte {at} ({ch:?}) of {text:?}");
            }
        }
    }
    for h in &seg.headings {
        assert!(
            covered[h.span.clone()].iter().all(|&n| n == 0),
            "headings are not claims"
        );
    }
    assert!(covered.iter().all(|&n| n <= 1));
}

#[test]
fn shipped_recaps_are_covered_exactly_and_spans_slice_back() {
    for name in [RECAP_A, RECAP_B] {
        let (bytes, doc) = load(name);
        check_coverage(&doc.text);
        check_spans(&bytes, &doc);
    }
}

#[test]
fn bom_and_crlf_spans_slice_back() {
    let bytes = b"\xEF\xBB\xBFTitle Here\r\n\r\nFirst claim. Second claim!\r\nSame paragraph.\r\n\r\nHeading two\r\n\r\nLast one.\r\n";
    let doc = Document::from_bytes("x".into(), "x".into(), String::new(), bytes).unwrap();
    check_spans(bytes, &doc);
    assert_eq!(
        claims(&doc),
        vec![
            "First claim.",
            "Second claim!",
            "Same paragraph.",
            "Last one."
        ]
    );
    assert_eq!(doc.units[0].line, 3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_is_covered_exactly_once(text in "([a-zA-Zé0-9]{1,8}|[ .!?…“”\"’'()#-]|\n|\r\n|\n\n|\t){0,120}") {
        check_coverage(&text);
    }

    #[test]
    fn any_bytes_give_spans_that_slice_back(bytes in proptest::collection::vec(prop_oneof![
        Just(b'a'), Just(b'Z'), Just(b' '), Just(b'.'), Just(b'\n'), Just(b'\r'), Just(b'?'), Just(b'-'),
        Just(0xE9u8), Just(0x93u8), Just(0xC3u8), Just(0xA9u8), Just(b'"'),
    ], 0..200)) {
        if let Ok(doc) = Document::from_bytes("p".into(), "p".into(), String::new(), &bytes) {
            check_coverage(&doc.text);
            check_spans(&bytes, &doc);
            for u in &doc.units {
                prop_assert!(u.file.start <= u.file.end && u.file.end <= bytes.len());
            }
        }
    }
}

//! Properties that must hold for any input: the analyzer, the query parser and comparison
//! never panic, and every offset they report falls on a UTF-8 boundary inside the text. (Segmentation's
//! properties are in tests/segmentation.rs.)

use proptest::prelude::*;
use rashomon::analysis::{Initials, WordAnalyzer, analyzer, tokens, tokens_starting_with};
use rashomon::search::query::parse;

/// Text drawn from the characters that exercise the tokenizer: letters with and without
/// accents, digits, apostrophes and quotes of every kind, hyphens and dashes, CJK, emoji,
/// combining marks and control characters.
fn tricky_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-zA-Z]{1,12}",
            Just("é".to_string()),
            Just("ß".to_string()),
            Just("İ".to_string()),
            Just("e\u{301}".to_string()),
            Just("김".to_string()),
            Just("🎬".to_string()),
            "[0-9]{1,4}",
            prop::sample::select(vec![
                "'", "’", "‘", "ʼ", "\"", "“", "”", "-", "‐", "‑", "—", "–", " ", "\n", "\t", ".",
                ",", "\u{0}", "\u{200b}"
            ])
            .prop_map(str::to_owned),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Text like [`tricky_text`], with the words and commas comparison looks for between
/// them: names, determiners, words for people, numbers.
fn story_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            tricky_text(),
            prop::sample::select(vec![
                " a ",
                " the ",
                " one of his ",
                ", ",
                ". ",
                " Choi",
                " Myung-shik",
                " Chef Choi",
                " pharmacist",
                " men",
                " two",
                " bathtub",
                " “",
                "” ",
                " in her "
            ])
            .prop_map(str::to_owned),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// `text` as an account; a NUL byte would make it a binary file, which is not read.
fn account(name: &str, text: &str) -> rashomon::compare::Account {
    let text = text.replace('\0', " ");
    let doc = rashomon::corpus::Document::from_bytes(
        name.into(),
        name.into(),
        "p".into(),
        text.as_bytes(),
    )
    .expect("any UTF-8 text is a document");
    rashomon::compare::Account::from_document(&doc)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn comparing_any_two_texts_marks_only_what_is_there(a in story_text(), b in story_text()) {
        let accounts = [account("a.txt", &a), account("b.txt", &b)];
        let found = rashomon::compare::align_work("w", &accounts);
        for d in &found.differences {
            for side in std::iter::once(&d.left).chain(d.right.as_ref()) {
                for h in &side.highlights {
                    let (s, e) = (h.start, h.end);
                    prop_assert!(s <= e && e <= side.text.len());
                    prop_assert!(side.text.is_char_boundary(s) && side.text.is_char_boundary(e));
                }
            }
        }
    }

    #[test]
    fn analyzer_offsets_are_boundaries_inside_the_text(text in tricky_text()) {
        let toks = tokens(&mut analyzer(), &text);
        let mut last_position = 0;
        for t in &toks {
            prop_assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
            prop_assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            prop_assert!(!t.text.is_empty());
            prop_assert!(t.position >= last_position, "positions never go back");
            last_position = t.position;
        }
    }

    #[test]
    fn analyzing_is_case_insensitive(text in "[a-zA-Z' -]{0,40}") {
        let lower: Vec<String> = tokens(&mut analyzer(), &text.to_lowercase()).into_iter().map(|t| t.text).collect();
        let upper: Vec<String> = tokens(&mut analyzer(), &text.to_uppercase()).into_iter().map(|t| t.text).collect();
        prop_assert_eq!(lower, upper);
    }

    /// Highlighting analyzes only the words that may match: it must find every token the
    /// full analysis finds whose term starts with a wanted letter, and nothing else.
    #[test]
    fn analyzing_only_likely_words_loses_no_token(text in tricky_text(), letters in "[a-z0-9]{1,3}") {
        let wanted: Vec<String> = letters.chars().map(String::from).collect();
        let initials = Initials::of(wanted.iter().map(String::as_str));
        let key = |t: &tantivy::tokenizer::Token| (t.text.clone(), t.offset_from, t.offset_to, t.position, t.position_length);
        let some: Vec<_> = tokens_starting_with(&mut WordAnalyzer::default(), &text, &initials).iter().map(key).collect();
        let all: Vec<_> = tokens(&mut analyzer(), &text).iter().map(key).collect();
        for t in &some {
            prop_assert!(all.contains(t), "{t:?} is not a token of the full analysis");
        }
        for t in all.iter().filter(|t| wanted.iter().any(|w| t.0.starts_with(w.as_str()))) {
            prop_assert!(some.contains(t), "{t:?} was skipped");
        }
    }

    /// Comparison analyzes claims word by word, each distinct word once: it must get
    /// exactly the full analysis's tokens.
    #[test]
    fn analyzing_word_by_word_is_the_full_analysis(text in tricky_text()) {
        let key = |t: &tantivy::tokenizer::Token| (t.text.clone(), t.offset_from, t.offset_to, t.position, t.position_length);
        let mut words = WordAnalyzer::default();
        let once: Vec<_> = words.text_tokens(&text).iter().map(key).collect();
        let all: Vec<_> = tokens(&mut analyzer(), &text).iter().map(key).collect();
        prop_assert_eq!(&once, &all);
        let again: Vec<_> = words.text_tokens(&text).iter().map(key).collect();
        prop_assert_eq!(&again, &all, "remembered words give the same tokens");
    }

    #[test]
    fn any_query_parses(query in tricky_text(), ops in "[-+:doc\" ]{0,8}") {
        let q = parse(&format!("{ops}{query}{ops}"));
        for c in &q.clauses {
            prop_assert!(!c.text.trim().is_empty());
        }
        for d in &q.docs {
            prop_assert!(!d.name.is_empty());
        }
    }
}

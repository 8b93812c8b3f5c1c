//! The analyzer's equivalences, checked end to end: what a query finds, and what it
//! highlights, through the real index and the real binary.

mod common;

use common::Sandbox;

const FIXTURE: &str = "A Test Recap\n\n\
Choi’s car was red. Min-hee smiled at noon. The crème brûlée was cold. \
He kills the lights. She killed the engine. They were killing time. \
A pool of blood spread. The pool was deep and the blood was old. \
‘Ballerina’ was on the tape. Ballerina‘s ending was sad. The Lamborghini was gone. \
The bathtub was empty. The prophet spake to the guard. \
The road was even. They left in the evening.\n";

fn sandbox() -> Sandbox {
    let sb = Sandbox::empty();
    sb.write("corpus/recap.txt", FIXTURE.as_bytes());
    sb.ingest(&[]);
    sb
}

/// Asserts that `query` finds exactly the claims in `expected` (in any order) and that
/// every hit highlights something.
fn finds(sb: &Sandbox, query: &str, expected: &[&str]) {
    let hits = sb.search(query, &[]);
    let mut texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    texts.sort_unstable();
    let mut want = expected.to_vec();
    want.sort_unstable();
    assert_eq!(texts, want, "query {query:?}");
    for h in &hits {
        assert!(
            !h.highlights.is_empty(),
            "query {query:?} should highlight {:?}",
            h.text
        );
    }
}

#[test]
fn equivalences() {
    let sb = sandbox();
    // Case.
    finds(&sb, "CHOI", &["Choi’s car was red."]);
    // Curly and straight apostrophes; possessive = bare name.
    for q in ["Choi’s", "Choi's", "choi"] {
        finds(&sb, q, &["Choi’s car was red."]);
        assert_eq!(sb.search(q, &[])[0].marked(), vec!["Choi’s"]);
    }
    for q in ["‘Ballerina’", "Ballerina's", "ballerina‘s", "\"Ballerina\""] {
        finds(
            &sb,
            q,
            &[
                "‘Ballerina’ was on the tape.",
                "Ballerina‘s ending was sad.",
            ],
        );
    }
    // Hyphenated names: as written, with a space, joined.
    for q in ["Min-hee", "min hee", "minhee", "MIN-HEE", "\"min hee\""] {
        finds(&sb, q, &["Min-hee smiled at noon."]);
        // Every form highlights the name whole (two loose words too: they also match the
        // joined form the name is indexed with).
        assert_eq!(
            sb.search(q, &[])[0].marked(),
            vec!["Min-hee"],
            "query {q:?}"
        );
    }
    // Accents fold.
    finds(&sb, "creme brulee", &["The crème brûlée was cold."]);
    assert_eq!(sb.search("creme", &[])[0].marked(), vec!["crème"]);
    // Older forms are their verbs' (irregular forms, as `spoke` is `speak`).
    for q in ["speak", "spoke", "spake"] {
        finds(&sb, q, &["The prophet spake to the guard."]);
    }
    // A word the stemmer alone would give a function word's term has one of its own:
    // `evening` is not `even`.
    for q in ["evening", "Evenings"] {
        finds(&sb, q, &["They left in the evening."]);
    }
    // Stemming.
    for q in ["kill", "kills", "killed", "killing"] {
        finds(
            &sb,
            q,
            &[
                "He kills the lights.",
                "She killed the engine.",
                "They were killing time.",
            ],
        );
    }
}

#[test]
fn phrases_match_in_order_across_stop_words() {
    let sb = sandbox();
    let hits = sb.search("\"pool of blood\"", &[]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].text, "A pool of blood spread.");
    assert_eq!(hits[0].marked(), vec!["pool of blood"]);
    // The same words out of order are not the phrase.
    assert!(sb.search("\"blood of pool\"", &[]).is_empty());
    // As loose words, both claims with pool and blood match.
    assert_eq!(sb.search("pool blood", &[]).len(), 2);
}

#[test]
fn typo_tolerance() {
    let sb = sandbox();
    // One edit from five letters.
    finds(&sb, "Lamborgini", &["The Lamborghini was gone."]);
    assert_eq!(
        sb.search("Lamborgini", &[])[0].marked(),
        vec!["Lamborghini"]
    );
    finds(&sb, "bathtab", &["The bathtub was empty."]);
    // Two edits only from nine letters.
    finds(&sb, "Lanborgini", &["The Lamborghini was gone."]);
    assert!(
        sb.search("bethtab", &[]).is_empty(),
        "seven letters allow one edit only"
    );
    // Short words are never fuzzy.
    assert!(sb.search("Choy", &[]).is_empty());
}

#[test]
fn fuzzy_matches_rank_below_exact_ones() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/r.txt",
        b"The garden was quiet today.\n\nThe lamborghini was quiet today.\n",
    );
    sb.ingest(&[]);
    let hits = sb.search("garden lamborgini", &[]);
    let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "The garden was quiet today.",
            "The lamborghini was quiet today."
        ]
    );
    assert!(hits[0].score > hits[1].score);
}

/// Text that exercises every step of the analyzer: case, curly and straight apostrophes,
/// quotes, hyphenated names, accents, stemming, irregular forms, own terms, stop words, dashes,
/// numbers, an over-long token, and markup (emphasis, a link, HTML tags, a bare address)
/// next to a comparison that is no tag.
const GOLDEN_TEXT: &str = "Chef Choi’s men found Min-hee’s body — “dead” in the bathtub; \
Ok-ju didn't meet Myung-shik at 3.5 o'clock. Crème brûlée, killings & ‘Ballerina’ \
aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa end. \
**Read** [the review](https://example.com/choi-ok) <br/> <i>here</i>, at www.x.org, 1 < 2 > 0. \
Quite likely, one evening.";

/// The analyzer's version the golden tokens below were recorded with.
const GOLDEN_VERSION: &str = "rashomon_en/4: recap-words-without-markup, remove-long-64, lower, ascii-fold, own-terms, snowball-english";

/// What the analyzer makes of [`GOLDEN_TEXT`]: each token's text, position and byte range.
const GOLDEN_TOKENS: &str = concat!(
    "chef@0:0-4 choi@1:5-13 man@2:14-17 find@3:18-23 min@4:24-27 minhe@4:24-35 ",
    "hee@5:28-35 bodi@6:36-40 die@7:48-52 in@8:56-58 the@9:59-62 bathtub@10:63-70 ",
    "ok@11:72-74 okju@11:72-77 ju@12:75-77 didnt@13:78-84 meet@14:85-89 ",
    "myung@15:90-95 myungshik@15:90-100 shik@16:96-100 at@17:101-103 3@18:104-105 ",
    "5@19:106-107 oclock@20:108-115 creme@21:117-123 brule@22:124-132 kill@23:134-142 ",
    "ballerina@24:148-157 end@26:235-238 read@27:242-246 the@28:250-253 review@29:254-260 ",
    "here@30:300-304 at@31:310-312 1@32:324-325 2@33:328-329 0@34:332-333 ",
    "quite@35:335-340 likely@36:341-347 one@37:349-352 evening@38:353-360",
);

/// Pins the analyzer's output. An index records the analyzer's version and is rebuilt when
/// it changes, so a change of tokens must come with a new `ANALYZER_VERSION`: when this
/// test fails, bump that version, then record the new tokens and version here.
#[test]
fn the_analyzer_gives_the_golden_tokens() {
    use rashomon::analysis::{ANALYZER_VERSION, analyzer, tokens};
    let got: Vec<String> = tokens(&mut analyzer(), GOLDEN_TEXT)
        .iter()
        .map(|t| {
            format!(
                "{}@{}:{}-{}",
                t.text, t.position, t.offset_from, t.offset_to
            )
        })
        .collect();
    let got = got.join(" ");
    assert_eq!(
        got, GOLDEN_TOKENS,
        "the analyzer's tokens changed: bump ANALYZER_VERSION, then update the golden tokens"
    );
    assert_eq!(
        ANALYZER_VERSION, GOLDEN_VERSION,
        "a new analyzer version needs its golden tokens recorded here"
    );
}

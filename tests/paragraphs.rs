//! Paragraph search runs on the claims' postings (`src/search/paragraphs.rs`): these tests
//! pin that a paragraph is found exactly when its claims are, whatever the query, and that
//! this holds after updates, merges and multi-threaded ingest.

mod common;

use std::collections::BTreeSet;

use common::{JsonHit, Sandbox};

/// The (path, paragraph) pairs of some hits.
fn places(hits: &[JsonHit]) -> BTreeSet<(String, u64)> {
    hits.iter().map(|h| (h.path.clone(), h.paragraph)).collect()
}

/// Asserts that `query` finds, over paragraphs, exactly the paragraphs of the claims it
/// finds, and returns how many.
fn same_places(sb: &Sandbox, query: &str, limit: &str) -> usize {
    let args = |unit| ["--unit", unit, "--limit", limit];
    let paragraphs = sb.search(query, &args("paragraph"));
    let claims = sb.search(query, &args("claim"));
    assert!(paragraphs.iter().all(|h| h.unit == "paragraph"));
    assert_eq!(
        places(&paragraphs).len(),
        paragraphs.len(),
        "{query}: repeats"
    );
    assert_eq!(places(&paragraphs), places(&claims), "{query}");
    paragraphs.len()
}

#[test]
fn a_paragraph_is_found_exactly_when_one_of_its_claims_is() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&["corpus"]);
    for query in [
        "choi",
        "Chef Choi",
        "bathtub",
        "\"pool of blood\"",
        "Lamborgini",
        "Min-hee",
        "doc:003 kill",
    ] {
        let found = same_places(&sb, query, "1000");
        assert!(found > 0, "{query}");
    }
    // An excluded word rules out every paragraph that has it in any claim (itself, in
    // quotes: a word searched for also finds words near in meaning, one excluded does not).
    let claims = |q| places(&sb.search(q, &[]));
    let expected: BTreeSet<_> = claims("choi")
        .difference(&claims("\"kill\""))
        .cloned()
        .collect();
    let found = places(&sb.search("choi -kill", &["--unit", "paragraph"]));
    assert!(!found.is_empty());
    assert_eq!(found, expected);
    // Each paragraph's text holds what its claims matched.
    for hit in sb.search("bathtub", &["--unit", "paragraph"]) {
        assert!(hit.text.contains("bathtub"), "{}", hit.text);
        assert_eq!(hit.marked(), vec!["bathtub"]);
    }
}

#[test]
fn required_and_excluded_words_apply_to_the_whole_paragraph() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/w/a.txt",
        b"Ok-ju finds the tape. Choi laughs at the harbour.\n\n\
          Mina keeps the tape. Nobody goes near the water.\n",
    );
    sb.ingest(&["corpus"]);
    let both = sb.search("+tape +harbour", &["--unit", "paragraph"]);
    assert_eq!(both.len(), 1);
    assert_eq!(both[0].paragraph, 1);
    assert!(
        sb.search("+tape +harbour", &[]).is_empty(),
        "no claim has both"
    );
    let without = sb.search("tape -harbour", &["--unit", "paragraph"]);
    assert_eq!(
        places(&without),
        BTreeSet::from([("corpus/w/a.txt".into(), 2)])
    );
}

#[test]
fn a_paragraph_that_says_it_more_often_ranks_higher() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/w/a.txt",
        b"Mina runs home. Mina hides the key. Mina waits.\n\n\
          Choi runs home. Choi hides the key. Choi waits.\n\n\
          Choi runs home. Mina hides the key. Mina waits.\n",
    );
    sb.ingest(&["corpus"]);
    let hits = sb.search("choi", &["--unit", "paragraph"]);
    let order: Vec<u64> = hits.iter().map(|h| h.paragraph).collect();
    assert_eq!(order, vec![2, 3]);
    assert!(hits[0].score > hits[1].score);
    assert!(hits[0].score < 2.2 * hits[1].score, "saturates like BM25");
}

#[test]
fn paragraphs_stay_with_their_claims_through_updates_and_merges() {
    let sb = Sandbox::empty();
    // Over 1 MiB, so ingest writes with several threads, then merges the segments.
    sb.write_recaps("corpus/big", 12, 100_000);
    sb.write(
        "corpus/big/extra.txt",
        b"The lighthouse keeper lies. Choi believes him.\n\nNobody checks the lighthouse.\n",
    );
    sb.ingest(&["corpus"]);
    assert_eq!(same_places(&sb, "lighthouse", "100"), 2);
    assert_eq!(same_places(&sb, "keeper believes", "100"), 1);

    // An update deletes the old records and writes a new segment; ingest merges them.
    sb.write(
        "corpus/big/extra.txt",
        b"Nobody checks the lighthouse.\n\nThe keeper lies. Choi believes the lighthouse keeper.\n",
    );
    sb.write_recaps("corpus/more", 2, 50_000);
    sb.ingest(&["corpus"]);
    let hits = sb.search("keeper", &["--unit", "paragraph"]);
    assert_eq!(
        places(&hits),
        BTreeSet::from([("corpus/big/extra.txt".into(), 2)])
    );
    assert_eq!(same_places(&sb, "lighthouse", "100"), 2);
    // Every paragraph of the generated recaps mentions the harbour; extra.txt has two
    // paragraphs that do not.
    let found = sb
        .search("harbour", &["--unit", "paragraph", "--limit", "100000"])
        .len();
    let (out, _) = sb.run_ok(&["verify"], 0);
    let indexed: usize = out
        .split(", ")
        .find_map(|part| part.strip_suffix(" paragraphs"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no paragraph count in {out}"));
    assert!(indexed > 2000, "{out}");
    assert_eq!(found, indexed - 2);
}

/// Writes `files` recaps of varied sentences: a few words are in most sentences, most are
/// rare, and sentence and paragraph lengths vary, so scores spread out.
fn write_varied_recaps(sb: &Sandbox, files: usize) {
    const COMMON: [&str; 4] = ["returns", "home", "the", "night"];
    const RARE: [&str; 12] = [
        "ferry", "lamp", "violin", "ledger", "orchard", "pistol", "glacier", "mirror", "anchor",
        "tunnel", "saddle", "beacon",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for f in 0..files {
        let mut text = format!("Recap {f}\n\n## Part one\n\n");
        for paragraph in 0..70 {
            if paragraph == 35 {
                text.push_str("## Part two\n\n");
            }
            for _ in 0..1 + next(9) {
                let mut words = vec!["Mina"];
                for _ in 0..3 + next(12) {
                    words.push(if next(3) == 0 {
                        COMMON[next(4) as usize]
                    } else {
                        RARE[next(12) as usize]
                    });
                }
                text.push_str(&words.join(" "));
                text.push_str(". ");
            }
            text.push_str("\n\n");
        }
        sb.write(&format!("corpus/v/recap_{f}.txt"), text.as_bytes());
    }
}

#[test]
fn the_top_k_of_paragraphs_is_the_head_of_the_whole_ranking() {
    // Collecting the top k lets paragraph search pass over paragraphs that cannot make it
    // (src/search/paragraphs.rs); collecting everything passes over nothing.
    let sb = Sandbox::empty();
    write_varied_recaps(&sb, 6);
    sb.ingest(&["corpus"]);
    let paragraph = |q: &str, limit: &str| sb.search(q, &["--unit", "paragraph", "--limit", limit]);
    for query in [
        "returns",
        "returns ferry",
        "the returns home night",
        "ferry lamp violin",
        "+returns ferry",
        "+returns +home lamp",
        "returns -ferry",
        "lamp -pistol",
        "\"returns home\" ledger",
        "retrns glacier",
    ] {
        let all = paragraph(query, "100000");
        assert!(all.len() > 20, "{query}: {} hits", all.len());
        for k in [1, 3, 10] {
            let top = paragraph(query, &k.to_string());
            let scores = |hits: &[JsonHit]| hits.iter().map(|h| h.score).collect::<Vec<_>>();
            assert_eq!(scores(&top), scores(&all[..k]), "{query} top {k}");
            // Places must agree wherever the score is not tied with the k-th.
            let kth = all[k - 1].score;
            let above = |hits: &[JsonHit]| {
                places(
                    &hits
                        .iter()
                        .filter(|h| h.score > kth)
                        .cloned()
                        .collect::<Vec<_>>(),
                )
            };
            assert_eq!(above(&top), above(&all[..k]), "{query} top {k}");
        }
    }
    // A document filter makes tantivy seek through the paragraphs instead.
    let all = paragraph("returns lamp", "100000");
    let filtered = paragraph("doc:v/recap_2 returns lamp", "100000");
    let expected: Vec<_> = all
        .iter()
        .filter(|h| h.path.ends_with("recap_2.txt"))
        .collect();
    assert!(!filtered.is_empty());
    assert_eq!(
        filtered
            .iter()
            .map(|h| (&h.path, h.paragraph, h.score))
            .collect::<Vec<_>>(),
        expected
            .iter()
            .map(|h| (&h.path, h.paragraph, h.score))
            .collect::<Vec<_>>()
    );
}

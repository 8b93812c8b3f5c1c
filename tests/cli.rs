//! The command line: the JSON contract, text output, exit codes, and the first run on a
//! fresh clone.

mod common;

use common::Sandbox;

const RECAP_A: &str = "corpus/000_8bf98b6dfac8ce34.txt";

#[test]
fn fresh_clone_search_builds_the_index_first() {
    let sb = Sandbox::with_shipped_corpus();
    let (out, err) = sb.run_ok(&["search", "Chef Choi"], 0);
    assert!(err.contains("building it from corpus/"), "{err}");
    assert!(err.contains("2 documents"), "{err}");
    assert!(sb.path("index/meta.json").is_file());
    assert!(out.contains("Chef Choi"), "{out}");
    let (_, err) = sb.run_ok(&["search", "Chef Choi"], 0);
    assert!(err.is_empty(), "second run uses the index: {err}");
}

#[test]
fn json_contract() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let hits = sb.search("bathtub", &[]);
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.rank, 1);
    assert!(h.score > 0.0);
    assert_eq!(h.doc, "000_8bf98b6dfac8ce34.txt");
    assert_eq!(h.path, RECAP_A);
    assert_eq!(h.unit, "claim");
    assert_eq!(h.section.as_deref(), Some("Who killed Min-Hee?"));
    assert_eq!((h.paragraph, h.claim), (3, Some(4)));
    assert_eq!(
        h.text,
        "Ok-ju went to Min-hee’s house and found her dead body in her bathtub."
    );
    assert_eq!(h.marked(), vec!["bathtub"]);
    // The other recap's counterpart, and what differs.
    assert_eq!(h.differs.len(), 1, "{:?}", h.differs);
    let d = &h.differs[0];
    assert_eq!(
        (d.kind.as_str(), d.doc.as_str(), d.line),
        ("detail", "003_224a62d9c3892ef0.txt", 7)
    );
    assert_eq!(
        d.text,
        "Soon enough, she finds Min-hee immersed in a pool of blood after slitting her wrist."
    );
    assert!(
        d.their_terms[0].contains("pool of blood"),
        "{:?}",
        d.their_terms
    );
    assert!(d.these_terms[0].contains("bathtub"), "{:?}", d.these_terms);
    let file = std::fs::read(sb.path(RECAP_A)).unwrap();
    assert_eq!(&file[h.start..h.end], h.text.as_bytes());
    let line = file[..h.start].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    assert_eq!(h.line, line);
    assert_eq!(
        h.column,
        (h.start - file[..h.start].iter().rposition(|&b| b == b'\n').unwrap()) as u64
    );

    let paras = sb.search("bathtub", &["--unit", "paragraph"]);
    assert_eq!(paras.len(), 1);
    assert_eq!(paras[0].unit, "paragraph");
    assert_eq!(paras[0].claim, None);
    assert!(paras[0].text.contains(&h.text));
    assert_eq!(
        &file[paras[0].start..paras[0].end],
        paras[0].text.as_bytes()
    );

    let many = sb.search("Choi", &[]);
    assert!(many.len() > 20);
    for (i, h) in many.iter().enumerate() {
        assert_eq!(h.rank, i + 1);
        assert!(i == 0 || many[i - 1].score >= h.score, "ranked by score");
        assert!(
            h.marked().iter().all(|m| m.starts_with("Choi")),
            "{:?}",
            h.marked()
        );
    }
}

#[test]
fn exit_codes() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    sb.run_ok(&["search", "bathtub"], 0);
    sb.run_ok(&["search", "xylophone"], 1);
    let (_, err) = sb.run_ok(&["search", "--index", "elsewhere", "bathtub"], 2);
    assert!(
        err.contains("no index at elsewhere")
            && err.contains("rashomon ingest --index elsewhere FOLDER"),
        "{err}"
    );
    // A file named as the index is no folder, for reading and for writing alike.
    sb.write("a-file", b"text");
    for args in [
        &["search", "--index", "a-file", "bathtub"][..],
        &["--index", "a-file", "ingest", "corpus"],
    ] {
        let (_, err) = sb.run_ok(args, 2);
        assert!(err.contains("a-file: not a directory"), "{err}");
    }
    // A negative score is read as a score, and refused as one.
    let (_, err) = sb.run_ok(&["diff", "--min-score", "-1"], 2);
    assert!(err.contains("not a score between 0 and 1"), "{err}");
    let (_, err) = sb.run_ok(&["search", "--", "-choi"], 2);
    assert!(err.contains("only exclusions"), "{err}");
    let (_, err) = sb.run_ok(&["search", "--doc", "nope", "choi"], 2);
    assert!(
        err.contains("no document matches \"nope\"") && err.contains("003_224a62d9c3892ef0.txt"),
        "{err}"
    );
    // The empty name would pick every document.
    let (_, err) = sb.run_ok(&["search", "--doc", "", "choi"], 2);
    assert!(err.contains("document name is empty"), "{err}");
    // One document named twice is no pair to compare.
    let (_, err) = sb.run_ok(&["diff", "003", "003_224a62d9c3892ef0.txt"], 2);
    assert!(err.contains("are one document"), "{err}");
    sb.run_ok(&["search", "--limit", "0", "choi"], 2);
    sb.run_ok(&["search"], 2);
    sb.run_ok(&["ingest", "no/such/folder"], 2);
}

#[test]
fn malformed_queries_never_panic() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    for q in [
        "\"",
        "\"unclosed phrase",
        "+",
        "-",
        "+-",
        "doc:",
        "doc:\"",
        "((",
        "*",
        "choi~2",
        "a:b:c",
        "“”",
        "‘",
        "\u{7}",
        "-\"pool of blood\"",
        "+\"\"",
        "…",
        "—",
        &"x".repeat(5000),
    ] {
        let out = sb.run(&["search", "--json", "--", q]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0..=2)), "{q:?}: {err}");
        assert!(!err.contains("panicked"), "{q:?}: {err}");
        if out.status.code() == Some(2) {
            assert!(
                err.starts_with("rashomon: "),
                "{q:?}: an error names the problem: {err}"
            );
        }
    }
}

/// A word counts once however it matches: a hyphenated name (matched as written, as its
/// parts and joined) weighs as one word, so the rarer word of the query leads.
#[test]
fn a_hyphenated_name_counts_as_one_word() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    for unit in ["claim", "paragraph"] {
        let hits = sb.search("Ok-ju bodyguard", &["--unit", unit, "--limit", "3"]);
        assert!(
            hits.iter().all(|h| h.text.contains("bodyguard")),
            "{unit}: {:?}",
            hits.iter().map(|h| &h.text).collect::<Vec<_>>()
        );
    }
    // The name alone still finds it written every way.
    let joined = sb.search("Okju", &[]);
    let spaced = sb.search("\"ok ju\"", &[]);
    assert_eq!(joined.len(), spaced.len());
    assert!(!joined.is_empty());
}

/// A question's function words count for little beside its content words: every one of
/// the top three answers is about the videos (before, `did` / `do` / `the` matches led).
#[test]
fn question_words_count_for_little() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let hits = sb.search("what did Choi do with the videos", &["--limit", "3"]);
    assert_eq!(hits.len(), 3);
    assert!(
        hits.iter().all(|h| h.text.contains("video")),
        "{:?}",
        hits.iter().map(|h| &h.text).collect::<Vec<_>>()
    );
    // In a phrase they count in full: the phrase still finds its passage first.
    let phrase = sb.search("\"what happened to\"", &["--limit", "1"]);
    assert!(phrase[0].text.to_lowercase().contains("what happened to"));
}

/// A hyphenated name misspelt in a part, or joined, finds the name (through its joined
/// form, within one edit).
#[test]
fn a_misspelt_hyphenated_name_is_found() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    for q in ["Myung-sik", "Myungsik"] {
        let hits = sb.search(q, &[]);
        assert!(!hits.is_empty(), "{q}");
        assert!(hits.iter().all(|h| h.text.contains("Myung-shik")), "{q}");
        // The user is told what was searched for instead; a word found as typed is not.
        let (_, stderr) = sb.run_ok(&["search", q], 0);
        assert_eq!(
            stderr.trim(),
            format!("rashomon: no \"{q}\" in the index; matched myungshik")
        );
    }
    let (_, stderr) = sb.run_ok(&["search", "Myung-shik"], 0);
    assert_eq!(stderr, "");
}

/// A word the query repeats counts once: the same hits, with the same scores.
#[test]
fn a_repeated_word_counts_once() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    for unit in ["claim", "paragraph"] {
        // Words standing together still do (`Chef Choi`).
        let once = sb.search("chef choi bathtub", &["--unit", unit]);
        let again = sb.search("Chef chef CHOI choi bathtub choi", &["--unit", unit]);
        assert!(!once.is_empty());
        assert_eq!(once.len(), again.len());
        for (a, b) in once.iter().zip(&again) {
            assert_eq!((&a.path, a.start), (&b.path, b.start));
            assert!((a.score - b.score).abs() < 1e-4, "{} {}", a.score, b.score);
        }
    }
}

/// Query words standing together in a claim, in the query's order, rank it above a claim
/// with the same words apart or the other way round.
#[test]
fn words_standing_together_rank_higher() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/a.txt",
        "Choi saw the chef at dawn.\n\nThe ferry left the harbour at noon.\n\n\
         Chef Choi left town at dusk.\n\nThe rain kept on until evening.\n"
            .as_bytes(),
    );
    sb.ingest(&[]);
    let hits = sb.search("chef choi", &[]);
    assert_eq!(hits.len(), 2);
    assert!(hits[0].text.starts_with("Chef Choi"), "{:?}", hits[0].text);
    assert!(hits[0].score > hits[1].score);
    // Out of order, neither is favoured: the earlier claim stays first.
    let hits = sb.search("choi chef", &[]);
    assert!(hits[0].text.starts_with("Choi saw"), "{:?}", hits[0].text);
}

/// The same for paragraphs: words of the query together in one of a paragraph's claims
/// rank it above a paragraph whose claims have them apart.
#[test]
fn words_standing_together_rank_a_paragraph_higher() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/a.txt",
        "Choi saw the chef at dawn. The ferry left at noon.\n\n\
         The ferry left at noon. Chef Choi left town at dusk.\n\n\
         The rain kept on until evening. The chef slept.\n"
            .as_bytes(),
    );
    sb.ingest(&[]);
    let hits = sb.search("chef choi", &["--unit", "paragraph"]);
    assert_eq!(hits.len(), 3);
    assert!(hits[0].text.contains("Chef Choi"), "{:?}", hits[0].text);
    assert!(hits[0].score > hits[1].score);
    let hits = sb.search("choi chef", &["--unit", "paragraph"]);
    assert!(hits[0].text.starts_with("Choi saw"), "{:?}", hits[0].text);
}

/// A passage holding all the query's words outranks a shorter one holding only the rarest:
/// BM25 alone would put the two-word line first.
#[test]
fn passages_holding_more_of_the_query_rank_higher() {
    let sb = Sandbox::empty();
    let mut text = String::from(
        "Rosie Watson.\n\nMr. Watson said the deal would add ninety cents a share.\n\n",
    );
    for i in 0..30 {
        let fare = if i % 10 == 0 { "ten cents" } else { "a pound" };
        text.push_str(&format!("The ferry number {i} cost {fare} at noon.\n\n"));
    }
    sb.write("corpus/a.txt", text.as_bytes());
    sb.ingest(&[]);
    for unit in ["claim", "paragraph"] {
        let hits = sb.search("Watson cents", &["--unit", unit]);
        assert!(
            hits[0].text.starts_with("Mr. Watson"),
            "{unit}: {:?}",
            hits[0].text
        );
        assert!(
            hits[1].text.starts_with("Rosie"),
            "{unit}: {:?}",
            hits[1].text
        );
    }
}

/// Two words of the query that the text writes as one find it, highlighted, and the one
/// word counts as both (it is not outranked by a line holding only one of them).
#[test]
fn words_the_text_joins_find_the_joined_word() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/a.txt",
        "She wiretapped the whole flat.\n\nThe wire was cut at dawn.\n\n\
         A storm tapped at the windows.\n\nNothing else happened that night.\n"
            .as_bytes(),
    );
    sb.ingest(&[]);
    let (_, stderr) = sb.run_ok(&["search", "wire tapped"], 0);
    assert_eq!(stderr, "", "the word was found, so nothing is respelled");
    let hits = sb.search("wire tapped", &[]);
    assert!(
        hits[0].text.starts_with("She wiretapped"),
        "{:?}",
        hits[0].text
    );
    assert_eq!(hits[0].marked(), ["wiretapped"]);
    assert!(hits[0].score > hits[1].score);
}

/// A word of a question finds a passage that says it in other words, highlighted there,
/// and ranked below a passage holding the word itself; a word in quotes, or a query that is
/// no question, is taken as written.
#[test]
fn words_near_in_meaning_are_found_below_the_word_itself() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/a.txt",
        "They sold him two firearms at the docks.\n\nThe ferry left the harbour at noon.\n\n\
         Later he cleaned his gun by the fire.\n\nThe rain kept on until evening.\n"
            .as_bytes(),
    );
    sb.ingest(&[]);
    for unit in ["claim", "paragraph"] {
        let hits = sb.search("who had guns", &["--unit", unit]);
        assert_eq!(hits.len(), 2, "{unit}");
        let first = &hits[0].text;
        assert!(first.starts_with("Later"), "{unit}: {first:?}");
        assert_eq!(hits[1].marked(), ["firearms"], "{unit}");
        assert!(hits[0].score > hits[1].score, "{unit}");
    }
    assert_eq!(sb.search("guns", &[]).len(), 1);
    assert_eq!(sb.search("who had \"guns\"", &[]).len(), 1);
    // Nor does an excluded word exclude its neighbours in meaning.
    let texts = sb.texts("who was at the docks -guns", &[]);
    assert!(texts[0].starts_with("They sold"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with("Later")), "{texts:?}");
}

#[test]
fn query_operators_and_document_filter() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let required = sb.search("+Choi +Lamborghini", &[]);
    assert_eq!(required.len(), 2);
    assert!(
        required
            .iter()
            .all(|h| h.text.contains("Choi") && h.text.contains("Lamborghini"))
    );
    let excluded = sb.search("Lamborghini -beloved", &[]);
    assert_eq!(excluded.len(), 1);
    assert!(!excluded[0].text.contains("beloved"));
    // A word that occurs nowhere finds nothing, and the exclusion beside it stays one.
    for unit in ["claim", "paragraph"] {
        assert!(
            sb.search("-choi qq", &["--unit", unit]).is_empty(),
            "{unit}"
        );
    }
    let only_b = sb.search("Choi", &["--doc", "003"]);
    assert!(!only_b.is_empty() && only_b.iter().all(|h| h.doc == "003_224a62d9c3892ef0.txt"));
    let inline = sb.search("Choi doc:000_8bf98b6dfac8ce34", &[]);
    assert!(!inline.is_empty() && inline.iter().all(|h| h.doc == "000_8bf98b6dfac8ce34.txt"));
    let not_a = sb.search("Choi -doc:000", &[]);
    assert_eq!(not_a.len(), only_b.len());
    // Section headings are searchable: the heading labels the passages under it.
    let symbolism = sb.search("symbolism", &["--unit", "paragraph"]);
    assert_eq!(symbolism.len(), 1);
    assert_eq!(
        symbolism[0].section.as_deref(),
        Some("What Is The Symbolism Of The Ballerina?")
    );
    assert_eq!(symbolism[0].section_highlights.len(), 1);
}

#[test]
fn text_output_is_ripgrep_like() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let (out, _) = sb.run_ok(&["search", "bathtub"], 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{RECAP_A}:7:483  Who killed Min-Hee?")),
        "{out}"
    );
    assert_eq!(
        lines[1],
        "Ok-ju went to Min-hee’s house and found her dead body in her bathtub."
    );
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );

    let (colored, _) = sb.run_ok(&["search", "--color", "always", "bathtub"], 0);
    assert!(colored.contains("\x1b[1;31mbathtub\x1b[0m"), "{colored:?}");
    let mut cmd = sb.cmd(&["search", "--color", "never", "bathtub"]);
    let never = cmd.env("CLICOLOR_FORCE", "1").output().unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\x1b'));
}

#[test]
fn long_paragraphs_show_several_fragments() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let hits = sb.search("kill", &["--unit", "paragraph", "--doc", "003"]);
    let top = &hits[0];
    assert!(top.fragments.len() >= 2, "{:?}", top.fragments);
    for f in &top.fragments {
        assert!(
            top.highlights
                .iter()
                .any(|h| h.start >= f.start && h.end <= f.end),
            "each fragment holds a match"
        );
    }
    let (out, _) = sb.run_ok(
        &[
            "search",
            "--unit",
            "paragraph",
            "--doc",
            "003",
            "--limit",
            "1",
            "kill",
        ],
        0,
    );
    let fragment_lines = out.lines().skip(1).filter(|l| l.starts_with("… ")).count();
    assert!(fragment_lines >= 2, "{out}");
}

#[test]
fn an_index_from_another_version_is_refused_or_rebuilt() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let meta = sb.path("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let stamp = format!(
        r#"\"schema_version\":{}"#,
        rashomon::index::schema::SCHEMA_VERSION
    );
    assert!(text.contains(&stamp), "{text}");
    std::fs::write(&meta, text.replace(&stamp, r#"\"schema_version\":0"#)).unwrap();

    let (_, err) = sb.run_ok(&["search", "--index", "index", "bathtub"], 2);
    assert!(
        err.contains("another version") && err.contains("rashomon ingest --rebuild"),
        "{err}"
    );
    sb.run_ok(&["ingest"], 2);

    // The default index is rebuilt from corpus/ on the spot.
    let (out, err) = sb.run_ok(&["search", "bathtub"], 0);
    assert!(err.contains("rebuilding"), "{err}");
    assert!(out.contains("bathtub"));
    sb.run_ok(&["search", "--index", "index", "bathtub"], 0);
}

#[test]
fn bench_reports_percentiles_per_query_and_overall() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    sb.write(
        "queries.txt",
        "# two queries\nbathtub\n\n\"pool of blood\"\n".as_bytes(),
    );
    let (out, _) = sb.run_ok(
        &[
            "bench",
            "--json",
            "--iterations",
            "5",
            "--queries",
            "queries.txt",
        ],
        0,
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    for (q, expected) in lines[..2].iter().zip(["bathtub", "\"pool of blood\""]) {
        assert_eq!(q["query"], expected);
        assert_eq!(q["hits"], 1);
        let p = |k: &str| q[k].as_f64().unwrap();
        assert!(
            0.0 < p("p50_us")
                && p("p50_us") <= p("p95_us")
                && p("p95_us") <= p("p99_us")
                && p("p99_us") <= p("max_us")
        );
        assert!(p("qps") > 0.0);
    }
    let summary = &lines[2];
    assert_eq!(
        (
            summary["summary"].as_bool(),
            summary["queries"].as_u64(),
            summary["iterations"].as_u64()
        ),
        (Some(true), Some(2), Some(5))
    );
    assert_eq!(
        (
            summary["documents"].as_u64(),
            summary["units"].as_u64(),
            summary["segments"].as_u64()
        ),
        (Some(2), Some(138), Some(1))
    );
    assert!(summary["index_bytes"].as_u64().unwrap() > 0);
    // Without a query file, the queries come from the corpus and find something.
    let (text, _) = sb.run_ok(&["bench", "--iterations", "2"], 0);
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("index: 2 documents"),
        "{text}"
    );
    sb.run_ok(&["bench", "--queries", "missing.txt"], 2);
}

/// Any `--limit` is fine: rashomon allocates for what the index can hold, not for what
/// was asked (a limit of two billion used to abort the process, one from 2^62 to panic).
#[test]
fn huge_limits_are_fine() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let all = sb.search("choi", &["--limit", "1000"]).len();
    assert!(all > 10);
    for limit in ["2000000000", "4611686018427387904", "18446744073709551615"] {
        for unit in ["claim", "paragraph"] {
            let hits = sb.search("choi", &["--limit", limit, "--unit", unit]);
            assert!(!hits.is_empty(), "{limit} {unit}");
            if unit == "claim" {
                assert_eq!(hits.len(), all, "{limit}");
            }
        }
    }
    let (out, _) = sb.run_ok(&["diff", "--limit", "18446744073709551615", "--json"], 0);
    assert!(out.lines().count() > 20);
    sb.run_ok(
        &["compare", "--per-source", "18446744073709551615", "bathtub"],
        0,
    );
}

/// A query made only of a word too long to be indexed says so, instead of blaming
/// punctuation.
#[test]
fn an_over_long_word_is_named_as_the_reason() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let word = "a".repeat(10_000);
    let (_, err) = sb.run_ok(&["search", &word], 2);
    assert!(err.contains("longer than 64 bytes"), "{err}");
    assert!(!err.contains("punctuation"), "{err}");
}

/// An error's cause is printed once, and the rebuild advice names the index the user gave.
#[test]
fn errors_say_their_cause_once_and_name_the_index() {
    let sb = Sandbox::with_shipped_corpus();
    let (_, err) = sb.run_ok(&["ingest", "no-such-folder"], 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    let cause = "No such file or directory";
    assert_eq!(err.matches(cause).count(), 1, "{err}");

    sb.run_ok(&["--index", "elsewhere", "ingest"], 0);
    let meta = sb.path("elsewhere/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replace("schema_version", "schema_versio")).unwrap();
    let (_, err) = sb.run_ok(&["--index", "elsewhere", "search", "bathtub"], 2);
    assert!(
        err.contains("rashomon ingest --rebuild --index elsewhere"),
        "{err}"
    );
}

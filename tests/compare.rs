//! `diff`, `compare` and the `differs` of search hits, through the binary: the JSON
//! contracts, the known examples, works as folders, several accounts per work, and
//! re-alignment when a document changes.

mod common;

use common::{JsonDifference, Sandbox, json_lines};

const A: &str = "000_8bf98b6dfac8ce34.txt";
const B: &str = "003_224a62d9c3892ef0.txt";

fn diff(sb: &Sandbox, args: &[&str]) -> Vec<JsonDifference> {
    let mut all = vec!["diff", "--json"];
    all.extend_from_slice(args);
    let out = sb.run(&all);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "diff {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let diffs: Vec<JsonDifference> = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(code == Some(0), !diffs.is_empty());
    diffs
}

fn is_villain(d: &JsonDifference) -> bool {
    d.kind == "name_variant" && d.left_terms == ["Chef Choi"] && d.right_terms == ["Pro Choi"]
}

fn is_body(d: &JsonDifference) -> bool {
    let right = d.right.as_ref().map_or("", |r| r.text.as_str());
    d.kind == "detail" && d.left.text.contains("bathtub") && right.contains("pool of blood")
}

#[test]
fn diff_json_contract_and_the_known_examples_in_the_top_five() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let diffs = diff(&sb, &["--limit", "1000"]);
    assert!(diffs.len() > 50);
    // The two recaps are found to tell one story, named after the names they share.
    let works = sb.works();
    assert_eq!(works.len(), 1, "{works:?}");
    assert_eq!(works[0].how, "inferred");
    assert_eq!(works[0].documents.len(), 2);
    let work = works[0].work.clone().unwrap();
    assert!(work.contains("choi") && work.contains("ok-ju"), "{work}");
    let top5 = &diffs[..5];
    assert!(top5.iter().any(is_villain), "{top5:#?}");
    assert!(top5.iter().any(is_body), "{top5:#?}");
    for (i, d) in diffs.iter().enumerate() {
        assert!(i == 0 || diffs[i - 1].score >= d.score, "ranked by score");
        assert_eq!(d.work, work);
        assert_eq!(d.right.is_none(), d.kind == "only_in");
        let mut sides = vec![(&d.left, &d.left_terms)];
        if let Some(r) = &d.right {
            sides.push((r, &d.right_terms));
        }
        for (side, terms) in sides {
            let file = std::fs::read(sb.path(&side.path)).unwrap();
            assert_eq!(
                &file[side.start..side.end],
                side.text.as_bytes(),
                "offsets slice the file"
            );
            let marked: Vec<&str> = side
                .highlights
                .iter()
                .map(|h| &side.text[h.start..h.end])
                .collect();
            for t in terms {
                // A name variant quotes the whole name and highlights the word that differs.
                let ok = if d.kind == "name_variant" {
                    marked.iter().any(|m| t.contains(m))
                } else {
                    marked.contains(&t.as_str())
                };
                assert!(ok, "term {t:?} is highlighted in {marked:?}");
            }
        }
    }
    // The same place is not both a difference and a non-difference: name variants are
    // never case or punctuation variants.
    assert!(!diffs.iter().any(|d| d.kind == "name_variant"
        && d.left_terms[0].to_lowercase() == d.right_terms[0].to_lowercase()));
}

#[test]
fn diff_of_two_named_documents_and_by_kind() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let reversed = diff(&sb, &["003", "000", "--limit", "1000"]);
    let villain = reversed.iter().find(|d| d.kind == "name_variant").unwrap();
    assert_eq!(
        (villain.left.doc.as_str(), villain.left_terms[0].as_str()),
        (B, "Pro Choi")
    );
    assert_eq!(villain.right.as_ref().unwrap().doc, A);
    assert!(
        reversed
            .iter()
            .filter(|d| d.right.is_some())
            .all(|d| d.left.doc == B)
    );
    let names = diff(&sb, &["--kind", "name_variant"]);
    assert!(!names.is_empty() && names.iter().all(|d| d.kind == "name_variant"));
    let only = diff(&sb, &["--kind", "only_in", "-n", "3"]);
    assert_eq!(only.len(), 3);
    assert!(
        only.iter()
            .all(|d| d.kind == "only_in" && d.right.is_none() && d.right_terms.is_empty())
    );
    let (_, err) = sb.run_ok(&["diff", "000"], 2);
    assert!(err.contains("two documents"), "{err}");
    sb.run_ok(&["diff", "000", "nope"], 2);
}

#[test]
fn diff_text_is_side_by_side_word_diff() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let (out, _) = sb.run_ok(&["diff", "--color", "never", "-n", "5"], 0);
    assert!(out.contains("[-Chef-] Choi"), "{out}");
    assert!(out.contains("{+Pro+} Choi"), "{out}");
    assert!(out.contains(" │ "), "{out}");
    assert!(
        out.lines().all(|l| l.chars().count() <= 120),
        "fits the default width"
    );
    let (colored, _) = sb.run_ok(&["diff", "--color", "always", "-n", "1"], 0);
    assert!(
        colored.contains("\x1b[1;31mChef\x1b[0m") && colored.contains("\x1b[1;32mPro\x1b[0m"),
        "{colored:?}"
    );
}

#[test]
fn compare_shows_the_bathtub_against_the_pool_of_blood() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let (out, _) = sb.run_ok(&["compare", "--json", "how did Min-hee die"], 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sources: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|v| v.get("passages").is_some())
        .collect();
    let docs: Vec<&str> = sources.iter().map(|s| s["doc"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(docs.contains(&A) && docs.contains(&B));
    for s in &sources {
        for p in s["passages"].as_array().unwrap() {
            let hit: common::JsonHit =
                serde_json::from_value(p.clone()).expect("passages are search hits");
            assert_eq!(hit.doc, s["doc"].as_str().unwrap());
        }
    }
    let diffs: Vec<JsonDifference> = lines
        .iter()
        .filter(|v| v.get("kind").is_some())
        .map(|v| serde_json::from_value(v.clone()).expect("differences are diff records"))
        .collect();
    assert!(diffs.first().is_some_and(is_body), "{diffs:#?}");

    let (text, _) = sb.run_ok(&["compare", "--color", "never", "how did Min-hee die"], 0);
    let tail = text
        .split("== Where they differ")
        .nth(1)
        .expect("a differences section");
    assert!(
        tail.contains("bathtub") && tail.contains("pool of blood"),
        "{tail}"
    );
    // A passage brought in by alignment says so rather than show a score of 0.
    let passages = text.split("== Where they differ").next().unwrap();
    assert!(!passages.contains("score 0.00"), "{passages}");
    assert!(
        passages.contains("aligned with another source's answer"),
        "{passages}"
    );
    sb.run_ok(&["compare", "xylophone"], 1);
}

#[test]
fn search_hits_mark_where_another_account_differs() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let (out, _) = sb.run_ok(&["search", "bathtub"], 0);
    let mark = out.lines().find(|l| l.starts_with('≠')).expect("a ≠ line");
    assert!(mark.starts_with(&format!("≠ {B}:7")), "{mark}");
    assert!(
        mark.contains("pool of blood") && mark.contains(" ↔ ") && mark.contains("bathtub"),
        "{mark}"
    );
    // A paragraph hit lists the counterparts of its claims.
    let paras = sb.search("bathtub", &["--unit", "paragraph"]);
    assert!(
        paras[0]
            .differs
            .iter()
            .any(|d| d.text.contains("pool of blood"))
    );
}

const LAKE_ONE: &str = "The Lake House\n\nAt dawn, Detective Park arrives at the lake house. Park finds the knife in the garden behind the house. The victim, Ellen Ward, had been dead for two days.\n\nPark questions the gardener about the night of the storm. The gardener says he heard a car leave at midnight. In the end, Park arrests the gardener on Sunday.\n";
const LAKE_TWO: &str = "The Lake House\n\nIn the evening, Inspector Park arrives at the lake house. Park finds the knife in the river below the house. The victim, Ellen Ward, had been dead for two days.\n\nPark questions the gardener about the night of the storm. The gardener says he heard a boat leave at midnight. In the end, Park lets the gardener go free.\n";
const LAKE_THREE: &str = "The Lake House\n\nAt dawn, Detective Park arrives at the lake house. Park finds the knife in the cellar under the house. Ellen Ward had been dead for two days.\n\nPark questions the gardener about the storm. The gardener says he heard a car leave at midnight. A red Ferrari was parked outside all night. In the end, Park arrests the gardener on Sunday.\n";
const SEA_X: &str = "Captain Rhee sails the ship into the harbour at night. Rhee hides the gold in the hold. The crew never learns where Rhee hid it.\n";
const SEA_Y: &str = "Captain Rhee sails the ship into the harbour at noon. Rhee hides the gold in the lighthouse. The crew never learns where Rhee hid it.\n";

fn two_works() -> Sandbox {
    let sb = Sandbox::empty();
    sb.write("corpus/lake/one.txt", LAKE_ONE.as_bytes());
    sb.write("corpus/lake/two.txt", LAKE_TWO.as_bytes());
    sb.write("corpus/lake/three.txt", LAKE_THREE.as_bytes());
    sb.write("corpus/sea/x.txt", SEA_X.as_bytes());
    sb.write("corpus/sea/y.txt", SEA_Y.as_bytes());
    sb.ingest(&[]);
    sb
}

fn right_text(d: &JsonDifference) -> &str {
    d.right.as_ref().map_or("", |r| r.text.as_str())
}

/// Two stories in two folders: each is found from the texts as one work, and each pair of
/// its accounts is compared, never accounts across works.
#[test]
fn works_are_found_from_the_texts_and_any_number_of_accounts_compare() {
    let sb = two_works();
    let works = sb.works();
    let documents: Vec<Vec<String>> = works.iter().map(|w| w.documents.clone()).collect();
    assert_eq!(
        documents,
        vec![
            vec![
                "corpus/lake/one.txt",
                "corpus/lake/three.txt",
                "corpus/lake/two.txt"
            ],
            vec!["corpus/sea/x.txt", "corpus/sea/y.txt"],
        ],
        "{works:?}"
    );
    let diffs = diff(&sb, &["--limit", "1000"]);
    for d in &diffs {
        let folder = |path: &str| path.rsplit_once('/').unwrap().0.to_owned();
        assert_eq!(sb.work_of(&d.left.path).as_ref(), Some(&d.work));
        if let Some(r) = &d.right {
            assert_eq!(
                folder(&r.path),
                folder(&d.left.path),
                "never across works: {d:?}"
            );
        }
    }
    let found = |kind: &str, left: &str, right: &str| {
        diffs.iter().any(|d| {
            let (l, r) = (d.left.text.as_str(), right_text(d));
            d.kind == kind
                && ((l.contains(left) && r.contains(right))
                    || (l.contains(right) && r.contains(left)))
        })
    };
    // Three accounts: every pair that differs is reported.
    assert!(found("detail", "garden", "river"));
    assert!(found("detail", "garden", "cellar"));
    assert!(found("detail", "cellar", "river"));
    assert!(found("detail", "a car", "a boat"));
    assert!(found("detail", "at night", "at noon"));
    assert!(found("detail", "in the hold", "in the lighthouse"));
    let names: Vec<_> = diffs.iter().filter(|d| d.kind == "name_variant").collect();
    assert_eq!(
        names.len(),
        2,
        "one and three say Detective, two says Inspector: {names:#?}"
    );
    assert!(
        names
            .iter()
            .all(|d| d.left_terms[0].ends_with("Park") && d.right_terms[0].ends_with("Park"))
    );
    assert!(
        diffs
            .iter()
            .any(|d| d.kind == "only_in" && d.left.text.contains("Ferrari"))
    );
    // Things all accounts say alike are not differences.
    assert!(
        !diffs
            .iter()
            .any(|d| d.left.text.contains("crew never learns"))
    );
    // A pair of documents in different works is not compared, and rashomon says why.
    let (_, err) = sb.run_ok(&["diff", "lake/one.txt", "sea/x.txt"], 2);
    assert!(err.contains("not accounts of one work"), "{err}");
}

/// `compare` picks the work a question is about, and says which accounts do not address it.
#[test]
fn compare_answers_from_the_work_asked_about() {
    let sb = two_works();
    let sources = |query: &str| -> Vec<serde_json::Value> {
        let (out, _) = sb.run_ok(&["compare", "--json", query], 0);
        out.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v.get("passages").is_some())
            .collect()
    };
    // The sea story alone, though the lake accounts also say "the" and "where".
    let sea = sources("where did Rhee hide the gold");
    let paths: Vec<&str> = sea.iter().map(|s| s["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths.iter().all(|p| p.starts_with("corpus/sea/")),
        "{paths:?}"
    );
    assert!(sea.iter().all(|s| s["addresses"] == true));
    // Only the third lake account tells of the Ferrari: the other two are listed, and
    // said not to address it.
    let lake = sources("the red Ferrari parked outside all night");
    let addresses = |path: &str| {
        let s = lake.iter().find(|s| s["path"] == path).expect(path);
        (
            s["addresses"].as_bool().unwrap(),
            s["passages"].as_array().unwrap().len(),
        )
    };
    assert_eq!(lake.len(), 3, "{lake:#?}");
    assert!(addresses("corpus/lake/three.txt").0);
    assert_eq!(addresses("corpus/lake/one.txt"), (false, 0));
    assert_eq!(addresses("corpus/lake/two.txt"), (false, 0));
    let (text, _) = sb.run_ok(
        &[
            "compare",
            "--color",
            "never",
            "the red Ferrari parked outside all night",
        ],
        0,
    );
    assert!(
        text.contains("== corpus/lake/one.txt (does not address this)"),
        "{text}"
    );
}

#[test]
fn changing_a_document_realigns_its_work_only() {
    let sb = two_works();
    let lake_id = sb.work_of("corpus/lake/one.txt").unwrap();
    let before = diff(&sb, &["--limit", "1000"]);
    assert!(
        before
            .iter()
            .any(|d| right_text(d).contains("lighthouse") || d.left.text.contains("lighthouse"))
    );
    // The sea accounts now agree on where the gold is; the lake work is untouched.
    sb.write(
        "corpus/sea/y.txt",
        SEA_Y.replace("the lighthouse", "the hold").as_bytes(),
    );
    let out = sb.ingest(&[]);
    assert!(out.contains("1 work compared"), "{out}");
    let after = diff(&sb, &["--limit", "1000"]);
    assert!(
        !after
            .iter()
            .any(|d| right_text(d).contains("lighthouse") || d.left.text.contains("lighthouse"))
    );
    let sea_id = sb.work_of("corpus/sea/y.txt").unwrap();
    assert!(
        after.iter().any(|d| d.work == sea_id
            && (d.left.text.contains("noon") || right_text(d).contains("noon")))
    );
    assert_eq!(sb.work_of("corpus/lake/one.txt").unwrap(), lake_id);
    let lake = |v: &[JsonDifference]| v.iter().filter(|d| d.work == lake_id).count();
    assert_eq!(lake(&after), lake(&before));
    // With one account left, a work has nothing to compare.
    std::fs::remove_file(sb.path("corpus/sea/x.txt")).unwrap();
    sb.ingest(&[]);
    assert!(
        diff(&sb, &["--limit", "1000"])
            .iter()
            .all(|d| !d.left.path.starts_with("corpus/sea"))
    );
    assert_eq!(sb.work_of("corpus/sea/y.txt"), None, "alone");
    let hits = sb.search("gold", &[]);
    assert!(
        hits.iter().all(|h| h.differs.is_empty()),
        "no stale counterparts"
    );
}

/// The differences the index in `sb` holds, read back, and those comparing each of its
/// works afresh finds; both without text ranges, in one order.
fn stored_and_expected(
    sb: &Sandbox,
) -> (
    Vec<rashomon::compare::Difference>,
    Vec<rashomon::compare::Difference>,
) {
    use rashomon::compare::{Difference, align_work};
    use rashomon::index::IndexHandle;

    let handle = IndexHandle::open(&sb.path("index")).unwrap();
    let mut lookup = handle.lookup();
    let docs = lookup.documents().unwrap();
    let mut expected: Vec<Difference> = Vec::new();
    for work in &sb.work_ids() {
        let mut accounts: Vec<_> = docs
            .iter()
            .filter(|d| d.work == *work)
            .map(|d| lookup.account(d).unwrap())
            .collect();
        accounts.sort_by(|a, b| a.path.cmp(&b.path));
        expected.extend(align_work(work, &accounts).differences);
    }
    let stored = lookup.differences().unwrap();
    let mut read: Vec<Difference> = stored
        .into_iter()
        .map(|d| lookup.difference(d).unwrap())
        .collect();
    let clear = |list: &mut Vec<Difference>| {
        for d in list.iter_mut() {
            d.left.text_range = None;
            if let Some(r) = &mut d.right {
                r.text_range = None;
            }
            // The evidence behind a score, and the head word's kind behind `about`, are
            // not stored.
            d.evidence = Default::default();
            d.head = None;
        }
        list.sort_by(|a, b| {
            (&a.left.path, a.left.start, a.kind)
                .cmp(&(&b.left.path, b.left.start, b.kind))
                .then(b.score.total_cmp(&a.score))
                .then_with(|| {
                    a.right
                        .as_ref()
                        .map(|r| r.start)
                        .cmp(&b.right.as_ref().map(|r| r.start))
                })
        });
    };
    clear(&mut expected);
    clear(&mut read);
    (read, expected)
}

/// The index stores a difference as numbers (where each side and word is) and reads it
/// back from the stored text: what comes back is exactly what comparison found.
#[test]
fn stored_differences_read_back_exactly() {
    let sb = Sandbox::with_shipped_corpus();
    // A name variant whose words are not one piece of the text, and non-ASCII text.
    sb.write(
        "corpus/extra/a.txt",
        "Inspector Lestrade finds the café owner at dawn.\n\nThe owner says nothing.\n".as_bytes(),
    );
    sb.write(
        "corpus/extra/b.txt",
        "Detective   Lestrade finds the café owner at dusk.\n\nThe owner says nothing.\n"
            .as_bytes(),
    );
    sb.ingest(&[]);
    let (read, expected) = stored_and_expected(&sb);
    assert!(expected.len() > 40, "{} differences", expected.len());
    let extra = sb
        .work_of("corpus/extra/a.txt")
        .expect("a and b tell one story");
    assert_eq!(sb.work_of("corpus/extra/b.txt"), Some(extra.clone()));
    assert!(
        expected.iter().any(|d| d.work == extra),
        "the extra work has differences"
    );
    assert_eq!(read.len(), expected.len());
    for (r, e) in read.iter().zip(&expected) {
        assert_eq!(r, e);
    }
}

/// Ingest compares works on threads of their own, ahead of writing them. After an
/// update that changes documents of two works out of four and removes one of a third,
/// every work holds exactly the differences comparing it afresh finds: none left over
/// from before, none missing, none filed under another work.
#[test]
fn updates_across_works_keep_each_works_differences_current() {
    let sb = Sandbox::with_shipped_corpus();
    let recap = |who: &str, place: &str, when: &str| {
        format!(
            "{who} finds the stolen ledger in {place} at {when}.\n\n\
             The clerk says nothing, and {who} leaves by the back door.\n"
        )
    };
    // Told alike but for a place, the three are declared three works (`rashomon.works`).
    for (work, place) in [
        ("heist", "the vault"),
        ("harbour", "a crate"),
        ("tower", "the attic"),
    ] {
        sb.write(
            &format!("corpus/{work}/a.txt"),
            recap("Inspector Lestrade", place, "dawn").as_bytes(),
        );
        sb.write(
            &format!("corpus/{work}/b.txt"),
            recap("Detective Lestrade", place, "dusk").as_bytes(),
        );
        sb.write(
            &format!("corpus/{work}/c.txt"),
            recap("Constable Lestrade", place, "noon").as_bytes(),
        );
        sb.write(
            &format!("corpus/{work}/rashomon.works"),
            format!("*: The {work} case\n").as_bytes(),
        );
    }
    sb.ingest(&[]);
    let works = sb.work_ids();
    assert_eq!(works.len(), 4, "{works:?}");
    for id in ["the-harbour-case", "the-heist-case", "the-tower-case"] {
        assert!(works.iter().any(|w| w == id), "{works:?}");
    }
    let (read, expected) = stored_and_expected(&sb);
    assert_eq!(read, expected);
    let before = read.len();

    sb.write(
        "corpus/heist/a.txt",
        recap("Inspector Lestrade", "the chimney", "midnight").as_bytes(),
    );
    sb.write(
        "corpus/tower/b.txt",
        recap("Detective Lestrade", "a hatbox", "dusk").as_bytes(),
    );
    std::fs::remove_file(sb.path("corpus/harbour/c.txt")).unwrap();
    sb.ingest(&[]);
    let (read, expected) = stored_and_expected(&sb);
    assert_eq!(read, expected);
    for work in works.iter().filter(|w| w.ends_with("-case")) {
        assert!(
            read.iter().any(|d| d.work == *work),
            "{work} has differences"
        );
    }
    assert!(
        read.iter()
            .any(|d| d.left_terms.iter().any(|t| t.contains("chimney"))),
        "the changed heist account is compared"
    );
    assert!(
        !read.iter().any(|d| d.left.path.ends_with("harbour/c.txt")
            || d.right
                .as_ref()
                .is_some_and(|r| r.path.ends_with("harbour/c.txt"))),
        "the removed account left no differences"
    );
    assert_ne!(read.len(), before);
}

#[test]
fn search_ranks_by_the_claims_alone_not_by_what_comparison_found() {
    // The shipped recaps, once declared one work (compared: the index records their
    // differences) and once two (compared with nothing). The claims are the same, so every
    // hit, and its score, must be too, for claims and for paragraphs.
    let recap = |name: &str| std::fs::read_to_string(common::shipped_corpus().join(name)).unwrap();
    let (a, b) = (recap(A), recap(B));
    let indexed = |works: [&str; 2]| {
        let sb = Sandbox::empty();
        for (name, work, text) in [("a.md", works[0], &a), ("b.md", works[1], &b)] {
            sb.write(
                &format!("c/{name}"),
                format!("---\nwork: {work}\n---\n{text}").as_bytes(),
            );
        }
        sb.ingest(&["c"]);
        let mut found = Vec::new();
        for unit in ["claim", "paragraph"] {
            for query in ["who killed her friend", "Choi bathtub", "Lamborghini"] {
                for hit in sb.search(query, &["--unit", unit]) {
                    found.push((hit.doc, hit.text, hit.score));
                }
            }
        }
        (found, diff(&sb, &[]).len())
    };
    let (together, compared) = indexed(["Ballerina", "Ballerina"]);
    let (apart, none) = indexed(["Ballerina", "Another film"]);
    assert!(compared > 0, "one work is compared");
    assert_eq!(none, 0, "two works of one account each are not");
    assert!(!together.is_empty());
    assert_eq!(together, apart);
}

//! Ranking quality on judged query sets (tests/fixtures/queries/): known-item, typo,
//! variant and question-style queries over three corpora nobody on the project wrote (the
//! shipped recaps, eight Brown corpus press reviews, Samuel-Kings/Chronicles parallels),
//! each judged by a reader who did not see rashomon's output: the sentences that answer it.
//!
//! For claims and for paragraphs, per corpus and kind: MRR (the mean of 1 / the rank of the
//! first passage holding an answer, 0 beyond the top 10) and recall@3 (the share of queries
//! with an answer in the top 3). Run with `-- --nocapture` to see the table.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{JsonHit, Sandbox};
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    corpus: String,
    documents: String,
    queries: Vec<Judged>,
}

#[derive(Deserialize)]
struct Judged {
    id: String,
    kind: String,
    query: String,
    relevant: Vec<Relevant>,
}

#[derive(Deserialize)]
struct Relevant {
    doc: String,
    contains: String,
}

const SETS: [&str; 3] = ["recaps", "brown-reviews", "kings-chronicles"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Set {
    let path = root()
        .join("tests/fixtures/queries")
        .join(name)
        .join("queries.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A sandbox whose corpus holds the set's documents (those its queries name).
fn sandbox(set: &Set) -> Sandbox {
    let sb = Sandbox::empty();
    let folder = root().join(&set.documents);
    let mut docs: Vec<&str> = set
        .queries
        .iter()
        .flat_map(|q| q.relevant.iter().map(|r| r.doc.as_str()))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            sb.write(&format!("corpus/{name}"), &std::fs::read(&path).unwrap());
        }
    }
    assert!(
        docs.iter().all(|d| Path::new(&folder).join(d).exists()),
        "{}: a judged document is missing",
        set.corpus
    );
    sb.ingest(&[]);
    sb
}

/// The rank (1-based) of the first hit holding an answer, within the top 10.
fn first_answer(judged: &Judged, hits: &[JsonHit]) -> Option<usize> {
    hits.iter()
        .take(10)
        .position(|h| {
            judged
                .relevant
                .iter()
                .any(|r| h.doc == r.doc && h.text.contains(&r.contains))
        })
        .map(|i| i + 1)
}

/// (MRR, recall@3, queries) per kind and overall, for one corpus and unit.
fn measure(set: &Set, sb: &Sandbox, unit: &str) -> BTreeMap<String, (f64, f64, usize)> {
    let mut out: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
    for judged in &set.queries {
        let hits = sb.search(&judged.query, &["--unit", unit, "--limit", "10"]);
        let rank = first_answer(judged, &hits);
        if std::env::var_os("SHOW").is_some() && rank.is_none_or(|r| r > 3) {
            eprintln!("   {unit} {} {:?}: rank {rank:?}", judged.id, judged.query);
        }
        for key in [judged.kind.clone(), "all".to_owned()] {
            let e = out.entry(key).or_default();
            e.0 += rank.map_or(0.0, |r| 1.0 / r as f64);
            e.1 += f64::from(u8::from(rank.is_some_and(|r| r <= 3)));
            e.2 += 1;
        }
    }
    for e in out.values_mut() {
        e.0 /= e.2 as f64;
        e.1 /= e.2 as f64;
    }
    out
}

#[test]
fn judged_queries_rank_their_answers_near_the_top() {
    eprintln!(
        "{:17} {:9} {:>22} {:>22} {:>22} {:>22} {:>22}",
        "corpus", "unit", "all", "known_item", "typo", "variant", "question"
    );
    let mut overall = Vec::new();
    for name in SETS {
        let set = load(name);
        let sb = sandbox(&set);
        for unit in ["claim", "paragraph"] {
            let figures = measure(&set, &sb, unit);
            let cell = |k: &str| {
                figures.get(k).map_or("-".to_owned(), |(mrr, r3, n)| {
                    format!("MRR {mrr:.2} R@3 {r3:.2} ({n:2})")
                })
            };
            eprintln!(
                "{:17} {:9} {:>22} {:>22} {:>22} {:>22} {:>22}",
                set.corpus,
                unit,
                cell("all"),
                cell("known_item"),
                cell("typo"),
                cell("variant"),
                cell("question")
            );
            overall.push((set.corpus.clone(), unit, figures["all"]));
        }
    }
    // Floors: what ranking reached when the sets were added (MRR 0.80-0.93, recall@3
    // 0.85-0.96), less a margin; raise them as ranking improves.
    for (corpus, unit, (mrr, r3, _)) in &overall {
        assert!(*mrr >= 0.75, "{corpus} {unit}: MRR {mrr:.2}");
        assert!(*r3 >= 0.8, "{corpus} {unit}: recall@3 {r3:.2}");
    }
}

/// A question of a compare set (tests/fixtures/compare/): for each account, the sentence
/// that answers it, judged blind.
#[derive(Deserialize)]
struct Question {
    id: String,
    question: String,
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    doc: String,
    contains: Option<String>,
}

#[derive(Deserialize)]
struct QuestionSet {
    documents: String,
    questions: Vec<Question>,
}

/// One source of `compare --json`.
#[derive(Deserialize)]
struct Source {
    doc: String,
    work: String,
    addresses: bool,
    passages: Vec<JsonHit>,
}

/// `compare QUESTION` on corpora of several stories: the work the question is about comes
/// first, and each account's answer is among its first two passages. Two corpora: the
/// shipped recaps, and the Samuel-Kings/Chronicles and Kings/prophets parallels in one
/// folder (nine stories), so that choosing the work matters. Prints, per corpus, the
/// questions answered in every account, those whose work was chosen first, and the mean
/// number of works compared.
#[test]
fn compare_answers_questions_in_each_account() {
    // (corpus, its sets, the share of questions that must be answered in every account).
    // Floors: what `compare` reached when the sets were added (3 of 8 recap questions, 12
    // of 18 others), less a margin; it answers by the query's own words, so questions
    // answered in other words are missed. Raise them as that changes.
    let corpora: [(&str, &[&str], f64); 2] = [
        ("recaps", &["recaps"], 0.3),
        ("bible", &["kings-chronicles", "kings-prophets"], 0.6),
    ];
    let mut figures = Vec::new();
    for (corpus, sets, floor) in corpora {
        let sb = Sandbox::empty();
        let mut questions = Vec::new();
        for name in sets {
            let path = root()
                .join("tests/fixtures/compare")
                .join(name)
                .join("questions.json");
            let set: QuestionSet =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for entry in std::fs::read_dir(root().join(&set.documents)).unwrap() {
                let path = entry.unwrap().path();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                if file.ends_with(".txt") {
                    sb.write(&format!("corpus/{file}"), &std::fs::read(&path).unwrap());
                }
            }
            questions.extend(set.questions);
        }
        sb.ingest(&[]);
        let work_of = |doc: &str| sb.work_of(&format!("corpus/{doc}")).unwrap_or_default();
        let (mut answered, mut work_first, mut works_shown) = (0, 0, 0);
        for q in &questions {
            let (out, _) = sb.run_ok(&["compare", "--json", &q.question], 0);
            let sources: Vec<Source> = out
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect();
            let mut works: Vec<&str> = Vec::new();
            for s in &sources {
                if !works.contains(&s.work.as_str()) {
                    works.push(&s.work);
                }
            }
            works_shown += works.len();
            work_first += usize::from(works.first() == Some(&work_of(&q.answers[0].doc).as_str()));
            let ok = q.answers.iter().all(|a| {
                let source = sources.iter().find(|s| s.doc == a.doc);
                match (&a.contains, source) {
                    (Some(text), Some(s)) => {
                        s.passages.iter().take(2).any(|p| p.text.contains(text))
                    }
                    (None, s) => s.is_none_or(|s| !s.addresses && s.passages.is_empty()),
                    (Some(_), None) => false,
                }
            });
            answered += usize::from(ok);
            if std::env::var_os("SHOW").is_some() && !ok {
                eprintln!(
                    "   {corpus} {} {:?}: not answered in every account",
                    q.id, q.question
                );
            }
        }
        let n = questions.len();
        eprintln!(
            "{corpus:8} answered {answered:2}/{n} ({:.2}); work first {work_first:2}/{n}; works shown per question {:.1}",
            answered as f64 / n as f64,
            works_shown as f64 / n as f64
        );
        figures.push((
            corpus,
            answered as f64 / n as f64,
            work_first as f64 / n as f64,
            floor,
        ));
    }
    // The work asked about is found first for every question of the sets.
    for (corpus, answered, first, floor) in figures {
        assert!(first >= 0.95, "{corpus}: work first in {first:.2}");
        assert!(answered >= floor, "{corpus}: answered {answered:.2}");
    }
}

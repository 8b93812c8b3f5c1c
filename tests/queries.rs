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
    /// For the questions of `paraphrase.json`: whether the answer words the key idea
    /// otherwise than the question.
    #[serde(default)]
    paraphrase: bool,
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
    load_file(name, "queries.json")
}

fn load_file(name: &str, file: &str) -> Set {
    let path = root().join("tests/fixtures/queries").join(name).join(file);
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

/// One cell of a printed table: the figures of `kind`, or `-` when it has no queries.
fn cell(figures: &BTreeMap<String, (f64, f64, usize)>, kind: &str) -> String {
    figures.get(kind).map_or("-".to_owned(), |(mrr, r3, n)| {
        format!("MRR {mrr:.2} R@3 {r3:.2} ({n:2})")
    })
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
            let cell = |k: &str| cell(&figures, k);
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
    // 0.85-0.96), raised when passages holding more of the query came to rank higher (MRR
    // 0.83-0.95, recall@3 0.85-0.96), less a margin; raise them as ranking improves.
    for (corpus, unit, (mrr, r3, _)) in &overall {
        assert!(*mrr >= 0.8, "{corpus} {unit}: MRR {mrr:.2}");
        assert!(*r3 >= 0.8, "{corpus} {unit}: recall@3 {r3:.2}");
    }
}

/// Questions a reader asks in their own words (`paraphrase.json` of each set: 16 per
/// corpus, written blind after the sets above, most answered in other words: `how did Choi
/// get rich`, "earning a huge amount of money"). Prints MRR and recall@3 for the questions
/// answered in other words and for those sharing the key word, claims and paragraphs.
#[test]
fn questions_asked_in_other_words() {
    let mut overall = Vec::new();
    for name in SETS {
        let mut set = load_file(name, "paraphrase.json");
        for q in &mut set.queries {
            q.kind = if q.paraphrase {
                "other words"
            } else {
                "same word"
            }
            .to_owned();
        }
        let sb = sandbox(&set);
        for unit in ["claim", "paragraph"] {
            let figures = measure(&set, &sb, unit);
            let cell = |k: &str| cell(&figures, k);
            eprintln!(
                "{:17} {:9} all {:>22}  other words {:>22}  same word {:>22}",
                set.corpus,
                unit,
                cell("all"),
                cell("other words"),
                cell("same word"),
            );
            overall.push((set.corpus.clone(), unit, figures["all"]));
        }
    }
    // Floors: without words near in meaning these questions reached a mean MRR of 0.37
    // (claims 0.12-0.35, paragraphs 0.33-0.60); with them, and with paragraphs earning the
    // neighbour bonus, 0.41 (claims 0.14-0.36, paragraphs 0.38-0.63).
    let mean = overall.iter().map(|o| o.2.0).sum::<f64>() / overall.len() as f64;
    eprintln!("mean MRR {mean:.3}");
    assert!(mean >= 0.39, "mean MRR {mean:.3}");
    for (corpus, unit, (mrr, _, _)) in &overall {
        assert!(*mrr >= 0.1, "{corpus} {unit}: MRR {mrr:.2}");
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
    // of 18 others), then with passages holding more of the query ranked higher (4 of 8,
    // 13 of 18), less a margin; it answers by the query's own words, so questions
    // answered in other words are missed. Raise them as that changes.
    let corpora: [(&str, &[&str], f64); 2] = [
        ("recaps", &["recaps"], 0.45),
        ("bible", &["kings-chronicles", "kings-prophets"], 0.65),
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

/// Where the npm package `nlp-corpus` 4.4.0 is unpacked (`.ci/run` fetches it there; it is
/// not committed: it holds lyrics and transcripts we may not redistribute). Another place
/// can be named with `RASHOMON_NLP_CORPUS`.
fn nlp_corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("RASHOMON_NLP_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/nlp-corpus/package/builds"));
    if dir.join("doc-0.json").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{}: nlp-corpus is missing; .ci/run fetches it",
        dir.display()
    );
    eprintln!("skipped: {} is missing (.ci/run fetches it)", dir.display());
    None
}

/// Every sentence of `nlp-corpus` (100,000 one-line texts: messages, forum posts, lyrics,
/// reviews, old prose), written one a block as a user would paste them, is a passage: 100
/// of them, drawn at random, each searched by its three rarest words (by how many
/// sentences hold them, through the one analyzer), come back in the top 3, for claims and
/// for paragraphs. Before headings needed headed prose, a third of these texts became
/// headings and were not passages at all.
#[test]
fn informal_sentences_come_back_by_their_rarest_words() {
    let Some(dir) = nlp_corpus() else { return };
    let sb = Sandbox::empty();
    let mut sentences: Vec<(String, usize, String)> = Vec::new();
    for i in 0..100 {
        let name = format!("doc-{i}");
        let path = dir.join(format!("{name}.json"));
        let texts: Vec<String> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut file = String::new();
        let mut blocks = 0;
        for text in texts {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            if blocks > 0 {
                file.push('\n');
            }
            file.push_str(&text);
            file.push('\n');
            // Block k (from 0) starts on line 2k + 1.
            sentences.push((format!("{name}.txt"), 2 * blocks + 1, text));
            blocks += 1;
        }
        sb.write(&format!("corpus/{name}.txt"), file.as_bytes());
    }
    sb.ingest(&[]);

    // The terms of each word of each sentence, and how many sentences hold each term.
    let mut words = rashomon::analysis::WordAnalyzer::default();
    let mut held: std::collections::HashMap<String, usize> = Default::default();
    let mut terms_of: Vec<Vec<(String, Vec<String>)>> = Vec::new();
    for (_, _, text) in &sentences {
        let mut these: Vec<(String, Vec<String>)> = Vec::new();
        words.each_word(text, |start, tokens| {
            if let (Some(from), Some(to)) = (
                tokens.iter().map(|t| t.offset_from).min(),
                tokens.iter().map(|t| t.offset_to).max(),
            ) {
                let word = &text[start + from..start + to];
                let terms: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
                these.push((word.to_owned(), terms));
            }
        });
        let mut distinct: Vec<&String> = these.iter().flat_map(|(_, t)| t).collect();
        distinct.sort_unstable();
        distinct.dedup();
        for term in distinct {
            *held.entry(term.clone()).or_default() += 1;
        }
        terms_of.push(these);
    }

    // 100 sentences of three or more distinct words, drawn by a fixed linear congruential
    // sequence (so the sample is the same on every run).
    let mut state: u64 = 20_261_202;
    let mut drawn = Vec::new();
    while drawn.len() < 100 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let i = (state >> 33) as usize % sentences.len();
        // A word is as rare as its rarest term (a hyphenated name's joined form).
        let mut rare: Vec<(usize, &str)> = terms_of[i]
            .iter()
            .map(|(word, terms)| (terms.iter().map(|t| held[t]).min().unwrap(), word.as_str()))
            .collect();
        rare.sort_unstable();
        rare.dedup_by(|a, b| a.1.eq_ignore_ascii_case(b.1));
        if rare.len() >= 3 && !drawn.iter().any(|(j, _)| *j == i) {
            let query: Vec<&str> = rare.iter().take(3).map(|(_, w)| *w).collect();
            drawn.push((i, query.join(" ")));
        }
    }

    for unit in ["claim", "paragraph"] {
        let mut found = 0;
        for (i, query) in &drawn {
            let (doc, line, text) = &sentences[*i];
            let hits = sb.search(query, &["--unit", unit, "--limit", "3"]);
            // The sentence itself, or a copy of it elsewhere in the corpus.
            let back = hits
                .iter()
                .any(|h| (h.doc == *doc && h.line == *line as u64) || h.text == *text);
            if back {
                found += 1;
            } else if std::env::var_os("SHOW").is_some() {
                eprintln!("   {unit} {query:?} -> {text:?} not in the top 3");
            }
        }
        eprintln!("nlp-corpus {unit:9} {found}/100 sentences in the top 3 by their rarest words");
        assert!(found >= 95, "{unit}: {found}/100");
    }
}

//! Stories: which documents tell the same story, so that only accounts of one story are
//! compared, however the files are kept.
//!
//! A document may say which work it belongs to (front matter `work:`, or a
//! `rashomon.works` file in its folder: see `corpus::works`); documents that say the same
//! are one work, whatever their text. The others are grouped by what they share that is
//! specific to one story:
//!
//! 1. **Profile** ([`Profile::of`]): each document's most telling terms, through the one
//!    analyzer: stop words and numbers left out, each term weighted by its count and by how
//!    rare it is in English at large ([`Background`]: a word table made from text nobody
//!    here wrote). Names of people and places, and the rare nouns of one plot, come first.
//!    Profiles are stored with each document, so a re-ingest reads no unchanged file.
//! 2. **Weights** ([`Grouping::of`]): a term counts for more the fewer documents of the
//!    corpus have it, the corpus's own document frequencies smoothed by the background's
//!    (so a folder of two documents still knows `the film` from `Choi`).
//! 3. **Candidates** through an inverted index of each document's few strongest terms:
//!    documents are only ever scored against documents that share one, so the cost grows
//!    with documents x candidates, never documents².
//! 4. **Links and works**: two documents whose weighted profiles have a cosine of at least
//!    [`STORY_LINK`] tell the same story; works are the connected groups of links. A
//!    document linked to none is alone: compared with nothing.
//!
//! Every tuning value is in the block below, with where it came from.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analysis::{WordAnalyzer, is_stop_word};

// --- Tuning (measured on the labelled sets described in docs/stories.md) ---

/// Terms kept in a document's profile. Enough for the names and rare words of a long
/// account; more adds only words common to many stories.
pub const PROFILE_TERMS: usize = 64;
/// A document's strongest terms by which candidates are found.
pub const KEY_TERMS: usize = 12;
/// A key term that more documents than this share is no story's own (`David` in a folder
/// of Bible stories): it finds no candidates, though it still counts in the score. Keeps
/// finding candidates at most `KEY_TERMS x MAX_KEY_DOCUMENTS` steps a document.
pub const MAX_KEY_DOCUMENTS: usize = 64;
/// Documents scored against each document: those sharing most of its keys. With
/// [`MAX_KEY_DOCUMENTS`], what bounds grouping's cost to documents x candidates.
pub const CANDIDATES: usize = 32;
/// Shared words listed for an inferred work, and how many of them name it.
pub const SHARED_WORDS: usize = 8;
pub const ID_WORDS: usize = 3;
/// How many background documents the corpus's own frequencies are smoothed with.
pub const BACKGROUND_WEIGHT: f32 = 20.0;
/// Cosine of two weighted profiles from which they tell the same story.
pub const STORY_LINK: f32 = link_threshold();
const fn link_threshold() -> f32 {
    0.3
}
/// Mean cosine, over all pairs across, from which two groups join.
pub const STORY_MEAN: f32 = mean_threshold();
const fn mean_threshold() -> f32 {
    0.25
}

/// How common each word is in English at large: the number of documents of a background
/// corpus (nlp-corpus, MIT: see `data/README.md`) it occurs in.
pub struct Background {
    df: HashMap<String, u32>,
    documents: u32,
}

impl Background {
    /// The background compiled into the binary, its words analyzed as terms.
    pub fn english() -> &'static Background {
        static ENGLISH: OnceLock<Background> = OnceLock::new();
        ENGLISH.get_or_init(|| Background::parse(include_str!("../../data/background.tsv")))
    }

    /// Reads the table: a header line ending in a tab and the document count, then a word,
    /// a tab and its document frequency per line.
    pub fn parse(table: &str) -> Background {
        let mut lines = table.lines();
        let documents = lines
            .next()
            .and_then(|h| h.rsplit('\t').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(1);
        let mut analyzer = WordAnalyzer::default();
        let mut df: HashMap<String, u32> = HashMap::new();
        for line in lines {
            let Some((word, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.trim().parse::<u32>() else {
                continue;
            };
            analyzer.each_word(word, |_, tokens| {
                for t in tokens {
                    let known = df.entry(t.text.clone()).or_default();
                    *known = (*known).max(n);
                }
            });
        }
        Background { df, documents }
    }

    /// The share of background documents that have `term`; a term the table lacks is
    /// rarer than any it lists (half a document).
    pub fn share(&self, term: &str) -> f32 {
        let n = self.df.get(term).map_or(0.5, |&n| n as f32);
        n / self.documents as f32
    }

    /// How telling `term` is in English at large: `ln(1 / share)`.
    fn rarity(&self, term: &str) -> f32 {
        -self.share(term).ln()
    }
}

/// A document's most telling terms, as stored with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Up to [`PROFILE_TERMS`], strongest first.
    pub terms: Vec<ProfileTerm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileTerm {
    /// The analyzed term.
    pub term: String,
    /// Occurrences in the document.
    pub count: u32,
    /// The word as first written (lower case), to name a work by.
    pub word: String,
}

impl Profile {
    /// The profile of `text`, as the analyzer sees it.
    pub fn of(analyzer: &mut WordAnalyzer, text: &str, background: &Background) -> Profile {
        let mut counts: HashMap<String, (u32, String)> = HashMap::new();
        analyzer.each_word(text, |start, tokens| {
            for t in tokens {
                let term = t.text.as_str();
                if term.len() < 2 || is_stop_word(term) || term.bytes().all(|b| b.is_ascii_digit())
                {
                    continue;
                }
                let entry = counts.entry(t.text.clone()).or_insert_with(|| {
                    let word = &text[start + t.offset_from..start + t.offset_to];
                    (0, word.to_lowercase())
                });
                entry.0 += 1;
            }
        });
        let mut terms: Vec<(f32, ProfileTerm)> = counts
            .into_iter()
            .map(|(term, (count, word))| {
                let strength = tf(count) * background.rarity(&term);
                (strength, ProfileTerm { term, count, word })
            })
            .collect();
        terms.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.term.cmp(&b.1.term)));
        terms.truncate(PROFILE_TERMS);
        Profile {
            terms: terms.into_iter().map(|(_, t)| t).collect(),
        }
    }
}

/// Sublinear term frequency: the tenth mention of a name says less than the first.
fn tf(count: u32) -> f32 {
    1.0 + (count.max(1) as f32).ln()
}

/// One document as grouping sees it.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    pub path: &'a str,
    pub profile: &'a Profile,
    /// The work the document says it belongs to, if it says.
    pub declared: Option<&'a str>,
}

impl<'a> Member<'a> {
    /// A member declared to belong to the work `declared` ("" for none).
    pub fn new(path: &'a str, profile: &'a Profile, declared: &'a str) -> Member<'a> {
        Member {
            path,
            profile,
            declared: (!declared.is_empty()).then_some(declared),
        }
    }
}

/// How a work's documents were found to belong together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "how")]
pub enum How {
    /// They say so (front matter or `rashomon.works`), with this name.
    Declared { name: String },
    /// Their texts share what is specific to one story: these words, strongest first.
    Inferred { shared: Vec<String> },
}

/// A group of documents that tell one story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    /// Readable and stable: from the declared name, or the shared words.
    pub id: String,
    /// Paths, sorted.
    pub documents: Vec<String>,
    #[serde(flatten)]
    pub how: How,
}

/// A work, or a document alone, as `rashomon works --json` writes it: one object a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    /// The work's id; `null` for a document alone.
    pub work: Option<String>,
    pub documents: Vec<String>,
    /// `declared`, `inferred` or `alone`.
    pub how: String,
    /// The declared name (declared works only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The words the documents share, strongest first (inferred works only).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub shared: Vec<String>,
}

impl Grouping {
    /// Works, then documents alone, as listed.
    pub fn listed(&self) -> Vec<Listed> {
        let works = self.works.iter().map(|w| {
            let (how, name, shared) = match &w.how {
                How::Declared { name } => ("declared", Some(name.clone()), Vec::new()),
                How::Inferred { shared } => ("inferred", None, shared.clone()),
            };
            Listed {
                work: Some(w.id.clone()),
                documents: w.documents.clone(),
                how: how.to_owned(),
                name,
                shared,
            }
        });
        let alone = self.alone.iter().map(|d| Listed {
            work: None,
            documents: vec![d.clone()],
            how: "alone".to_owned(),
            name: None,
            shared: Vec::new(),
        });
        works.chain(alone).collect()
    }
}

/// Every document's work, or none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    /// Sorted by id.
    pub works: Vec<Work>,
    /// Documents that tell a story no other document tells, sorted.
    pub alone: Vec<String>,
}

impl Grouping {
    /// Groups `members` (see the module's doc).
    pub fn of(members: &[Member], background: &Background) -> Grouping {
        let mut declared: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut open: Vec<usize> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            match m.declared {
                Some(name) => declared.entry(name).or_default().push(i),
                None => open.push(i),
            }
        }
        let weighed = weigh(members, background);
        let mut works: Vec<(String, Vec<usize>, How)> = declared
            .into_iter()
            .map(|(name, docs)| {
                let how = How::Declared {
                    name: name.to_owned(),
                };
                (slug(name), docs, how)
            })
            .collect();
        let mut alone = Vec::new();
        for group in link(&open, &weighed.vectors) {
            if group.len() < 2 {
                alone.push(members[group[0]].path.to_owned());
                continue;
            }
            let shared = naming_words(&shared_words(members, &weighed, &group), SHARED_WORDS);
            let id = slug(&shared[..shared.len().min(ID_WORDS)].join(" "));
            works.push((id, group, How::Inferred { shared }));
        }
        // Ids are made unique in the order of the works' first paths, so they only change
        // when the works do.
        for (_, docs, _) in &mut works {
            docs.sort_by_key(|&i| members[i].path);
        }
        works.sort_by(|a, b| members[a.1[0]].path.cmp(members[b.1[0]].path));
        let mut taken: HashMap<String, usize> = HashMap::new();
        let mut out: Vec<Work> = works
            .into_iter()
            .map(|(id, docs, how)| {
                let base = if id.is_empty() { "work".to_owned() } else { id };
                let n = taken.entry(base.clone()).or_default();
                *n += 1;
                let id = match *n {
                    1 => base,
                    n => format!("{base}-{n}"),
                };
                Work {
                    id,
                    documents: docs.iter().map(|&i| members[i].path.to_owned()).collect(),
                    how,
                }
            })
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        alone.sort();
        Grouping { works: out, alone }
    }

    /// The work of the document at `path`, if it has one.
    pub fn work_of(&self, path: &str) -> Option<&Work> {
        self.works.iter().find(|w| {
            w.documents
                .binary_search_by(|d| d.as_str().cmp(path))
                .is_ok()
        })
    }
}

/// A document's profile as a unit vector of weighted terms (term ids into a shared
/// vocabulary, sorted by id).
type Vector = Vec<(u32, f32)>;

/// Every member's vector, and the vocabulary their ids index.
struct Weighed<'a> {
    ids: HashMap<&'a str, u32>,
    vectors: Vec<Vector>,
}

impl Weighed<'_> {
    /// The weight of `term` in document `d`'s vector (0 when it lacks it).
    fn weight(&self, d: usize, term: &str) -> f32 {
        let Some(&id) = self.ids.get(term) else {
            return 0.0;
        };
        let v = &self.vectors[d];
        v.binary_search_by_key(&id, |&(i, _)| i)
            .map_or(0.0, |at| v[at].1)
    }
}

/// Weighs every profile by how specific each term is to few documents of this corpus,
/// smoothed with the background ([`BACKGROUND_WEIGHT`]).
fn weigh<'a>(members: &[Member<'a>], background: &Background) -> Weighed<'a> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let mut share: Vec<f32> = Vec::new();
    let raw: Vec<Vec<(u32, u32)>> = members
        .iter()
        .map(|m| {
            m.profile
                .terms
                .iter()
                .map(|t| {
                    let id = *ids.entry(t.term.as_str()).or_insert_with(|| {
                        df.push(0);
                        share.push(background.share(&t.term));
                        (df.len() - 1) as u32
                    });
                    df[id as usize] += 1;
                    (id, t.count)
                })
                .collect()
        })
        .collect();
    let n = members.len() as f32;
    let vectors = raw
        .into_iter()
        .map(|terms| {
            let mut v: Vector = terms
                .into_iter()
                .map(|(id, count)| {
                    let i = id as usize;
                    let smoothed = df[i] as f32 + BACKGROUND_WEIGHT * share[i];
                    let idf = ((n + BACKGROUND_WEIGHT) / smoothed).ln().max(0.0);
                    (id, tf(count) * idf)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v.sort_by_key(|&(id, _)| id);
            v
        })
        .collect();
    Weighed { ids, vectors }
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The strongest terms of a vector, by which candidates are found.
fn keys(v: &Vector) -> Vec<u32> {
    let mut by_weight: Vec<&(u32, f32)> = v.iter().collect();
    by_weight.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    by_weight
        .iter()
        .take(KEY_TERMS)
        .map(|(id, _)| *id)
        .collect()
}

/// Links the documents `docs` (indices into `vectors`) that tell the same story and
/// returns the groups, each sorted, in the order of their first document.
///
/// Pairs of candidates scoring at least [`STORY_LINK`] are taken strongest first; each
/// joins two groups only if their documents, all pairs across, are alike on average
/// ([`STORY_MEAN`]). So one passage that quotes another story does not chain two stories
/// into one work, as plain connected groups would.
fn link(docs: &[usize], vectors: &[Vector]) -> Vec<Vec<usize>> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for &d in docs {
        for k in keys(&vectors[d]) {
            postings.entry(k).or_default().push(d);
        }
    }
    let mut links: Vec<(f32, usize, usize)> = Vec::new();
    let mut shared: HashMap<usize, u32> = HashMap::new();
    for &d in docs {
        // The documents sharing most of d's keys are its candidates.
        shared.clear();
        for k in keys(&vectors[d]) {
            let Some(others) = postings.get(&k).filter(|p| p.len() <= MAX_KEY_DOCUMENTS) else {
                continue;
            };
            for &e in others.iter().filter(|&&e| e != d) {
                *shared.entry(e).or_default() += 1;
            }
        }
        let mut candidates: Vec<(u32, usize)> = shared.iter().map(|(&e, &n)| (n, e)).collect();
        candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, e) in candidates.iter().take(CANDIDATES) {
            let score = cosine(&vectors[d], &vectors[e]);
            if score >= STORY_LINK {
                links.push((score, d.min(e), d.max(e)));
            }
        }
    }
    // A pair may have been scored from both sides.
    links.sort_by_key(|&(_, d, e)| (d, e));
    links.dedup_by(|a, b| (a.1, a.2) == (b.1, b.2));
    links.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut group_of: HashMap<usize, usize> = docs.iter().map(|&d| (d, d)).collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = docs.iter().map(|&d| (d, vec![d])).collect();
    for (_, d, e) in links {
        let (a, b) = (group_of[&d], group_of[&e]);
        if a == b {
            continue;
        }
        let (ga, gb) = (&groups[&a], &groups[&b]);
        let across: f32 = ga
            .iter()
            .flat_map(|&x| gb.iter().map(move |&y| (x, y)))
            .map(|(x, y)| cosine(&vectors[x], &vectors[y]))
            .sum();
        if across / ((ga.len() * gb.len()) as f32) < STORY_MEAN {
            continue;
        }
        let (keep, gone) = (a.min(b), a.max(b));
        let moved = groups.remove(&gone).unwrap_or_default();
        for &m in &moved {
            group_of.insert(m, keep);
        }
        let into = groups.entry(keep).or_default();
        into.extend(moved);
        into.sort_unstable();
    }
    groups.into_values().collect()
}

/// The words a group's documents share, strongest first: terms in at least half of them
/// (and two), ranked by their summed weight, each as first written.
fn shared_words(members: &[Member], weighed: &Weighed, group: &[usize]) -> Vec<String> {
    let mut by_term: HashMap<&str, (usize, f32, &str)> = HashMap::new();
    for &d in group {
        for t in &members[d].profile.terms {
            let w = weighed.weight(d, &t.term);
            let e = by_term
                .entry(t.term.as_str())
                .or_insert((0, 0.0, t.word.as_str()));
            e.0 += 1;
            e.1 += w;
        }
    }
    let need = group.len().div_ceil(2).max(2);
    let mut shared: Vec<(&str, f32, &str)> = by_term
        .into_iter()
        .filter(|(_, (n, _, _))| *n >= need)
        .map(|(term, (_, w, word))| (term, w, word))
        .collect();
    shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    shared
        .into_iter()
        .map(|(_, _, word)| word.to_owned())
        .collect()
}

/// The first `limit` of `shared`, leaving out any word that is part of one already taken
/// (`ju` after `ok-ju`), and possessives (`choi's` is `choi`).
fn naming_words(shared: &[String], limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in shared {
        let word = word
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_owned();
        let slugged = slug(&word);
        let within = |taken: &String| {
            let taken = slug(taken);
            taken.split('-').any(|part| part == slugged) || taken == slugged
        };
        if slugged.is_empty() || out.iter().any(within) {
            continue;
        }
        // A compound that holds a word already taken replaces it.
        out.retain(|taken| !slug(&word).split('-').any(|part| part == slug(taken)));
        out.push(word);
        if out.len() == limit {
            break;
        }
    }
    out
}

/// A readable id: lower-case ASCII letters and digits, words joined by `-`.
pub fn slug(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            'à'..='å' | 'À'..='Å' => 'a',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ò'..='ö' | 'Ò'..='Ö' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            c => c,
        })
        .collect();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

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
//! 3. **Candidates** through an inverted index of each document's few strongest terms and
//!    pairs of them:
//!    documents are only ever scored against documents that share one, so the cost grows
//!    with documents x candidates, never documents².
//! 4. **Links and works**: two documents whose weighted profiles have a cosine of at least
//!    [`STORY_LINK`] tell the same story; links join groups strongest first, when the
//!    groups are alike on average ([`STORY_MEAN`]). A document linked to none is alone:
//!    compared with nothing.
//! 5. **Names**: a declared work is named by its declaration, an inferred one by its
//!    strongest shared words, and keeps its name while its documents stay together
//!    ([`Grouping::keep_ids`]).
//!
//! Every tuning value is in the block below, with where it came from.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analysis::{WordAnalyzer, is_function_word};

// --- Tuning (measured on the labelled sets described in docs/stories.md) ---
// KEY_TERMS, PAIR_TERMS, MAX_KEY_DOCUMENTS and CANDIDATES bound the cost (candidates per
// document); PROFILE_TERMS and BACKGROUND_WEIGHT were set once and not tuned.

/// Terms kept in a document's profile. Enough for the names and rare words of a long
/// account; more adds only words common to many stories.
pub const PROFILE_TERMS: usize = 64;
/// A document's strongest terms by which (alone and in pairs) candidates are found.
pub const KEY_TERMS: usize = 12;
/// A document's strongest terms whose pairs are keys too.
pub const PAIR_TERMS: usize = 6;
/// A key (a term, or a pair) that more documents than this share is no story's own
/// (`David` in a folder of Bible stories): it finds no candidates, though its terms still
/// count in the score. Keeps finding candidates a bounded number of steps a document.
pub const MAX_KEY_DOCUMENTS: usize = 64;
/// Documents scored against each document: those sharing most of its keys. With
/// [`MAX_KEY_DOCUMENTS`], what bounds grouping's cost to documents x candidates.
pub const CANDIDATES: usize = 32;
/// Shared words listed for an inferred work, and how many of them name it.
pub const SHARED_WORDS: usize = 8;
pub const ID_WORDS: usize = 3;
/// How many background documents the corpus's own frequencies are smoothed with.
pub const BACKGROUND_WEIGHT: f32 = 20.0;
/// Cosine of two weighted profiles from which they tell the same story. Chosen on the
/// Bible and mixed labelled sets (docs/stories.md): below 0.26 chains of stories merge,
/// above 0.34 short retellings are lost.
pub const STORY_LINK: f32 = 0.30;
/// Mean cosine, over all pairs across, from which two groups join (same sets: 0.20 let
/// two stories that quote each other merge more often, 0.25 kept recall).
pub const STORY_MEAN: f32 = 0.25;

/// How common each word is in English at large: the number of documents of a background
/// corpus (nlp-corpus, MIT: see `data/README.md`) it occurs in.
pub struct Background {
    df: HashMap<&'static str, u32>,
    documents: u32,
}

impl Background {
    /// The background compiled into the binary, keyed by the analyzer's terms.
    pub fn english() -> &'static Background {
        static ENGLISH: OnceLock<Background> = OnceLock::new();
        ENGLISH.get_or_init(|| Background::parse(include_str!("../../data/background.tsv")))
    }

    /// Reads the table: a header line ending in a tab and the document count, then a term,
    /// a tab and its document frequency per line. The terms are already analyzed
    /// (`scripts/background.py`), so reading analyzes nothing; a term listed twice keeps
    /// its larger figure.
    pub fn parse(table: &'static str) -> Background {
        let mut lines = table.lines();
        let documents = lines
            .next()
            .and_then(|h| h.rsplit('\t').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(1);
        let mut df: HashMap<&str, u32> = HashMap::new();
        for line in lines {
            let Some((term, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.trim().parse::<u32>() else {
                continue;
            };
            let known = df.entry(term).or_default();
            *known = (*known).max(n);
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
    /// Occurrences written with a capital inside a sentence: a name's.
    pub names: u32,
}

impl Profile {
    /// The profile of the texts `pieces` (a document's title and claims: what the index
    /// holds of it), as the analyzer sees them.
    pub fn of<'t>(
        analyzer: &mut WordAnalyzer,
        pieces: impl IntoIterator<Item = &'t str>,
        background: &Background,
    ) -> Profile {
        let mut counts: HashMap<String, (u32, String, u32)> = HashMap::new();
        for text in pieces {
            analyzer.each_word(text, |start, tokens| {
                let named = is_name_at(text, start);
                for t in tokens {
                    let term = t.text.as_str();
                    let word = &text[start + t.offset_from..start + t.offset_to];
                    if term.len() < 2
                        || is_function_word(term, word)
                        || term.bytes().all(|b| b.is_ascii_digit())
                    {
                        continue;
                    }
                    let entry = counts
                        .entry(t.text.clone())
                        .or_insert_with(|| (0, word.to_lowercase(), 0));
                    entry.0 += 1;
                    entry.2 += u32::from(named);
                }
            });
        }
        let mut terms: Vec<(f32, ProfileTerm)> = counts
            .into_iter()
            .map(|(term, (count, word, names))| {
                let strength = tf(count) * background.rarity(&term);
                let t = ProfileTerm {
                    term,
                    count,
                    word,
                    names,
                };
                (strength, t)
            })
            .collect();
        terms.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.term.cmp(&b.1.term)));
        terms.truncate(PROFILE_TERMS);
        Profile {
            terms: terms.into_iter().map(|(_, t)| t).collect(),
        }
    }
}

/// Whether the word at byte `start` of `text` is written as a name: with a capital, inside
/// a sentence (after a word or a comma, not after a full stop, a quote or a line end).
fn is_name_at(text: &str, start: usize) -> bool {
    if !text[start..].starts_with(char::is_uppercase) {
        return false;
    }
    let before = text[..start].trim_end_matches([' ', '\t']);
    before
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';'))
}

/// Sublinear term frequency: the tenth mention of a name says less than the first.
fn tf(count: u32) -> f32 {
    1.0 + (count.max(1) as f32).ln()
}

/// Every term the profiles being grouped use, each once: profiles in memory are term ids
/// and counts ([`Compact`]), so grouping a corpus holds each term's text once, not once a
/// document.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    terms: Vec<String>,
    /// Each term as first written, to name works by.
    words: Vec<String>,
    /// Each term's occurrences, and those written as a name, over all profiles.
    counts: Vec<(u32, u32)>,
}

/// A profile as term ids into a [`Vocabulary`] and counts, strongest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compact {
    terms: Vec<(u32, u32)>,
}

impl Vocabulary {
    pub fn compact(&mut self, profile: &Profile) -> Compact {
        let terms = profile
            .terms
            .iter()
            .map(|t| {
                let id = match self.ids.get(&t.term) {
                    Some(&id) => id,
                    None => {
                        let id = self.terms.len() as u32;
                        self.ids.insert(t.term.clone(), id);
                        self.terms.push(t.term.clone());
                        self.words.push(t.word.clone());
                        self.counts.push((0, 0));
                        id
                    }
                };
                let (count, names) = &mut self.counts[id as usize];
                *count += t.count;
                *names += t.names;
                (id, t.count)
            })
            .collect();
        Compact { terms }
    }

    fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the term is mostly written as a name where it occurs.
    fn is_name(&self, id: u32) -> bool {
        let (count, names) = self.counts[id as usize];
        names > 0 && 2 * names >= count
    }
}

/// One document as grouping sees it.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    pub path: &'a str,
    pub profile: &'a Compact,
    /// The work the document says it belongs to, if it says.
    pub declared: Option<&'a str>,
}

impl<'a> Member<'a> {
    /// A member declared to belong to the work `declared` ("" for none).
    pub fn new(path: &'a str, profile: &'a Compact, declared: &'a str) -> Member<'a> {
        Member {
            path,
            profile,
            declared: (!declared.is_empty()).then_some(declared),
        }
    }
}

/// How a work's documents were found to belong together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// They say so (front matter or `rashomon.works`), with this name.
    Declared { name: String },
    /// Their texts share what is specific to one story: these words, strongest first.
    Inferred { shared: Vec<String> },
}

/// A group of documents that tell one story (stored as `index::stored::StoredWork`,
/// listed as [`Listed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// Readable and stable: from the declared name, or the shared words.
    pub id: String,
    /// Paths, sorted.
    pub documents: Vec<String>,
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
    /// Groups `members`, whose profiles are made with `vocabulary` (see the module's doc).
    pub fn of(members: &[Member], vocabulary: &Vocabulary, background: &Background) -> Grouping {
        let mut declared: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut open: Vec<usize> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            match m.declared {
                Some(name) => declared.entry(name).or_default().push(i),
                None => open.push(i),
            }
        }
        let weighed = weigh(members, vocabulary, background);
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
            let shared = shared_words(members, vocabulary, &weighed, &group);
            let shared = naming_words(&shared, SHARED_WORDS);
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

    /// Gives each inferred work whose documents are exactly those of a work in `previous`
    /// that work's id and shared words, so a work keeps its name for as long as its
    /// documents stay together (the words it would be named by shift as the corpus grows).
    /// Another work whose id is then taken gets a suffix.
    pub fn keep_ids(&mut self, previous: &[Work]) {
        let before: HashMap<&[String], &Work> = previous
            .iter()
            .filter(|w| matches!(w.how, How::Inferred { .. }))
            .map(|w| (w.documents.as_slice(), w))
            .collect();
        let mut kept: foldhash::HashSet<String> = foldhash::HashSet::default();
        for work in &mut self.works {
            if let (How::Inferred { .. }, Some(old)) =
                (&work.how, before.get(work.documents.as_slice()))
            {
                work.id = old.id.clone();
                work.how = old.how.clone();
                kept.insert(work.id.clone());
            }
        }
        let mut taken = kept.clone();
        for work in &mut self.works {
            if kept.contains(&work.id) && before.contains_key(work.documents.as_slice()) {
                continue;
            }
            let base = work.id.clone();
            let mut n = 1;
            while !taken.insert(work.id.clone()) {
                n += 1;
                work.id = format!("{base}-{n}");
            }
        }
        self.works.sort_by(|a, b| a.id.cmp(&b.id));
    }
}

/// A document's profile as a unit vector of weighted terms (term ids into a shared
/// vocabulary, sorted by id).
type Vector = Vec<(u32, f32)>;

/// Every member's vector.
struct Weighed {
    vectors: Vec<Vector>,
}

impl Weighed {
    /// The weight of term `id` in document `d`'s vector (0 when it lacks it).
    fn weight(&self, d: usize, id: u32) -> f32 {
        let v = &self.vectors[d];
        v.binary_search_by_key(&id, |&(i, _)| i)
            .map_or(0.0, |at| v[at].1)
    }
}

/// Weighs every profile by how specific each term is to few documents of this corpus,
/// smoothed with the background ([`BACKGROUND_WEIGHT`]).
fn weigh(members: &[Member], vocabulary: &Vocabulary, background: &Background) -> Weighed {
    let mut df = vec![0u32; vocabulary.len()];
    for m in members {
        for &(id, _) in &m.profile.terms {
            df[id as usize] += 1;
        }
    }
    let share: Vec<f32> = vocabulary
        .terms
        .iter()
        .map(|t| background.share(t))
        .collect();
    let n = members.len() as f32;
    let vectors = members
        .iter()
        .map(|m| {
            let mut v: Vector = m
                .profile
                .terms
                .iter()
                .map(|&(id, count)| {
                    let smoothed = df[id as usize] as f32 + BACKGROUND_WEIGHT * share[id as usize];
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
    Weighed { vectors }
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

/// The keys by which a document's candidates are found: each of its [`KEY_TERMS`]
/// strongest terms, and each pair of its [`PAIR_TERMS`] strongest. A pair of names is specific to one story where
/// each name alone may not be (two films with a `Choi`, one with `Choi` and `Ok-ju`).
fn keys(v: &Vector) -> Vec<u64> {
    let mut by_weight: Vec<&(u32, f32)> = v.iter().collect();
    by_weight.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<u64> = by_weight
        .iter()
        .take(KEY_TERMS)
        .map(|(id, _)| u64::from(*id))
        .collect();
    let mut out = top;
    let strongest: Vec<u64> = {
        let mut s: Vec<u64> = by_weight
            .iter()
            .take(PAIR_TERMS)
            .map(|(id, _)| u64::from(*id))
            .collect();
        s.sort_unstable();
        s
    };
    for (i, a) in strongest.iter().enumerate() {
        for b in &strongest[i + 1..] {
            // Term ids are below 2^31, so a pair's key never equals a single term's.
            out.push((1 << 63) | (a << 31) | b);
        }
    }
    out
}

/// Links the documents `docs` (indices into `vectors`) that tell the same story and
/// returns the groups, each sorted, in the order of their first document.
///
/// Pairs of candidates scoring at least [`STORY_LINK`] are taken strongest first; each
/// joins two groups only if their documents, all pairs across, are alike on average
/// ([`STORY_MEAN`]). So one passage that quotes another story does not chain two stories
/// into one work, as plain connected groups would.
fn link(docs: &[usize], vectors: &[Vector]) -> Vec<Vec<usize>> {
    let keys_of: Vec<Vec<u64>> = docs.iter().map(|&d| keys(&vectors[d])).collect();
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (&d, keys) in docs.iter().zip(&keys_of) {
        for &k in keys {
            postings.entry(k).or_default().push(d);
        }
    }
    let mut links: Vec<(f32, usize, usize)> = Vec::new();
    // Keys shared with d, by document: counts in a table, and which entries are set.
    let mut shared = vec![0u32; vectors.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (&d, keys) in docs.iter().zip(&keys_of) {
        for k in keys {
            let Some(others) = postings.get(k).filter(|p| p.len() <= MAX_KEY_DOCUMENTS) else {
                continue;
            };
            for &e in others.iter().filter(|&&e| e != d) {
                if shared[e] == 0 {
                    touched.push(e);
                }
                shared[e] += 1;
            }
        }
        // The documents sharing most of d's keys are its candidates.
        let mut candidates: Vec<(u32, usize)> = touched.iter().map(|&e| (shared[e], e)).collect();
        for &e in &touched {
            shared[e] = 0;
        }
        touched.clear();
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

/// The words a group's documents share: terms in at least half of them (and two), names
/// first, each kind by its summed weight, each as first written.
fn shared_words(
    members: &[Member],
    vocabulary: &Vocabulary,
    weighed: &Weighed,
    group: &[usize],
) -> Vec<String> {
    let mut by_term: HashMap<u32, (usize, f32)> = HashMap::new();
    for &d in group {
        for &(id, _) in &members[d].profile.terms {
            let e = by_term.entry(id).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += weighed.weight(d, id);
        }
    }
    let need = group.len().div_ceil(2).max(2);
    let mut shared: Vec<(u32, f32)> = by_term
        .into_iter()
        .filter(|(_, (n, _))| *n >= need)
        .map(|(id, (_, w))| (id, w))
        .collect();
    // Names first (a work is best named by its people and places), then by weight; ties
    // by the word, not its id: ids depend on the order profiles were read in.
    let word = |id: u32| vocabulary.words[id as usize].as_str();
    shared.sort_by(|a, b| {
        let names = vocabulary.is_name(b.0).cmp(&vocabulary.is_name(a.0));
        names
            .then(b.1.total_cmp(&a.1))
            .then(word(a.0).cmp(word(b.0)))
    });
    shared
        .into_iter()
        .map(|(id, _)| word(id).to_owned())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(text: &str) -> Profile {
        Profile::of(&mut WordAnalyzer::default(), [text], Background::english())
    }

    /// Names and rare words come first; stop words and numbers are left out.
    #[test]
    fn a_profile_holds_the_telling_words_first() {
        let p = profile(
            "The film is good. Ok-ju finds Min-hee in the bathtub, 3 times, and the film ends.",
        );
        let terms: Vec<&str> = p.terms.iter().map(|t| t.term.as_str()).collect();
        assert!(
            !terms.contains(&"the") && !terms.contains(&"3"),
            "{terms:?}"
        );
        let at = |t: &str| terms.iter().position(|x| *x == t).unwrap();
        assert!(
            at("okju") < at("film") && at("bathtub") < at("good"),
            "{terms:?}"
        );
        assert_eq!(p.terms[at("film")].count, 2);
        assert_eq!(p.terms[at("okju")].word, "ok-ju");
    }

    #[test]
    fn the_background_knows_common_words_from_names() {
        let b = Background::english();
        assert!(b.share("film") > 0.1, "{}", b.share("film"));
        assert!(b.share("okju") < 0.001);
        let tiny = Background::parse("# x\tdocuments\t10\nfilm\t5\nfilm\t7\n");
        assert_eq!(
            tiny.share("film"),
            0.7,
            "a term listed twice keeps the larger"
        );
        assert_eq!(tiny.share("nowhere"), 0.05);
    }

    /// The table is read without analysis, so it must be keyed as the analyzer writes
    /// terms today: stems, irregular forms joined (`died` is `die`), stop words kept.
    /// Fails after a change to the analyzer until `scripts/background.py` is run again.
    #[test]
    fn the_background_is_keyed_by_the_analyzers_terms() {
        let b = Background::english();
        let mut analyzer = WordAnalyzer::default();
        for word in [
            "films",
            "died",
            "running",
            "children",
            "bathtub",
            "the",
            "wonderful",
        ] {
            let mut terms = Vec::new();
            analyzer.each_word(word, |_, tokens| {
                terms.extend(tokens.iter().map(|t| t.text.clone()))
            });
            for term in &terms {
                assert!(
                    b.df.contains_key(term.as_str()),
                    "{word:?} makes {term:?}, not in the table"
                );
            }
        }
        for raw in ["films", "died", "running", "children"] {
            assert!(!b.df.contains_key(raw), "{raw:?} is a word, not a term");
        }
    }

    fn group(texts: &[(&str, &str, &str)]) -> Grouping {
        let mut vocabulary = Vocabulary::default();
        let compact: Vec<Compact> = texts
            .iter()
            .map(|(_, _, text)| vocabulary.compact(&profile(text)))
            .collect();
        let members: Vec<Member> = texts
            .iter()
            .zip(&compact)
            .map(|((path, declared, _), c)| Member::new(path, c, declared))
            .collect();
        Grouping::of(&members, &vocabulary, Background::english())
    }

    const LAKE_A: &str = "Inspector Park finds the knife in the garden of the lake house. Ellen Ward had been dead for days. The gardener heard a boat at midnight.";
    const LAKE_B: &str = "Detective Park finds the knife in the river by the lake house. Ellen Ward was dead for two days. The gardener says a car left at midnight.";
    const SEA: &str = "Captain Rhee sails the ship into the harbour at night and hides the gold in the hold; the crew never learns where.";

    #[test]
    fn accounts_of_one_story_are_one_work_and_others_alone() {
        let g = group(&[("a", "", LAKE_A), ("b", "", LAKE_B), ("c", "", SEA)]);
        assert_eq!(g.works.len(), 1, "{g:?}");
        assert_eq!(g.works[0].documents, vec!["a", "b"]);
        assert_eq!(g.alone, vec!["c"]);
        let How::Inferred { shared } = &g.works[0].how else {
            panic!("inferred")
        };
        assert!(shared.iter().any(|w| w == "park"), "{shared:?}");
    }

    #[test]
    fn declarations_beat_the_texts() {
        let g = group(&[
            ("a", "", LAKE_A),
            ("b", "Sea Tales", LAKE_B),
            ("c", "Sea Tales", SEA),
        ]);
        assert_eq!(g.works.len(), 1);
        assert_eq!(g.works[0].id, "sea-tales");
        assert_eq!(g.works[0].documents, vec!["b", "c"]);
        assert_eq!(g.alone, vec!["a"]);
    }

    #[test]
    fn ids_are_kept_while_the_documents_stay_together() {
        let mut g = group(&[("a", "", LAKE_A), ("b", "", LAKE_B)]);
        let mut previous = g.works.clone();
        previous[0].id = "the-lake-house".into();
        g.keep_ids(&previous);
        assert_eq!(g.works[0].id, "the-lake-house");
        // A work of other documents that would take the id gets a suffix.
        let mut other = g.clone();
        other.works[0].documents = vec!["x".into(), "y".into()];
        other.works[0].id = "the-lake-house".into();
        other.keep_ids(&previous);
        assert_eq!(other.works[0].id, "the-lake-house");
        let mut both = g.clone();
        let mut second = g.works[0].clone();
        second.documents = vec!["x".into(), "y".into()];
        both.works.push(second);
        both.keep_ids(&previous);
        let ids: Vec<&str> = both.works.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, vec!["the-lake-house", "the-lake-house-2"]);
    }

    #[test]
    fn names_are_capitals_inside_a_sentence() {
        let text = "The film opens. Then Choi meets Ok-ju, and Min-hee.\n\"Run,\" she says";
        let at = |w: &str| text.find(w).unwrap();
        assert!(is_name_at(text, at("Choi")) && is_name_at(text, at("Ok-ju")));
        assert!(is_name_at(text, at("Min-hee")));
        assert!(!is_name_at(text, at("The")) && !is_name_at(text, at("Then")));
        assert!(!is_name_at(text, at("Run")) && !is_name_at(text, at("film")));
        let g = group(&[("a", "", LAKE_A), ("b", "", LAKE_B)]);
        let How::Inferred { shared } = &g.works[0].how else {
            panic!("inferred")
        };
        // `Ellen` only ever starts a sentence here, so only `Park` and `Ward` read as names.
        let mut first: Vec<&str> = shared[..2].iter().map(String::as_str).collect();
        first.sort();
        assert_eq!(first, ["park", "ward"], "names first: {shared:?}");
    }

    #[test]
    fn pairs_of_strong_terms_are_keys_too() {
        let v: Vector = vec![(1, 0.9), (2, 0.5), (3, 0.1)];
        let k = keys(&v);
        assert_eq!(k.len(), 3 + 3);
        assert!(k.contains(&((1 << 63) | (1 << 31) | 2)));
    }

    #[test]
    fn names_are_readable() {
        assert_eq!(slug("Ballerina (2023)"), "ballerina-2023");
        assert_eq!(slug("Crème Brûlée"), "creme-brulee");
        let words: Vec<String> = ["ok-ju", "ju", "choi’s", "ok", "min-hee", "park"]
            .map(String::from)
            .to_vec();
        assert_eq!(naming_words(&words, 3), vec!["ok-ju", "choi", "min-hee"]);
    }
}

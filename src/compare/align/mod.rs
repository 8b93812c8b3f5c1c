//! Aligning the claims of the accounts of one work, and naming what differs.
//!
//! For each pair of accounts X, Y and each claim `a` of X:
//! 1. Candidates come from an inverted index over Y's claims (term → claims): only claims
//!    that share a content word with `a` are looked at, the best [`Tuning::candidates`] of them, plus
//!    the claims that continue the best match of `a`'s neighbours (so cost grows with
//!    claims × candidates, never claims²).
//! 2. Each candidate `b` is scored by IDF-weighted cosine of content words, plus context:
//!    how well the claims around `a` match the claims around `b` (both recaps tell the story
//!    in roughly the same order), how well their paragraphs match, and a small prior for
//!    being at the same relative place in the story.
//! 3. The best candidate above [`Tuning::align_threshold`] is `a`'s counterpart. An aligned pair
//!    whose word diff has specific words on both sides is a `detail` (in a pair told in
//!    nearly the same words, each change between shared words is one: [`Change`]); a
//!    claim with no counterpart is `only_in`; the same recurring name with a different
//!    title in front (`Chef Choi` / `Pro Choi`), a name one account always writes
//!    otherwise (`Ornan` / `Araunah`) or a name spelt two ways in an aligned pair
//!    (`Shebnah` / `Shebna`) is a `name_variant`. Descriptions of one named person that
//!    share nothing are a `detail` wherever each account gives them ([`super::describe`]).
//!    What stands between the same shared words of a pair decides more (`gaps.rs`): a name
//!    for its title or a pronoun, a word one step more general, `both` for `two`, a title
//!    added to a name, a description the other account gives the same name elsewhere
//!    (`Eliakim the son of Hilkiah` / `Eliakim`) are no difference; a pronoun of another
//!    person is one.
//! 4. Each difference records its [`Evidence`]; its score is computed from it
//!    ([`super::score`]).
//!
//! Word salience: a differing word matters more when it is rare in the work (IDF) and when
//! the other account never uses it at all, and less when it is common in ordinary English
//! (see [`Tuning::familiar_knee`]) or a verb, modifier or abstract noun (see [`Tuning::kind_abstract`]);
//! names (words only ever written capitalised) weigh a little more.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::ops::Range;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::about;
use super::describe;
use super::meaning;
use super::senses::{Broader, Opposites, Senses, WordKind};
use super::tuning::Tuning;
use super::words::{
    TermIds, Word, WordDiff, content_words, diff, fold_base, is_number_term, number_value, runs,
};
use super::{Account, DiffKind, Difference, Evidence, Pairing, Side, WorkAlignment};
use crate::analysis::{WordAnalyzer, irregular};
use crate::corpus::Span;

mod gaps;

use gaps::{
    added_titles, appositions, article_in, denials, described_alike, named_for_pronouns,
    numbers_for_a, one_step_apart, pronoun_changes, same_slot, times_for_a_multiple, two_for_both,
};

/// Work-wide word statistics.
struct Stats {
    idf: Vec<f32>,
    max_idf: f32,
    df: Vec<usize>,
    name: Vec<bool>,
    /// Per account, the set of terms it uses.
    used: Vec<HashSet<u32>>,
    /// Per term, how many accounts use it.
    accounts_using: Vec<u32>,
    /// Per term, its meaning vector (zeros when the table has none).
    meaning: Vec<meaning::Vector>,
    /// Per term, the analyzed term.
    term: Vec<String>,
    /// Per term, how familiar it is in ordinary English ([`Senses::familiarity`]).
    familiar: Vec<f32>,
    /// Per term, what kind of thing it names ([`Senses::kind`]).
    kind: Vec<Option<WordKind>>,
    /// Terms some account writes together as one referent, a name and its title (`King
    /// David`, `Yahweh your God`: [`describe::titles`]), the smaller id first.
    titled: HashSet<(u32, u32)>,
    tuning: Tuning,
}

/// What a claim's words are compared against: one other account, or all of them.
#[derive(Debug, Clone, Copy)]
enum Versus {
    One(usize),
    Others,
}

impl Stats {
    /// The statistics of a work's words, whose terms (by id) are `term`.
    fn new(
        words: &[Vec<Vec<Word>>],
        texts: &[Vec<&str>],
        term: Vec<String>,
        tuning: Tuning,
    ) -> Stats {
        let terms = term.len();
        let mut df: Vec<usize> = vec![0; terms];
        // Per term, the written forms (lower-cased, without 's) seen capitalised mid-sentence
        // and seen in lower case. A term is a name when some capitalised form is never
        // written in lower case: `Park` stays a name next to `parked`, though both stem to
        // `park`; `Ballerina` is not one next to `a ballerina`. Forms with a capital at
        // the start of a sentence are kept apart (`initial`).
        let mut capital: Vec<HashSet<String>> = vec![HashSet::new(); terms];
        let mut lower: Vec<HashSet<String>> = vec![HashSet::new(); terms];
        let mut initial: Vec<HashSet<String>> = vec![HashSet::new(); terms];
        let mut used = Vec::new();
        let mut claims = 0usize;
        // Per term, the last claim (counted from 1) that used it, so each claim counts once.
        let mut last_claim: Vec<usize> = vec![0; terms];
        for (acc, acc_texts) in words.iter().zip(texts) {
            let mut acc_used = HashSet::new();
            for (claim, text) in acc.iter().zip(acc_texts) {
                claims += 1;
                for w in claim {
                    let id = w.term;
                    let at = id as usize;
                    if last_claim[at] != claims {
                        last_claim[at] = claims;
                        df[at] += 1;
                    }
                    acc_used.insert(id);
                    let surface = &text[w.span.clone()];
                    let shouting = || {
                        surface.chars().filter(|c| c.is_alphabetic()).count() > 3
                            && !surface.chars().any(char::is_lowercase)
                    };
                    let forms = if surface.starts_with(char::is_lowercase) || shouting() {
                        &mut lower[at]
                    } else if w.capitalized {
                        &mut capital[at]
                    } else {
                        &mut initial[at]
                    };
                    let form = surface.split(['\'', '’']).next().unwrap_or(surface);
                    if form.bytes().any(|b| !b.is_ascii_lowercase()) {
                        forms.insert(form.to_lowercase());
                    } else if !forms.contains(form) {
                        forms.insert(form.to_owned());
                    }
                }
            }
            used.push(acc_used);
        }
        let n = claims.max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();
        let mut accounts_using = vec![0u32; df.len()];
        for acc in &used {
            for &id in acc {
                accounts_using[id as usize] += 1;
            }
        }
        let kind: Vec<Option<WordKind>> = term.iter().map(|t| Senses::get().kind(t)).collect();
        let familiar: Vec<f32> = term.iter().map(|t| Senses::get().familiarity(t)).collect();
        let name: Vec<bool> = (0..terms)
            .map(|t| {
                let (c, l) = (&capital[t], &lower[t]);
                // A word written with a capital only where a sentence starts is a name
                // too when English does not know it (WordNet has no sense of it and SemCor
                // never tags it): `Jashobeam, the son of a Hachmonite`.
                let unknown = kind[t].is_none() && familiar[t] == 0.0 && !is_number(&term[t]);
                // A name is written in letters: a year is a time (`in 1987`), and a code
                // with digits a value (`rated PG-13`), not a name.
                let lettered = term[t].chars().any(char::is_alphabetic)
                    && !term[t].bytes().any(|b| b.is_ascii_digit());
                lettered
                    && (c.iter().any(|form| !l.contains(form))
                        || (unknown && initial[t].iter().any(|form| !l.contains(form))))
            })
            .collect();
        let mut titled = HashSet::new();
        for (acc, acc_texts) in words.iter().zip(texts) {
            let claims: Vec<(&str, &[Word])> = acc_texts
                .iter()
                .zip(acc)
                .map(|(t, w)| (*t, &w[..]))
                .collect();
            let is_person = |t: u32| kind[t as usize] == Some(WordKind::Who);
            for (n, t) in describe::titles(&claims, |t| name[t as usize], is_person) {
                titled.insert((n.min(t), n.max(t)));
            }
        }
        // Each term's vector, from the first way it is written.
        let mut meaning: Vec<Option<meaning::Vector>> = vec![None; terms];
        for (acc, acc_texts) in words.iter().zip(texts) {
            for (claim, text) in acc.iter().zip(acc_texts) {
                for w in claim {
                    meaning[w.term as usize].get_or_insert_with(|| {
                        let written: String = text[w.span.clone()]
                            .chars()
                            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                            .collect();
                        meaning::word_vector(&written.to_lowercase())
                    });
                }
            }
        }
        Stats {
            idf,
            max_idf: (1.0 + n).ln(),
            df,
            name,
            used,
            accounts_using,
            meaning: meaning
                .into_iter()
                .map(|v| v.unwrap_or([0.0; meaning::DIMS]))
                .collect(),
            familiar,
            kind,
            titled,
            term,
            tuning,
        }
    }

    /// Whether one word is a name and the other a title some account writes it with (`the
    /// king` / `David`): one referent named two ways, no difference.
    fn same_referent(&self, a: u32, b: u32) -> bool {
        self.titled.contains(&(a.min(b), a.max(b)))
    }

    /// Whether two differing words say the same thing: synonyms in WordNet, or words whose
    /// vectors are close, unless either names something or is a number.
    fn same_meaning(&self, a: u32, b: u32) -> bool {
        let (x, y) = (a as usize, b as usize);
        if self.name[x] || self.name[y] {
            return false;
        }
        // A year, not counted as a number, is compared as one too (`1987` / `1992`).
        let (u, v) = (&self.term[x], &self.term[y]);
        if is_number(u) || is_number(v) || is_year(u) || is_year(v) {
            // A multiple is the number it multiplies by (`hundredfold` / `hundred times`), and
            // a number is the same in digits and in words (`12` / `twelve`).
            let base = |t: &str| fold_base(t).unwrap_or(t).to_owned();
            let (u, v) = (base(&self.term[x]), base(&self.term[y]));
            return u == v || number_value(&u).is_some_and(|n| number_value(&v) == Some(n));
        }
        // Opposites are near each other in the vectors (`right` / `left`), never the same.
        if Opposites::get().opposite(&self.term[x], &self.term[y]) {
            return false;
        }
        if older_form(&self.term[x], &self.term[y])
            || older_form(&self.term[y], &self.term[x])
            || Senses::get().synonyms(&self.term[x], &self.term[y])
        {
            return true;
        }
        // Two times of one kind are two times, however close their vectors (`morning` /
        // `evening`); other kinds of one thing often tell one thing (`troop` / `army`).
        let time = |i: usize| self.kind[i] == Some(WordKind::Time);
        if time(x) && time(y) && Broader::get().sisters(&self.term[x], &self.term[y]) {
            return false;
        }
        meaning::dot(&self.meaning[x], &self.meaning[y]) >= self.tuning.same_word
    }

    /// Whether the other side uses the term at all. For `Others`, the word's own account
    /// is one of the users, so another must be too.
    fn used_by(&self, id: u32, versus: Versus) -> bool {
        match versus {
            Versus::One(other) => self.used[other].contains(&id),
            Versus::Others => self.accounts_using[id as usize] > 1,
        }
    }

    fn weight(&self, id: u32) -> f32 {
        let boost = if self.name[id as usize] {
            self.tuning.name_boost
        } else {
            1.0
        };
        self.idf[id as usize] * boost
    }

    /// How much a word stands out against account `other`, in 0..=1.2: rare in the work,
    /// never used by the other account, and a name or a word for a person, place, thing or
    /// time rather than a verb, a modifier or an abstract noun (those are how paraphrases
    /// differ more often than facts). In a pair told in nearly the same words (`close`,
    /// see [`Tuning::close_frame`]), a concrete word the other side replaces stands out however
    /// common it is and whether or not the other account uses it elsewhere: `this place`
    /// against `this land`, `forty thousand horsemen` against `forty thousand footmen`.
    fn salience(&self, id: u32, word: &Word, text: &str, other: Versus, close: bool) -> f32 {
        let rarity = self.idf[id as usize] / self.max_idf;
        let surface = text[word.span.clone()].to_lowercase();
        let kind = self.kind[id as usize];
        let concrete = self.name[id as usize] || kind.is_some_and(WordKind::is_concrete);
        let close = close && concrete;
        let unknown = if close || !self.used_by(id, other) {
            1.0
        } else {
            self.tuning.shared_vocabulary
        };
        let class = if self.name[id as usize] {
            1.2
        } else {
            match kind {
                Some(k) if k.is_concrete() => 1.0,
                Some(WordKind::Abstract) => self.tuning.kind_abstract,
                Some(WordKind::Verb) => self.tuning.kind_verb,
                Some(WordKind::Modifier) => self.tuning.kind_modifier,
                _ => word_class(&surface),
            }
        };
        let familiar = if self.name[id as usize] || close {
            0.0
        } else {
            self.familiar[id as usize]
        };
        let common =
            ((familiar - self.tuning.familiar_knee) / (1.0 - self.tuning.familiar_knee)).max(0.0);
        rarity * unknown * class * (1.0 - self.tuning.familiar_weight * common)
    }

    fn is_strong(&self, id: u32, other: Versus) -> bool {
        !self.used_by(id, other)
    }
}

/// How much a word's kind says about a fact: plain words 1, verb forms and adjectives 0.5,
/// adverbs 0.3 (those are how paraphrases differ more often than facts).
fn word_class(surface: &str) -> f32 {
    if surface.ends_with("ly") {
        0.3
    } else if [
        "ed", "ing", "al", "ous", "ive", "ful", "less", "able", "ible", "ic",
    ]
    .iter()
    .any(|s| surface.ends_with(s))
        || irregular(surface).is_some()
    {
        0.5
    } else {
        1.0
    }
}

/// Whether term `old` is an older English form of `new`: `seemeth` / `seem`, `knowest` /
/// `know`.
fn older_form(old: &str, new: &str) -> bool {
    ["eth", "est", "edst"].iter().any(|ending| {
        old.strip_suffix(ending).is_some_and(|root| {
            root.len() >= 4 && new.starts_with(root) && new.len() <= root.len() + 1
        })
    })
}

/// Whether an analyzed term is a number or a quantity word.
fn is_number(term: &str) -> bool {
    !is_year(term)
        && (term.bytes().next().is_some_and(|b| b.is_ascii_digit()) || is_number_term(term))
}

/// Whether an analyzed term is four digits from 1000 to 2100: more often a year (a time)
/// than a quantity.
fn is_year(term: &str) -> bool {
    term.len() == 4
        && term
            .parse::<u32>()
            .is_ok_and(|y| (1000..=2100).contains(&y))
}

/// A sparse, normalised vector of term weights.
#[derive(Default, Clone)]
struct Vector {
    entries: Vec<(u32, f32)>,
}

impl Vector {
    fn new(stats: &Stats, ids: impl Iterator<Item = u32>) -> Vector {
        let mut unique: Vec<u32> = ids.collect();
        unique.sort_unstable();
        unique.dedup();
        let mut entries: Vec<(u32, f32)> = unique
            .into_iter()
            .map(|id| (id, stats.weight(id)))
            .collect();
        let norm = entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut entries {
                e.1 /= norm;
            }
        }
        Vector { entries }
    }

    fn cosine(&self, other: &Vector) -> f32 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < self.entries.len() && j < other.entries.len() {
            let (a, b) = (self.entries[i], other.entries[j]);
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a.1 * b.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }
}

/// One account, ready to align.
struct Prepared<'a> {
    account: &'a Account,
    words: &'a [Vec<Word>],
    /// Each claim's words as term ids.
    terms: Vec<Vec<u32>>,
    vectors: Vec<Vector>,
    /// Each claim's meaning: its words' vectors weighted by their rarity, unit length.
    meanings: Vec<meaning::Vector>,
    /// The paragraphs' vectors, and which one each claim is in.
    paragraph_vectors: Vec<Vector>,
    paragraph_of: Vec<usize>,
    /// Where each name is written: (claim, word) by term, made when first asked
    /// ([`Prepared::places_of`]).
    names: OnceCell<HashMap<u32, Vec<(u32, u32)>>>,
    tuning: Tuning,
}

impl Prepared<'_> {
    fn len(&self) -> usize {
        self.vectors.len()
    }

    /// Where the account writes name `term`: (claim, word) of each place. Only names are
    /// recorded, and only once asked for.
    fn places_of(&self, stats: &Stats, term: u32) -> &[(u32, u32)] {
        let names = self.names.get_or_init(|| {
            let mut names: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
            for (c, terms) in self.terms.iter().enumerate() {
                for (i, &t) in terms.iter().enumerate() {
                    if stats.name[t as usize] {
                        names.entry(t).or_default().push((c as u32, i as u32));
                    }
                }
            }
            names
        });
        names.get(&term).map_or(&[], Vec::as_slice)
    }

    /// How alike two claims are, in 0..1: the larger of their word overlap and their
    /// meaning's similarity above [`Tuning::meaning_floor`].
    fn cos(&self, a: usize, other: &Prepared, b: usize) -> f32 {
        let words = self.vectors[a].cosine(&other.vectors[b]);
        words.max(self.meaning_cos(a, other, b))
    }

    /// The meaning part of [`Prepared::cos`].
    fn meaning_cos(&self, a: usize, other: &Prepared, b: usize) -> f32 {
        let m = meaning::dot(&self.meanings[a], &other.meanings[b]);
        self.tuning.meaning_weight
            * ((m - self.tuning.meaning_floor) / (1.0 - self.tuning.meaning_floor)).max(0.0)
    }

    fn claim(&self, a: usize) -> &Side {
        &self.account.claims[a]
    }

    /// Similarity of the paragraphs claim `a` and claim `b` of `other` are in.
    fn paragraph_cos(&self, a: usize, other: &Prepared, b: usize) -> f32 {
        self.paragraph_vectors[self.paragraph_of[a]]
            .cosine(&other.paragraph_vectors[other.paragraph_of[b]])
    }
}

/// The similarity of claims of two accounts ([`Prepared::cos`]), each pair computed once:
/// alignment asks for the same pair again and again (as a candidate, as a neighbour of
/// another, from either side).
struct Similarities<'a, 'p> {
    x: &'a Prepared<'p>,
    y: &'a Prepared<'p>,
    /// (claim of `x`, claim of `y`) → similarity.
    memo: RefCell<HashMap<(usize, usize), f32>>,
}

impl<'a, 'p> Similarities<'a, 'p> {
    fn new(x: &'a Prepared<'p>, y: &'a Prepared<'p>) -> Self {
        Similarities {
            x,
            y,
            memo: RefCell::default(),
        }
    }

    /// The similarity of claim `a` of `x` and claim `b` of `y`.
    fn cos(&self, a: usize, b: usize) -> f32 {
        *self
            .memo
            .borrow_mut()
            .entry((a, b))
            .or_insert_with(|| self.x.cos(a, self.y, b))
    }

    /// Claims of `x` against claims of `y` (`flipped` false), or of `y` against `x`.
    fn towards(&self, flipped: bool) -> Towards<'_, 'a, 'p> {
        Towards {
            sims: self,
            flipped,
        }
    }
}

/// One direction of [`Similarities`]: claims of `from` against claims of `to`.
#[derive(Clone, Copy)]
struct Towards<'s, 'a, 'p> {
    sims: &'s Similarities<'a, 'p>,
    flipped: bool,
}

impl Towards<'_, '_, '_> {
    fn cos(&self, a: usize, b: usize) -> f32 {
        if self.flipped {
            self.sims.cos(b, a)
        } else {
            self.sims.cos(a, b)
        }
    }
}

/// The best counterpart of a claim: (index in the other account, combined score, cosine).
type Best = Option<(usize, f32, f32)>;

/// Aligns the accounts of one work and lists where they differ.
pub fn align_work(work: &str, accounts: &[Account]) -> WorkAlignment {
    align_work_with(
        &mut WordAnalyzer::default(),
        &Tuning::default(),
        work,
        accounts,
    )
}

/// [`align_work`] with an analyzer kept from one work to the next, so that the words works
/// share are analyzed once, and with the tuning values given.
pub fn align_work_with(
    analyzer: &mut WordAnalyzer,
    tuning: &Tuning,
    work: &str,
    accounts: &[Account],
) -> WorkAlignment {
    let mut ids = TermIds::default();
    let words: Vec<Vec<Vec<Word>>> = accounts
        .iter()
        .map(|acc| {
            acc.claims
                .iter()
                .map(|c| content_words(analyzer, &mut ids, &c.text))
                .collect()
        })
        .collect();
    let texts: Vec<Vec<&str>> = accounts
        .iter()
        .map(|a| a.claims.iter().map(|c| c.text.as_str()).collect())
        .collect();
    let stats = Stats::new(&words, &texts, ids.terms(), *tuning);
    let prepared: Vec<Prepared> = accounts
        .iter()
        .zip(&words)
        .map(|(account, words)| prepare(&stats, account, words))
        .collect();

    let candidates = find_candidates(&stats, &prepared);
    let mut linked: BTreeMap<(usize, usize), ()> = BTreeMap::new();
    for (i, per_claim) in candidates.iter().enumerate() {
        for &(j, _) in per_claim.iter().flatten() {
            linked.insert((i.min(j), i.max(j)), ());
        }
    }
    let mut out = Collector::default();
    let mut has_counterpart: Vec<Vec<bool>> =
        prepared.iter().map(|p| vec![false; p.len()]).collect();
    let mut near: Vec<Vec<f32>> = prepared.iter().map(|p| vec![0.0; p.len()]).collect();
    for &(i, j) in linked.keys() {
        let (x, y) = (&prepared[i], &prepared[j]);
        let sims = Similarities::new(x, y);
        let xy = best_counterparts(x, y, sims.towards(false), restrict(&candidates[i], j));
        let yx = best_counterparts(y, x, sims.towards(true), restrict(&candidates[j], i));
        for (a, best) in xy.iter().enumerate() {
            near[i][a] = near[i][a].max(best.map_or(0.0, |b| b.1));
        }
        for (b, best) in yx.iter().enumerate() {
            near[j][b] = near[j][b].max(best.map_or(0.0, |b| b.1));
        }
        // (a, b) → (combined score, whether each is the other's best).
        let mut pairs: BTreeMap<(usize, usize), (f32, bool)> = BTreeMap::new();
        for (a, best) in xy.iter().enumerate() {
            if let Some((b, score, _)) = *best {
                pairs.insert((a, b), (score, false));
            }
        }
        for (b, best) in yx.iter().enumerate() {
            if let Some((a, score, _)) = *best {
                match pairs.get_mut(&(a, b)) {
                    Some(e) => *e = (e.0.max(score), true),
                    None => {
                        pairs.insert((a, b), (score, false));
                    }
                }
            }
        }
        // Only confident pairs count as counterparts: a fair word overlap when each claim
        // is the other's best match, or a strong one otherwise.
        pairs.retain(|&(a, b), &mut (_, mutual)| {
            let cos = sims.cos(a, b);
            cos >= stats.tuning.strong_cosine || (mutual && cos >= stats.tuning.mutual_cosine)
        });
        let backbone = heaviest_chain(&pairs);
        // One account may say in one claim what the other says in several: a claim's
        // words are compared with all of its counterparts' together.
        let mut of_x: BTreeMap<usize, Counterparts> = BTreeMap::new();
        let mut of_y: BTreeMap<usize, Counterparts> = BTreeMap::new();
        for &(a, b) in pairs.keys() {
            let (score, in_order) = (pairs[&(a, b)].0, backbone.contains(&(a, b)));
            of_x.entry(a)
                .or_default()
                .add(b, &y.terms[b], in_order, score);
            of_y.entry(b)
                .or_default()
                .add(a, &x.terms[a], in_order, score);
        }
        for (&a, parts) in &mut of_x {
            parts.diff = diff(&x.terms[a], &parts.terms);
        }
        for (&b, parts) in &mut of_y {
            parts.diff = diff(&parts.terms, &y.terms[b]);
        }
        let subs = substitutions(&pairs, (x, &of_x), (y, &of_y));
        out.differences
            .extend(renamings(&stats, work, (x, y), &subs));
        let subs: HashSet<(u32, u32)> = subs.into_iter().map(|s| s.terms).collect();
        let mut spelt: HashSet<(Vec<String>, Vec<String>)> = HashSet::new();
        let context = Context {
            all: (&of_x, &of_y),
            subs: &subs,
            loose: told_loosely(&stats, &pairs, (x, &of_x), (y, &of_y)),
        };
        for (&(a, b), &(score, mutual)) in &pairs {
            has_counterpart[i][a] = true;
            has_counterpart[j][b] = true;
            out.pairs.push(Pairing {
                accounts: (i, j),
                claims: (a, b),
                in_order: backbone.contains(&(a, b)),
            });
            let (align, mutual, backbone) = (
                ((score - stats.tuning.align_threshold) / 0.3).clamp(0.0, 1.0),
                f32::from(u8::from(mutual)),
                f32::from(u8::from(backbone.contains(&(a, b)))),
            );
            let pairing = Evidence {
                align,
                mutual,
                backbone,
                ..Evidence::default()
            };
            for d in detail(&stats, work, (x, a, j), (y, b, i), &context, pairing) {
                // One referent named two ways is one difference, however many claims show
                // it (`Agnes` / `Margaret` in each claim that names the niece).
                let first = d.kind != DiffKind::NameVariant
                    || spelt.insert((d.left_terms.clone(), d.right_terms.clone()));
                if first {
                    out.push(d);
                }
            }
        }
    }
    for (i, x) in prepared.iter().enumerate() {
        for a in (0..x.len()).filter(|&a| !has_counterpart[i][a]) {
            out.push_opt(only_in(&stats, work, x, a, near[i][a]));
        }
    }
    for d in name_variants(&stats, work, &prepared) {
        out.push(d);
    }
    for d in described(&stats, work, &prepared, linked.keys()) {
        out.push(d);
    }
    out.finish()
}

/// The pairs on the heaviest chain that moves forward in both accounts: the order in which
/// both tell the story. Pairs off it may still be right (recaps summarise and jump), but
/// are less certain. O(p log p) in the number of pairs.
fn heaviest_chain(pairs: &BTreeMap<(usize, usize), (f32, bool)>) -> HashSet<(usize, usize)> {
    let items: Vec<((usize, usize), f32)> = pairs.iter().map(|(&k, &(s, _))| (k, s)).collect();
    let width = items.iter().map(|i| i.0.1 + 1).max().unwrap_or(0);
    // Fenwick tree over b: best (weight, item) of chains ending at b' <= b.
    let mut tree: Vec<(f32, Option<usize>)> = vec![(0.0, None); width + 1];
    let mut back: Vec<Option<usize>> = vec![None; items.len()];
    let mut total: Vec<f32> = vec![0.0; items.len()];
    let mut k = 0;
    while k < items.len() {
        // Pairs with the same a cannot chain with each other: query all before updating.
        let a = items[k].0.0;
        let group: Vec<usize> = (k..items.len())
            .take_while(|&i| items[i].0.0 == a)
            .collect();
        for &i in &group {
            let b = items[i].0.1;
            let (mut best, mut from, mut pos) = (0.0, None, b);
            while pos > 0 {
                if tree[pos].0 > best {
                    (best, from) = tree[pos];
                }
                pos &= pos - 1;
            }
            total[i] = best + items[i].1;
            back[i] = from;
        }
        for &i in &group {
            let mut pos = items[i].0.1 + 1;
            while pos <= width {
                if total[i] > tree[pos].0 {
                    tree[pos] = (total[i], Some(i));
                }
                pos += pos & pos.wrapping_neg();
            }
        }
        k += group.len();
    }
    let mut out = HashSet::new();
    let mut at = (0..items.len()).max_by(|&p, &q| total[p].total_cmp(&total[q]));
    while let Some(i) = at {
        out.insert(items[i].0);
        at = back[i];
    }
    out
}

fn prepare<'a>(stats: &Stats, account: &'a Account, words: &'a [Vec<Word>]) -> Prepared<'a> {
    // Each claim's words as term ids, for the word diff and the vectors.
    let terms: Vec<Vec<u32>> = words
        .iter()
        .map(|claim| claim.iter().map(|w| w.term).collect())
        .collect();
    let vectors = terms
        .iter()
        .map(|ids| Vector::new(stats, ids.iter().copied()))
        .collect();
    let meanings = terms
        .iter()
        .map(|ids| {
            let mut sum = [0.0f32; meaning::DIMS];
            let mut seen: Vec<u32> = Vec::new();
            for &id in ids {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let w = stats.weight(id);
                for (s, v) in sum.iter_mut().zip(&stats.meaning[id as usize]) {
                    *s += w * v;
                }
            }
            meaning::normalised(sum)
        })
        .collect();
    let mut slot: HashMap<u64, usize> = HashMap::new();
    let mut by_paragraph: Vec<Vec<u32>> = Vec::new();
    let mut paragraph_of = Vec::with_capacity(words.len());
    for (claim, ids) in account.claims.iter().zip(&terms) {
        let at = *slot.entry(claim.paragraph).or_insert_with(|| {
            by_paragraph.push(Vec::new());
            by_paragraph.len() - 1
        });
        by_paragraph[at].extend_from_slice(ids);
        paragraph_of.push(at);
    }
    let paragraph_vectors = by_paragraph
        .into_iter()
        .map(|ids| Vector::new(stats, ids.into_iter()))
        .collect();
    Prepared {
        account,
        words,
        terms,
        vectors,
        meanings,
        paragraph_vectors,
        paragraph_of,
        names: OnceCell::new(),
        tuning: stats.tuning,
    }
}

/// For each account and claim, the claims of other accounts that share the most weight
/// with it, found through an inverted index over the whole work: (account, claim).
fn find_candidates(stats: &Stats, prepared: &[Prepared]) -> Vec<Vec<Vec<(usize, usize)>>> {
    let mut postings: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
    for (j, p) in prepared.iter().enumerate() {
        for (b, v) in p.vectors.iter().enumerate() {
            for &(id, _) in &v.entries {
                postings.entry(id).or_default().push((j, b));
            }
        }
    }
    let total: usize = prepared.iter().map(Prepared::len).sum();
    let common = ((total as f32 * stats.tuning.common_share) as usize).max(8);
    // Each claim's dot products are summed in one array over all claims of the work (claim
    // `b` of account `j` at `first[j] + b`), cleared after each claim where it was touched.
    // Every term weight is positive, so a claim not reached yet is one still at zero.
    let first: Vec<usize> = prepared
        .iter()
        .scan(0, |next, p| {
            let at = *next;
            *next += p.len();
            Some(at)
        })
        .collect();
    let mut dots = vec![0.0f32; total];
    let mut touched: Vec<(usize, usize)> = Vec::new();
    let best_first = |p: &((usize, usize), f32), q: &((usize, usize), f32)| {
        q.1.total_cmp(&p.1).then(p.0.cmp(&q.0))
    };
    prepared
        .iter()
        .enumerate()
        .map(|(i, x)| {
            x.vectors
                .iter()
                .map(|v| {
                    for &(id, w) in &v.entries {
                        let Some(list) = postings.get(&id).filter(|l| l.len() <= common) else {
                            continue;
                        };
                        for &(j, b) in list.iter().filter(|(j, _)| *j != i) {
                            let dot = &mut dots[first[j] + b];
                            if *dot == 0.0 {
                                touched.push((j, b));
                            }
                            *dot += w * stats.weight(id);
                        }
                    }
                    let mut ranked: Vec<((usize, usize), f32)> = touched
                        .drain(..)
                        .map(|(j, b)| ((j, b), std::mem::take(&mut dots[first[j] + b])))
                        .collect();
                    if ranked.len() > stats.tuning.candidates {
                        ranked.select_nth_unstable_by(stats.tuning.candidates - 1, best_first);
                        ranked.truncate(stats.tuning.candidates);
                    }
                    ranked.sort_unstable_by(best_first);
                    ranked.into_iter().map(|p| p.0).collect()
                })
                .collect()
        })
        .collect()
}

/// The candidates of each claim that lie in account `j`.
fn restrict(candidates: &[Vec<(usize, usize)>], j: usize) -> Vec<Vec<usize>> {
    candidates
        .iter()
        .map(|c| c.iter().filter(|p| p.0 == j).map(|p| p.1).collect())
        .collect()
}

/// For each claim of `x`, its best counterpart in `y` among `candidates`, if any is good
/// enough.
fn best_counterparts(
    x: &Prepared,
    y: &Prepared,
    sims: Towards,
    candidates: Vec<Vec<usize>>,
) -> Vec<Best> {
    // Each candidate with its similarity, computed once: (claim of `y`, cosine).
    let mut scored: Vec<Vec<(usize, f32)>> = candidates
        .into_iter()
        .enumerate()
        .map(|(a, c)| c.into_iter().map(|b| (b, sims.cos(a, b))).collect())
        .collect();
    // Continue the neighbours' best matches: if a-1 matches b, a may match b+1.
    let top: Vec<Option<usize>> = scored
        .iter()
        .map(|c| c.iter().max_by(|p, q| p.1.total_cmp(&q.1)).map(|p| p.0))
        .collect();
    for (a, cands) in scored.iter_mut().enumerate() {
        let before = a.checked_sub(1).and_then(|p| top[p]).map(|b| b + 1);
        let after = top
            .get(a + 1)
            .copied()
            .flatten()
            .and_then(|b| b.checked_sub(1));
        for b in [before, after]
            .into_iter()
            .flatten()
            .filter(|&b| b < y.len())
        {
            if !cands.iter().any(|c| c.0 == b) {
                cands.push((b, sims.cos(a, b)));
            }
        }
        // Claims that tell the same in other words share few of them: the best by meaning
        // around the same place in the story join the candidates, unless a candidate
        // already shares many words with it.
        let lexical = |&(b, _): &(usize, f32)| x.vectors[a].cosine(&y.vectors[b]);
        if cands.iter().map(lexical).fold(0.0, f32::max) >= x.tuning.strong_words {
            continue;
        }
        for b in by_meaning(x, a, y) {
            if !cands.iter().any(|c| c.0 == b) {
                cands.push((b, sims.cos(a, b)));
            }
        }
    }
    // Neighbouring claims share paragraphs, and so their candidates' paragraph similarity.
    let mut paragraphs: HashMap<(usize, usize), f32> = HashMap::new();
    scored
        .iter()
        .enumerate()
        .map(|(a, cands)| {
            cands
                .iter()
                .filter(|&&(_, cos)| cos >= x.tuning.min_cosine)
                .filter_map(|&(b, cos)| {
                    let key = (x.paragraph_of[a], y.paragraph_of[b]);
                    let paragraph = *paragraphs
                        .entry(key)
                        .or_insert_with(|| x.paragraph_cos(a, y, b));
                    let score = combined((x, a), (y, b), sims, cos, paragraph);
                    (score >= x.tuning.align_threshold).then_some((b, score, cos))
                })
                .max_by(|p, q| p.1.total_cmp(&q.1).then(q.0.cmp(&p.0)))
        })
        .collect()
}

/// The claims of `y` nearest in meaning to claim `a` of `x`, among those about as far into
/// their story as `a` is into its own (see [`Tuning::meaning_window`]).
fn by_meaning(x: &Prepared, a: usize, y: &Prepared) -> Vec<usize> {
    let n = y.len();
    let centre = (a as f32 + 0.5) / x.len().max(1) as f32 * n as f32;
    let half = ((x.tuning.meaning_window * n as f32) as usize).max(x.tuning.meaning_window_min);
    let from = (centre as usize).saturating_sub(half);
    let to = (centre as usize + half).min(n);
    let mut near: Vec<(usize, f32)> = (from..to)
        .map(|b| (b, x.meaning_cos(a, y, b)))
        .filter(|p| p.1 > 0.0)
        .collect();
    near.sort_by(|p, q| q.1.total_cmp(&p.1).then(p.0.cmp(&q.0)));
    near.into_iter()
        .take(x.tuning.meaning_candidates)
        .map(|p| p.0)
        .collect()
}

/// Similarity of claim `a` of `x` and claim `b` of `y`, with context, given their own
/// similarity and their paragraphs'.
fn combined(
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    sims: Towards,
    own: f32,
    paragraphs: f32,
) -> f32 {
    let before = if a > 0 && b > 0 {
        sims.cos(a - 1, b - 1)
    } else {
        0.0
    };
    let after = if a + 1 < x.len() && b + 1 < y.len() {
        sims.cos(a + 1, b + 1)
    } else {
        0.0
    };
    let place = |i: usize, n: usize| i as f32 / n.max(1) as f32;
    let order = 1.0 - (place(a, x.len()) - place(b, y.len())).abs();
    own + x.tuning.w_neighbours * before.max(after)
        + x.tuning.w_paragraph * paragraphs
        + x.tuning.w_order * order
}

/// The differing phrases of one side: (byte range in the claim, salience), in text order.
/// A phrase is a run of differing words, trimmed of words the other account also uses.
/// `picked` are indices into the words of claim `a` of `x`.
fn phrases(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    picked: &[usize],
    other: Versus,
    close: bool,
) -> Vec<(std::ops::Range<usize>, f32)> {
    let (text, words, terms) = (&x.claim(a).text, &x.words[a], &x.terms[a]);
    let sal = |i: usize| stats.salience(terms[i], &words[i], text, other, close);
    // A number is kept in a phrase trimmed to its strong words, however common: it is what
    // a count is about (`either three years of famine`, not `famine`).
    let strong = |i: usize| stats.is_strong(terms[i], other);
    let kept = |i: usize| strong(i) || is_number(&stats.term[terms[i] as usize]);
    runs(text, words, picked)
        .into_iter()
        .map(|(range, members)| {
            let salience = members.iter().map(|&i| sal(i)).fold(0.0, f32::max);
            if !members.iter().any(|&i| strong(i)) {
                return (range, salience);
            }
            let first = members.iter().position(|&i| kept(i));
            let last = members.iter().rposition(|&i| kept(i));
            match (first, last) {
                (Some(f), Some(l)) => (
                    words[members[f]].span.start..words[members[l]].span.end,
                    salience,
                ),
                _ => (range, salience),
            }
        })
        .collect()
}

/// How specific a list of differing phrases is, in 0..1: its most specific phrase.
fn specificity(phrases: &[(std::ops::Range<usize>, f32)]) -> f32 {
    phrases.iter().map(|p| p.1.min(1.0)).fold(0.0, f32::max)
}

fn ranges(phrases: &[(std::ops::Range<usize>, f32)]) -> Vec<std::ops::Range<usize>> {
    phrases.iter().map(|p| p.0.clone()).collect()
}

/// The phrases as written, most salient first (ties in text order), each once: a claim
/// that says `yourself` three times differs by one word, not three.
fn by_salience(text: &str, phrases: &[(std::ops::Range<usize>, f32)]) -> Vec<String> {
    by_salience_from(text, phrases, |_| false)
}

/// [`by_salience`], with the phrases `first` holds before the others: what stands in the
/// place of the other side's most telling phrase, so that the first of each side say
/// what replaces what.
fn by_salience_from(
    text: &str,
    phrases: &[(std::ops::Range<usize>, f32)],
    first: impl Fn(&std::ops::Range<usize>) -> bool,
) -> Vec<String> {
    let mut sorted: Vec<&(std::ops::Range<usize>, f32)> = phrases.iter().collect();
    sorted.sort_by(|a, b| {
        (first(&b.0).cmp(&first(&a.0)))
            .then(b.1.total_cmp(&a.1))
            .then(a.0.start.cmp(&b.0.start))
    });
    let mut seen = HashSet::new();
    sorted
        .into_iter()
        .map(|p| &text[p.0.clone()])
        .filter(|phrase| seen.insert(phrase.to_lowercase()))
        .map(str::to_owned)
        .collect()
}

fn side(claim: &Side, highlights: &[std::ops::Range<usize>]) -> Side {
    Side {
        highlights: highlights.iter().cloned().map(Span::from).collect(),
        ..claim.clone()
    }
}

/// The claims of the other account one claim is paired with, their terms one after
/// another: what its words are compared against when one account tells in one claim what
/// the other tells in several.
#[derive(Default)]
struct Counterparts {
    terms: Vec<u32>,
    /// Each counterpart, in order.
    parts: Vec<Part>,
    /// The claim's words against `terms`, the claim on the side it is told on (left for
    /// the first account of a pair), once all counterparts are added.
    diff: WordDiff,
}

/// One of a claim's counterparts.
struct Part {
    claim: usize,
    /// Where its terms start in [`Counterparts::terms`].
    start: usize,
    /// The pair is in the order both accounts tell the story in (see [`heaviest_chain`]).
    in_order: bool,
    /// The pair's combined score.
    score: f32,
}

impl Counterparts {
    fn add(&mut self, claim: usize, terms: &[u32], in_order: bool, score: f32) {
        self.parts.push(Part {
            claim,
            start: self.terms.len(),
            in_order,
            score,
        });
        self.terms.extend_from_slice(terms);
    }

    fn single(&self) -> bool {
        self.parts.len() == 1
    }

    /// Of a claim's words that none of its counterparts say (`only`, indices into `own`,
    /// the claim's terms), those told beside `counterpart`: the one with a shared word
    /// nearest, unless the claim's best counterpart (on the order both accounts tell the
    /// story in, then by score) is within `margin` words of it as well
    /// ([`Tuning::nearest_margin`]). A claim joined to several reports each of its own
    /// words once, with the pair it belongs to, not once per counterpart.
    fn beside(&self, own: &[u32], only: &[usize], counterpart: usize, margin: usize) -> Vec<usize> {
        if self.single() {
            return only.to_vec();
        }
        // Per counterpart, the positions in `own` of the words it shares.
        let shared: Vec<Vec<usize>> = (0..self.parts.len())
            .map(|k| {
                let end = self.parts.get(k + 1).map_or(self.terms.len(), |p| p.start);
                let part = &self.terms[self.parts[k].start..end];
                diff(own, part).anchors.iter().map(|a| a.0).collect()
            })
            .collect();
        // The best counterpart: in the story's order, then by score, then the first.
        let best = (0..self.parts.len()).max_by(|&k, &l| {
            let (p, q) = (&self.parts[k], &self.parts[l]);
            (p.in_order.cmp(&q.in_order))
                .then(p.score.total_cmp(&q.score))
                .then(l.cmp(&k))
        });
        let Some(best) = best else {
            return Vec::new();
        };
        only.iter()
            .copied()
            .filter(|&i| {
                let distance = |k: usize| {
                    shared[k]
                        .iter()
                        .map(|&p| p.abs_diff(i))
                        .min()
                        .unwrap_or(usize::MAX)
                };
                let nearest = (0..self.parts.len())
                    .min_by_key(|&k| (distance(k), k))
                    .unwrap_or(best);
                let owner = if distance(nearest).saturating_add(margin) <= distance(best) {
                    nearest
                } else {
                    best
                };
                self.parts[owner].claim == counterpart
            })
            .collect()
    }
}

/// What a pair's words are compared against: the counterparts of each claim of the two
/// accounts (a claim's words are compared with all of its counterparts together), and the
/// work's systematic substitutions (see [`substitutions`]).
struct Context<'c> {
    /// The counterparts of every claim of each account of the pair.
    all: (
        &'c BTreeMap<usize, Counterparts>,
        &'c BTreeMap<usize, Counterparts>,
    ),
    subs: &'c HashSet<(u32, u32)>,
    /// Whether the two accounts tell the story loosely, in their own words (see
    /// [`Tuning::loose_work`]).
    loose: bool,
}

/// A word one account writes where the other, in the aligned claims, writes another,
/// again and again: a convention of that account (`host` for `army`, `LORD` for `Yahweh`
/// in the King James text), or one name written two ways (`Ornan` / `Araunah`).
struct Substitution {
    /// (term of `x`, term of `y`).
    terms: (u32, u32),
    /// The first pair of claims it is seen in.
    first: (usize, usize),
}

/// The substitutions between two accounts, given their aligned pairs and each claim's
/// counterparts' terms: word pairs (one only on each side of a pair) seen in at least
/// [`Tuning::substitution_pairs`] pairs, each word in no other such pair more often.
fn substitutions(
    pairs: &BTreeMap<(usize, usize), (f32, bool)>,
    (x, of_x): (&Prepared, &BTreeMap<usize, Counterparts>),
    (y, of_y): (&Prepared, &BTreeMap<usize, Counterparts>),
) -> Vec<Substitution> {
    let mut seen: BTreeMap<(u32, u32), (usize, (usize, usize))> = BTreeMap::new();
    for &(a, b) in pairs.keys() {
        let (mut left, mut right): (Vec<u32>, Vec<u32>) = (
            of_x[&a]
                .diff
                .left_only
                .iter()
                .map(|&i| x.terms[a][i])
                .collect(),
            of_y[&b]
                .diff
                .right_only
                .iter()
                .map(|&j| y.terms[b][j])
                .collect(),
        );
        left.sort_unstable();
        left.dedup();
        right.sort_unstable();
        right.dedup();
        for &u in &left {
            for &v in &right {
                let e = seen.entry((u, v)).or_insert((0, (a, b)));
                e.0 += 1;
            }
        }
    }
    let mut best_of: HashMap<u32, usize> = HashMap::new();
    let mut best_for: HashMap<u32, usize> = HashMap::new();
    for (&(u, v), &(n, _)) in &seen {
        let e = best_of.entry(u).or_default();
        *e = (*e).max(n);
        let e = best_for.entry(v).or_default();
        *e = (*e).max(n);
    }
    seen.into_iter()
        .filter(|&((u, v), (n, _))| {
            n >= x.tuning.substitution_pairs && best_of[&u] == n && best_for[&v] == n
        })
        .map(|(terms, (_, first))| Substitution { terms, first })
        .collect()
}

/// `name_variant` differences for the substitutions whose words are both names: one
/// referent the two accounts name differently throughout. Other substitutions are how an
/// account writes, not what it says, and are no difference.
fn renamings(
    stats: &Stats,
    work: &str,
    (x, y): (&Prepared, &Prepared),
    subs: &[Substitution],
) -> Vec<Difference> {
    let span_of = |p: &Prepared, c: usize, term: u32| {
        p.terms[c]
            .iter()
            .position(|&t| t == term)
            .map(|i| p.words[c][i].span.clone())
    };
    subs.iter()
        .filter(|s| stats.name[s.terms.0 as usize] && stats.name[s.terms.1 as usize])
        .filter(|s| !stats.same_referent(s.terms.0, s.terms.1))
        .filter_map(|s| {
            let (a, b) = s.first;
            let (l, r) = (span_of(x, a, s.terms.0)?, span_of(y, b, s.terms.1)?);
            Some(word_variant(work, (x.claim(a), l), (y.claim(b), r)))
        })
        .collect()
}

/// A `name_variant` of one word on each side: `l` in claim `ls`, `r` in claim `rs`.
fn word_variant(
    work: &str,
    (ls, l): (&Side, std::ops::Range<usize>),
    (rs, r): (&Side, std::ops::Range<usize>),
) -> Difference {
    let evidence = Evidence {
        name_variant: 1.0,
        ..Evidence::default()
    };
    Difference {
        kind: DiffKind::NameVariant,
        score: evidence.score(),
        about: String::new(),
        work: work.to_owned(),
        left: side(ls, std::slice::from_ref(&l)),
        right: Some(side(rs, std::slice::from_ref(&r))),
        left_terms: vec![ls.text[l].to_owned()],
        right_terms: vec![rs.text[r].to_owned()],
        shared_terms: Vec::new(),
        evidence,
        head: None,
    }
}

/// The kind of the most telling differing word of a pair (either side), for [`about`].
fn head(
    stats: &Stats,
    (x, a, left, y_index): (&Prepared, usize, &[usize], usize),
    (y, b, right, x_index): (&Prepared, usize, &[usize], usize),
    close: bool,
) -> Option<about::Head> {
    let salient = |p: &Prepared, c: usize, only: &[usize], other: usize| {
        only.iter()
            .map(|&i| {
                let (id, word) = (p.terms[c][i], &p.words[c][i]);
                let s = stats.salience(id, word, &p.claim(c).text, Versus::One(other), close);
                (s, id)
            })
            .collect::<Vec<_>>()
    };
    let mut all = salient(x, a, left, y_index);
    all.extend(salient(y, b, right, x_index));
    let (_, id) = all.into_iter().max_by(|p, q| p.0.total_cmp(&q.0))?;
    let name = stats.name[id as usize];
    match stats.kind[id as usize] {
        // WordNet knows some names' kinds (`Jerusalem`, `Israel`: places; `Saul`: a
        // person); a name it knows as a common word is still a name (`Glenn Close`).
        Some(kind @ (WordKind::Who | WordKind::Place | WordKind::Time)) => {
            Some(about::Head::Kind(kind))
        }
        _ if name => Some(about::Head::Name),
        Some(kind) => Some(about::Head::Kind(kind)),
        None if is_year(&stats.term[id as usize]) => Some(about::Head::Kind(WordKind::Time)),
        None => None,
    }
}

/// How much of an aligned pair is told in the same words: the share of both claims'
/// content words that the other side has too, given each side's differing words and words.
fn closeness((left_only, left): (usize, usize), (right_only, right): (usize, usize)) -> f32 {
    let shared = (left - left_only) + (right - right_only);
    shared as f32 / (left + right).max(1) as f32
}

/// Whether two accounts tell the story loosely, in their own words: the median closeness
/// of their aligned pairs, each claim against all its counterparts, is under
/// [`Tuning::loose_work`].
fn told_loosely(
    stats: &Stats,
    pairs: &BTreeMap<(usize, usize), (f32, bool)>,
    (x, of_x): (&Prepared, &BTreeMap<usize, Counterparts>),
    (y, of_y): (&Prepared, &BTreeMap<usize, Counterparts>),
) -> bool {
    let mut all: Vec<f32> = pairs
        .keys()
        .map(|&(a, b)| {
            closeness(
                (of_x[&a].diff.left_only.len(), x.terms[a].len()),
                (of_y[&b].diff.right_only.len(), y.terms[b].len()),
            )
        })
        .collect();
    all.sort_by(f32::total_cmp);
    all.get(all.len() / 2)
        .is_some_and(|&median| median < stats.tuning.loose_work)
}

/// A `detail` difference for an aligned pair, if their words differ on specifics.
fn detail(
    stats: &Stats,
    work: &str,
    (x, a, y_index): (&Prepared, usize, usize),
    (y, b, x_index): (&Prepared, usize, usize),
    context: &Context,
    pairing: Evidence,
) -> Vec<Difference> {
    let (of_x, of_y) = context.all;
    let (a_parts, b_parts) = (&of_x[&a], &of_y[&b]);
    // Whether each claim's only counterpart is the other: then the pair's changes can be
    // told apart, each in its place.
    let single = a_parts.single() && b_parts.single();
    let (a_counterparts, b_counterparts) = (&a_parts.terms[..], &b_parts.terms[..]);
    let wa = &x.words[a];
    let mut d = a_parts.diff.clone();
    let from_b = &b_parts.diff;
    // What each claim's counterparts say that it does not: the words a differing word may
    // be said otherwise by. For a pair of single claims, the other claim's differing words.
    let unsaid = |counterparts: &[u32], only: &[usize]| -> Vec<u32> {
        only.iter().map(|&k| counterparts[k]).collect()
    };
    let (for_left, for_right) = (
        unsaid(a_counterparts, &d.right_only),
        unsaid(b_counterparts, &from_b.left_only),
    );
    d.right_only = from_b.right_only.clone();
    let closeness = closeness(
        (d.left_only.len(), x.terms[a].len()),
        (d.right_only.len(), y.terms[b].len()),
    );
    d.left_only = a_parts.beside(&x.terms[a], &d.left_only, b, stats.tuning.nearest_margin);
    d.right_only = b_parts.beside(
        &y.terms[b],
        &from_b.right_only,
        a,
        stats.tuning.nearest_margin,
    );
    // A differing word with a counterpart of the same meaning on the other side is the
    // same thing said in other words (`trouble` / `bother`): not a difference. When one
    // account tells in one claim what the other tells in several, the other side is all of
    // them (`Yahweh` in one claim, `the LORD` in the one claim that joins it to the next).
    let (lt, rt) = (&x.terms[a], &y.terms[b]);
    let paraphrase = |l: u32, r: u32| {
        stats.same_meaning(l, r) || stats.same_referent(l, r) || context.subs.contains(&(l, r))
    };
    // A differing word that says again, in another word of one meaning, what both claims
    // write (`riches, wealth` / `riches`; `the cattle ... the oxen` / `the oxen`) adds
    // nothing the other claim lacks. Only WordNet's synonyms: word vectors put a word
    // near others of its kind too (`cattle`, `goats`).
    let synonym = |u: u32, v: u32| {
        u != v && Senses::get().synonyms(&stats.term[u as usize], &stats.term[v as usize])
    };
    let left_only: Vec<usize> = (d.left_only.iter().copied())
        .filter(|&i| !for_left.iter().any(|&v| paraphrase(lt[i], v)))
        .filter(|&i| {
            !a_counterparts
                .iter()
                .any(|&v| lt.contains(&v) && synonym(lt[i], v))
        })
        .collect();
    let right_only: Vec<usize> = (d.right_only.iter().copied())
        .filter(|&j| !for_right.iter().any(|&u| paraphrase(u, rt[j])))
        .filter(|&j| {
            !b_counterparts
                .iter()
                .any(|&u| rt.contains(&u) && synonym(u, rt[j]))
        })
        .collect();
    (d.left_only, d.right_only) = (left_only, right_only);
    let (ca, cb) = (x.claim(a), y.claim(b));
    // Words written apart on one side and as one word on the other (`Beth Shan` /
    // `Bethshan`) are the same words: no difference, as case and punctuation are none.
    let (same_left, same_right) = written_together((x, a), (y, b), (&d.left_only, &d.right_only));
    d.left_only.retain(|i| !same_left.contains(i));
    d.right_only.retain(|j| !same_right.contains(j));
    // What stands between the same shared words (`gaps.rs`) can say a differing word is
    // no difference: a name where the other side says `he`, a word in place of one a step
    // more general, `two` where the other says `both`. Those rules need the pair's two
    // claims in one diff: with several counterparts, `d` places a claim's words against
    // all of them together. A title added beside a name both sides write is none either.
    let mut direct = if single {
        d.clone()
    } else {
        diff(&x.terms[a], &y.terms[b])
    };
    direct.left_only.retain(|i| d.left_only.contains(i));
    direct.right_only.retain(|j| d.right_only.contains(j));
    let (mut dropped_left, mut dropped_right) = (
        added_titles(stats, (x, a), &d.left_only),
        added_titles(stats, (y, b), &d.right_only),
    );
    for (l, r) in [
        named_for_pronouns(stats, (x, a), (y, b), &direct),
        appositions(stats, (x, a), (y, b), &direct),
        described_alike(stats, (x, a), (y, b), &direct),
        one_step_apart(stats, (x, a), (y, b), &direct),
        two_for_both(stats, (x, a), (y, b), &direct),
        times_for_a_multiple(stats, (x, a), (y, b), &direct),
    ] {
        dropped_left.extend(l);
        dropped_right.extend(r);
    }
    d.left_only.retain(|i| !dropped_left.contains(i));
    d.right_only.retain(|j| !dropped_right.contains(j));
    // A word one side adds where the other says nothing, and which the other account
    // tells in a claim beside the counterpart, is told there, in another sentence
    // (`loved Israel` in the claim before). A word in place of another stays a
    // difference.
    let window = stats.tuning.nearby_claims;
    let (mut alone_left, mut alone_right) = (Vec::new(), Vec::new());
    for (l, r) in d.changes().into_values() {
        match (l.is_empty(), r.is_empty()) {
            (false, true) => alone_left.extend(l),
            (true, false) => alone_right.extend(r),
            _ => {}
        }
    }
    d.left_only.retain(|&i| {
        !(alone_left.contains(&i)
            && told_nearby((y, of_y, false), &a_parts.parts, (&x.terms[a], i), window))
    });
    d.right_only.retain(|&j| {
        !(alone_right.contains(&j)
            && told_nearby((x, of_x, true), &b_parts.parts, (&y.terms[b], j), window))
    });
    // A name spelt two ways (`Shebnah` / `Shebna`) is a name variant of its own; the rest
    // of the pair's words may still differ.
    let spelt = spellings(stats, (x, a), (y, b), (&d.left_only, &d.right_only));
    d.left_only
        .retain(|i| !spelt.iter().any(|s| s.0.contains(i)));
    d.right_only
        .retain(|j| !spelt.iter().any(|s| s.1.contains(j)));
    let span = |words: &[Word], run: &Range<usize>| {
        words[run.start].span.start..words[run.end - 1].span.end
    };
    let mut out: Vec<Difference> = spelt
        .iter()
        .map(|(i, j)| word_variant(work, (ca, span(wa, i)), (cb, span(&y.words[b], j))))
        .collect();
    let close = closeness >= stats.tuning.close_frame;
    // In a pair told in nearly the same words, each change between the words both share
    // is a difference of its own (`seven hundred` / `seven thousand` charioteers, a count;
    // `horsemen` / `footmen`, a detail); otherwise the pair's differing words are one.
    let split = close && single;
    let loose = !split && (closeness < stats.tuning.loose_frame || context.loose);
    // Whether, in a loosely told pair, no place where both sides say something else has
    // them say things of one kind (see `gaps::same_slot`).
    let mut unlike = loose;
    let hunks: Vec<(Vec<usize>, Vec<usize>)> = if split {
        d.changes().into_values().collect()
    } else if loose {
        // In a loosely told pair, what one side adds between the same shared words where
        // the other adds nothing is what that account tells besides (`Ok-ju went to
        // Min-hee's house and found` / `she finds`); where they differ is what each says
        // in the same place (`her dead body in her bathtub` / `Min-hee immersed in a pool
        // of blood`). With several counterparts, the same holds against all of them.
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for (l, r) in d.changes().into_values() {
            if !l.is_empty() && !r.is_empty() {
                unlike &= !same_slot(stats, (x, a, &l), (y, b, &r));
                left.extend(l);
                right.extend(r);
            }
        }
        if left.is_empty() {
            Vec::new()
        } else {
            vec![(left, right)]
        }
    } else if d.left_only.is_empty() && d.right_only.is_empty() {
        Vec::new()
    } else {
        vec![(d.left_only.clone(), d.right_only.clone())]
    };
    let shared: Vec<String> = d
        .shared
        .iter()
        .map(|&i| ca.text[wa[i].span.clone()].to_owned())
        .collect();
    let mut changes: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    // Two claims that share no word were paired by meaning alone: nothing frames a place
    // where they differ, and their differing words are as likely the same thing said
    // otherwise (`She torched him alive` / `she chars him to death`). They stay paired,
    // and name no difference but a name spelt two ways.
    let hunks = if direct.shared.is_empty() {
        Vec::new()
    } else {
        hunks
    };
    for (left_only, right_only) in hunks {
        changes.extend(names_apart(
            stats,
            (x, a, left_only),
            (y, b, right_only),
            single && closeness >= stats.tuning.loose_frame,
        ));
    }
    for (left_only, right_only) in &changes {
        let change = Change {
            left: (x, a, left_only, y_index),
            right: (y, b, right_only, x_index),
            close,
            loose,
            unlike,
            frame: &direct,
        };
        out.extend(change.difference(stats, work, pairing, &shared));
    }
    // In a pair told in nearly the same words, a pronoun of another person in the same
    // place says someone else did it, or to someone else; a denial only one side makes
    // says the other side's event did not happen.
    if split {
        let changes = (pronoun_changes((x, a), (y, b), &direct).into_iter())
            .map(|c| (c, WordKind::Who, stats.tuning.pronoun_specificity));
        let denied = (denials((x, a), (y, b), &direct).into_iter())
            .map(|c| (c, WordKind::Verb, stats.tuning.min_specificity));
        for ((l, r), kind, specific) in changes.chain(denied) {
            let evidence = Evidence {
                detail: 1.0,
                specific_min: specific,
                specific_max: specific,
                ..pairing
            };
            let written = |c: &Side, ranges: &[std::ops::Range<usize>]| -> Vec<String> {
                ranges
                    .iter()
                    .map(|r| c.text[r.clone()].to_owned())
                    .collect()
            };
            out.push(Difference {
                kind: DiffKind::Detail,
                score: evidence.score(),
                about: String::new(),
                work: work.to_owned(),
                left: side(ca, &l),
                right: Some(side(cb, &r)),
                left_terms: written(ca, &l),
                right_terms: written(cb, &r),
                shared_terms: shared.clone(),
                evidence,
                head: Some(about::Head::Kind(kind)),
            });
        }
    }
    out
}

/// Whether the word `own[i]` of a claim is told in a claim of `p` within `window` claims
/// of one of `parts` (the claim's counterparts in `p`), other than those: as a word that
/// claim's own counterparts lack (`loved Israel`, in the claim before), or in the same
/// words, beside the same word (`his three sons`, which both accounts told a verse
/// earlier). A word both accounts write nearby in another phrase (`spy out the land`,
/// `the land of Ammon`) is still this claim's own. `of` holds the counterparts of `p`'s
/// claims; `left` says whether `p` is the first account of the pair (its words on the left
/// of their diffs).
fn told_nearby(
    (p, of, left): (&Prepared, &BTreeMap<usize, Counterparts>, bool),
    parts: &[Part],
    (own, i): (&[u32], usize),
    window: usize,
) -> bool {
    let term = own[i];
    let (before, after) = (i.checked_sub(1).map(|k| own[k]), own.get(i + 1).copied());
    let same_phrase = |k: usize| {
        let terms = &p.terms[k];
        terms.iter().enumerate().any(|(q, &t)| {
            t == term
                && ((before.is_some() && q.checked_sub(1).map(|r| terms[r]) == before)
                    || (after.is_some() && terms.get(q + 1).copied() == after))
        })
    };
    let told_there = |k: usize| {
        same_phrase(k)
            || match of.get(&k) {
                None => p.terms[k].contains(&term),
                Some(c) => {
                    let unsaid = if left {
                        &c.diff.left_only
                    } else {
                        &c.diff.right_only
                    };
                    unsaid.iter().any(|&w| p.terms[k][w] == term)
                }
            }
    };
    parts.iter().any(|part| {
        let c = part.claim;
        (c.saturating_sub(window)..(c + window + 1).min(p.len()))
            .filter(|k| !parts.iter().any(|q| q.claim == *k))
            .any(told_there)
    })
}

/// A change of a pair not told loosely (see [`Tuning::loose_frame`]) in which each side
/// has a name among other words (`the Gergesenes, two men` / `the Gadarenes, a certain
/// man`; `the threshing floor of Nacon, Uzzah reached for God's ark and took` / `Chidon's
/// threshing floor, Uzza put`) is two: the names, one referent named two ways or two
/// referents, and the rest. Each change is given as the indices of its differing words,
/// left and right, into the words of claim `a` of `x` and `b` of `y`. A title in front of
/// a name (`Detective Park` / `Inspector Park`) stays with its change: titles are compared
/// by [`name_variants`].
fn names_apart(
    stats: &Stats,
    (x, a, mut left): (&Prepared, usize, Vec<usize>),
    (y, b, mut right): (&Prepared, usize, Vec<usize>),
    apart: bool,
) -> Vec<(Vec<usize>, Vec<usize>)> {
    let name_of = |only: &[usize], p: &Prepared, c: usize| {
        let (words, terms) = (&p.words[c], &p.terms[c]);
        let is_name =
            |i: usize| stats.name[terms[i] as usize] && !is_number(&stats.term[terms[i] as usize]);
        let titles = |i: usize| {
            words.get(i + 1).is_some_and(|next| {
                is_name(i + 1)
                    && p.claim(c).text[words[i].span.end..next.span.start]
                        .chars()
                        .all(char::is_whitespace)
            })
        };
        // The name, with the names written right before it (`Meryl Streep`): the places
        // in `only` of the run of them.
        let at = only.iter().position(|&i| is_name(i) && !titles(i))?;
        let mut from = at;
        while from > 0 && only[from - 1] + 1 == only[from] && titles(only[from - 1]) {
            from -= 1;
        }
        Some(from..at + 1)
    };
    match (name_of(&left, x, a), name_of(&right, y, b)) {
        (Some(p), Some(q)) if apart && left.len() + right.len() > p.len() + q.len() => {
            let names = (left.drain(p).collect(), right.drain(q).collect());
            vec![names, (left, right)]
        }
        _ => vec![(left, right)],
    }
}

/// The differing words of one change in an aligned pair: claim `a` of `x` and the indices
/// of its differing words, and the index of the other account; the same for `b` of `y`.
struct Change<'c, 'p> {
    left: (&'c Prepared<'p>, usize, &'c [usize], usize),
    right: (&'c Prepared<'p>, usize, &'c [usize], usize),
    close: bool,
    /// The pair is told loosely (see [`Tuning::loose_frame`]).
    loose: bool,
    /// The two claims' own word diff: which place between shared words each differing
    /// word stands in ([`WordDiff::gap`]).
    frame: &'c WordDiff,
    /// The pair is told loosely and its two sides say things of different kinds where
    /// they differ (`clue` / `knows he is bad news`): each tells something the other does
    /// not, more than they contradict each other.
    unlike: bool,
}

impl Change<'_, '_> {
    /// The difference this change makes, if it says something specific: its kind from
    /// its words (a number, names alone, specifics on one side or both).
    fn difference(
        &self,
        stats: &Stats,
        work: &str,
        pairing: Evidence,
        shared: &[String],
    ) -> Option<Difference> {
        let (x, a, left_only, y_index) = self.left;
        let (y, b, right_only, x_index) = self.right;
        let (lt, rt) = (&x.terms[a], &y.terms[b]);
        // A number the other claim also writes, elsewhere or once more (`go forward ten
        // steps, or go back ten steps` / `ten steps`), is no other count.
        let counted = |only: &[usize], terms: &[u32], other: &[u32]| {
            only.iter()
                .any(|&i| is_number(&stats.term[terms[i] as usize]) && !other.contains(&terms[i]))
        };
        let numbers = counted(left_only, lt, rt) || counted(right_only, rt, lt);
        let close = self.close;
        let mut left = phrases(stats, (x, a), left_only, Versus::One(y_index), close);
        let mut right = phrases(stats, (y, b), right_only, Versus::One(x_index), close);
        let (mut sl, mut sr) = (specificity(&left), specificity(&right));
        // Opposites in one change (`at his right hand` / `at his left hand`, `wins` /
        // `loses`) contradict each other, however common or abstract the words.
        let opposed = left_only.iter().any(|&i| {
            right_only.iter().any(|&j| {
                Opposites::get().opposite(&stats.term[lt[i] as usize], &stats.term[rt[j] as usize])
            })
        });
        if opposed {
            let at_least = stats.tuning.min_specificity;
            (sl, sr) = (sl.max(at_least), sr.max(at_least));
        }
        let named = |only: &[usize], terms: &[u32]| {
            !only.is_empty() && only.iter().all(|&i| stats.name[terms[i] as usize])
        };
        // Days, months and feasts are written with a capital, but two of them are two
        // times (`on a Tuesday` / `on a Friday`), not one referent named two ways.
        let dated = |only: &[usize], terms: &[u32]| {
            (only.iter()).any(|&i| stats.kind[terms[i] as usize] == Some(WordKind::Time))
        };
        // A place WordNet knows against another name (`Vienna` / `Berlin`, `Seoul` /
        // `Busan`) is another place, not one named two ways (a name spelt alike went apart
        // as one, in `spellings`); a name WordNet knows as a language or a people may be
        // one (`the Syrian language` / `Aramaic`).
        let placed = |only: &[usize], terms: &[u32]| {
            (only.iter()).all(|&i| stats.kind[terms[i] as usize] == Some(WordKind::Place))
        };
        let mut evidence = Evidence {
            specific_min: sl.min(sr),
            specific_max: sl.max(sr),
            ..pairing
        };
        let kind = if numbers {
            // A number one side gives and the other gives otherwise, or not at all. Where
            // the other says nothing there (`the twelve bronze bulls` / `the bronze`), it is
            // told besides: a one-sided detail's score.
            evidence.count = 1.0;
            if left.is_empty() || right.is_empty() {
                // Against `a` (`Two men` / `A man`), the article is the other side's count,
                // shown as such when the number is all the side says there.
                let alone = left.len() + right.len() == 1;
                match self.against_one(stats) {
                    Some((true, article)) if alone => left.push((article, 0.0)),
                    Some((false, article)) if alone => right.push((article, 0.0)),
                    Some(_) => {}
                    None => evidence.one_sided = 1.0,
                }
            }
            DiffKind::Count
        } else if sl.max(sr) < stats.tuning.min_specificity {
            // Neither side says anything specific the other does not. Where each side of a
            // pair not told loosely has words of its own there (`Hezekiah listened to
            // them` / `was pleased with them`), the change is reported faint, below every
            // other kind: another wording more often than another fact. Otherwise it is
            // a paraphrase.
            let replaced = !left.is_empty() && !right.is_empty();
            if !replaced || self.loose || sl.max(sr) < stats.tuning.faint_specificity {
                return None;
            }
            evidence.faint = 1.0;
            evidence.specific_max = sl.max(sr) / stats.tuning.min_specificity;
            DiffKind::Detail
        } else if self.unlike {
            // Each side tells something the other does not, more than the two contradict
            // each other.
            evidence.unlike = 1.0;
            DiffKind::Detail
        } else if sl.min(sr) < stats.tuning.min_specificity {
            // One side adds a specific the other leaves out (`that night`): a difference a
            // reader notes, less sure than two specifics that contradict each other.
            evidence.one_sided = 1.0;
            // Names one side adds where the other says nothing (`sent Tartan, Rabsaris, and
            // Rabshakeh` / `sent Rabshakeh`) say who, and rank above other additions.
            let added = |only: &[usize], terms: &[u32], other: &[usize]| {
                named(only, terms) && other.is_empty()
            };
            if added(left_only, lt, right_only) || added(right_only, rt, left_only) {
                evidence.names_added = 1.0;
            }
            DiffKind::Detail
        } else if named(left_only, lt)
            && named(right_only, rt)
            // Two names of several words each that share none (`Hans Zimmer` / `John
            // Williams`) are two people, not one named two ways.
            && !(left_only.len() > 1 && right_only.len() > 1)
            && !(dated(left_only, lt) && dated(right_only, rt))
            && !(placed(left_only, lt) || placed(right_only, rt))
            && !left_only
                .iter()
                .any(|&i| stats.used_by(lt[i], Versus::One(y_index)))
            && !right_only
                .iter()
                .any(|&j| stats.used_by(rt[j], Versus::One(x_index)))
        {
            // Names alone differ, on each side, and neither account writes the other's
            // name anywhere: one referent named two ways (`Shebnah` / `Shebna`, `Nacon` /
            // `Chidon`), or two different people. Where an account writes both names
            // (`There Morrow found a compass` / `There Agnes found`), they are two people, and
            // who it was is a detail.
            evidence.names_differ = 1.0;
            DiffKind::NameVariant
        } else {
            evidence.detail = 1.0;
            DiffKind::Detail
        };
        let (ca, cb) = (x.claim(a), y.claim(b));
        let (lr, rr) = (ranges(&left), ranges(&right));
        let (left_terms, right_terms) = if kind == DiffKind::Count {
            // A count's numbers first, on each side (`fifty` / `six hundred`).
            let holds_number =
                |p: &Prepared, c: usize, only: &[usize], r: &std::ops::Range<usize>| {
                    only.iter().any(|&i| {
                        r.contains(&p.words[c][i].span.start)
                            && is_number(&stats.term[p.terms[c][i] as usize])
                    })
                };
            (
                by_salience_from(&ca.text, &left, |r| holds_number(x, a, left_only, r)),
                by_salience_from(&cb.text, &right, |r| holds_number(y, b, right_only, r)),
            )
        } else if self.loose {
            // Few shared words frame a loosely told pair: its places say little.
            (by_salience(&ca.text, &left), by_salience(&cb.text, &right))
        } else {
            self.terms((&left, &right))
        };
        Some(Difference {
            kind,
            score: evidence.score(),
            about: String::new(),
            work: work.to_owned(),
            left: side(ca, &lr),
            right: Some(side(cb, &rr)),
            left_terms,
            right_terms,
            // The words a name variant's claims share say nothing of the name (`side` in
            // `the other side ... the Gergesenes`): none, so that `about` names no topic.
            shared_terms: match kind {
                DiffKind::NameVariant => Vec::new(),
                _ => shared.to_vec(),
            },
            evidence,
            head: head(stats, self.left, self.right, close),
        })
    }

    /// Each side's differing phrases as written, most telling first; the other side's
    /// first is the most telling of those standing in the place of the most telling phrase
    /// of all (`instruments made of cypress wood` / `with all their might, even with
    /// songs`, where the other side also says `trumpets` at the end).
    fn terms(&self, (left, right): (&Phrases, &Phrases)) -> (Vec<String>, Vec<String>) {
        let (x, a, left_only, _) = self.left;
        let (y, b, right_only, _) = self.right;
        let (ca, cb) = (x.claim(a), y.claim(b));
        // The place between shared words a phrase stands in: that of its first word.
        let place =
            |p: &Prepared, c: usize, only: &[usize], at: &std::ops::Range<usize>, is_left| {
                only.iter()
                    .find(|&&i| at.contains(&p.words[c][i].span.start))
                    .map(|&i| self.frame.gap(i, is_left))
            };
        let top = |phrases: &Phrases| {
            phrases
                .iter()
                .max_by(|p, q| p.1.total_cmp(&q.1).then(q.0.start.cmp(&p.0.start)))
                .cloned()
        };
        let (Some(l), Some(r)) = (top(left), top(right)) else {
            return (by_salience(&ca.text, left), by_salience(&cb.text, right));
        };
        // The side whose best is the more telling leads; the other follows its place.
        let left_leads = l.1 >= r.1;
        let at = if left_leads {
            place(x, a, left_only, &l.0, true)
        } else {
            place(y, b, right_only, &r.0, false)
        };
        let follows = |is_left: bool, range: &std::ops::Range<usize>| {
            let here = if is_left {
                place(x, a, left_only, range, true)
            } else {
                place(y, b, right_only, range, false)
            };
            is_left != left_leads && at.is_some() && here == at
        };
        (
            by_salience_from(&ca.text, left, |range| follows(true, range)),
            by_salience_from(&cb.text, right, |range| follows(false, range)),
        )
    }

    /// Where a number of this change stands against `a` on the other side (`Two men` /
    /// `A man`: [`numbers_for_a`]), a count of both sides: whether the article is in the
    /// left claim, and where.
    fn against_one(&self, stats: &Stats) -> Option<(bool, std::ops::Range<usize>)> {
        let ((x, a, left_only, _), (y, b, right_only, _)) = (self.left, self.right);
        let (l, r) = numbers_for_a(stats, (x, a), (y, b), self.frame);
        if let Some(&i) = left_only.iter().find(|i| l.contains(i)) {
            let g = self.frame.gap(i, true);
            return article_in(y, b, self.frame, g, false).map(|at| (false, at));
        }
        let &j = right_only.iter().find(|j| r.contains(j))?;
        let g = self.frame.gap(j, false);
        article_in(x, a, self.frame, g, true).map(|at| (true, at))
    }
}

/// A side's differing phrases: (byte range in the claim, salience), in text order.
type Phrases = Vec<(std::ops::Range<usize>, f32)>;

/// The differing words, of the left claim and of the right, that are the same words
/// written apart on one side and as one word on the other (`Beth Shan` / `Bethshan`,
/// `Jabesh Gilead` / `Jabeshgilead`).
fn written_together(
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    (left, right): (&[usize], &[usize]),
) -> (Vec<usize>, Vec<usize>) {
    // Both searches below need differing words on both sides.
    if left.is_empty() || right.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // Each word of `p`'s claim `c` as its letters and digits, lower-cased, with those of
    // the text between it and the next word: the words comparison skips are written too,
    // so that `daughter in law` spells `daughter-in-law`. Most words are already folded,
    // and most gaps hold no letter: those are borrowed, not copied.
    fn fold(s: &str) -> Cow<'_, str> {
        if s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            Cow::Borrowed(s)
        } else if !s.chars().any(char::is_alphanumeric) {
            Cow::Borrowed("")
        } else {
            s.chars()
                .filter(|ch| ch.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        }
    }
    /// A word folded, and the text after it up to the next word, folded.
    type Folded<'p> = (Cow<'p, str>, Cow<'p, str>);
    fn folded<'p>(p: &'p Prepared, c: usize) -> Vec<Folded<'p>> {
        let (text, words) = (&p.claim(c).text, &p.words[c]);
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let gap = words
                    .get(i + 1)
                    .map_or("", |n| &text[w.span.end..n.span.start]);
                (fold(&text[w.span.clone()]), fold(gap))
            })
            .collect()
    }
    let (folded_x, folded_y) = (folded(x, a), folded(y, b));
    // Words of one claim (`parts`) that, two or three in a row and one of them in
    // `differing`, spell a word of `wholes` in the other (`others`): (the differing ones
    // used, the wholes matched). `Jabesh Gilead` / `Jabeshgilead` counts though `Jabesh`
    // is shared.
    let find = |(parts, differing): (&[Folded], &[usize]),
                (others, wholes): (&[Folded], &[usize])| {
        let (mut used, mut matched) = (Vec::new(), Vec::new());
        let n = parts.len();
        for &w in wholes {
            let whole = others[w].0.as_ref();
            for start in 0..n {
                let mut rest = whole;
                for end in start..n.min(start + 3) {
                    if end > start {
                        let Some(after) = rest.strip_prefix(parts[end - 1].1.as_ref()) else {
                            break;
                        };
                        rest = after;
                    }
                    let Some(after) = rest.strip_prefix(parts[end].0.as_ref()) else {
                        break;
                    };
                    rest = after;
                    let words = start..=end;
                    if end > start
                        && rest.is_empty()
                        && words.clone().any(|i| differing.contains(&i))
                    {
                        used.extend(words.filter(|i| differing.contains(i)));
                        matched.push(w);
                    }
                }
            }
        }
        (used, matched)
    };
    let (mut same_left, mut same_right) = find((&folded_x, left), (&folded_y, right));
    let (right_apart, left_whole) = find((&folded_y, right), (&folded_x, left));
    same_left.extend(left_whole);
    same_right.extend(right_apart);
    (same_left, same_right)
}

/// Pairs of differing words, one of claim `a` of `x` (`left`) and one of claim `b` of `y`
/// (`right`), that are one name spelt two ways: both names, or both words too rare to be
/// in ordinary English (`almug` / `algum` trees), and spelt alike (see
/// [`Tuning::spelling_similarity`]). A compound matched by one of its parts takes with it
/// the differing words beside that part which, written together, spell the compound
/// (`Berodach Baladan` / `Merodach-baladan`: [`spelt_run`]). Each word is in one pair at
/// most; (the range of `left` words, the range of `right` words) of the claims.
fn spellings(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    (left, right): (&[usize], &[usize]),
) -> Vec<(Range<usize>, Range<usize>)> {
    let (lt, rt) = (&x.terms[a], &y.terms[b]);
    let written = |p: &Prepared, c: usize, i: usize| -> String {
        let text = &p.claim(c).text[p.words[c][i].span.clone()];
        let text = text.split(['\'', '’']).next().unwrap_or(text);
        text.to_lowercase()
    };
    // Some(true) for a name, Some(false) for a rare word written as its own stem (the name
    // of a thing, not `intreated` for `entreated`), None for other words. What is written
    // with digits is a number, a year or a code: two written alike are two values
    // (`2021` / `2022`), not one spelt two ways.
    let kind = |id: u32, written: &str| {
        let at = id as usize;
        let digits = stats.term[at].bytes().any(|b| b.is_ascii_digit());
        if digits || is_number(&stats.term[at]) || stats.kind[at] == Some(WordKind::Time) {
            None
        } else if stats.name[at] {
            Some(true)
        } else if stats.familiar[at] == 0.0 && stats.term[at] == written {
            Some(false)
        } else {
            None
        }
    };
    let mut out: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let taken = |out: &[(Range<usize>, Range<usize>)], left: bool, i: usize| {
        out.iter()
            .any(|(l, r)| if left { l } else { r }.contains(&i))
    };
    for &i in left {
        if taken(&out, true, i) {
            continue;
        }
        let l = written(x, a, i);
        let Some(left_kind) = kind(lt[i], &l) else {
            continue;
        };
        let best = right
            .iter()
            .filter(|&&j| !taken(&out, false, j))
            .map(|&j| (j, written(y, b, j)))
            .filter(|(j, r)| kind(rt[*j], r) == Some(left_kind))
            .map(|(j, r)| (j, spelling_similarity(&l, &r), r))
            .filter(|(_, sim, _)| (stats.tuning.spelling_similarity..1.0).contains(sim))
            .max_by(|p, q| p.1.total_cmp(&q.1));
        if let Some((j, _, r)) = best {
            let free_left: Vec<usize> = left
                .iter()
                .copied()
                .filter(|&k| !taken(&out, true, k))
                .collect();
            let free_right: Vec<usize> = right
                .iter()
                .copied()
                .filter(|&k| !taken(&out, false, k))
                .collect();
            let floor = stats.tuning.spelling_similarity;
            let lr = spelt_run(|k| written(x, a, k), &free_left, i, &r, floor);
            let rr = spelt_run(|k| written(y, b, k), &free_right, j, &l, floor);
            out.push((lr, rr));
        }
    }
    out
}

/// The words around word `at` of a claim (`written` gives each one's text, lower-cased),
/// among the differing words `free`, that written together spell `whole`, a compound of
/// the other side, more alike than `at` alone does, and at least `floor` alike: the
/// compound's parts written apart (`Berodach Baladan` / `Merodach-baladan`). Otherwise
/// `at` alone. Only a compound (a word with a hyphen) is spelt by a run.
fn spelt_run(
    written: impl Fn(usize) -> String,
    free: &[usize],
    at: usize,
    whole: &str,
    floor: f64,
) -> Range<usize> {
    let letters = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
    let target = letters(whole);
    let parts = whole.split('-').filter(|p| !p.is_empty()).count();
    let alike = |run: &Range<usize>| {
        let joined: String = run.clone().map(|k| letters(&written(k))).collect();
        strsim::normalized_damerau_levenshtein(&joined, &target)
    };
    let mut run = at..at + 1;
    if parts < 2 {
        return run;
    }
    let mut best = alike(&run);
    while run.len() < parts {
        let before = run
            .start
            .checked_sub(1)
            .filter(|k| free.contains(k))
            .map(|k| k..run.end);
        let after = free.contains(&run.end).then(|| run.start..run.end + 1);
        let Some((wider, sim)) = [before, after]
            .into_iter()
            .flatten()
            .map(|r| {
                let sim = alike(&r);
                (r, sim)
            })
            .max_by(|p, q| p.1.total_cmp(&q.1))
        else {
            break;
        };
        if sim < floor || sim <= best {
            break;
        }
        (run, best) = (wider, sim);
    }
    run
}

/// How alike two written words are, 0..1 (normalised Damerau-Levenshtein). A compound
/// is also compared part by part, so that a name written as a compound on one side is
/// matched by its own part (`Berodach` / `Merodach-baladan`); but two compounds that share
/// a part exactly (`Min-hee` / `Min-ji`) are compared whole, as they may be two people.
fn spelling_similarity(l: &str, r: &str) -> f64 {
    let whole = strsim::normalized_damerau_levenshtein(l, r);
    let parts = |w: &'_ str| -> Vec<String> {
        w.split('-')
            .filter(|p| p.chars().count() >= 3)
            .map(str::to_owned)
            .collect()
    };
    let (lp, rp) = (parts(l), parts(r));
    if lp.len() + rp.len() <= 2 || lp.iter().any(|p| rp.contains(p)) {
        return whole;
    }
    let part = lp
        .iter()
        .flat_map(|p| {
            rp.iter()
                .map(move |q| strsim::normalized_damerau_levenshtein(p, q))
        })
        .fold(0.0, f64::max);
    whole.max(part)
}

/// An `only_in` difference for a claim of `x` without a counterpart in any other account.
/// It ranks by the words no other account uses, less so when a near-counterpart exists
/// (`near`: the best combined score seen, below the threshold). A claim all of whose words
/// other accounts use is more likely a paraphrase the aligner missed: it is not reported.
fn only_in(stats: &Stats, work: &str, x: &Prepared, a: usize, near: f32) -> Option<Difference> {
    let (words, terms) = (&x.words[a], &x.terms[a]);
    if words.is_empty() {
        return None;
    }
    let claim = x.claim(a);
    let unique: Vec<usize> = (0..words.len())
        .filter(|&i| stats.is_strong(terms[i], Versus::Others))
        .collect();
    if unique.is_empty() {
        return None;
    }
    let found = phrases(stats, (x, a), &unique, Versus::Others, false);
    let names: Vec<usize> = unique
        .iter()
        .copied()
        .filter(|&i| stats.name[terms[i] as usize])
        .collect();
    // Share of the claim's weight that the other accounts never mention.
    let weight = |i: usize| stats.weight(terms[i]);
    let novelty = unique.iter().map(|&i| weight(i)).sum::<f32>()
        / (0..words.len()).map(weight).sum::<f32>().max(f32::EPSILON);
    // Whether it names someone another account names too: one of the story's people.
    let cast = (terms.iter()).any(|&t| stats.name[t as usize] && stats.used_by(t, Versus::Others));
    let evidence = Evidence {
        cast: f32::from(u8::from(cast)),
        only_in: f32::from(u8::from(names.is_empty())),
        only_in_named: f32::from(u8::from(!names.is_empty())),
        novelty,
        near: (near / stats.tuning.align_threshold).min(1.0),
        unique_specific: if names.is_empty() {
            specificity(&found)
        } else {
            specificity(&phrases(stats, (x, a), &names, Versus::Others, false))
        },
        ..Evidence::default()
    };
    let ranges = ranges(&found);
    Some(Difference {
        kind: DiffKind::OnlyIn,
        score: evidence.score(),
        about: String::new(),
        work: work.to_owned(),
        left: side(claim, &ranges),
        right: None,
        left_terms: by_salience(&claim.text, &found),
        right_terms: Vec::new(),
        shared_terms: Vec::new(),
        evidence,
        head: None,
    })
}

/// `detail` differences where two accounts describe one named person with nothing in
/// common (see [`super::describe`]), between the pairs of accounts in `linked`.
fn described<'p>(
    stats: &Stats,
    work: &str,
    prepared: &[Prepared],
    linked: impl Iterator<Item = &'p (usize, usize)>,
) -> Vec<Difference> {
    let all: Vec<Vec<describe::Description>> = prepared
        .iter()
        .map(|p| {
            let claims: Vec<(&str, &[Word])> = (0..p.len())
                .map(|c| (p.claim(c).text.as_str(), p.words[c].as_slice()))
                .collect();
            describe::descriptions(
                &claims,
                |t| stats.name[t as usize],
                |t| stats.kind[t as usize] == Some(WordKind::Who),
            )
        })
        .collect();
    let mut out = Vec::new();
    for &(i, j) in linked {
        let (x, y) = (&prepared[i], &prepared[j]);
        let same = |a: u32, b: u32| stats.same_meaning(a, b);
        for (l, r) in describe::conflicting(&all[i], &all[j], same) {
            let (dl, dr) = (&all[i][l], &all[j][r]);
            let (ls, rs) = (x.claim(dl.claim), y.claim(dr.claim));
            let name = x.words[dl.claim]
                .iter()
                .find(|w| w.term == dl.name)
                .map(|w| ls.text[w.span.clone()].to_owned());
            let evidence = Evidence {
                described: 1.0,
                ..Evidence::default()
            };
            out.push(Difference {
                kind: DiffKind::Detail,
                score: evidence.score(),
                about: String::new(),
                work: work.to_owned(),
                left: side(ls, std::slice::from_ref(&dl.span)),
                right: Some(side(rs, std::slice::from_ref(&dr.span))),
                left_terms: vec![ls.text[dl.span.clone()].to_owned()],
                right_terms: vec![rs.text[dr.span.clone()].to_owned()],
                shared_terms: name.into_iter().collect(),
                evidence,
                head: Some(about::Head::Kind(WordKind::Who)),
            });
        }
    }
    out
}

/// Where a recurring name has a title or first word in front of it: name term → modifier
/// term → (claim index, modifier range, name range).
type Mentions =
    HashMap<u32, BTreeMap<u32, (usize, std::ops::Range<usize>, std::ops::Range<usize>)>>;

fn mentions(stats: &Stats, x: &Prepared) -> Mentions {
    let mut out: Mentions = HashMap::new();
    for (c, (ws, ids)) in x.words.iter().zip(&x.terms).enumerate() {
        let text = &x.claim(c).text;
        for (pair, pair_ids) in ws.windows(2).zip(ids.windows(2)) {
            let (m, h) = (&pair[0], &pair[1]);
            let (mid, hid) = (pair_ids[0], pair_ids[1]);
            let head_is_name =
                stats.name[hid as usize] && stats.df[hid as usize] >= stats.tuning.name_min_claims;
            let modifier_is_title = m.capitalized
                && !(stats.name[mid as usize]
                    && stats.df[mid as usize] >= stats.tuning.name_min_claims);
            let adjacent = text[m.span.end..h.span.start]
                .chars()
                .all(char::is_whitespace);
            if head_is_name && modifier_is_title && adjacent && h.capitalized {
                out.entry(hid).or_default().entry(mid).or_insert((
                    c,
                    m.span.clone(),
                    h.span.clone(),
                ));
            }
        }
    }
    out
}

/// `name_variant` differences between accounts `x` and `y`: a name both use, where one
/// account puts a title in front of it that the other never does.
fn name_variants(stats: &Stats, work: &str, prepared: &[Prepared]) -> Vec<Difference> {
    let all: Vec<Mentions> = prepared.iter().map(|p| mentions(stats, p)).collect();
    // Accounts that put a title before each name; only those are compared, pairwise.
    let mut by_head: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, m) in all.iter().enumerate() {
        for head in m.keys() {
            by_head.entry(*head).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (head, accounts) in &by_head {
        for (k, &i) in accounts
            .iter()
            .enumerate()
            .take(stats.tuning.name_max_accounts)
        {
            for &j in accounts
                .iter()
                .skip(k + 1)
                .take(stats.tuning.name_max_accounts)
            {
                out.extend(name_variants_between(
                    work,
                    (&prepared[i], &all[i][head]),
                    (&prepared[j], &all[j][head]),
                ));
            }
        }
    }
    out
}

type Titles = BTreeMap<u32, (usize, std::ops::Range<usize>, std::ops::Range<usize>)>;

/// Name variants of one name between two accounts, given the titles each puts before it.
fn name_variants_between(
    work: &str,
    (x, xs): (&Prepared, &Titles),
    (y, ys): (&Prepared, &Titles),
) -> Vec<Difference> {
    let mut out = Vec::new();
    let only_x: Vec<&u32> = xs.keys().filter(|m| !ys.contains_key(m)).collect();
    let only_y: Vec<&u32> = ys.keys().filter(|m| !xs.contains_key(m)).collect();
    let pick = |own: &BTreeMap<u32, _>, theirs: &BTreeMap<u32, _>| {
        own.keys()
            .find(|m| !theirs.contains_key(m))
            .or_else(|| own.keys().next())
            .copied()
    };
    let mut emit = |left_mod: u32, right_mod: u32| {
        let (lc, lm, lh) = &xs[&left_mod];
        let (rc, rm, rh) = &ys[&right_mod];
        let (ls, rs) = (x.claim(*lc), y.claim(*rc));
        let evidence = Evidence {
            name_variant: 1.0,
            ..Evidence::default()
        };
        out.push(Difference {
            kind: DiffKind::NameVariant,
            score: evidence.score(),
            about: String::new(),
            work: work.to_owned(),
            left: side(ls, std::slice::from_ref(lm)),
            right: Some(side(rs, std::slice::from_ref(rm))),
            left_terms: vec![format!("{} {}", &ls.text[lm.clone()], &ls.text[lh.clone()])],
            right_terms: vec![format!("{} {}", &rs.text[rm.clone()], &rs.text[rh.clone()])],
            shared_terms: vec![ls.text[lh.clone()].to_owned()],
            evidence,
            head: None,
        });
    };
    for &m in &only_y {
        if let Some(l) = pick(xs, ys) {
            emit(l, *m);
        }
    }
    for &m in &only_x {
        if let Some(r) = pick(ys, xs).filter(|r| !only_y.contains(&r)) {
            emit(*m, r);
        }
    }
    out
}

/// Gathers differences.
#[derive(Default)]
struct Collector {
    differences: Vec<Difference>,
    pairs: Vec<Pairing>,
}

impl Collector {
    fn push_opt(&mut self, d: Option<Difference>) {
        if let Some(d) = d {
            self.push(d);
        }
    }

    fn push(&mut self, d: Difference) {
        self.differences.push(d);
    }

    fn finish(mut self) -> WorkAlignment {
        for d in &mut self.differences {
            let ranges = |s: &Side| -> Vec<std::ops::Range<usize>> {
                s.highlights.iter().map(|h| h.start..h.end).collect()
            };
            let (l, r) = (ranges(&d.left), d.right.as_ref().map(ranges));
            d.about = about::about(
                d.kind,
                (&d.left.text, &l),
                d.right
                    .as_ref()
                    .zip(r.as_deref())
                    .map(|(s, r)| (s.text.as_str(), r)),
                &d.left_terms,
                &d.shared_terms,
                d.head,
            );
        }
        self.differences.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| (&a.left.path, a.left.start).cmp(&(&b.left.path, b.left.start)))
        });
        WorkAlignment {
            differences: self.differences,
            pairs: self.pairs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_is_spelt_alike_by_its_parts_unless_it_shares_one() {
        assert!(spelling_similarity("berodach", "merodach-baladan") > 0.8);
        assert!(strsim::normalized_damerau_levenshtein("berodach", "merodach-baladan") < 0.6);
        // Two compounds sharing a part exactly are compared whole: maybe two people.
        assert!(spelling_similarity("min-hee", "min-ji") < 0.6);
        // Parts shorter than three letters are not compared.
        assert_eq!(
            spelling_similarity("ok-ju", "oh"),
            strsim::normalized_damerau_levenshtein("ok-ju", "oh")
        );
    }
    use crate::corpus::Document;

    fn account(name: &str, text: &str) -> Account {
        let doc = Document::from_bytes(
            format!("{name}.txt"),
            name.into(),
            "w".into(),
            text.as_bytes(),
        )
        .unwrap();
        Account::from_document(&doc)
    }

    fn compare(a: &str, b: &str) -> Vec<Difference> {
        compare_with(&Tuning::default(), a, b)
    }

    /// [`compare`] with the tuning values given.
    fn compare_with(tuning: &Tuning, a: &str, b: &str) -> Vec<Difference> {
        let accounts = [account("a", a), account("b", b)];
        align_work_with(&mut WordAnalyzer::default(), tuning, "w", &accounts).differences
    }

    /// Whether a difference marks `word` on its left side.
    fn marks(diffs: &[Difference], word: &str) -> bool {
        diffs
            .iter()
            .any(|d| d.left_terms.iter().any(|t| t.contains(word)))
    }

    #[test]
    fn older_forms_and_numbers_are_recognised() {
        assert!(older_form("seemeth", "seem"));
        assert!(older_form("knowest", "know"));
        assert!(!older_form("forest", "for"));
        assert!(!older_form("seem", "seemeth"));
        assert!(is_number("two") && is_number("30000") && is_number("thousand"));
        assert!(!is_number("man") && !is_number("throne") && !is_number("2023"));
        // An order or a unit of time more often than a quantity.
        assert!(!is_number("first") && !is_number("second") && is_number("third"));
        // `ninety-six`, its parts and the one word the analyzer also makes of it.
        let mut analyzer = crate::analysis::analyzer();
        let terms = crate::analysis::tokens(&mut analyzer, "ninety-six");
        assert!(terms.len() > 2, "{terms:?}");
        assert!(terms.iter().all(|t| is_number(&t.text)), "{terms:?}");
    }

    #[test]
    fn one_person_named_two_ways_is_one_difference() {
        let a = "With the help of his niece Agnes, Morrow searches the cliffs. Agnes discovers a \
                 brass compass buried in the sand near the harbour.";
        let b = "Helped by his niece Margaret, Morrow searches the cliffs. Margaret finds a brass \
                 compass buried in the sand near the harbour.";
        let names: Vec<_> = compare(a, b)
            .into_iter()
            .filter(|d| d.kind == DiffKind::NameVariant)
            .collect();
        assert_eq!(names.len(), 1, "{names:#?}");
        assert_eq!(names[0].left_terms, ["Agnes"]);
        assert_eq!(names[0].right_terms, ["Margaret"]);
    }

    #[test]
    fn a_differing_number_is_a_count() {
        let diffs = compare(
            "Gideon crossed the river at dawn. Two men followed Gideon to the hill of Moreh.",
            "Gideon crossed the river at dawn. A man followed Gideon to the hill of Moreh.",
        );
        let count = diffs.iter().find(|d| d.kind == DiffKind::Count);
        assert!(
            count.is_some_and(|d| d.evidence.one_sided == 0.0),
            "{diffs:#?}"
        );
        // The article is that side of the count, shown and marked.
        let count = count.unwrap();
        assert_eq!(
            (&count.left_terms[..], &count.right_terms[..]),
            (&["Two".to_string()][..], &["A".to_string()][..])
        );
        assert!(
            count
                .right
                .as_ref()
                .is_some_and(|r| !r.highlights.is_empty()),
            "{count:#?}"
        );
        // A number one side adds where the other says nothing is told besides.
        let added = compare(
            "They took the two pillars, the one sea, and the twelve bronze bulls that were \
             under the bases, which King Solomon had made.",
            "They took the two pillars, the one sea, and the bases, which King Solomon had \
             made.",
        );
        let count = added.iter().find(|d| d.kind == DiffKind::Count);
        assert!(
            count.is_some_and(|d| d.evidence.one_sided == 1.0),
            "{added:#?}"
        );
        // A number the other claim also writes, once more on one side, is no other count.
        let again = compare(
            "It is a light thing for the shadow to go forward ten steps, but let the shadow \
             return backward ten steps on the sundial of Ahaz.",
            "I will cause the shadow on the sundial of Ahaz to return backward ten steps.",
        );
        assert!(
            again.iter().all(|d| d.kind != DiffKind::Count),
            "{again:#?}"
        );
        // The number is among the marked words, however common, beside the specific ones
        // (a loosely told pair, whose phrases are trimmed to their telling words).
        let diffs = compare(
            "So Gad came to David, and told him, saying, “Shall seven years of famine come \
             to you in your land? Or will you flee three months before your foes while they \
             pursue you? Or shall there be three days’ pestilence in your land?”",
            "So Gad came to David and said to him, “Yahweh says, ‘Take your choice: either \
             three years of famine; or three months to be consumed before your foes, while \
             the sword of your enemies overtakes you; or else three days of the sword of \
             Yahweh, even pestilence in the land.’”",
        );
        // `both` is two.
        let both = compare(
            "Naomi left the land of Moab with Ruth. So they both went until they came to \
             Bethlehem. The whole city was excited about them.",
            "Naomi left the land of Moab with Ruth. So they two went until they came to \
             Bethlehem. The whole city was excited about them.",
        );
        assert!(both.is_empty(), "{both:#?}");
        let marks_three = |d: &Difference| d.right_terms.iter().any(|t| t.contains("three"));
        assert!(
            diffs
                .iter()
                .any(|d| d.kind == DiffKind::Count && marks_three(d)),
            "{diffs:#?}"
        );
    }

    #[test]
    fn what_the_other_account_tells_in_the_next_sentence_is_no_difference() {
        // The second account tells `loved Israel forever` a sentence earlier: the first
        // account's second sentence adds nothing the other does not say.
        let first = "Blessed is Yahweh your God, who delighted in you and set you on the \
                     throne. Because Yahweh loved Israel forever, therefore he made you king, \
                     to do justice and righteousness.";
        let moved = "Blessed is Yahweh your God, who delighted in you, who loved Israel \
                     forever, and set you on his throne. Therefore he made you king, to do \
                     justice and righteousness.";
        let diffs = compare(first, moved);
        assert!(!marks(&diffs, "loved"), "{diffs:#?}");
        // Both accounts say `his three sons` a sentence before: the first saying it again
        // adds nothing...
        let diffs = compare(
            "Saul fasted three days with his three sons. The Philistines found Saul and his \
             three sons fallen on Mount Gilboa.",
            "Saul fasted three days with his three sons. The Philistines found Saul and his \
             sons fallen on Mount Gilboa.",
        );
        assert!(!marks(&diffs, "three"), "{diffs:#?}");
        // ...but a number they share in another phrase (`three days`) is no such repeat.
        let diffs = compare(
            "Saul fasted three days with his sons. The Philistines found Saul and his three \
             sons fallen on Mount Gilboa.",
            "Saul fasted three days with his sons. The Philistines found Saul and his sons \
             fallen on Mount Gilboa.",
        );
        assert!(marks(&diffs, "three"), "{diffs:#?}");
        // Without the other account's neighbouring sentence saying it, it is a difference.
        let without = "Blessed is Yahweh your God, who delighted in you, and set you on his \
                       throne. Therefore he made you king, to do justice and righteousness.";
        let diffs = compare(first, without);
        assert!(marks(&diffs, "loved"), "{diffs:#?}");
    }

    #[test]
    fn a_loose_pair_differs_where_both_say_something_else_in_one_place() {
        let a = "Ok-ju received a call from Min-hee late at night. Ok-ju went to Min-hee’s \
                 house and found her dead body in her bathtub. Min-hee had left a note for \
                 Ok-ju.";
        let b = "One fine day, Ok-ju gets a call from Min-hee late at night. Soon enough, she \
                 finds Min-hee immersed in a pool of blood. She finds a note addressed to \
                 her from Min-hee.";
        let with = |tuning: &Tuning| compare_with(tuning, a, b);
        let marks = |diffs: &[Difference], word: &str| {
            marks(diffs, word)
                || diffs
                    .iter()
                    .any(|d| d.right_terms.iter().any(|t| t.contains(word)))
        };
        let diffs = with(&Tuning::default());
        assert!(
            marks(&diffs, "bathtub") && marks(&diffs, "pool"),
            "{diffs:#?}"
        );
        // `went to Min-hee's house` stands where the other account says nothing.
        assert!(!marks(&diffs, "house"), "{diffs:#?}");
        let all = with(&Tuning {
            loose_frame: 0.0,
            ..Tuning::default()
        });
        assert!(marks(&all, "house"), "{all:#?}");
    }

    #[test]
    fn a_loose_pair_contradicts_itself_only_where_both_say_a_thing_of_one_kind() {
        let story = |found: &str| {
            format!(
                "Ok-ju gets a call from Min-hee late at night. Soon enough, she finds Min-hee \
                 {found}. She finds a note addressed to her from Min-hee."
            )
        };
        let a = "Ok-ju received a call from Min-hee late at night. Ok-ju went to Min-hee’s \
                 house and found her dead body in her bathtub. Min-hee had left a note for \
                 Ok-ju.";
        let found = |diffs: &[Difference]| -> Evidence {
            diffs
                .iter()
                .find(|d| d.left_terms.iter().any(|t| t.contains("bathtub")))
                .map(|d| d.evidence)
                .unwrap_or_else(|| panic!("{diffs:#?}"))
        };
        // Where the body was, both times: a thing, a place.
        let alike = found(&compare(a, &story("immersed in a pool of blood")));
        assert_eq!((alike.detail, alike.unlike), (1.0, 0.0));
        // A place against a feeling: each account tells what the other does not.
        let unlike = found(&compare(a, &story("weeping in despair and regret")));
        assert_eq!((unlike.detail, unlike.unlike), (0.0, 1.0));
        assert!(unlike.strength() < alike.strength());
    }

    #[test]
    fn a_claim_only_one_account_has_knows_whether_it_names_the_storys_people() {
        let a = "Mara sailed from the harbour at dawn. Mara found the letter in the lighthouse. \
                 The cinematography is gorgeous throughout.";
        let b = "At dawn Mara sailed out of the harbour. In the lighthouse Mara found a letter. \
                 Mara read it aloud to the keeper.";
        let diffs = compare(a, b);
        let lone = |word: &str| -> Evidence {
            diffs
                .iter()
                .find(|d| d.kind == DiffKind::OnlyIn && d.left.text.contains(word))
                .map(|d| d.evidence)
                .unwrap_or_else(|| panic!("{word}: {diffs:#?}"))
        };
        // `Mara`, whom both accounts name, is the story's; a remark on the film names
        // nobody.
        assert_eq!(lone("keeper").cast, 1.0);
        assert_eq!(lone("cinematography").cast, 0.0);
        assert!(lone("keeper").strength() > lone("cinematography").strength());
    }

    #[test]
    fn accounts_told_loosely_read_every_pair_as_told_loosely() {
        let a = "Ok-ju received a call from Min-hee late at night. Ok-ju went to Min-hee’s \
                 house and found her dead body in her bathtub. Ok-ju had seen Min-hee’s \
                 performance the day before, and she didn’t know what happened to her.";
        let b = "One fine day, Ok-ju gets a call from an old friend, Min-hee. Soon enough, she \
                 finds Min-hee immersed in a pool of blood. She doesn’t know what happened to \
                 Min-hee, only that she is in danger.";
        let with = |tuning: &Tuning| compare_with(tuning, a, b);
        // The last pair shares more words than the others, but `seen her performance the
        // day before` is what one recap tells besides, as in the rest of these accounts.
        let diffs = with(&Tuning::default());
        assert!(!marks(&diffs, "performance"), "{diffs:#?}");
        assert!(marks(&diffs, "bathtub"), "{diffs:#?}");
        let parallel = with(&Tuning {
            loose_work: 0.0,
            ..Tuning::default()
        });
        assert!(marks(&parallel, "performance"), "{parallel:#?}");
    }

    #[test]
    fn a_word_english_does_not_know_is_a_name_at_the_start_of_a_sentence_too() {
        let a = "Jashobeam lifted up his spear against three hundred. The men fled.";
        let b = "Josheb lifted up his spear against three hundred. The men fled.";
        let diffs = compare(a, b);
        assert!(
            diffs.iter().any(|d| d.kind == DiffKind::NameVariant),
            "{diffs:#?}"
        );
        // A word English knows is no name for its capital there.
        let b = "Soldiers lifted up his spear against three hundred. The men fled.";
        let diffs = compare(a, b);
        assert!(
            diffs.iter().all(|d| d.kind != DiffKind::NameVariant),
            "{diffs:#?}"
        );
    }

    #[test]
    fn names_in_a_pair_told_in_other_words_are_a_change_of_their_own() {
        let a = "David went with all the people to bring up God’s ark. When they came to the \
                 threshing floor of Nacon, Uzzah reached for God’s ark and took hold of it, \
                 for the cattle stumbled.";
        let b = "David went with all Israel to bring up God’s ark. When they came to \
                 Chidon’s threshing floor, Uzza put out his hand to hold the ark, for the \
                 oxen stumbled.";
        let diffs = compare(a, b);
        assert!(
            diffs
                .iter()
                .any(|d| d.left_terms == ["Nacon"] && d.right_terms == ["Chidon’s"]),
            "{diffs:#?}"
        );
    }

    #[test]
    fn two_names_both_accounts_write_are_two_people_not_a_name_variant() {
        let kind_of = |a: &str, b: &str| {
            let diffs = compare(a, b);
            let d = diffs
                .iter()
                .find(|d| d.left_terms == ["Morrow"] && d.right_terms == ["Agnes"])
                .cloned();
            d.map(|d| d.kind).ok_or(diffs)
        };
        let both = kind_of(
            "Then Morrow and Agnes walked down to the harbour at dawn. There Morrow found a \
             brass compass buried in the wet sand.",
            "Then Morrow and Agnes walked down to the harbour at dawn. There Agnes found a \
             brass compass buried in the wet sand.",
        );
        assert_eq!(both, Ok(DiffKind::Detail));
        let one_each = kind_of(
            "They walked down to the harbour at dawn. There Morrow found a brass compass \
             buried in the wet sand.",
            "They walked down to the harbour at dawn. There Agnes found a brass compass \
             buried in the wet sand.",
        );
        assert_eq!(one_each, Ok(DiffKind::NameVariant));
    }

    #[test]
    fn synonyms_are_no_difference_but_other_things_are() {
        let same = compare(
            "The baker wept at the gate of Samaria. The trouble began at the harvest festival.",
            "The baker cried at the gate of Samaria. The bother began at the harvest festival.",
        );
        assert!(
            same.iter()
                .all(|d| d.kind == DiffKind::OnlyIn || d.score < 0.3),
            "{same:#?}"
        );
        let other = compare(
            "The baker paid fifty shekels of silver at the gate of Samaria.",
            "The baker paid fifty shekels of gold at the gate of Samaria.",
        );
        assert!(
            other
                .iter()
                .any(|d| d.kind == DiffKind::Detail
                    && d.left_terms.iter().any(|t| t.contains("silver"))),
            "{other:#?}"
        );
    }

    #[test]
    fn a_word_for_a_person_set_before_a_name_is_no_difference() {
        let same = compare(
            "Yahweh's word came to the prophet Gad at the threshing floor of Araunah.",
            "Yahweh's word came to Gad at the threshing floor of Araunah.",
        );
        assert!(same.is_empty(), "{same:#?}");
        // Another word before the same name, or one set off by a comma, is no title.
        let other = compare(
            "Yahweh's word came to the prophet Gad at the threshing floor of Araunah.",
            "Yahweh's word came to the priest Gad at the threshing floor of Araunah.",
        );
        assert!(marks(&other, "prophet"), "{other:#?}");
        let described = compare(
            "He teams up with a pharmacist, Myung-shik, at the threshing floor of Araunah.",
            "He teams up with Myung-shik at the threshing floor of Araunah.",
        );
        assert!(marks(&described, "pharmacist"), "{described:#?}");
    }

    #[test]
    fn a_reflexive_pronoun_in_older_english_is_no_difference() {
        // `thyself` for `yourself`, as `himself` was already: pronouns are function words.
        let d = compare(
            "You have not asked riches for yourself at the gate of Samaria.",
            "Thou hast not asked riches for thyself at the gate of Samaria.",
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn a_synonym_in_a_claim_told_in_two_is_no_difference() {
        // The second account joins the first's two claims into one: its `physician` is
        // said by the first account's other claim, `doctor`.
        let joined = compare(
            "The old doctor waited at the gate of Samaria with the elders. He gave the \
             golden cup to the priests of the temple at the harvest festival.",
            "The old physician waited at the gate of Samaria with the elders and gave the \
             golden cup to the priests of the temple at the harvest festival.",
        );
        let physician = |d: &Difference| d.right_terms.iter().any(|t| t.contains("physician"));
        assert!(!joined.iter().any(physician), "{joined:#?}");
    }

    #[test]
    fn a_word_in_place_of_one_a_step_more_general_is_no_difference() {
        let told = |what: &str| {
            format!(
                "The king of Assyria sent his army to Jerusalem. They stood by the {what} of \
                 the upper pool on the highway. Then the captain called to the king."
            )
        };
        let general = compare(&told("conduit"), &told("aqueduct"));
        assert!(general.is_empty(), "{general:#?}");
        // A verb in place of one a step more general: to slay is a way to kill.
        let slew = compare(
            "The captain of the guard slew the sons of the king before his eyes at Riblah.",
            "The captain of the guard killed the sons of the king before his eyes at Riblah.",
        );
        assert!(slew.is_empty(), "{slew:#?}");
        // A name WordNet knows as an instance of the other word.
        let said = |who: &str| {
            format!(
                "The prophets gathered at the gate of Samaria. They said, go up, for {who} \
                 will deliver it into the hand of the king. The two kings sat on their thrones."
            )
        };
        let instance = compare(&said("the Lord"), &said("God"));
        assert!(instance.is_empty(), "{instance:#?}");
        // A verb beside the noun does not hide it.
        let beside_verb = compare(
            "The prophet came to the palace at dawn. Nathan said to the king, “Go, do all \
             that is in your heart.” Then he left the city.",
            "The prophet came to the palace at dawn. Nathan said to David, “Do all that is \
             in your heart.” Then he left the city.",
        );
        assert!(beside_verb.is_empty(), "{beside_verb:#?}");
        // Also in the pair of claims that hold the two words where one account joins two
        // claims of the other's into one. (The other claim's pair, which has no `Lord`,
        // still marks `God`.)
        let joined = compare(
            &said("the Lord"),
            "The prophets gathered at the gate of Samaria. They said, go up, for God will \
             deliver it into the hand of the king, and the two kings sat on their thrones.",
        );
        assert!(
            !joined
                .iter()
                .any(|d| d.left.text.contains("Lord") && d.right_terms.iter().any(|t| t == "God")),
            "{joined:#?}"
        );
        // Two kinds of one thing differ.
        let kinds = compare(&told("conduit"), &told("bridge"));
        assert!(
            kinds.iter().any(|d| d.left_terms == ["conduit"]),
            "{kinds:#?}"
        );
        // A general word beside another is not taken for the specific one: `oak` is a
        // kind of tree, but not the tamarisk tree.
        let beside = compare(&told("tamarisk tree"), &told("oak"));
        assert!(
            beside.iter().any(|d| d.right_terms == ["oak"]),
            "{beside:#?}"
        );
    }

    #[test]
    fn a_pronoun_of_another_person_in_the_same_place_is_a_detail() {
        let told = |who: &str, whose: &str| {
            format!(
                "The Philistines gathered at Lehi where there was a plot of ground full of \
                 lentils. {who} stood in the middle of the plot and defended it. Then the \
                 prophet said, “{whose} throne will be established forever.”"
            )
        };
        let diffs = compare(&told("But he", "Your"), &told("They", "His"));
        let pronouns: Vec<(&[String], &[String])> = diffs
            .iter()
            .map(|d| (&d.left_terms[..], &d.right_terms[..]))
            .collect();
        assert!(pronouns.contains(&(&["he".to_owned()][..], &["They".to_owned()][..])));
        assert!(pronouns.contains(&(&["Your".to_owned()][..], &["His".to_owned()][..])));
        assert!(diffs.iter().all(|d| d.kind == DiffKind::Detail
            && d.about.starts_with("who")
            && d.score < crate::compare::SHOWN_CONFIDENCE));
        // The older forms are the same person, and `I` for `we` is how a speaker speaks.
        let same = compare(&told("But he", "Your"), &told("But he", "Thy"));
        assert!(same.is_empty(), "{same:#?}");
        let speaker = compare(
            "David said to Gad, “We are in distress. Let me fall now into the hand of the \
             Lord, for his mercies are great.” Then the plague stopped.",
            "David said to Gad, “I am in distress. Let me fall now into the hand of the \
             Lord, for his mercies are great.” Then the plague stopped.",
        );
        assert!(speaker.is_empty(), "{speaker:#?}");
    }

    #[test]
    fn the_tuning_given_is_the_tuning_used() {
        let accounts = [
            account(
                "a",
                "The baker paid fifty shekels of silver at the gate of Samaria.",
            ),
            account(
                "b",
                "The baker paid fifty shekels of gold at the gate of Samaria.",
            ),
        ];
        let details = |tuning: &Tuning| {
            align_work_with(&mut WordAnalyzer::default(), tuning, "w", &accounts)
                .differences
                .into_iter()
                .filter(|d| d.kind == DiffKind::Detail)
                .count()
        };
        assert!(details(&Tuning::default()) > 0);
        // Nothing is specific enough for a detail, faint or not, when more than the most
        // specific is asked.
        let strict = Tuning {
            min_specificity: 1.1,
            faint_specificity: 1.1,
            ..Tuning::default()
        };
        assert_eq!(details(&strict), 0);
    }

    #[test]
    fn a_name_spelt_two_ways_is_a_name_variant_and_only_once() {
        let a = "Eliakim and Shebnah the scribe came out to the wall of Lachish. \
                 Shebnah the scribe spoke to Rabshakeh at the wall of Lachish.";
        let b = "Eliakim and Shebna the scribe came out to the wall of Lachish. \
                 Shebna the scribe spoke to Rabshakeh at the wall of Lachish.";
        let diffs = compare(a, b);
        let variants: Vec<&Difference> = diffs
            .iter()
            .filter(|d| d.kind == DiffKind::NameVariant)
            .collect();
        assert_eq!(variants.len(), 1, "{diffs:#?}");
        assert_eq!(
            (&variants[0].left_terms[..], &variants[0].right_terms[..]),
            (&["Shebnah".to_string()][..], &["Shebna".to_string()][..])
        );
        // Names spelt nothing alike are two people: a detail.
        let other = compare(
            "Eliakim and Shebnah the scribe came out to the wall of Lachish.",
            "Eliakim and Gemariah the scribe came out to the wall of Lachish.",
        );
        assert!(
            other.iter().all(|d| d.evidence.name_variant == 0.0),
            "{other:#?}"
        );
    }

    #[test]
    fn a_compound_spelt_apart_is_one_name_variant_with_all_its_parts() {
        let diffs = compare(
            "At that time Berodach Baladan the son of Baladan, king of Babylon, sent \
             letters and a present to Hezekiah.",
            "At that time Merodach-baladan the son of Baladan, king of Babylon, sent \
             letters and a present to Hezekiah.",
        );
        assert_eq!(diffs.len(), 1, "{diffs:#?}");
        assert_eq!(diffs[0].kind, DiffKind::NameVariant);
        assert_eq!(
            (&diffs[0].left_terms[..], &diffs[0].right_terms[..]),
            (
                &["Berodach Baladan".to_string()][..],
                &["Merodach-baladan".to_string()][..]
            )
        );
    }

    #[test]
    fn a_description_the_other_account_gives_the_name_elsewhere_is_no_difference() {
        let earlier = "Eliakim the son of Hilkiah came out to the wall of Lachish with the \
                       scribe Shebnah. The people on the wall held their peace and said nothing. ";
        let told = |first: &str, second: &str| {
            compare(
                &format!(
                    "{first} The people on the wall held their peace and said nothing. Then \
                     Eliakim the son of Hilkiah and Shebnah said to Rabshakeh at the wall: \
                     speak to your servants in the Syrian language."
                ),
                &format!(
                    "{second} The people on the wall held their peace and said nothing. Then \
                     Eliakim and Shebnah said to Rabshakeh at the wall: speak to your servants \
                     in the Syrian language."
                ),
            )
        };
        let plain = "Eliakim came out to the wall of Lachish with the scribe Shebnah.";
        // The other account says whose son Eliakim is in the sentence before: told alike.
        let alike = told(earlier, earlier);
        assert!(!marks(&alike, "Hilkiah"), "{alike:#?}");
        // Nowhere else: the account says more.
        let more = told(earlier, plain);
        assert!(marks(&more, "Hilkiah"), "{more:#?}");
        // What follows a name is not a description unless it begins with a word for a
        // person: a list of places the other account writes elsewhere is still more.
        let places = "The gods of Sepharvaim, Hena, and Ivvah did not save their land from \
                      the king. The people on the wall held their peace and said nothing. \
                      The envoys went back to the camp at Libnah before night. The king of \
                      Cush marched against the camp with many chariots.";
        let listed = compare(
            &format!("{places} Where are the gods of Sepharvaim, Hena, and Ivvah now?"),
            &format!("{places} Where are the gods of Sepharvaim now?"),
        );
        assert!(marks(&listed, "Hena"), "{listed:#?}");
    }

    #[test]
    fn a_multiple_is_the_number_it_multiplies_by() {
        let told = |multiple: &str| {
            compare(
                "Joab said to the king, Yahweh your God will add to the people one hundred \
                 times, and the eyes of my lord the king will see it.",
                &format!(
                    "Joab said to the king, Yahweh your God will add to the people {multiple}, \
                     and the eyes of my lord the king will see it."
                ),
            )
        };
        let same = told("a hundredfold");
        assert!(same.is_empty(), "{same:#?}");
        // Another multiple is another number.
        let other = told("sevenfold");
        assert!(
            other.iter().any(|d| d.kind == DiffKind::Count),
            "{other:#?}"
        );
    }

    #[test]
    fn opposites_are_differences_however_near_their_vectors() {
        let told = |a: &str, b: &str| {
            let diffs = compare(
                &format!("The steward of Tarsus sat {a} of the governor during the feast."),
                &format!("The steward of Tarsus sat {b} of the governor during the feast."),
            );
            let marked = |d: &Difference| (d.left_terms.join(" "), d.right_terms.join(" "));
            diffs.iter().map(marked).collect::<Vec<_>>()
        };
        assert_eq!(
            told("at the right hand", "at the left hand"),
            [("right".to_string(), "left".to_string())]
        );
        assert_eq!(
            told("by day", "by night"),
            [("day".to_string(), "night".to_string())]
        );
        // Words of one meaning are still the same thing said otherwise.
        assert!(told("in the town", "in the city").is_empty());
    }

    #[test]
    fn a_word_saying_again_what_both_claims_say_is_no_difference() {
        let told = |a: &str| {
            compare(
                &format!(
                    "The traders loaded {a} onto the barge at dawn, and the oxen stood quietly on the deck."
                ),
                "The traders loaded the barge at dawn, and the oxen stood quietly on the deck.",
            )
        };
        // `cattle` is another word for the `oxen` both claims write.
        let again = told("the cattle");
        assert!(again.is_empty(), "{again:#?}");
        let goats = told("the goats");
        assert!(marks(&goats, "goats"), "{goats:#?}");
    }

    #[test]
    fn a_denial_one_side_makes_alone_is_a_difference() {
        let told = |a: &str, b: &str| {
            compare(
                &format!("After the storm the old captain {a} the wedding of his niece in Bergen."),
                &format!("After the storm the old captain {b} the wedding of his niece in Bergen."),
            )
        };
        let denied = told("did not attend", "attended");
        assert_eq!(denied.len(), 1, "{denied:#?}");
        assert_eq!(denied[0].left_terms, ["not"]);
        assert!(denied[0].right_terms.is_empty());
        assert!(
            denied[0].score >= crate::compare::SHOWN_CONFIDENCE,
            "{denied:#?}"
        );
        let contracted = told("attended", "didn’t attend");
        assert_eq!(contracted.len(), 1, "{contracted:#?}");
        assert_eq!(contracted[0].right_terms, ["didn’t"]);
        // `never` is a content word to the analyzer, and a denial all the same.
        let never = told("never attended", "attended");
        assert!(
            never
                .iter()
                .any(|d| d.left_terms == ["never"] && d.score >= crate::compare::SHOWN_CONFIDENCE),
            "{never:#?}"
        );
        // `not only` denies nothing.
        let also = compare(
            "The old captain is not only brave but also clever in the last act of the story.",
            "The old captain is brave and clever in the last act of the story.",
        );
        assert!(
            !also.iter().any(|d| d.left_terms.iter().any(|t| t == "not")),
            "{also:#?}"
        );
        // A denial both sides make, in another place or another word, is none.
        assert!(told("did not attend", "never attended").is_empty());
        let moved = compare(
            "David said to Gad, let me not fall into the hands of the men of Tyre at the gate.",
            "David said to Gad, don't let me fall into the hands of the men of Tyre at the gate.",
        );
        assert!(moved.is_empty(), "{moved:#?}");
        let nothing = compare(
            "The servants of the king answered him not a word at the gate of the palace.",
            "The servants of the king answered him nothing at the gate of the palace.",
        );
        assert!(
            !nothing
                .iter()
                .any(|d| d.left_terms.iter().any(|t| t == "not")),
            "{nothing:#?}"
        );
    }

    #[test]
    fn two_times_of_one_kind_are_a_difference_however_near_their_vectors() {
        let told = |a: &str, b: &str| {
            let diffs = compare(
                &format!("Anna left the village {a} and walked to the lake near the mill."),
                &format!("Anna left the village {b} and walked to the lake near the mill."),
            );
            let marked = |d: &Difference| (d.left_terms.join(" "), d.right_terms.join(" "));
            diffs.iter().map(marked).collect::<Vec<_>>()
        };
        assert_eq!(
            told("in the morning", "in the evening"),
            [("morning".to_string(), "evening".to_string())]
        );
        // Kinds of one thing that are not times may tell one thing.
        assert!(told("with the troop", "with the army").is_empty());
    }

    #[test]
    fn a_number_in_digits_is_the_number_in_words_and_a_year_is_a_time() {
        let told = |a: &str, b: &str| {
            compare(
                &format!("The heist crew steals {a} paintings from the museum vault in Lyon."),
                &format!("The heist crew steals {b} paintings from the museum vault in Lyon."),
            )
        };
        let same = told("twelve", "12");
        assert!(same.is_empty(), "{same:#?}");
        assert!(
            told("twelve", "13")
                .iter()
                .any(|d| d.kind == DiffKind::Count)
        );
        // Years are no names and no counts: a detail about when.
        let years = compare(
            "The story is set in 1987 in a small mining town in Wales.",
            "The story is set in 1992 in a small mining town in Wales.",
        );
        assert_eq!(years.len(), 1, "{years:#?}");
        assert_eq!(years[0].kind, DiffKind::Detail);
        assert!(years[0].about.starts_with("when"), "{years:#?}");
        // A code with digits is no name: `R` / `PG-13` are two ratings.
        let rated = compare(
            "The heist thriller is rated R in the United States for its violence.",
            "The heist thriller is rated PG-13 in the United States for its violence.",
        );
        assert!(
            !rated.is_empty() && rated.iter().all(|d| d.kind != DiffKind::NameVariant),
            "{rated:#?}"
        );
        // Two years written alike are two years, not one name spelt two ways.
        let near = compare(
            "The story is set in 2021 in a small mining town in Wales.",
            "The story is set in 2022 in a small mining town in Wales.",
        );
        assert_eq!(near.len(), 1, "{near:#?}");
        assert_eq!(near[0].kind, DiffKind::Detail, "{near:#?}");
    }

    #[test]
    fn a_name_of_two_words_is_one_change_and_two_days_or_places_are_two() {
        let told = |a: &str, b: &str| {
            compare(
                &format!("The stern grandmother is played by {a} in the flashback scenes."),
                &format!("The stern grandmother is played by {b} in the flashback scenes."),
            )
        };
        let actors = told("Meryl Streep", "Glenn Close");
        assert_eq!(actors.len(), 1, "{actors:#?}");
        assert_eq!(actors[0].left_terms, ["Meryl Streep"]);
        // Two full names that share no word are two people: who played her is a detail.
        assert_eq!(actors[0].kind, DiffKind::Detail, "{actors:#?}");
        assert!(actors[0].about.starts_with("who"), "{actors:#?}");
        // One name against another that shares a part may be one referent named two ways.
        let chef = told("Chef Choi", "Pro Choi");
        assert!(
            chef.iter().any(|d| d.kind == DiffKind::NameVariant),
            "{chef:#?}"
        );
        // With more words beside the names, the names still go apart, whole.
        let more = told("Meryl Streep, aged", "Glenn Close, masked");
        assert!(
            more.iter().any(|d| d.left_terms == ["Meryl Streep"]),
            "{more:#?}"
        );
        let days = compare(
            "The bank robbery happens on a Tuesday morning in late October.",
            "The bank robbery happens on a Friday morning in late October.",
        );
        assert_eq!(days.len(), 1, "{days:#?}");
        assert_eq!(days[0].kind, DiffKind::Detail);
        assert!(days[0].about.starts_with("when"), "{days:#?}");
        // Two places WordNet knows are two places: a detail about where.
        let cities = compare(
            "Karl wakes up in a hospital in Vienna with no memory of the accident.",
            "Karl wakes up in a hospital in Berlin with no memory of the accident.",
        );
        assert_eq!(cities.len(), 1, "{cities:#?}");
        assert_eq!(cities[0].kind, DiffKind::Detail);
        assert!(cities[0].about.starts_with("where"), "{cities:#?}");
        // So is a place WordNet knows against a name it does not know, spelt unlike it.
        let unknown = compare(
            "Karl wakes up in a hospital in Vienna with no memory of the accident.",
            "Karl wakes up in a hospital in Kolvar with no memory of the accident.",
        );
        assert_eq!(unknown.len(), 1, "{unknown:#?}");
        assert_eq!(unknown[0].kind, DiffKind::Detail, "{unknown:#?}");
        // Nor are two days spelt alike one name spelt two ways.
        let alike = compare(
            "The bank robbery happens on a Tuesday morning in late October.",
            "The bank robbery happens on a Thursday morning in late October.",
        );
        assert!(
            alike.iter().all(|d| d.kind == DiffKind::Detail),
            "{alike:#?}"
        );
    }

    #[test]
    fn a_run_spells_a_compound_only_when_it_spells_it_better() {
        let words = ["berodach", "baladan", "son", "babylon"];
        let written = |k: usize| words[k].to_owned();
        let all = [0, 1, 2, 3];
        assert_eq!(spelt_run(written, &all, 0, "merodach-baladan", 0.6), 0..2);
        // Not when the part beside it is not a differing word.
        assert_eq!(
            spelt_run(written, &[0, 2], 0, "merodach-baladan", 0.6),
            0..1
        );
        // A word that is no compound is matched by one word.
        assert_eq!(spelt_run(written, &all, 0, "merodach", 0.6), 0..1);
        // A word beside it that spells the compound no better is left out.
        assert_eq!(spelt_run(written, &all, 1, "baladan-son", 0.6), 1..3);
        assert_eq!(spelt_run(written, &all, 3, "babel-on", 0.6), 3..4);
    }

    #[test]
    fn words_written_apart_or_as_one_are_no_difference() {
        let diffs = compare(
            "The men of Jabesh Gilead took his body from the wall of Beth Shan to Jabesh.",
            "The men of Jabeshgilead took his body from the wall of Bethshan to Jabesh.",
        );
        assert!(diffs.iter().all(|d| d.right.is_none()), "{diffs:#?}");
        // Apart with a word comparison skips between them: `daughter in law`.
        let diffs = compare(
            "Naomi kissed Ruth, her daughter-in-law, at the gate of Bethlehem.",
            "Naomi kissed Ruth, her daughter in law, at the gate of Bethlehem.",
        );
        assert!(diffs.iter().all(|d| d.right.is_none()), "{diffs:#?}");
    }

    #[test]
    fn the_first_words_of_each_side_stand_in_one_place() {
        // The most telling words of the left stand where the right says `with all their
        // might, even with songs`; `trumpets`, at the end, replaces nothing of theirs.
        let diffs = compare(
            "David and all the house of Israel played before Yahweh with all kinds of \
             instruments made of cypress wood, with harps, with stringed instruments, with \
             tambourines, with castanets, and with cymbals.",
            "David and all Israel played before God with all their might, even with songs, \
             with harps, with stringed instruments, with tambourines, with cymbals, and with \
             trumpets.",
        );
        let d = diffs
            .iter()
            .find(|d| d.left_terms.iter().any(|t| t.contains("cypress")));
        assert!(
            d.is_some_and(
                |d| d.left_terms[0].contains("cypress") && d.right_terms[0].contains("might")
            ),
            "{diffs:#?}"
        );
        // A count's numbers come first on each side.
        let diffs = compare(
            "Joab gave up the sum of the counting of the people to the king: and there were \
             in Israel eight hundred thousand valiant men who drew the sword; and the men of \
             Judah were five hundred thousand men.",
            "Joab gave the sum of the counting of the people to David. All those of Israel \
             were one million one hundred thousand men who drew a sword; and in Judah were \
             four hundred seventy thousand men who drew a sword.",
        );
        let count = diffs.iter().find(|d| d.kind == DiffKind::Count);
        let numbers = ["four", "five", "eight", "seventy", "hundred", "million"];
        let number = |t: &str| t.split(' ').any(|w| numbers.contains(&w));
        assert!(
            count.is_some_and(|d| number(&d.left_terms[0]) && number(&d.right_terms[0])),
            "{diffs:#?}"
        );
    }

    #[test]
    fn a_phrase_said_again_is_listed_once() {
        let text = "Yourself you shall ask for yourself and keep yourself.";
        let at = |from: usize, word: &str| {
            let start = text[from..].find(word).unwrap() + from;
            (start..start + word.len(), 0.5)
        };
        let phrases = [
            at(0, "Yourself"),
            at(1, "yourself"),
            at(40, "yourself"),
            at(0, "keep"),
        ];
        assert_eq!(by_salience(text, &phrases), ["Yourself", "keep"]);
    }

    #[test]
    fn common_words_are_how_a_paraphrase_differs() {
        // `see` / `make` are among the most familiar English words: swapping them is no
        // detail; `census` / `tribute` is.
        let same = compare(
            "Joab went to see the elders of Gilead at Mizpah before the harvest.",
            "Joab went to make the elders of Gilead come to Mizpah before the harvest.",
        );
        assert!(same.iter().all(|d| d.kind != DiffKind::Detail), "{same:#?}");
        let other = compare(
            "Joab took a census of the elders of Gilead at Mizpah before the harvest.",
            "Joab took a tribute of the elders of Gilead at Mizpah before the harvest.",
        );
        assert!(
            other.iter().any(|d| d.kind == DiffKind::Detail),
            "{other:#?}"
        );
    }

    #[test]
    fn a_word_one_account_always_writes_otherwise_is_its_way_of_writing() {
        // `host` for `army`, three times: the second account's convention.
        let a = "Joab led the army to Rabbah. The army camped by the wall of Rabbah. \
                 Uriah died before the army of Joab.";
        let b = "Joab led the host to Rabbah. The host camped by the wall of Rabbah. \
                 Uriah died before the host of Joab.";
        let diffs = compare(a, b);
        assert!(
            diffs
                .iter()
                .all(|d| !d.left_terms.iter().any(|t| t.contains("army"))),
            "{diffs:#?}"
        );
    }

    #[test]
    fn a_claim_joined_to_two_tells_each_of_its_own_words_with_one() {
        // A claim (`own`) told by the other account in two, P then Q. P is in the story's
        // order; Q scores higher.
        let own = [100, 1, 2, 3, 101, 4, 5, 6, 102];
        let mut parts = Counterparts::default();
        parts.add(10, &[1, 2, 3], true, 0.5);
        parts.add(11, &[4, 5, 6], false, 0.6);
        let only = diff(&own[..], &parts.terms[..]).left_only;
        assert_eq!(only, [0, 4, 8]);
        // The first word stands beside P's; the one between them is as near to both, and
        // goes with the pair in order; the last stands beside Q's.
        assert_eq!(parts.beside(&own, &only, 10, 2), [0, 4]);
        assert_eq!(parts.beside(&own, &only, 11, 2), [8]);
        assert!(parts.beside(&own, &only, 12, 2).is_empty());
        // Without a pair in order, the better score decides a tie.
        let mut loose = Counterparts::default();
        loose.add(10, &[1, 2, 3], false, 0.5);
        loose.add(11, &[4, 5, 6], false, 0.6);
        assert_eq!(loose.beside(&own, &only, 11, 2), [4, 8]);
        // A claim with one counterpart keeps all of its own words.
        let mut one = Counterparts::default();
        one.add(10, &[1, 2, 3], false, 0.5);
        assert_eq!(one.beside(&own, &[0, 4, 5], 10, 2), [0, 4, 5]);
    }

    #[test]
    fn closeness_is_the_share_of_words_both_sides_have() {
        let d = diff(&[1, 2, 3, 4], &[1, 2, 5, 4]);
        assert_eq!(
            closeness((d.left_only.len(), 4), (d.right_only.len(), 4)),
            0.75
        );
        let none = diff(&[1, 2], &[3]);
        assert_eq!(
            closeness((none.left_only.len(), 2), (none.right_only.len(), 1)),
            0.0
        );
        assert_eq!(closeness((0, 0), (0, 0)), 0.0);
    }

    #[test]
    fn a_concrete_word_replaced_in_a_close_pair_is_a_detail() {
        // `place` and `land` are common words the other account uses elsewhere; told in
        // the same words around them, the one in place of the other is still a detail.
        let diffs = compare(
            "Have I come up against this place to destroy it? Yahweh said to me, go up \
             against this land and destroy it.",
            "Have I come up against this land to destroy it? Yahweh said to me, go up \
             against this land and destroy it.",
        );
        let detail = diffs.iter().find(|d| d.kind == DiffKind::Detail);
        assert!(
            detail.is_some_and(|d| d.left_terms == ["place"] && d.right_terms == ["land"]),
            "{diffs:#?}"
        );
        // In a pair told in other words, the same common words are how it is worded.
        let loose = compare(
            "Sennacherib camped near this place with a great army in the spring.",
            "In the spring a vast host settled around the land of Judah near the river.",
        );
        assert!(
            loose.iter().all(|d| d.kind != DiffKind::Detail),
            "{loose:#?}"
        );
    }

    #[test]
    fn a_verb_or_an_abstract_word_replaced_is_how_it_is_worded() {
        // WordNet's kinds: `relented` / `repented` are verbs, `kindness` / `mercy`
        // feelings; neither is a person, place or thing the accounts disagree on.
        for (a, b) in [
            (
                "Yahweh relented of the disaster at Jerusalem.",
                "Yahweh repented of the disaster at Jerusalem.",
            ),
            (
                "Joab showed great kindness to the men of Gilead.",
                "Joab showed great mercy to the men of Gilead.",
            ),
        ] {
            let diffs = compare(a, b);
            assert!(
                diffs
                    .iter()
                    .all(|d| d.score < crate::compare::SHOWN_CONFIDENCE),
                "{diffs:#?}"
            );
        }
    }

    #[test]
    fn a_verb_replaced_in_a_pair_told_in_the_same_words_is_reported_faint() {
        let faint = |diffs: &[Difference]| -> Vec<(Vec<String>, Vec<String>, f32)> {
            diffs
                .iter()
                .filter(|d| d.evidence.faint > 0.0)
                .map(|d| (d.left_terms.clone(), d.right_terms.clone(), d.score))
                .collect()
        };
        let diffs = compare(
            "Hezekiah listened to the envoys of Babylon, and showed them the treasure house.",
            "Hezekiah was pleased with the envoys of Babylon, and showed them the treasure house.",
        );
        let found = faint(&diffs);
        assert_eq!(found.len(), 1, "{diffs:#?}");
        let (left, right, score) = &found[0];
        assert!(left == &["listened"] && right == &["pleased"], "{diffs:#?}");
        assert!(*score < crate::compare::SHOWN_CONFIDENCE, "{diffs:#?}");
        // A word only one side adds is told besides, not another wording of the same.
        let added = compare(
            "Hezekiah gladly showed the envoys of Babylon the treasure house.",
            "Hezekiah showed the envoys of Babylon the treasure house.",
        );
        assert!(faint(&added).is_empty(), "{added:#?}");
        // In a pair told in other words, the words not shared are how it is told.
        let loose = align_work(
            "w",
            &[
                account("a", "Hezekiah listened to the envoys of Babylon."),
                account(
                    "b",
                    "Hezekiah was pleased with the envoys of Babylon, who had come to \
                     Jerusalem with letters and a present for the sick king, and rested there.",
                ),
            ],
        );
        assert_eq!(loose.pairs.len(), 1);
        assert!(faint(&loose.differences).is_empty(), "{loose:#?}");
    }

    #[test]
    fn names_one_side_adds_are_told_as_such() {
        let diffs = compare(
            "The king of Assyria sent Tartan, Rabsaris, and Rabshakeh from Lachish to King \
             Hezekiah with a great army to Jerusalem.",
            "The king of Assyria sent Rabshakeh from Lachish to King Hezekiah with a great \
             army to Jerusalem.",
        );
        let added: Vec<&Difference> = diffs
            .iter()
            .filter(|d| d.evidence.names_added > 0.0)
            .collect();
        assert_eq!(added.len(), 1, "{diffs:#?}");
        assert_eq!(added[0].left_terms, ["Tartan, Rabsaris"]);
        // A common word added is another one-sided detail.
        let diffs = compare(
            "The king of Assyria sent Rabshakeh from Lachish to King Hezekiah with a great \
             army and chariots to Jerusalem.",
            "The king of Assyria sent Rabshakeh from Lachish to King Hezekiah with a great \
             army to Jerusalem.",
        );
        assert!(
            diffs.iter().all(|d| d.evidence.names_added == 0.0),
            "{diffs:#?}"
        );
    }

    #[test]
    fn each_change_of_a_close_pair_is_its_own_difference() {
        let diffs = compare(
            "David killed seven hundred charioteers of the Syrians and forty thousand \
             horsemen, and struck Shobach the captain of their army.",
            "David killed seven thousand charioteers of the Syrians and forty thousand \
             footmen, and struck Shobach the captain of their army.",
        );
        let count = diffs.iter().find(|d| d.kind == DiffKind::Count);
        let detail = diffs.iter().find(|d| d.kind == DiffKind::Detail);
        assert!(
            count.is_some_and(|d| d.left_terms == ["hundred"]),
            "{diffs:#?}"
        );
        assert!(
            detail.is_some_and(|d| d.left_terms == ["horsemen"] && d.right_terms == ["footmen"]),
            "{diffs:#?}"
        );
    }

    #[test]
    fn a_name_where_the_other_has_its_title_or_a_pronoun_is_no_difference() {
        let about = |d: &Difference, word: &str| {
            d.left_terms
                .iter()
                .chain(&d.right_terms)
                .any(|t| t.contains(word))
        };
        // The first account writes `King Hadoram`, so `the king` is Hadoram. (A name
        // WordNet knows, such as David, is an instance of `king` there too: see
        // `a_word_in_place_of_one_a_step_more_general_is_no_difference`.)
        let titled = compare(
            "King Hadoram ruled from Jerusalem for many years. Nathan the prophet came to \
             Hadoram with a message about the temple.",
            "Hadoram ruled from Jerusalem for many years. Nathan the prophet came to the \
             king with a message about the temple.",
        );
        assert!(!titled.iter().any(|d| about(d, "Hadoram")), "{titled:#?}");
        // Without it, who Nathan came to is a difference.
        let untitled = compare(
            "Hadoram ruled from Jerusalem for many years. Nathan the prophet came to Hadoram \
             with a message about the temple.",
            "Hadoram ruled from Jerusalem for many years. Nathan the prophet came to the \
             king with a message about the temple.",
        );
        assert!(
            untitled.iter().any(|d| about(d, "Hadoram")),
            "{untitled:#?}"
        );

        // A title one account adds to a name both write says who once more.
        let added = |who: &str| {
            format!(
                "The people camped by the river Jordan for three days. Then {who} said to \
                 Moses, go down to the camp at the river and warn the people."
            )
        };
        let title = compare(&added("Yahweh your God"), &added("Yahweh"));
        assert!(title.is_empty(), "{title:#?}");
        let another = compare(&added("Yahweh and Aaron"), &added("Yahweh"));
        assert!(another.iter().any(|d| about(d, "Aaron")), "{another:#?}");
        let told = |who: &str| {
            format!(
                "Jehoshaphat king of Judah came down to Samaria in the third year. Then {who} \
                 said to Jehoshaphat, “Will you go with me to Ramoth Gilead?” The prophets \
                 gathered at the gate of the city."
            )
        };
        let ahab = told("Ahab king of Israel");
        let pronoun = compare(&ahab, &told("he"));
        assert!(pronoun.is_empty(), "{pronoun:#?}");
        let other = compare(&ahab, &told("Joab"));
        assert!(other.iter().any(|d| about(d, "Ahab")), "{other:#?}");
    }

    #[test]
    fn names_in_place_of_each_other_are_a_change_of_their_own() {
        let diffs = compare(
            "On the other side of the lake, in the country of the Gergesenes, two men \
             possessed by demons met him at the tombs.",
            "On the other side of the lake, in the country of the Gadarenes, a certain man \
             possessed by demons met him at the tombs.",
        );
        let name = diffs.iter().find(|d| d.kind == DiffKind::NameVariant);
        assert!(
            name.is_some_and(|d| d.left_terms == ["Gergesenes"]
                && d.right_terms == ["Gadarenes"]
                && d.about == "how one referent is named"),
            "{diffs:#?}"
        );
        let count = diffs.iter().find(|d| d.kind == DiffKind::Count);
        assert!(count.is_some_and(|d| d.left_terms == ["two"]), "{diffs:#?}");
        // A title in front of a name is the title variant's, not a name of its own.
        let titled = compare(
            "At dawn, Detective Park arrives at the lake house by the old pier.",
            "In the evening, Inspector Park arrives at the lake house by the old pier.",
        );
        assert!(
            titled
                .iter()
                .all(|d| d.kind != DiffKind::NameVariant || d.left_terms != ["Detective"]),
            "{titled:#?}"
        );
    }
}

//! Which words WordNet counts as synonyms: two words that share a sense (`trouble` /
//! `bother`, `wept` / `cried`) say the same thing when one account has one and another
//! the other. Word vectors ([`super::meaning`]) cannot tell such pairs from words of one
//! kind that differ (`silver` / `gold` are as close as `wept` / `cried`); WordNet can.
//!
//! The table (`data/synonyms.tsv`, made by `scripts/synonyms.py` from WordNet 3.0) is
//! keyed by the terms the one analyzer makes, so a claim's words are looked up as they
//! are compared: each line is a term and the synsets it belongs to.
//!
//! How familiar a word is ([`Senses::familiarity`]) comes from the same source
//! (`data/familiarity.tsv`, SemCor's tag counts): a paraphrase swaps common words (`see`,
//! `now`, `however`), accounts differ on specific ones (`census`, `bathtub`).
//!
//! Which words are opposites ([`Opposites`], `data/antonyms.tsv`, made by
//! `scripts/antonyms.py` from WordNet) keeps word vectors, which put `buy` near `sell`,
//! from taking one for the other said in other words.
//!
//! Which everyday words are near in meaning ([`Related`], `data/related.tsv`, made by
//! `scripts/related.py` from the word vectors of [`super::meaning`]) lets a search find a
//! passage that answers in other words (`guns`: "firearms").

use std::sync::OnceLock;

use foldhash::HashMap;

static TABLE: &str = include_str!("../../data/synonyms.tsv");
static COUNTS: &str = include_str!("../../data/familiarity.tsv");
static KINDS: &str = include_str!("../../data/kinds.tsv");
static RELATED: &str = include_str!("../../data/related.tsv");
static BROADER: &str = include_str!("../../data/broader.tsv");
static ANTONYMS: &str = include_str!("../../data/antonyms.tsv");

/// A table of `term TAB entry entry ...` lines, as the scripts of `data/` write them: each
/// term with its entries, read by `entry`; entries it cannot read, and lines without a tab,
/// are skipped.
fn term_lists<T>(
    table: &'static str,
    entry: impl Fn(&'static str) -> Option<T>,
) -> HashMap<&'static str, Vec<T>> {
    table
        .lines()
        .filter_map(|line| {
            let (term, list) = line.split_once('\t')?;
            Some((term, list.split(' ').filter_map(&entry).collect()))
        })
        .collect()
}

/// A table of `term TAB term term ...` lines, as `data/broader.tsv` and
/// `data/antonyms.tsv` are: which terms each term lists. Lines without a tab are skipped.
pub struct TermLinks {
    of: HashMap<&'static str, Vec<&'static str>>,
}

impl TermLinks {
    pub fn parse(table: &'static str) -> TermLinks {
        TermLinks {
            of: term_lists(table, |t| (!t.is_empty()).then_some(t)),
        }
    }

    /// Whether term `a`'s line lists term `b`.
    pub fn links(&self, a: &str, b: &str) -> bool {
        self.of.get(a).is_some_and(|o| o.contains(&b))
    }
}

/// For each analyzed term of a noun or a verb, the terms of the nouns or verbs one step
/// more general in WordNet (`data/broader.tsv`, made by `scripts/broader.py`): its senses'
/// direct hypernyms (`aqueduct`: `conduit`; `slay`: `kill`) and instance hypernyms
/// (`Lord`: `God`). Two accounts naming one
/// thing at two levels of detail say the same thing; two kinds of one thing (`silver` /
/// `gold`) are not one step apart.
pub struct Broader(TermLinks);

impl Broader {
    /// The table compiled into the binary, loaded on first use.
    pub fn get() -> &'static Broader {
        static LOADED: OnceLock<Broader> = OnceLock::new();
        LOADED.get_or_init(|| Broader(TermLinks::parse(BROADER)))
    }

    /// Whether one of two analyzed terms is a sense one step more general than the other.
    pub fn one_step(&self, a: &str, b: &str) -> bool {
        self.0.links(a, b) || self.0.links(b, a)
    }

    /// Whether two analyzed terms are two kinds of one thing: not one step apart, and one
    /// step below a term they share (`morning` / `evening`: `period`; `Monday` / `Friday`:
    /// `weekday`).
    pub fn sisters(&self, a: &str, b: &str) -> bool {
        let (Some(x), Some(y)) = (self.0.of.get(a), self.0.of.get(b)) else {
            return false;
        };
        a != b && !self.one_step(a, b) && x.iter().any(|t| y.contains(t))
    }
}

/// Which analyzed terms WordNet gives as opposites (`data/antonyms.tsv`, made by
/// `scripts/antonyms.py`: `right` / `left`, `day` / `night`, `older` / `younger`, `win` /
/// `lose`); the table lists each pair both ways. Word vectors put a word near its opposite,
/// as both are used in the same contexts; two accounts that write opposites in one place
/// say different things, however close the vectors. Verbs of possession and motion are
/// left out: their opposites mostly tell one event from its other side (`buy` / `sell`,
/// `come` / `go`).
pub struct Opposites(TermLinks);

impl Opposites {
    /// The table compiled into the binary, loaded on first use.
    pub fn get() -> &'static Opposites {
        static LOADED: OnceLock<Opposites> = OnceLock::new();
        LOADED.get_or_init(|| Opposites(TermLinks::parse(ANTONYMS)))
    }

    /// Whether two analyzed terms are opposites in some sense.
    pub fn opposite(&self, a: &str, b: &str) -> bool {
        self.0.links(a, b)
    }
}

/// For each analyzed term of an everyday word, the terms of the words nearest to it in
/// meaning, with their cosine, best first (`gun`: `pistol` 0.79, `firearm` 0.79, ...).
pub struct Related {
    near: HashMap<&'static str, Vec<(&'static str, f32)>>,
}

impl Related {
    /// The table compiled into the binary, loaded on first use.
    pub fn get() -> &'static Related {
        static LOADED: OnceLock<Related> = OnceLock::new();
        LOADED.get_or_init(|| Related::parse(RELATED))
    }

    /// A table of `term TAB term:cosine term:cosine ...` lines, terms as the analyzer makes
    /// them (`scripts/related.py` asks it); bad entries are skipped.
    pub fn parse(table: &'static str) -> Related {
        let near = term_lists(table, |e| {
            let (t, cos) = e.split_once(':')?;
            Some((t, cos.parse().ok()?))
        });
        Related { near }
    }

    /// The terms near `term` in meaning, best first; none for a word the table lacks.
    pub fn of(&self, term: &str) -> &[(&'static str, f32)] {
        self.near.get(term).map_or(&[], Vec::as_slice)
    }
}

/// What kind of thing a word names, from the WordNet lexicographer file (supersense) of its
/// most often tagged senses: who, where, what thing, when and how much are what accounts
/// of one event differ on; abstract nouns, verbs and modifiers are more often how they
/// word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// A person or a group of people (noun.person, noun.group): `pharmacist`, `army`.
    Who,
    /// A place or a natural object (noun.location, noun.object): `Jerusalem`, `land`.
    Place,
    /// A made or living thing one can touch (noun.artifact, animal, plant, body, food,
    /// substance): `bathtub`, `oak`, `head`.
    Thing,
    /// A time (noun.time): `night`, `birthday`.
    Time,
    /// A quantity or measure (noun.quantity): `cubit`, `shekel`.
    Amount,
    /// Another noun: acts, feelings, attributes, ideas, speech (`mercy`, `request`).
    Abstract,
    Verb,
    /// An adjective or an adverb.
    Modifier,
}

impl WordKind {
    /// The kind of WordNet lexicographer file `n` (`wndb(5WN)`), if it is one.
    fn of_lexfile(n: u8) -> Option<WordKind> {
        Some(match n {
            14 | 18 => WordKind::Who,
            15 | 17 => WordKind::Place,
            5 | 6 | 8 | 13 | 20 | 27 => WordKind::Thing,
            28 => WordKind::Time,
            23 => WordKind::Amount,
            3 | 4 | 7 | 9..=12 | 16 | 19 | 21 | 22 | 24..=26 => WordKind::Abstract,
            29..=42 => WordKind::Verb,
            0..=2 | 44 => WordKind::Modifier,
            _ => return None,
        })
    }

    /// Whether the word names something one can point at: a person, place, thing, time or
    /// amount.
    pub fn is_concrete(self) -> bool {
        matches!(
            self,
            WordKind::Who | WordKind::Place | WordKind::Thing | WordKind::Time | WordKind::Amount
        )
    }
}

/// A word tagged this many times in SemCor (about 230,000 words of text) or more is as
/// familiar as a word gets: `see` 1250, `make` 1613, `find` 705, `now` 528; specifics
/// such as `cattle` 25, `census` 1 stay well below.
const FAMILIAR_COUNT: f32 = 1000.0;

/// Synonym sets and familiarity by analyzed term.
pub struct Senses {
    synsets: HashMap<&'static str, Vec<u32>>,
    counts: HashMap<&'static str, u32>,
    kinds: HashMap<&'static str, WordKind>,
}

impl Senses {
    /// The table compiled into the binary, loaded on first use.
    pub fn get() -> &'static Senses {
        static LOADED: OnceLock<Senses> = OnceLock::new();
        LOADED.get_or_init(|| Senses::parse(TABLE, COUNTS, KINDS))
    }

    /// A table of `term TAB id id ...` lines, ids ascending, one of `term TAB count` lines
    /// and one of `term TAB lexicographer file` lines; bad lines are skipped.
    pub fn parse(table: &'static str, counts: &'static str, kinds: &'static str) -> Senses {
        let kinds = kinds
            .lines()
            .filter_map(|line| {
                let (term, file) = line.split_once('\t')?;
                Some((term, WordKind::of_lexfile(file.parse().ok()?)?))
            })
            .collect();
        let counts = counts
            .lines()
            .filter_map(|line| {
                let (term, count) = line.split_once('\t')?;
                Some((term, count.parse().ok()?))
            })
            .collect();
        let synsets = term_lists(table, |i| i.parse().ok());
        Senses {
            synsets,
            counts,
            kinds,
        }
    }

    /// What kind of thing an analyzed term names, if WordNet knows the word.
    pub fn kind(&self, term: &str) -> Option<WordKind> {
        self.kinds.get(term).copied()
    }

    /// How familiar an analyzed term is in ordinary English, in 0..=1: 0 for a word
    /// SemCor never tags (names, rare words), 1 from [`FAMILIAR_COUNT`] tags, on a log
    /// scale between.
    pub fn familiarity(&self, term: &str) -> f32 {
        let count = self.counts.get(term).copied().unwrap_or(0) as f32;
        ((1.0 + count).ln() / (1.0 + FAMILIAR_COUNT).ln()).min(1.0)
    }

    /// Whether two analyzed terms share a sense (a term is its own synonym).
    pub fn synonyms(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let (Some(x), Some(y)) = (self.synsets.get(a), self.synsets.get(b)) else {
            return false;
        };
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyzer, tokens};

    fn term(word: &str) -> String {
        tokens(&mut analyzer(), word).remove(0).text
    }

    fn synonyms(a: &str, b: &str) -> bool {
        Senses::get().synonyms(&term(a), &term(b))
    }

    #[test]
    fn opposites_are_found_through_the_analyzer() {
        let opposite = |a: &str, b: &str| Opposites::get().opposite(&term(a), &term(b));
        // `left` is a term of `leave` (an irregular form), as the index has it.
        assert!(opposite("right", "left") && opposite("left", "right"));
        assert!(opposite("day", "night") && opposite("dead", "alive"));
        assert!(!opposite("wept", "cried") && !opposite("city", "town"));
        // Degrees of opposite adjectives, and verbs that contradict.
        assert!(opposite("older", "younger") && opposite("larger", "smaller"));
        assert!(opposite("won", "lost") && opposite("succeeds", "fails"));
        // One event told from its other side.
        assert!(!opposite("bought", "sold") && !opposite("came", "went"));
        let parsed = TermLinks::parse("buy\tsell\nno tab here\n");
        assert!(parsed.links("buy", "sell") && !parsed.links("sell", "buy"));
    }

    #[test]
    fn sisters_are_two_kinds_of_one_thing() {
        let sisters = |a: &str, b: &str| Broader::get().sisters(&term(a), &term(b));
        assert!(sisters("morning", "evening") && sisters("Monday", "Friday"));
        // One step apart is the same thing told more or less exactly, and a word is no
        // sister of itself.
        assert!(!sisters("house", "home") && !sisters("morning", "mornings"));
        assert!(!sisters("morning", "sword"));
    }

    #[test]
    fn related_words_are_found_through_the_analyzer() {
        let related = |w: &str| -> Vec<String> {
            Related::get()
                .of(&term(w))
                .iter()
                .map(|r| r.0.to_owned())
                .collect()
        };
        assert!(related("guns").contains(&term("firearms")));
        // `death` and `dead` are terms of `die` (the analyzer's irregular forms): their
        // related words are the term's.
        assert!(related("died").contains(&term("murder")));
        assert!(related("died").contains(&term("corpse")));
        // Not its opposite, nor itself, nor a longer word sharing its letters.
        assert!(!related("die").contains(&term("live")));
        assert!(!related("die").contains(&term("die")));
        assert!(!related("dead").contains(&term("deadlock")));
        assert!(related("the").is_empty());
        let parsed = Related::parse("cat\tdog:0.7 bird:x fish\nbad line\n");
        assert_eq!(parsed.of("cat"), &[("dog", 0.7)]);
        assert!(parsed.of("bad line").is_empty());
    }

    #[test]
    fn words_sharing_a_sense_are_synonyms_through_the_analyzer() {
        assert!(synonyms("trouble", "bother"));
        assert!(synonyms("troubled", "bothered"));
        assert!(synonyms("wept", "cried"));
        assert!(synonyms("said", "told"));
    }

    #[test]
    fn words_of_one_kind_that_differ_are_not() {
        assert!(!synonyms("silver", "gold"));
        assert!(!synonyms("bathtub", "blood"));
        assert!(!synonyms("bakery", "birthday"));
        assert!(!synonyms("pharmacist", "man"));
        // Words that share only a sense nobody uses them in (`shot` and `stab`: "an
        // attempt", which SemCor never tags for either) are no synonyms.
        assert!(!synonyms("shoots", "stabs"));
    }

    #[test]
    fn a_word_and_one_a_step_more_general_are_one_thing_said_with_less_detail() {
        let step = |a: &str, b: &str| Broader::get().one_step(&term(a), &term(b));
        assert!(step("aqueduct", "conduit"));
        assert!(step("conduit", "aqueducts"));
        assert!(step("Lord", "God"));
        assert!(step("bathtub", "vessel"));
        // Verbs too: to slay is a way to kill.
        assert!(step("slew", "killed") && step("smite", "strike"));
        // Two kinds of one thing, or two steps apart, are not.
        assert!(!step("silver", "gold"));
        assert!(!step("barley", "lentils"));
        assert!(!step("pharmacist", "man"));
        assert!(!step("bathtub", "container"));
        assert!(!step("shoots", "stabs") && !step("sings", "dances"));
        let b = Broader(TermLinks::parse("a\tb c\nbroken\nd\t\n"));
        assert!(b.one_step("a", "c") && b.one_step("b", "a"));
        assert!(!b.one_step("a", "d") && !b.one_step("broken", "a"));
    }

    #[test]
    fn parsing_skips_bad_lines() {
        let s = Senses::parse(
            "a\t1 5\nbroken\nb\t5\nc\tx 2\n",
            "a\t9\nb\tx\nc\n",
            "a\t18\nb\t99\nc\n",
        );
        assert_eq!(s.kind("a"), Some(WordKind::Who));
        assert_eq!((s.kind("b"), s.kind("c")), (None, None));
        assert!(s.synonyms("a", "b"));
        assert!(!s.synonyms("a", "c"));
        assert!(!s.synonyms("a", "broken"));
        assert!(s.familiarity("a") > 0.0);
        assert_eq!((s.familiarity("b"), s.familiarity("c")), (0.0, 0.0));
    }

    #[test]
    fn words_have_the_kind_of_their_common_senses() {
        let kind = |w: &str| Senses::get().kind(&term(w));
        for (word, expected) in [
            ("pharmacist", WordKind::Who),
            ("horsemen", WordKind::Who),
            ("bathtub", WordKind::Thing),
            ("oak", WordKind::Thing),
            ("head", WordKind::Thing),
            ("land", WordKind::Place),
            ("birthday", WordKind::Time),
            ("mercy", WordKind::Abstract),
            ("killed", WordKind::Verb),
            ("perversely", WordKind::Modifier),
        ] {
            assert_eq!(kind(word), Some(expected), "{word}");
        }
        assert_eq!(kind("Myung-shik"), None);
    }

    #[test]
    fn common_words_are_familiar_and_specifics_are_not() {
        let familiar = |w: &str| Senses::get().familiarity(&term(w));
        for common in ["see", "make", "told", "now", "however"] {
            assert!(familiar(common) > 0.75, "{common} {}", familiar(common));
        }
        for specific in ["census", "bathtub", "pharmacist", "Satan"] {
            assert!(
                familiar(specific) < 0.25,
                "{specific} {}",
                familiar(specific)
            );
        }
        assert!(familiar("see") > familiar("cattle"));
    }
}

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

use std::sync::OnceLock;

use foldhash::HashMap;

static TABLE: &str = include_str!("../../data/synonyms.tsv");
static COUNTS: &str = include_str!("../../data/familiarity.tsv");

/// A word tagged this many times in SemCor (about 230,000 words of text) or more is as
/// familiar as a word gets: `see` 1250, `make` 1613, `find` 705, `now` 528; specifics
/// such as `cattle` 25, `census` 1 stay well below.
const FAMILIAR_COUNT: f32 = 1000.0;

/// Synonym sets and familiarity by analyzed term.
pub struct Senses {
    synsets: HashMap<&'static str, Vec<u32>>,
    counts: HashMap<&'static str, u32>,
}

impl Senses {
    /// The table compiled into the binary, loaded on first use.
    pub fn get() -> &'static Senses {
        static LOADED: OnceLock<Senses> = OnceLock::new();
        LOADED.get_or_init(|| Senses::parse(TABLE, COUNTS))
    }

    /// A table of `term TAB id id ...` lines, ids ascending, and one of `term TAB count`
    /// lines; bad lines are skipped.
    pub fn parse(table: &'static str, counts: &'static str) -> Senses {
        let counts = counts
            .lines()
            .filter_map(|line| {
                let (term, count) = line.split_once('\t')?;
                Some((term, count.parse().ok()?))
            })
            .collect();
        let synsets = table
            .lines()
            .filter_map(|line| {
                let (term, ids) = line.split_once('\t')?;
                let ids: Vec<u32> = ids.split(' ').filter_map(|i| i.parse().ok()).collect();
                Some((term, ids))
            })
            .collect();
        Senses { synsets, counts }
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
    }

    #[test]
    fn parsing_skips_bad_lines() {
        let s = Senses::parse("a\t1 5\nbroken\nb\t5\nc\tx 2\n", "a\t9\nb\tx\nc\n");
        assert!(s.synonyms("a", "b"));
        assert!(!s.synonyms("a", "c"));
        assert!(!s.synonyms("a", "broken"));
        assert!(s.familiarity("a") > 0.0);
        assert_eq!((s.familiarity("b"), s.familiarity("c")), (0.0, 0.0));
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

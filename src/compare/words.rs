//! Claims as sequences of content words, and the word-level diff of two claims.
//!
//! A content word is an analyzer token that is not a stop word; a hyphenated compound counts
//! once (its joined form). The diff compares analyzed terms as sets: a word the other side
//! also uses, wherever it stands, is not a difference.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::analysis::{WordAnalyzer, is_function_word};

/// Ids for the analyzed terms of one work: each term gets the next id when first met, so
/// a word's term is a number, looked up once, and no word holds a copy of its term.
#[derive(Debug, Default)]
pub struct TermIds {
    ids: hashbrown::HashMap<String, u32>,
}

impl TermIds {
    /// The id of `term`, given it now if it has none.
    pub fn id(&mut self, term: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry_ref(term).or_insert(next)
    }

    /// How many terms have ids (the ids are `0..count`).
    pub fn count(&self) -> usize {
        self.ids.len()
    }

    /// Every term, at the index of its id.
    pub fn terms(&self) -> Vec<String> {
        let mut out = vec![String::new(); self.ids.len()];
        for (term, &id) in &self.ids {
            out[id as usize].clone_from(term);
        }
        out
    }

    /// The term with id `id`, if any (a scan, for tests).
    #[cfg(test)]
    pub fn term(&self, id: u32) -> Option<&str> {
        self.ids
            .iter()
            .find(|&(_, &i)| i == id)
            .map(|(t, _)| t.as_str())
    }
}

/// One content word of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Analyzed term, as its id in the work's [`TermIds`].
    pub term: u32,
    /// Byte range in the claim's text.
    pub span: Range<usize>,
    /// Written with a capital and not the claim's first word: a hint that it names something.
    pub capitalized: bool,
}

/// The content words of `text`, in order, their terms given ids by `ids`.
pub fn content_words(analyzer: &mut WordAnalyzer, ids: &mut TermIds, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    // Where the text's first token starts: a capital there starts the claim.
    let mut first = None;
    analyzer.each_word(text, |start, tokens| {
        first = first.or(tokens.first().map(|t| start + t.offset_from));
        // A compound counts once: when the word has a joined token, its parts are dropped.
        let joined = tokens.iter().any(|t| t.position_length > 1);
        for t in tokens.iter().filter(|t| {
            let written = &text[start + t.offset_from..start + t.offset_to];
            (!joined || t.position_length > 1) && !is_function_word(&t.text, written)
        }) {
            let from = start + t.offset_from;
            out.push(Word {
                term: ids.id(&t.text),
                span: from..start + t.offset_to,
                capitalized: Some(from) != first
                    && !starts_speech(&text[..from])
                    && text[from..].starts_with(char::is_uppercase),
            });
        }
    });
    out
}

/// Whether a word after `before` starts a quotation in double quotes, what follows a
/// colon, or a sentence inside the claim (a claim may quote several: `I am in distress.
/// Please let us fall`), where a capital says nothing about names (`he said, “Tell
/// Hezekiah`). Single quotes mark names and titles as often (`the so-called ‘Pro’ Choi`)
/// and do not count.
fn starts_speech(before: &str) -> bool {
    before.trim_end().ends_with(['“', '"', ':', '.', '!', '?'])
}

/// English words of numbers and quantities, as written (`hundreds` is analyzed as
/// `hundred` is). `first` and `second` are left out: far more often an adverb or an order
/// (`at first`, `not the first victims`) and a unit of time (`seconds after`) than a
/// quantity, they made `count` differences of claims with no number in them (leaving them
/// out added a paired difference to the holdout set and took none away elsewhere).
pub const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "score",
    "half",
    "twice",
    "thrice",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
];

/// Each of [`NUMBER_WORDS`] with the term the analyzer makes of it, analyzed once.
fn number_terms() -> &'static [(&'static str, String)] {
    static TERMS: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    TERMS.get_or_init(|| {
        let mut analyzer = crate::analysis::analyzer();
        NUMBER_WORDS
            .iter()
            .filter_map(|&w| {
                let term = crate::analysis::tokens(&mut analyzer, w)
                    .into_iter()
                    .next()?;
                Some((w, term.text))
            })
            .collect()
    })
}

/// The value of an analyzed term of a number written alone, in digits (`12`) or as a word
/// (`twelve`, `hundred`), so that one number written two ways is one number. None for other
/// terms, and for quantity words that are no single number (`half`, `twice`, `third`).
pub fn number_value(term: &str) -> Option<u64> {
    if term.bytes().all(|b| b.is_ascii_digit()) {
        return term.parse().ok();
    }
    let &(word, _) = number_terms().iter().find(|(_, t)| t == term)?;
    // [`NUMBER_WORDS`] lists one to nineteen, then the tens from twenty to ninety.
    let at = NUMBER_WORDS.iter().position(|&w| w == word)?;
    match (at, word) {
        (0..=18, _) => Some(at as u64 + 1),
        (19..=26, _) => Some((at as u64 - 17) * 10),
        (_, "hundred") => Some(100),
        (_, "thousand") => Some(1_000),
        (_, "million") => Some(1_000_000),
        (_, "billion") => Some(1_000_000_000),
        (_, "dozen") => Some(12),
        _ => None,
    }
}

/// The number an analyzed term of a multiple stands for, as the term of that number:
/// `hundredfold`, `sevenfold` (which the analyzer keeps whole) are `hundred` and `seven`
/// times, the same number as `one hundred times` or `seven times`. None for other terms
/// (`manifold` is no number).
pub fn fold_base(term: &str) -> Option<&'static str> {
    let base = term.strip_suffix("fold")?;
    let (_, term) = number_terms().iter().find(|(w, _)| *w == base)?;
    Some(term)
}

/// Whether an analyzed term is the term of one of [`NUMBER_WORDS`], of a number written
/// with a hyphen (`ninety-six`, which the analyzer also makes one term of), or of a
/// multiple ([`fold_base`]).
pub fn is_number_term(term: &str) -> bool {
    if fold_base(term).is_some() {
        return true;
    }
    static TERMS: std::sync::OnceLock<foldhash::HashSet<String>> = std::sync::OnceLock::new();
    TERMS
        .get_or_init(|| {
            let mut analyzer = crate::analysis::analyzer();
            let (tens, units) = (&NUMBER_WORDS[19..27], &NUMBER_WORDS[..9]);
            let compounds = tens
                .iter()
                .flat_map(|t| units.iter().map(move |u| format!("{t}-{u}")))
                .flat_map(|w| crate::analysis::tokens(&mut analyzer, &w))
                .map(|t| t.text);
            let words = number_terms().iter().map(|(_, t)| t.clone());
            words.chain(compounds).collect()
        })
        .contains(term)
}

/// Word-level diff of two claims: indices of the words of each side that differ, and of
/// the left words that are shared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordDiff {
    pub left_only: Vec<usize>,
    pub right_only: Vec<usize>,
    pub shared: Vec<usize>,
    /// The words the common subsequence paired, (left, right) in order: the frame both
    /// sides share. Between two of them, what each side has alone is one change (see
    /// [`WordDiff::gap`]).
    pub anchors: Vec<(usize, usize)>,
}

impl WordDiff {
    /// Which gap between anchors a word stands in: the number of anchors before it, on
    /// the left side (`left` true) or the right. Differing words of both sides in the same
    /// gap replace one another.
    pub fn gap(&self, i: usize, left: bool) -> usize {
        self.anchors
            .partition_point(|&(l, r)| if left { l < i } else { r < i })
    }

    /// The differing words by the gap they stand in: for each gap with any, (left words,
    /// right words). Each is one change: what one side says there in place of the other.
    pub fn changes(&self) -> BTreeMap<usize, (Vec<usize>, Vec<usize>)> {
        let mut gaps: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for &i in &self.left_only {
            gaps.entry(self.gap(i, true)).or_default().0.push(i);
        }
        for &j in &self.right_only {
            gaps.entry(self.gap(j, false)).or_default().1.push(j);
        }
        gaps
    }
}

/// Diffs two claims given as their words' terms (strings, or ids standing for them), as
/// multisets placed by order: the longest common subsequence pairs words that stand in the
/// same order, then a word left over on one side is paired with a left-over word of the
/// same term on the other (a word moved elsewhere in the sentence is no difference). What
/// stays unpaired differs, so a word one side writes twice and the other once differs
/// once, at the place the other side lacks it (`altar in Jerusalem`, when both name
/// Jerusalem earlier; `this place` against `this land` when both say `this land` later).
pub fn diff<T: PartialEq>(left: &[T], right: &[T]) -> WordDiff {
    let (n, m) = (left.len(), right.len());
    let mut paired_left = vec![false; n];
    let mut paired_right = vec![false; m];
    let mut anchors = Vec::new();
    if n * m <= LCS_CELLS {
        // lengths[i][j]: the common subsequence of left[i..] and right[j..].
        let width = m + 1;
        let mut lengths = vec![0u16; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lengths[i * width + j] = if left[i] == right[j] {
                    lengths[(i + 1) * width + j + 1] + 1
                } else {
                    lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if left[i] == right[j] {
                (paired_left[i], paired_right[j]) = (true, true);
                anchors.push((i, j));
                (i, j) = (i + 1, j + 1);
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    // Left-overs of the same term, in order: moved words (and, past `LCS_CELLS`, all).
    for i in 0..n {
        if paired_left[i] {
            continue;
        }
        if let Some(j) = (0..m).find(|&j| !paired_right[j] && right[j] == left[i]) {
            (paired_left[i], paired_right[j]) = (true, true);
        }
    }
    let (shared, left_only) = (0..n).partition(|&i| paired_left[i]);
    WordDiff {
        left_only,
        right_only: (0..m).filter(|&j| !paired_right[j]).collect(),
        shared,
        anchors,
    }
}

/// Pairs of claims longer than this (words × words) are diffed without the common
/// subsequence, by term alone: a claim is cut at 4 KiB, some 700 words, and two such would
/// cost half a million cells.
const LCS_CELLS: usize = 40_000;

/// Groups word indices into runs of words that are next to each other in `text` with only
/// stop words, spaces or punctuation between them. Returns byte ranges of the runs.
pub fn runs(text: &str, words: &[Word], picked: &[usize]) -> Vec<(Range<usize>, Vec<usize>)> {
    let mut out: Vec<(Range<usize>, Vec<usize>)> = Vec::new();
    for &i in picked {
        let w = &words[i];
        let continues = out.last().is_some_and(|(r, members)| {
            let last = *members.last().expect("runs are never empty");
            // Adjacent when no content word stands between the two.
            last + 1 == i
                && r.end <= w.span.start
                && !text[r.end..w.span.start].contains(['.', ';', ':', '!', '?'])
        });
        match out.last_mut() {
            Some((r, members)) if continues => {
                r.end = w.span.end;
                members.push(i);
            }
            _ => out.push((w.span.clone(), vec![i])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_number_has_one_value_however_written() {
        let value = |w: &str| {
            let mut analyzer = crate::analysis::analyzer();
            number_value(&crate::analysis::tokens(&mut analyzer, w)[0].text)
        };
        assert_eq!(value("twelve"), Some(12));
        assert_eq!(value("12"), Some(12));
        assert_eq!(value("hundred"), Some(100));
        assert_eq!(value("hundreds"), Some(100));
        assert_eq!(value("half"), None);
        assert_eq!(value("men"), None);
    }

    #[test]
    fn a_multiple_is_a_number() {
        assert_eq!(fold_base("hundredfold"), Some("hundr"));
        assert_eq!(fold_base("sevenfold"), Some("seven"));
        assert_eq!(fold_base("manifold"), None);
        assert_eq!(fold_base("hundred"), None);
        assert!(is_number_term("thirtyfold") && !is_number_term("manifold"));
    }

    use super::*;

    /// The content words of `text`, with their terms as text.
    fn words(text: &str) -> Vec<(String, Word)> {
        let mut ids = TermIds::default();
        let words = content_words(&mut WordAnalyzer::default(), &mut ids, text);
        let term = |w: &Word| ids.term(w.term).expect("every id has its term").to_owned();
        words.into_iter().map(|w| (term(&w), w)).collect()
    }

    fn terms(words: &[(String, Word)]) -> Vec<&str> {
        words.iter().map(|(t, _)| t.as_str()).collect()
    }

    fn only_words(words: &[(String, Word)]) -> Vec<Word> {
        words.iter().map(|(_, w)| w.clone()).collect()
    }

    #[test]
    fn content_words_skip_stop_words_and_count_compounds_once() {
        let w = words("Ok-ju went to Min-hee’s house and found her dead body in her bathtub.");
        let terms = terms(&w);
        assert_eq!(
            terms,
            vec![
                "okju", "go", "minhe", "hous", "find", "die", "bodi", "bathtub"
            ]
        );
        assert!(!w[0].1.capitalized, "first word of the claim");
        assert!(w[2].1.capitalized);
        // A sentence or a speech may start inside a claim: its first word is no name.
        let w = words("He said to Gad, “I am in distress. Please let us fall, Gad.”");
        let capitalized: Vec<&str> = w
            .iter()
            .filter(|(_, w)| w.capitalized)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(capitalized, ["gad", "gad"]);
    }

    /// `content_words` walks words and their remembered tokens; it must keep exactly the
    /// tokens of the whole text that are not parts of a joined compound nor stop words.
    #[test]
    fn content_words_agree_with_the_texts_tokens() {
        let texts = [
            "Ok-ju went to Min-hee’s house and found her dead body in her bathtub.",
            "Chef Choi's men, the so-called ‘Pro’ Choi, met Min-hee at Gapyeong.",
            "THE POLICE ARRIVED; she'd left. A well-known-but-long-compound-word-that-goes-on-and-on-and-on-beyond-sixty-four-bytes here.",
            "Ａｒｅ full-width letters, café, naïve co-op and rock’n’roll words?",
            "’s - -- 'quoted' x-ray 3-D 1990s",
            "",
        ];
        let mut analyzer = WordAnalyzer::default();
        let mut ids = TermIds::default();
        for text in texts {
            let toks = analyzer.text_tokens(text);
            let joined: Vec<Range<usize>> = toks
                .iter()
                .filter(|t| t.position_length > 1)
                .map(|t| t.offset_from..t.offset_to)
                .collect();
            let first = toks.first().map(|t| t.offset_from);
            let expected: Vec<Word> = toks
                .iter()
                .filter(|t| {
                    t.position_length > 1
                        || !joined
                            .iter()
                            .any(|j| j.start <= t.offset_from && t.offset_to <= j.end)
                })
                .filter(|t| !is_function_word(&t.text, &text[t.offset_from..t.offset_to]))
                .map(|t| Word {
                    term: ids.id(&t.text),
                    span: t.offset_from..t.offset_to,
                    capitalized: Some(t.offset_from) != first
                        && !starts_speech(&text[..t.offset_from])
                        && text[t.offset_from..].starts_with(char::is_uppercase),
                })
                .collect();
            assert_eq!(
                content_words(&mut analyzer, &mut ids, text),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn words_in_another_order_are_no_difference() {
        let (l, r) = (
            words("Choi drugged Min-hee at the hotel."),
            words("At the hotel, Min-hee was drugged by Choi with wine."),
        );
        let d = diff(&terms(&l), &terms(&r));
        assert!(d.left_only.is_empty(), "{d:?}");
        assert_eq!(d.shared, vec![0, 1, 2, 3]);
        let extra: Vec<&str> = d.right_only.iter().map(|&j| r[j].0.as_str()).collect();
        assert_eq!(extra, vec!["wine"]);
    }

    #[test]
    fn diff_ignores_moved_words_and_runs_join_phrases() {
        let left = "Ok-ju went to Min-hee’s house and found her dead body in her bathtub.";
        let right =
            "Soon enough, she finds Min-hee immersed in a pool of blood after slitting her wrist.";
        let (l, r) = (words(left), words(right));
        let d = diff(&terms(&l), &terms(&r));
        let shared: Vec<&str> = d.shared.iter().map(|&i| l[i].0.as_str()).collect();
        assert_eq!(shared, vec!["minhe", "find"]);
        let right_runs: Vec<&str> = runs(right, &only_words(&r), &d.right_only)
            .into_iter()
            .map(|(s, _)| &right[s])
            .collect();
        assert_eq!(
            right_runs,
            vec!["immersed in a pool of blood after slitting her wrist"]
        );
        let left_runs: Vec<&str> = runs(left, &only_words(&l), &d.left_only)
            .into_iter()
            .map(|(s, _)| &left[s])
            .collect();
        assert_eq!(
            left_runs,
            vec!["Ok-ju went", "house", "dead body in her bathtub"]
        );
    }

    #[test]
    fn a_word_one_side_writes_once_more_differs_where_the_other_lacks_it() {
        let (l, r) = (
            words("He said to Judah and to Jerusalem, worship before this altar in Jerusalem."),
            words("He said to Judah and to Jerusalem, worship before this altar."),
        );
        let d = diff(&terms(&l), &terms(&r));
        assert_eq!(d.left_only, vec![l.len() - 1], "{d:?}");
        assert!(d.right_only.is_empty());
        // The replaced word is the one in the middle, not the one both say at the end.
        let (l, r) = (
            words("against this place to destroy it, against this land"),
            words("against this land to destroy it, against this land"),
        );
        let d = diff(&terms(&l), &terms(&r));
        let only = |w: &[(String, Word)], i: &[usize]| -> Vec<String> {
            i.iter().map(|&i| w[i].0.clone()).collect()
        };
        assert_eq!(only(&l, &d.left_only), ["place"]);
        assert_eq!(
            d.right_only,
            vec![0],
            "the first land, where the other has place"
        );
    }

    #[test]
    fn changes_are_grouped_by_the_gap_between_shared_words() {
        // seven hundred charioteers / seven thousand charioteers, forty thousand horsemen
        // / forty thousand footmen: two changes, each in its own gap.
        let left = [
            "seven", "hundred", "chariot", "forty", "thousand", "horsemen",
        ];
        let right = [
            "seven", "thousand", "chariot", "forty", "thousand", "footmen",
        ];
        let d = diff(&left, &right);
        assert_eq!(
            (d.left_only.clone(), d.right_only.clone()),
            (vec![1, 5], vec![1, 5])
        );
        let gaps = |only: &[usize], left: bool| -> Vec<usize> {
            only.iter().map(|&i| d.gap(i, left)).collect()
        };
        assert_eq!(gaps(&d.left_only, true), gaps(&d.right_only, false));
        assert_ne!(d.gap(1, true), d.gap(5, true));
    }

    #[test]
    fn long_claims_are_diffed_by_term_alone() {
        let left: Vec<u32> = (0..300).collect();
        let right: Vec<u32> = (0..300).rev().collect();
        let d = diff(&left, &right);
        assert!(d.left_only.is_empty() && d.right_only.is_empty());
        assert_eq!(d.shared.len(), 300);
    }
}

//! Who a named person is, as each account describes them: an appositive beside the name
//! (`Myung-shik, one of his men,` / `a pharmacist, Myung-shik,`). Two accounts that
//! describe one name with nothing in common differ on who that is, wherever in their
//! stories they say it, so this is found from the descriptions alone, not from aligned
//! claims.
//!
//! A description is a short phrase set off by a comma right after the name, or right
//! before it, that starts with a determiner (`a`, `the`, `one of`, `his`) and holds a word
//! for a person or group (WordNet's kinds, [`super::senses::WordKind::Who`]). A list of
//! names (`Eliakim, Shebna and Joah`) starts with no determiner and is no description.

use std::ops::Range;

use super::words::Word;

/// Words a description starts with.
const STARTS: &[&str] = &[
    "a", "an", "the", "one", "his", "her", "their", "its", "our", "my", "your", "another",
];
/// A description is at most this many words: longer is a clause, not an appositive.
const MAX_WORDS: usize = 6;

/// One account's description of a name in one of its claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// The claim, as an index into the account's claims.
    pub claim: usize,
    /// The name's term.
    pub name: u32,
    /// Where the description is in the claim's text.
    pub span: Range<usize>,
    /// The description's content words' terms.
    pub terms: Vec<u32>,
}

/// The descriptions of names in an account's claims (`(text, content words)` each), given
/// which terms are names and which are words for people.
pub fn descriptions(
    claims: &[(&str, &[Word])],
    is_name: impl Fn(u32) -> bool,
    is_person: impl Fn(u32) -> bool,
) -> Vec<Description> {
    let mut out = Vec::new();
    for (claim, &(text, words)) in claims.iter().enumerate() {
        for w in words.iter().filter(|w| is_name(w.term)) {
            let spans = [after(text, w.span.end), before(text, w.span.start)];
            for span in spans.into_iter().flatten() {
                let terms: Vec<u32> = words
                    .iter()
                    .filter(|d| span.start <= d.span.start && d.span.end <= span.end)
                    .map(|d| d.term)
                    .collect();
                if terms.iter().any(|&t| is_person(t)) {
                    out.push(Description {
                        claim,
                        name: w.term,
                        span,
                        terms,
                    });
                }
            }
        }
    }
    out
}

/// Whether `phrase` reads as a description: a determiner first, a few words.
fn is_description(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase());
    (1..=MAX_WORDS).contains(&words.len()) && first.is_some_and(|f| STARTS.contains(&f.as_str()))
}

/// A description set off after a name ending at `end`: `, one of his men,`.
fn after(text: &str, end: usize) -> Option<Range<usize>> {
    let rest = text[end..].strip_prefix(',')?;
    let lead = rest.len() - rest.trim_start().len();
    let start = end + 1 + lead;
    let stop = text[start..]
        .find([',', '.', ';', ':', '!', '?', '(', ')', '“', '”', '"'])
        .map_or(text.len(), |i| start + i);
    let phrase = text[start..stop].trim_end();
    is_description(phrase).then(|| start..start + phrase.len())
}

/// A description set off before a name starting at `start`: `a pharmacist, `. The phrase
/// runs back from the comma to its last determiner.
fn before(text: &str, start: usize) -> Option<Range<usize>> {
    let head = text[..start].trim_end().strip_suffix(',')?;
    let from = head
        .rfind([',', '.', ';', ':', '!', '?', '(', ')', '“', '”', '"'])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &head[from..];
    // The last determiner of the clause, where its word starts.
    let mut at = None;
    let mut word_start = None;
    for (i, c) in clause.char_indices().chain([(clause.len(), ' ')]) {
        match (c.is_whitespace(), word_start) {
            (false, None) => word_start = Some(i),
            (true, Some(w)) => {
                if STARTS.contains(&clause[w..i].to_lowercase().as_str()) {
                    at = Some(w);
                }
                word_start = None;
            }
            _ => {}
        }
    }
    let at = from + at?;
    let phrase = head[at..].trim_end();
    is_description(phrase).then(|| at..at + phrase.len())
}

/// Names two accounts describe with nothing in common: for each such name, the first
/// description of each (indices into `x` and `y`). Descriptions share something when a
/// content word of one is, or means the same as (`same`), a word of the other.
pub fn conflicting(
    x: &[Description],
    y: &[Description],
    same: impl Fn(u32, u32) -> bool,
) -> Vec<(usize, usize)> {
    let mut names: Vec<u32> = x.iter().map(|d| d.name).collect();
    names.sort_unstable();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let (of_x, of_y): (Vec<usize>, Vec<usize>) = (
            (0..x.len()).filter(|&i| x[i].name == name).collect(),
            (0..y.len()).filter(|&j| y[j].name == name).collect(),
        );
        let agree = of_x.iter().any(|&i| {
            of_y.iter().any(|&j| {
                x[i].terms
                    .iter()
                    .any(|&a| y[j].terms.iter().any(|&b| a == b || same(a, b)))
            })
        });
        if let (Some(&i), Some(&j), false) = (of_x.first(), of_y.first(), agree) {
            out.push((i, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::WordAnalyzer;
    use crate::compare::words::{TermIds, content_words};

    /// Descriptions in `texts`, as written, with `names` and `people` given as words.
    fn found(texts: &[&str], names: &[&str], people: &[&str]) -> Vec<(usize, String)> {
        let mut analyzer = WordAnalyzer::default();
        let mut ids = TermIds::default();
        let words: Vec<Vec<Word>> = texts
            .iter()
            .map(|t| content_words(&mut analyzer, &mut ids, t))
            .collect();
        let id_of = |w: &str, ids: &mut TermIds, analyzer: &mut WordAnalyzer| {
            content_words(analyzer, ids, w)[0].term
        };
        let names: Vec<u32> = names
            .iter()
            .map(|n| id_of(n, &mut ids, &mut analyzer))
            .collect();
        let people: Vec<u32> = people
            .iter()
            .map(|n| id_of(n, &mut ids, &mut analyzer))
            .collect();
        let claims: Vec<(&str, &[Word])> = texts
            .iter()
            .zip(&words)
            .map(|(t, w)| (*t, w.as_slice()))
            .collect();
        descriptions(&claims, |t| names.contains(&t), |t| people.contains(&t))
            .into_iter()
            .map(|d| (d.claim, texts[d.claim][d.span].to_owned()))
            .collect()
    }

    #[test]
    fn an_appositive_after_or_before_a_name_describes_it() {
        let got = found(
            &[
                "Choi had asked Myung-shik, one of his men, to kill Ok-ju.",
                "He teams up with a pharmacist, Myung-shik, to track and kill her.",
            ],
            &["Myung-shik"],
            &["men", "pharmacist"],
        );
        assert_eq!(
            got,
            [(0, "one of his men".into()), (1, "a pharmacist".into())]
        );
    }

    #[test]
    fn lists_clauses_and_descriptions_without_a_person_are_not() {
        let got = found(
            &[
                "Then Eliakim, Shebna and Joah said to Rabshakeh, speak in Aramaic.",
                "Myung-shik, who had been following her for days, finally struck.",
                "She met Min-hee, the bakery.",
            ],
            &["Eliakim", "Shebna", "Myung-shik", "Min-hee"],
            &["men", "pharmacist"],
        );
        assert_eq!(got, []);
    }

    #[test]
    fn quotation_marks_and_other_wide_characters_are_passed_safely() {
        let got = found(
            &[
                "He prayed, saying, “Remember now, a servant, Hezekiah, the king’s man,",
                "“the scribe, Shebna,” said Joah, “a man—Eliakim, ¿un hombre?",
            ],
            &["Hezekiah", "Shebna", "Eliakim", "Joah"],
            &["servant", "scribe", "man"],
        );
        assert_eq!(
            got,
            [
                (0, "the king’s man".into()),
                (0, "a servant".into()),
                (1, "the scribe".into())
            ]
        );
    }

    #[test]
    fn descriptions_conflict_when_they_share_nothing() {
        let d = |name, terms: &[u32]| Description {
            claim: 0,
            name,
            span: 0..1,
            terms: terms.to_vec(),
        };
        let x = [d(1, &[10]), d(2, &[20])];
        let y = [d(1, &[11]), d(2, &[21]), d(3, &[30])];
        // 10 and 11 share nothing; 20 and 21 mean the same.
        let same = |a: u32, b: u32| (a, b) == (20, 21);
        assert_eq!(conflicting(&x, &y, same), [(0, 0)]);
        // A later description that agrees settles it.
        let y = [d(1, &[11]), d(1, &[10])];
        assert_eq!(conflicting(&x, &y, same), []);
    }
}

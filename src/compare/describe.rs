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

/// Words a name goes with between its word and a title written after it: `David the king`,
/// `Yahweh your God`.
const LINKS: &[&str] = &["the", "my", "your", "his", "her", "its", "our", "their"];

/// Pairs of terms (the name's, the title's) that an account writes together as one
/// referent: a title with a capital right before a name (`King David`, `Prophet Isaiah`),
/// a word for a person right after a name and before `of` (`Ahab king of Israel`), or one
/// after a name and a determiner (`David the king`, `Yahweh, the God of Israel`, `Yahweh
/// your God`). One account writing the name where another writes the title (`Nathan said
/// to the king` / `Nathan said to David`) says the same thing.
///
/// Only a word for a person counts, and only where it reads as a noun: `Ok-ju manages`,
/// `they set David`, `Joab departed` are verbs whose stems are also nouns for people
/// (`manager`, `set`, `department`). Words of one name (`Ramoth Gilead`) are not titles of
/// each other.
pub fn titles(
    claims: &[(&str, &[Word])],
    is_name: impl Fn(u32) -> bool,
    is_person: impl Fn(u32) -> bool,
) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for &(text, words) in claims {
        for pair in words.windows(2) {
            let (w, v) = (&pair[0], &pair[1]);
            if w.term == v.term {
                continue;
            }
            let (Some(between), Some(after)) =
                (text.get(w.span.end..v.span.start), text.get(v.span.end..))
            else {
                continue;
            };
            let plain = between == " ";
            let capital = text[w.span.clone()].starts_with(char::is_uppercase);
            let title = |t: u32| !is_name(t) && is_person(t);
            if plain && is_name(w.term) && title(v.term) && after.starts_with(" of ") {
                out.push((w.term, v.term));
            } else if plain && capital && title(w.term) && is_name(v.term) {
                out.push((v.term, w.term));
            } else if linked(between) && is_name(w.term) && is_person(v.term) {
                out.push((w.term, v.term));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the text between a name and the word after it links a title to it: one of
/// [`LINKS`], with spaces around it and perhaps a comma before (`, the `, ` your `).
fn linked(between: &str) -> bool {
    let rest = between.strip_prefix(',').unwrap_or(between);
    let Some(word) = rest.strip_prefix(' ').and_then(|r| r.strip_suffix(' ')) else {
        return false;
    };
    LINKS.iter().any(|l| word.eq_ignore_ascii_case(l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::WordAnalyzer;
    use crate::compare::words::{TermIds, content_words};

    /// `texts` analyzed, with the terms of `names` and `people` (given as words).
    struct Analyzed {
        ids: TermIds,
        words: Vec<Vec<Word>>,
        names: Vec<u32>,
        people: Vec<u32>,
    }

    fn analyzed(texts: &[&str], names: &[&str], people: &[&str]) -> Analyzed {
        let mut analyzer = WordAnalyzer::default();
        let mut ids = TermIds::default();
        let words: Vec<Vec<Word>> = texts
            .iter()
            .map(|t| content_words(&mut analyzer, &mut ids, t))
            .collect();
        let mut terms = |list: &[&str]| -> Vec<u32> {
            list.iter()
                .map(|w| content_words(&mut analyzer, &mut ids, w)[0].term)
                .collect()
        };
        let (names, people) = (terms(names), terms(people));
        Analyzed {
            ids,
            words,
            names,
            people,
        }
    }

    /// Each text with its content words, as the functions under test take claims.
    fn claims<'a>(texts: &[&'a str], words: &'a [Vec<Word>]) -> Vec<(&'a str, &'a [Word])> {
        texts
            .iter()
            .zip(words)
            .map(|(t, w)| (*t, w.as_slice()))
            .collect()
    }

    /// Descriptions in `texts`, as written, with `names` and `people` given as words.
    fn found(texts: &[&str], names: &[&str], people: &[&str]) -> Vec<(usize, String)> {
        let Analyzed {
            words,
            names,
            people,
            ..
        } = analyzed(texts, names, people);
        let claims = claims(texts, &words);
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

    /// Titles in `texts`: (name, title) pairs of analyzed terms.
    fn titled(texts: &[&str], names: &[&str], people: &[&str]) -> Vec<(String, String)> {
        let a = analyzed(texts, names, people);
        let claims = claims(texts, &a.words);
        let term = |t: u32| a.ids.term(t).unwrap_or_default().to_owned();
        titles(&claims, |t| a.names.contains(&t), |t| a.people.contains(&t))
            .into_iter()
            .map(|(n, p)| (term(n), term(p)))
            .collect()
    }

    #[test]
    fn a_word_for_a_person_beside_a_name_is_its_title() {
        let mut got = titled(
            &[
                "King David went up, and Ahab king of Israel followed.",
                "Nathan said to David the king, Yahweh, the God of Israel, is with you.",
                "Then Chef Choi left.",
            ],
            &[
                "David", "Ahab", "Israel", "Nathan", "Yahweh", "God", "Choi", "Chef",
            ],
            &["King", "king", "God", "Chef"],
        );
        got.sort();
        let want = [("ahab", "king"), ("david", "king"), ("yahweh", "god")];
        // `Chef` is written as a name here (capitalised, never in lower case), and two
        // names side by side are one name, not a name and its title.
        assert_eq!(got, want.map(|(n, p)| (n.to_owned(), p.to_owned())));
    }

    #[test]
    fn verbs_lists_and_unlinked_words_are_not_titles() {
        let got = titled(
            &[
                "Choi plans his revenge, and Myung-shik, a pharmacist helps.",
                "Ramoth Gilead fell to the king and the men of Judah.",
                "Joab and the captain left; the king Ahab said so, and Ok-ju manages.",
                "Saul set David over the men of war; Joab departed.",
            ],
            &[
                "Choi",
                "Myung-shik",
                "Ramoth",
                "Gilead",
                "Judah",
                "Joab",
                "Ahab",
                "Ok-ju",
            ],
            &[
                "pharmacist",
                "king",
                "men",
                "captain",
                "manages",
                "set",
                "departed",
            ],
        );
        // A title before a name has a capital (`King Ahab`); a person word after a name,
        // a determiner or `of` (`Ahab king of Israel`); none here has.
        assert_eq!(got, []);
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

//! What a difference is about, in a few words: "where: Min-hee, found", "how many: men",
//! "what Choi is called", "who: Myung-shik". Read from the differing words, the words just
//! before them, the kind of the most telling one ([`Head`]) and the words both claims
//! share; shown by `diff` and carried in the JSON.

use std::ops::Range;

use super::DiffKind;
use super::senses::WordKind;
use super::words::NUMBER_WORDS;
use crate::analysis::is_stop_surface;

/// What the most telling differing word of a detail is, when known: a name, or a word of a
/// kind WordNet knows ([`WordKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Name,
    Kind(WordKind),
}

impl Head {
    /// The question a detail about such a word answers, when its kind tells.
    fn role(self) -> Option<&'static str> {
        Some(match self {
            // A name with no place word before it is most often who did something.
            Head::Name | Head::Kind(WordKind::Who) => "who",
            Head::Kind(WordKind::Place) => "where",
            Head::Kind(WordKind::Time) => "when",
            Head::Kind(WordKind::Amount) => "how much",
            Head::Kind(WordKind::Thing) => "what",
            Head::Kind(WordKind::Verb) => "what happened",
            _ => return None,
        })
    }
}

/// Words before a differing word that make it a place.
const PLACE: &[&str] = &[
    "in", "at", "into", "inside", "on", "onto", "near", "from", "to", "toward", "towards", "under",
    "beside", "behind", "within", "across", "beyond", "over",
];
/// Place words that, inside a differing phrase, make it a place too (`body in her
/// bathtub`); `to`, `from` and the like more often start a verb or an event there.
const PLACE_WITHIN: &[&str] = &[
    "in", "at", "into", "inside", "on", "under", "beside", "behind", "near", "within",
];
/// Place words before a differing word that make even a word for people a place: `in the
/// church`, `at the school` (WordNet files institutions with groups of people).
const INSIDE: &[&str] = &["in", "at", "inside", "into", "within"];
/// Words before a differing word that make it a time.
const TIME_BEFORE: &[&str] = &["when", "after", "before", "during", "until", "since"];
/// Differing words that are times themselves.
const TIME_WORDS: &[&str] = &[
    "night",
    "day",
    "days",
    "morning",
    "evening",
    "dawn",
    "noon",
    "midnight",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "hour",
    "hours",
    "today",
    "yesterday",
    "tomorrow",
];
/// Words before a differing word that make it a manner or a means.
const MANNER: &[&str] = &["by", "with", "using", "through"];
/// Words skipped when looking back from a differing word (`in her bathtub`).
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "her", "his", "their", "its", "my", "your", "our", "this", "that", "some",
];

/// Shared words named in an `about`, at most.
const TOPIC_WORDS: usize = 3;

fn words_before(text: &str, at: usize) -> impl Iterator<Item = String> + '_ {
    text[..at]
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'')
        .rev()
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The word before the differing words at `at`, past determiners and possessives.
fn governing(text: &str, at: usize) -> Option<String> {
    words_before(text, at).find(|w| !DETERMINERS.contains(&w.as_str()) && !w.ends_with("’s"))
}

fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit() || c == ',') && !word.is_empty()
        || NUMBER_WORDS.contains(&word)
        || word.trim_end_matches('s') != word && NUMBER_WORDS.contains(&word.trim_end_matches('s'))
        || word.split('-').all(|p| NUMBER_WORDS.contains(&p)) && word.contains('-')
}

/// Whether a number word is an ordinal (`seventh`, `third`, `21st`), which says which one,
/// not how many.
fn is_ordinal(word: &str) -> bool {
    ["th", "st", "nd", "rd"].iter().any(|s| word.ends_with(s))
        && word != "thousand"
        && !word.ends_with("thousands")
}

/// What a count counts: the first word after a number in the differing words, as the
/// question it answers (`how many men`, or `which day` after an ordinal).
fn counted(text: &str, ranges: &[Range<usize>]) -> Option<String> {
    for r in ranges {
        let tail = &text[r.start..];
        // An amount of money (`$20 million`) is how much, whatever word follows it.
        if text[..r.start].ends_with(['$', '£', '€'])
            && tail.starts_with(|c: char| c.is_ascii_digit())
        {
            return Some("how much".to_owned());
        }
        let mut words = tail
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != ',')
            .filter(|w| !w.is_empty())
            .map(|w| (w.ends_with(','), w.trim_matches(',').to_lowercase()))
            .take(9);
        let mut seen_number = None;
        while let Some((comma, w)) = words.next() {
            if is_number(&w) {
                seen_number = Some(if is_ordinal(&w) { "which" } else { "how many" });
                // A comma after the number ends what it counts (`7,000 men` is one number:
                // the comma inside it is kept).
                if comma {
                    break;
                }
            } else if let Some(question) = seen_number
                && !DETERMINERS.contains(&w.as_str())
                && w != "of"
            {
                // A plural ends the phrase (`men`); otherwise one more word (`valiant men`),
                // unless it is a function word (`the one pillar was`).
                if w.ends_with('s') || w.ends_with("men") || w == "people" {
                    return Some(format!("{question} {w}"));
                }
                return Some(match words.next().map(|(_, next)| next) {
                    Some(next) if !is_number(&next) && !is_stop_surface(&next) => {
                        format!("{question} {w} {next}")
                    }
                    _ => format!("{question} {w}"),
                });
            }
        }
    }
    None
}

/// The few words saying what a difference is about. `left` is one side's text and the
/// ranges of its differing words, `right` the other's (`None` for `only_in`), `shared`
/// the content words both share, most telling first; `head` the kind of the most telling
/// differing word, if known. A word before the differing words says where, when or how
/// (`in her bathtub`); else the head's kind says who, where, when or what.
pub fn about(
    kind: DiffKind,
    left: (&str, &[Range<usize>]),
    right: Option<(&str, &[Range<usize>])>,
    left_terms: &[String],
    shared: &[String],
    head: Option<Head>,
) -> String {
    let topic = || {
        let words: Vec<&str> = shared
            .iter()
            .take(TOPIC_WORDS)
            .map(String::as_str)
            .collect();
        words.join(", ")
    };
    let with_topic = |role: &str| match topic().as_str() {
        "" => role.to_owned(),
        t => format!("{role}: {t}"),
    };
    match kind {
        DiffKind::NameVariant => match shared.first() {
            Some(name) => format!("what {name} is called"),
            None => "how one referent is named".to_owned(),
        },
        DiffKind::Count => {
            let what = counted(left.0, left.1).or_else(|| right.and_then(|r| counted(r.0, r.1)));
            what.unwrap_or_else(|| with_topic("how many"))
        }
        DiffKind::Detail => {
            let sides = std::iter::once(left).chain(right);
            let mut cue = None;
            let mut inside = false;
            'sides: for (text, ranges) in sides {
                for r in ranges {
                    let first = text[r.clone()].to_lowercase();
                    if TIME_WORDS.iter().any(|t| first.split(' ').any(|w| w == *t)) {
                        cue = Some("when");
                        break 'sides;
                    }
                    match governing(text, r.start).as_deref() {
                        Some(w) if PLACE.contains(&w) => {
                            cue = Some("where");
                            inside = INSIDE.contains(&w);
                        }
                        Some(w) if TIME_BEFORE.contains(&w) => cue = Some("when"),
                        Some(w) if MANNER.contains(&w) => cue = Some("how"),
                        _ => continue,
                    }
                    break 'sides;
                }
            }
            // Else a place word inside a differing phrase, past its first word (`dead body
            // in her bathtub`, `immersed in a pool of blood`).
            if cue.is_none() {
                let within = |(text, ranges): (&str, &[Range<usize>])| {
                    ranges.iter().any(|r| {
                        (text[r.clone()].split_whitespace().skip(1))
                            .any(|w| PLACE_WITHIN.contains(&w.to_lowercase().as_str()))
                    })
                };
                if std::iter::once(left).chain(right).any(within) {
                    cue = Some("where");
                }
            }
            // A person is who whatever stands before it (`directed by Lee`), and a place
            // or time is where or when; an unknown name is where after a place word, else
            // who; an idea is no place after one (`in danger`), nor a verb (`to track`);
            // other words take the word before them, then their kind.
            let role = match (head, cue) {
                (Some(Head::Kind(WordKind::Who)), Some("where")) if inside => Some("where"),
                (Some(Head::Kind(WordKind::Who | WordKind::Place | WordKind::Time)), _) => {
                    head.and_then(Head::role)
                }
                (Some(Head::Name), Some("where")) => Some("where"),
                (Some(Head::Name), _) => Some("who"),
                (Some(Head::Kind(WordKind::Abstract)), Some("where")) => Some("what"),
                (Some(Head::Kind(WordKind::Verb)), Some("where")) => head.and_then(Head::role),
                (_, Some(cue)) => Some(cue),
                _ => head.and_then(Head::role),
            };
            let role = role.unwrap_or("what");
            with_topic(role)
        }
        DiffKind::OnlyIn => match left_terms.first() {
            Some(t) => format!("told here only: {t}"),
            None => "told here only".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str, part: &str) -> Range<usize> {
        let at = text.find(part).unwrap();
        at..at + part.len()
    }

    /// What a difference is about whose one side, `text`, differs in `part` alone.
    fn alone(kind: DiffKind, text: &str, part: &str, head: Option<Head>) -> String {
        about(kind, (text, &[range(text, part)]), None, &[], &[], head)
    }

    #[test]
    fn a_detail_after_a_place_word_is_where() {
        let l = "Ok-ju went to Min-hee’s house and found her dead body in her bathtub.";
        let r = "Soon enough, she finds Min-hee immersed in a pool of blood.";
        let shared = ["Min-hee".to_owned(), "found".to_owned()];
        let got = about(
            DiffKind::Detail,
            (l, &[range(l, "bathtub")]),
            Some((r, &[range(r, "pool of blood")])),
            &[],
            &shared,
            Some(Head::Kind(WordKind::Thing)),
        );
        assert_eq!(got, "where: Min-hee, found");
    }

    #[test]
    fn a_place_word_inside_the_differing_words_is_where() {
        let l = "Ok-ju went to Min-hee’s house and found her dead body in her bathtub.";
        let r = "Soon enough, she finds Min-hee immersed in a pool of blood.";
        let got = about(
            DiffKind::Detail,
            (l, &[range(l, "body in her bathtub")]),
            Some((r, &[range(r, "immersed in a pool of blood")])),
            &[],
            &["Min-hee".to_owned()],
            Some(Head::Kind(WordKind::Thing)),
        );
        assert_eq!(got, "where: Min-hee");
        // Not `to` or `from`, which start a verb or an event as often.
        let l = "He had asked Myung-shik, one of his men, to kill her.";
        let got = alone(
            DiffKind::Detail,
            l,
            "one of his men, to kill",
            Some(Head::Kind(WordKind::Abstract)),
        );
        assert_eq!(got, "what");
    }

    #[test]
    fn times_and_means_are_told_apart() {
        let l = "Park arrives at the lake house at night.";
        let got = alone(DiffKind::Detail, l, "night", None);
        assert_eq!(got, "when");
        let l = "She attacked him with a knife.";
        let got = alone(DiffKind::Detail, l, "knife", None);
        assert_eq!(got, "how");
        let l = "Myung-shik was one of his men.";
        let got = alone(DiffKind::Detail, l, "men", None);
        assert_eq!(got, "what");
    }

    #[test]
    fn the_head_words_kind_names_the_role_unless_a_place_word_does() {
        let l = "Myung-shik was one of his men.";
        let men = (l, &[range(l, "men")][..]);
        let kind = |k| Some(Head::Kind(k));
        let role = |head| about(DiffKind::Detail, men, None, &[], &[], head);
        assert_eq!(role(kind(WordKind::Who)), "who");
        assert_eq!(role(Some(Head::Name)), "who");
        assert_eq!(role(kind(WordKind::Place)), "where");
        assert_eq!(role(kind(WordKind::Time)), "when");
        assert_eq!(role(kind(WordKind::Verb)), "what happened");
        assert_eq!(role(kind(WordKind::Abstract)), "what");
        // `in` before the word says where, whatever thing the word names...
        let l = "She found the body in her bathtub.";
        let got = about(
            DiffKind::Detail,
            (l, &[range(l, "bathtub")]),
            None,
            &[],
            &[],
            kind(WordKind::Thing),
        );
        assert_eq!(got, "where");
        // ...and so does a word for people after `in` or `at` (WordNet's institutions are
        // groups of people), but not after `to`, where it is whom.
        let l = "The final scene takes place at a church in Oregon.";
        let church = (l, &[range(l, "church")][..]);
        let got = about(
            DiffKind::Detail,
            church,
            None,
            &[],
            &[],
            kind(WordKind::Who),
        );
        assert_eq!(got, "where");
        let l = "She went to the pharmacist for help.";
        let pharmacist = (l, &[range(l, "pharmacist")][..]);
        let got = about(
            DiffKind::Detail,
            pharmacist,
            None,
            &[],
            &[],
            kind(WordKind::Who),
        );
        assert_eq!(got, "who");
        // ...but an idea is no place: `in danger` says what, not where.
        let l = "Min-hee is probably in danger.";
        let got = about(
            DiffKind::Detail,
            (l, &[range(l, "danger")]),
            None,
            &[],
            &[],
            kind(WordKind::Abstract),
        );
        assert_eq!(got, "what");
        // ...nor is what `to` starts when it is a verb.
        let l = "He teams up with a pharmacist to track her down.";
        let got = about(
            DiffKind::Detail,
            (l, &[range(l, "track")]),
            None,
            &[],
            &[],
            kind(WordKind::Verb),
        );
        assert_eq!(got, "what happened");
    }

    #[test]
    fn a_count_names_what_it_counts() {
        let l = "Israel had eight hundred thousand valiant men who drew the sword.";
        let got = alone(
            DiffKind::Count,
            l,
            "eight hundred thousand valiant men",
            None,
        );
        assert_eq!(got, "how many valiant men");
        let l = "Two men followed him.";
        let got = alone(DiffKind::Count, l, "Two", None);
        assert_eq!(got, "how many men");
        // A function word after the counted word is not part of what is counted.
        for (l, counted, want) in [
            (
                "The height of the one pillar was eighteen cubits.",
                "one pillar was eighteen cubits",
                "how many pillar",
            ),
            (
                "On the seventh day of the month he came.",
                "seventh",
                "which day",
            ),
            // A comma ends what a number counts; a thousands separator does not.
            (
                "The budget was twenty million, according to the studio.",
                "twenty",
                "how many",
            ),
            ("He came with 7,000 men.", "7,000", "how many men"),
            // An amount of money is how much.
            (
                "The budget was $20 million, according to the studio.",
                "20",
                "how much",
            ),
        ] {
            let got = alone(DiffKind::Count, l, counted, None);
            assert_eq!(got, want, "{l}");
        }
    }

    #[test]
    fn names_and_only_in() {
        let got = about(
            DiffKind::NameVariant,
            ("Chef Choi", &[]),
            None,
            &[],
            &["Choi".to_owned()],
            None,
        );
        assert_eq!(got, "what Choi is called");
        let got = about(
            DiffKind::OnlyIn,
            ("x", &[]),
            None,
            &["Lamborghini".to_owned()],
            &[],
            None,
        );
        assert_eq!(got, "told here only: Lamborghini");
    }
}

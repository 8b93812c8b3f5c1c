//! Rules that read what stands between the same shared words of an aligned pair (a
//! "gap" of the pair's word diff, [`WordDiff::gap`]): who a pronoun stands for, a word one
//! step more general, `both` for `two`, a title added to a name or a word for a person set
//! before it, a description the other account gives the name elsewhere, a change of
//! person, and a denial one side makes.
//! Content words are compared without pronouns and other function words; these rules look
//! at the text itself, where those words are.

use super::{Prepared, Stats, is_number};
use crate::compare::senses::{Broader, WordKind};
use crate::compare::words::{WordDiff, fold_base};

/// Persons of [`PERSONS`] that stand in for a name: `he`, `she`, `they` in all their
/// forms. Where one side of a pair has only one of these, the other side's name says who,
/// not something else.
const THIRD_PERSONS: [u8; 3] = [4, 5, 7];

/// Where gap `g` of diff `d` lies in the text of `p`'s claim `c` (the left claim of the
/// diff when `left`): between the shared words either side of it.
fn gap_span(p: &Prepared, c: usize, d: &WordDiff, g: usize, left: bool) -> std::ops::Range<usize> {
    let (text, words) = (&p.claim(c).text, &p.words[c]);
    let at = |k: usize| if left { d.anchors[k].0 } else { d.anchors[k].1 };
    let start = g.checked_sub(1).map_or(0, |k| words[at(k)].span.end);
    let end = d
        .anchors
        .get(g)
        .map_or(text.len(), |_| words[at(g)].span.start);
    start..end.max(start)
}

/// Whether `p`'s claim `c` writes a word that `is` in gap `g` of diff `d`.
fn writes_any(
    p: &Prepared,
    c: usize,
    d: &WordDiff,
    g: usize,
    left: bool,
    is: &impl Fn(&str) -> bool,
) -> bool {
    p.claim(c)
        .text
        .get(gap_span(p, c, d, g, left))
        .unwrap_or("")
        .split(|ch: char| !ch.is_alphabetic())
        .any(is)
}

/// Places in a claim's text.
type Spans = Vec<std::ops::Range<usize>>;

/// Pronouns by the person they are: the first, second and third person, singular and plural,
/// the older forms with the newer (`thou`, `thee`, `thy` are `you`, `your`), so that two
/// translations' `thy servant` / `your servant` are one person.
const PERSONS: &[(&str, u8)] = &[
    ("i", 1),
    ("me", 1),
    ("my", 1),
    ("mine", 1),
    ("myself", 1),
    ("we", 2),
    ("us", 2),
    ("our", 2),
    ("ours", 2),
    ("ourselves", 2),
    ("you", 3),
    ("your", 3),
    ("yours", 3),
    ("yourself", 3),
    ("yourselves", 3),
    ("thou", 3),
    ("thee", 3),
    ("thy", 3),
    ("thine", 3),
    ("thyself", 3),
    ("ye", 3),
    ("he", 4),
    ("him", 4),
    ("his", 4),
    ("himself", 4),
    ("she", 5),
    ("her", 5),
    ("hers", 5),
    ("herself", 5),
    ("it", 6),
    ("its", 6),
    ("itself", 6),
    ("they", 7),
    ("them", 7),
    ("their", 7),
    ("theirs", 7),
    ("themselves", 7),
];

/// The person of a pronoun ([`PERSONS`]), if `word` is one.
fn person(word: &str) -> Option<u8> {
    // Pronouns are short and ASCII: most words are ruled out before any comparison.
    if word.len() > 10 || !word.is_ascii() {
        return None;
    }
    static BY_WORD: std::sync::OnceLock<foldhash::HashMap<&[u8], u8>> = std::sync::OnceLock::new();
    let mut lower = [0u8; 10];
    let lower = &mut lower[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    BY_WORD
        .get_or_init(|| PERSONS.iter().map(|&(w, p)| (w.as_bytes(), p)).collect())
        .get(&lower[..])
        .copied()
}

/// The words (runs of letters) written in `range` of `text`, each with where it is.
fn words_in(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
    runs(text, range, |c, _, _| c.is_alphabetic())
}

/// The runs of `range` of `text` whose characters `in_word` admits (given each character,
/// whether a word is open, and the next character), each with where it is.
fn runs(
    text: &str,
    range: std::ops::Range<usize>,
    in_word: impl Fn(char, bool, Option<char>) -> bool,
) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
    let part = text.get(range.clone()).unwrap_or("");
    let mut chars = part.char_indices().chain([(part.len(), ' ')]).peekable();
    let mut start = None;
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            match (in_word(c, start.is_some(), next), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    start = None;
                    return Some((&part[s..i], range.start + s..range.start + i));
                }
                _ => {}
            }
        }
        None
    })
}

/// The pronouns written in `range` of `text`: each one's person and where it is.
fn pronouns_in(text: &str, range: std::ops::Range<usize>) -> Vec<(u8, std::ops::Range<usize>)> {
    words_in(text, range)
        .filter_map(|(word, at)| Some((person(word)?, at)))
        .collect()
}

/// The changes of person between a pair's shared words: where each side has pronouns
/// there and they are of different persons (`But he stood in the middle of the plot` /
/// `They stood in the middle of the plot`, `your throne` / `his throne`), the spans of each
/// side's pronouns of the persons the other lacks there. Content words are compared
/// without pronouns, so this is where a change of who is seen. A side with no pronoun
/// there names someone instead, which [`named_for_pronouns`] reads.
pub(super) fn pronoun_changes(
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> Vec<(Spans, Spans)> {
    let mut out = Vec::new();
    for g in 0..=d.anchors.len() {
        let mut left = pronouns_in(&x.claim(a).text, gap_span(x, a, d, g, true));
        let mut right = pronouns_in(&y.claim(b).text, gap_span(y, b, d, g, false));
        if left.is_empty() || right.is_empty() {
            continue;
        }
        // What both sides say cancels out, one for one.
        let mut k = 0;
        while k < left.len() {
            match right.iter().position(|r| r.0 == left[k].0) {
                Some(m) => {
                    right.remove(m);
                    left.remove(k);
                }
                None => k += 1,
            }
        }
        // `I` for `we` is how a speaker speaks (`let me fall into Yahweh's hand` / `let us
        // fall`), not someone else.
        let first_person = |p: &[(u8, std::ops::Range<usize>)]| p.iter().all(|q| q.0 <= 2);
        let speaker = first_person(&left) && first_person(&right);
        if !left.is_empty() && !right.is_empty() && !speaker {
            out.push((
                left.into_iter().map(|p| p.1).collect(),
                right.into_iter().map(|p| p.1).collect(),
            ));
        }
    }
    out
}

/// Other words that say no (`nor`, `nothing`, `without`): a side that writes one may say
/// with it what the other says with `not` (`answered him not` / `said nothing`), so a
/// denial against such a side is no difference.
const NEGATIVE: &[&str] = &[
    "no", "nor", "neither", "none", "nothing", "nobody", "nowhere", "without",
];

/// The words written in `range` of `text`, with apostrophes kept inside them (`didn't`,
/// `Don’t`), each with where it is.
fn words_with_apostrophes(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
    // An apostrophe belongs to a word when a letter follows it (`didn't`).
    runs(text, range, |c, open, next| {
        c.is_alphanumeric()
            || (open && (c == '\'' || c == '’') && next.is_some_and(char::is_alphanumeric))
    })
}

/// Whether a word denies what it stands by: `not`, `never`, `cannot`, a verb's `n't`
/// (`didn't`, `Don’t`).
fn denies(word: &str) -> bool {
    ["not", "never", "cannot"]
        .iter()
        .any(|d| word.eq_ignore_ascii_case(d))
        || ["n't", "n’t", "N'T", "N’T"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// Whether `text` may hold a denying word ([`denies`]): it has `not`, `nev` or `n't`
/// in it, in any case. A quick look at its bytes, so that the words of the many claims
/// that deny nothing are never read.
fn may_deny(text: &str) -> bool {
    let lower = |b: u8| b.to_ascii_lowercase();
    text.as_bytes().windows(3).any(|w| {
        lower(w[0]) == b'n'
            && matches!(
                (lower(w[1]), lower(w[2])),
                (b'o', b't') | (b'e', b'v') | (b'\'', b't')
            )
    }) || text.contains("n’t")
}

/// Words after which `not` adds rather than denies (`not only brave but also clever`,
/// `not just a thriller`).
const NOT_ONLY: &[&str] = &["only", "just", "merely", "simply"];

/// Whether the word of `text` after byte `end` makes a `not` before it add to what
/// follows rather than deny it ([`NOT_ONLY`]).
fn adds_to_what_follows(text: &str, end: usize) -> bool {
    words_with_apostrophes(text, end..text.len())
        .next()
        .is_some_and(|(w, _)| NOT_ONLY.iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// Whether a word says no: it denies, or is one of [`NEGATIVE`].
fn says_no(word: &str) -> bool {
    denies(word) || NEGATIVE.iter().any(|n| word.eq_ignore_ascii_case(n))
}

/// The denials one side of a pair makes where the other says no nowhere: between the same
/// shared words, one side writes `not`, `never` or `n't`, neither side has a differing
/// content word there, and the other claim has no word that says no at all (`You shall not
/// build me a house` / `Should you build me a house`, `she did not survive` / `she
/// survived`). A denial the other side makes in another place is the same denial, moved
/// (`Let me not fall` / `Don't let me fall`). Content words are compared without function
/// words, so this is where a denial is seen. The spans of the denying words, of the left
/// side and of the right (one side's is empty).
pub(super) fn denials(
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> Vec<(Spans, Spans)> {
    let (left_text, right_text) = (&x.claim(a).text, &y.claim(b).text);
    if !may_deny(left_text) && !may_deny(right_text) {
        return Vec::new();
    }
    let claim_says_no =
        |text: &str| words_with_apostrophes(text, 0..text.len()).any(|w| says_no(w.0));
    let (left_says_no, right_says_no) = (claim_says_no(left_text), claim_says_no(right_text));
    if left_says_no == right_says_no {
        return Vec::new();
    }
    // A place where a content word differs says something else there, unless the word is
    // the denial itself (`never` is a content word to the analyzer).
    let denial =
        |p: &Prepared, c: usize, i: usize| denies(&p.claim(c).text[p.words[c][i].span.clone()]);
    let changed: Vec<usize> = (d.changes().into_iter())
        .filter(|(_, (l, r))| {
            l.iter().any(|&i| !denial(x, a, i)) || r.iter().any(|&j| !denial(y, b, j))
        })
        .map(|(g, _)| g)
        .collect();
    let mut out = Vec::new();
    for g in (0..=d.anchors.len()).filter(|g| !changed.contains(g)) {
        let (text, span) = if left_says_no {
            (left_text, gap_span(x, a, d, g, true))
        } else {
            (right_text, gap_span(y, b, d, g, false))
        };
        let denying: Spans = words_with_apostrophes(text, span)
            .filter(|(w, at)| denies(w) && !adds_to_what_follows(text, at.end))
            .map(|(_, at)| at)
            .collect();
        if !denying.is_empty() {
            out.push(if left_says_no {
                (denying, Vec::new())
            } else {
                (Vec::new(), denying)
            });
        }
    }
    out
}

/// The differing words, of the left claim and of the right, that name whom the other side
/// calls by a pronoun (`Ahab king of Israel said to Jehoshaphat` / `He said to
/// Jehoshaphat`): a change between the same two shared words, in which one side has only
/// names and words for people and the other no differing word but a pronoun. Only for a
/// pair of single claims, whose diff places each word between shared ones.
pub(super) fn named_for_pronouns(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> (Vec<usize>, Vec<usize>) {
    let who = |p: &Prepared, c: usize, only: &[usize]| {
        only.iter().all(|&i| {
            let id = p.terms[c][i] as usize;
            !is_number(&stats.term[id]) && (stats.name[id] || stats.kind[id] == Some(WordKind::Who))
        })
    };
    let pronoun = |w: &str| person(w).is_some_and(|p| THIRD_PERSONS.contains(&p));
    said_by_a_stop_word((x, a), (y, b), d, who, pronoun)
}

/// The changes of a pair in which one side's differing words, and nothing on the other
/// side but a word that `is` (stop words, which the diff does not see), stand between the
/// same shared words, where `fits` says those differing words are what such a word stands
/// for: the differing words of such changes, of the left claim and of the right.
fn said_by_a_stop_word(
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
    fits: impl Fn(&Prepared, usize, &[usize]) -> bool,
    is: impl Fn(&str) -> bool,
) -> (Vec<usize>, Vec<usize>) {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (g, (l, r)) in d.changes() {
        if r.is_empty() && fits(x, a, &l) && writes_any(y, b, d, g, false, &is) {
            left.extend(l);
        } else if l.is_empty() && fits(y, b, &r) && writes_any(x, a, d, g, true, &is) {
            right.extend(r);
        }
    }
    (left, right)
}

/// The differing words of claim `a` of `x` (`only`) that are a title the claim gives a
/// name both sides write, right beside it (`Yahweh your God said to you` / `Yahweh said to
/// you`, `Ahab king of Israel` / `Ahab`): a title added to a name says who once more, not
/// something else. Titles are those some account of the work writes with the name
/// ([`describe::titles`]).
pub(super) fn added_titles(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    only: &[usize],
) -> Vec<usize> {
    let terms = &x.terms[a];
    only.iter()
        .copied()
        .filter(|&i| {
            [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter(|&n| n < terms.len() && !only.contains(&n))
                .any(|n| stats.name[terms[n] as usize] && stats.same_referent(terms[n], terms[i]))
        })
        .collect()
}

/// The differing words, of the left claim and of the right, that are a word for a person
/// written right before a name both sides write (`the prophet Gad` / `Gad`, `my people
/// Israel` / `Israel`): one side says once more who the name is, where the other says
/// nothing there. Only a word joined to the name by a space (`a pharmacist, Myung-shik` is
/// a description, which can differ), and only when the other side has no differing word
/// right before the same name (`the prophet Gad` / `the priest Gad` differ).
pub(super) fn appositions(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> (Vec<usize>, Vec<usize>) {
    // The differing word (of `only`) just before word `at`, if any; and whether word `i` of
    // `p`'s claim `c` is a word for a person set right before word `at`.
    let before = |at: usize, only: &[usize]| at.checked_sub(1).filter(|i| only.contains(i));
    let set_before = |p: &Prepared, c: usize, i: usize, at: usize| {
        let (text, words) = (&p.claim(c).text, &p.words[c]);
        let id = p.terms[c][i] as usize;
        !stats.name[id]
            && stats.kind[id] == Some(WordKind::Who)
            && text
                .get(words[i].span.end..words[at].span.start)
                .is_some_and(|between| between.chars().all(char::is_whitespace))
    };
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for &(l, r) in &d.anchors {
        if !stats.name[x.terms[a][l] as usize] {
            continue;
        }
        match (before(l, &d.left_only), before(r, &d.right_only)) {
            (Some(i), None) if set_before(x, a, i, l) => left.push(i),
            (None, Some(j)) if set_before(y, b, j, r) => right.push(j),
            _ => {}
        }
    }
    (left, right)
}

/// The differing words, of the left claim and of the right, that describe a name both
/// sides write, right beside it, in the words the other account itself writes beside that
/// name elsewhere in the work (`Eliakim the son of Hilkiah, Shebnah, and Joah` / `Eliakim,
/// Shebna and Joah`, where the other account writes `Eliakim the son of Hilkiah` a few
/// verses before): the account says once more who the name is, as the other does too.
/// Only a description that begins, next to the name, with a word for a person (`son`,
/// `king`, `the prophet`): other words after a name are often what happens next or a list
/// (`Sepharvaim, Hena, and Ivvah`, which the other account writes elsewhere too). Only as
/// many words beside the name as the other account writes beside it, in the same order and
/// on the same side of it.
pub(super) fn described_alike(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> (Vec<usize>, Vec<usize>) {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (g, (l, r)) in d.changes() {
        // The shared word before the change (the change comes after it) and after it.
        let sides = [(g.checked_sub(1), true), (Some(g), false)];
        for (anchor, after) in sides {
            let Some(&(i, j)) = anchor.and_then(|k| d.anchors.get(k)) else {
                continue;
            };
            left.extend(told_beside(stats, (x, a, i), &l, y, after));
            right.extend(told_beside(stats, (y, b, j), &r, x, after));
        }
    }
    (left, right)
}

/// The words of `only` (differing words of `p`'s claim `c`) next to word `at`, a name,
/// right after it (`after`) or right before it, that `other` writes next to the same name
/// in the same order somewhere, when the nearest is a word for a person: as many as the
/// longest such run there.
fn told_beside(
    stats: &Stats,
    (p, c, at): (&Prepared, usize, usize),
    only: &[usize],
    other: &Prepared,
    after: bool,
) -> Vec<usize> {
    let terms = &p.terms[c];
    let name = terms[at];
    if !stats.name[name as usize] {
        return Vec::new();
    }
    // The differing words next to the name, nearest first.
    let step = |k: usize| {
        if after {
            k.checked_add(1)
        } else {
            k.checked_sub(1)
        }
    };
    let run: Vec<usize> = std::iter::successors(step(at), |&k| step(k))
        .take_while(|k| only.contains(k))
        .collect();
    let person = |k: usize| {
        let id = terms[k] as usize;
        !stats.name[id] && stats.kind[id] == Some(WordKind::Who)
    };
    if !run.first().is_some_and(|&k| person(k)) {
        return Vec::new();
    }
    let longest = other
        .places_of(stats, name)
        .iter()
        .map(|&(claim, word)| {
            let there = &other.terms[claim as usize];
            std::iter::successors(step(word as usize), |&k| step(k))
                .zip(&run)
                .take_while(|&(k, &mine)| there.get(k) == Some(&terms[mine]))
                .count()
        })
        .max()
        .unwrap_or(0);
    run[..longest].to_vec()
}

/// The differing words, of the left claim and of the right, that are `times` after a
/// number where the other claim writes a multiple (`one hundred times` / `an hundredfold`):
/// the number and `times` say together what the multiple says alone, and the number is
/// compared with it already ([`fold_base`]).
pub(super) fn times_for_a_multiple(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> (Vec<usize>, Vec<usize>) {
    let times = |p: &Prepared, c: usize, only: &[usize], other: &Prepared, o: usize| {
        let terms = &p.terms[c];
        let found: Vec<usize> = only
            .iter()
            .copied()
            .filter(|&i| {
                stats.term[terms[i] as usize] == "time"
                    && i.checked_sub(1)
                        .is_some_and(|k| is_number(&stats.term[terms[k] as usize]))
            })
            .collect();
        let multiple =
            || (other.terms[o].iter()).any(|&t| fold_base(&stats.term[t as usize]).is_some());
        if !found.is_empty() && multiple() {
            found
        } else {
            Vec::new()
        }
    };
    (
        times(x, a, &d.left_only, y, b),
        times(y, b, &d.right_only, x, a),
    )
}

/// The differing words, of the left claim and of the right, that are `two` where the other
/// side says `both` between the same shared words (`they both went` / `they two went`):
/// `both` is a stop word, so the count would otherwise be one side's alone.
pub(super) fn two_for_both(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> (Vec<usize>, Vec<usize>) {
    let two = |p: &Prepared, c: usize, only: &[usize]| match only {
        [i] => matches!(stats.term[p.terms[c][*i] as usize].as_str(), "two" | "2"),
        _ => false,
    };
    said_by_a_stop_word((x, a), (y, b), d, two, |w: &str| {
        w.eq_ignore_ascii_case("both")
    })
}

/// The differing words, of the left claim and of the right, that hold a number where the
/// other side says `a` or `an` between the same shared words (`Two men followed` / `A man
/// followed`): the article says one, so the count differs on both sides, though the diff,
/// which does not see stop words, has it on one.
pub(super) fn numbers_for_a(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> (Vec<usize>, Vec<usize>) {
    let number = |p: &Prepared, c: usize, only: &[usize]| {
        only.iter()
            .any(|&i| is_number(&stats.term[p.terms[c][i] as usize]))
    };
    said_by_a_stop_word((x, a), (y, b), d, number, |w: &str| {
        w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")
    })
}

/// Where `p`'s claim `c` (the left claim of diff `d` when `left`) writes `a` or `an` in
/// gap `g`: the article a number of the other side stands against ([`numbers_for_a`]),
/// to be shown as that side of the count (`Two` / `A`).
pub(super) fn article_in(
    p: &Prepared,
    c: usize,
    d: &WordDiff,
    g: usize,
    left: bool,
) -> Option<std::ops::Range<usize>> {
    words_in(&p.claim(c).text, gap_span(p, c, d, g, left))
        .find(|(word, _)| word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an"))
        .map(|(_, at)| at)
}

/// The differing words, of the left claim and of the right, that are one noun in place of
/// another one step more general in WordNet ([`Broader`]): the same thing told with more or
/// less detail (`the conduit of the upper pool` / `the aqueduct of the upper pool`, `the
/// Lord will deliver it` / `God will deliver it`). Only a word alone, or the one noun or
/// name, of each side of a change between the same shared words (verbs and modifiers beside
/// it do not count:
/// `said to the king, “Go` / `said to David, “Do`): elsewhere in a pair, or beside another
/// noun, a general word (`tree`, `king`) is as likely to be about something else (`tamarisk
/// tree` / `oak`).
pub(super) fn one_step_apart(
    stats: &Stats,
    (x, a): (&Prepared, usize),
    (y, b): (&Prepared, usize),
    d: &WordDiff,
) -> (Vec<usize>, Vec<usize>) {
    let noun = |id: u32| {
        let id = id as usize;
        stats.name[id] || !matches!(stats.kind[id], Some(WordKind::Verb | WordKind::Modifier))
    };
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (l, r) in d.changes().into_values() {
        // A word alone on each side, whatever its kind (`counting` / `census`: WordNet's
        // kind of `count` is a verb's); else the one noun of each.
        let (l, r) = if l.len() == 1 && r.len() == 1 {
            (l, r)
        } else {
            (
                l.into_iter().filter(|&i| noun(x.terms[a][i])).collect(),
                r.into_iter().filter(|&j| noun(y.terms[b][j])).collect(),
            )
        };
        if let ([i], [j]) = (&l[..], &r[..]) {
            let (u, v) = (x.terms[a][*i] as usize, y.terms[b][*j] as usize);
            if Broader::get().one_step(&stats.term[u], &stats.term[v]) {
                left.push(*i);
                right.push(*j);
            }
        }
    }
    (left, right)
}

/// What a word could say about an event in a change of a loosely told pair: who (a name,
/// or a word for a person or a group), what or where (a thing or a place: `bathtub` /
/// `pool` are both where a body was found), when, or how many (a number, a measure). A
/// verb, a modifier or an abstract noun says how the account tells it. A name the other
/// accounts write too is one of the story's people: it answers who only against another
/// name (`Choi` / `Myung-shik` killed him), not against any word for a person (`these were
/// not the first victims` / `a reference to Ok-ju's final conversation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Kind(WordKind),
    /// A name only this account writes.
    Name,
    /// A name other accounts write too.
    Cast,
}

fn slot(stats: &Stats, id: u32) -> Option<Slot> {
    let at = id as usize;
    if stats.name[at] {
        return Some(if stats.accounts_using[at] > 1 {
            Slot::Cast
        } else {
            Slot::Name
        });
    }
    if is_number(&stats.term[at]) {
        return Some(Slot::Kind(WordKind::Amount));
    }
    match stats.kind[at]? {
        WordKind::Place => Some(Slot::Kind(WordKind::Thing)),
        k if k.is_concrete() => Some(Slot::Kind(k)),
        _ => None,
    }
}

/// Whether the word at `span` of `text` (its term `term`) is written as a verb: a past
/// (`spotted`, whose term `spot` WordNet knows best as a place; `wounded`), or right after
/// `to` (`tries to drug her`, whose term WordNet knows best as a thing). Such a word says
/// what happened, whatever its term's kind. Not a word the term keeps whole (`bed`,
/// `seed`) nor a number (`hundred`). A noun right after `to` with no article (`went to
/// prison`) is taken for a verb too: a known miss.
fn written_as_verb(text: &str, span: std::ops::Range<usize>, term: &str) -> bool {
    let written = &text[span.clone()];
    let past = written.len() > 4
        && written.ends_with("ed")
        && !written.eq_ignore_ascii_case(term)
        && !is_number(term);
    let before = text[..span.start].trim_end();
    let infinitive = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("to"));
    past || infinitive
}

/// Whether two slots hold one answer: the same kind, a number against anything (`thirty
/// thousand` / `all Israel` is who was gathered), a name against a name or a word for a
/// person, but one of the story's people only against a name.
fn one_answer(l: Slot, r: Slot) -> bool {
    let who = Slot::Kind(WordKind::Who);
    let amount = Slot::Kind(WordKind::Amount);
    let answers = |s: Slot, t: Slot| match s {
        Slot::Name => matches!(t, Slot::Name | Slot::Cast) || t == who,
        Slot::Cast => matches!(t, Slot::Name | Slot::Cast),
        Slot::Kind(_) => s == t || s == amount,
    };
    answers(l, r) || answers(r, l)
}

/// Whether the two sides of a change (`l` of `x`'s claim `a`, `r` of `y`'s claim `b`) each
/// say something of one kind, so that they fill one slot of the event: `her dead body in
/// her bathtub` / `immersed in a pool of blood`, `one of his men` / `a pharmacist`. A
/// word the other claim also writes (a name both tell) fills no slot here. Recaps told in
/// other words put other beats in the same place as often (`clue` / `knows he is bad
/// news`, `teach him a lesson` / `face-offs`): what each side says there is not an
/// answer to one question.
pub(super) fn same_slot(
    stats: &Stats,
    (x, a, l): (&Prepared, usize, &[usize]),
    (y, b, r): (&Prepared, usize, &[usize]),
) -> bool {
    let verb = |p: &Prepared, c: usize, i: usize| {
        let id = p.terms[c][i] as usize;
        !stats.name[id]
            && written_as_verb(
                &p.claim(c).text,
                p.words[c][i].span.clone(),
                &stats.term[id],
            )
    };
    let slots = |p: &Prepared, c: usize, only: &[usize], other: &[u32]| -> Vec<Slot> {
        only.iter()
            .filter(|&&i| !verb(p, c, i))
            .map(|&i| p.terms[c][i])
            .filter(|t| !other.contains(t))
            .filter_map(|t| slot(stats, t))
            .collect()
    };
    let left = slots(x, a, l, &y.terms[b]);
    let right = slots(y, b, r, &x.terms[a]);
    left.iter()
        .any(|&l| right.iter().any(|&r| one_answer(l, r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denying_words_are_read_with_their_apostrophes_where_they_are() {
        let text = "He said, “Don’t go,” and never came; it wasn't so, nor cannot be.";
        let denying: Vec<&str> = words_with_apostrophes(text, 0..text.len())
            .filter(|(w, _)| denies(w))
            .map(|(_, at)| &text[at])
            .collect();
        assert_eq!(denying, ["Don’t", "never", "wasn't", "cannot"]);
        assert!(may_deny(text) && may_deny("NOT") && may_deny("didn’t"));
        assert!(!may_deny("She attended the wedding in Bergen."));
        // `not only` adds to what follows.
        let also = "She is not only brave but not cruel.";
        let adding: Vec<bool> = words_with_apostrophes(also, 0..also.len())
            .filter(|(w, _)| denies(w))
            .map(|(_, at)| adds_to_what_follows(also, at.end))
            .collect();
        assert_eq!(adding, [true, false]);
        // `nor` says no in another way; a quote mark is no part of a word.
        assert!(!denies("nor") && says_no("Nor") && !says_no("notice"));
        let quoted: Vec<&str> = words_with_apostrophes("'Ballerina' isn't", 0..17)
            .map(|w| w.0)
            .collect();
        assert_eq!(quoted, ["Ballerina", "isn't"]);
        // Only the range asked for, with offsets into the whole text.
        let at = text.find("came").unwrap();
        let tail = words_with_apostrophes(text, at..text.len()).next().unwrap();
        assert_eq!(tail, ("came", at..at + 4));
    }

    #[test]
    fn a_verb_is_told_by_its_ending_or_the_to_before_it() {
        let verb = |text: &str, word: &str, term: &str| {
            let at = text.find(word).unwrap();
            written_as_verb(text, at..at + word.len(), term)
        };
        assert!(verb("she spotted Choi", "spotted", "spot"));
        assert!(verb("he was wounded", "wounded", "wound"));
        assert!(verb("he tries to drug her", "drug", "drug"));
        assert!(!verb("at full speed", "speed", "speed"));
        assert!(!verb("three hundred men", "hundred", "hundr"));
        assert!(!verb("in her bed", "bed", "bed"));
        assert!(!verb("he tries the drug", "drug", "drug"));
        assert!(!verb("Spot ran", "Spot", "spot"));
    }

    #[test]
    fn one_answer_is_one_kind_a_number_or_a_name() {
        let (who, thing, amount) = (
            Slot::Kind(WordKind::Who),
            Slot::Kind(WordKind::Thing),
            Slot::Kind(WordKind::Amount),
        );
        // `one of his men` / `a pharmacist`; `bathtub` / `pool`.
        assert!(one_answer(who, who) && one_answer(thing, thing));
        assert!(!one_answer(who, thing));
        // `thirty thousand` / `all Israel`.
        assert!(one_answer(amount, Slot::Name) && one_answer(thing, amount));
        // `directed by Chung-Hyung Lee` / `played by Jeon Jong-seo`; who killed him.
        assert!(one_answer(Slot::Name, Slot::Name) && one_answer(Slot::Cast, Slot::Cast));
        assert!(one_answer(Slot::Name, who) && one_answer(Slot::Cast, Slot::Name));
        // `the first victims` / `Ok-ju's final conversation`: one of the story's people
        // is in most sentences of a recap, and answers no question a word for a person
        // asks.
        assert!(!one_answer(who, Slot::Cast) && !one_answer(Slot::Cast, thing));
    }
}

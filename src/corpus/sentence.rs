//! Splitting a paragraph into claims (sentence-level statements).
//!
//! A sentence ends at `.`, `!`, `?` or `…` (and runs of them), after any closing quotes or
//! brackets, when white space follows and the next word does not start in lower case.
//! It does not end:
//! - after a known abbreviation (`Mr.`, `Dr.`, `e.g.`, `U.S.`) or an initial (`J. Lee`);
//! - inside a number (`3.5`), since no white space follows the point;
//! - inside a short quotation: `“Stop. Now.” Then` is one claim up to `Now.”`, then
//!   `Then…`. A quotation of [`LONG_QUOTE`] bytes or more (a speech) is split at its
//!   sentence ends like any text: it says several things.

use std::ops::Range;

/// Words that end with a point but do not end a sentence (compared in lower case).
/// `etc.` is left out on purpose: it ends a sentence far more often than not.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "inc", "ltd", "co", "corp",
    "no", "vol", "fig", "gen", "col", "lt", "sgt", "capt", "rev", "hon", "approx", "dept", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ca",
    "cf", "pp", "ed", "eds", "ft",
];

/// A quotation this long or longer is split into its sentences. Quoted exclamations and
/// lines of dialogue in the recaps and reviews are under 150 bytes; speeches in the Bible
/// sets (tests/fixtures/differences/) run to 600 and more, and held whole they were
/// paired with five or more shorter claims of another translation.
pub const LONG_QUOTE: usize = 240;

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Byte ranges of `text` that lie between a matched pair of double quotes (curly `“ ”` or
/// straight `"`), quotes included. An unmatched quote opens nothing, so a stray quote
/// cannot swallow the rest of the paragraph.
fn quoted_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    // Only `"` and the lead byte of `“` and `”` can start a quote mark.
    let marks = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'"' || b == 0xE2);
    for (i, _) in marks {
        match text[i..].chars().next() {
            Some('“') => curly.push(i),
            Some('”') => {
                if let Some(open) = curly.pop() {
                    spans.push(open..i + '”'.len_utf8());
                }
            }
            Some('"') => match straight.take() {
                Some(open) => spans.push(open..i + 1),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    spans
}

/// The byte position of the first sentence-ending character at or after `from`, and the
/// character. Only `.`, `!`, `?` and the lead byte of `…` can start one.
fn next_terminal(text: &str, from: usize) -> Option<(usize, char)> {
    text.as_bytes()[from..]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        .map(|(i, _)| from + i)
        .find_map(|i| {
            text[i..]
                .chars()
                .next()
                .filter(|&c| is_terminal(c))
                .map(|c| (i, c))
        })
}

/// The byte position of the first character at or after `from` that is not `skipped`.
fn skip(text: &str, from: usize, skipped: impl Fn(char) -> bool) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !skipped(c))
        .map_or(text.len(), |(j, _)| from + j)
}

/// The word (letters and inner points) that ends right before byte `dot`.
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(dot, |(i, _)| i);
    &head[start..]
}

/// True when the point at `dot` belongs to an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let word = word_before(text, dot).trim_start_matches('.');
    if word.is_empty() {
        return false;
    }
    // The abbreviations are ASCII, so comparing ASCII case alone finds the same ones.
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
        return true;
    }
    // An initial (`J.`) or dotted letters (`e.g`, `U.S`, `a.m`).
    let mut pieces = word.split('.');
    let single_letters =
        pieces.all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    single_letters && (word.contains('.') || word.chars().all(char::is_uppercase))
}

/// Splits `text` into sentences. Returns byte ranges, trimmed of white space, that together
/// cover every non-white-space character of `text` exactly once, in order.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut quotes = quoted_spans(text);
    quotes.retain(|q| q.len() < LONG_QUOTE);
    let inside_quote = |pos: usize| quotes.iter().any(|q| q.start < pos && pos < q.end);
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some((i, c)) = next_terminal(text, from) {
        let end = skip(text, skip(text, i + c.len_utf8(), is_terminal), is_closer);
        from = end;
        let Some(after) = text[end..].chars().next() else {
            break;
        };
        if !after.is_whitespace() || inside_quote(end) {
            continue;
        }
        if c == '.' && end == i + 1 && is_abbreviation(text, i) {
            continue;
        }
        let next = text[end..].chars().find(|c| !c.is_whitespace());
        if next.is_some_and(char::is_lowercase) {
            continue;
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            sentences("She went home. He stayed! Did they meet? Yes."),
            vec!["She went home.", "He stayed!", "Did they meet?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            sentences(
                "Mr. Choi met Dr. Kim at 3.5 p.m. sharp. J. K. Rowling wrote it. The U.S. office said e.g. this."
            ),
            vec![
                "Mr. Choi met Dr. Kim at 3.5 p.m. sharp.",
                "J. K. Rowling wrote it.",
                "The U.S. office said e.g. this."
            ]
        );
    }

    #[test]
    fn splits_a_long_speech_into_its_sentences() {
        let speech = "He said, “You have shown great kindness to your servant, who walked before you in truth and in uprightness of heart. Now you have made your servant king instead of my father, and I am just a little child. Give your servant an understanding heart to judge your people.” Then he slept.";
        assert_eq!(
            sentences(speech),
            vec![
                "He said, “You have shown great kindness to your servant, who walked before you in truth and in uprightness of heart.",
                "Now you have made your servant king instead of my father, and I am just a little child.",
                "Give your servant an understanding heart to judge your people.”",
                "Then he slept."
            ]
        );
    }

    #[test]
    fn does_not_split_inside_quotes() {
        assert_eq!(
            sentences("He said, “Stop. Now.” Then he left. She said \"Go. Away.\" It ended."),
            vec![
                "He said, “Stop. Now.”",
                "Then he left.",
                "She said \"Go. Away.\"",
                "It ended."
            ]
        );
        assert_eq!(
            sentences("this is all for the “Ballerina.” Choi recognizes that title."),
            vec![
                "this is all for the “Ballerina.”",
                "Choi recognizes that title."
            ]
        );
    }

    #[test]
    fn a_stray_quote_does_not_swallow_the_rest() {
        assert_eq!(
            sentences("He said “Stop. Then he left."),
            vec!["He said “Stop.", "Then he left."]
        );
    }

    #[test]
    fn lower_case_continuation_is_not_a_break() {
        assert_eq!(
            sentences("But guess what? he said. Wow…  Really."),
            vec!["But guess what? he said.", "Wow…", "Really."]
        );
    }

    #[test]
    fn no_terminal_and_blank() {
        assert_eq!(sentences("  no ending here  "), vec!["no ending here"]);
        assert!(sentences("   \n ").is_empty());
    }
}

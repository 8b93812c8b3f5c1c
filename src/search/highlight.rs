//! Highlight ranges: where in a passage the query matched, found with the same analyzer
//! that indexed it, so a highlight is exactly a match. Also the choice of fragments to show
//! for long passages. Output is byte ranges; rendering them is the printers' job.

use std::ops::Range;

use foldhash::HashSet;
use tantivy::tokenizer::Token;

use crate::analysis::{Initials, WordAnalyzer, tokens_starting_with};

/// One thing the query looks for, in analyzed form.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// Any one of these terms (a word and its typo-tolerant expansions).
    Any(HashSet<String>),
    /// Terms at these positions relative to the first.
    Phrase(Vec<(usize, String)>),
}

/// All the patterns of a query's positive clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Matcher {
    patterns: Vec<Pattern>,
    /// First letters of the patterns' terms: only words starting with one are analyzed.
    initials: Initials,
}

impl Matcher {
    pub fn new(patterns: Vec<Pattern>) -> Matcher {
        let initials = Initials::of(patterns.iter().flat_map(|p| -> Vec<&str> {
            match p {
                Pattern::Any(terms) => terms.iter().map(String::as_str).collect(),
                Pattern::Phrase(parts) => parts.iter().map(|(_, t)| t.as_str()).collect(),
            }
        }));
        Matcher { patterns, initials }
    }

    /// Byte ranges of `text` matched by any pattern, sorted and merged where they overlap.
    /// Only the words that could match are analyzed ([`tokens_starting_with`]).
    pub fn ranges(&self, analyzer: &mut WordAnalyzer, text: &str) -> Vec<Range<usize>> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let toks = tokens_starting_with(analyzer, text, &self.initials);
        let mut found: Vec<Range<usize>> = Vec::new();
        for pattern in &self.patterns {
            match pattern {
                Pattern::Any(terms) => found.extend(
                    toks.iter()
                        .filter(|t| terms.contains(&t.text))
                        .map(|t| t.offset_from..t.offset_to),
                ),
                Pattern::Phrase(parts) => found.extend(phrase_matches(&toks, parts)),
            }
        }
        merge(found)
    }
}

fn phrase_matches(toks: &[Token], parts: &[(usize, String)]) -> Vec<Range<usize>> {
    let Some((first_off, first)) = parts.first() else {
        return Vec::new();
    };
    let at = |pos: usize, term: &str| {
        toks.iter()
            .find(|t| t.position == pos && t.text == term && t.position_length == 1)
    };
    let mut out = Vec::new();
    for t in toks
        .iter()
        .filter(|t| &t.text == first && t.position >= *first_off)
    {
        let base = t.position - first_off;
        let hits: Option<Vec<&Token>> = parts
            .iter()
            .map(|(off, term)| at(base + off, term))
            .collect();
        if let Some(hits) = hits {
            let start = hits
                .iter()
                .map(|t| t.offset_from)
                .min()
                .unwrap_or(t.offset_from);
            let end = hits
                .iter()
                .map(|t| t.offset_to)
                .max()
                .unwrap_or(t.offset_to);
            out.push(start..end);
        }
    }
    out
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Passages up to this many bytes are shown whole.
pub const WHOLE_PASSAGE_BYTES: usize = 320;
/// Context kept on each side of a highlight in a fragment.
pub const FRAGMENT_CONTEXT_BYTES: usize = 90;
/// At most this many fragments are shown for one passage.
pub const MAX_FRAGMENTS: usize = 3;

/// The parts of `text` worth showing: the whole text when it is short, else up to
/// [`MAX_FRAGMENTS`] windows around the highlights (those with the most highlights win),
/// in text order, cut at word boundaries.
#[allow(clippy::single_range_in_vec_init)] // a list of one range is meant
pub fn fragments(text: &str, highlights: &[Range<usize>]) -> Vec<Range<usize>> {
    if text.len() <= WHOLE_PASSAGE_BYTES {
        return vec![0..text.len()];
    }
    if highlights.is_empty() {
        return vec![0..word_end(text, 2 * FRAGMENT_CONTEXT_BYTES)];
    }
    let mut windows: Vec<(Range<usize>, usize)> = Vec::new();
    for h in highlights {
        let w = word_start(text, h.start.saturating_sub(FRAGMENT_CONTEXT_BYTES))
            ..word_end(text, h.end + FRAGMENT_CONTEXT_BYTES);
        match windows.last_mut() {
            Some((last, n)) if w.start <= last.end => {
                last.end = last.end.max(w.end);
                *n += 1;
            }
            _ => windows.push((w, 1)),
        }
    }
    let mut best: Vec<usize> = (0..windows.len()).collect();
    best.sort_by_key(|&i| (std::cmp::Reverse(windows[i].1), i));
    best.truncate(MAX_FRAGMENTS);
    best.sort_unstable();
    best.into_iter().map(|i| windows[i].0.clone()).collect()
}

/// The start of the word at or after `pos` (0 stays 0).
fn word_start(text: &str, pos: usize) -> usize {
    if pos == 0 {
        return 0;
    }
    let mut p = pos.min(text.len());
    while !text.is_char_boundary(p) {
        p += 1;
    }
    match text[p..].find(char::is_whitespace) {
        Some(ws) => {
            let after = p + ws;
            let skip = text[after..].len() - text[after..].trim_start().len();
            (after + skip).min(text.len())
        }
        None => p,
    }
}

/// The end of the word at or before `pos` (the text's end stays its end).
fn word_end(text: &str, pos: usize) -> usize {
    if pos >= text.len() {
        return text.len();
    }
    let mut p = pos;
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    match text[..p].rfind(char::is_whitespace) {
        Some(ws) if ws > 0 => text[..ws].trim_end().len(),
        _ => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(words: &[&str]) -> Pattern {
        Pattern::Any(words.iter().map(|w| w.to_string()).collect())
    }

    fn marked(m: &Matcher, text: &str) -> Vec<String> {
        m.ranges(&mut WordAnalyzer::default(), text)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    }

    #[test]
    fn terms_highlight_every_form() {
        let m = Matcher::new(vec![any(&["kill", "choi"])]);
        assert_eq!(
            marked(&m, "Choi’s men killed; he kills."),
            vec!["Choi’s", "killed", "kills"]
        );
    }

    #[test]
    fn phrases_highlight_only_where_the_phrase_is() {
        let m = Matcher::new(vec![Pattern::Phrase(vec![
            (0, "pool".into()),
            (1, "of".into()),
            (2, "blood".into()),
        ])]);
        assert_eq!(
            marked(&m, "A pool. A pool of blood, blood."),
            vec!["pool of blood"]
        );
    }

    #[test]
    fn hyphenated_name_as_phrase_or_joined() {
        let text = "Min-hee’s house, minhee";
        let phrase = Matcher::new(vec![Pattern::Phrase(vec![
            (0, "min".into()),
            (1, "hee".into()),
        ])]);
        assert_eq!(marked(&phrase, text), vec!["Min-hee’s"]);
        let joined = Matcher::new(vec![any(&["minhe"])]);
        assert_eq!(marked(&joined, text), vec!["Min-hee’s", "minhee"]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn short_text_is_one_fragment() {
        assert_eq!(fragments("short text", &[0..5]), vec![0..10]);
    }

    #[test]
    fn long_text_gets_fragments_around_matches_at_word_boundaries() {
        let text = format!(
            "{} needle {} needle {}",
            "word ".repeat(60),
            "word ".repeat(80),
            "word ".repeat(60)
        );
        let hits: Vec<Range<usize>> = text
            .match_indices("needle")
            .map(|(i, s)| i..i + s.len())
            .collect();
        let frags = fragments(&text, &hits);
        assert_eq!(frags.len(), 2);
        for (f, h) in frags.iter().zip(&hits) {
            assert!(f.start <= h.start && h.end <= f.end);
            assert!(f.end - f.start < 2 * FRAGMENT_CONTEXT_BYTES + 10);
            assert!(text[f.clone()].starts_with("word") && text[f.clone()].ends_with("word"));
        }
    }
}

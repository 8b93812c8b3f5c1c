//! Cutting a document's text into a title, section headings, paragraphs and claims.
//!
//! - A block is a run of non-blank lines between blank lines.
//! - A heading is a block of one short line with no closing sentence punctuation
//!   ("Who killed Min-Hee?", "Ballerina Plot Synopsis"), or a Markdown `#` line.
//!   The first block is the document's title when it reads as a heading.
//! - Every other block is a paragraph, labelled by the heading above it (paragraphs before
//!   any section heading are labelled by the title, if there is one).
//! - Paragraphs are split into claims by [`super::sentence::split`].
//!
//! All positions are byte ranges into the text, trimmed of white space.

use std::ops::Range;

use super::sentence;

/// A heading line: where it is and its label (Markdown `#` marks removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub span: Range<usize>,
    pub label: String,
}

/// A body paragraph with its claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Range<usize>,
    /// Index into [`Segmented::headings`] of the heading that labels it.
    pub heading: Option<usize>,
    pub claims: Vec<Range<usize>>,
}

/// The structure of one document's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// Index into `headings` of the title, when the first block reads as a heading.
    pub title: Option<usize>,
    pub headings: Vec<Heading>,
    pub paragraphs: Vec<Paragraph>,
}

/// Longest line, in words, that can still be a heading.
const HEADING_MAX_WORDS: usize = 20;

/// Segments `text`.
pub fn segment(text: &str) -> Segmented {
    let mut out = Segmented::default();
    let mut current: Option<usize> = None;
    for (n, block) in blocks(text).into_iter().enumerate() {
        let mut body = block.clone();
        let first_line = first_line(text, &block);
        if let Some(label) = markdown_heading(&text[first_line.clone()]) {
            current = Some(push_heading(&mut out, first_line.clone(), label));
            if n == 0 {
                out.title = current;
            }
            body = trim(text, first_line.end..block.end);
        } else if first_line.end == block.end && reads_as_heading(&text[block.clone()]) {
            let label = text[block.clone()].to_owned();
            current = Some(push_heading(&mut out, block, label));
            if n == 0 {
                out.title = current;
            }
            continue;
        }
        if body.is_empty() {
            continue;
        }
        let claims = sentence::split(&text[body.clone()])
            .into_iter()
            .map(|r| body.start + r.start..body.start + r.end)
            .collect();
        out.paragraphs.push(Paragraph {
            span: body,
            heading: current,
            claims,
        });
    }
    out
}

fn push_heading(out: &mut Segmented, span: Range<usize>, label: String) -> usize {
    out.headings.push(Heading { span, label });
    out.headings.len() - 1
}

/// Byte ranges of blocks: runs of non-blank lines, trimmed.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(pos),
            (true, Some(s)) => {
                out.push(trim(text, s..pos));
                start = None;
            }
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(trim(text, s..text.len()));
    }
    out
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

fn first_line(text: &str, block: &Range<usize>) -> Range<usize> {
    let s = &text[block.clone()];
    let end = s.find('\n').map_or(block.end, |i| block.start + i);
    trim(text, block.start..end)
}

/// `# Title` → `Title`; `None` for other lines.
fn markdown_heading(line: &str) -> Option<String> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    if (1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
        Some(rest.trim().trim_end_matches('#').trim().to_owned())
    } else {
        None
    }
}

/// A one-line block reads as a heading when it is short and does not end like a sentence
/// or a clause (`.`, `!`, `,`, `;`, `…`). A question mark is allowed: recap headings are
/// often questions.
fn reads_as_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .chars()
        .last();
    words <= HEADING_MAX_WORDS
        && line.chars().any(char::is_alphabetic)
        && !matches!(last, Some('.' | '!' | ',' | ';' | '…'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_headings_and_paragraphs() {
        let text = "My Title: A Recap\n\nIntro sentence one. Two.\n\nWho killed her?\n\nShe did it.\nOn a new line too.\n";
        let s = segment(text);
        assert_eq!(s.title, Some(0));
        let labels: Vec<&str> = s.headings.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, vec!["My Title: A Recap", "Who killed her?"]);
        assert_eq!(s.paragraphs.len(), 2);
        assert_eq!(s.paragraphs[0].heading, Some(0));
        assert_eq!(s.paragraphs[1].heading, Some(1));
        assert_eq!(
            &text[s.paragraphs[1].span.clone()],
            "She did it.\nOn a new line too."
        );
        let claims: Vec<&str> = s.paragraphs[1]
            .claims
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(claims, vec!["She did it.", "On a new line too."]);
    }

    #[test]
    fn a_long_first_paragraph_is_not_a_title() {
        let s = segment("This opening line is a sentence. It has two.\n\nNext.\n");
        assert_eq!(s.title, None);
        assert!(s.headings.is_empty());
        assert_eq!(s.paragraphs.len(), 2);
        assert_eq!(s.paragraphs[0].heading, None);
    }

    #[test]
    fn markdown_headings_and_crlf() {
        let text = "# Recap\r\n\r\n## Part one\r\nBody text here.\r\nMore.\r\n";
        let s = segment(text);
        let labels: Vec<&str> = s.headings.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, vec!["Recap", "Part one"]);
        assert_eq!(
            &text[s.paragraphs[0].span.clone()],
            "Body text here.\r\nMore."
        );
        assert_eq!(s.paragraphs[0].heading, Some(1));
    }

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(segment(""), Segmented::default());
        assert_eq!(segment(" \n\t\r\n"), Segmented::default());
    }
}

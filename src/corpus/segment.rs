//! Cutting a document's text into a title, section headings, paragraphs and claims.
//!
//! - A block is a run of non-blank lines between blank lines.
//! - A heading is a Markdown `#` line, or a block of one short line with no closing
//!   sentence punctuation ("Who killed Min-Hee?", "Ballerina Plot Synopsis") in a document
//!   that reads as headed prose: its other blocks are paragraphs of sentences (see
//!   [`HEADED_SENTENCES`]), or that one line is the first block alone. In a file of
//!   one-line texts (posts, messages, lyrics), the lines without a full stop are body text
//!   like the others. The first block is the document's title when it is a heading.
//! - Every other block is a paragraph, labelled by the heading above it (paragraphs before
//!   any section heading are labelled by the title, if there is one).
//! - Paragraphs are split into claims by [`super::sentence::split`].
//! - Limits keep every unit cheap to highlight and compare: a sentence longer than
//!   [`MAX_CLAIM_BYTES`] is cut at white space (anywhere, if it has none) into several
//!   claims, and a block longer than [`MAX_PARAGRAPH_BYTES`] becomes several paragraphs, cut
//!   between claims. Nothing is dropped: the claims still cover the whole body.
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
    /// The work the front matter says the document belongs to (`work: ...`).
    pub work: Option<String>,
}

/// Longest line, in words and in bytes, that can still be a heading.
const HEADING_MAX_WORDS: usize = 20;
const HEADING_MAX_BYTES: usize = 200;
/// The mean number of sentences in a document's paragraphs (blocks that are not short
/// one-line candidates for a heading) from which its short lines are headings. Recaps and
/// reviews write paragraphs of several sentences under their headings; a file of one-line
/// texts has about one a block, a third of them without a closing full stop.
const HEADED_SENTENCES: f32 = 1.5;
/// Longest claim; longer sentences are cut.
pub const MAX_CLAIM_BYTES: usize = 4 * 1024;
/// Longest paragraph; longer blocks are cut between claims.
pub const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;

/// Segments `text`.
pub fn segment(text: &str) -> Segmented {
    let mut out = Segmented::default();
    let mut current: Option<usize> = None;
    // Front matter is not body text; its title, if it gives one, is the document's.
    let front = front_matter(text);
    let body_start = front.as_ref().map_or(0, |f| f.body_start);
    out.work = front.as_ref().and_then(|f| f.work.clone());
    if let Some(span) = front.and_then(|f| f.title) {
        let label = text[span.clone()].to_owned();
        out.title = Some(push_heading(&mut out, span, label));
        current = out.title;
    }
    let blocks: Vec<Range<usize>> = blocks(&without_code(&text[body_start..]))
        .into_iter()
        .map(|b| body_start + b.start..body_start + b.end)
        .collect();
    let headed = headed_prose(text, &blocks);
    for (n, block) in blocks.into_iter().enumerate() {
        let n = n + usize::from(out.title.is_some());
        let mut body = block.clone();
        let first_line = first_line(text, &block);
        if let Some(label) = markdown_heading(&text[first_line.clone()]) {
            current = Some(push_heading(&mut out, first_line.clone(), label));
            if n == 0 {
                out.title = current;
            }
            body = trim(text, first_line.end..block.end);
        } else if headed && first_line.end == block.end && reads_as_heading(&text[block.clone()]) {
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
        let claims: Vec<Range<usize>> = sentence::split(&text[body.clone()])
            .into_iter()
            .flat_map(|r| {
                cut(
                    text,
                    body.start + r.start..body.start + r.end,
                    MAX_CLAIM_BYTES,
                )
            })
            .collect();
        for chunk in chunks(&claims, MAX_PARAGRAPH_BYTES) {
            out.paragraphs.push(Paragraph {
                span: chunk[0].start..chunk[chunk.len() - 1].end,
                heading: current,
                claims: chunk.to_vec(),
            });
        }
    }
    out
}

/// Whether the short one-line blocks of a document (the text's `blocks`, Markdown
/// headings aside) are its headings: the other blocks hold [`HEADED_SENTENCES`] sentences
/// or more on average, or the only such block is the first.
fn headed_prose(text: &str, blocks: &[Range<usize>]) -> bool {
    let (mut candidates, mut first_is, mut paragraphs, mut sentences) = (0, false, 0, 0);
    for (n, block) in blocks.iter().enumerate() {
        let first_line = first_line(text, block);
        if markdown_heading(&text[first_line.clone()]).is_some() {
            let rest = trim(text, first_line.end..block.end);
            if !rest.is_empty() {
                paragraphs += 1;
                sentences += sentence::split(&text[rest]).len();
            }
        } else if first_line.end == block.end && reads_as_heading(&text[block.clone()]) {
            candidates += 1;
            first_is |= n == 0;
        } else {
            paragraphs += 1;
            sentences += sentence::split(&text[block.clone()]).len();
        }
    }
    (candidates == 1 && first_is) || sentences as f32 >= HEADED_SENTENCES * paragraphs.max(1) as f32
}

/// Cuts `r` into pieces of at most `max` bytes, at white space where there is some, else
/// at a character boundary. Pieces are trimmed and cover every non-blank byte of `r`.
fn cut(text: &str, r: Range<usize>, max: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    while r.end - start > max {
        let mut end = start + max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(ws) = text[start..end]
            .rfind(char::is_whitespace)
            .filter(|&ws| ws > 0)
        {
            end = start + ws;
        }
        out.push(trim(text, start..end));
        start = trim(text, end..r.end).start;
    }
    out.push(trim(text, start..r.end));
    out.retain(|p| !p.is_empty());
    out
}

/// Groups consecutive claims into runs spanning at most `max` bytes (a run always has at
/// least one claim).
fn chunks(claims: &[Range<usize>], max: usize) -> Vec<&[Range<usize>]> {
    let mut out = Vec::new();
    let mut first = 0;
    for i in 1..=claims.len() {
        let too_long = i < claims.len() && claims[i].end - claims[first].start > max;
        if i == claims.len() || too_long {
            out.push(&claims[first..i]);
            first = i;
        }
    }
    out
}

fn push_heading(out: &mut Segmented, span: Range<usize>, label: String) -> usize {
    out.headings.push(Heading { span, label });
    out.headings.len() - 1
}

/// Where each line after the first starts: after a `\n`, or after a `\r` that no `\n`
/// follows (old Mac files end lines with CR alone; CRLF is one line end).
pub(crate) fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        ends.then_some(i + 1)
    })
}

/// The lines of `text`, each with its line end.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    line_starts(text)
        .chain((!text.is_empty()).then_some(text.len()))
        .filter_map(move |end| {
            let line = text.get(start..end).filter(|l| !l.is_empty());
            start = end;
            line
        })
}

/// YAML front matter at the very start of a document (a `---` line, then lines up to a
/// `---` or `...` line; unclosed, it is no front matter).
struct FrontMatter {
    /// Where the body after it starts.
    body_start: usize,
    /// Where its `title:` value is, when it has one.
    title: Option<Range<usize>>,
    /// Its `work:` value: the work the document says it belongs to.
    work: Option<String>,
}

fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut at = 0;
    let mut lines = lines(text).map(|line| {
        let start = at;
        at += line.len();
        (start, line)
    });
    let (_, first) = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let (mut title, mut work) = (None, None);
    for (start, line) in lines {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some(FrontMatter {
                body_start: start + line.len(),
                title,
                work,
            });
        }
        let Some((key, rest)) = bare.split_once(':') else {
            continue;
        };
        let value = rest.trim();
        let value = ['"', '\'']
            .iter()
            .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
            .unwrap_or(value);
        if value.is_empty() {
            continue;
        }
        match key {
            "title" if title.is_none() => {
                // `value` is a slice of `line`: find where.
                let offset = key.len() + 1 + rest.find(value).unwrap_or(0);
                title = Some(start + offset..start + offset + value.len());
            }
            "work" if work.is_none() => work = Some(value.to_owned()),
            _ => {}
        }
    }
    None
}

/// `text` with its fenced code blocks (a line opening with three or more backticks or
/// tildes, up to a line closing with as many of the same, or the end) blanked out: code is
/// not body text. Same length, so positions in it are positions in `text`.
fn without_code(text: &str) -> std::borrow::Cow<'_, str> {
    let mut fences: Vec<Range<usize>> = Vec::new();
    let mut open: Option<(usize, u8, usize)> = None;
    let mut at = 0;
    for line in lines(text) {
        let start = at;
        at += line.len();
        let bare = line.trim_end();
        let indent = bare.len() - bare.trim_start_matches(' ').len();
        let marks = &bare.as_bytes()[indent..];
        let Some(&mark) = marks.first().filter(|m| matches!(m, b'`' | b'~')) else {
            continue;
        };
        let run = marks.iter().take_while(|&&b| b == mark).count();
        match open {
            None if indent <= 3 && run >= 3 => open = Some((start, mark, run)),
            Some((from, m, len)) if m == mark && run >= len && run == marks.len() => {
                fences.push(from..at);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((from, _, _)) = open {
        fences.push(from..text.len());
    }
    if fences.is_empty() {
        return text.into();
    }
    let mut bytes = text.as_bytes().to_vec();
    for fence in fences {
        for b in &mut bytes[fence] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes)
        .expect("whole lines replaced by ASCII")
        .into()
}

/// Byte ranges of blocks: runs of non-blank lines, trimmed.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in lines(text) {
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
    let end = line_starts(s)
        .next()
        .map_or(block.end, |i| block.start + i - 1);
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
    // Cheapest test first: most one-line blocks are paragraphs far longer than a heading.
    if line.len() > HEADING_MAX_BYTES || line.split_whitespace().nth(HEADING_MAX_WORDS).is_some() {
        return false;
    }
    // Closing quotes, brackets, emphasis marks and HTML tags (`<br>`) come after the
    // punctuation that ends a sentence.
    const CLOSERS: [char; 7] = ['"', '”', '’', '\'', ')', '*', '_'];
    let mut end = line.trim_end_matches(CLOSERS);
    while let Some(open) = end.strip_suffix('>').and_then(|e| e.rfind('<')) {
        let tag = &end[open + 1..end.len() - 1];
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') || tag.contains('<') {
            break;
        }
        end = end[..open].trim_end().trim_end_matches(CLOSERS);
    }
    let last = end.chars().last();
    line.chars().any(char::is_alphabetic) && !matches!(last, Some('.' | '!' | ',' | ';' | '…'))
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

    /// In a file of one-line texts, the lines without a full stop are body text, not
    /// headings; in headed prose they are headings.
    #[test]
    fn short_lines_are_headings_only_in_headed_prose() {
        let texts = "Anyone else watching tonight\n\nI loved the ending.\n\nbest film of the year\n\n\
                     The score was too loud.\n\nwhat a twist lol\n\nMy sister cried.\n";
        let s = segment(texts);
        assert!(s.headings.is_empty(), "{:?}", s.headings);
        assert_eq!(s.title, None);
        let bodies: Vec<&str> = s
            .paragraphs
            .iter()
            .map(|p| &texts[p.span.clone()])
            .collect();
        assert_eq!(bodies.len(), 6);
        assert_eq!(bodies[2], "best film of the year");
        let headed = "The Night Watch\n\nThe film opens at dusk. A guard waits.\n\nThe twist\n\n\
                      His brother is the thief. Nobody saw it coming.\n";
        let s = segment(headed);
        let labels: Vec<&str> = s.headings.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, vec!["The Night Watch", "The twist"]);
        assert_eq!(s.paragraphs.len(), 2);
        // A lone first line stays a title, even over one sentence.
        let s = segment("My Review\n\nGreat film.\n");
        assert_eq!(s.title, Some(0));
        assert_eq!(s.paragraphs.len(), 1);
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

    /// Front matter is not body text: its `title:` is the title, and the body after it is
    /// segmented as usual, with offsets into the whole text.
    #[test]
    fn front_matter_is_not_body_text() {
        let text = "---\ntitle: \"Ballerina (2023)\"\nwork: ballerina\n---\n\nRecap heading\n\nOk-ju finds her. She grieves.\n";
        let s = segment(text);
        let title = &s.headings[s.title.unwrap()];
        assert_eq!(title.label, "Ballerina (2023)");
        assert_eq!(&text[title.span.clone()], "Ballerina (2023)");
        assert_eq!(s.headings.len(), 2);
        assert_eq!(s.paragraphs.len(), 1);
        assert_eq!(
            &text[s.paragraphs[0].span.clone()],
            "Ok-ju finds her. She grieves."
        );
        assert_eq!(s.paragraphs[0].heading, Some(1));
        assert_eq!(s.work.as_deref(), Some("ballerina"));
        // Without a title, and unclosed, and not at the start.
        let s = segment("---\nwork: x\n...\nBody here.\n");
        assert_eq!(s.title, None);
        assert_eq!(s.paragraphs.len(), 1);
        let s = segment("---\ntitle: x\nno end\n");
        assert!(s.paragraphs.iter().any(|p| p.claims.len() == 1));
        let s = segment("Intro.\n\n---\ntitle: x\n---\n");
        assert_eq!(s.title, None);
    }

    /// Fenced code is not body text, even with blank lines inside; an unclosed fence runs
    /// to the end; a shorter or other fence does not close it; positions stay the file's.
    #[test]
    fn fenced_code_is_not_body_text() {
        let text = "Before it.\n\n```rust\nlet x = 1;\n\nfn main() {}\n```\n\nAfter it.\n\n\
                    ~~~~\ncode\n~~~\nstill code\n~~~~\nOutside.\n\n  ```\nnever closed.\n";
        let bodies: Vec<&str> = segment(text)
            .paragraphs
            .iter()
            .map(|p| &text[p.span.clone()])
            .collect();
        assert_eq!(bodies, vec!["Before it.", "After it.", "Outside."]);
        assert_eq!(without_code("no fences").len(), 9);
        // Two backticks, or four indented spaces, open nothing.
        let s = segment("``not a fence`` here.\n\n    ```\nBody.\n");
        assert_eq!(s.paragraphs.len(), 2);
    }

    /// Emphasis marks and HTML tags after a sentence's full stop leave it a sentence.
    #[test]
    fn markup_after_the_full_stop_is_no_heading() {
        for line in [
            "She wins.<br>",
            "*She wins.*",
            "She wins.</p>",
            "**She wins.** <br/>",
        ] {
            assert!(!reads_as_heading(line), "{line:?}");
        }
        for line in ["**Act two**", "Act two <br>", "a < b >"] {
            assert!(reads_as_heading(line), "{line:?}");
        }
    }

    /// Old Mac files end lines with a lone CR: they are lines, and a blank one separates
    /// paragraphs, as with LF and CRLF.
    #[test]
    fn cr_only_line_ends_are_line_ends() {
        let text = "# Recap\r\r## Part one\rBody text here.\rMore.\r\rNext one.\r";
        let s = segment(text);
        let labels: Vec<&str> = s.headings.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, vec!["Recap", "Part one"]);
        let paragraphs: Vec<&str> = s.paragraphs.iter().map(|p| &text[p.span.clone()]).collect();
        assert_eq!(paragraphs, vec!["Body text here.\rMore.", "Next one."]);
        let starts: Vec<usize> = line_starts("a\rb\r\nc\nd\r").collect();
        assert_eq!(starts, vec![2, 5, 7, 9]);
        let all: Vec<&str> = lines("a\rb\r\nc").collect();
        assert_eq!(all, vec!["a\r", "b\r\n", "c"]);
    }

    #[test]
    fn overlong_sentences_and_blocks_are_cut_without_loss() {
        let sentence = format!("{} end.", "word ".repeat(2000));
        let no_spaces = "x".repeat(10_000);
        let block = format!("{sentence} {no_spaces}. {}", "Short one. ".repeat(10_000));
        let s = segment(&block);
        let claims: Vec<&Range<usize>> = s.paragraphs.iter().flat_map(|p| &p.claims).collect();
        assert!(claims.iter().all(|c| c.end - c.start <= MAX_CLAIM_BYTES));
        assert!(
            s.paragraphs
                .iter()
                .all(|p| p.span.end - p.span.start <= MAX_PARAGRAPH_BYTES)
        );
        assert!(s.paragraphs.len() > 1);
        let covered: usize = claims
            .iter()
            .map(|c| {
                block[(*c).clone()]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum();
        assert_eq!(
            covered,
            block.chars().filter(|c| !c.is_whitespace()).count()
        );
        // A 1 MB line is not a heading.
        assert!(segment(&"y".repeat(1000)).headings.is_empty());
    }

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(segment(""), Segmented::default());
        assert_eq!(segment(" \n\t\r\n"), Segmented::default());
    }
}

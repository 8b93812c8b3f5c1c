//! Documents: finding them on disk, decoding them, and cutting them into units.
//!
//! A [`Document`] is one decoded file with its paragraphs and claims ([`Unit`]s). Every unit
//! knows its byte range in the decoded text and in the original file, and its line and
//! column, so a hit can always be traced back to the source. This module does not touch the
//! index.

pub mod generate;
pub mod segment;
pub mod sentence;
pub mod source;
pub mod walk;
pub mod works;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use source::{Encoding, InvalidBytes, NotText, Source};

/// A byte range within some text, as written in JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

/// The two granularities a document is indexed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Paragraph,
    Claim,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Paragraph => "paragraph",
            UnitKind::Claim => "claim",
        }
    }
}

/// A paragraph or a claim of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    /// The heading that labels the unit's paragraph.
    pub section: Option<String>,
    /// 1-based paragraph number within the document (headings are not counted).
    pub paragraph: u32,
    /// 1-based claim number within the paragraph; `None` for paragraphs.
    pub claim: Option<u32>,
    /// Byte range in the decoded text.
    pub text: Range<usize>,
    /// Byte range in the original file.
    pub file: Range<usize>,
    /// 1-based line of the unit's first byte.
    pub line: u32,
    /// 1-based byte column of the unit's first byte, in the original file.
    pub column: u32,
}

/// The content hash rashomon keys unchanged files by (hex BLAKE3 of the raw bytes).
pub fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// One decoded, segmented document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where the file is, as shown to the user (relative to the project when possible).
    pub path: String,
    /// The file's name relative to the corpus folder it was found in.
    pub name: String,
    /// The work the document is declared to belong to ("" when it is not): by its front
    /// matter (`work: ...`), else as given (a `rashomon.works` file). Documents not
    /// declared are grouped by their stories (`compare::stories`).
    pub work: String,
    /// Content hash of the file's bytes (hex BLAKE3).
    pub hash: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    pub encoding: Encoding,
    /// For a mostly UTF-8 file, the bytes that were not UTF-8 (read as Windows-1252).
    pub invalid_utf8: Option<InvalidBytes>,
    pub text: String,
    pub title: Option<String>,
    /// Paragraphs and claims in reading order: each paragraph, then its claims.
    pub units: Vec<Unit>,
}

impl Document {
    /// Decodes and segments a file's bytes.
    pub fn from_bytes(
        path: String,
        name: String,
        work: String,
        bytes: &[u8],
    ) -> Result<Document, NotText> {
        let source = Source::decode(bytes)?;
        let seg = segment::segment(&source.text);
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(segment::line_starts(&source.text))
            .collect();
        let locate = |r: &Range<usize>| {
            let line = line_starts.partition_point(|&s| s <= r.start);
            let line_start = source.file_offset(line_starts[line - 1]);
            let column = source.file_offset(r.start) - line_start + 1;
            (line as u32, column as u32)
        };
        let mut units = Vec::new();
        for (p, para) in seg.paragraphs.iter().enumerate() {
            let section = para.heading.map(|h| seg.headings[h].label.clone());
            let mut push = |kind, claim, r: &Range<usize>| {
                let (line, column) = locate(r);
                units.push(Unit {
                    kind,
                    section: section.clone(),
                    paragraph: p as u32 + 1,
                    claim,
                    text: r.clone(),
                    file: source.file_range(r),
                    line,
                    column,
                });
            };
            push(UnitKind::Paragraph, None, &para.span);
            for (c, claim) in para.claims.iter().enumerate() {
                push(UnitKind::Claim, Some(c as u32 + 1), claim);
            }
        }
        Ok(Document {
            path,
            name,
            work: seg.work.clone().unwrap_or(work),
            hash: hash_bytes(bytes),
            bytes: bytes.len() as u64,
            encoding: source.encoding,
            invalid_utf8: source.invalid,
            title: seg.title.map(|t| seg.headings[t].label.clone()),
            text: source.text,
            units,
        })
    }

    /// The text of a unit.
    pub fn unit_text(&self, unit: &Unit) -> &str {
        &self.text[unit.text.clone()]
    }

    pub fn count(&self, kind: UnitKind) -> usize {
        self.units.iter().filter(|u| u.kind == kind).count()
    }
}

//! The compact form in which a [`Difference`] is stored.
//!
//! A difference as `diff --json` prints it repeats its passages' text, their documents'
//! names and its words. The index already holds all of that, so the stored form keeps only
//! numbers: where each side is, and where each of its words is in that side's text. Names
//! and text are read back by [`super::Lookup`]. Words that are not one piece of either
//! side's text (a name variant joins two) are kept as written.
//!
//! The record is encoded with postcard (variable-length integers, no field names): it is
//! small, and decoding it is much cheaper than parsing JSON, which matters because every
//! search hit decodes the differences of its claims.
//!
//! The postcard bytes are stored as text, one character per byte (U+0000 to U+00FF), not
//! in a bytes field: tantivy 0.27 reads a stored bytes value one byte at a time (about a
//! sixth of a paragraph search on the shipped corpus went there), and a text value in one
//! piece. Bytes under 0x80 stay one byte; the doc store's zstd absorbs the rest.

use serde::{Deserialize, Serialize};

use super::Lookup;
use crate::compare::{ClaimKey, DiffKind, Differ, Difference, Side};
use crate::corpus::Span;
use crate::error::Result;

/// A stored difference.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredDifference {
    kind: DiffKind,
    score: f32,
    left: StoredSide,
    right: Option<StoredSide>,
    /// `left_terms`, `right_terms` and `shared_terms`.
    terms: [Vec<Words>; 3],
}

/// Where a claim is: path, section, paragraph, claim, line, column, file offsets, its
/// range in the decoded text, and the ranges of its differing words within it.
#[derive(Debug, Serialize, Deserialize)]
struct StoredSide(
    String,
    Option<String>,
    u64,
    u64,
    u64,
    u64,
    (u64, u64),
    (usize, usize),
    Vec<(usize, usize)>,
);

/// Some words of a difference: a range of the left (0) or right (1) side's text, or the
/// words themselves.
#[derive(Debug, Serialize, Deserialize)]
enum Words {
    At(u8, usize, usize),
    Written(String),
}

impl StoredDifference {
    pub fn kind(&self) -> DiffKind {
        self.kind
    }

    pub fn score(&self) -> f32 {
        self.score
    }

    /// The claims on the left and right, and where the left one starts in its file.
    pub fn keys(&self) -> (ClaimKey, Option<ClaimKey>, u64) {
        let key = |s: &StoredSide| (s.0.clone(), s.2, s.3);
        (key(&self.left), self.right.as_ref().map(key), self.left.6.0)
    }

    /// The text stored in the index: the postcard bytes, one character each.
    pub fn to_text(&self) -> String {
        let bytes = postcard::to_stdvec(self).expect("a difference always encodes");
        encoding_rs::mem::decode_latin1(&bytes).into_owned()
    }

    /// Decodes [`StoredDifference::to_text`]'s form.
    pub fn from_text(text: &str) -> std::result::Result<StoredDifference, String> {
        if !encoding_rs::mem::is_str_latin1(text) {
            return Err("a character is not a byte".to_owned());
        }
        let bytes = encoding_rs::mem::encode_latin1_lossy(text);
        postcard::from_bytes(&bytes).map_err(|e| e.to_string())
    }

    /// The stored form of `d`, whose sides carry their text and `text_range`.
    pub fn new(d: &Difference) -> StoredDifference {
        let sides = [Some(&d.left), d.right.as_ref()];
        let words = |list: &[String]| -> Vec<Words> {
            list.iter()
                .map(|w| {
                    for (i, side) in sides.iter().enumerate() {
                        if let Some(at) = side.and_then(|s| s.text.find(w.as_str())) {
                            return Words::At(i as u8, at, at + w.len());
                        }
                    }
                    Words::Written(w.clone())
                })
                .collect()
        };
        StoredDifference {
            kind: d.kind,
            score: d.score,
            left: StoredSide::new(&d.left),
            right: d.right.as_ref().map(StoredSide::new),
            terms: [
                words(&d.left_terms),
                words(&d.right_terms),
                words(&d.shared_terms),
            ],
        }
    }

    /// The difference back, its text and document names read through `lookup`.
    pub fn into_difference(self, lookup: &mut Lookup) -> Result<Difference> {
        let work = lookup
            .document(&self.left.0)?
            .map(|d| d.work.clone())
            .unwrap_or_default();
        let left = self.left.into_side(lookup)?;
        let right = match self.right {
            Some(r) => Some(r.into_side(lookup)?),
            None => None,
        };
        let texts = [left.text.as_str(), right.as_ref().map_or("", |r| &r.text)];
        let [l, r, s] = self.terms;
        let (left_terms, right_terms, shared_terms) =
            (written(l, texts), written(r, texts), written(s, texts));
        Ok(Difference {
            kind: self.kind,
            score: self.score,
            work,
            left,
            right,
            left_terms,
            right_terms,
            shared_terms,
        })
    }

    /// What this difference says differs from the claim `claim` of paragraph `paragraph` in
    /// the file at `path` (from any claim of that paragraph when `claim` is `None`): the
    /// other side, with its text. `None` when neither side is there, or there is no other
    /// side. Only the text that is needed is read.
    pub fn counterpart(
        self,
        path: &str,
        paragraph: u64,
        claim: Option<u64>,
        lookup: &mut Lookup,
    ) -> Result<Option<Differ>> {
        let here =
            |s: &StoredSide| s.0 == path && s.2 == paragraph && claim.is_none_or(|c| s.3 == c);
        let Some(right) = self.right else {
            return Ok(None);
        };
        let mine = if here(&self.left) {
            0
        } else if here(&right) {
            1
        } else {
            return Ok(None);
        };
        let [left_words, right_words, _] = self.terms;
        let (these_words, their_words) = if mine == 0 {
            (left_words, right_words)
        } else {
            (right_words, left_words)
        };
        // Their text is shown; mine is read only when a word points into it.
        let needs_mine = these_words
            .iter()
            .chain(&their_words)
            .any(|w| matches!(w, Words::At(i, ..) if *i as usize == mine));
        let sides = [self.left, right];
        let mut texts = [String::new(), String::new()];
        texts[1 - mine] = sides[1 - mine].text(lookup)?;
        if needs_mine {
            texts[mine] = sides[mine].text(lookup)?;
        }
        let strs = [texts[0].as_str(), texts[1].as_str()];
        let these_terms = written(these_words, strs);
        let their_terms = written(their_words, strs);
        let text = std::mem::take(&mut texts[1 - mine]);
        let [left, right] = sides;
        let theirs = if mine == 0 { right } else { left };
        let StoredSide(path, section, paragraph, claim, line, column, (start, end), ..) = theirs;
        let doc = lookup
            .document(&path)?
            .map(|d| d.name.clone())
            .unwrap_or_default();
        Ok(Some(Differ {
            kind: self.kind,
            score: self.score,
            doc,
            path,
            line,
            column,
            paragraph,
            claim,
            start,
            end,
            text,
            section,
            these_terms,
            their_terms,
        }))
    }
}

/// Words back as written: ranges read from the left (0) or right (1) side's text.
fn written(list: Vec<Words>, texts: [&str; 2]) -> Vec<String> {
    list.into_iter()
        .map(|w| match w {
            Words::At(i, a, b) => texts
                .get(i as usize)
                .and_then(|t| t.get(a..b))
                .unwrap_or_default()
                .to_owned(),
            Words::Written(s) => s,
        })
        .collect()
}

impl StoredSide {
    fn new(s: &Side) -> StoredSide {
        let range = s.text_range.map_or((0, 0), |r| (r.start, r.end));
        StoredSide(
            s.path.clone(),
            s.section.clone(),
            s.paragraph,
            s.claim,
            s.line,
            s.column,
            (s.start, s.end),
            range,
            s.highlights.iter().map(|h| (h.start, h.end)).collect(),
        )
    }

    /// This side's text, read through `lookup`.
    fn text(&self, lookup: &mut Lookup) -> Result<String> {
        lookup.text(&self.0, self.7.0..self.7.1)
    }

    fn into_side(self, lookup: &mut Lookup) -> Result<Side> {
        let text = self.text(lookup)?;
        let StoredSide(path, section, paragraph, claim, line, column, (start, end), _, hl) = self;
        let doc = lookup
            .document(&path)?
            .map(|d| d.name.clone())
            .unwrap_or_default();
        Ok(Side {
            text,
            doc,
            path,
            section,
            paragraph,
            claim,
            line,
            column,
            start,
            end,
            highlights: hl.into_iter().map(|(a, b)| Span::from(a..b)).collect(),
            text_range: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_text_gives_back_every_byte() {
        let side = StoredSide(
            "corpus/récit.txt".into(),
            Some("Fin — the end".into()),
            3,
            200,
            70_000,
            1,
            (128, 65_537),
            (255, 4_000_000),
            vec![(0, 127), (128, 129)],
        );
        let d = StoredDifference {
            kind: DiffKind::Detail,
            score: -0.731,
            left: side,
            right: None,
            terms: [
                vec![Words::At(0, 128, 300)],
                vec![Words::Written("Chef Choi’s".into())],
                vec![],
            ],
        };
        let bytes = postcard::to_stdvec(&d).expect("encodes");
        assert!(
            bytes.iter().any(|&b| b >= 0x80),
            "the test needs high bytes"
        );
        let text = d.to_text();
        assert_eq!(text.chars().count(), bytes.len());
        let back = StoredDifference::from_text(&text).expect("decodes");
        assert_eq!(postcard::to_stdvec(&back).expect("encodes"), bytes);
    }

    #[test]
    fn a_character_above_a_byte_is_refused() {
        assert!(StoredDifference::from_text("\u{0101}").is_err());
    }
}

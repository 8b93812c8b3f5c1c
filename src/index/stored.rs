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
//! The postcard bytes are kept in a stored bytes field (`data`).

use serde::{Deserialize, Serialize};

use super::Lookup;
use crate::compare::stories::{How, Work};
use crate::compare::{ClaimKey, DiffKind, Differ, Difference, Side};
use crate::corpus::Span;
use crate::error::Result;

/// A stored difference.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredDifference {
    kind: DiffKind,
    score: f32,
    about: String,
    left: StoredSide,
    right: Option<StoredSide>,
    /// `left_terms`, `right_terms` and `shared_terms`.
    terms: [Vec<Words>; 3],
}

/// Where a claim is, and where its differing words are.
#[derive(Debug, Serialize, Deserialize)]
struct StoredSide {
    path: String,
    section: Option<String>,
    paragraph: u64,
    claim: u64,
    line: u64,
    column: u64,
    /// Byte range in the file.
    start: u64,
    end: u64,
    /// Byte range in the document's decoded text.
    text_start: usize,
    text_end: usize,
    /// The differing words' ranges within the claim's text.
    highlights: Vec<(usize, usize)>,
}

/// Some words of a difference: a range of the text of the left (`side` 0) or right (1)
/// side, or the words themselves.
#[derive(Debug, Serialize, Deserialize)]
enum Words {
    At { side: u8, start: usize, end: usize },
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
        let key = |s: &StoredSide| (s.path.clone(), s.paragraph, s.claim);
        (
            key(&self.left),
            self.right.as_ref().map(key),
            self.left.start,
        )
    }

    /// The bytes stored in the index.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("a difference always encodes")
    }

    /// Decodes [`StoredDifference::to_bytes`]'s form.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<StoredDifference, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }

    /// The stored form of `d`, whose sides carry their text and `text_range`.
    pub fn new(d: &Difference) -> StoredDifference {
        let sides = [Some(&d.left), d.right.as_ref()];
        let words = |list: &[String]| -> Vec<Words> {
            list.iter()
                .map(|w| {
                    for (i, side) in sides.iter().enumerate() {
                        if let Some(at) = side.and_then(|s| s.text.find(w.as_str())) {
                            return Words::At {
                                side: i as u8,
                                start: at,
                                end: at + w.len(),
                            };
                        }
                    }
                    Words::Written(w.clone())
                })
                .collect()
        };
        StoredDifference {
            kind: d.kind,
            score: d.score,
            about: d.about.clone(),
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
            .document(&self.left.path)?
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
            about: self.about,
            work,
            left,
            right,
            left_terms,
            right_terms,
            shared_terms,
            evidence: Default::default(),
            head: None,
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
        let here = |s: &StoredSide| {
            s.path == path && s.paragraph == paragraph && claim.is_none_or(|c| s.claim == c)
        };
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
            .any(|w| matches!(w, Words::At { side, .. } if *side as usize == mine));
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
        let StoredSide {
            path,
            section,
            paragraph,
            claim,
            line,
            column,
            start,
            end,
            ..
        } = theirs;
        let (doc, work) = lookup
            .document(&path)?
            .map(|d| (d.name.clone(), d.work.clone()))
            .unwrap_or_default();
        Ok(Some(Differ {
            kind: self.kind,
            score: self.score,
            about: self.about,
            work,
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
            Words::At { side, start, end } => texts
                .get(side as usize)
                .and_then(|t| t.get(start..end))
                .unwrap_or_default()
                .to_owned(),
            Words::Written(s) => s,
        })
        .collect()
}

impl StoredSide {
    fn new(s: &Side) -> StoredSide {
        let (text_start, text_end) = s.text_range.map_or((0, 0), |r| (r.start, r.end));
        StoredSide {
            path: s.path.clone(),
            section: s.section.clone(),
            paragraph: s.paragraph,
            claim: s.claim,
            line: s.line,
            column: s.column,
            start: s.start,
            end: s.end,
            text_start,
            text_end,
            highlights: s.highlights.iter().map(|h| (h.start, h.end)).collect(),
        }
    }

    /// This side's text, read through `lookup`.
    fn text(&self, lookup: &mut Lookup) -> Result<String> {
        lookup.text(&self.path, self.text_start..self.text_end)
    }

    fn into_side(self, lookup: &mut Lookup) -> Result<Side> {
        let text = self.text(lookup)?;
        let doc = lookup
            .document(&self.path)?
            .map(|d| d.name.clone())
            .unwrap_or_default();
        Ok(Side {
            text,
            doc,
            path: self.path,
            section: self.section,
            paragraph: self.paragraph,
            claim: self.claim,
            line: self.line,
            column: self.column,
            start: self.start,
            end: self.end,
            highlights: self
                .highlights
                .into_iter()
                .map(|(a, b)| Span::from(a..b))
                .collect(),
            text_range: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored difference decodes to what was encoded, multi-byte text and large numbers
    /// included.
    #[test]
    fn a_stored_difference_round_trips() {
        let side = StoredSide {
            path: "corpus/récit.txt".into(),
            section: Some("Fin — the end".into()),
            paragraph: 3,
            claim: 200,
            line: 70_000,
            column: 1,
            start: 128,
            end: 65_537,
            text_start: 255,
            text_end: 4_000_000,
            highlights: vec![(0, 127), (128, 129)],
        };
        let d = StoredDifference {
            kind: DiffKind::Detail,
            score: -0.731,
            about: "where: a, b".into(),
            left: side,
            right: None,
            terms: [
                vec![Words::At {
                    side: 0,
                    start: 128,
                    end: 300,
                }],
                vec![Words::Written("Chef Choi’s".into())],
                vec![],
            ],
        };
        let bytes = d.to_bytes();
        let back = StoredDifference::from_bytes(&bytes).expect("decodes");
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.left.path, "corpus/récit.txt");
        assert_eq!(back.left.text_end, 4_000_000);
        assert!(matches!(&back.terms[1][0], Words::Written(w) if w == "Chef Choi’s"));
    }

    #[test]
    fn bytes_that_are_not_a_difference_are_refused() {
        assert!(StoredDifference::from_bytes(&[0xff; 3]).is_err());
    }
}

/// A work as the index stores it: its documents, how they were grouped, and the content
/// hash of each document (in the order of `documents`) when it was compared, so an ingest
/// can tell a work that is still as compared from one to compare again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredWork {
    pub id: String,
    pub documents: Vec<String>,
    /// The declared name, for a declared work.
    pub declared: Option<String>,
    /// The shared words, for an inferred work.
    pub shared: Vec<String>,
    pub hashes: Vec<String>,
}

impl StoredWork {
    pub fn new(work: &Work, hashes: Vec<String>) -> StoredWork {
        let (declared, shared) = match &work.how {
            How::Declared { name } => (Some(name.clone()), Vec::new()),
            How::Inferred { shared } => (None, shared.clone()),
        };
        StoredWork {
            id: work.id.clone(),
            documents: work.documents.clone(),
            declared,
            shared,
            hashes,
        }
    }

    pub fn work(&self) -> Work {
        Work {
            id: self.id.clone(),
            documents: self.documents.clone(),
            how: match &self.declared {
                Some(name) => How::Declared { name: name.clone() },
                None => How::Inferred {
                    shared: self.shared.clone(),
                },
            },
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("a work always encodes")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<StoredWork, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

//! Paragraph search on the claims' postings: a paragraph matches a clause when one of its
//! claims does. Paragraphs have no postings of their own, so the index holds each word's
//! postings once, not once for claims and again for paragraphs.
//!
//! This relies on the order in which ingest writes a document's records
//! ([`Fields::document_records`](crate::index::schema::Fields::document_records)): a
//! paragraph's claims come right before it, in one segment, with nothing in between. So
//! the paragraph of a claim is the first record after it that is not a claim, and the
//! claims of a paragraph are the claims right before it.
//!
//! A clause is lifted to paragraphs on its own ([`InParagraphs`]), so `+kill +choi` finds
//! a paragraph whose first sentence says `kill` and whose second says `Choi`. A phrase
//! must still sit within one sentence.
//!
//! A paragraph scores as its best claim for the clause, raised for each further claim that
//! matches the way BM25 raises a repeated word ([`paragraph_score`]).

use std::fmt;

use tantivy::columnar::ColumnIndex;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use crate::index::schema;

/// BM25's term-frequency saturation, applied to the number of matching claims.
const K1: Score = 1.2;

/// The score of a paragraph whose best claim scores `best` and in which `claims` claims
/// match: `best` for one claim, approaching `(K1 + 1) * best` as more match.
pub fn paragraph_score(best: Score, claims: u32) -> Score {
    let n = claims as Score;
    best * (K1 + 1.0) * n / (K1 + n)
}

/// Matches the paragraphs that hold a claim matching `claims`.
pub struct InParagraphs {
    claims: Box<dyn Query>,
}

impl InParagraphs {
    /// `claims` must match claim records only.
    pub fn new(claims: Box<dyn Query>) -> InParagraphs {
        InParagraphs { claims }
    }
}

impl Clone for InParagraphs {
    fn clone(&self) -> Self {
        InParagraphs::new(self.claims.box_clone())
    }
}

impl fmt::Debug for InParagraphs {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "InParagraphs({:?})", self.claims)
    }
}

impl Query for InParagraphs {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(InParagraphsWeight {
            claims: self.claims.weight(scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.claims.query_terms(visitor);
    }
}

struct InParagraphsWeight {
    claims: Box<dyn Weight>,
}

impl Weight for InParagraphsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let claims = self.claims.scorer(reader, boost)?;
        let is_claim = schema::claim_numbers(reader)?.map(|c| c.index);
        Ok(Box::new(ParagraphScorer::new(
            claims,
            is_claim,
            reader.max_doc(),
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "paragraph {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "best claim, raised for each further matching claim",
            scorer.score(),
        ))
    }
}

/// Walks the matching claims of a segment, paragraph by paragraph.
struct ParagraphScorer {
    claims: Box<dyn Scorer>,
    /// Which records have a claim number, that is, are claims (`None`: no claims).
    is_claim: Option<ColumnIndex>,
    max_doc: DocId,
    doc: DocId,
    score: Score,
}

impl ParagraphScorer {
    fn new(claims: Box<dyn Scorer>, is_claim: Option<ColumnIndex>, max_doc: DocId) -> Self {
        let mut scorer = ParagraphScorer {
            claims,
            is_claim,
            max_doc,
            doc: 0,
            score: 0.0,
        };
        scorer.gather();
        scorer
    }

    fn is_claim(&self, doc: DocId) -> bool {
        self.is_claim.as_ref().is_some_and(|c| c.has_value(doc))
    }

    /// Moves to the paragraph of the next matching claim, taking in all of its matching
    /// claims.
    fn gather(&mut self) -> DocId {
        let first = self.claims.doc();
        if first == TERMINATED {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        let mut paragraph = first + 1;
        while paragraph < self.max_doc && self.is_claim(paragraph) {
            paragraph += 1;
        }
        let (mut best, mut n) = (0.0, 0);
        while self.claims.doc() < paragraph {
            best = self.claims.score().max(best);
            n += 1;
            self.claims.advance();
        }
        // A claim with no paragraph after it cannot come from ingest; it matches nothing.
        self.doc = if paragraph < self.max_doc {
            paragraph
        } else {
            TERMINATED
        };
        self.score = paragraph_score(best, n);
        self.doc
    }
}

impl DocSet for ParagraphScorer {
    fn advance(&mut self) -> DocId {
        self.gather()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        // The claims right before `target` belong to the paragraph at or after it.
        let mut start = target;
        while start > 0 && self.is_claim(start - 1) {
            start -= 1;
        }
        if self.claims.doc() < start {
            self.claims.seek(start);
        }
        self.gather()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.claims.size_hint()
    }

    fn cost(&self) -> u64 {
        self.claims.cost()
    }
}

impl Scorer for ParagraphScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_claim_scores_as_itself_and_more_claims_raise_it_less_and_less() {
        assert_eq!(paragraph_score(2.0, 1), 2.0);
        let gains: Vec<Score> = (1..6)
            .map(|n| paragraph_score(1.0, n + 1) - paragraph_score(1.0, n))
            .collect();
        assert!(gains.iter().all(|&g| g > 0.0));
        assert!(gains.windows(2).all(|w| w[1] < w[0]));
        assert!(paragraph_score(1.0, 1000) < K1 + 1.0);
    }
}

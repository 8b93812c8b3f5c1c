//! BM25's statistics over the claims alone.
//!
//! Only claims have searchable text, but the index holds other records too: paragraphs,
//! documents and the differences comparison found. tantivy's own statistics count every
//! record, so a term's IDF and the average claim length it scores against moved whenever
//! comparison reported one difference more, or documents gained paragraphs. Counted over
//! the claims, ranking rests on the claims' text alone, as BM25 means it to.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::corpus::UnitKind;
use crate::error::Result;
use crate::index::Fields;

/// [`Bm25StatisticsProvider`] over the claim records of a searcher's index.
pub struct ClaimStatistics<'s> {
    searcher: &'s Searcher,
    claims: u64,
}

impl<'s> ClaimStatistics<'s> {
    pub fn new(searcher: &'s Searcher, fields: &Fields) -> Result<ClaimStatistics<'s>> {
        // Every claim record holds its kind's term. A deleted record still counts here
        // until its segment is merged, as it does in a term's `doc_freq`: the two agree.
        let claims = searcher.doc_freq(&fields.kind_term(UnitKind::Claim.as_str()))?;
        Ok(ClaimStatistics { searcher, claims })
    }

    /// The number of claim records: BM25's document count.
    pub fn claims(&self) -> u64 {
        self.claims
    }
}

impl Bm25StatisticsProvider for ClaimStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.claims.max(1))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // Only claims' fields are scored. A term of another field would be in at most as
        // many records as there are claims for BM25's IDF to be defined.
        Ok(self.searcher.doc_freq(term)?.min(self.claims.max(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexHandle;

    #[test]
    fn counts_claims_and_not_the_other_records() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(
            corpus.join("a.md"),
            "# One\n\nThe baker sold bread. The baker sold cake.\n\nA dog barked.\n",
        )
        .unwrap();
        let index = dir.path().join("index");
        let opts = crate::index::ingest::IngestOptions {
            index_dir: index.clone(),
            paths: vec![corpus],
            rebuild: false,
        };
        crate::index::ingest::ingest(&opts, &mut |_| {}).unwrap();
        let handle = IndexHandle::open(&index).unwrap();
        let searcher = handle.searcher();
        let stats = ClaimStatistics::new(&searcher, &handle.fields).unwrap();
        assert_eq!(stats.claims(), 3);
        assert!(searcher.num_docs() > stats.claims());
        let body = handle.fields.claim_body;
        assert_eq!(stats.total_num_docs().unwrap(), 3);
        let baker = Term::from_field_text(body, "baker");
        assert_eq!(stats.doc_freq(&baker).unwrap(), 2);
    }
}

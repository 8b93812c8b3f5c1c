//! The index schema: the only place field names appear.
//!
//! One tantivy index holds these records, told apart by `kind`:
//! - `paragraph` and `claim` units: searchable `body` and `section`, and where they are;
//! - one `document` record per file: its decoded text (stored once, never per unit), content
//!   hash and counts. Units are sliced out of it at search time;
//! - the comparison of each work, computed at ingest: one `differences` record per work
//!   (the ranked list, as JSON) and one `counterparts` record per claim that has differing
//!   counterparts (found by `align_key`, or by `align_paragraph` for a paragraph hit).

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{TantivyDocument, Term};

use crate::analysis::ANALYZER_NAME;
use crate::compare::{Differ, Difference};
use crate::corpus::{Document, Unit, UnitKind};

/// Version of the record layout below and of segmentation. Stored in each commit; bump on
/// any change to either.
pub const SCHEMA_VERSION: u32 = 3;

/// `kind` of the per-file record.
pub const DOCUMENT_KIND: &str = "document";
/// `kind` of the per-work list of differences.
pub const DIFFERENCES_KIND: &str = "differences";
/// `kind` of the per-claim list of differing counterparts.
pub const COUNTERPARTS_KIND: &str = "counterparts";

/// Handles to every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub path: Field,
    pub name: Field,
    pub work: Field,
    pub section: Field,
    pub body: Field,
    pub paragraph: Field,
    pub claim: Field,
    pub start: Field,
    pub end: Field,
    pub line: Field,
    pub column: Field,
    pub text_start: Field,
    pub text_end: Field,
    pub hash: Field,
    pub source: Field,
    pub encoding: Field,
    pub bytes: Field,
    pub title: Field,
    pub paragraphs: Field,
    pub claims: Field,
    pub align_work: Field,
    pub align_key: Field,
    pub align_paragraph: Field,
    pub data: Field,
}

fn analyzed(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        path: b.add_text_field("path", STRING | STORED),
        name: b.add_text_field("name", STORED),
        work: b.add_text_field("work", STRING | STORED),
        section: b.add_text_field("section", analyzed(true)),
        body: b.add_text_field("body", analyzed(false)),
        paragraph: b.add_u64_field("paragraph", STORED),
        claim: b.add_u64_field("claim", STORED),
        start: b.add_u64_field("start", STORED),
        end: b.add_u64_field("end", STORED),
        line: b.add_u64_field("line", STORED),
        column: b.add_u64_field("column", STORED),
        text_start: b.add_u64_field("text_start", STORED),
        text_end: b.add_u64_field("text_end", STORED),
        hash: b.add_text_field("hash", STORED),
        source: b.add_text_field("source", STORED),
        encoding: b.add_text_field("encoding", STORED),
        bytes: b.add_u64_field("bytes", STORED),
        title: b.add_text_field("title", STORED),
        paragraphs: b.add_u64_field("paragraphs", STORED),
        claims: b.add_u64_field("claims", STORED),
        align_work: b.add_text_field("align_work", STRING),
        align_key: b.add_text_field("align_key", STRING),
        align_paragraph: b.add_text_field("align_paragraph", STRING),
        data: b.add_text_field("data", STORED),
    };
    (b.build(), fields)
}

impl Fields {
    pub fn kind_term(&self, kind: &str) -> Term {
        Term::from_field_text(self.kind, kind)
    }

    pub fn path_term(&self, path: &str) -> Term {
        Term::from_field_text(self.path, path)
    }

    /// The records of one `kind` ("claim", "paragraph", "document") of the file at `path`.
    pub fn records_of(&self, path: &str, kind: &str) -> BooleanQuery {
        let term =
            |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
        BooleanQuery::new(vec![
            (Occur::Must, term(self.path_term(path))),
            (Occur::Must, term(self.kind_term(kind))),
        ])
    }

    pub fn align_work_term(&self, work: &str) -> Term {
        Term::from_field_text(self.align_work, work)
    }

    pub fn align_key_term(&self, path: &str, paragraph: u64, claim: u64) -> Term {
        Term::from_field_text(self.align_key, &claim_key(path, paragraph, claim))
    }

    pub fn align_paragraph_term(&self, path: &str, paragraph: u64) -> Term {
        Term::from_field_text(self.align_paragraph, &paragraph_key(path, paragraph))
    }

    /// The record holding a work's ranked differences.
    pub fn differences_record(&self, work: &str, differences: &[Difference]) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(self.kind, DIFFERENCES_KIND);
        d.add_text(self.align_work, work);
        d.add_text(
            self.data,
            serde_json::to_string(differences).expect("differences serialize"),
        );
        d
    }

    /// The record holding the differing counterparts of one claim.
    pub fn counterparts_record(
        &self,
        work: &str,
        (path, paragraph, claim): &(String, u64, u64),
        differs: &[Differ],
    ) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(self.kind, COUNTERPARTS_KIND);
        d.add_text(self.align_work, work);
        d.add_text(self.align_key, claim_key(path, *paragraph, *claim));
        d.add_text(self.align_paragraph, paragraph_key(path, *paragraph));
        d.add_text(
            self.data,
            serde_json::to_string(differs).expect("counterparts serialize"),
        );
        d
    }

    /// The record for one paragraph or claim.
    pub fn unit_record(&self, doc: &Document, unit: &Unit) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(self.kind, unit.kind.as_str());
        d.add_text(self.path, &doc.path);
        d.add_text(self.name, &doc.name);
        d.add_text(self.work, &doc.work);
        if let Some(section) = &unit.section {
            d.add_text(self.section, section);
        }
        d.add_text(self.body, doc.unit_text(unit));
        d.add_u64(self.paragraph, unit.paragraph.into());
        if let Some(claim) = unit.claim {
            d.add_u64(self.claim, claim.into());
        }
        d.add_u64(self.start, unit.file.start as u64);
        d.add_u64(self.end, unit.file.end as u64);
        d.add_u64(self.line, unit.line.into());
        d.add_u64(self.column, unit.column.into());
        d.add_u64(self.text_start, unit.text.start as u64);
        d.add_u64(self.text_end, unit.text.end as u64);
        d
    }

    /// The per-file record: decoded text, hash and counts.
    pub fn document_record(&self, doc: &Document) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(self.kind, DOCUMENT_KIND);
        d.add_text(self.path, &doc.path);
        d.add_text(self.name, &doc.name);
        d.add_text(self.work, &doc.work);
        d.add_text(self.hash, &doc.hash);
        d.add_text(self.source, &doc.text);
        d.add_text(self.encoding, doc.encoding.as_str());
        d.add_u64(self.bytes, doc.bytes);
        if let Some(title) = &doc.title {
            d.add_text(self.title, title);
        }
        d.add_u64(self.paragraphs, doc.count(UnitKind::Paragraph) as u64);
        d.add_u64(self.claims, doc.count(UnitKind::Claim) as u64);
        d
    }
}

/// Reads a stored string field.
pub fn get_str(doc: &TantivyDocument, field: Field) -> Option<&str> {
    use tantivy::schema::Value;
    doc.get_first(field).and_then(|v| v.as_str())
}

/// Reads a stored u64 field.
pub fn get_u64(doc: &TantivyDocument, field: Field) -> Option<u64> {
    use tantivy::schema::Value;
    doc.get_first(field).and_then(|v| v.as_u64())
}

fn claim_key(path: &str, paragraph: u64, claim: u64) -> String {
    format!("{path}\u{1f}{paragraph}\u{1f}{claim}")
}

fn paragraph_key(path: &str, paragraph: u64) -> String {
    format!("{path}\u{1f}{paragraph}")
}

/// A unit's stored fields, as read back from the index.
#[derive(Debug, Clone)]
pub struct StoredUnit {
    pub path: String,
    pub name: String,
    pub section: Option<String>,
    pub paragraph: u64,
    pub claim: Option<u64>,
    pub line: u64,
    pub column: u64,
    pub start: u64,
    pub end: u64,
    /// Byte range of the unit in its document's decoded text.
    pub text: std::ops::Range<usize>,
}

impl Fields {
    /// Reads a paragraph or claim record.
    pub fn read_unit(&self, d: &TantivyDocument) -> StoredUnit {
        let n = |field| get_u64(d, field).unwrap_or_default();
        StoredUnit {
            path: get_str(d, self.path).unwrap_or_default().to_owned(),
            name: get_str(d, self.name).unwrap_or_default().to_owned(),
            section: get_str(d, self.section).map(str::to_owned),
            paragraph: n(self.paragraph),
            claim: get_u64(d, self.claim),
            line: n(self.line),
            column: n(self.column),
            start: n(self.start),
            end: n(self.end),
            text: n(self.text_start) as usize..n(self.text_end) as usize,
        }
    }
}

//! The index schema: the only place field names appear.
//!
//! One tantivy index holds three kinds of records, told apart by `kind`:
//! - `paragraph` and `claim` units: searchable `body` and `section`, and where they are;
//! - one `document` record per file: its decoded text (stored once, never per unit), content
//!   hash and counts. Units are sliced out of it at search time.

use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{TantivyDocument, Term};

use crate::analysis::ANALYZER_NAME;
use crate::corpus::{Document, Unit, UnitKind};

/// Version of the record layout below. Stored in each commit; bump on any change.
pub const SCHEMA_VERSION: u32 = 1;

/// `kind` of the per-file record.
pub const DOCUMENT_KIND: &str = "document";

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

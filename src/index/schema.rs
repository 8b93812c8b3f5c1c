//! The index schema: the only place field names appear.
//!
//! One tantivy index holds these records, told apart by their kind. Records are found by
//! exact keys (their kind, their file, their work, the claims and paragraphs a difference
//! joins), all in the one `key` field, each kind of key with its own tag ([`Key`]): tantivy
//! pays for each indexed field when it writes a segment (a term dictionary builder of about
//! a megabyte), so five key fields cost five times what one does.
//! - `paragraph` and `claim` units. Only claims have searchable text (their words and
//!   their section heading's), so each word's postings are held once; paragraph search
//!   finds paragraphs through their claims (`search::paragraphs`). For that, a paragraph's
//!   claims are written right before it ([`Fields::document_records`]). Where a unit is
//!   (path, section, offsets, line) lives in fast fields; units store nothing in the doc
//!   store. Every record, of whatever kind, fills those columns ([`Place`]): tantivy then
//!   keeps each as a plain column, where a column some records lack also needs an index of
//!   which records have it;
//! - `text` records: a document's decoded text, stored once, in pieces of
//!   [`TEXT_PIECE_BYTES`] so a hit reads only the piece it is in;
//! - one `document` record per file: name, work, content hash and counts;
//! - the comparison of each work, computed at ingest: one `difference` record per
//!   difference (encoded by `stored`), found by its work or, when it has two sides, by the
//!   claims and paragraphs on either side. Passages are
//!   stored as text ranges, not as text.
//!
//! ## Record order
//!
//! Paragraph search (`search::paragraphs`) relies on one invariant: **within a segment, a
//! paragraph's claims are the records right before its paragraph record, in claim order,
//! with no other record between them.** It holds because
//! 1. [`Fields::document_records`] lists a document's records in that order;
//! 2. ingest writes them with one `IndexWriter::run` call, whose operations tantivy applies
//!    to one segment, in the order given, whatever the number of indexing threads;
//! 3. tantivy keeps records in the order they were added, and a merge (the index sets no
//!    sort order) concatenates segments, dropping deleted records; a document's records are
//!    only ever deleted all together (by its path).
//!
//! `records_keep_their_order_through_threads_and_merges` below pins it.

use std::cell::RefCell;
use std::ops::{Range, RangeInclusive};

use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{DocId, IndexSettings, SegmentReader, TantivyDocument, Term};

use super::stored::{StoredDifference, StoredWork};
use crate::analysis::ANALYZER_NAME;
use crate::compare::stories::Profile;
use crate::compare::{Difference, SHOWN_CONFIDENCE, Side};
use crate::corpus::{Document, Unit, UnitKind};

/// Version of the record layout below, of segmentation and of what a document record
/// stores (its [`Profile`], which skips stop words). Stored in each commit; bump on any
/// change to these.
pub const SCHEMA_VERSION: u32 = 17;

/// `kind` of the per-file record.
pub const DOCUMENT_KIND: &str = "document";
/// `kind` of a piece of a document's text.
pub const TEXT_KIND: &str = "text";
/// `kind` of a difference between two accounts (or a claim only one account makes).
pub const DIFFERENCE_KIND: &str = "difference";
/// `kind` of a work: which documents tell one story, and how that was decided.
pub const WORK_KIND: &str = "work";

/// A document's text is stored in pieces of about this many bytes: piece `i` starts at the
/// last character boundary at or before `i * TEXT_PIECE_BYTES`.
pub const TEXT_PIECE_BYTES: usize = 8 * 1024;

/// Bytes of records compressed together in the doc store.
const DOCSTORE_BLOCK_BYTES: usize = 16 * 1024;

/// How the index stores what it stores: zstd, which packs recap text more tightly than
/// tantivy's default lz4, in blocks small enough that a hit decompresses little.
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor::default()),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// Handles to every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Every exact key of a record (see [`Key`]).
    pub key: Field,
    /// The file a record belongs to, as a fast column, which every record fills (see
    /// [`Place`]).
    pub file: Field,
    pub name: Field,
    pub work: Field,
    /// A claim's words: what every search runs on.
    pub claim_body: Field,
    /// The words of a claim's section heading.
    pub claim_section: Field,
    pub section: Field,
    pub paragraph: Field,
    pub claim: Field,
    pub start: Field,
    pub end: Field,
    pub line: Field,
    pub column: Field,
    pub text_start: Field,
    pub text_end: Field,
    pub piece: Field,
    pub source: Field,
    pub hash: Field,
    pub encoding: Field,
    pub bytes: Field,
    pub title: Field,
    pub paragraphs: Field,
    pub claims: Field,
    pub data: Field,
}

fn analyzed() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    TextOptions::default().set_indexing_options(indexing)
}

/// A section heading's words: headings are short, so they go without length norms, which
/// would cost a byte per record.
fn heading() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

/// An exact-match key: one term, no length norms (keys are never ranked).
fn key() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        key: b.add_text_field("key", key()),
        file: b.add_text_field("file", TextOptions::default().set_fast("raw")),
        name: b.add_text_field("name", STORED),
        work: b.add_text_field("work", STORED),
        claim_body: b.add_text_field("claim_body", analyzed()),
        claim_section: b.add_text_field("claim_section", heading()),
        section: b.add_text_field("section", TextOptions::default().set_fast("raw")),
        paragraph: b.add_u64_field("paragraph", FAST),
        claim: b.add_u64_field("claim", FAST),
        start: b.add_u64_field("start", FAST),
        end: b.add_u64_field("end", FAST),
        line: b.add_u64_field("line", FAST),
        column: b.add_u64_field("column", FAST),
        text_start: b.add_u64_field("text_start", FAST),
        text_end: b.add_u64_field("text_end", FAST),
        piece: b.add_u64_field("piece", FAST),
        source: b.add_text_field("source", STORED),
        hash: b.add_text_field("hash", STORED),
        encoding: b.add_text_field("encoding", STORED),
        bytes: b.add_u64_field("bytes", STORED),
        title: b.add_text_field("title", STORED),
        paragraphs: b.add_u64_field("paragraphs", STORED),
        claims: b.add_u64_field("claims", STORED),
        data: b.add_bytes_field("data", STORED),
    };
    (b.build(), fields)
}

/// Where a record is, as the fast columns hold it. Every record fills every one of these
/// columns, so that tantivy keeps each as a plain column with no index of which records
/// have a value. A document's record and its text pieces hold its path, zeros, no claim and
/// no section; a difference holds the place of its left side, which sits among values
/// like it and so costs the columns' compression little (zeros would not).
#[derive(Debug, Default)]
pub(super) struct Place<'a> {
    path: &'a str,
    section: Option<&'a str>,
    paragraph: u64,
    claim: Option<u64>,
    start: u64,
    end: u64,
    line: u64,
    column: u64,
}

impl<'a> Place<'a> {
    /// Bytes its values take in a record's buffer.
    fn bytes(&self) -> usize {
        text_bytes(self.path.len())
            + text_bytes(self.section.map_or(NO_SECTION.len(), str::len))
            + 6 * NUMBER_BYTES
    }

    pub(super) fn of_file(path: &'a str) -> Place<'a> {
        Place {
            path,
            ..Place::default()
        }
    }

    fn of_side(side: &'a Side) -> Place<'a> {
        Place {
            path: &side.path,
            section: side.section.as_deref(),
            paragraph: side.paragraph,
            claim: Some(side.claim),
            start: side.start,
            end: side.end,
            line: side.line,
            column: side.column,
        }
    }
}

/// What the `section` column holds where there is no section heading. Headings are
/// trimmed of white space, so none reads as a lone space.
const NO_SECTION: &str = " ";
/// What the `claim` column holds for a record that is not a claim (claims count from 1).
const NO_CLAIM: u64 = 0;

/// A number's bytes in a record's value buffer (tantivy's `CompactDoc`).
const NUMBER_BYTES: usize = 8;
/// A key's tag (`k:`, `p:`, ...), written in front of its value.
const KEY_TAG_BYTES: usize = 2;
/// The most a key's numbers take: a separator and up to 20 digits, twice (see [`Key::write`]).
const KEY_NUMBERS_BYTES: usize = 42;

/// A text's bytes in a record's value buffer: a length prefix of at most five bytes, then
/// the text.
const fn text_bytes(len: usize) -> usize {
    len + 5
}

/// A key's bytes in a record's value buffer, for a key whose value is `len` bytes.
const fn key_bytes(len: usize) -> usize {
    text_bytes(KEY_TAG_BYTES + len)
}

/// An exact key a record is found by, as written in the `key` field: a tag for the kind of
/// key, then its value. Tags differ, so keys of different kinds never meet.
enum Key<'a> {
    /// The record's kind: `claim`, `paragraph`, `document`, `text` or `difference`.
    Kind(&'a str),
    /// The file a record belongs to.
    Path(&'a str),
    /// The work a difference belongs to.
    Work(&'a str),
    /// A claim a difference joins: path, paragraph, claim.
    Claim(&'a str, u64, u64),
    /// A paragraph a difference joins: path, paragraph.
    Paragraph(&'a str, u64),
    /// A document a work holds: its path.
    Member(&'a str),
}

impl Key<'_> {
    /// Writes the key's text into `out`, after what it holds.
    fn write(&self, out: &mut String) {
        use std::fmt::Write;
        let (tag, value) = match self {
            Key::Kind(v) => ("k:", v),
            Key::Path(v) => ("p:", v),
            Key::Work(v) => ("w:", v),
            Key::Claim(v, _, _) => ("c:", v),
            Key::Paragraph(v, _) => ("g:", v),
            Key::Member(v) => ("m:", v),
        };
        out.push_str(tag);
        out.push_str(value);
        // Writing into a `String` cannot fail.
        let _ = match self {
            Key::Claim(_, paragraph, claim) => write!(out, "\u{1f}{paragraph}\u{1f}{claim}"),
            Key::Paragraph(_, paragraph) => write!(out, "\u{1f}{paragraph}"),
            _ => Ok(()),
        };
    }
}

thread_local! {
    /// Where a record's keys are written before the record copies them, so that making
    /// one allocates nothing.
    static KEY_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

fn term_query(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::Basic))
}

impl Fields {
    fn key_term(&self, key: Key) -> Term {
        let mut text = String::new();
        key.write(&mut text);
        Term::from_field_text(self.key, &text)
    }

    fn add_key(&self, d: &mut TantivyDocument, key: Key) {
        KEY_TEXT.with_borrow_mut(|text| {
            text.clear();
            key.write(text);
            d.add_text(self.key, text.as_str());
        });
    }

    /// A record of one `kind` at `place`, holding its two keys (kind and file) and its place,
    /// with room for `extra` more bytes of values.
    ///
    /// Tantivy gives a record a fixed buffer unless told otherwise, much more than a claim's
    /// record needs, and a document's records all wait in memory until they are written as
    /// one group (`document_records`): sized to what they hold, a large file's records take
    /// a fraction of the memory (docs/performance.md, "Records sized to what they hold").
    pub(super) fn record(&self, kind: &str, place: &Place, extra: usize) -> TantivyDocument {
        let keys = key_bytes(kind.len()) + key_bytes(place.path.len());
        let mut d = TantivyDocument::with_capacity(keys + place.bytes() + extra);
        self.add_key(&mut d, Key::Kind(kind));
        self.add_key(&mut d, Key::Path(place.path));
        self.add_place(&mut d, place);
        d
    }

    pub fn kind_term(&self, kind: &str) -> Term {
        self.key_term(Key::Kind(kind))
    }

    pub fn path_term(&self, path: &str) -> Term {
        self.key_term(Key::Path(path))
    }

    /// The terms every record of one `kind` ("claim", "paragraph", "document", "text") of
    /// the file at `path` holds.
    pub fn record_terms(&self, path: &str, kind: &str) -> [Term; 2] {
        [self.path_term(path), self.kind_term(kind)]
    }

    /// The records of one `kind` of the file at `path`, as a query.
    pub fn records_of(&self, path: &str, kind: &str) -> BooleanQuery {
        BooleanQuery::new(
            self.record_terms(path, kind)
                .into_iter()
                .map(|t| (Occur::Must, term_query(t)))
                .collect(),
        )
    }

    pub fn align_work_term(&self, work: &str) -> Term {
        self.key_term(Key::Work(work))
    }

    /// The term of the work record that holds the document at `path`.
    pub fn work_member_term(&self, path: &str) -> Term {
        self.key_term(Key::Member(path))
    }

    pub fn align_key_term(&self, path: &str, paragraph: u64, claim: u64) -> Term {
        self.key_term(Key::Claim(path, paragraph, claim))
    }

    pub fn align_paragraph_term(&self, path: &str, paragraph: u64) -> Term {
        self.key_term(Key::Paragraph(path, paragraph))
    }

    /// The record of one difference, found by its work and, when it has two sides and is
    /// scored high enough to be shown beside a search hit ([`SHOWN_CONFIDENCE`]), by the
    /// claims and paragraphs of both: those keys serve only the `differs` of a hit, which
    /// shows what another account says instead, so a claim only one account makes needs
    /// none, and nor does a difference a hit never shows (most of them: a search would
    /// otherwise read each from the doc store only to drop it). Its passages are stored as
    /// text ranges, not as text.
    pub fn difference_record(&self, work: &str, difference: &Difference) -> TantivyDocument {
        let data = StoredDifference::new(difference).to_bytes();
        let place = Place::of_side(&difference.left);
        let shown = difference.score >= SHOWN_CONFIDENCE;
        let sides = || {
            difference
                .right
                .iter()
                .filter(|_| shown)
                .flat_map(|r| [&difference.left, r])
        };
        // Each side's claim and paragraph keys: its path and at most two numbers each.
        let side_keys: usize = sides()
            .map(|s| 2 * key_bytes(s.path.len() + KEY_NUMBERS_BYTES))
            .sum();
        let keys = key_bytes(DIFFERENCE_KIND.len()) + key_bytes(work.len()) + side_keys;
        let mut d = TantivyDocument::with_capacity(keys + place.bytes() + text_bytes(data.len()));
        self.add_key(&mut d, Key::Kind(DIFFERENCE_KIND));
        self.add_place(&mut d, &place);
        self.add_key(&mut d, Key::Work(work));
        for side in sides() {
            self.add_key(&mut d, Key::Claim(&side.path, side.paragraph, side.claim));
            self.add_key(&mut d, Key::Paragraph(&side.path, side.paragraph));
        }
        d.add_bytes(self.data, &data);
        d
    }

    /// Fills the columns every record fills (see [`Place`]).
    fn add_place(&self, d: &mut TantivyDocument, place: &Place) {
        d.add_text(self.file, place.path);
        d.add_text(self.section, place.section.unwrap_or(NO_SECTION));
        d.add_u64(self.paragraph, place.paragraph);
        d.add_u64(self.claim, place.claim.unwrap_or(NO_CLAIM));
        d.add_u64(self.start, place.start);
        d.add_u64(self.end, place.end);
        d.add_u64(self.line, place.line);
        d.add_u64(self.column, place.column);
    }

    /// Every record of a document, in the order ingest must write them, as one group (so
    /// they land in one segment, in this order): the document record, its text pieces,
    /// then each paragraph's claims followed by the paragraph. Paragraph search relies on
    /// that order (`search::paragraphs`).
    pub fn document_records(&self, doc: &Document, profile: &Profile) -> Vec<TantivyDocument> {
        let mut out = vec![self.document_record(doc, profile)];
        out.extend(self.text_records(doc));
        // Segmentation lists each paragraph before its claims; hold it back until they
        // are written.
        let mut held_back = None;
        for unit in &doc.units {
            if unit.kind == UnitKind::Paragraph {
                out.extend(held_back.replace(unit).map(|p| self.unit_record(doc, p)));
            } else {
                out.push(self.unit_record(doc, unit));
            }
        }
        out.extend(held_back.map(|p| self.unit_record(doc, p)));
        out
    }

    /// The record for one paragraph or claim: where it is, and for a claim its words.
    fn unit_record(&self, doc: &Document, unit: &Unit) -> TantivyDocument {
        let place = Place {
            path: &doc.path,
            section: unit.section.as_deref(),
            paragraph: unit.paragraph.into(),
            claim: unit.claim.map(u64::from),
            start: unit.file.start as u64,
            end: unit.file.end as u64,
            line: unit.line.into(),
            column: unit.column.into(),
        };
        // Where the file is UTF-8 (no BOM), text and file offsets agree and are kept once.
        let text_offsets = unit.text != unit.file;
        let extra = if unit.claim.is_some() {
            text_bytes(place.section.map_or(0, str::len)) + text_bytes(unit.text.len())
        } else {
            0
        } + if text_offsets { 2 * NUMBER_BYTES } else { 0 };
        let mut d = self.record(unit.kind.as_str(), &place, extra);
        if unit.claim.is_some() {
            if let Some(section) = &unit.section {
                d.add_text(self.claim_section, section);
            }
            d.add_text(self.claim_body, doc.unit_text(unit));
        }
        if text_offsets {
            d.add_u64(self.text_start, unit.text.start as u64);
            d.add_u64(self.text_end, unit.text.end as u64);
        }
        d
    }

    /// The per-file record: name, declared work, hash, counts and story profile.
    fn document_record(&self, doc: &Document, profile: &Profile) -> TantivyDocument {
        let data = postcard::to_stdvec(profile).expect("a profile always encodes");
        let texts = [&doc.name, &doc.work, &doc.hash, doc.encoding.as_str()]
            .into_iter()
            .chain(doc.title.as_deref())
            .map(|t| text_bytes(t.len()))
            .sum::<usize>()
            + text_bytes(data.len());
        let mut d = self.record(
            DOCUMENT_KIND,
            &Place::of_file(&doc.path),
            texts + 3 * NUMBER_BYTES,
        );
        d.add_text(self.name, &doc.name);
        d.add_text(self.work, &doc.work);
        d.add_text(self.hash, &doc.hash);
        d.add_text(self.encoding, doc.encoding.as_str());
        d.add_u64(self.bytes, doc.bytes);
        if let Some(title) = &doc.title {
            d.add_text(self.title, title);
        }
        d.add_u64(self.paragraphs, doc.count(UnitKind::Paragraph) as u64);
        d.add_u64(self.claims, doc.count(UnitKind::Claim) as u64);
        d.add_bytes(self.data, &data);
        d
    }

    /// The record of a work: found by its id (as its differences are, so that one delete
    /// removes a work's record and its comparison together), and by each of its documents
    /// (so a hit finds its document's work with one lookup).
    pub fn work_record(&self, work: &StoredWork) -> TantivyDocument {
        let data = work.to_bytes();
        let members: usize = work.documents.iter().map(|d| key_bytes(d.len())).sum();
        let keys = key_bytes(WORK_KIND.len()) + key_bytes(work.id.len()) + members;
        let place = Place::of_file("");
        let mut d = TantivyDocument::with_capacity(keys + place.bytes() + text_bytes(data.len()));
        self.add_key(&mut d, Key::Kind(WORK_KIND));
        self.add_place(&mut d, &place);
        self.add_key(&mut d, Key::Work(&work.id));
        for path in &work.documents {
            self.add_key(&mut d, Key::Member(path));
        }
        d.add_bytes(self.data, &data);
        d
    }

    /// The records holding a document's decoded text, piece by piece.
    fn text_records(&self, doc: &Document) -> Vec<TantivyDocument> {
        let text = doc.text.as_str();
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let i = out.len();
            let end = piece_start(text, (i + 1) * TEXT_PIECE_BYTES);
            let extra = 2 * NUMBER_BYTES + text_bytes(end - start);
            let mut d = self.record(TEXT_KIND, &Place::of_file(&doc.path), extra);
            d.add_u64(self.piece, i as u64);
            d.add_u64(self.text_start, start as u64);
            d.add_text(self.source, &text[start..end]);
            out.push(d);
            start = end;
        }
        out
    }
}

/// Where the text piece holding byte `at` at the latest starts: the last character
/// boundary at or before `at`, or the end of the text.
fn piece_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The text pieces that may hold bytes `range`: piece `i` starts at or up to three bytes
/// before `i * TEXT_PIECE_BYTES`, so position `p` is in piece `p / TEXT_PIECE_BYTES` or in
/// the one after it.
pub fn pieces_for(range: &Range<usize>) -> RangeInclusive<u64> {
    let first = range.start / TEXT_PIECE_BYTES;
    let last = range.end.saturating_sub(1).max(range.start) / TEXT_PIECE_BYTES + 1;
    first as u64..=last as u64
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

/// Where a unit is, as read back from the index.
#[derive(Debug, Clone)]
pub struct StoredUnit {
    pub path: String,
    pub section: Option<String>,
    pub paragraph: u64,
    pub claim: Option<u64>,
    pub line: u64,
    pub column: u64,
    pub start: u64,
    pub end: u64,
    /// Byte range of the unit in its document's decoded text.
    pub text: Range<usize>,
}

/// A segment's fast columns, for reading where units and text pieces are. A column is
/// absent from a segment none of whose records has that field.
pub struct Columns {
    file: Option<StrColumn>,
    section: Option<StrColumn>,
    paragraph: Option<Column<u64>>,
    claim: Option<Column<u64>>,
    start: Option<Column<u64>>,
    end: Option<Column<u64>>,
    line: Option<Column<u64>>,
    column: Option<Column<u64>>,
    text_start: Option<Column<u64>>,
    text_end: Option<Column<u64>>,
    piece: Option<Column<u64>>,
}

impl Columns {
    pub fn open(segment: &SegmentReader) -> tantivy::Result<Columns> {
        let fast = segment.fast_fields();
        Ok(Columns {
            file: fast.str("file")?,
            section: fast.str("section")?,
            paragraph: fast.column_opt("paragraph")?,
            claim: fast.column_opt("claim")?,
            start: fast.column_opt("start")?,
            end: fast.column_opt("end")?,
            line: fast.column_opt("line")?,
            column: fast.column_opt("column")?,
            text_start: fast.column_opt("text_start")?,
            text_end: fast.column_opt("text_end")?,
            piece: fast.column_opt("piece")?,
        })
    }

    fn text(column: &Option<StrColumn>, doc: DocId) -> Option<String> {
        let column = column.as_ref()?;
        let ord = column.term_ords(doc).next()?;
        let mut out = String::new();
        column.ord_to_str(ord, &mut out).ok()?;
        Some(out)
    }

    fn number(column: &Option<Column<u64>>, doc: DocId) -> Option<u64> {
        column.as_ref()?.first(doc)
    }

    /// The path of any record that has one.
    pub fn path(&self, doc: DocId) -> String {
        Self::text(&self.file, doc).unwrap_or_default()
    }

    /// The paths of several records, read in one pass over the path dictionary (read one
    /// at a time, each path costs a dictionary block's decompression).
    pub fn paths(&self, docs: &[DocId]) -> Vec<String> {
        let Some(column) = &self.file else {
            return vec![String::new(); docs.len()];
        };
        let ords: Vec<Option<u64>> = docs.iter().map(|&d| column.term_ords(d).next()).collect();
        let mut sorted: Vec<u64> = ords.iter().flatten().copied().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut texts = Vec::with_capacity(sorted.len());
        // As for a single path, one that cannot be read comes back empty.
        let _ = column
            .dictionary()
            .sorted_ords_to_term_cb(&sorted, |bytes| {
                texts.push(String::from_utf8_lossy(bytes).into_owned())
            });
        ords.iter()
            .map(|ord| {
                ord.and_then(|o| sorted.binary_search(&o).ok())
                    .and_then(|i| texts.get(i).cloned())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// A text piece's number, and where it starts in its document's text.
    pub fn piece(&self, doc: DocId) -> (u64, usize) {
        (
            Self::number(&self.piece, doc).unwrap_or_default(),
            Self::number(&self.text_start, doc).unwrap_or_default() as usize,
        )
    }

    /// Reads a paragraph or claim record.
    pub fn unit(&self, doc: DocId) -> StoredUnit {
        let n = |c: &Option<Column<u64>>| Self::number(c, doc).unwrap_or_default();
        let (start, end) = (n(&self.start), n(&self.end));
        // Absent where the text offsets are the file offsets (see `unit_record`).
        let text_start = Self::number(&self.text_start, doc).unwrap_or(start);
        let text_end = Self::number(&self.text_end, doc).unwrap_or(end);
        StoredUnit {
            path: self.path(doc),
            section: Self::text(&self.section, doc).filter(|s| s != NO_SECTION),
            paragraph: n(&self.paragraph),
            claim: Self::number(&self.claim, doc).filter(|&c| c != NO_CLAIM),
            line: n(&self.line),
            column: n(&self.column),
            start,
            end,
            text: text_start as usize..text_end as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Lookup;
    use tantivy::indexer::UserOperation;
    use tantivy::{Index, IndexWriter};

    /// An index in memory with this schema, and a writer with `threads` indexing threads.
    fn in_ram(threads: usize) -> (Index, Fields, IndexWriter) {
        let (schema, f) = build();
        let index = Index::create_in_ram(schema);
        crate::index::register(&index);
        let writer = index
            .writer_with_num_threads(threads, 15_000_000 * threads)
            .unwrap();
        (index, f, writer)
    }

    /// Only a difference shown beside search hits is keyed by its claims and paragraphs;
    /// every difference is keyed by its work.
    #[test]
    fn only_differences_shown_beside_hits_are_keyed_by_their_claims() {
        use crate::compare::DiffKind;
        let (index, f, mut writer) = in_ram(1);
        let side = |path: &str, claim: u64| Side {
            doc: path.to_owned(),
            path: path.to_owned(),
            section: None,
            paragraph: 1,
            claim,
            line: 1,
            column: 1,
            start: 0,
            end: 5,
            text: "words".to_owned(),
            highlights: Vec::new(),
            text_range: Some((0..5).into()),
        };
        for (claim, score) in [(1, SHOWN_CONFIDENCE - 0.01), (2, SHOWN_CONFIDENCE)] {
            let d = Difference {
                kind: DiffKind::Detail,
                score,
                about: String::new(),
                work: "w".to_owned(),
                left: side("a.txt", claim),
                right: Some(side("b.txt", claim)),
                left_terms: Vec::new(),
                right_terms: Vec::new(),
                shared_terms: Vec::new(),
                evidence: Default::default(),
                head: None,
            };
            writer.add_document(f.difference_record("w", &d)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let records = |t: Term| searcher.doc_freq(&t).unwrap();
        assert_eq!(records(f.align_key_term("a.txt", 1, 1)), 0);
        assert_eq!(records(f.align_key_term("b.txt", 1, 1)), 0);
        assert_eq!(records(f.align_key_term("a.txt", 1, 2)), 1);
        assert_eq!(records(f.align_key_term("b.txt", 1, 2)), 1);
        assert_eq!(records(f.align_paragraph_term("b.txt", 1)), 1);
        assert_eq!(records(f.align_work_term("w")), 2);
    }

    /// The record-order invariant (see the module's documentation), on groups written by two
    /// indexing threads over several commits, with a document replaced, then merged: every
    /// paragraph record comes right after its own claims.
    #[test]
    fn records_keep_their_order_through_threads_and_merges() {
        let (index, f, mut writer) = in_ram(2);
        let document = |i: usize, version: &str| {
            let text = (0..=i % 4)
                .map(|p| format!("Paragraph {p} of {i} ({version}). It has claims. Three, here."))
                .collect::<Vec<_>>()
                .join("\n\n");
            Document::from_bytes(
                format!("d{i}.txt"),
                format!("d{i}.txt"),
                String::new(),
                text.as_bytes(),
            )
            .unwrap()
        };
        for round in 0..3 {
            for i in 0..40 {
                let doc = document(i + 40 * round, "first");
                writer
                    .run(
                        f.document_records(&doc, &Default::default())
                            .into_iter()
                            .map(UserOperation::Add),
                    )
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        writer.delete_term(f.path_term("d7.txt"));
        let doc = document(7, "second");
        writer
            .run(
                f.document_records(&doc, &Default::default())
                    .into_iter()
                    .map(UserOperation::Add),
            )
            .unwrap();
        writer.commit().unwrap();
        let segments = index.searchable_segment_ids().unwrap();
        assert!(segments.len() > 1, "the test needs segments to merge");
        writer.merge(&segments).wait().unwrap();
        writer.wait_merging_threads().unwrap();

        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        let mut lookup = Lookup::new(std::path::PathBuf::new(), searcher, f);
        let kinds = |lookup: &mut Lookup, kind: UnitKind| -> Vec<DocId> {
            lookup
                .find(&[f.kind_term(kind.as_str())])
                .unwrap()
                .iter()
                .map(|a| a.doc_id)
                .collect()
        };
        let paragraphs = kinds(&mut lookup, UnitKind::Paragraph);
        let claims: std::collections::HashSet<DocId> =
            kinds(&mut lookup, UnitKind::Claim).into_iter().collect();
        assert_eq!(paragraphs.len(), (0..120).map(|i| i % 4 + 1).sum::<usize>());
        for &p in &paragraphs {
            let paragraph = lookup.unit(tantivy::DocAddress::new(0, p)).unwrap();
            let mut expected = 3;
            let mut at = p;
            while at > 0 && claims.contains(&(at - 1)) {
                at -= 1;
                let claim = lookup.unit(tantivy::DocAddress::new(0, at)).unwrap();
                assert_eq!(
                    (&claim.path, claim.paragraph),
                    (&paragraph.path, paragraph.paragraph)
                );
                assert_eq!(claim.claim, Some(expected));
                expected -= 1;
            }
            assert_eq!(
                expected, 0,
                "{}: all three claims, right before",
                paragraph.path
            );
        }
    }

    /// Pieces cut on character boundaries, and every position is found in the pieces
    /// `pieces_for` names, whatever characters sit on the boundaries.
    #[test]
    fn every_position_is_in_the_pieces_named_for_it() {
        for filler in ["a", "é", "민", "🎭"] {
            for shift in 0..4 {
                let text = "x".repeat(shift) + &filler.repeat(3 * TEXT_PIECE_BYTES);
                let starts: Vec<usize> = (0..)
                    .map(|i| piece_start(&text, i * TEXT_PIECE_BYTES))
                    .take_while(|&s| s < text.len())
                    .collect();
                for p in (0..text.len()).filter(|&p| text.is_char_boundary(p)) {
                    let piece = starts.iter().rposition(|&s| s <= p).unwrap() as u64;
                    let named = pieces_for(&(p..p + 1));
                    assert!(named.contains(&piece), "{filler} +{shift}: byte {p}");
                }
            }
        }
    }
}

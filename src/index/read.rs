//! Reading records back for one request: units from fast fields, passages from the text
//! pieces, and the stored comparison with its passages filled in.
//!
//! A [`Lookup`] caches what it has read (segment columns, text pieces, document records),
//! so a request that touches the same document many times reads it once.

use std::ops::Range;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use foldhash::{HashMap, HashMapExt};
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, DocSet, Searcher, SegmentOrdinal, TERMINATED, TantivyDocument, TantivyError,
    Term,
};

use super::schema::{
    Columns, DIFFERENCE_KIND, DOCUMENT_KIND, Fields, StoredUnit, TEXT_KIND, WORK_KIND, get_str,
    get_u64, pieces_for,
};
use super::stored::{StoredDifference, StoredWork};
use super::{DocInfo, damaged};
use crate::compare::stories::Profile;
use crate::compare::{Account, Differ, Difference, SHOWN_CONFIDENCE, Side};
use crate::corpus::{Span, UnitKind};
use crate::error::Result;

/// Each segment's fast columns, opened on first use and shared by every lookup on one
/// searcher: opening them reads the segment's column directory, a cost each lookup would
/// otherwise pay again.
pub struct SegmentColumns {
    /// The searcher generation the columns belong to.
    pub generation: u64,
    slots: Vec<OnceLock<Columns>>,
}

impl SegmentColumns {
    /// Empty slots for the segments of `searcher`.
    pub fn of(searcher: &Searcher) -> Arc<SegmentColumns> {
        Arc::new(SegmentColumns {
            generation: searcher.generation().generation_id(),
            slots: searcher
                .segment_readers()
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
        })
    }
}

/// Reads records for one request, caching as it goes.
pub struct Lookup {
    searcher: Searcher,
    fields: Fields,
    dir: PathBuf,
    columns: Arc<SegmentColumns>,
    /// Each document's text pieces by number, listed on first use and read when wanted.
    pieces: HashMap<String, HashMap<u64, Piece>>,
    documents: HashMap<String, Option<Rc<DocInfo>>>,
}

impl Lookup {
    pub fn new(dir: PathBuf, searcher: Searcher, fields: Fields) -> Lookup {
        let columns = SegmentColumns::of(&searcher);
        Lookup::with_columns(dir, searcher, fields, columns)
    }

    /// A lookup that shares `columns`, which must be [`SegmentColumns::of`] `searcher`.
    pub fn with_columns(
        dir: PathBuf,
        searcher: Searcher,
        fields: Fields,
        columns: Arc<SegmentColumns>,
    ) -> Lookup {
        Lookup {
            searcher,
            fields,
            dir,
            columns,
            pieces: HashMap::new(),
            documents: HashMap::new(),
        }
    }

    fn columns(&self, segment: u32) -> Result<&Columns> {
        let slot = &self.columns.slots[segment as usize];
        if let Some(open) = slot.get() {
            return Ok(open);
        }
        let _ = slot.set(Columns::open(self.searcher.segment_reader(segment))?);
        Ok(slot.get().expect("just opened"))
    }

    /// The records that hold every one of `terms`, in index order. A lookup finds a few
    /// records by exact keys, so it reads and intersects the postings itself, which needs no
    /// weights, scorers or collector (measured in docs/performance.md).
    pub(crate) fn find(&self, terms: &[Term]) -> Result<Vec<DocAddress>> {
        let mut found = Vec::new();
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let mut lists = Vec::with_capacity(terms.len());
            for term in terms {
                let postings = segment
                    .inverted_index(term.field())?
                    .read_postings(term, IndexRecordOption::Basic)
                    .map_err(TantivyError::from)?;
                match postings {
                    Some(p) => lists.push(p),
                    None => break,
                }
            }
            if lists.len() < terms.len() {
                continue;
            }
            // The shortest list leads; the others are sought to its documents.
            lists.sort_by_key(|p| p.size_hint());
            let Some((lead, rest)) = lists.split_first_mut() else {
                continue;
            };
            let mut doc = lead.doc();
            'docs: while doc != TERMINATED {
                for other in rest.iter_mut() {
                    // A list may already be past `doc` (it starts at its first document).
                    let at = match other.doc() {
                        behind if behind < doc => other.seek(doc),
                        at => at,
                    };
                    if at != doc {
                        doc = lead.seek(at);
                        continue 'docs;
                    }
                }
                if !segment.is_deleted(doc) {
                    found.push(DocAddress::new(ord as SegmentOrdinal, doc));
                }
                doc = lead.advance();
            }
        }
        Ok(found)
    }

    /// A paragraph or claim record.
    pub fn unit(&mut self, addr: DocAddress) -> Result<StoredUnit> {
        Ok(self.columns(addr.segment_ord)?.unit(addr.doc_id))
    }

    /// Every record of `kind` of the file at `path`, as units, in index order.
    pub fn units_of(&mut self, path: &str, kind: &str) -> Result<Vec<StoredUnit>> {
        let found = self.find(&self.fields.record_terms(path, kind))?;
        found.into_iter().map(|addr| self.unit(addr)).collect()
    }

    /// The document record of every file, sorted by path.
    pub fn documents(&mut self) -> Result<Vec<DocInfo>> {
        self.documents_where(|_| true)
    }

    /// The document records of the files whose path passes `keep`, sorted by path. Only
    /// their records are read: paths come from one pass over the path dictionary.
    pub fn documents_where(&mut self, keep: impl Fn(&str) -> bool) -> Result<Vec<DocInfo>> {
        let found = self.find(&[self.fields.kind_term(DOCUMENT_KIND)])?;
        let mut out = Vec::with_capacity(found.len());
        for in_segment in found.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
            let docs: Vec<DocId> = in_segment.iter().map(|a| a.doc_id).collect();
            let paths = self.columns(in_segment[0].segment_ord)?.paths(&docs);
            for (addr, path) in in_segment.iter().zip(paths) {
                if keep(&path) {
                    out.push(self.document_at(*addr, path)?);
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Every work recorded, sorted by id.
    pub fn works(&mut self) -> Result<Vec<StoredWork>> {
        let found = self.find(&[self.fields.kind_term(WORK_KIND)])?;
        let mut out = found
            .into_iter()
            .map(|addr| self.stored_work(addr))
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// The id of the work the document at `path` belongs to ("" when it is alone): one
    /// lookup of the work record that holds it.
    fn work_id(&mut self, path: &str) -> Result<String> {
        let found = self.find(&[self.fields.work_member_term(path)])?;
        match found.first() {
            Some(&addr) => Ok(self.stored_work(addr)?.id),
            None => Ok(String::new()),
        }
    }

    /// Decodes a work record; one that does not decode means the index is damaged.
    fn stored_work(&self, addr: DocAddress) -> Result<StoredWork> {
        use tantivy::schema::Value;
        let record: TantivyDocument = self.searcher.doc(addr)?;
        let data = record
            .get_first(self.fields.data)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default();
        StoredWork::from_bytes(data).map_err(|e| {
            damaged(
                &self.dir,
                TantivyError::InternalError(format!("work record does not decode: {e}")),
            )
        })
    }

    /// What story grouping needs of every indexed document, passed to `each` one document
    /// at a time (so a caller can keep it compactly): its path, declared work ("" when none)
    /// and story profile.
    pub fn profiles(&mut self, mut each: impl FnMut(String, String, Profile)) -> Result<()> {
        use tantivy::schema::Value;
        let found = self.find(&[self.fields.kind_term(DOCUMENT_KIND)])?;
        for in_segment in found.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
            let docs: Vec<DocId> = in_segment.iter().map(|a| a.doc_id).collect();
            let paths = self.columns(in_segment[0].segment_ord)?.paths(&docs);
            for (addr, path) in in_segment.iter().zip(paths) {
                let d: TantivyDocument = self.searcher.doc(*addr)?;
                let declared = get_str(&d, self.fields.work).unwrap_or_default().to_owned();
                let data = d
                    .get_first(self.fields.data)
                    .and_then(|v| v.as_bytes())
                    .unwrap_or_default();
                let profile = postcard::from_bytes(data).map_err(|e| {
                    damaged(
                        &self.dir,
                        TantivyError::InternalError(format!(
                            "profile of {path} does not decode: {e}"
                        )),
                    )
                })?;
                each(path, declared, profile);
            }
        }
        Ok(())
    }

    /// The document record at `addr`, whose path is `path`.
    fn document_at(&mut self, addr: DocAddress, path: String) -> Result<DocInfo> {
        let d: TantivyDocument = self.searcher.doc(addr)?;
        let work = self.work_id(&path)?;
        let f = &self.fields;
        let s = |field| get_str(&d, field).unwrap_or_default().to_owned();
        let n = |field| get_u64(&d, field).unwrap_or_default();
        Ok(DocInfo {
            path,
            name: s(f.name),
            work,
            declared: s(f.work),
            hash: s(f.hash),
            bytes: n(f.bytes),
            paragraphs: n(f.paragraphs),
            claims: n(f.claims),
        })
    }

    /// The document record of the file at `path`, if it is indexed.
    pub fn document(&mut self, path: &str) -> Result<Option<Rc<DocInfo>>> {
        if let Some(known) = self.documents.get(path) {
            return Ok(known.clone());
        }
        let found = self.find(&self.fields.record_terms(path, DOCUMENT_KIND))?;
        let info = match found.first() {
            Some(addr) => Some(Rc::new(self.document_at(*addr, path.to_owned())?)),
            None => None,
        };
        self.documents.insert(path.to_owned(), info.clone());
        Ok(info)
    }

    /// Bytes `range` of the decoded text of the file at `path` (empty where it has none).
    pub fn text(&mut self, path: &str, range: Range<usize>) -> Result<String> {
        let mut out = String::new();
        for i in pieces_for(&range) {
            let Some((start, text)) = self.piece(path, i)? else {
                continue;
            };
            let from = range.start.max(start);
            let to = range.end.min(start + text.len());
            if from < to {
                out.push_str(text.get(from - start..to - start).unwrap_or_default());
            }
        }
        Ok(out)
    }

    /// The whole decoded text of the file at `path` (empty if there is none).
    pub fn whole_text(&mut self, path: &str) -> Result<String> {
        let mut numbers: Vec<u64> = self.listed_pieces(path)?.keys().copied().collect();
        numbers.sort_unstable();
        let mut out = String::new();
        for i in numbers {
            if let Some((_, text)) = self.piece(path, i)? {
                out.push_str(text);
            }
        }
        Ok(out)
    }

    /// The text pieces of the file at `path` by number, listed by one lookup the first time.
    fn listed_pieces(&mut self, path: &str) -> Result<&mut HashMap<u64, Piece>> {
        if !self.pieces.contains_key(path) {
            let mut listed = HashMap::new();
            for addr in self.find(&self.fields.record_terms(path, TEXT_KIND))? {
                let (i, start) = self.columns(addr.segment_ord)?.piece(addr.doc_id);
                listed.insert(
                    i,
                    Piece {
                        start,
                        addr,
                        text: None,
                    },
                );
            }
            self.pieces.insert(path.to_owned(), listed);
        }
        Ok(self.pieces.get_mut(path).expect("just listed"))
    }

    /// Text piece `i` of the file at `path`, read on first use: where it starts in the
    /// decoded text, and its text. `None` when the file has no such piece.
    fn piece(&mut self, path: &str, i: u64) -> Result<Option<(usize, &str)>> {
        let unread = match self.listed_pieces(path)?.get(&i) {
            None => return Ok(None),
            Some(Piece {
                addr, text: None, ..
            }) => Some(*addr),
            Some(_) => None,
        };
        if let Some(addr) = unread {
            let text = self.stored_text(addr, self.fields.source)?;
            if let Some(piece) = self.listed_pieces(path)?.get_mut(&i) {
                piece.text = Some(text);
            }
        }
        let piece = &self.pieces[path][&i];
        Ok(Some((
            piece.start,
            piece.text.as_deref().unwrap_or_default(),
        )))
    }

    /// Every difference in the index, as stored: [`Lookup::difference`] reads the text
    /// and names of the ones kept.
    pub fn differences(&mut self) -> Result<Vec<StoredDifference>> {
        self.find(&[self.fields.kind_term(DIFFERENCE_KIND)])?
            .into_iter()
            .map(|addr| self.stored_difference(addr))
            .collect()
    }

    /// A stored difference with its passages' text and documents' names.
    pub fn difference(&mut self, stored: StoredDifference) -> Result<Difference> {
        stored.into_difference(self)
    }

    /// The differing counterparts of a claim, or of every claim of a paragraph when `claim`
    /// is `None`, best first, with their text: those scored at least [`SHOWN_CONFIDENCE`].
    pub fn counterparts(
        &mut self,
        path: &str,
        paragraph: u64,
        claim: Option<u64>,
    ) -> Result<Vec<Differ>> {
        let f = &self.fields;
        let term = match claim {
            Some(c) => f.align_key_term(path, paragraph, c),
            None => f.align_paragraph_term(path, paragraph),
        };
        let mut out: Vec<Differ> = Vec::new();
        for addr in self.find(&[term])? {
            let stored = self.stored_difference(addr)?;
            if stored.score() < SHOWN_CONFIDENCE {
                continue;
            }
            let Some(differ) = stored.counterpart(path, paragraph, claim, self)? else {
                continue;
            };
            if out
                .iter()
                .any(|o| (&o.path, o.start) == (&differ.path, differ.start))
            {
                continue;
            }
            out.push(differ);
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| (&a.path, a.start).cmp(&(&b.path, b.start)))
        });
        Ok(out)
    }

    /// The text stored in `field` of a record that stores only text (a text piece); empty
    /// when it has none. Read without building a whole document.
    fn stored_text(&self, addr: DocAddress, field: Field) -> Result<String> {
        let StoredTexts(values) = self.searcher.doc(addr)?;
        let text = values.into_iter().find(|(f, _)| *f == field);
        Ok(text.map(|(_, t)| t).unwrap_or_default())
    }

    /// Decodes a difference record; one that does not decode means the index is damaged.
    ///
    /// Tantivy 0.27 reads a stored bytes value one byte at a time (`BinarySerializable`
    /// for `Vec<u8>`), a cost every `differs` pays; a faster read of bytes values belongs
    /// upstream.
    fn stored_difference(&self, addr: DocAddress) -> Result<StoredDifference> {
        use tantivy::schema::Value;
        let record: TantivyDocument = self.searcher.doc(addr)?;
        let data = record
            .get_first(self.fields.data)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default();
        StoredDifference::from_bytes(data).map_err(|e| {
            damaged(
                &self.dir,
                TantivyError::InternalError(format!("difference record does not decode: {e}")),
            )
        })
    }
}

impl Lookup {
    /// The claims of an indexed document, as comparison takes them.
    pub fn account(&mut self, doc: &DocInfo) -> Result<Account> {
        let source = self.whole_text(&doc.path)?;
        let mut claims: Vec<Side> = self
            .units_of(&doc.path, UnitKind::Claim.as_str())?
            .into_iter()
            .map(|u| Side {
                doc: doc.name.clone(),
                path: u.path,
                section: u.section,
                paragraph: u.paragraph,
                claim: u.claim.unwrap_or_default(),
                line: u.line,
                column: u.column,
                start: u.start,
                end: u.end,
                text: source.get(u.text.clone()).unwrap_or_default().to_owned(),
                highlights: Vec::new(),
                text_range: Some(Span::from(u.text)),
            })
            .collect();
        claims.sort_by_key(|c| (c.paragraph, c.claim));
        Ok(Account {
            path: doc.path.clone(),
            name: doc.name.clone(),
            claims,
        })
    }
}

/// A text piece: where it starts in its document's decoded text, its record, and its text
/// once read.
struct Piece {
    start: usize,
    addr: DocAddress,
    text: Option<String>,
}

/// The stored values of a record that stores only text, by field.
struct StoredTexts(Vec<(Field, String)>);

impl DocumentDeserialize for StoredTexts {
    fn deserialize<'de, D>(mut values: D) -> std::result::Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut out = Vec::with_capacity(values.size_hint());
        while let Some(value) = values.next_field::<String>()? {
            out.push(value);
        }
        Ok(StoredTexts(out))
    }
}

#[cfg(test)]
mod tests {
    use tantivy::indexer::NoMergePolicy;
    use tantivy::{Index, IndexWriter};

    use super::*;
    use crate::index::schema;

    /// Records found by several terms skip what a later commit deleted, though its segment
    /// still holds it; the lists are walked from different first documents.
    #[test]
    fn lookups_skip_deleted_records() {
        let (schema, f) = schema::build();
        let index = Index::create_in_ram(schema);
        crate::index::register(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let record = |kind: &str, path: &str, name: &str| {
            let mut d = f.record(kind, &schema::Place::of_file(path), 0);
            d.add_text(f.name, name);
            d
        };
        writer.add_document(record(TEXT_KIND, "a.txt", "")).unwrap();
        writer
            .add_document(record(DOCUMENT_KIND, "b.txt", "b"))
            .unwrap();
        writer
            .add_document(record(DOCUMENT_KIND, "a.txt", "old"))
            .unwrap();
        writer.commit().unwrap();
        writer.delete_term(f.path_term("a.txt"));
        writer
            .add_document(record(DOCUMENT_KIND, "a.txt", "new"))
            .unwrap();
        writer.commit().unwrap();

        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2, "nothing merged away");
        let mut lookup = Lookup::new(PathBuf::new(), searcher, f);
        let found = lookup
            .find(&f.record_terms("a.txt", DOCUMENT_KIND))
            .unwrap();
        assert_eq!(found, vec![DocAddress::new(1, 0)]);
        assert_eq!(lookup.document("a.txt").unwrap().unwrap().name, "new");
        assert_eq!(lookup.document("b.txt").unwrap().unwrap().name, "b");
        assert!(lookup.document("c.txt").unwrap().is_none());
    }
}

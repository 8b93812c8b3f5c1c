//! Query latency on the shipped corpus, by kind of query, highlights included; and the cost
//! of opening the index. Each bench checks its own answer so a regression that returns
//! nothing cannot look fast.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use rashomon::compare::sources::{CompareOptions, DiffOptions, compare_sources, select};
use rashomon::corpus::{Document, UnitKind};
use rashomon::index::IndexHandle;
use rashomon::index::ingest::{IngestOptions, ingest};
use rashomon::search::{SearchOptions, search};

/// The binary's allocator (`src/main.rs`), chosen by the same feature, so that these
/// figures are the binary's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn shipped_index() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index_dir = dir.path().join("index");
    let opts = IngestOptions {
        index_dir: index_dir.clone(),
        paths: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")],
        rebuild: false,
    };
    ingest(&opts, &mut |_| {}).expect("ingest shipped corpus");
    (dir, index_dir)
}

fn bench_queries(c: &mut Criterion) {
    let (_keep, index_dir) = shipped_index();
    let handle = IndexHandle::open(&index_dir).expect("open index");
    // (name, query, unit, expected hit count with limit 10)
    let cases = [
        ("term", "choi", UnitKind::Claim, 10),
        ("terms", "chef choi", UnitKind::Claim, 10),
        ("phrase", "\"pool of blood\"", UnitKind::Claim, 1),
        ("fuzzy", "Lamborgini", UnitKind::Claim, 2),
        ("paragraph_terms", "kill choi", UnitKind::Paragraph, 10),
    ];
    let mut group = c.benchmark_group("search");
    for (name, query, unit, expected) in cases {
        let opts = SearchOptions {
            query: query.to_owned(),
            unit,
            limit: 10,
            docs: Vec::new(),
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let hits = search(&handle, black_box(&opts)).expect("search");
                assert_eq!(hits.len(), expected, "{query}");
                hits
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("compare");
    let diff = DiffOptions {
        docs: Vec::new(),
        kind: None,
        min_score: 0.0,
        limit: 20,
    };
    group.bench_function("diff_top20", |b| {
        b.iter(|| {
            let diffs = select(&handle, black_box(&diff)).expect("diff");
            assert_eq!(diffs.len(), 20);
            diffs
        })
    });
    let compare = CompareOptions {
        query: "how did Min-hee die".to_owned(),
        per_source: 3,
        docs: Vec::new(),
    };
    group.bench_function("compare_min_hee", |b| {
        b.iter(|| {
            let c = compare_sources(&handle, black_box(&compare)).expect("compare");
            assert_eq!(c.sources.len(), 2);
            assert!(c.differences[0].left.text.contains("bathtub"));
            c
        })
    });
    group.finish();

    c.bench_function("open_index", |b| {
        b.iter(|| IndexHandle::open(black_box(&index_dir)).expect("open"))
    });
}

/// The same paragraphs in a plain tantivy index (English stemming, text stored), queried
/// with tantivy's QueryParser and highlighted with its default SnippetGenerator: the peer
/// that `search/paragraph_terms` is measured against.
fn plain_tantivy_index() -> tantivy::Index {
    use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
    let mut schema = Schema::builder();
    let text = schema.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer("en_stem"))
            .set_stored(),
    );
    let schema = schema.build();
    let index = tantivy::Index::create_in_ram(schema);
    let mut writer: tantivy::IndexWriter = index.writer(50_000_000).expect("writer");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(corpus).expect("corpus") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = Document::from_bytes(name.clone(), name, String::new(), &bytes).expect("text");
        for unit in doc.units.iter().filter(|u| u.kind == UnitKind::Paragraph) {
            writer
                .add_document(tantivy::doc!(text => doc.unit_text(unit)))
                .expect("add");
        }
    }
    writer.commit().expect("commit");
    index
}

fn bench_peer(c: &mut Criterion) {
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::snippet::SnippetGenerator;

    let index = plain_tantivy_index();
    let text = index.schema().get_field("text").expect("field");
    let searcher = index.reader().expect("reader").searcher();
    let parser = QueryParser::for_index(&index, vec![text]);
    let mut group = c.benchmark_group("peer");
    group.bench_function("tantivy_snippets_paragraph_terms", |b| {
        b.iter(|| {
            let query = parser.parse_query(black_box("kill choi")).expect("parse");
            let top = searcher
                .search(&query, &TopDocs::with_limit(10).order_by_score())
                .expect("search");
            let generator = SnippetGenerator::create(&searcher, &*query, text).expect("snippets");
            let snippets: Vec<String> = top
                .iter()
                .map(|(_, addr)| {
                    let doc: tantivy::TantivyDocument = searcher.doc(*addr).expect("doc");
                    generator.snippet_from_doc(&doc).to_html()
                })
                .collect();
            assert_eq!(snippets.len(), 10);
            snippets
        })
    });
    group.finish();
}

criterion_group!(benches, bench_queries, bench_peer);
criterion_main!(benches);

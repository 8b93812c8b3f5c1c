//! Query latency on the shipped corpus, by kind of query, highlights included; and the cost
//! of opening the index. Each bench checks its own answer so a regression that returns
//! nothing cannot look fast.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use rashomon::compare::sources::{CompareOptions, DiffOptions, compare_sources, select};
use rashomon::corpus::UnitKind;
use rashomon::index::IndexHandle;
use rashomon::index::ingest::{IngestOptions, ingest};
use rashomon::search::{SearchOptions, search};

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

criterion_group!(benches, bench_queries);
criterion_main!(benches);

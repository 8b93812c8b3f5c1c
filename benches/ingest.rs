//! Ingest throughput, and the share of it that comparison (aligning the accounts of each
//! work) takes. Runs on the shipped corpus and on a generated corpus (40 works of three
//! accounts, `rashomon::corpus::generate`). Each bench checks its own answer.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rashomon::compare::{Account, align_work};
use rashomon::corpus::Document;
use rashomon::corpus::generate::{GenerateOptions, generate};
use rashomon::index::ingest::{IngestOptions, ingest};

/// The binary's allocator (`src/main.rs`), chosen by the same feature, so that these
/// figures are the binary's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn shipped() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn bench_ingest(c: &mut Criterion) {
    let generated = tempfile::tempdir().unwrap();
    let made = generate(
        generated.path(),
        &GenerateOptions {
            claims: 7_200,
            ..GenerateOptions::default()
        },
    )
    .unwrap();
    assert_eq!((made.works, made.documents), (40, 120));
    let generated_bytes = made.bytes;
    let shipped_bytes: u64 = std::fs::read_dir(shipped())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();

    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    for (name, corpus, bytes, documents) in [
        ("shipped", shipped(), shipped_bytes, 2),
        (
            "generated_40x3",
            generated.path().to_path_buf(),
            generated_bytes,
            120,
        ),
    ] {
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(name, |b| {
            b.iter_batched(
                || tempfile::tempdir().unwrap(),
                |dir| {
                    let opts = IngestOptions {
                        index_dir: dir.path().join("index"),
                        paths: vec![corpus.clone()],
                        rebuild: false,
                    };
                    let summary = ingest(&opts, &mut |_| {}).unwrap();
                    assert_eq!(summary.totals.documents, documents);
                    dir
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();

    // Comparison alone, on the same text: compare its time with the ingest above.
    let mut group = c.benchmark_group("align");
    let load = |path: &Path| {
        let bytes = std::fs::read(path).unwrap();
        let name = path.to_string_lossy().into_owned();
        Account::from_document(
            &Document::from_bytes(name.clone(), name, String::new(), &bytes).unwrap(),
        )
    };
    let shipped_accounts: Vec<Account> = ["000_8bf98b6dfac8ce34.txt", "003_224a62d9c3892ef0.txt"]
        .iter()
        .map(|f| load(&shipped().join(f)))
        .collect();
    group.throughput(Throughput::Bytes(shipped_bytes));
    group.bench_function("shipped", |b| {
        b.iter(|| {
            let alignment = align_work("corpus", black_box(&shipped_accounts));
            assert!(alignment.differences.len() > 50);
            alignment
        })
    });
    // The generated works are its folders, and their accounts the files in them.
    let sorted = |dir: &Path| {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        entries
    };
    let works: Vec<Vec<Account>> = sorted(generated.path())
        .iter()
        .map(|work| sorted(work).iter().map(|file| load(file)).collect())
        .collect();
    assert_eq!(works.len(), 40);
    assert!(works.iter().all(|accounts| accounts.len() == 3));
    group.throughput(Throughput::Bytes(generated_bytes));
    group.bench_function("generated_40x3", |b| {
        b.iter(|| {
            let found: usize = works
                .iter()
                .map(|accounts| align_work("w", black_box(accounts)).differences.len())
                .sum();
            assert!(found > 0);
            found
        })
    });
    group.finish();
}

criterion_group!(benches, bench_ingest);
criterion_main!(benches);

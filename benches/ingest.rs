//! Ingest throughput, and the share of it that comparison (aligning the accounts of each
//! work) takes. Runs on the shipped corpus and on a generated corpus of many works with
//! three accounts each. Each bench checks its own answer.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rashomon::compare::{Account, align_work};
use rashomon::corpus::Document;
use rashomon::index::ingest::{IngestOptions, ingest};

fn shipped() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A tiny deterministic generator (no external randomness): recap-like sentences about a
/// few named characters, where each account of a work varies some places and objects.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const NAMES: &[&str] = &[
    "Detective Park",
    "Ellen Ward",
    "Captain Rhee",
    "Min-ji",
    "Officer Han",
    "Doctor Seo",
];
const VERBS: &[&str] = &[
    "finds",
    "hides",
    "follows",
    "meets",
    "questions",
    "warns",
    "chases",
    "leaves",
];
const THINGS: &[&str] = &[
    "the knife",
    "a letter",
    "the gold",
    "a diary",
    "the car keys",
    "a photograph",
];
const PLACES: &[&str] = &[
    "in the garden",
    "by the river",
    "in the cellar",
    "at the harbour",
    "on the roof",
    "in a hotel",
];
/// Where an account tells a place differently: specific words the others rarely use.
const OTHER_PLACES: &[&str] = &[
    "in a lighthouse",
    "under the pier",
    "behind the chapel",
    "inside a greenhouse",
    "at the racetrack",
    "beside the aquarium",
    "near the observatory",
    "in the vineyard",
];

fn generate(dir: &Path, works: usize, accounts: usize, sentences: usize) -> u64 {
    let mut rng = Lcg(42);
    let mut bytes = 0;
    for w in 0..works {
        let story: Vec<(usize, usize, usize, usize)> = (0..sentences)
            .map(|_| {
                (
                    rng.next(NAMES.len()),
                    rng.next(VERBS.len()),
                    rng.next(THINGS.len()),
                    rng.next(PLACES.len()),
                )
            })
            .collect();
        for a in 0..accounts {
            let mut text = format!("Recap {a} of story {w}\n\n");
            for (i, &(n, v, t, p)) in story.iter().enumerate() {
                let place = if rng.next(8) == 0 {
                    OTHER_PLACES[rng.next(OTHER_PLACES.len())]
                } else {
                    PLACES[p]
                };
                text.push_str(&format!(
                    "{} {} {} {}. ",
                    NAMES[n], VERBS[v], THINGS[t], place
                ));
                if i % 6 == 5 {
                    text.push_str("\n\n");
                }
            }
            let path = dir.join(format!("work{w:03}/account{a}.txt"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            bytes += text.len() as u64;
        }
    }
    bytes
}

fn bench_ingest(c: &mut Criterion) {
    let generated = tempfile::tempdir().unwrap();
    let generated_bytes = generate(generated.path(), 40, 3, 60);
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
    let works: Vec<Vec<Account>> = (0..40)
        .map(|w| {
            (0..3)
                .map(|a| load(&generated.path().join(format!("work{w:03}/account{a}.txt"))))
                .collect()
        })
        .collect();
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

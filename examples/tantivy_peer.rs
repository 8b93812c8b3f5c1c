//! Plain tantivy as an ingest peer: indexes the paragraphs that `scripts/peers.py` loads
//! into SQLite FTS5 (each `.txt` and `.md` file split at blank lines), with tantivy's own
//! English analyzer (`en_stem`), the text stored, and a writer set up as tantivy's own
//! examples set one up (a 50 MB budget, one indexing thread per core). It shows what
//! tantivy itself costs in time and bytes, with no second granularity and no comparison;
//! `peers.py` times it when it is built.
//!
//! cargo build --release --example tantivy_peer
//! cargo run --release --example tantivy_peer -- CORPUS_DIR INDEX_DIR

use std::path::{Path, PathBuf};

use tantivy::schema::{IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, TantivyDocument, doc};

/// The writer budget of tantivy's examples (`examples/basic_search.rs`).
const WRITER_BUDGET: usize = 50_000_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, index_dir] = args.as_slice() else {
        eprintln!("usage: tantivy_peer CORPUS_DIR INDEX_DIR");
        std::process::exit(2);
    };
    if let Err(e) = run(Path::new(corpus), Path::new(index_dir)) {
        eprintln!("tantivy_peer: {e}");
        std::process::exit(2);
    }
}

fn run(corpus: &Path, index_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut schema = Schema::builder();
    let doc_field = schema.add_text_field("doc", STORED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("en_stem")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text_field = schema.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(indexing)
            .set_stored(),
    );
    std::fs::create_dir_all(index_dir)?;
    let index = Index::create_in_dir(index_dir, schema.build())?;
    let mut writer = index.writer::<TantivyDocument>(WRITER_BUDGET)?;
    for path in files(corpus)? {
        let text = String::from_utf8_lossy(&std::fs::read(&path)?).into_owned();
        let name = path.strip_prefix(corpus)?.to_string_lossy().into_owned();
        for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
            writer.add_document(doc!(doc_field => name.as_str(), text_field => block))?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// The `.txt` and `.md` files under `dir`, in path order.
fn files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

//! Prints what an index's bytes are made of: the doc store, and per field its term
//! dictionary, postings, positions, fast column and length norms (tantivy's space usage).
//!
//! cargo run --release --example index_space -- INDEX_DIR

use std::collections::BTreeMap;

fn main() -> tantivy::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: index_space INDEX_DIR");
        std::process::exit(2);
    };
    let index = tantivy::Index::open_in_dir(&dir)?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let mut parts: BTreeMap<(String, &str), u64> = BTreeMap::new();
    let mut store = 0;
    for segment in usage.segments() {
        store += segment.store().total().get_bytes();
        let per_field = [
            ("terms", segment.termdict()),
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("fast", segment.fast_fields()),
            ("norms", segment.fieldnorms()),
        ];
        for (part, fields) in per_field {
            for field in fields.fields() {
                let key = (field.field_name().to_owned(), part);
                *parts.entry(key).or_default() += field.total().get_bytes();
            }
        }
    }
    println!("{:<28} {:>10}", "total", usage.total().get_bytes());
    println!("{:<28} {:>10}", "doc store", store);
    for ((field, part), bytes) in parts {
        if bytes > 0 {
            println!("{:<28} {bytes:>10}", format!("{field} {part}"));
        }
    }
    Ok(())
}

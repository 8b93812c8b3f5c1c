//! Writes a reproducible recap-like corpus for scale measurements.
//!
//! cargo run --release --example scale_corpus -- OUT_DIR CLAIMS [SEED]

use rashomon::corpus::generate::{GenerateOptions, generate};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(claims)) = (args.first(), args.get(1).and_then(|c| c.parse().ok())) else {
        eprintln!("usage: scale_corpus OUT_DIR CLAIMS [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let made = generate(
        std::path::Path::new(out),
        &GenerateOptions {
            claims,
            seed,
            ..GenerateOptions::default()
        },
    )?;
    println!(
        "{} works, {} documents, {} claims, {} bytes in {out}",
        made.works, made.documents, made.claims, made.bytes
    );
    Ok(())
}

//! Writes a reproducible recap-like corpus for scale measurements.
//!
//! cargo run --release --example scale_corpus -- OUT_DIR CLAIMS [SEED [CLAIMS_PER_ACCOUNT]]

use rashomon::corpus::generate::{GenerateOptions, generate};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(claims)) = (args.first(), args.get(1).and_then(|c| c.parse().ok())) else {
        eprintln!("usage: scale_corpus OUT_DIR CLAIMS [SEED [CLAIMS_PER_ACCOUNT]]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let per_account = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(GenerateOptions::default().claims_per_account);
    let made = generate(
        std::path::Path::new(out),
        &GenerateOptions {
            claims,
            seed,
            claims_per_account: per_account,
            ..GenerateOptions::default()
        },
    )?;
    println!(
        "{} works, {} documents, {} claims, {} bytes in {out}",
        made.works, made.documents, made.claims, made.bytes
    );
    Ok(())
}

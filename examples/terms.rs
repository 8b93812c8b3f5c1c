//! Prints the term rashomon's analyzer makes of each word read from standard input, one
//! line each (an empty line when the word makes no single term: a stop word, or several).
//! The scripts that build data/'s word tables key them by these terms (`scripts/terms.py`),
//! so that the tables and the index see words through the one analyzer.
//!
//! cargo run --release --example terms < words.txt

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let mut analyzer = rashomon::analysis::analyzer();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        match rashomon::analysis::tokens(&mut analyzer, line.trim()).as_slice() {
            [one] if !rashomon::analysis::is_stop_word(&one.text) => writeln!(out, "{}", one.text)?,
            _ => writeln!(out)?,
        }
    }
    out.flush()
}

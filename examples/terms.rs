//! Prints the term rashomon's analyzer makes of each word read from standard input, one
//! line each (an empty line when the word makes no single term: a stop word, or several).
//! The scripts that build data/'s word tables key them by these terms (`scripts/terms.py`),
//! so that the tables and the index see words through the one analyzer.
//!
//! With `--all`, each line is every term the analyzer makes of the input line, stop words
//! included, separated by spaces (`scripts/background.py`).
//!
//! cargo run --release --example terms [-- --all] < words.txt

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let all = std::env::args().any(|a| a == "--all");
    let mut analyzer = rashomon::analysis::analyzer();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let tokens = rashomon::analysis::tokens(&mut analyzer, line.trim());
        if all {
            let terms: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
            writeln!(out, "{}", terms.join(" "))?;
            continue;
        }
        match tokens.as_slice() {
            [one] if !rashomon::analysis::is_stop_word(&one.text) => writeln!(out, "{}", one.text)?,
            _ => writeln!(out)?,
        }
    }
    out.flush()
}

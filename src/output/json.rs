//! JSON Lines: one object per hit. The format is documented in the README and pinned by
//! `tests/json.rs`.

use std::io::{self, Write};

use serde::Serialize;

/// Writes each item as one line of JSON.
pub fn write_lines<T: Serialize>(w: &mut dyn Write, items: &[T]) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *w, item)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

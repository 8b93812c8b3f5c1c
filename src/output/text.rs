//! Human-readable hits, after ripgrep: `path:line:col`, the section heading, then the
//! passage (or its fragments) with matches highlighted when colour is on.

use crate::compare::stories::Listed;
use std::io::{self, Write};

use super::diff::{DiffTextOptions, write_differences};
use super::style;
use crate::bench::{QueryStats, Summary};
use crate::compare::sources::Comparison;
use crate::corpus::Span;
use crate::search::Hit;

/// A count and its noun, singular for one: `1 claim`, `2 claims`. The plural is the noun
/// with an `s` unless given ([`Count::plural`]).
#[derive(Debug, Clone, Copy)]
pub struct Count<'a> {
    n: u64,
    one: &'a str,
    many: Option<&'a str>,
}

impl<'a> Count<'a> {
    pub fn new(n: impl TryInto<u64>, one: &'a str) -> Count<'a> {
        let n = n.try_into().unwrap_or(u64::MAX);
        Count { n, one, many: None }
    }

    /// The plural, where it is not `one` with an `s`.
    pub fn plural(self, many: &'a str) -> Count<'a> {
        Count {
            many: Some(many),
            ..self
        }
    }
}

impl std::fmt::Display for Count<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.n, self.many) {
            (1, _) => write!(f, "1 {}", self.one),
            (n, Some(many)) => write!(f, "{n} {many}"),
            (n, None) => write!(f, "{n} {}s", self.one),
        }
    }
}

/// Text printer settings.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    pub color: bool,
}

impl TextOptions {
    /// `s` in the colour `code` when colour is on.
    fn paint(self, code: &str, s: &str) -> String {
        match self.color {
            true => format!("{code}{s}{}", style::RESET),
            false => s.to_owned(),
        }
    }
}

/// Writes hits, separated by blank lines.
pub fn write_hits(w: &mut dyn Write, hits: &[Hit], opts: TextOptions) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        write_hit(w, hit, opts)?;
    }
    Ok(())
}

fn write_hit(w: &mut dyn Write, hit: &Hit, opts: TextOptions) -> io::Result<()> {
    let paint = |code: &str, s: &str| opts.paint(code, s);
    write!(
        w,
        "{}:{}:{}",
        paint(style::PATH, &hit.path),
        paint(style::LINE, &hit.line.to_string()),
        paint(style::LINE, &hit.column.to_string())
    )?;
    if let Some(section) = &hit.section {
        write!(w, "  ")?;
        write_marked(
            w,
            section,
            &[section_span(section)],
            &hit.section_highlights,
            opts,
            style::SECTION,
        )?;
    }
    let place = match hit.claim {
        Some(c) => format!("¶{} claim {}", hit.paragraph, c),
        None => format!("¶{}", hit.paragraph),
    };
    // A passage `compare` brought in because another source's answer aligns with it has
    // no rank and no score of its own.
    let why = if hit.rank == 0 {
        "aligned with another source's answer".to_owned()
    } else {
        format!("score {:.2}", hit.score)
    };
    writeln!(w, "  {}", paint(style::DIM, &format!("[{place}, {why}]")))?;
    let text = &hit.text;
    for frag in &hit.fragments {
        if frag.start > 0 {
            write!(w, "… ")?;
        }
        write_marked(w, text, &[*frag], &hit.highlights, opts, "")?;
        if frag.end < text.len() {
            write!(w, " …")?;
        }
        writeln!(w)?;
    }
    for d in &hit.differs {
        let mark = paint(style::DIFFER, "≠");
        let place = paint(style::PATH, &format!("{}:{}", d.doc, d.line));
        let theirs = d.their_terms.first().map_or("(nothing)", String::as_str);
        let these = d.these_terms.first().map_or("(nothing)", String::as_str);
        writeln!(
            w,
            "{mark} {place}  {} ↔ {}",
            paint(style::MATCH, theirs),
            these
        )?;
    }
    Ok(())
}

/// Writes `bench` results: one row per query, then the overall figures.
/// Each work with how it was found and its documents, then the documents alone.
pub fn write_works(w: &mut dyn Write, listed: &[Listed], opts: TextOptions) -> io::Result<()> {
    let paint = |code: &str, s: &str| opts.paint(code, s);
    let alone: Vec<&Listed> = listed.iter().filter(|l| l.work.is_none()).collect();
    for l in listed {
        let Some(id) = &l.work else { continue };
        let how = match (&l.name, l.shared.is_empty()) {
            (Some(name), _) => format!("declared: {name}"),
            (None, false) => format!("inferred: they share {}", l.shared.join(", ")),
            (None, true) => "inferred".to_owned(),
        };
        writeln!(
            w,
            "{}  {}  ({how})",
            paint(style::PATH, id),
            Count::new(l.documents.len(), "document")
        )?;
        for d in &l.documents {
            writeln!(w, "  {d}")?;
        }
    }
    if !alone.is_empty() {
        writeln!(
            w,
            "{}: {} telling a story no other document tells (compared with none)",
            paint(style::PATH, "alone"),
            Count::new(alone.len(), "document")
        )?;
        for l in alone {
            for d in &l.documents {
                writeln!(w, "  {d}")?;
            }
        }
    }
    Ok(())
}

pub fn write_bench(w: &mut dyn Write, per_query: &[QueryStats], s: &Summary) -> io::Result<()> {
    writeln!(
        w,
        "{:>10} {:>10} {:>10} {:>10} {:>9} {:>5}  query",
        "p50 µs", "p95 µs", "p99 µs", "max µs", "qps", "hits"
    )?;
    for q in per_query {
        writeln!(
            w,
            "{:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>9.0} {:>5}  {}",
            q.p50_us, q.p95_us, q.p99_us, q.max_us, q.qps, q.hits, q.query
        )?;
    }
    writeln!(
        w,
        "{:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>9.0} {:>5}  all {} × {}",
        s.p50_us,
        s.p95_us,
        s.p99_us,
        s.max_us,
        s.qps,
        "",
        Count::new(s.queries, "query").plural("queries"),
        Count::new(s.iterations, "run")
    )?;
    writeln!(
        w,
        "index: {}, {} searched, {}, {}",
        Count::new(s.documents, "document"),
        Count::new(s.units, "unit"),
        Count::new(s.segments, "segment"),
        Count::new(s.index_bytes, "byte")
    )
}

/// Writes a comparison: each source with its passages, then where they differ.
pub fn write_comparison(
    w: &mut dyn Write,
    c: &Comparison,
    opts: TextOptions,
    diff_opts: DiffTextOptions,
) -> io::Result<()> {
    for (i, source) in c.sources.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        let title = match (source.addresses, source.passages.len()) {
            (true, n) => format!("== {} ({})", source.path, Count::new(n, "passage")),
            (false, 0) => format!("== {} (does not address this)", source.path),
            (false, n) => format!(
                "== {} ({n} passages aligned with the others' answers; none of its own matches)",
                source.path
            ),
        };
        if opts.color {
            writeln!(w, "{}{title}{}", style::SECTION, style::RESET)?;
        } else {
            writeln!(w, "{title}")?;
        }
        write_hits(w, &source.passages, opts)?;
    }
    if !c.differences.is_empty() {
        writeln!(w, "\n== Where they differ")?;
        write_differences(w, &c.differences, diff_opts)?;
    }
    Ok(())
}

fn section_span(s: &str) -> Span {
    Span {
        start: 0,
        end: s.len(),
    }
}

/// Writes `text` within `within`, painting the `marks` and the rest in `base` style.
/// Line breaks inside a passage print as spaces, so each fragment stays on one line.
fn write_marked(
    w: &mut dyn Write,
    text: &str,
    within: &[Span],
    marks: &[Span],
    opts: TextOptions,
    base: &str,
) -> io::Result<()> {
    for range in within {
        let mut pos = range.start;
        let marks_here = marks
            .iter()
            .filter(|m| m.start >= range.start && m.end <= range.end);
        for m in marks_here {
            write_plain(w, &text[pos..m.start], opts, base)?;
            write_plain(w, &text[m.start..m.end], opts, style::MATCH)?;
            pos = m.end;
        }
        write_plain(w, &text[pos..range.end], opts, base)?;
    }
    Ok(())
}

fn write_plain(w: &mut dyn Write, s: &str, opts: TextOptions, code: &str) -> io::Result<()> {
    if s.is_empty() {
        return Ok(());
    }
    let flat = s.replace("\r\n", " ").replace(['\n', '\r'], " ");
    if opts.color && !code.is_empty() {
        write!(w, "{code}{flat}{}", style::RESET)
    } else {
        write!(w, "{flat}")
    }
}

#[cfg(test)]
mod tests {
    use super::Count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(Count::new(1u64, "claim").to_string(), "1 claim");
        assert_eq!(Count::new(0u64, "claim").to_string(), "0 claims");
        assert_eq!(Count::new(2usize, "work").to_string(), "2 works");
        let queries = |n: u64| Count::new(n, "query").plural("queries").to_string();
        assert_eq!(
            (queries(1), queries(3)),
            ("1 query".into(), "3 queries".into())
        );
    }
}

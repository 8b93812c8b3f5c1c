//! Differences side by side, like a word diff: shared words plain, differing words
//! highlighted (red on the left, green on the right; `[-…-]` and `{+…+}` without colour,
//! as `git diff --word-diff=plain` writes them).

use std::io::{self, Write};

use super::style;
use crate::compare::{Difference, Side};
use crate::corpus::Span;

/// Settings for the side-by-side printer.
#[derive(Debug, Clone, Copy)]
pub struct DiffTextOptions {
    pub color: bool,
    /// Total width in columns.
    pub width: usize,
}

const GAP: &str = " │ ";
const LEFT_MARK: (&str, &str) = ("[-", "-]");
const RIGHT_MARK: (&str, &str) = ("{+", "+}");
const LEFT_COLOR: &str = "\x1b[1;31m";
const RIGHT_COLOR: &str = "\x1b[1;32m";

/// Writes each difference as a header line and two columns.
pub fn write_differences(
    w: &mut dyn Write,
    diffs: &[Difference],
    opts: DiffTextOptions,
) -> io::Result<()> {
    let column = opts.width.saturating_sub(GAP.chars().count()).max(40) / 2;
    for (i, d) in diffs.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        // A pair one side of which says nothing there still has a counterpart:
        // `(nothing)` on that side, as beside search hits; a claim no other account has
        // is `(only here)`.
        let summary = match (d.left_terms.first(), d.right_terms.first(), &d.right) {
            (Some(l), Some(r), _) => format!("{l} ↔ {r}"),
            (Some(l), None, None) => format!("{l} (only here)"),
            (Some(l), None, Some(_)) => format!("{l} ↔ (nothing)"),
            (None, Some(r), _) => format!("(nothing) ↔ {r}"),
            (None, None, _) => String::new(),
        };
        let head = match d.about.as_str() {
            "" => format!("#{} {} {:.2}", i + 1, d.kind.as_str(), d.score),
            about => format!("#{} {} {:.2} ({about})", i + 1, d.kind.as_str(), d.score),
        };
        let gap = if summary.is_empty() { "" } else { "  " };
        if opts.color {
            writeln!(w, "{}{head}{}{gap}{summary}", style::SECTION, style::RESET)?;
        } else {
            writeln!(w, "{head}{gap}{summary}")?;
        }
        let left = render_side(&d.left, column, LEFT_MARK, LEFT_COLOR, opts.color);
        let right = match &d.right {
            Some(r) => render_side(r, column, RIGHT_MARK, RIGHT_COLOR, opts.color),
            None => vec![("(no counterpart in the other accounts)".to_owned(), 0)],
        };
        for row in 0..left.len().max(right.len()) {
            let (l, lw) = left.get(row).cloned().unwrap_or_default();
            let (r, _) = right.get(row).cloned().unwrap_or_default();
            let visible = if row < left.len() { lw } else { 0 };
            let pad = " ".repeat(column.saturating_sub(visible));
            writeln!(w, "{l}{pad}{GAP}{r}")?;
        }
    }
    Ok(())
}

/// The lines of one side: its location, its section, then its text wrapped to `width`.
/// Each line comes with its visible width (escape codes do not count).
fn render_side(
    side: &Side,
    width: usize,
    marks: (&str, &str),
    color_code: &str,
    color: bool,
) -> Vec<(String, usize)> {
    let place = format!("{}:{}:{}", side.path, side.line, side.column);
    let mut out = vec![(place.clone(), place.chars().count())];
    if let Some(section) = &side.section {
        let s: String = section.chars().take(width).collect();
        let n = s.chars().count();
        out.push((s, n));
    }
    let marker_width = if color { 0 } else { marks.0.len() };
    for line in wrap(&side.text, &side.highlights, width, marker_width) {
        out.push(render_line(&line, marks, color_code, color));
    }
    out
}

/// A wrapped line: characters and whether each is highlighted.
type Line = Vec<(char, bool)>;

/// Wraps text at word boundaries to `width` visible columns, counting `marker` columns for
/// each opening and closing mark; line breaks in the text become spaces, and a space
/// between two highlighted words is highlighted too, so a phrase stays one mark.
fn wrap(text: &str, highlights: &[Span], width: usize, marker: usize) -> Vec<Line> {
    let marked = |i: usize| highlights.iter().any(|h| h.start <= i && i < h.end);
    let mut words: Vec<Line> = Vec::new();
    let mut current: Line = Vec::new();
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else {
            current.push((c, marked(i)));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Line = Vec::new();
    for word in words {
        let mut joined = line.clone();
        joined.push((' ', false));
        joined.extend(word.iter().copied());
        if !line.is_empty() && visible_width(&joined, marker) > width.max(10) {
            lines.push(std::mem::take(&mut line));
        }
        if let (Some(&(_, prev)), Some(&(_, next))) = (line.last(), word.first()) {
            line.push((' ', prev && next));
        }
        line.extend(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Columns a line takes once rendered: its characters plus a marker per mark boundary.
fn visible_width(line: &Line, marker: usize) -> usize {
    let boundaries = line.windows(2).filter(|p| p[0].1 != p[1].1).count()
        + usize::from(line.first().is_some_and(|c| c.1))
        + usize::from(line.last().is_some_and(|c| c.1));
    line.len() + boundaries * marker
}

fn render_line(
    line: &Line,
    (open, close): (&str, &str),
    color_code: &str,
    color: bool,
) -> (String, usize) {
    let (open, close) = if color {
        (color_code, style::RESET)
    } else {
        (open, close)
    };
    let mut out = String::new();
    let mut visible = 0;
    let mut inside = false;
    for &(c, marked) in line {
        if marked != inside {
            out.push_str(if marked { open } else { close });
            if !color {
                visible += 2;
            }
            inside = marked;
        }
        out.push(c);
        visible += 1;
    }
    if inside {
        out.push_str(close);
        if !color {
            visible += 2;
        }
    }
    (out, visible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_says_which_side_says_nothing_there() {
        let side = |text: &str| Side {
            doc: "a".to_owned(),
            path: "a.txt".to_owned(),
            section: None,
            paragraph: 1,
            claim: 1,
            line: 1,
            column: 1,
            start: 0,
            end: text.len() as u64,
            text: text.to_owned(),
            highlights: Vec::new(),
            text_range: None,
        };
        let one_sided = |right: Option<Side>, left_terms: &[&str], right_terms: &[&str]| {
            let d = Difference {
                kind: crate::compare::DiffKind::Detail,
                score: 0.3,
                about: String::new(),
                work: "w".to_owned(),
                left: side("Ok-ju is about to kill Myung-shik."),
                right,
                left_terms: left_terms.iter().map(|t| t.to_string()).collect(),
                right_terms: right_terms.iter().map(|t| t.to_string()).collect(),
                shared_terms: Vec::new(),
                evidence: Default::default(),
                head: None,
            };
            let mut out = Vec::new();
            let opts = DiffTextOptions {
                color: false,
                width: 80,
            };
            write_differences(&mut out, &[d], opts).unwrap();
            String::from_utf8(out)
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_owned()
        };
        let lab = Some(side("She finishes off the men in the lab."));
        assert_eq!(
            one_sided(lab.clone(), &[], &["lab"]),
            "#1 detail 0.30  (nothing) ↔ lab"
        );
        assert_eq!(
            one_sided(lab, &["kill"], &[]),
            "#1 detail 0.30  kill ↔ (nothing)"
        );
        assert_eq!(
            one_sided(None, &["kill"], &[]),
            "#1 detail 0.30  kill (only here)"
        );
        assert_eq!(one_sided(None, &[], &[]), "#1 detail 0.30");
    }

    #[test]
    fn phrases_are_marked_whole_and_lines_wrap() {
        let text = "she finds Min-hee immersed in a pool of blood after slitting her wrist";
        let start = text.find("pool").unwrap();
        let end = text.find(" after").unwrap();
        let lines = wrap(text, &[Span { start, end }], 30, 2);
        let rendered: Vec<(String, usize)> = lines
            .iter()
            .map(|l| render_line(l, RIGHT_MARK, "", false))
            .collect();
        let texts: Vec<&str> = rendered.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(
            texts.join("\n"),
            "she finds Min-hee immersed in\na {+pool of blood+} after\nslitting her wrist"
        );
        for (text, width) in &rendered {
            assert_eq!(text.chars().count(), *width);
            assert!(*width <= 30, "{text}");
        }
    }
}

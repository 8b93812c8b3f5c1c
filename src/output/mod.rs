//! Printers. They render what search returns and decide nothing about what matched.
//! Every printer writes to any `io::Write`, so tests can capture output.

pub mod diff;
pub mod json;
pub mod text;

/// ANSI styles used by the text printer (the same roles as ripgrep's defaults).
pub mod style {
    pub const PATH: &str = "\x1b[35m";
    pub const LINE: &str = "\x1b[32m";
    pub const SECTION: &str = "\x1b[1m";
    pub const MATCH: &str = "\x1b[1;31m";
    pub const DIM: &str = "\x1b[2m";
    pub const DIFFER: &str = "\x1b[1;33m";
    pub const RESET: &str = "\x1b[0m";
}

//! `rashomon.works`: a file in a folder that says which work its documents belong to.
//!
//! ```text
//! # one line per file, or `*` for every document in this folder
//! recap-a.txt: Ballerina (2023)
//! *: Ballerina (2023)
//! ```
//!
//! A line naming a file beats `*`; a document's own front matter (`work: ...`) beats both.
//! Blank lines and lines starting with `#` are comments.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The name of the file, in a folder, that declares its documents' works.
pub const WORKS_FILE: &str = "rashomon.works";

/// One folder's declarations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declared {
    by_name: HashMap<String, String>,
    every: Option<String>,
}

impl Declared {
    /// Reads `text` as a `rashomon.works` file; lines that are not `NAME: WORK` are left
    /// out, as are the line numbers of those, returned for a warning.
    pub fn parse(text: &str) -> (Declared, Vec<usize>) {
        let mut out = Declared::default();
        let mut bad = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once(':').map(|(a, b)| (a.trim(), b.trim())) {
                Some(("*", work)) if !work.is_empty() => out.every = Some(work.to_owned()),
                Some((name, work)) if !name.is_empty() && !work.is_empty() => {
                    out.by_name.insert(name.to_owned(), work.to_owned());
                }
                _ => bad.push(n + 1),
            }
        }
        (out, bad)
    }

    /// The work declared for the file named `name` in this folder.
    pub fn work_of(&self, name: &str) -> Option<&str> {
        self.by_name
            .get(name)
            .or(self.every.as_ref())
            .map(String::as_str)
    }
}

/// The declarations of each folder, read once per folder.
#[derive(Debug, Default)]
pub struct Folders {
    read: HashMap<PathBuf, Declared>,
}

/// What reading a folder's `rashomon.works` found wrong: its path and bad line numbers.
pub type Complaint = (PathBuf, Vec<usize>);

impl Folders {
    /// The work declared for the file at `path` ("" when none), and a complaint the first
    /// time a folder's file has lines that do not parse.
    pub fn work_of(&mut self, path: &Path) -> (String, Option<Complaint>) {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut complaint = None;
        let declared = self.read.entry(folder.clone()).or_insert_with(|| {
            let file = folder.join(WORKS_FILE);
            match std::fs::read_to_string(&file) {
                Ok(text) => {
                    let (declared, bad) = Declared::parse(&text);
                    if !bad.is_empty() {
                        complaint = Some((file, bad));
                    }
                    declared
                }
                Err(_) => Declared::default(),
            }
        });
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let work = declared.work_of(&name).unwrap_or_default().to_owned();
        (work, complaint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_beat_the_star_and_bad_lines_are_reported() {
        let (d, bad) =
            Declared::parse("# works\n\na.txt: Ballerina (2023)\n*: Other\nnonsense\nb.md:\n");
        assert_eq!(d.work_of("a.txt"), Some("Ballerina (2023)"));
        assert_eq!(d.work_of("c.txt"), Some("Other"));
        assert_eq!(bad, vec![5, 6]);
        let (d, _) = Declared::parse("a.txt: A\n");
        assert_eq!(d.work_of("b.txt"), None);
    }

    #[test]
    fn folders_read_their_own_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join(WORKS_FILE), "*: Top\nx.txt: Named\n").unwrap();
        let mut folders = Folders::default();
        assert_eq!(folders.work_of(&dir.path().join("x.txt")).0, "Named");
        assert_eq!(folders.work_of(&dir.path().join("y.txt")).0, "Top");
        assert_eq!(folders.work_of(&dir.path().join("sub/y.txt")).0, "");
    }
}

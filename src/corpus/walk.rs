//! Finding the documents under the paths given to `ingest`.
//!
//! Every `.txt` and `.md` file below a folder is a document; a file named directly is a
//! document whatever its extension. Hidden files and folders (names starting with `.`) are
//! passed over, and symbolic links below a folder are not followed, so a walk never leaves
//! its root (a link named directly is followed).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file to ingest.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// The file's path relative to the folder it was found under (its name when it was
    /// named directly), with `/` separators.
    pub name: String,
}

/// What a walk found: the files, the folders walked (documents that were in the index
/// under them and are gone now are removed), the folders under them that could not be
/// read (whose documents are kept as they are), and the notes worth telling the user.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<Found>,
    pub dirs: Vec<PathBuf>,
    pub unreadable: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `roots` in sorted order.
pub fn walk(roots: &[PathBuf]) -> Result<Walk> {
    let mut out = Walk::default();
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
        if meta.is_file() {
            let name = root
                .file_name()
                .map_or_else(|| slash_path(root), |n| n.to_string_lossy().into_owned());
            out.files.push(Found {
                path: root.clone(),
                name,
            });
            continue;
        }
        out.dirs.push(root.clone());
        let entries = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    out.unreadable.push(path.clone());
                    out.skipped.push((path, format!("cannot read: {e}")));
                    continue;
                }
            };
            let ft = entry.file_type();
            // A link named directly is followed: the user asked for it.
            if ft.is_symlink() && entry.depth() > 0 {
                if is_document(entry.path()) || entry.path().is_dir() {
                    out.skipped.push((
                        entry.path().to_path_buf(),
                        "symbolic link, not followed".into(),
                    ));
                }
                continue;
            }
            if ft.is_file() && is_document(entry.path()) {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                out.files.push(Found {
                    path: entry.path().to_path_buf(),
                    name: slash_path(rel),
                });
            }
        }
    }
    Ok(out)
}

/// How a path is shown and keyed in the index: relative to `base` (the folder holding the
/// index, normally the project) when it lies under it, else absolute. Keys do not depend on
/// the directory rashomon is run from, so the same file is never indexed twice.
pub fn display_path(base: &Path, path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    match abs.strip_prefix(base) {
        Ok(rel) => slash_path(rel),
        Err(_) => abs.to_string_lossy().into_owned(),
    }
}

//! Ingest: incremental re-runs, bad input, and an ingest killed midway.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::Sandbox;

/// Every hit of a broad search, checked for duplicates.
fn all_claims(sb: &Sandbox, query: &str) -> Vec<common::JsonHit> {
    let hits = sb.search(query, &[]);
    let unique: HashSet<(String, usize)> = hits.iter().map(|h| (h.path.clone(), h.start)).collect();
    assert_eq!(unique.len(), hits.len(), "no unit is indexed twice");
    hits
}

#[test]
fn reingest_is_incremental_and_never_duplicates() {
    let sb = Sandbox::with_shipped_corpus();
    let first = sb.ingest(&[]);
    assert!(
        first.starts_with("2 documents, 20 paragraphs, 138 claims"),
        "{first}"
    );
    assert!(first.contains("2 added"), "{first}");
    let before = all_claims(&sb, "Choi").len();

    let again = sb.ingest(&[]);
    assert!(
        again.starts_with("2 documents, 20 paragraphs, 138 claims"),
        "{again}"
    );
    assert!(
        again.contains("0 added, 0 updated, 2 unchanged, 0 removed"),
        "{again}"
    );
    // The same folder named another way is the same documents.
    let other_spelling = sb.ingest(&["./corpus/"]);
    assert!(other_spelling.contains("2 unchanged"), "{other_spelling}");
    assert_eq!(all_claims(&sb, "Choi").len(), before);

    // A changed file is replaced.
    sb.write(
        "corpus/000_8bf98b6dfac8ce34.txt",
        "Chef Choi owns a zeppelin.\n".as_bytes(),
    );
    let changed = sb.ingest(&[]);
    assert!(changed.contains("1 updated, 1 unchanged"), "{changed}");
    assert_eq!(
        sb.texts("zeppelin", &[]),
        vec!["Chef Choi owns a zeppelin."]
    );
    assert!(sb.search("bathtub", &[]).is_empty(), "the old text is gone");

    // A new file is added, a removed one is deleted.
    sb.write("corpus/extra.md", b"# Extra\n\nThe zeppelin landed.\n");
    std::fs::remove_file(sb.path("corpus/003_224a62d9c3892ef0.txt")).unwrap();
    let moved = sb.ingest(&[]);
    assert!(moved.starts_with("2 documents"), "{moved}");
    assert!(
        moved.contains("1 added, 0 updated, 1 unchanged, 1 removed"),
        "{moved}"
    );
    assert!(sb.search("Lamborghini", &[]).is_empty());
    assert_eq!(all_claims(&sb, "zeppelin").len(), 2);

    // --rebuild starts over and ends in the same place.
    let rebuilt = sb.run_ok(&["ingest", "--rebuild"], 0).0;
    assert!(
        rebuilt.starts_with("2 documents") && rebuilt.contains("2 added"),
        "{rebuilt}"
    );
    assert_eq!(all_claims(&sb, "zeppelin").len(), 2);
}

/// The counts an ingest prints are kept up to date as documents come and go rather than
/// read back from the index: after every kind of change they must be what `verify` counts
/// in the index itself.
#[test]
fn the_counts_ingest_prints_are_the_index_counts() {
    let sb = Sandbox::empty();
    sb.write_recaps("a", 3, 900);
    sb.write_recaps("b", 2, 700);
    let counts = |line: &str| line.split(", ").take(3).collect::<Vec<_>>().join(", ");
    let check = |args: &[&str], documents: &str| {
        let printed = sb.run_ok(args, 0).0;
        let (verified, _) = sb.run_ok(&["verify"], 0);
        let verified = verified
            .split(": ")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        assert_eq!(counts(&printed), verified, "{args:?}: {printed}");
        assert!(printed.starts_with(documents), "{args:?}: {printed}");
    };
    check(&["ingest", "a", "b"], "5 documents");
    sb.write(
        "a/recap_0000.txt",
        b"Recap zero, rewritten.\n\nChoi leaves. Ok-ju stays.\n",
    );
    check(&["ingest", "a", "b"], "5 documents");
    sb.write(
        "b/sub/new.txt",
        b"A new account.\n\nIt says little. Choi returns.\n",
    );
    check(&["ingest", "a", "b"], "6 documents");
    std::fs::remove_file(sb.path("a/recap_0001.txt")).unwrap();
    sb.write("b/recap_0001.txt", b"MZ\x00\x01 no longer text");
    check(&["ingest", "a", "b"], "4 documents");
    // Only `a` is walked: `b`'s documents stay, and count.
    sb.write("a/recap_0002.txt", b"Changed again.\n");
    check(&["ingest", "a"], "4 documents");
    check(&["ingest", "--rebuild", "a"], "2 documents");
}

#[test]
fn folders_are_walked_recursively_and_hidden_files_skipped() {
    let sb = Sandbox::empty();
    sb.write("c/work-a/one.txt", b"Alpha claim here.\n");
    sb.write("c/work-b/two.md", b"Alpha claim there.\n");
    sb.write("c/.hidden/three.txt", b"Alpha hidden.\n");
    sb.write("c/notes.csv", b"Alpha,csv\n");
    let out = sb.ingest(&["c"]);
    assert!(out.starts_with("2 documents"), "{out}");
    let docs: HashSet<String> = sb.search("alpha", &[]).into_iter().map(|h| h.doc).collect();
    assert_eq!(
        docs,
        HashSet::from(["work-a/one.txt".to_owned(), "work-b/two.md".to_owned()])
    );
}

#[test]
fn bad_input_is_skipped_or_decoded_with_warnings() {
    let sb = Sandbox::empty();
    sb.write("bad/binary.txt", b"MZ\x00\x01\x02 not text at all");
    // "Café crème. “Quoted” text." in Windows-1252.
    let latin1 = b"Caf\xE9 cr\xE8me was served.\n\n\x93Quoted\x94 text follows here.\n";
    sb.write("bad/latin1.txt", latin1);
    let bom_crlf = "\u{FEFF}Heading Line\r\n\r\nFirst line of the recap.\r\nSecond line, same paragraph.\r\n\r\nAnother paragraph here.\r\n";
    sb.write("bad/bom_crlf.txt", bom_crlf.as_bytes());
    sb.write("bad/empty.txt", b"");
    sb.write("bad/utf16.txt", b"\xFF\xFEh\x00i\x00");

    let (out, err) = sb.run_ok(&["ingest", "bad"], 0);
    assert!(
        out.starts_with("3 documents"),
        "binary and UTF-16 skipped, empty kept: {out}"
    );
    assert!(out.contains("2 skipped"), "{out}");
    assert!(err.contains("bad/binary.txt: binary file"), "{err}");
    assert!(err.contains("bad/utf16.txt: UTF-16"), "{err}");
    assert!(
        err.contains("bad/latin1.txt: not valid UTF-8; read as Windows-1252"),
        "{err}"
    );
    assert!(!err.contains("empty.txt"), "an empty file is fine: {err}");

    let hits = sb.search("creme", &[]);
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.text, "Café crème was served.");
    assert_eq!(h.marked(), vec!["crème"]);
    assert_eq!(
        &latin1[h.start..h.end],
        b"Caf\xE9 cr\xE8me was served.",
        "offsets are bytes of the original file"
    );
    let quoted = &sb.search("quoted", &[])[0];
    assert_eq!(quoted.text, "“Quoted” text follows here.");
    assert_eq!((quoted.line, quoted.column), (3, 1));
    assert_eq!(
        &latin1[quoted.start..quoted.end],
        b"\x93Quoted\x94 text follows here."
    );

    let hits = sb.search("paragraph", &["--unit", "paragraph"]);
    assert_eq!(hits.len(), 2);
    let first = hits.iter().find(|h| h.text.starts_with("First")).unwrap();
    assert_eq!(
        first.text,
        "First line of the recap.\r\nSecond line, same paragraph."
    );
    assert_eq!(
        &bom_crlf.as_bytes()[first.start..first.end],
        first.text.as_bytes()
    );
    assert_eq!((first.line, first.column), (3, 1));
    assert_eq!(first.section.as_deref(), Some("Heading Line"));
    let second_claim = &sb.search("second", &[])[0];
    assert_eq!(second_claim.text, "Second line, same paragraph.");
    assert_eq!(second_claim.line, 4);
}

/// Every record fills the section and claim columns (schema `Place`), so "no section" and
/// "not a claim" are values there; they must read back as absent, and an empty heading as
/// an empty section.
#[test]
fn units_without_a_section_or_a_claim_read_back_so() {
    let sb = Sandbox::empty();
    let text = "Choi opens this recap in a paragraph far too long to read as its title, \
        and a second clause follows.\n\n#\n\nChoi waits under an empty heading.\n\n\
        ## Real heading\n\nChoi returns.\n";
    sb.write("w/a.txt", text.as_bytes());
    sb.run_ok(&["ingest", "w"], 0);
    for unit in ["claim", "paragraph"] {
        let mut hits = sb.search("choi", &["--unit", unit]);
        hits.sort_by_key(|h| h.paragraph);
        let found: Vec<(u64, Option<&str>, Option<u64>)> = hits
            .iter()
            .map(|h| (h.paragraph, h.section.as_deref(), h.claim))
            .collect();
        let claim = (unit == "claim").then_some(1);
        assert_eq!(
            found,
            vec![
                (1, None, claim),
                (2, Some(""), claim),
                (3, Some("Real heading"), claim)
            ],
            "{unit}"
        );
    }
}

#[test]
fn a_killed_ingest_leaves_the_last_index_usable() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    sb.write_recaps("corpus/more", 250, 40_000);

    let mut child = sb.cmd(&["ingest"]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest should still be running when killed"
    );

    // While it runs, a second ingest is refused cleanly and searches still answer.
    let (_, err) = sb.run_ok(&["ingest"], 2);
    assert!(err.contains("busy"), "{err}");
    assert_eq!(sb.texts("bathtub", &[]).len(), 1);

    child.kill().unwrap();
    child.wait().unwrap();

    // The previous commit is intact: old text found, none of the half-ingested text.
    assert_eq!(sb.texts("bathtub", &[]).len(), 1);
    assert!(sb.search("harbour", &[]).is_empty());
    // No stale lock: the next ingest runs and completes.
    let out = sb.ingest(&[]);
    assert!(out.starts_with("252 documents"), "{out}");
    assert!(!sb.search("harbour", &[]).is_empty());
}

#[test]
#[cfg(unix)]
fn symbolic_links_are_reported_and_not_followed() {
    use std::os::unix::fs::symlink;
    let sb = Sandbox::empty();
    sb.write("corpus/a.txt", b"Inside the corpus.\n");
    sb.write("outside/secret.txt", b"A secret outside the corpus.\n");
    symlink(sb.path("outside/secret.txt"), sb.path("corpus/link.txt")).unwrap();
    symlink(sb.path("outside"), sb.path("corpus/outdir")).unwrap();
    symlink(sb.path("corpus"), sb.path("corpus/loop")).unwrap();
    let (out, err) = sb.run_ok(&["ingest"], 0);
    assert!(out.starts_with("1 document,"), "{out}");
    for name in ["link.txt", "outdir", "loop"] {
        assert!(
            err.contains(&format!("corpus/{name}: symbolic link, not followed")),
            "{name}: {err}"
        );
    }
    assert!(sb.search("secret", &[]).is_empty());
}

/// Documents are stored in pieces of a few KiB; a passage is read back from the pieces it
/// spans. Every claim and paragraph of a long document with multi-byte characters placed
/// across piece boundaries reads back exactly as the file has it.
#[test]
fn passages_read_back_exactly_across_text_pieces() {
    use rashomon::corpus::UnitKind;
    use rashomon::index::IndexHandle;

    let sb = Sandbox::empty();
    let mut text = String::from("# Pieces\n\n");
    let mut n = 0;
    while text.len() < 40_000 {
        n += 1;
        // Sentences of varying length so that boundaries fall everywhere, with two- three-
        // and four-byte characters throughout.
        text.push_str(&format!(
            "Héloïse met 민희 at café number {n} 🎭 {}. ",
            "and then ".repeat(n % 7)
        ));
        if n % 9 == 0 {
            text.push_str("\n\n");
        }
    }
    sb.write("corpus/work/long.md", text.as_bytes());
    sb.ingest(&[]);
    let handle = IndexHandle::open(&sb.path("index")).expect("index opens");
    let mut lookup = handle.lookup();
    let path = "corpus/work/long.md";
    assert_eq!(lookup.whole_text(path).unwrap(), text);
    let mut checked = 0;
    for kind in [UnitKind::Claim, UnitKind::Paragraph] {
        for u in lookup.units_of(path, kind.as_str()).unwrap() {
            let want = &text[u.start as usize..u.end as usize];
            assert_eq!(lookup.text(path, u.text.clone()).unwrap(), want, "{u:?}");
            checked += 1;
        }
    }
    assert!(checked > n, "{checked} units checked");
    // Any range on character boundaries, not just unit ranges.
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for (i, &a) in bounds.iter().enumerate().step_by(97) {
        let b = bounds[(i + 12_000).min(bounds.len() - 1)];
        assert_eq!(lookup.text(path, a..b).unwrap(), &text[a..b]);
    }
}

/// Names of the segment files in the sandbox's index folder.
fn segment_files(sb: &Sandbox) -> HashSet<String> {
    std::fs::read_dir(sb.path("index"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let stem = name.split('.').next().unwrap_or_default();
            stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit())
        })
        .collect()
}

/// `--rebuild` answers exactly as the first ingest of the same corpus did, its commit
/// deletes the replaced segment's files, and files of the user's in the folder stay.
#[test]
fn a_rebuilt_index_answers_as_the_first_and_leaves_no_old_files() {
    let sb = Sandbox::with_shipped_corpus();
    sb.write(
        "corpus/other/a.md",
        "# Night\n\nThe baker hides the ledger in the oven. Nobody sees him.\n\n\
         The inspector finds it at dawn.\n"
            .as_bytes(),
    );
    sb.write(
        "corpus/other/b.md",
        "# Night\n\nThe baker burns the ledger in the oven. Nobody sees him.\n\n\
         The inspector finds ashes at noon.\n"
            .as_bytes(),
    );
    let answers = |sb: &Sandbox| -> Vec<String> {
        let mut all = Vec::new();
        for query in [
            "choi",
            "chef choi",
            "\"pool of blood\"",
            "ledger -ashes",
            "Lamborgini",
        ] {
            for unit in ["claim", "paragraph"] {
                let out = sb.run(&["search", "--json", "--unit", unit, "--", query]);
                all.push(String::from_utf8(out.stdout).unwrap());
            }
        }
        all.push(sb.run_ok(&["diff", "--json"], 0).0);
        all.push(sb.run_ok(&["compare", "--json", "ledger"], 0).0);
        all
    };
    sb.write("index/NOTES.txt", b"mine");
    let first = sb.ingest(&[]);
    assert!(first.starts_with("4 documents"), "{first}");
    let built = answers(&sb);
    assert!(built.iter().all(|a| !a.is_empty()), "{built:?}");
    let files = segment_files(&sb);
    assert!(!files.is_empty());

    let rebuilt = sb.run_ok(&["ingest", "--rebuild"], 0).0;
    assert!(rebuilt.starts_with("4 documents"), "{rebuilt}");
    assert_eq!(answers(&sb), built);
    let after = segment_files(&sb);
    assert_eq!(after.len(), files.len(), "{after:?}");
    assert!(
        after.is_disjoint(&files),
        "the replaced segment's files are gone"
    );
    sb.run_ok(&["verify"], 0);
    assert!(sb.path("index/NOTES.txt").exists());
}

/// An index of another version is discarded by `--rebuild`: its files go (tantivy's own
/// list of them), files of the user's stay, and the new index holds one segment.
#[test]
fn rebuilding_an_index_of_another_version_removes_its_files() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let old = segment_files(&sb);
    sb.write("index/NOTES.txt", b"mine");
    let meta = sb.path("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    // Another record layout: tantivy still opens it, rashomon refuses to build on it.
    let other = text.replacen("\"claim_body\"", "\"claim_text\"", 1);
    assert_ne!(other, text);
    std::fs::write(&meta, other).unwrap();
    let (_, err) = sb.run_ok(&["ingest"], 2);
    assert!(err.contains("another version"), "{err}");

    let out = sb.run_ok(&["ingest", "--rebuild"], 0).0;
    assert!(out.starts_with("2 documents"), "{out}");
    let new = segment_files(&sb);
    assert!(new.is_disjoint(&old), "old files left: {new:?}");
    assert_eq!(new.len(), old.len());
    assert!(sb.path("index/NOTES.txt").exists());
    sb.run_ok(&["verify"], 0);
}

/// A UTF-8 file with one stray byte keeps its UTF-8: only that byte is read as
/// Windows-1252, the warning says how many bytes and where, and accented words are found.
#[test]
fn a_stray_byte_in_a_utf8_file_is_repaired_alone() {
    let sb = Sandbox::empty();
    let mut bytes = "Recap\n\nOk-ju didn’t touch the crème brûlée.\n\nShe left "
        .as_bytes()
        .to_vec();
    let stray = bytes.len();
    bytes.push(0x97);
    bytes.extend_from_slice(" at dawn, “quietly”.\n".as_bytes());
    sb.write("corpus/stray.txt", &bytes);
    let (_, err) = sb.run_ok(&["ingest"], 0);
    assert!(
        err.contains(&format!(
            "1 byte not valid UTF-8 (the first at line 5, byte {stray})"
        )),
        "{err}"
    );
    let hits = sb.search("crème", &[]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].text, "Ok-ju didn’t touch the crème brûlée.");
    let hits = sb.search("dawn", &[]);
    assert_eq!(hits[0].text, "She left — at dawn, “quietly”.");
    assert_eq!(hits[0].line, 5);
    // Offsets still point into the file.
    let (start, end) = (hits[0].start, hits[0].end);
    assert_eq!(&bytes[start..end][..10], b"She left \x97");
}

/// Lines ended by a lone CR (old Mac files) are lines: line numbers count them, and a blank
/// one separates paragraphs.
#[test]
fn cr_only_line_ends_count_as_lines() {
    let sb = Sandbox::empty();
    sb.write(
        "corpus/mac.txt",
        b"Title\r\rOk-ju meets Min-hee.\rThey talk.\r\rThe bathtub scene.\r",
    );
    sb.ingest(&[]);
    let hits = sb.search("bathtub", &["--unit", "paragraph"]);
    assert_eq!(hits[0].line, 6);
    assert_eq!(hits[0].paragraph, 2);
    assert_eq!(sb.search("talk", &[])[0].line, 4);
}

/// Markdown: front matter, link destinations, HTML tags and fenced code are not indexed as
/// words; emphasis and table rules are punctuation; hits still point into the file.
#[test]
fn markdown_markup_is_not_indexed_as_words() {
    let sb = Sandbox::empty();
    let text = "---\ntitle: Ballerina (2023)\nwork: ballerina\n---\n\n\
        ## The **bath** scene\n\n\
        Ok-ju finds *Min-hee* in the [bathtub](https://example.org/stills/tub.jpg).<br>\n\n\
        | who | where |\n|-----|-------|\n| Choi | harbour |\n\n\
        ```\nlet tub = wallpaper();\n\nstill code\n```\n\nThe end, see www.reviews.net/x.\n";
    sb.write("corpus/review.md", text.as_bytes());
    sb.ingest(&[]);
    for gone in [
        "example",
        "stills",
        "jpg",
        "br",
        "wallpaper",
        "still code",
        "reviews",
        "work",
    ] {
        assert!(sb.search(gone, &[]).is_empty(), "{gone:?} is indexed");
    }
    let hit = &sb.search("bathtub", &[])[0];
    assert_eq!(hit.section.as_deref(), Some("The **bath** scene"));
    assert_eq!(&text[hit.start..hit.end], hit.text);
    assert!(
        hit.text
            .starts_with("Ok-ju finds *Min-hee* in the [bathtub](")
    );
    let highlighted: Vec<&str> = hit
        .highlights
        .iter()
        .map(|h| &hit.text[h.start..h.end])
        .collect();
    assert_eq!(highlighted, vec!["bathtub"]);
    assert_eq!(sb.search("harbour", &[]).len(), 1, "table cells are words");
}

/// A symbolic link to a folder, named directly, is followed without a word; links below a
/// folder are reported and not followed.
#[test]
fn a_link_named_directly_is_followed() {
    let sb = Sandbox::with_shipped_corpus();
    std::os::unix::fs::symlink(sb.path("corpus"), sb.path("linked")).unwrap();
    let (out, err) = sb.run_ok(&["ingest", "linked"], 0);
    assert!(out.starts_with("2 documents"), "{out}");
    assert!(!err.contains("not followed"), "{err}");
    std::os::unix::fs::symlink(sb.path("corpus"), sb.path("corpus/inner")).unwrap();
    let (_, err) = sb.run_ok(&["ingest", "corpus"], 0);
    assert!(err.contains("inner: symbolic link, not followed"), "{err}");
}

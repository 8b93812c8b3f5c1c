//! Turning a file's bytes into text, and text offsets back into file offsets.
//!
//! UTF-8 (with or without a byte-order mark) is taken as is. A file that is mostly UTF-8 but
//! holds some bytes that are not (a stray byte pasted from elsewhere) keeps its UTF-8, and
//! only those bytes are read as Windows-1252. A file that is not mostly UTF-8 is read as
//! Windows-1252 throughout, the usual encoding of legacy "Latin-1" text. Windows-1252 maps
//! every byte to one character, so nothing is lost either way. Files with NUL bytes are
//! binary and are not text. Line ends are left alone: CRLF stays in the text, so offsets
//! stay exact.

use std::ops::Range;

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 that starts with a byte-order mark (the mark is not part of the text).
    Utf8Bom,
    /// Not valid UTF-8; decoded as Windows-1252 (a superset of printable Latin-1).
    Windows1252,
    /// Mostly UTF-8 (with or without a byte-order mark), with bytes that are not: those
    /// were read as Windows-1252 ([`Source::invalid`] says how many and where).
    Utf8Repaired,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Utf8Repaired => "utf-8-repaired",
        }
    }
}

/// Why a file's bytes are not text we index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// Contains a NUL byte.
    Binary,
    /// Starts with a UTF-16 byte-order mark; not supported.
    Utf16,
}

/// Bytes of a mostly UTF-8 file that were not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidBytes {
    /// How many.
    pub count: usize,
    /// The file offset of the first.
    pub first: usize,
}

/// A decoded file: its text, and how to map text offsets back to byte offsets in the file.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub encoding: Encoding,
    /// For a mostly UTF-8 file, the bytes that were not UTF-8.
    pub invalid: Option<InvalidBytes>,
    /// Bytes of the file before the text (a byte-order mark).
    prefix: usize,
    /// Characters of the text that were one byte in the file (read as Windows-1252): the
    /// end of each in `text`, and the extra bytes the text has over the file up to there.
    widened: Vec<(usize, usize)>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Source {
    /// Decodes a file's bytes.
    pub fn decode(bytes: &[u8]) -> Result<Source, NotText> {
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            return Err(NotText::Utf16);
        }
        if bytes.contains(&0) {
            return Err(NotText::Binary);
        }
        let (body, encoding, prefix) = match bytes.strip_prefix(BOM) {
            Some(rest) => (rest, Encoding::Utf8Bom, BOM.len()),
            None => (bytes, Encoding::Utf8, 0),
        };
        if let Ok(text) = std::str::from_utf8(body) {
            return Ok(Source {
                text: text.to_owned(),
                encoding,
                invalid: None,
                prefix,
                widened: Vec::new(),
            });
        }
        if mostly_utf8(body) {
            return Ok(repaired(body, prefix));
        }
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        let mut widened = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            if c.len_utf8() > 1 {
                extra += c.len_utf8() - 1;
                widened.push((i + c.len_utf8(), extra));
            }
        }
        Ok(Source {
            text: text.into_owned(),
            encoding: Encoding::Windows1252,
            invalid: None,
            prefix: 0,
            widened,
        })
    }

    /// The byte offset in the original file of byte offset `pos` of the decoded text.
    pub fn file_offset(&self, pos: usize) -> usize {
        let seen = self.widened.partition_point(|&(end, _)| end <= pos);
        self.prefix + pos - seen.checked_sub(1).map_or(0, |k| self.widened[k].1)
    }

    /// [`Source::file_offset`] for both ends of a range.
    pub fn file_range(&self, r: &Range<usize>) -> Range<usize> {
        self.file_offset(r.start)..self.file_offset(r.end)
    }
}

/// Whether `bytes`, which are not valid UTF-8, are mostly UTF-8 all the same: they hold more
/// well-formed multi-byte characters than bytes that are not UTF-8. Text in a legacy 8-bit
/// encoding almost never forms a multi-byte UTF-8 character by chance, and a UTF-8 file with
/// a stray byte has its accents, dashes and curly quotes to outweigh it.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += chunk.invalid().len();
    }
    multibyte > invalid
}

/// `bytes` (after a prefix of `prefix` bytes) as UTF-8, with each byte that is not UTF-8
/// read as Windows-1252.
fn repaired(bytes: &[u8], prefix: usize) -> Source {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut widened = Vec::new();
    let (mut extra, mut count, mut first) = (0, 0, None);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for &b in chunk.invalid() {
            first.get_or_insert(prefix + text.len() - extra);
            count += 1;
            let byte = [b];
            let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            text.push_str(&c);
            extra += c.len() - 1;
            widened.push((text.len(), extra));
        }
    }
    Source {
        text,
        encoding: Encoding::Utf8Repaired,
        invalid: first.map(|first| InvalidBytes { count, first }),
        prefix,
        widened,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_shifts_offsets() {
        let s = Source::decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(s.text, "hello");
        assert_eq!(s.encoding, Encoding::Utf8Bom);
        assert_eq!(s.file_offset(1), 4);
    }

    #[test]
    fn latin1_is_decoded_and_offsets_map_back() {
        let bytes = b"cr\xE8me br\xFBl\xE9e \x93ok\x94";
        let s = Source::decode(bytes).unwrap();
        assert_eq!(s.text, "crème brûlée “ok”");
        assert_eq!(s.encoding, Encoding::Windows1252);
        let brulee = s.text.find("brûlée").unwrap();
        let r = s.file_range(&(brulee..brulee + "brûlée".len()));
        assert_eq!(&bytes[r], b"br\xFBl\xE9e");
        assert_eq!(s.file_offset(s.text.len()), bytes.len());
    }

    /// One stray byte in a UTF-8 file is the only thing read as Windows-1252: curly quotes
    /// and accents elsewhere stay as written, and offsets map back to the file.
    #[test]
    fn a_stray_byte_in_utf8_is_repaired_alone() {
        for bom in [&b""[..], BOM] {
            let mut bytes = bom.to_vec();
            bytes.extend_from_slice("Ok-ju didn’t eat the crème ".as_bytes());
            let stray = bytes.len();
            bytes.push(0x93);
            bytes.extend_from_slice("brûlée".as_bytes());
            let s = Source::decode(&bytes).unwrap();
            assert_eq!(s.encoding, Encoding::Utf8Repaired);
            assert_eq!(s.text, "Ok-ju didn’t eat the crème “brûlée");
            assert_eq!(
                s.invalid,
                Some(InvalidBytes {
                    count: 1,
                    first: stray
                })
            );
            let brulee = s.text.find("brûlée").unwrap();
            let r = s.file_range(&(brulee..brulee + "brûlée".len()));
            assert_eq!(&bytes[r], "brûlée".as_bytes());
            let quote = s.text.find('“').unwrap();
            assert_eq!(
                s.file_range(&(quote..quote + '“'.len_utf8())),
                stray..stray + 1
            );
            assert_eq!(s.file_offset(s.text.len()), bytes.len());
        }
    }

    /// A file whose bytes are mostly not UTF-8 is Windows-1252 throughout, even if some
    /// happen to form a UTF-8 character.
    #[test]
    fn mostly_latin1_is_latin1() {
        let bytes = b"caf\xE9 cr\xE8me na\xEFve \xC3\xA9";
        let s = Source::decode(bytes).unwrap();
        assert_eq!(s.encoding, Encoding::Windows1252);
        assert_eq!(s.text, "café crème naïve Ã©");
    }

    #[test]
    fn binary_and_utf16_are_not_text() {
        assert_eq!(Source::decode(b"ab\0cd").unwrap_err(), NotText::Binary);
        assert_eq!(Source::decode(b"\xFF\xFEa\0").unwrap_err(), NotText::Utf16);
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(Source::decode(b"").unwrap().text, "");
    }
}

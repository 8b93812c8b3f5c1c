//! Turning a file's bytes into text, and text offsets back into file offsets.
//!
//! UTF-8 (with or without a byte-order mark) is taken as is. Bytes that are not UTF-8 are
//! read as Windows-1252, the usual encoding of legacy "Latin-1" text (it maps every byte to
//! one character, so nothing is lost). Files with NUL bytes are binary and are not text.
//! Line ends are left alone: CRLF stays in the text, so offsets stay exact.

use std::ops::Range;

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 that starts with a byte-order mark (the mark is not part of the text).
    Utf8Bom,
    /// Not valid UTF-8; decoded as Windows-1252 (a superset of printable Latin-1).
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Windows1252 => "windows-1252",
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

/// A decoded file: its text, and how to map text offsets back to byte offsets in the file.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub encoding: Encoding,
    /// For Windows-1252 text: (end of a multi-byte char in `text`, total extra bytes so far).
    /// Each such char was one byte in the file.
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
        let (body, encoding) = match bytes.strip_prefix(BOM) {
            Some(rest) => (rest, Encoding::Utf8Bom),
            None => (bytes, Encoding::Utf8),
        };
        if let Ok(text) = std::str::from_utf8(body) {
            return Ok(Source {
                text: text.to_owned(),
                encoding,
                widened: Vec::new(),
            });
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
            widened,
        })
    }

    /// The byte offset in the original file of byte offset `pos` of the decoded text.
    pub fn file_offset(&self, pos: usize) -> usize {
        match self.encoding {
            Encoding::Utf8 => pos,
            Encoding::Utf8Bom => pos + BOM.len(),
            Encoding::Windows1252 => {
                let seen = self.widened.partition_point(|&(end, _)| end <= pos);
                pos - seen.checked_sub(1).map_or(0, |k| self.widened[k].1)
            }
        }
    }

    /// [`Source::file_offset`] for both ends of a range.
    pub fn file_range(&self, r: &Range<usize>) -> Range<usize> {
        self.file_offset(r.start)..self.file_offset(r.end)
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

//! The decoded text of one document and conversions from byte offsets to the
//! positions editors show.

use std::ops::Range;
use std::sync::OnceLock;

use serde::Serialize;

use super::encoding::{self, DecodeError, TextEncoding};

/// Decoded document text with its display name and a line index.
///
/// Offsets are byte offsets into [`Source::text`] everywhere in the library;
/// lines and columns are computed only at the edges, by [`Source::position`].
#[derive(Debug, Clone)]
pub struct Source {
    name: String,
    text: String,
    had_bom: bool,
    encoding: TextEncoding,
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Every [`CHECKPOINT_BYTES`] or so: (byte offset, characters before it,
    /// UTF-16 units before it). Columns are counted from the nearest one, so
    /// that positions on a line of a million characters stay cheap. Made on
    /// the first position asked for: most documents of a run have no finding.
    checkpoints: OnceLock<Vec<(usize, usize, usize)>>,
}

/// Distance between position checkpoints.
const CHECKPOINT_BYTES: usize = 4096;

/// A place in a document as reporters show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 0-based byte offset into the decoded UTF-8 text.
    pub offset: usize,
    /// 1-based line number; `\n`, `\r\n` and a lone `\r` each end a line.
    pub line: usize,
    /// 1-based column counted in Unicode scalar values.
    pub column: usize,
    /// 1-based column counted in UTF-16 code units (what LSP clients use).
    pub column_utf16: usize,
}

impl Source {
    /// Builds a source from already decoded text. A leading BOM is removed.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        let had_bom = text.starts_with('\u{FEFF}');
        if had_bom {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        Source::decoded(name.into(), text, had_bom, TextEncoding::Utf8)
    }

    /// Text as decoded, kept whole: a U+FEFF after the BOM (or in an encoding
    /// without one) is text, and fixing must write it back.
    fn decoded(name: String, text: String, had_bom: bool, encoding: TextEncoding) -> Self {
        let line_starts = line_starts(&text);
        Source {
            name,
            text,
            had_bom,
            encoding,
            line_starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// A new version of this document's text, with its name, encoding and BOM.
    pub fn with_text(&self, text: String) -> Source {
        Source::decoded(self.name.clone(), text, self.had_bom, self.encoding)
    }

    /// Decodes file bytes (UTF-8, UTF-16 with BOM or GB18030, detected),
    /// stripping a BOM.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, DecodeError> {
        Source::from_bytes_in(name, bytes, None)
    }

    /// Decodes file bytes in `encoding`, or detects it when `None`.
    pub fn from_bytes_in(
        name: impl Into<String>,
        bytes: Vec<u8>,
        encoding: Option<TextEncoding>,
    ) -> Result<Self, DecodeError> {
        // The common case, UTF-8 without BOM, keeps its buffer. Validating
        // is most of the cost of reading a notice: simdutf8 does it about 15
        // times as fast as `String::from_utf8` on Chinese text, and what it
        // rejects is decoded the slow way, with the place of the fault.
        if encoding.is_none_or(|e| e == TextEncoding::Utf8)
            && !bytes.starts_with(b"\xEF\xBB\xBF")
            && !bytes.contains(&0)
            && simdutf8::basic::from_utf8(&bytes).is_ok()
        {
            // SAFETY: `bytes` was validated as UTF-8 just above.
            let text = unsafe { String::from_utf8_unchecked(bytes) };
            return Ok(Source::decoded(
                name.into(),
                text,
                false,
                TextEncoding::Utf8,
            ));
        }
        let decoded = encoding::decode(&bytes, encoding)?;
        Ok(Source::decoded(
            name.into(),
            decoded.text,
            decoded.bom,
            decoded.encoding,
        ))
    }

    /// The encoding the document was read in.
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// `text` (a new version of this document's text) in this document's
    /// encoding, with its BOM if it had one.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        encoding::encode(text, self.encoding, self.had_bom)
    }

    /// The name shown in reports: the path as given, or `--stdin-filename`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The decoded text, without BOM.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the file started with a byte-order mark (kept when fixing).
    pub fn had_bom(&self) -> bool {
        self.had_bom
    }

    /// Number of lines; an empty text has one (empty) line.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line containing `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Byte range of a line (0-based index) without its terminator.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts[index];
        let end = match self.line_starts.get(index + 1) {
            Some(&next) => {
                let bytes = self.text.as_bytes();
                let mut end = next;
                if end > start && bytes[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > start && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                end
            }
            None => self.text.len(),
        };
        start..end
    }

    /// The line, column and UTF-16 column of a byte offset.
    ///
    /// An offset inside a line terminator or past the end is clamped to the
    /// end of its line; one inside a multi-byte character to its start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self.line_index(offset);
        let line = self.line_range(index);
        let offset_in_line = offset.min(line.end);
        let (line_chars, line_units) = self.counts_before(line.start);
        let (chars, units) = self.counts_before(offset_in_line);
        Position {
            offset,
            line: index + 1,
            column: chars - line_chars + 1,
            column_utf16: units - line_units + 1,
        }
    }

    /// Characters and UTF-16 units before a char-boundary `offset`.
    fn counts_before(&self, offset: usize) -> (usize, usize) {
        let checkpoints = self.checkpoints.get_or_init(|| checkpoints(&self.text));
        let k = checkpoints
            .partition_point(|c| c.0 <= offset)
            .saturating_sub(1);
        let (at, chars, units) = checkpoints.get(k).copied().unwrap_or((0, 0, 0));
        let (more_chars, more_units) = count(&self.text[at..offset]);
        (chars + more_chars, units + more_units)
    }
}

/// Largest char boundary not after `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn count(text: &str) -> (usize, usize) {
    text.chars()
        .fold((0, 0), |(c, u), ch| (c + 1, u + ch.len_utf16()))
}

fn checkpoints(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = vec![(0, 0, 0)];
    let (mut at, mut chars, mut units) = (0, 0, 0);
    while text.len() - at > CHECKPOINT_BYTES {
        let next = floor_char_boundary(text, at + CHECKPOINT_BYTES);
        let (c, u) = count(&text[at..next]);
        chars += c;
        units += u;
        at = next;
        out.push((at, chars, units));
    }
    out
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            starts.push(i + 1);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(source: &Source, offset: usize) -> (usize, usize, usize) {
        let p = source.position(offset);
        (p.line, p.column, p.column_utf16)
    }

    #[test]
    fn positions_on_a_long_line_use_checkpoints() {
        let text = format!("𠮷{}x\n{}y", "字a".repeat(5000), "b".repeat(9000));
        let s = Source::new("a", text.clone());
        for offset in [0, 4, 4097, 8191, 20004, text.len() - 1, text.len()] {
            let offset = floor_char_boundary(&text, offset);
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..offset];
            let p = s.position(offset);
            assert_eq!(p.column, before.chars().count() + 1, "{offset}");
            assert_eq!(
                p.column_utf16,
                before.encode_utf16().count() + 1,
                "{offset}"
            );
        }
    }

    #[test]
    fn ascii_positions() {
        let s = Source::new("a", "ab\ncd");
        assert_eq!(pos(&s, 0), (1, 1, 1));
        assert_eq!(pos(&s, 4), (2, 2, 2));
        assert_eq!(pos(&s, 5), (2, 3, 3));
    }

    #[test]
    fn cjk_and_astral_columns() {
        // 𠮷 is one scalar but two UTF-16 units.
        let s = Source::new("a", "一𠮷二");
        let after_astral = "一𠮷".len();
        assert_eq!(pos(&s, after_astral), (1, 3, 4));
        assert_eq!(pos(&s, "一".len()), (1, 2, 2));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let s = Source::new("a", "一\r\n二\r三\n四");
        assert_eq!(s.line_count(), 4);
        assert_eq!(pos(&s, "一\r\n".len()), (2, 1, 1));
        assert_eq!(pos(&s, "一\r\n二\r".len()), (3, 1, 1));
        assert_eq!(s.line_range(0), 0.."一".len());
        assert_eq!(s.line_range(1), 5..8);
        // An offset on the terminator is clamped to the end of the line.
        assert_eq!(pos(&s, "一\r".len()), (1, 2, 2));
    }

    #[test]
    fn bom_is_stripped_and_remembered() {
        let s = Source::from_bytes("a", b"\xEF\xBB\xBFab".to_vec()).unwrap();
        assert_eq!(s.text(), "ab");
        assert!(s.had_bom());
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let err = Source::from_bytes("a", b"ab\xFFcd".to_vec()).unwrap_err();
        let gb18030_offset = 2;
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                offset: 2,
                gb18030_offset
            }
        );
    }

    #[test]
    fn a_damaged_gbk_file_names_its_bad_byte_too() {
        // 巡察 in GBK (D1 B2 B2 EC), then a lead byte followed by a byte no
        // GB18030 character has as its second (0x7F). As UTF-8, D1 B2 is a
        // character (U+0472) and the second B2 is the first invalid byte.
        let bytes = b"\xD1\xB2\xB2\xEC ok \x81\x7F".to_vec();
        let err = Source::from_bytes("a", bytes).unwrap_err();
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                offset: 2,
                gb18030_offset: 8
            }
        );
        assert!(
            err.to_string()
                .contains("GB18030 (invalid byte at offset 8)"),
            "{err}"
        );
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let s = Source::new("a", "一二");
        assert_eq!(pos(&s, 1), (1, 1, 1));
        assert_eq!(pos(&s, 100), (1, 3, 3));
    }

    #[test]
    fn empty_text_has_one_line() {
        let s = Source::new("a", "");
        assert_eq!(s.line_count(), 1);
        assert_eq!(pos(&s, 0), (1, 1, 1));
    }
}

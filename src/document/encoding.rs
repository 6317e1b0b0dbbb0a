//! Character encodings of documents: UTF-8 (with or without BOM), UTF-16 with
//! a BOM, and GB18030/GBK, which many Chinese Windows tools still save.
//!
//! Detection: a BOM decides; otherwise valid UTF-8 is UTF-8; otherwise text
//! that decodes as GB18030 without a single malformed sequence is GB18030.
//! Bytes with NUL in them and no UTF-16 BOM are a binary file, not a document.
//! Text is written back in the encoding it was read in, BOM included.

use encoding_rs::{DecoderResult, Encoding, GB18030};
use thiserror::Error;

/// An encoding noticelint reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8.
    Utf8,
    /// UTF-16, little endian.
    Utf16Le,
    /// UTF-16, big endian.
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
}

/// Names accepted by `--encoding`.
pub const ENCODING_NAMES: &[&str] = &["utf-8", "utf-16le", "utf-16be", "gb18030", "gbk", "gb2312"];

impl TextEncoding {
    /// Reads a name as `--encoding` takes it (case-insensitive; `gbk` and
    /// `gb2312` read as their superset GB18030).
    pub fn from_name(name: &str) -> Option<TextEncoding> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "utf-16le" | "utf16le" => Some(TextEncoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(TextEncoding::Utf16Be),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(TextEncoding::Gb18030),
            _ => None,
        }
    }

    /// The encoding's usual name.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }

    fn bom(self) -> &'static [u8] {
        match self {
            TextEncoding::Utf8 => b"\xEF\xBB\xBF",
            TextEncoding::Utf16Le => b"\xFF\xFE",
            TextEncoding::Utf16Be => b"\xFE\xFF",
            TextEncoding::Gb18030 => b"",
        }
    }

    fn encoding_rs(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Gb18030 => GB18030,
        }
    }
}

/// Why bytes could not be read as a document.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8, and not GB18030 either. Both offsets are given: a damaged
    /// UTF-8 file fails as GB18030 somewhere, and a damaged GB18030 file
    /// fails as UTF-8 at its first Chinese character.
    #[error(
        "neither valid UTF-8 (invalid byte at offset {offset}) nor valid GB18030 (invalid byte at offset {gb18030_offset}); give the encoding with --encoding"
    )]
    InvalidUtf8 {
        /// Offset of the first invalid UTF-8 byte, counted in the file (BOM included).
        offset: usize,
        /// Offset of the first byte invalid in GB18030.
        gb18030_offset: usize,
    },
    /// Not valid in the encoding given or announced by a BOM.
    #[error("not valid {encoding}: invalid byte at offset {offset}")]
    Malformed {
        /// The encoding.
        encoding: &'static str,
        /// Offset of the first invalid byte, counted in the file.
        offset: usize,
    },
    /// A NUL byte in a file without a UTF-16 BOM: not a text document.
    #[error("binary file (NUL byte at offset {offset})")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
}

/// Decoded text and how to write it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without BOM.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: TextEncoding,
    /// Whether the file started with a BOM.
    pub bom: bool,
}

/// Decodes document bytes, detecting the encoding unless `forced`.
pub fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Result<Decoded, DecodeError> {
    let sniffed = [
        TextEncoding::Utf8,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
    ]
    .into_iter()
    .find(|e| bytes.starts_with(e.bom()));
    let (encoding, bom) = match (forced, sniffed) {
        (Some(forced), Some(found)) if forced == found => (forced, true),
        (Some(forced), _) => (forced, false),
        (None, Some(found)) => (found, true),
        (None, None) => {
            if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                return Err(DecodeError::Binary { offset });
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => {
                    return Ok(Decoded {
                        text: text.to_owned(),
                        encoding: TextEncoding::Utf8,
                        bom: false,
                    });
                }
                Err(e) => {
                    return strict_or_offset(bytes, 0, TextEncoding::Gb18030)
                        .map(|text| Decoded {
                            text,
                            encoding: TextEncoding::Gb18030,
                            bom: false,
                        })
                        .map_err(|gb18030_offset| DecodeError::InvalidUtf8 {
                            offset: e.valid_up_to(),
                            gb18030_offset,
                        });
                }
            }
        }
    };
    let skip = if bom { encoding.bom().len() } else { 0 };
    let text = strict(&bytes[skip..], skip, encoding)?;
    Ok(Decoded {
        text,
        encoding,
        bom,
    })
}

/// Decodes `bytes` (which start at `base` in the file) with no replacement.
fn strict(bytes: &[u8], base: usize, encoding: TextEncoding) -> Result<String, DecodeError> {
    strict_or_offset(bytes, base, encoding).map_err(|offset| DecodeError::Malformed {
        encoding: encoding.name(),
        offset,
    })
}

/// [`strict`], failing with the offset of the first invalid byte.
fn strict_or_offset(bytes: &[u8], base: usize, encoding: TextEncoding) -> Result<String, usize> {
    let mut decoder = encoding.encoding_rs().new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, extra) => {
            Err(base + read - usize::from(bad) - usize::from(extra))
        }
        // The buffer was sized for the worst case.
        DecoderResult::OutputFull => Err(base + read),
    }
}

/// Encodes `text` in `encoding`, with a BOM when `bom`.
pub fn encode(text: &str, encoding: TextEncoding, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(encoding.bom());
    }
    match encoding {
        TextEncoding::Utf8 => out.extend_from_slice(text.as_bytes()),
        // encoding_rs only encodes to UTF-8 for UTF-16 labels: do it by hand.
        TextEncoding::Utf16Le => text
            .encode_utf16()
            .for_each(|u| out.extend(u.to_le_bytes())),
        TextEncoding::Utf16Be => text
            .encode_utf16()
            .for_each(|u| out.extend(u.to_be_bytes())),
        TextEncoding::Gb18030 => out.extend_from_slice(&GB18030.encode(text).0),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "截至目前，𠮷已完成。\r\n第二行";

    #[test]
    fn round_trips_every_encoding() {
        for encoding in [
            TextEncoding::Utf8,
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
            TextEncoding::Gb18030,
        ] {
            let bom = encoding != TextEncoding::Gb18030;
            for with_bom in [false, bom] {
                let bytes = encode(TEXT, encoding, with_bom);
                // UTF-16 without a BOM is only read when forced.
                let forced = (!with_bom
                    && encoding != TextEncoding::Utf8
                    && encoding != TextEncoding::Gb18030)
                    .then_some(encoding);
                let decoded = decode(&bytes, forced).unwrap();
                assert_eq!(decoded.text, TEXT, "{encoding:?}");
                assert_eq!(decoded.encoding, encoding);
                assert_eq!(decoded.bom, with_bom);
                assert_eq!(encode(&decoded.text, decoded.encoding, decoded.bom), bytes);
            }
        }
    }

    #[test]
    fn gbk_bytes_are_detected() {
        // "整改" in GBK.
        let decoded = decode(b"\xd5\xfb\xb8\xc4", None).unwrap();
        assert_eq!(decoded.text, "整改");
        assert_eq!(decoded.encoding, TextEncoding::Gb18030);
    }

    #[test]
    fn undecodable_and_binary_bytes_name_the_offset() {
        // 0xFF is neither UTF-8 nor the lead of a GB18030 sequence.
        assert_eq!(
            decode(b"ab\xff\xffcd", None),
            Err(DecodeError::InvalidUtf8 {
                offset: 2,
                gb18030_offset: 2
            })
        );
        assert_eq!(
            decode(b"ab\0cd", None),
            Err(DecodeError::Binary { offset: 2 })
        );
        assert_eq!(
            decode(b"ok\xff", Some(TextEncoding::Utf8)),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                offset: 2
            })
        );
        // A lone surrogate in UTF-16.
        assert_eq!(
            decode(b"\xff\xfea\x00\x00\xd8b\x00", None),
            Err(DecodeError::Malformed {
                encoding: "UTF-16LE",
                offset: 4
            })
        );
    }

    #[test]
    fn names() {
        assert_eq!(TextEncoding::from_name("GBK"), Some(TextEncoding::Gb18030));
        assert_eq!(TextEncoding::from_name("utf_8"), Some(TextEncoding::Utf8));
        assert_eq!(TextEncoding::from_name("latin1"), None);
    }
}

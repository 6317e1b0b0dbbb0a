//! Checks shared by the fuzz targets: what must hold for every input, so that
//! a violation crashes the target like a panic would. The invariants are those
//! of the property tests, from the same file.

use noticelint::Format;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

pub use invariants::{assert_diagnostics, assert_document, assert_span};

/// Markdown when the first byte is odd: lets the fuzzer flip the format
/// with one bit while the seeds (`#`, `-` start Markdown; CJK text) read as
/// they are written.
pub fn format_of(data: &[u8]) -> Format {
    if data.first().is_some_and(|b| b & 1 == 1) {
        Format::Markdown
    } else {
        Format::Text
    }
}

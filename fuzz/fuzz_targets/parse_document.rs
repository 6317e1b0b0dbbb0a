//! Bytes → decoding (UTF-8, UTF-16, GB18030) → plain-text and Markdown parse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noticelint::{Document, Format, Source};
use noticelint_fuzz::assert_document;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("d", data.to_vec()) else {
        return;
    };
    for format in [Format::Text, Format::Markdown] {
        let doc = Document::parse(source.clone(), format);
        assert_document(&doc);
        let text = doc.text();
        for offset in [0, text.len() / 2, text.len()] {
            let _ = doc.source().position(offset);
        }
    }
});

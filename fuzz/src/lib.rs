//! Checks shared by the fuzz targets: what must hold for every input, so that
//! a violation crashes the target like a panic would.

use std::ops::Range;

use noticelint::{Diagnostic, Document, Format, Source};

/// `span` lies within `text`, on character boundaries.
pub fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
}

/// Every range of a parsed document lies within its text.
pub fn assert_document(doc: &Document) {
    let text = doc.text();
    for block in doc.blocks() {
        assert_span(text, &block.range, "block");
    }
    for section in doc.sections() {
        assert_span(text, &section.heading, "heading");
        assert_span(text, &section.range, "section");
    }
    if let Some(range) = doc.front_matter() {
        assert_span(text, &range, "front matter");
    }
}

/// Every span of every finding lies within the text, positions can be
/// computed for it, and applying the fixes gives a text that parses again.
pub fn assert_diagnostics(doc: &Document, diagnostics: &[Diagnostic]) {
    let source = doc.source();
    let text = source.text();
    for d in diagnostics {
        assert_span(text, &d.primary, &d.rule);
        for label in &d.labels {
            assert_span(text, &label.span, &d.rule);
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert_span(text, &edit.span, &d.rule);
        }
        let _ = source.position(d.primary.start);
        let _ = source.position(d.primary.end);
    }
    let (fixed, _) = noticelint::fix::apply(text, diagnostics);
    let _ = Document::parse(Source::new(source.name(), fixed), doc.format());
}

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

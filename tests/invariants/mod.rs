//! What must hold for every document and every finding, whatever the input:
//! checked by the property tests (`tests/properties.rs`) and by the fuzz
//! targets (`fuzz/`), which include this file, so that both check the same.

use std::ops::Range;

use noticelint::{Diagnostic, Document, Source};

/// `span` lies within `text`, on character boundaries.
pub fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside 0..{} of {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries of {text:?}"
    );
}

/// Every range of a parsed document lies within its text, and sections
/// name parents that exist.
pub fn assert_document(doc: &Document) {
    let text = doc.text();
    for block in doc.blocks() {
        assert_span(text, &block.range, "block");
    }
    for section in doc.sections() {
        assert_span(text, &section.heading, "heading");
        assert_span(text, &section.range, "section");
        if let Some(parent) = section.parent {
            assert!(parent < doc.sections().len());
        }
    }
    if let Some(range) = doc.front_matter() {
        assert_span(text, &range, "front matter");
    }
}

/// Every span of every finding lies within the text on character
/// boundaries, its positions come in order, and applying the fixes gives a
/// text that parses again.
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
        let start = source.position(d.primary.start);
        let end = source.position(d.primary.end);
        assert!(
            (start.line, start.column) <= (end.line, end.column),
            "{d:?}"
        );
    }
    let (fixed, _) = noticelint::fix::apply(text, diagnostics);
    assert_document(&Document::parse(
        Source::new(source.name(), fixed),
        doc.format(),
    ));
}

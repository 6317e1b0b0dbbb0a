//! Applying fixes: every fix whose edits do not overlap another's, pass after
//! pass (linting again in between) until nothing is left to fix, at most
//! [`MAX_PASSES`] times.
//!
//! Fixes are only attached to findings when applying them is safe, so every
//! fix is applied; two fixes that touch the same text cannot both be applied
//! in one pass, and the later one waits for the next pass, where it is
//! recomputed on the new text. What is still fixable after the last pass is
//! reported as not applied.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::pack::PackSet;
use crate::{LintOptions, Linted, lint_document};

/// Bound on lint-and-fix passes; a chain of fixes longer than this is unusual.
pub const MAX_PASSES: usize = 10;

/// The result of fixing one document.
#[derive(Debug)]
pub struct Fixed {
    /// The document after fixing.
    pub document: Document,
    /// What the rules find in it.
    pub linted: Linted,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Findings of the fixed text that still carry a fix: fixes that conflicted
    /// with others until the last pass.
    pub unapplied: usize,
}

/// Fixes `doc` with `packs` until stable.
pub fn fix_document(doc: Document, packs: &PackSet, options: &LintOptions) -> Fixed {
    let format = doc.format();
    let mut document = doc;
    let mut linted = lint_document(&document, packs, options);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let (text, count) = apply(document.text(), &linted.diagnostics);
        if count == 0 || text == document.text() {
            break;
        }
        applied += count;
        document = Document::parse(document.source().with_text(text), format);
        linted = lint_document(&document, packs, options);
    }
    let unapplied = linted
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .count();
    Fixed {
        document,
        linted,
        applied,
        unapplied,
    }
}

/// Applies the fixes of `diagnostics` that fit together: in order of position,
/// each fix whose edits lie after the previous accepted fix's (and on
/// character boundaries). Returns the new text and the number of fixes applied.
pub fn apply(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut fixes: Vec<(Range<usize>, &Diagnostic)> = diagnostics
        .iter()
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let start = fix.edits.iter().map(|e| e.span.start).min()?;
            let end = fix.edits.iter().map(|e| e.span.end).max()?;
            let valid = fix.edits.iter().all(|e| {
                e.span.start <= e.span.end
                    && text.is_char_boundary(e.span.start)
                    && text.is_char_boundary(e.span.end)
            });
            valid.then_some((start..end, d))
        })
        .collect();
    fixes.sort_by_key(|(extent, _)| (extent.start, extent.end));
    let mut accepted: Vec<&Diagnostic> = Vec::new();
    // End of the last accepted fix, and whether it ended with an insertion there.
    let mut last: Option<(usize, bool)> = None;
    for (extent, diagnostic) in fixes {
        let conflicts = match last {
            None => false,
            Some((end, inserted)) => {
                extent.start < end || (extent.start == end && inserted && extent.is_empty())
            }
        };
        if conflicts {
            continue;
        }
        last = Some((extent.end, extent.is_empty()));
        accepted.push(diagnostic);
    }
    let mut edits: Vec<(&Range<usize>, &str)> = accepted
        .iter()
        .flat_map(|d| d.fix.iter().flat_map(|f| &f.edits))
        .map(|e| (&e.span, e.replacement.as_str()))
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in edits {
        // Edits of one fix are disjoint by construction; guard anyway.
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(replacement);
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, accepted.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix, Severity};

    fn with_fix(edits: &[(Range<usize>, &str)]) -> Diagnostic {
        let mut d = Diagnostic::new("t/r", Severity::Error, "m", edits[0].0.clone());
        d.fix = Some(Fix {
            edits: edits
                .iter()
                .map(|(span, r)| Edit {
                    span: span.clone(),
                    replacement: (*r).to_owned(),
                })
                .collect(),
        });
        d
    }

    #[test]
    fn applies_disjoint_fixes_and_skips_overlaps() {
        let text = "甲,乙(丙)丁";
        let comma = with_fix(&[(3..4, "，")]);
        let parens = with_fix(&[(7..8, "（"), (11..12, "）")]);
        // Inside the parens' fix, which starts first: waits for another pass.
        let overlapping = with_fix(&[(8..11, "X")]);
        let (fixed, count) = apply(text, &[parens.clone(), overlapping, comma]);
        assert_eq!(fixed, "甲，乙（丙）丁");
        assert_eq!(count, 2);
    }

    #[test]
    fn two_insertions_at_one_place_are_one() {
        let a = with_fix(&[(3..3, "。")]);
        let b = with_fix(&[(3..3, "。")]);
        assert_eq!(apply("甲乙", &[a, b]), ("甲。乙".to_owned(), 1));
    }

    #[test]
    fn edits_off_char_boundaries_are_not_applied() {
        let bad = with_fix(&[(1..2, "x")]);
        assert_eq!(apply("𠮷", &[bad]), ("𠮷".to_owned(), 0));
    }
}

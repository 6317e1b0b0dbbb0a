//! `--format rdjson`: reviewdog's Diagnostic Format (`DiagnosticResult` as
//! JSON), for `reviewdog -f=rdjson`.
//!
//! Columns are 1-based UTF-8 byte offsets within the line, as rdjson defines
//! them (`a𐐀b`: `b` is column 6), not the character columns of the other
//! formats; ends are exclusive. A fix becomes one suggestion per edit.

use std::io;
use std::ops::Range;

use serde::Serialize;
use serde_json::value::RawValue;

use super::project_url;
use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Source;

#[derive(Serialize)]
struct DiagnosticResult {
    source: RdSource,
    diagnostics: Vec<Box<RawValue>>,
}

#[derive(Serialize)]
struct RdSource {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'static str>,
}

#[derive(Serialize)]
struct RdDiagnostic<'a> {
    message: &'a str,
    location: RdLocation<'a>,
    severity: &'static str,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct RdLocation<'a> {
    path: &'a str,
    range: RdRange,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: RdRange,
    text: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
struct RdRange {
    start: RdPosition,
    end: RdPosition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
struct RdPosition {
    line: usize,
    /// 1-based byte offset within the line.
    column: usize,
}

/// Line and byte column of an offset, clamped as [`Source::position`] clamps
/// (into the line, onto a character boundary).
fn position(source: &Source, offset: usize) -> RdPosition {
    let p = source.position(offset);
    let line = source.line_range(p.line - 1);
    RdPosition {
        line: p.line,
        column: p.offset.min(line.end) - line.start + 1,
    }
}

fn range(source: &Source, span: &Range<usize>) -> RdRange {
    RdRange {
        start: position(source, span.start),
        end: position(source, span.end),
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

fn diagnostic<'a>(source: &Source, path: &'a str, d: &'a Diagnostic) -> RdDiagnostic<'a> {
    RdDiagnostic {
        message: &d.message,
        location: RdLocation {
            path,
            range: range(source, &d.primary),
        },
        severity: severity(d.severity),
        code: Code {
            value: &d.rule,
            url: d.url.as_deref(),
        },
        suggestions: d
            .fix
            .iter()
            .flat_map(|fix| &fix.edits)
            .map(|edit| Suggestion {
                range: range(source, &edit.span),
                text: &edit.replacement,
            })
            .collect(),
    }
}

/// One file's diagnostics, rendered at their place in the result.
pub(super) fn fragments(report: &FileReport) -> io::Result<Vec<Box<RawValue>>> {
    let Some(source) = &report.source else {
        return Ok(Vec::new());
    };
    report
        .diagnostics
        .iter()
        .map(|d| super::raw_json(&diagnostic(source, &report.path, d), 4))
        .collect()
}

/// The result with an empty `diagnostics` array, which [`super::Stream`] fills.
pub(super) fn envelope() -> io::Result<String> {
    let result = DiagnosticResult {
        source: RdSource {
            name: env!("CARGO_PKG_NAME"),
            url: project_url(),
        },
        diagnostics: Vec::new(),
    };
    Ok(serde_json::to_string_pretty(&result)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_utf8_bytes_within_the_line() {
        let source = Source::new("a", "x\r\n一𠮷b");
        let b = "x\r\n一𠮷".len();
        assert_eq!(
            range(&source, &(b..b + 1)),
            RdRange {
                start: RdPosition { line: 2, column: 8 },
                end: RdPosition { line: 2, column: 9 },
            }
        );
        // Inside CRLF and past the end: clamped, never a panic.
        assert_eq!(position(&source, 2), RdPosition { line: 1, column: 2 });
        assert_eq!(position(&source, 99), RdPosition { line: 2, column: 9 });
    }
}

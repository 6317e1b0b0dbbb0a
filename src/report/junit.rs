//! `--format junit`: JUnit XML for CI test report views.
//!
//! One `<testsuite name="noticelint">` with one `<testcase>` per linted file.
//! A file fails when it has errors, the findings that fail a run: its
//! `<failure>` lists them, one `line:col [rule] message` a line. Warnings and
//! infos do not fail a test case; they are listed in its `<system-out>`.

use std::io::{self, Write};

use super::plural;
use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Source;

/// Whether `c` may appear in an XML 1.0 document at all (its `Char`
/// production); others cannot even be written as character references.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes `text` for XML 1.0 content or, with `attribute`, for a quoted
/// attribute value (where tab and line breaks are written as references, as
/// parsers would otherwise turn them into spaces). Characters XML 1.0 does not
/// allow are removed.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| is_xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// One finding as a line of a listing; line breaks in the message become
/// spaces so that each finding stays on its line.
fn line(source: &Source, d: &Diagnostic, with_severity: bool) -> String {
    let p = source.position(d.primary.start);
    let message = d.message.replace("\r\n", " ").replace(['\r', '\n'], " ");
    if with_severity {
        format!(
            "{}:{} {} [{}] {message}",
            p.line, p.column, d.severity, d.rule
        )
    } else {
        format!("{}:{} [{}] {message}", p.line, p.column, d.rule)
    }
}

/// One file's `<testcase>` element, and whether it fails.
pub(super) fn case(report: &FileReport) -> (String, bool) {
    use std::fmt::Write as _;
    let name = escape(&report.path, true);
    let Some(source) = report
        .source
        .as_ref()
        .filter(|_| !report.diagnostics.is_empty())
    else {
        return (
            format!("    <testcase classname=\"noticelint\" name=\"{name}\"/>\n"),
            false,
        );
    };
    let mut out = format!("    <testcase classname=\"noticelint\" name=\"{name}\">\n");
    let (errors, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = report
        .diagnostics
        .iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        let listing: Vec<String> = errors.iter().map(|d| line(source, d, false)).collect();
        let _ = writeln!(
            out,
            r#"      <failure message="{}" type="error">{}</failure>"#,
            escape(&plural(errors.len(), "error"), true),
            escape(&listing.join("\n"), false)
        );
    }
    if !others.is_empty() {
        let listing: Vec<String> = others.iter().map(|d| line(source, d, true)).collect();
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape(&listing.join("\n"), false)
        );
    }
    out.push_str("    </testcase>\n");
    (out, !errors.is_empty())
}

/// Writes the document around the test cases.
pub(super) fn finish(cases: &[String], failures: usize, out: &mut dyn Write) -> io::Result<()> {
    let tests = cases.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="noticelint" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="noticelint" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
    )?;
    for case in cases {
        out.write_all(case.as_bytes())?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape(r#"a&b<c>d"e'f"#, false),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\u{FFFE}d\u{7}", false), "abcd");
        assert_eq!(escape("a\tb\nc", false), "a\tb\nc");
        assert_eq!(escape("a\tb\nc\r", true), "a&#9;b&#10;c&#13;");
        assert_eq!(escape("通报𠮷", true), "通报𠮷");
    }
}

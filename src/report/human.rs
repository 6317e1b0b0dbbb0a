//! Human output: miette graphical reports over windowed excerpts, a summary line.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::{Summary, plural};
use crate::check::FileReport;
use crate::coverage;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Source;
use crate::excerpt::Excerpt;

/// Presentation choices for human output.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// Whether to emit ANSI colours.
    pub color: bool,
}

/// One finding as a miette diagnostic over an excerpt of its document.
#[derive(Debug)]
struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    excerpt: Excerpt,
    labels: Vec<LabeledSpan>,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Renders one finding as text: `error[pack/rule]: message`, the excerpt with
/// `[path:line:column]` (column in characters), labels and help.
pub fn render_diagnostic(
    source: &Source,
    diagnostic: &Diagnostic,
    options: &HumanOptions,
) -> String {
    let mut spans = vec![diagnostic.primary.clone()];
    spans.extend(diagnostic.labels.iter().map(|l| l.span.clone()));
    let (excerpt, mapped) = Excerpt::new(source, &spans);
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(diagnostic.primary_label.clone().unwrap_or_default()).filter(|l| !l.is_empty()),
        mapped[0],
    )];
    labels.extend(
        diagnostic
            .labels
            .iter()
            .zip(&mapped[1..])
            .map(|(label, span)| LabeledSpan::new_with_span(Some(label.message.clone()), *span)),
    );
    let rendered = Rendered {
        diagnostic,
        excerpt,
        labels,
    };
    let mut theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let header = format!("{}[{}]:", diagnostic.severity, diagnostic.rule);
    theme.characters.error = header.clone();
    theme.characters.warning = header.clone();
    theme.characters.advice = header;
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(usize::MAX / 4)
        .with_links(false)
        .with_context_lines(0);
    let mut out = String::new();
    if handler.render_report(&mut out, &rendered).is_err() {
        // Rendering only fails on a span the excerpt cannot show; never lose the finding.
        let p = source.position(diagnostic.primary.start);
        out = format!(
            "{}[{}]: {}\n  --> {}:{}:{}\n",
            diagnostic.severity,
            diagnostic.rule,
            diagnostic.message,
            source.name(),
            p.line,
            p.column
        );
    }
    out
}

/// The closing line: `2 errors, 1 warning in 3 files (1 suppressed).`; the
/// suppressed count only when there are some.
pub fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file");
    let suppressed = if summary.suppressed > 0 {
        format!(" ({} suppressed)", summary.suppressed)
    } else {
        String::new()
    };
    if summary.errors + summary.warnings + summary.infos == 0 {
        return format!("No problems found in {files}{suppressed}.");
    }
    let mut parts = vec![plural(summary.errors, "error")];
    if summary.warnings > 0 {
        parts.push(plural(summary.warnings, "warning"));
    }
    if summary.infos > 0 {
        parts.push(plural(summary.infos, "info"));
    }
    format!("{} in {files}{suppressed}.", parts.join(", "))
}

/// Writes one file's findings and its coverage line.
pub(super) fn file(
    report: &FileReport,
    out: &mut dyn Write,
    options: &HumanOptions,
) -> io::Result<()> {
    if let Some(source) = &report.source {
        for diagnostic in &report.diagnostics {
            out.write_all(render_diagnostic(source, diagnostic, options).as_bytes())?;
            writeln!(out)?;
        }
    }
    if let Some(line) = report.coverage.as_deref().and_then(coverage::summary) {
        writeln!(out, "{}: {line}", report.path)?;
        if !report.diagnostics.is_empty() {
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Writes the closing summary line.
pub(super) fn finish(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", summary_line(summary))
}

//! `--format jsonl`: one finding per line, each with its `path`.

use std::io::{self, Write};

use serde::Serialize;

use super::json::{JsonDiagnostic, file_diagnostics};
use crate::check::FileReport;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: JsonDiagnostic<'a>,
}

/// Writes one line per finding of one file.
pub(super) fn file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in file_diagnostics(report) {
        serde_json::to_writer(
            &mut *out,
            &Line {
                path: &report.path,
                diagnostic,
            },
        )?;
        writeln!(out)?;
    }
    Ok(())
}

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

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
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
    }
    Ok(())
}

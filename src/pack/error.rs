//! Errors in rule packs, reported with the file, line and column at fault.

use std::ops::Range;

use miette::{Diagnostic, SourceSpan};
use serde_saphyr::Location;
use thiserror::Error;

use crate::document::Source;
use crate::excerpt::Excerpt;

/// Anything that stops a pack from loading.
#[derive(Debug, Error, Diagnostic)]
pub enum PackError {
    /// The pack file could not be read.
    #[error("cannot read pack `{path}`: {error}")]
    Read {
        /// The path as given.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// `--pack NAME` names neither a built-in pack nor a file.
    #[error("unknown pack `{name}`")]
    #[diagnostic(help("{help}"))]
    Unknown {
        /// The name given.
        name: String,
        /// Which packs exist.
        help: String,
    },
    /// The pack is defective at a known place.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidPack>),
}

/// A defect at a place in a pack file.
#[derive(Debug, Error, Diagnostic)]
#[error("invalid {what} {location}: {message}")]
pub struct InvalidPack {
    /// What kind of file: `pack` or `feedback list`.
    pub what: &'static str,
    /// What is wrong.
    pub message: String,
    /// `file:line:column`, columns in characters.
    pub location: String,
    #[source_code]
    excerpt: Excerpt,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

impl PackError {
    /// The name of the source the defect is in, when it has a place.
    pub fn source_name(&self) -> Option<&str> {
        match self {
            PackError::Invalid(invalid) => Some(invalid.excerpt.name()),
            PackError::Read { .. } | PackError::Unknown { .. } => None,
        }
    }

    /// A defect at `span` (byte range) of `source`.
    pub fn at(
        source: &Source,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> PackError {
        let position = source.position(span.start);
        let (excerpt, spans) = Excerpt::new(source, std::slice::from_ref(&span));
        PackError::Invalid(Box::new(InvalidPack {
            what: "pack",
            message: message.into(),
            location: format!("{}:{}:{}", source.name(), position.line, position.column),
            excerpt,
            span: spans[0],
            label: label.into(),
            help,
        }))
    }

    /// The same error about another kind of YAML file (`feedback list`).
    pub fn about(self, what: &'static str) -> PackError {
        match self {
            PackError::Invalid(mut invalid) => {
                invalid.what = what;
                PackError::Invalid(invalid)
            }
            other => other,
        }
    }

    /// A defect at a YAML value.
    pub fn at_value(
        source: &Source,
        location: &Location,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> PackError {
        PackError::at(source, span_of(source, location), message, label, help)
    }

    /// Converts a YAML or schema error.
    pub fn from_yaml(source: &Source, error: &serde_saphyr::Error) -> PackError {
        let span = error.location().map_or(0..0, |l| span_of(source, &l));
        PackError::at(source, span, super::yaml::message(error), "here", None)
    }
}

/// Byte range of a YAML node's location (empty at its start when the length
/// is unknown).
pub fn span_of(source: &Source, location: &Location) -> Range<usize> {
    let span = location.span();
    if let Some(offset) = span.byte_offset() {
        let start = (offset as usize).min(source.text().len());
        let len = span.byte_len().unwrap_or(0) as usize;
        return start..(start + len).min(source.text().len());
    }
    if location.line() == 0 {
        return 0..0;
    }
    let line = (location.line() as usize - 1).min(source.line_count() - 1);
    let range = source.line_range(line);
    let start = source.text()[range.clone()]
        .char_indices()
        .nth(location.column().saturating_sub(1) as usize)
        .map_or(range.end, |(i, _)| range.start + i);
    start..start
}

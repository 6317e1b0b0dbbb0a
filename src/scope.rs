//! Where in a document a rule looks: a part of the outline, everything from a
//! part to the end, or the sections whose heading matches a pattern.

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::document::{Document, Source};
use crate::outline::Outline;
use crate::pack::{PackError, pattern, span_of};

/// YAML form: exactly one of the keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeOptions {
    /// A part of the outline, by its id in `required_sections`.
    section: Option<Spanned<String>>,
    /// From the start of that part to the end of the document.
    after_section: Option<Spanned<String>>,
    /// Every section whose heading matches.
    heading: Option<Spanned<String>>,
}

/// A compiled scope.
#[derive(Debug, Clone)]
pub enum Scope {
    /// The whole document.
    Whole,
    /// One part of the outline.
    Section(String),
    /// From a part of the outline to the end.
    AfterSection(String),
    /// Sections whose heading matches.
    Heading(Regex),
}

/// A name a rule refers to, checked once the whole pack is loaded.
#[derive(Debug, Clone)]
pub struct Reference {
    /// What kind of name.
    pub kind: ReferenceKind,
    /// The name.
    pub name: String,
    /// Where it is written in the pack.
    pub span: Range<usize>,
}

/// Kinds of names rules refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    /// A section id of `required_sections`.
    Section,
    /// An anchor name.
    Anchor,
}

impl Reference {
    /// A reference to the value of a YAML string.
    pub fn to(kind: ReferenceKind, source: &Source, value: &Spanned<String>) -> Reference {
        Reference {
            kind,
            name: value.value.clone(),
            span: span_of(source, &value.referenced),
        }
    }
}

impl Scope {
    /// Compiles the YAML form; `None` means the whole document.
    pub fn compile(
        options: Option<Spanned<ScopeOptions>>,
        source: &Source,
        references: &mut Vec<Reference>,
    ) -> Result<Scope, PackError> {
        let Some(options) = options else {
            return Ok(Scope::Whole);
        };
        match (
            options.value.section,
            options.value.after_section,
            options.value.heading,
        ) {
            (Some(id), None, None) => {
                references.push(Reference::to(ReferenceKind::Section, source, &id));
                Ok(Scope::Section(id.value))
            }
            (None, Some(id), None) => {
                references.push(Reference::to(ReferenceKind::Section, source, &id));
                Ok(Scope::AfterSection(id.value))
            }
            (None, None, Some(heading)) => Ok(Scope::Heading(pattern::compile(source, &heading)?)),
            _ => Err(PackError::at_value(
                source,
                &options.referenced,
                "a scope needs exactly one of `section`, `after_section` or `heading`",
                "in this scope",
                None,
            )),
        }
    }

    /// The byte ranges the scope covers in `doc` (empty when its part is missing).
    pub fn ranges(&self, doc: &Document, outline: &Outline) -> Vec<Range<usize>> {
        match self {
            Scope::Whole => std::iter::once(0..doc.text().len()).collect(),
            Scope::Section(id) => outline
                .get(id)
                .map(|f| f.range.clone())
                .into_iter()
                .collect(),
            Scope::AfterSection(id) => outline
                .get(id)
                .map(|f| f.heading.start..doc.text().len())
                .into_iter()
                .collect(),
            Scope::Heading(regex) => doc
                .sections()
                .iter()
                .filter(|s| regex.is_match(doc.slice(s.heading.clone())))
                .map(|s| s.range.clone())
                .collect(),
        }
    }

    /// The heading of the scope's part (the first, for a heading pattern), where
    /// findings about the part as a whole belong; `None` for the whole document
    /// or a missing part.
    pub fn heading(&self, doc: &Document, outline: &Outline) -> Option<Range<usize>> {
        match self {
            Scope::Whole => None,
            Scope::Section(id) | Scope::AfterSection(id) => {
                outline.get(id).map(|f| f.heading.clone())
            }
            Scope::Heading(regex) => doc
                .sections()
                .iter()
                .find(|s| regex.is_match(doc.slice(s.heading.clone())))
                .map(|s| s.heading.clone()),
        }
    }

    /// Whether `span` lies inside one of `ranges`.
    pub fn contains(ranges: &[Range<usize>], span: &Range<usize>) -> bool {
        ranges
            .iter()
            .any(|r| r.start <= span.start && span.end <= r.end)
    }
}

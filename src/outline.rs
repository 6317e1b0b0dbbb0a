//! The outline packs expect (title, preamble, parts 一 二 三 …) and where each
//! part is found in a document. Resolved once per document, before any rule
//! runs, so that rules can scope themselves to a part by its id.

use std::ops::Range;

use regex::Regex;

use crate::document::Document;

/// How a part of the outline is recognised.
#[derive(Debug, Clone)]
pub enum SectionMatcher {
    /// A section whose heading matches, optionally at a given heading level.
    Heading {
        /// Matched against the heading text (marker included).
        regex: Regex,
        /// Numbering level (`一、`=1 … `①`=5), or Markdown level for un-numbered headings.
        level: Option<u8>,
    },
    /// The first block (paragraph or heading) whose text matches.
    Paragraph(Regex),
}

/// One expected part of a document.
#[derive(Debug, Clone)]
pub struct SectionSpec {
    /// Id other rules use as a scope.
    pub id: String,
    /// Name used in messages.
    pub name: String,
    /// How it is found.
    pub matcher: SectionMatcher,
    /// Minimum number of non-blank characters in its body.
    pub min_chars: Option<usize>,
    /// Message when missing.
    pub message: Option<String>,
    /// Help when missing.
    pub help: Option<String>,
}

/// Where an expected part is in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSection {
    /// The heading, or the whole paragraph for paragraph matchers.
    pub heading: Range<usize>,
    /// Everything the part covers.
    pub range: Range<usize>,
}

impl FoundSection {
    /// The part after the heading.
    pub fn body(&self) -> Range<usize> {
        self.heading.end..self.range.end
    }
}

/// The expected parts found in one document.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    found: Vec<(String, FoundSection)>,
}

impl Outline {
    /// Finds each spec's part: the first section or block that matches.
    pub fn resolve(doc: &Document, specs: &[SectionSpec]) -> Outline {
        let mut found = Vec::new();
        for spec in specs {
            if found.iter().any(|(id, _)| id == &spec.id) {
                continue;
            }
            if let Some(part) = find(doc, &spec.matcher) {
                found.push((spec.id.clone(), part));
            }
        }
        Outline { found }
    }

    /// The part with this id, if the document has it.
    pub fn get(&self, id: &str) -> Option<&FoundSection> {
        self.found.iter().find(|(i, _)| i == id).map(|(_, f)| f)
    }
}

fn find(doc: &Document, matcher: &SectionMatcher) -> Option<FoundSection> {
    match matcher {
        SectionMatcher::Heading { regex, level } => doc
            .sections()
            .iter()
            .find(|s| {
                level.is_none_or(|l| s.level == l) && regex.is_match(doc.slice(s.heading.clone()))
            })
            .map(|s| FoundSection {
                heading: s.heading.clone(),
                range: s.range.clone(),
            }),
        SectionMatcher::Paragraph(regex) => doc
            .blocks()
            .iter()
            .find(|b| regex.is_match(doc.slice(b.range.clone())))
            .map(|b| FoundSection {
                heading: b.range.clone(),
                range: b.range.clone(),
            }),
    }
}
